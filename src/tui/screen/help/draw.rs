//! The help screen: every binding of every screen, from the same table the hint bar uses.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::geometry::centered;
use crate::tui::keys::{Context, help_rows};

pub fn lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.theme;
    let mut lines = Vec::new();
    for context in Context::ALL {
        lines.push(Line::styled(context.title(), theme.heading()));
        for (keys, help) in help_rows(context) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<10} "), theme.key()),
                Span::raw(help),
            ]));
        }
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        "Marks: » on-ramp (a learner can start here), « off-ramp (leads straight into a job); \
         ══> integrated, ──> sequential.",
        theme.dim(),
    ));
    lines.push(Line::styled(
        "       ✓ the learner can start here now (once the learner panel has her levels or scores).",
        theme.dim(),
    ));
    lines
}

fn outer(app: &App) -> ratatui::layout::Rect {
    let full = ratatui::layout::Rect::new(0, 0, app.width, app.height);
    centered(full, 130, app.height.saturating_sub(2))
}

/// How far the help scrolls before its last line is at the bottom.
pub fn scroll_room(app: &App) -> usize {
    let inner = Block::default().borders(Borders::ALL).inner(outer(app));
    lines(app).len().saturating_sub(usize::from(inner.height))
}

pub fn draw(app: &App, scroll: usize, frame: &mut Frame) {
    let area = outer(app);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(true))
        .title(" Help: every key ")
        .title_bottom(crate::tui::view::hint_line(app));
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines(app)).block(block).scroll((scroll, 0)), area);
}
