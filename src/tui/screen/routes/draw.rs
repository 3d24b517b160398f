//! The route finder: the form (start, goal, measure, k), the routes found with their totals, and
//! the selected route as a segment strip and a step table.

use ratatui::Frame;

use crate::tui::view::Layer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::domain::graph::Pathways;
use crate::domain::route::{Integration, Route};
use crate::domain::wages::{self, AreaId};
use crate::format::{cost_marked, fit, weeks, weeks_marked, wrap};
use crate::route_words::{
    first_pay, has_earnings, integration_words, ladder, limits_words, totals_marked, unsure_words,
};
use crate::sanitize::clean;
use crate::tui::app::App;
use crate::tui::geometry::centered;
use crate::tui::rows::scroll_offset;
use crate::tui::screen::routes::{FIELDS, GoalChoice, RoutesState};
use crate::tui::theme::mode_line;

/// At most how many routes the list shows in a window `height` rows high (a third of the box):
/// a page for PgUp/PgDn.
pub fn page(height: u16) -> usize {
    usize::from(list_room(height.saturating_sub(2).saturating_sub(2)))
}

/// The most rows the route list takes of a box `inner` rows high; the selected route has the rest.
fn list_room(inner: u16) -> u16 {
    (inner / 3).max(2)
}

/// Where the route finder's parts sit in a window of `full`.
struct Panes {
    area: Rect,
    form: Rect,
    status: Rect,
    results: Rect,
    detail: Rect,
}

fn status_text(state: &RoutesState) -> String {
    let text = state.status.clone().unwrap_or_else(|| {
        "Choose with ←/→ or Space, then Enter on Find. / picks a goal by name.".to_string()
    });
    clean(&text).into_owned()
}

fn panes(state: &RoutesState, full: Rect) -> Panes {
    let area = centered(full, 150, full.height.saturating_sub(2));
    let inner = Block::default().borders(Borders::ALL).inner(area);
    // With no routes to show, the status (often why there are none) may take up to six lines.
    let width = usize::from(inner.width.max(1));
    let status_lines = if state.results.is_empty() {
        crate::tui::view::wrapped_height(&status_text(state), width).clamp(1, 6)
    } else {
        1
    };
    // The list takes what its routes need (up to a third), the selected route the rest.
    let listed = u16::try_from(state.results.len() + 1).unwrap_or(u16::MAX);
    let list_height = listed.clamp(2, list_room(inner.height));
    let [form, status, results, detail] = Layout::vertical([
        Constraint::Length(6),
        Constraint::Length(u16::try_from(status_lines).unwrap_or(1)),
        Constraint::Length(list_height),
        Constraint::Min(4),
    ])
    .areas(inner);
    Panes {
        area,
        form,
        status,
        results,
        detail,
    }
}

/// How many lines the selected route's detail scrolls before its last line is at the bottom.
pub fn detail_room(app: &App, state: &RoutesState) -> usize {
    let Some(route) = state.results.get(state.selected) else {
        return 0;
    };
    let detail = panes(state, Rect::new(0, 0, app.width, app.height)).detail;
    let integration = state.integration.as_ref().filter(|_| state.selected == 0);
    let lines = detail_lines(app, route, integration, detail.width);
    // The top line is the pane's border; when the lines overflow, the bottom line carries the
    // "more" or "top" label, so the last line must end above it.
    let visible = usize::from(detail.height.saturating_sub(1));
    if lines.len() > visible {
        lines.len() - visible.saturating_sub(1)
    } else {
        0
    }
}

pub fn draw(app: &App, frame: &mut Frame, layer: Layer) {
    let Some(state) = app.routes.as_ref() else { return };
    let theme = app.theme;
    let panes = panes(state, frame.area());
    frame.render_widget(Clear, panes.area);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(" Route finder ")
        .title_bottom(crate::tui::view::screen_hint_line(app, layer));
    frame.render_widget(block, panes.area);
    draw_form(app, state, frame, panes.form);
    frame.render_widget(
        Paragraph::new(Line::styled(status_text(state), theme.dim()))
            .wrap(ratatui::widgets::Wrap { trim: true }),
        panes.status,
    );
    draw_results(app, state, frame, panes.results);
    if let Some(route) = state.results.get(state.selected) {
        let integration = state.integration.as_ref().filter(|_| state.selected == 0);
        let lines = detail_lines(app, route, integration, panes.detail.width);
        let room = detail_room(app, state);
        let scroll = state.detail_scroll.min(room);
        let focused = state.in_results && state.in_detail;
        let more = crate::tui::view::more_label(scroll, room, focused);
        let block = Block::default()
            .borders(Borders::TOP)
            .border_style(theme.border(focused))
            .border_type(theme.border_type(focused))
            .title(" Selected route ")
            .title_bottom(Line::styled(more, theme.dim()).right_aligned());
        let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
        frame.render_widget(
            Paragraph::new(lines).block(block).scroll((scroll, 0)),
            panes.detail,
        );
    }
}

fn draw_form(app: &App, state: &RoutesState, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let p = &app.pathways;
    let goal = match state.goal {
        GoalChoice::AnyJob => "any job (the best route to each)".to_string(),
        GoalChoice::Stage(n) => format!("{} ({})", p.stage(n).title, p.stage(n).id),
    };
    let values = [
        state.start_text(p),
        goal,
        if state.by_wage && state.goal == GoalChoice::AnyJob {
            "highest wage first (each job by shortest time)".to_string()
        } else {
            crate::format::best_by(state.measure).to_string()
        },
        format!("{} best", state.k),
        "[ Find routes ]".to_string(),
    ];
    let mut lines: Vec<Line> = FIELDS
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (name, value))| {
            let selected = i == state.field && !state.in_results;
            let style = if selected { theme.selected() } else { Style::new() };
            let arrows = if i < 4 && selected {
                ("◂ ", " ▸")
            } else {
                ("  ", "")
            };
            Line::from(vec![
                Span::styled(if selected { "> " } else { "  " }, style),
                Span::styled(format!("{name:<8}"), theme.title().patch(style)),
                Span::styled(format!("{}{}{}", arrows.0, clean(&value), arrows.1), style),
            ])
        })
        .collect();
    lines.insert(3, limits_line(app));
    frame.render_widget(Paragraph::new(lines), area);
}

/// The learner panel's limits, which every search keeps to, under the measure: a counselor sees
/// what narrows the routes before she reads them.
fn limits_line(app: &App) -> Line<'static> {
    let limits = limits_words(&app.pathways, &app.panel_limits());
    let text = if limits.is_empty() {
        "none (L sets earning, weeks, cost, first pay...)".to_string()
    } else {
        format!("{} (L changes them)", limits.join(", "))
    };
    Line::from(vec![
        Span::raw("  "),
        Span::styled(format!("{:<8}", "Limits"), app.theme.title()),
        Span::raw("  "),
        Span::styled(clean(&text).into_owned(), app.theme.dim()),
    ])
}

/// A route in one line, cut to `width`: its figures (the job first in the list of jobs, with its
/// wage beside it), then its stages joined by mode lines. A figure is shown whole or not at all,
/// so a narrow window never shows "$97," for a wage; only the chain of stages is cut mid-way.
fn summary(p: &Pathways, route: &Route, area: AreaId, job_first: bool, width: usize) -> String {
    let legs = route.legs(p);
    let wage = wages::of_stage(p, route.target(), area).map(|w| w.amount());
    let w_unknown = legs.iter().any(|l| l.weeks_unknown);
    let c_unknown = legs.iter().any(|l| l.cost_unknown);
    let range = crate::domain::route::weeks_span(&legs)
        .map_or_else(String::new, |(lo, hi)| format!(" ({}–{})", weeks(lo), weeks(hi)));
    let mut figures = Vec::new();
    if job_first {
        figures.push(p.stage(route.target()).title.clone());
        figures.extend(wage.clone());
    }
    figures.push(format!("{}{range} wk", weeks_marked(route.weeks, w_unknown)));
    figures.push(cost_marked(route.cost_usd, c_unknown));
    figures.push(crate::format::route_steps(route));
    if !job_first {
        figures.extend(wage);
    }
    let mut chain = String::new();
    for leg in &legs {
        if let Some(mode) = leg.mode {
            chain.push_str(&format!(" {} ", mode_line(mode)));
        }
        chain.push_str(&p.stage(leg.stage).title);
    }
    fitted_row(&figures, &chain, width)
}

/// `figures` joined by " · ", as many whole ones as fit in `width` (the first, the job or the
/// weeks, is cut only when it alone is too wide), then as much of `chain` as fits.
fn fitted_row(figures: &[String], chain: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut row = String::new();
    if width == 0 {
        return row;
    }
    for (i, figure) in figures.iter().enumerate() {
        let piece = if i == 0 {
            figure.clone()
        } else {
            format!(" · {figure}")
        };
        if row.width() + piece.width() > width {
            if i == 0 {
                return fit(figure, width).trim_end().to_string();
            }
            // A figure that does not fit is left out whole; the ellipsis says something was.
            if row.width() + 2 <= width {
                row.push_str(" …");
            }
            return row;
        }
        row.push_str(&piece);
    }
    let room = width.saturating_sub(row.width() + 3);
    if room > 3 {
        row.push_str("   ");
        row.push_str(fit(chain.trim_start(), room).trim_end());
    }
    row
}

fn draw_results(app: &App, state: &RoutesState, frame: &mut Frame, area: Rect) {
    let theme = app.theme;
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border(state.in_results && !state.in_detail))
        .title(format!(
            " Routes · wages: {}, {} ",
            wages::layer().label(app.area),
            wages::layer().citation()
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    let offset = scroll_offset(state.selected, state.results.len(), height);
    let lines: Vec<Line> = state
        .results
        .iter()
        .enumerate()
        .skip(offset)
        .take(height)
        .map(|(i, route)| {
            let selected = i == state.selected;
            // With the detail focused, the route it shows stays marked but not highlighted, so
            // only the pane that has the keys looks selected.
            let style = match (selected, state.in_results, state.in_detail) {
                (true, true, false) => theme.selected(),
                (true, true, true) => theme.title(),
                _ => Style::new(),
            };
            let pinned = app
                .pins
                .pins
                .iter()
                .position(|pin| &pin.route == route)
                .map_or_else(String::new, |i| {
                    format!("[{}] ", crate::tui::screen::compare::side(i))
                });
            let prefix = format!("{}{:>2}. {pinned}", if selected { "> " } else { "  " }, i + 1);
            let room = usize::from(inner.width).saturating_sub(prefix.chars().count());
            let job_first = state.goal == GoalChoice::AnyJob;
            let row = summary(&app.pathways, route, app.area, job_first, room);
            Line::styled(format!("{prefix}{}", clean(&row)), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The step table's flexible widths: the number, mode, weeks, cost and wage columns keep theirs.
#[derive(Debug, PartialEq, Eq)]
struct StepColumns {
    title: usize,
    credential: usize,
}

impl StepColumns {
    /// `#`, the spaces, mode (16), weeks (8), cost (9) and wage (12).
    const FIXED: usize = 3 + 1 + 16 + 1 + 8 + 1 + 9 + 2 + 12 + 1;

    fn for_width(width: usize) -> StepColumns {
        let title = width.saturating_sub(Self::FIXED).clamp(12, 44);
        let rest = width.saturating_sub(Self::FIXED + title);
        // A credential cut to a few letters says nothing: then there is no column for it.
        let credential = if rest >= 10 { rest } else { 0 };
        StepColumns { title, credential }
    }
}

/// The indent of a step's folded lines, under its title.
const FOLD: &str = "   ";

/// What a step's row could not show, for the lines below it: its title in full when `room` cut
/// it, and its credential when its column (`credential_room` wide, 0 for none) cannot hold it.
fn folded_words(title: &str, room: usize, credential: Option<&str>, credential_room: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut folded = Vec::new();
    if title.width() > room {
        folded.push(title.to_string());
    }
    if let Some(credential) = credential.filter(|c| c.width() > credential_room) {
        folded.push(format!("Credential: {credential}"));
    }
    folded
}

/// The selected route in lines `width` columns wide: segments, totals, the step table, earnings,
/// integration and the footnote; wrapped here, so their count is the rows they take.
fn detail_lines(
    app: &App,
    route: &Route,
    integration: Option<&Integration>,
    width: u16,
) -> Vec<Line<'static>> {
    let (p, wage_area, theme) = (&*app.pathways, app.area, app.theme);
    // Every figure whole at any width: the title gives way first, then the credential.
    let cols = StepColumns::for_width(usize::from(width));
    let credential_head = if cols.credential > 0 { "Credential" } else { "" };
    let legs = route.legs(p);
    let mut lines = vec![Line::from(
        crate::tui::screen::explorer::trail_pane::segment_strip(p, route, theme),
    )];
    // Sentences wrap at the box's width; the table's rows fit it already.
    let width = usize::from(width);
    let said = |text: String| wrap(&clean(&text), width).into_iter().map(Line::raw);
    lines.extend(said(format!(
        "Total: {} · first pay: {}",
        totals_marked(route, &legs),
        first_pay(p, route)
    )));
    if let Some(unsure) = unsure_words(p, route, &app.panel_limits()) {
        lines.extend(said(unsure));
    }
    lines.push(Line::styled(
        format!(
            "{:<3}{} {:<16} {:>8} {:>9}  {:<12} {}",
            "#",
            fit("Stage", cols.title),
            "Mode",
            "Weeks",
            "Cost",
            "Median wage",
            fit(credential_head, cols.credential)
        )
        .trim_end()
        .to_string(),
        theme.title(),
    ));
    for (i, leg) in legs.iter().enumerate() {
        let s = p.stage(leg.stage);
        let mode = leg.mode.map_or_else(
            || {
                if route.starts_from_level() {
                    "start here".to_string()
                } else {
                    "you are here".to_string()
                }
            },
            |m| format!("{} {}", mode_line(m), m.as_str()),
        );
        let w = weeks_marked(leg.weeks, leg.weeks_unknown);
        let c = cost_marked(leg.cost_usd, leg.cost_unknown);
        let wage = wages::of_stage(p, leg.stage, wage_area).map_or_else(String::new, |w| w.amount());
        let style = leg.mode.map_or(Style::new(), |m| theme.mode(m));
        let credential = clean(s.credential.as_deref().unwrap_or("–")).into_owned();
        let title = clean(&s.title).into_owned();
        lines.push(Line::from(vec![
            Span::raw(format!("{:<3}{} ", i + 1, fit(&title, cols.title))),
            Span::styled(format!("{mode:<16}"), style),
            Span::raw(format!(" {w:>8} {c:>9}  {wage:<12}")),
            Span::raw(if cols.credential > 0 {
                // A credential too long for its column is folded below whole, not cut here.
                let fits = unicode_width::UnicodeWidthStr::width(credential.as_str()) <= cols.credential;
                format!(" {}", if fits { credential.as_str() } else { "↓ below" })
            } else {
                String::new()
            }),
        ]));
        // A narrow table folds what its columns cannot hold onto the lines below the step,
        // rather than dropping it: the whole title when cut, the credential when it has no column.
        let folded = folded_words(
            &title,
            cols.title,
            s.credential.as_deref().map(clean).as_deref(),
            cols.credential,
        );
        lines.extend(
            folded
                .into_iter()
                .flat_map(|text| wrap(&text, width.saturating_sub(FOLD.len())))
                .map(|piece| Line::styled(format!("{FOLD}{piece}"), theme.dim())),
        );
    }
    if has_earnings(p, route) {
        lines.extend(said(format!("Earnings: {}", ladder(p, wage_area, route, true))));
    }
    if let Some(integration) = integration {
        lines.extend(said(integration_words(p, route, integration)));
    }
    let footnote = format!(
        "{}. Enter walks the route; p writes a plan.",
        crate::format::UNKNOWN_FIGURES
    );
    lines.extend(
        wrap(&footnote, width)
            .into_iter()
            .map(|l| Line::styled(l, theme.dim())),
    );
    lines
}

#[cfg(test)]
mod tests {
    use super::{StepColumns, fitted_row};

    #[test]
    fn a_route_row_shows_each_figure_whole_or_not_at_all() {
        let figures = [
            "Network and computer systems administrator".to_string(),
            "$98,110/yr".to_string(),
            "? wk".to_string(),
            "cost ?".to_string(),
        ];
        let chain = "ESL Level 3 class ──> Digital literacy";
        for width in 0..120 {
            let row = fitted_row(&figures, chain, width);
            assert!(
                unicode_width::UnicodeWidthStr::width(row.as_str()) <= width,
                "{width}: {row}"
            );
            if row.contains('$') {
                assert!(row.contains("$98,110/yr"), "{width}: {row}");
            }
        }
        assert_eq!(
            fitted_row(&figures, chain, 60),
            "Network and computer systems administrator · $98,110/yr …"
        );
        assert_eq!(
            fitted_row(&figures, chain, 90),
            "Network and computer systems administrator · $98,110/yr · ? wk · cost ?   ESL Level 3 cla…"
        );
    }

    #[test]
    fn the_step_table_gives_way_in_its_title_and_credential_never_its_figures() {
        let wide = StepColumns::for_width(200);
        assert_eq!((wide.title, wide.credential), (44, 200 - StepColumns::FIXED - 44));
        let at_120 = StepColumns::for_width(118);
        assert_eq!(at_120.title, 44);
        assert!(at_120.credential >= 10, "{at_120:?}");
        let at_80 = StepColumns::for_width(78);
        assert_eq!(
            at_80,
            StepColumns {
                title: 78 - StepColumns::FIXED,
                credential: 0
            }
        );
        assert_eq!(
            StepColumns::for_width(40).title,
            12,
            "a title keeps a few letters"
        );
    }
}
