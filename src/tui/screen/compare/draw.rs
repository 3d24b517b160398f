//! Two pinned routes side by side. The same facts sit on the same rows on both sides (a value
//! that wraps takes the rows it needs on both), so a counselor reads across.

use ratatui::Frame;

use crate::tui::view::Layer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::format::wrap;
use crate::sanitize::clean;
use crate::tui::app::App;
use crate::tui::geometry::centered;
use crate::tui::screen::compare::{Facts, PIN_ANOTHER, facts, side};
use crate::tui::theme::Theme;

/// The label column: "Integrated" and a space.
const LABEL: usize = 11;

fn outer(app: &App) -> Rect {
    let full = Rect::new(0, 0, app.width, app.height);
    centered(full, 160, app.height.saturating_sub(2))
}

/// The two columns inside the box.
fn columns(app: &App) -> [Rect; 2] {
    let inner = Block::default().borders(Borders::ALL).inner(outer(app));
    Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
        .spacing(2)
        .areas(inner)
}

/// How many rows the comparison can scroll down before its end is in view.
pub fn scroll_room(app: &App) -> usize {
    let [left, _] = columns(app);
    let (a, b) = sides(app, usize::from(left.width));
    a.len().max(b.len()).saturating_sub(usize::from(left.height))
}

/// Both sides as lines of `width` columns, row for row.
fn sides(app: &App, width: usize) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let p = &app.pathways;
    let pins = &app.pins.pins;
    let a = pins.first().map(|pin| facts(p, pin, pins.get(1), app.area));
    let b = pins.get(1).map(|pin| facts(p, pin, pins.first(), app.area));
    let theme = app.theme;
    let mut left = Vec::new();
    let mut right = Vec::new();
    // Each block takes as many rows as the taller side needs.
    let mut even = |l: Vec<Line<'static>>, r: Vec<Line<'static>>| {
        left.extend(l);
        right.extend(r);
        left.resize(left.len().max(right.len()), Line::raw(""));
        right.resize(left.len(), Line::raw(""));
    };
    let title = |i: usize, f: Option<&Facts>| match f {
        Some(f) => wrap(&format!("{}  {}", side(i), clean(&f.title)), width)
            .into_iter()
            .map(|l| Line::styled(l, theme.title()))
            .collect(),
        None => wrap(&format!("{}  {PIN_ANOTHER}", side(i)), width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim()))
            .collect(),
    };
    even(title(0, a.as_ref()), title(1, b.as_ref()));
    let rows = a.as_ref().map_or(0, |f| f.rows.len());
    for i in 0..rows {
        even(row(a.as_ref(), i, width, theme), row(b.as_ref(), i, width, theme));
    }
    even(vec![Line::raw("")], vec![Line::raw("")]);
    let list =
        |f: Option<&Facts>, head: &'static str, items: fn(&Facts) -> &Vec<String>| -> Vec<Line<'static>> {
            let Some(f) = f else { return Vec::new() };
            let mut out = vec![Line::styled(head, theme.heading())];
            for item in items(f) {
                for (j, l) in wrap(&clean(item), width.saturating_sub(2))
                    .into_iter()
                    .enumerate()
                {
                    let indent = if j == 0 { "  " } else { "     " };
                    out.push(Line::raw(format!("{indent}{l}")));
                }
            }
            out
        };
    even(
        list(a.as_ref(), "Segments", |f| &f.segments),
        list(b.as_ref(), "Segments", |f| &f.segments),
    );
    even(vec![Line::raw("")], vec![Line::raw("")]);
    even(
        list(a.as_ref(), "Steps (wage of each job)", |f| &f.steps),
        list(b.as_ref(), "Steps (wage of each job)", |f| &f.steps),
    );
    (left, right)
}

/// Fact `i` of one side: its label, then its value wrapped beside it.
fn row(f: Option<&Facts>, i: usize, width: usize, theme: Theme) -> Vec<Line<'static>> {
    let Some((label, value)) = f.and_then(|f| f.rows.get(i)) else {
        return Vec::new();
    };
    wrap(&clean(value), width.saturating_sub(LABEL))
        .into_iter()
        .enumerate()
        .map(|(j, l)| {
            let head = if j == 0 { *label } else { "" };
            Line::from(vec![
                Span::styled(format!("{head:<LABEL$}"), theme.title()),
                Span::raw(l),
            ])
        })
        .collect()
}

pub fn draw(app: &App, scroll: usize, frame: &mut Frame, layer: Layer) {
    let area = outer(app);
    frame.render_widget(Clear, area);
    let wages = crate::domain::wages::layer().label(app.area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(true))
        .title(format!(" Compare · wages: {wages} "))
        .title_bottom(crate::tui::view::screen_hint_line(app, layer));
    frame.render_widget(block, area);
    let [left, right] = columns(app);
    let (a, b) = sides(app, usize::from(left.width));
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(a).scroll((scroll, 0)), left);
    frame.render_widget(Paragraph::new(b).scroll((scroll, 0)), right);
}
