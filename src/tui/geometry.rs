//! Where each pane sits: one pure function of the window size, shared by drawing and the mouse.

use ratatui::layout::{Constraint, Layout, Rect};

/// The smallest window the explorer is drawn in; below it a short message asks for more room.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub trail: Rect,
    pub list: Rect,
    pub details: Rect,
    pub transitions: Rect,
    pub hints: Rect,
}

impl Areas {
    pub fn new(area: Rect) -> Areas {
        let [header, trail, body, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(4),
            Constraint::Min(6),
            Constraint::Length(1),
        ])
        .areas(area);
        let [list, right] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)]).areas(body);
        let [details, transitions] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(right);
        Areas {
            header,
            trail,
            list,
            details,
            transitions,
            hints,
        }
    }
}

/// A centred rectangle of at most `width` x `height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
