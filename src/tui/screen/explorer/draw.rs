//! The explorer screen: header, trail, stage list, details, transitions, key hints.

use petgraph::graph::NodeIndex;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::trail_pane as trail;
use crate::domain::graph::{Link, Pathways};
use crate::domain::model::{Kind, Stage};
use crate::domain::wages::{self, AreaId};
use crate::format::{plural, usd, weeks};
use crate::sanitize::clean;
use crate::tui::app::{App, Pane};
use crate::tui::rows::{Row, scroll_offset};
use crate::tui::theme::{Theme, mode_line};
use crate::tui::view::hint_line;

pub fn draw(app: &App, frame: &mut Frame) {
    let areas = app.areas();
    draw_header(app, frame, areas.header);
    trail::draw(app, frame);
    draw_list(app, frame, areas.list);
    draw_details(app, frame, areas.details);
    draw_transitions(app, frame, areas.transitions);
    // A screen or question drawn over the explorer carries its own keys and messages: saying
    // them here too would say them twice.
    // A long message's box carries them too.
    let boxed = crate::tui::view::boxed_message(app).is_some();
    if matches!(app.screen, crate::tui::screen::Screen::Explorer) && app.prompt.is_none() && !boxed {
        frame.render_widget(Paragraph::new(hint_line(app)), areas.hints);
    }
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let p = &app.pathways;
    let text = format!(
        " pathways · {} · {} · {} · {}",
        plural(p.pathways().len(), "pathway", "pathways"),
        plural(p.stage_count(), "stage", "stages"),
        plural(p.transition_count(), "transition", "transitions"),
        plural(app.on_ramp_count, "on-ramp", "on-ramps"),
    );
    frame.render_widget(Paragraph::new(Line::styled(text, app.theme.title())), area);
}

/// A stage's one-letter kind: E(ducation), T(raining), W(ork-based), J(ob).
pub fn kind_letter(kind: Kind) -> &'static str {
    match kind {
        Kind::Education => "E",
        Kind::Training => "T",
        Kind::WorkBased => "W",
        Kind::Employment => "J",
    }
}

/// On-ramp and off-ramp marks: `»` a learner can start here, `«` it leads straight into a job.
pub fn ramp_marks(p: &Pathways, node: petgraph::graph::NodeIndex, stage: &Stage) -> &'static str {
    match (stage.is_on_ramp(), p.is_off_ramp(node)) {
        (true, true) => "»«",
        (true, false) => "» ",
        (false, true) => " «",
        (false, false) => "  ",
    }
}

fn draw_list(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let focused = app.explorer.focus == Pane::Stages;
    let height = usize::from(area.height.saturating_sub(2));
    let offset = scroll_offset(app.explorer.selected, app.rows.len(), height);
    let end = (offset + height).min(app.rows.len());
    let p = &app.pathways;
    let marking = app.learner_is_set() && app.profile.is_ok();
    let width = usize::from(area.width.saturating_sub(2));
    // Only the rows on screen are built: the list may hold a million stages.
    let lines: Vec<Line> = app.rows.rows[offset..end]
        .iter()
        .enumerate()
        .map(|(i, row)| match *row {
            Row::Sector(s) => Line::styled(
                cut(
                    &format!("  {}", clean(&app.rows.sectors[s]).to_uppercase()),
                    width,
                ),
                theme.heading(),
            ),
            Row::Stage(node) => {
                let stage = p.stage(node);
                let selected = offset + i == app.explorer.selected;
                let can_start = match app.learner_can_start(node) {
                    Some(Ok(())) => "✓",
                    _ if marking => " ",
                    _ => "",
                };
                let text = format!(
                    "{}{can_start}{} {} {} {}",
                    if selected { "> " } else { "  " },
                    ramp_marks(p, node, stage),
                    kind_letter(stage.kind),
                    stage.level,
                    clean(&stage.title)
                );
                let style = if selected && focused {
                    theme.selected()
                } else if selected {
                    theme.title()
                } else {
                    Style::new()
                };
                Line::styled(cut(&text, width), style)
            }
        })
        .collect();
    let legend = list_legend(marking, width);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .border_type(theme.border_type(focused))
        .title(" Stages ")
        .title_bottom(Line::styled(legend, theme.dim()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// `text` cut with `…` to `width` cells, so a cut title says it is cut.
fn cut(text: &str, width: usize) -> String {
    crate::format::fit(text, width).trim_end().to_string()
}

/// The stage list's key, the longest that fits its bottom border: the kind letters go first
/// (the help explains them too), then the words.
pub fn list_legend(marking: bool, width: usize) -> &'static str {
    let all: &[&str] = if marking {
        &[
            " ✓ she can start » on-ramp « off-ramp  E T W J: education training work job ",
            " ✓ can start » on « off  E educ. T training W work J job ",
            " ✓ she can start » on-ramp « off-ramp ",
            " ✓ can start » on « off ",
        ]
    } else {
        &[
            " » on-ramp « off-ramp  E T W J: education training work job ",
            " » on « off  E educ. T training W work J job ",
            " » on-ramp « off-ramp ",
            " » on « off ",
        ]
    };
    let fits = |l: &&str| unicode_width::UnicodeWidthStr::width(*l) <= width;
    all.iter().copied().find(|l| fits(l)).unwrap_or("")
}

/// The details of a stage, as lines for people.
pub fn details(
    p: &Pathways,
    node: petgraph::graph::NodeIndex,
    area: AreaId,
    theme: Theme,
) -> Vec<Line<'static>> {
    let s = p.stage(node);
    let meta = p.pathway_of(node);
    let mut lines = vec![
        Line::styled(clean(&s.title).into_owned(), theme.title()),
        Line::styled(
            format!(
                "{} · level {} · {} · id {}",
                s.kind,
                s.level,
                clean(&meta.sector),
                clean(&s.id)
            ),
            theme.dim(),
        ),
    ];
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name}: "), theme.title()),
            Span::raw(value),
        ])
    };
    if s.is_on_ramp() {
        let entries: Vec<String> = s.entry.iter().map(|e| e.describe()).collect();
        lines.push(field("On-ramp for", entries.join(", ")));
    }
    if p.is_off_ramp(node) {
        lines.push(field("Off-ramp", "leads straight into a job".into()));
    }
    if let Some(c) = &s.credential {
        lines.push(field("Credential", clean(c).into_owned()));
    }
    let unknown = || "not known".to_string();
    if s.kind != Kind::Employment || s.weeks.is_some() {
        let label = if s.is_employment() {
            "Weeks in job"
        } else {
            "Weeks"
        };
        let range = s.weeks_range().map_or_else(String::new, |(lo, hi)| {
            format!(" ({} to {})", weeks(lo), weeks(hi))
        });
        lines.push(field(
            label,
            format!("{}{range}", s.weeks.map_or_else(unknown, weeks)),
        ));
    }
    if let Some(h) = s.hours() {
        lines.push(field("Hours", weeks(h)));
    }
    if s.kind != Kind::Employment {
        lines.push(field("Cost", s.cost_usd.map_or_else(unknown, usd)));
    }
    if let Some(w) = wages::of_stage(p, node, area) {
        lines.push(field("Median wage", clean(&w.words(p, node)).into_owned()));
        if let Some((n, area)) = w.jobs() {
            lines.push(field("Jobs", format!("about {n} in {area}")));
        }
        lines.push(Line::styled("  w: wages of another area", theme.dim()));
    } else if s.is_employment() {
        lines.push(field("Median wage", unknown()));
    }
    if let Some(soc) = &s.soc {
        lines.push(field("SOC", clean(soc).into_owned()));
    }
    if !s.services().is_empty() {
        lines.push(field(
            "Support services",
            clean(&s.services().join(", ")).into_owned(),
        ));
    }
    let ask: Vec<&str> = [s.url(), s.contact()].into_iter().flatten().collect();
    if !ask.is_empty() {
        lines.push(field("Ask", clean(&ask.join(" · ")).into_owned()));
    }
    if let Some(d) = s.description() {
        lines.push(Line::raw(""));
        lines.push(Line::raw(clean(d).into_owned()));
    }
    let ctdl = crate::domain::ctdl::detail_lines(s);
    if !ctdl.is_empty() {
        lines.push(Line::raw(""));
        lines.extend(ctdl.iter().map(|l| Line::raw(clean(l).into_owned())));
    }
    if let Some(n) = s.note() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("Note: {}", clean(n)), theme.dim()));
    }
    lines
}

/// Whether the learner can start at the current stage, or why not; `None` while no learner is
/// set, and for a stage reached from earlier ones that asks nothing she lacks.
fn learner_line(app: &App, node: NodeIndex) -> Option<Line<'static>> {
    let why = match app.learner_can_start(node)? {
        Ok(()) => return Some(Line::styled("✓ She can start here now.", app.theme.title())),
        Err(why) if app.pathways.stage(node).is_on_ramp() => why,
        Err(_) => app.profile.as_ref().ok()?.missing(&app.pathways, node)?,
    };
    Some(Line::styled(
        format!("She can't start here: {}", clean(&why)),
        app.theme.warning(),
    ))
}

/// The Details pane's text, wrapped as drawn.
fn details_paragraph(app: &App, node: NodeIndex) -> Paragraph<'static> {
    let lines = if app.has_stages() {
        let mut lines = details(&app.pathways, node, app.area, app.theme);
        if let Some(line) = learner_line(app, node) {
            lines.insert(2, line);
        }
        lines
    } else {
        vec![Line::raw("No stages are loaded.")]
    };
    Paragraph::new(lines).wrap(Wrap { trim: false })
}

/// How many lines the Details pane can scroll before its last line is at the bottom, showing
/// `node`.
pub fn details_room(app: &App, node: NodeIndex) -> usize {
    let area = app.areas().details;
    let inner_width = area.width.saturating_sub(2);
    let inner_height = usize::from(area.height.saturating_sub(2));
    details_paragraph(app, node)
        .line_count(inner_width)
        .saturating_sub(inner_height)
}

fn draw_details(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.explorer.focus == Pane::Details;
    let room = details_room(app, app.current());
    let scroll = app.explorer.details_scroll.min(room);
    let more = crate::tui::view::more_label(scroll, room, focused);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(focused))
        .border_type(app.theme.border_type(focused))
        .title(" Details ")
        .title_bottom(Line::styled(more, app.theme.dim()).right_aligned());
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(
        details_paragraph(app, app.current())
            .block(block)
            .scroll((scroll, 0)),
        area,
    );
}

/// Narrower than this, a transition's mode is said by its line alone (the border's key says
/// which is which), so the stage's title keeps the room.
const MODE_WORD_WIDTH: usize = 60;

/// One transition as a line of `width` cells at most: selection mark, mode line and word, the
/// other stage, extra figures; what does not fit ends in `…`.
fn link_line(app: &App, link: &Link<'_>, selected: bool, focused: bool, width: usize) -> Line<'static> {
    let theme = app.theme;
    let t = link.transition;
    let other = app.pathways.stage(link.other);
    let mut extra = String::new();
    if let Some(w) = t.weeks {
        extra.push_str(&format!("  +{} wk", weeks(w)));
    }
    if let Some(c) = t.cost_usd {
        extra.push_str(&format!("  +{}", usd(c)));
    }
    let base = if selected && focused {
        theme.selected()
    } else {
        Style::new()
    };
    let mode = if width >= MODE_WORD_WIDTH {
        format!("{} {:<10} ", mode_line(t.mode), t.mode.as_str())
    } else {
        format!("{} ", mode_line(t.mode))
    };
    let room = width.saturating_sub(2 + unicode_width::UnicodeWidthStr::width(mode.as_str()));
    let rest = format!("{} ({}){extra}", clean(&other.title), clean(&other.id));
    Line::from(vec![
        Span::styled(if selected { "> " } else { "  " }, base),
        Span::styled(mode, theme.mode(t.mode).patch(base)),
        Span::styled(cut(&rest, room), base),
    ])
}

/// The rows of the transitions pane from row `first`, at most `rows` of them: headings and links.
/// Only the rows shown are formatted, so a stage with 200,000 transitions costs a screenful a frame.
/// Link rows follow the app's link order (outgoing first) and are at most `width` cells.
pub fn transition_lines(
    app: &App,
    focused: bool,
    first: usize,
    rows: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let (out, inc) = app.links();
    let theme = app.theme;
    // Row layout: heading, the outgoing links (or one line saying why there are none), heading,
    // the incoming links.
    let out_rows = out.len().max(1);
    let total = 2 + out_rows + inc.len();
    let mut lines = Vec::with_capacity(rows.min(total));
    for row in first..total.min(first.saturating_add(rows)) {
        let line = if row == 0 {
            Line::styled(format!("Leads to ({})", out.len()), theme.heading())
        } else if row <= out_rows {
            match out.get(row - 1) {
                Some(link) => link_line(app, link, row - 1 == app.explorer.link, focused, width),
                None if app.pathways.stage(app.current()).is_employment() => Line::styled(
                    "  nothing further in these pathways: a destination job",
                    theme.dim(),
                ),
                None => Line::styled("  nothing: a dead end (see the audit, a)", theme.dim()),
            }
        } else if row == out_rows + 1 {
            Line::styled(format!("Comes from ({})", inc.len()), theme.heading())
        } else {
            let i = row - out_rows - 2;
            link_line(app, &inc[i], out.len() + i == app.explorer.link, focused, width)
        };
        lines.push(line);
    }
    lines
}

fn draw_transitions(app: &App, frame: &mut Frame, area: Rect) {
    let focused = app.explorer.focus == Pane::Transitions;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(app.theme.border(focused))
        .border_type(app.theme.border_type(focused))
        .title(" Transitions ")
        .title_bottom(Line::from(vec![
            Span::styled(
                " ══> integrated ",
                app.theme.mode(crate::domain::model::Mode::Integrated),
            ),
            Span::styled(
                " ──> sequential ",
                app.theme.mode(crate::domain::model::Mode::Sequential),
            ),
        ]));
    // Keep the selected link in view.
    let height = usize::from(area.height.saturating_sub(2));
    let selected_line = app.explorer.link + 2;
    let offset = selected_line.saturating_sub(height.saturating_sub(1));
    let lines = if app.has_stages() {
        let width = usize::from(area.width.saturating_sub(2));
        transition_lines(app, focused, offset, height, width)
    } else {
        Vec::new()
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
