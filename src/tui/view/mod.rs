//! Drawing: a pure function of the `App`, so every screen can be tested on `TestBackend`.

pub mod audit;
pub mod explorer;
pub mod help;
pub mod layout;
pub mod map;
pub mod prompt;
pub mod routes;
pub mod search;
pub mod trail;

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Screen};
use super::keys::hints;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if app.too_small() {
        let text = vec![
            Line::from("Please enlarge the window"),
            Line::from(format!(
                "(at least {}x{}; now {}x{})",
                layout::MIN_WIDTH,
                layout::MIN_HEIGHT,
                area.width,
                area.height
            )),
            Line::from("q quits"),
        ];
        frame.render_widget(
            Paragraph::new(text)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    explorer::draw(app, frame);
    match &app.screen {
        Screen::Explorer => {}
        Screen::Search(state) => search::draw(app, state, frame),
        Screen::Help { scroll, .. } => help::draw(app, *scroll, frame),
        Screen::Routes => routes::draw(app, frame),
        Screen::Audit(state) => audit::draw(app, state, frame),
        Screen::Map(map) => map::draw(app, map, frame),
    }
    if let Some(prompt) = &app.prompt {
        prompt::draw(app, prompt, frame);
    }
}

/// The key-hint bar for the current screen, or the latest message.
pub fn hint_line(app: &App) -> Line<'static> {
    if let Some(message) = &app.message {
        return Line::from(crate::sanitize::clean(message).into_owned()).style(app.theme.title());
    }
    let mut spans = Vec::new();
    for (keys, word) in hints(app.context()) {
        spans.push(ratatui::text::Span::styled(keys, app.theme.key()));
        spans.push(ratatui::text::Span::raw(format!(" {word}  ")));
    }
    Line::from(spans)
}
