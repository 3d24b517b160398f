//! The help screen: every binding of every screen, from the same table the hint bar uses.

use ratatui::Frame;

use crate::tui::view::Layer;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::geometry::centered;
use crate::tui::keys::{Context, help_rows};

/// Room for a key column: `  Bksp/[    ` and a space.
const KEYS: usize = 13;

/// The help's lines at the help box's inner `width`, each sentence wrapped under its own column
/// (at 80x24 most do not fit on one line); with the line each context's section starts at.
pub fn lines(app: &App, width: usize) -> (Vec<Line<'static>>, Vec<(Context, usize)>) {
    let theme = app.theme;
    let mut lines = Vec::new();
    let mut starts = Vec::new();
    let room = width.saturating_sub(KEYS).max(20);
    for context in Context::ALL {
        starts.push((context, lines.len()));
        lines.push(Line::styled(context.title(), theme.heading()));
        for (keys, help) in help_rows(context) {
            for (i, part) in crate::format::wrap(help, room).into_iter().enumerate() {
                let keys = if i == 0 { keys } else { "" };
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys:<10} "), theme.key()),
                    Span::raw(part),
                ]));
            }
        }
        lines.push(Line::raw(""));
    }
    let marks = [
        "Marks: » on-ramp (a learner can start here), « off-ramp (leads straight into a job); \
         ══> integrated, ──> sequential.",
        "✓ the learner can start here now (once the learner panel has her levels or scores).",
        "Kinds: E education, T training, W work-based learning, J job; then the stage's level.",
    ];
    for text in marks {
        for part in crate::format::wrap(text, width.max(20)) {
            lines.push(Line::styled(part, theme.dim()));
        }
    }
    (lines, starts)
}

fn outer(app: &App) -> ratatui::layout::Rect {
    let full = ratatui::layout::Rect::new(0, 0, app.width, app.height);
    centered(full, 130, app.height.saturating_sub(2))
}

fn inner(app: &App) -> ratatui::layout::Rect {
    Block::default().borders(Borders::ALL).inner(outer(app))
}

/// How far the help scrolls before its last line is at the bottom.
pub fn scroll_room(app: &App) -> usize {
    let inner = inner(app);
    lines(app, usize::from(inner.width))
        .0
        .len()
        .saturating_sub(usize::from(inner.height))
}

/// Where the help starts when opened over `context`: at that screen's own keys.
pub fn scroll_to(app: &App, context: Context) -> usize {
    let (_, starts) = lines(app, usize::from(inner(app).width));
    let at = starts
        .iter()
        .find(|(c, _)| *c == context)
        .map_or(0, |(_, at)| *at);
    at.min(scroll_room(app))
}

pub fn draw(app: &App, scroll: usize, frame: &mut Frame, layer: Layer) {
    let area = outer(app);
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(true))
        .title(" Help: every key ")
        .title_bottom(crate::tui::view::screen_hint_line(app, layer));
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    let (lines, _) = lines(app, usize::from(inner(app).width));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
