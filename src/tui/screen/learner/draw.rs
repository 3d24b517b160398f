//! The learner panel: her resolved profile (or why it cannot be resolved) over the rows that
//! edit her: name, levels and scores, holds, limits, and the file.

use ratatui::Frame;

use crate::tui::view::Layer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::domain::learner::{Learner, Profile};
use crate::format::{fit, usd, weeks};
use crate::sanitize::clean;
use crate::tui::app::App;
use crate::tui::geometry::centered;
use crate::tui::rows::scroll_offset;
use crate::tui::screen::learner::{Entry, Item, LearnerPanel, entries, items};

/// The fewest cells of a held condition's title worth showing beside its id.
const MIN_TITLE: usize = 16;
/// The width of the row labels ("Holds", "Limits").
const LABEL: usize = 9;
/// About how many rows of the panel are in view in a window `height` rows high: a page for
/// PgUp/PgDn. The panel is only as tall as its rows, so this is the most it can show below the
/// header, its borders, the profile (up to six lines) and the hints.
pub fn page(height: u16) -> usize {
    usize::from(height.saturating_sub(1 + 2 + 6 + 1 + 2))
}

pub fn draw(app: &App, panel: &LearnerPanel, frame: &mut Frame, layer: Layer) {
    let theme = app.theme;
    // Below the header, down to the last line when it needs it (the explorer's hint bar would
    // repeat ours); no taller than its rows.
    let whole = frame.area();
    let below = Rect {
        y: whole.y + 1,
        height: whole.height.saturating_sub(1),
        ..whole
    };
    let width = usize::from(below.width.min(110).saturating_sub(2)).max(1);
    // While a question is asked, its box carries the keys.
    let hints = if app.prompt.is_some() || layer == Layer::Below {
        vec![Line::default()]
    } else {
        crate::tui::view::hint_lines(app, width)
    };
    let hint_height = if app.message.is_some() {
        // One line of message, wrapped.
        hints.iter().map(Line::width).sum::<usize>().div_ceil(width)
    } else {
        hints.len()
    };
    let (lines, selected) = row_lines(app, panel, width);
    // The profile takes the lines it wraps to (at most six), so nothing of it is cut at 80 columns.
    let profile_text = profile_lines(app);
    let profile_height: usize = profile_text
        .iter()
        .map(|l| crate::tui::view::wrapped_height(&crate::tui::view::line_text(l), width))
        .sum::<usize>()
        .clamp(1, 6);
    let wanted = 2 + profile_height + 1 + lines.len() + hint_height;
    let area = centered(below, 110, u16::try_from(wanted).unwrap_or(u16::MAX));
    frame.render_widget(Clear, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(" Learner ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let hint_height = u16::try_from(hint_height).unwrap_or(1);
    let [profile, rows, hint_area] = Layout::vertical([
        Constraint::Length(u16::try_from(profile_height).unwrap_or(1)),
        Constraint::Min(3),
        Constraint::Length(hint_height),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(profile_text).wrap(Wrap { trim: true }), profile);
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border(false));
    let list = block.inner(rows);
    frame.render_widget(block, rows);
    let height = usize::from(list.height);
    let offset = scroll_offset(selected, lines.len(), height);
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(shown), list);
    frame.render_widget(Paragraph::new(hints).wrap(Wrap { trim: true }), hint_area);
}

/// The profile in words: her levels and holds and where she can start, or what is wrong.
pub fn profile_lines(app: &App) -> Vec<Line<'static>> {
    let theme = app.theme;
    let label = |s: &'static str| Span::styled(s, theme.title());
    match &app.profile {
        Err(why) => vec![Line::from(vec![
            label("Profile: "),
            Span::styled(format!("not usable: {}", clean(why)), theme.error()),
        ])],
        Ok(_) if !app.learner_is_set() => vec![Line::from(vec![
            label("Profile: "),
            Span::styled(
                "no levels or scores yet. Add one (Enter on Starts) to see where she can start.",
                theme.dim(),
            ),
        ])],
        Ok(profile) => {
            let holds: Vec<String> = profile
                .holds
                .iter()
                .map(|c| clean(app.pathways.conditions().title(c)).into_owned())
                .collect();
            let holds = if holds.is_empty() {
                "nothing yet".to_string()
            } else {
                holds.join(", ")
            };
            vec![
                Line::from(vec![label("Profile: "), Span::raw(start_words(app, profile))]),
                Line::from(vec![
                    label("Holds: "),
                    Span::raw(holds),
                    Span::styled(
                        format!(
                            " · can start at {}, marked ✓ in the stage list",
                            crate::format::plural(app.learner_starts, "stage", "stages")
                        ),
                        theme.dim(),
                    ),
                ]),
            ]
        }
    }
}

/// Her levels with their NRS names, or the stage she is at.
fn start_words(app: &App, profile: &Profile) -> String {
    if let Some(at) = profile.at {
        return format!("already at {}", clean(&app.pathways.stage(at).title));
    }
    let levels: Vec<String> = profile
        .levels
        .all()
        .iter()
        .map(|l| format!("{l} ({})", l.nrs_name()))
        .collect();
    levels.join(" and ")
}

/// What one given start placed her at, in words.
fn entry_words(app: &App, learner: &Learner, entry: Entry) -> (String, String) {
    match entry {
        Entry::Level(i) => {
            let level = learner.levels[i];
            (level.to_string(), format!("{} (level given)", level.nrs_name()))
        }
        Entry::Score(i) => {
            let text = &learner.scores[i];
            let placed = app.benchmarks.place_text(text).map_or_else(
                |e| format!("not placed: {}", e.0),
                |p| format!("{} ({})", p.level, p.level.nrs_name()),
            );
            (text.clone(), placed)
        }
        Entry::At => {
            let id = learner.at.clone().unwrap_or_default();
            let title = app.pathways.find(&id).map_or_else(
                || "a stage not loaded".to_string(),
                |n| app.pathways.stage(n).title.clone(),
            );
            (id, format!("the stage she is at: {title}"))
        }
    }
}

fn tick(on: bool) -> &'static str {
    if on { "[x] " } else { "[ ] " }
}

fn limit(value: Option<f64>, show: impl Fn(f64) -> String) -> String {
    value.map_or_else(|| "no limit".to_string(), show)
}

/// The panel's rows as lines, with the index of the selected one. Each group's first row has
/// its label; the rows match `items` one to one.
pub fn row_lines(app: &App, panel: &LearnerPanel, width: usize) -> (Vec<Line<'static>>, usize) {
    let room = width.saturating_sub(2 + LABEL);
    let theme = app.theme;
    let learner = &app.learner;
    let p = &app.pathways;
    let list = items(learner, p);
    let given = entries(learner);
    let held = app.profile.as_ref().ok().map(|pr| &pr.holds);
    let cursor = panel.cursor.min(list.len().saturating_sub(1));
    let mut lines = Vec::new();
    let mut last_label = "";
    for (i, item) in list.iter().enumerate() {
        let (label, text): (&'static str, String) = match *item {
            Item::Name => (
                "Name",
                learner
                    .name
                    .as_deref()
                    .map_or_else(|| "(none: Enter to type)".to_string(), |n| clean(n).into_owned()),
            ),
            Item::AddFrom => (
                "Starts",
                "+ add a level, a test score or a stage (Enter)".to_string(),
            ),
            Item::From(j) => {
                let (what, placed) = given
                    .get(j)
                    .map(|&e| entry_words(app, learner, e))
                    .unwrap_or_default();
                ("Starts", format!("  {} → {}", clean(&what), clean(&placed)))
            }
            Item::Hold(c) => {
                let cond = p.conditions().get(c);
                let ticked = learner.holds.contains(&cond.id);
                let implied = !ticked && held.is_some_and(|h| h.contains(c));
                let implied = if implied { ": held, implied" } else { "" };
                let full = format!(
                    "{}{} ({}){implied}",
                    tick(ticked),
                    clean(&cond.title),
                    clean(&cond.id)
                );
                // Too long for the window: the title is shortened before the id (which the
                // command line's --holds takes), unless too little of it would be left.
                let id = format!(" ({})", clean(&cond.id));
                let title_room = room.saturating_sub(4 + implied.len());
                let text = if unicode_width::UnicodeWidthStr::width(full.as_str()) <= room {
                    full
                } else if title_room.saturating_sub(id.len()) >= MIN_TITLE {
                    let title = fit(&clean(&cond.title), title_room - id.len());
                    format!("{}{}{id}{implied}", tick(ticked), title.trim_end())
                } else {
                    let title = fit(&clean(&cond.title), title_room);
                    format!("{}{title}{implied}", tick(ticked))
                };
                ("Holds", text)
            }
            Item::Earn => (
                "Limits",
                format!(
                    "{}earn while learning (paid work before the goal)",
                    tick(learner.limits.earn)
                ),
            ),
            Item::IntegratedOnly => (
                "Limits",
                format!("{}integrated training only", tick(learner.limits.integrated_only)),
            ),
            Item::MaxWeeks => (
                "Limits",
                format!(
                    "most weeks: {}",
                    limit(learner.limits.max_weeks, |w| format!("{} wk", weeks(w)))
                ),
            ),
            Item::MaxCost => (
                "Limits",
                format!("most cost: {}", limit(learner.limits.max_cost, usd)),
            ),
            Item::PaidWithin => (
                "Limits",
                format!(
                    "first pay within: {}",
                    limit(learner.limits.paid_within, |w| format!("{} wk", weeks(w)))
                ),
            ),
            Item::Save => ("File", "[ Save to a file ] (s)".to_string()),
            Item::Load => ("File", "[ Load a file ] (o)".to_string()),
        };
        let selected = i == cursor;
        let style = if selected { theme.selected() } else { Style::new() };
        let shown_label = if label == last_label { "" } else { label };
        last_label = label;
        lines.push(Line::from(vec![
            Span::styled(if selected { "> " } else { "  " }, style),
            Span::styled(format!("{shown_label:<LABEL$}"), theme.title().patch(style)),
            Span::styled(fit(&text, room), style),
        ]));
    }
    (lines, cursor)
}
