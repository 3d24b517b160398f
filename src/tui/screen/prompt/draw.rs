//! A one-line question (a test score, a file name, "replace it?") over whatever screen is up.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::sanitize::clean;
use crate::tui::app::{App, Prompt};
use crate::tui::geometry::centered;

pub fn draw(app: &App, prompt: &Prompt, frame: &mut Frame) {
    let theme = app.theme;
    let area = centered(frame.area(), 100, 6);
    frame.render_widget(Clear, area);
    let mut lines = vec![
        Line::styled(clean(&prompt.question(app.plan_lang)).into_owned(), theme.title()),
        if prompt.is_choice() {
            // Not a text field: the keys that answer it are the box's hint line.
            Line::raw("")
        } else {
            Line::from(vec![
                Span::raw(format!("> {}", clean(&prompt.text))),
                Span::styled("▏", theme.key()),
            ])
        },
    ];
    if let Some(error) = &prompt.error {
        lines.push(Line::styled(clean(error).into_owned(), theme.error()));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title_bottom(crate::tui::view::hint_line(app));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
