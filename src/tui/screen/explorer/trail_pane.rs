//! The trail: the stages walked so far, with the mode of each transition drawn as a line style
//! and named, the segment strip, and running totals.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::graph::Pathways;
use crate::domain::route::Route;
use crate::format::{cost_marked, weeks_marked};
use crate::sanitize::clean;
use crate::tui::app::{App, Pane};
use crate::tui::theme::Theme;
use crate::tui::theme::mode_line;

/// A route's segments as `[integrated 11 wk] -> [sequential 52+? wk]`, each in its mode's style;
/// `?` or `+?` where a length the segment counts is missing from the data (`format::segment`).
pub fn segment_strip(p: &Pathways, route: &Route, theme: Theme) -> Vec<Span<'static>> {
    strip_of(p, route, theme, crate::format::segment)
}

fn strip_of(
    p: &Pathways,
    route: &Route,
    theme: Theme,
    words: fn(&crate::domain::route::Segment) -> String,
) -> Vec<Span<'static>> {
    let mut strip = Vec::new();
    for (i, seg) in route.segments(p).iter().enumerate() {
        if i > 0 {
            strip.push(Span::raw(" -> "));
        }
        strip.push(Span::styled(words(seg), theme.mode(seg.mode)));
    }
    strip
}

/// The trail's second line within `width`: where she is on it, its segments and totals up to
/// her step (`?` where the data gives no figure; "so far" before the trail's last step), or what
/// to do when no step is walked yet. Too wide, the segments say their modes by their lines.
fn trail_strip(
    p: &Pathways,
    route: Option<&Route>,
    pos: usize,
    steps: usize,
    theme: Theme,
    width: usize,
) -> Vec<Span<'static>> {
    let full = strip_with(p, route, pos, steps, theme, crate::format::segment);
    if Line::from(full.clone()).width() <= width {
        return full;
    }
    strip_with(p, route, pos, steps, theme, crate::format::segment_compact)
}

fn strip_with(
    p: &Pathways,
    route: Option<&Route>,
    pos: usize,
    steps: usize,
    theme: Theme,
    words: fn(&crate::domain::route::Segment) -> String,
) -> Vec<Span<'static>> {
    // Where she is first: at 80 columns the totals are what gets cut, not her place.
    let mut strip = vec![Span::raw(if steps > 1 {
        format!("step {} of {steps}   ", pos + 1)
    } else {
        String::new()
    })];
    strip.extend(route.map_or_else(Vec::new, |r| strip_of(p, r, theme, words)));
    match route {
        Some(r) if strip.len() > 1 => {
            let legs = r.legs(p);
            let upto = if pos + 1 < steps { "so far" } else { "total" };
            strip.push(Span::raw(format!(
                "   {upto} {} wk, {}",
                weeks_marked(r.weeks, legs.iter().any(|l| l.weeks_unknown)),
                cost_marked(r.cost_usd, legs.iter().any(|l| l.cost_unknown)),
            )));
        }
        _ if steps > 1 => strip.push(Span::styled(
            "the trail's first step: ] goes forward",
            theme.dim(),
        )),
        _ => strip.push(Span::styled(
            "walk a transition (Enter) to start a trail",
            theme.dim(),
        )),
    }
    strip
}

/// The trail's spans within `width`, the span at `key` kept in view: spans go from the front
/// (up to the key), then from the back, each cut end marked with `…`.
fn fit_chain(chain: Vec<Span<'static>>, key: usize, width: usize) -> Line<'static> {
    let mut line = Line::from(chain);
    let mut key = key.min(line.spans.len().saturating_sub(1));
    while line.width() > width && line.spans.len() > 1 {
        if key > 0 {
            line.spans.remove(0);
            key -= 1;
            let first = &line.spans[0];
            line.spans[0] = Span::styled(format!("…{}", first.content), first.style);
        } else {
            line.spans.pop();
            let last = line.spans.len() - 1;
            let end = &line.spans[last];
            line.spans[last] = Span::styled(format!("{}…", end.content), end.style);
        }
    }
    line
}

pub fn draw(app: &App, frame: &mut Frame) {
    let area = app.areas().trail;
    let p = &app.pathways;
    let theme = app.theme;
    let focused = app.explorer.focus == Pane::Trail;
    let mut chain = Vec::new();
    // The step that must stay in view: the one the cursor is on, else where she stands.
    let key_step = if focused {
        app.explorer.trail_cursor
    } else {
        app.explorer.trail.pos
    };
    let mut key_span = 0;
    for (i, step) in app.explorer.trail.steps.iter().enumerate() {
        let ahead = i > app.explorer.trail.pos;
        if let Some(edge) = step.via {
            let mode = p.transition(edge).mode;
            let style = if ahead { theme.dim() } else { theme.mode(mode) };
            chain.push(Span::styled(format!(" {} ", mode_line(mode)), style));
        }
        let title = clean(&p.stage(step.node).title).into_owned();
        // Not "> ": after a transition's arrow it would read as "──> >".
        let mark = if focused && i == app.explorer.trail_cursor {
            "▸"
        } else {
            ""
        };
        let style = if focused && i == app.explorer.trail_cursor {
            theme.selected()
        } else if i == app.explorer.trail.pos {
            theme.title()
        } else if ahead {
            theme.dim()
        } else {
            ratatui::style::Style::new()
        };
        if i == key_step {
            key_span = chain.len();
        }
        chain.push(Span::styled(format!("{mark}{title}"), style));
    }
    let strip = match app.explorer.trail.viewing {
        Some(v) => vec![Span::styled(
            crate::tui::trail::viewing_words(
                &clean(&p.stage(v).title),
                app.explorer.trail.pos,
                app.explorer.trail.steps.len(),
            ),
            theme.title(),
        )],
        None => {
            let route = app.trail_route();
            let width = usize::from(area.width.saturating_sub(2));
            trail_strip(
                p,
                route.as_ref(),
                app.explorer.trail.pos,
                app.explorer.trail.steps.len(),
                theme,
                width,
            )
        }
    };
    let width = usize::from(area.width.saturating_sub(2));
    let line = fit_chain(chain, key_span, width);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .border_type(theme.border_type(focused))
        .title(" Trail ");
    frame.render_widget(Paragraph::new(vec![line, Line::from(strip)]).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line<'_>) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_long_trail_keeps_the_step_in_view() {
        let chain = || -> Vec<Span<'static>> {
            [
                "ESL 3",
                " ──> ",
                "ESL 4",
                " ──> ",
                "NA-C",
                " ══> ",
                "LPN",
                " ──> ",
                "RN",
            ]
            .into_iter()
            .map(Span::raw)
            .collect()
        };
        let whole = fit_chain(chain(), 4, 80);
        assert_eq!(text(&whole), "ESL 3 ──> ESL 4 ──> NA-C ══> LPN ──> RN");
        // At the end: the front goes.
        assert_eq!(text(&fit_chain(chain(), 8, 20)), "…NA-C ══> LPN ──> RN");
        // Back at the start: the end goes, the first step stays.
        assert_eq!(text(&fit_chain(chain(), 0, 20)), "ESL 3 ──> ESL 4…");
        // In the middle: the front up to it, then the end.
        let middle = text(&fit_chain(chain(), 4, 14));
        assert!(middle.starts_with("…NA-C"), "{middle}");
        assert!(
            unicode_width::UnicodeWidthStr::width(middle.as_str()) <= 14,
            "{middle}"
        );
    }
}
