//! The area picker popup: the query, and the matching areas, best first.

use ratatui::Frame;

use crate::tui::view::Layer;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::domain::wages::{AreaKind, layer};
use crate::format::tail;
use crate::sanitize::clean;
use crate::tui::app::App;
use crate::tui::geometry::centered;
use crate::tui::rows::scroll_offset;
use crate::tui::screen::area::AreaPicker;

/// The areas in view in a window `height` rows high: a page for PgUp/PgDn.
pub fn page(height: u16) -> usize {
    usize::from(height.saturating_sub(4).saturating_sub(4))
}

pub fn draw(app: &App, picker: &AreaPicker, frame: &mut Frame, shown: Layer) {
    let theme = app.theme;
    let l = layer();
    let area = centered(frame.area(), 70, frame.area().height.saturating_sub(4));
    frame.render_widget(Clear, area);
    let status = if picker.matches.is_empty() {
        format!("No area matches '{}'", clean(&picker.query))
    } else {
        format!(
            "Now: {}. Type a state, postal code or area name.",
            l.label(app.area)
        )
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Area: ", theme.title()),
            // The end of a long query stays in view: it is where one types.
            Span::raw(tail(
                &clean(&picker.query),
                usize::from(area.width).saturating_sub(6 + 3),
            )),
            Span::styled("▏", theme.key()),
        ]),
        Line::styled(status, theme.dim()),
    ];
    let height = page(frame.area().height);
    let offset = scroll_offset(picker.selected, picker.matches.len(), height);
    for (i, &id) in picker.matches.iter().enumerate().skip(offset).take(height) {
        let a = l.area(id);
        let selected = i == picker.selected;
        let base = if selected { theme.selected() } else { Style::new() };
        let kind = match a.kind {
            AreaKind::Nation => "nation",
            AreaKind::State => "state",
            AreaKind::Metro => "metro area",
            AreaKind::Nonmetro => "nonmetro area",
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{}{}", if selected { "> " } else { "  " }, a.name), base),
            Span::styled(format!("  ({kind})"), theme.dim().patch(base)),
        ]));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(format!(" Wages: {} ", l.citation()))
        .title_bottom(crate::tui::view::screen_hint_line(app, shown));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
