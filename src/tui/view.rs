//! Drawing: a pure function of the `App`, so every screen can be tested on `TestBackend`. Each
//! screen draws itself (`screen::*::draw`); here are the frame, the hint bar and what they share.

use ratatui::Frame;
use ratatui::layout::Alignment;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::App;
use super::geometry;
use super::keys::hints;
use super::screen::{Screen, explorer, prompt};

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if app.too_small() {
        let text = vec![
            Line::from("Please enlarge the window"),
            Line::from(format!(
                "(at least {}x{}; now {}x{})",
                geometry::MIN_WIDTH,
                geometry::MIN_HEIGHT,
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
    explorer::draw::draw(app, frame);
    // The screens below, so a popup shows what it was opened over (the route finder behind its
    // goal search), then the top one.
    for screen in &app.under {
        screen.draw(app, frame, Layer::Below);
    }
    if !app.under.is_empty() {
        // The last row is the top screen's hint bar: a screen below (the learner panel reaches
        // down to it) must not show there as a second bottom border.
        let last = ratatui::layout::Rect {
            y: area.bottom().saturating_sub(1),
            height: area.height.min(1),
            ..area
        };
        frame.render_widget(ratatui::widgets::Clear, last);
    }
    app.screen.draw(app, frame, Layer::Top);
    if let Some(prompt) = &app.prompt {
        prompt::draw::draw(app, prompt, frame);
    }
    if let Some(message) = boxed_message(app) {
        draw_message_box(app, message, frame);
    }
}

/// The message, when it is too long for the one-line bar: it is shown whole in a box above the
/// bar instead of cut at the window's edge, and the bar keeps the keys. The learner panel
/// wraps its messages itself.
pub(crate) fn boxed_message(app: &App) -> Option<&str> {
    let message = app.message.as_deref()?;
    let own_wrap = matches!(app.screen, Screen::Learner(_)) && app.prompt.is_none();
    let width = unicode_width::UnicodeWidthStr::width(crate::sanitize::clean(message).as_ref());
    (!own_wrap && width > bar_width(app)).then_some(message)
}

/// The columns a one-line bar has: most screens draw it on their bottom border, between corners.
fn bar_width(app: &App) -> usize {
    usize::from(app.width).saturating_sub(2)
}

/// A long message, wrapped in a box at the bottom of the window, whose bottom border carries the
/// keys (the screen's own hint line is left empty meanwhile, so they are said once; a question's
/// box keeps its own).
fn draw_message_box(app: &App, message: &str, frame: &mut Frame) {
    let whole = frame.area();
    let text = crate::sanitize::clean(message).into_owned();
    let inner = usize::from(whole.width.saturating_sub(2)).max(1);
    let rows = u16::try_from(wrapped_height(&text, inner)).unwrap_or(u16::MAX);
    let height = rows.saturating_add(2).min(whole.height);
    let area = ratatui::layout::Rect::new(whole.x, whole.y + whole.height - height, whole.width, height);
    frame.render_widget(ratatui::widgets::Clear, area);
    let keys = if app.prompt.is_some() {
        Line::default()
    } else {
        hint_line(app)
    };
    let block = ratatui::widgets::Block::default()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(app.theme.border(true))
        .title_bottom(keys);
    frame.render_widget(
        Paragraph::new(Line::from(text).style(app.theme.title()))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}

/// Whether a screen is drawn as the top one or below it: the screens below leave their hint
/// lines empty, as the top screen says its own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    Top,
    Below,
}

/// The key-hint bar for the current screen, or the latest message.
pub fn hint_line(app: &App) -> Line<'static> {
    if let Some(message) = &app.message
        && boxed_message(app).is_none()
    {
        return Line::from(crate::sanitize::clean(message).into_owned()).style(app.theme.title());
    }
    let mut spans = Vec::new();
    let width = bar_width(app);
    let applies = |action| hint_applies(app, action);
    for (keys, word) in crate::tui::keys::fitted_hints_where(app.context(), width, applies) {
        spans.push(ratatui::text::Span::styled(keys, app.theme.key()));
        spans.push(ratatui::text::Span::raw(format!(" {word}  ")));
    }
    Line::from(spans)
}

/// Whether a key the screen binds can do anything now: a search with no stages listed has
/// none to move to or pick.
fn hint_applies(app: &App, action: crate::tui::keys::Action) -> bool {
    use crate::tui::keys::Action;
    match &app.screen {
        Screen::Search(state) if state.hits.is_empty() => {
            !matches!(action, Action::Up | Action::Down | Action::Activate)
        }
        _ => true,
    }
}

/// The hint line a screen draws on its border: empty while a question is asked over it, whose
/// box carries the keys that answer it (said twice, they read as two sets of keys).
pub fn screen_hint_line(app: &App, layer: Layer) -> Line<'static> {
    if app.prompt.is_some() || layer == Layer::Below || boxed_message(app).is_some() {
        return Line::default();
    }
    hint_line(app)
}

/// The key hints for the current screen packed into lines of at most `width` columns, never
/// splitting a key from its word; or the latest message, as one line (the caller wraps it).
pub fn hint_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    if app.message.is_some() {
        return vec![hint_line(app)];
    }
    let mut lines = Vec::new();
    let mut spans = Vec::new();
    let mut used = 0;
    for (keys, word) in hints(app.context()) {
        let pair = format!("{keys} {word}  ");
        let w = unicode_width::UnicodeWidthStr::width(pair.trim_end());
        if used > 0 && used + w > width {
            lines.push(Line::from(std::mem::take(&mut spans)));
            used = 0;
        }
        spans.push(ratatui::text::Span::styled(keys, app.theme.key()));
        spans.push(ratatui::text::Span::raw(format!(" {word}  ")));
        used += w + 2;
    }
    lines.push(Line::from(spans));
    lines
}

/// A scrolled pane's border label: that there is more below and how to reach it, or how to
/// get back to the top (at 80x24 most stages and routes do not fit).
pub fn more_label(scroll: usize, room: usize, focused: bool) -> &'static str {
    match (scroll < room, scroll > 0) {
        (true, _) if focused => " ↓ more: ↓/PgDn ",
        (true, _) => " ↓ more: Tab here ",
        (false, true) => " ↑ top: Home ",
        (false, false) => "",
    }
}

/// A line's text, for measuring.
pub(super) fn line_text(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// How many rows greedy word wrapping (as `Wrap { trim: true }` does) gives `text` at `width`.
pub(super) fn wrapped_height(text: &str, width: usize) -> usize {
    let mut rows = 1;
    let mut used = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = unicode_width::UnicodeWidthStr::width(word);
        if used == 0 {
            used = w;
        } else if used + 1 + w <= width {
            used += 1 + w;
        } else {
            rows += 1;
            used = w;
        }
        // A word longer than the line is broken across rows.
        while used > width {
            rows += 1;
            used -= width;
        }
    }
    rows
}
