//! The trail: the stages walked so far, with the mode of each transition drawn as a line style
//! and named, the segment strip, and running totals.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::graph::Pathways;
use crate::domain::model::Mode;
use crate::format::{usd, weeks};
use crate::sanitize::clean;
use crate::tui::app::{App, Pane, Step};
use crate::tui::theme::mode_line;

/// Weeks and cost of one transition u -> v by DESIGN's route arithmetic.
pub fn leg(p: &Pathways, step: &Step, prev: &Step) -> (f64, f64) {
    let Some(edge) = step.via else { return (0.0, 0.0) };
    let t = p.transition(edge);
    let (u, v) = (p.stage(prev.node), p.stage(step.node));
    let mut w = t.weeks.unwrap_or(0.0);
    if !v.is_employment() {
        w += v.weeks.unwrap_or(0.0);
    }
    if u.is_employment() {
        w += u.weeks.unwrap_or(0.0);
    }
    (w, t.cost_usd.unwrap_or(0.0) + v.cost_usd.unwrap_or(0.0))
}

/// Maximal runs of one mode along the walked steps: (mode, weeks).
pub fn segments(p: &Pathways, steps: &[Step]) -> Vec<(Mode, f64)> {
    let mut out: Vec<(Mode, f64)> = Vec::new();
    for pair in steps.windows(2) {
        let Some(edge) = pair[1].via else { continue };
        let mode = p.transition(edge).mode;
        let (w, _) = leg(p, &pair[1], &pair[0]);
        match out.last_mut() {
            Some((m, total)) if *m == mode => *total += w,
            _ => out.push((mode, w)),
        }
    }
    out
}

pub fn draw(app: &App, frame: &mut Frame) {
    let area = app.areas().trail;
    let p = &app.pathways;
    let theme = app.theme;
    let focused = app.focus == Pane::Trail;
    let mut chain = Vec::new();
    for (i, step) in app.trail.steps.iter().enumerate() {
        let ahead = i > app.trail.pos;
        if let Some(edge) = step.via {
            let mode = p.transition(edge).mode;
            let style = if ahead { theme.dim() } else { theme.mode(mode) };
            chain.push(Span::styled(format!(" {} ", mode_line(mode)), style));
        }
        let title = clean(&p.stage(step.node).title).into_owned();
        let mark = if focused && i == app.trail_cursor {
            "> "
        } else {
            ""
        };
        let style = if focused && i == app.trail_cursor {
            theme.selected()
        } else if i == app.trail.pos {
            theme.title()
        } else if ahead {
            theme.dim()
        } else {
            ratatui::style::Style::new()
        };
        chain.push(Span::styled(format!("{mark}{title}"), style));
    }
    let walked = app.trail.walked();
    let (mut total_weeks, mut total_cost) = (0.0, 0.0);
    for pair in walked.windows(2) {
        let (w, c) = leg(p, &pair[1], &pair[0]);
        total_weeks += w;
        total_cost += c;
    }
    let mut strip: Vec<Span> = Vec::new();
    for (i, (mode, w)) in segments(p, walked).into_iter().enumerate() {
        if i > 0 {
            strip.push(Span::raw(" -> "));
        }
        strip.push(Span::styled(
            format!("[{} {} wk]", mode.as_str(), weeks(w)),
            theme.mode(mode),
        ));
    }
    if strip.is_empty() {
        strip.push(Span::styled(
            "walk a transition (Enter) to start a trail",
            theme.dim(),
        ));
    }
    strip.push(Span::raw(format!(
        "   total {} wk, {}   step {} of {}",
        weeks(total_weeks),
        usd(total_cost),
        app.trail.pos + 1,
        app.trail.steps.len()
    )));
    // Keep the current step in view on long trails: drop spans from the front.
    let width = usize::from(area.width.saturating_sub(2));
    let mut line = Line::from(chain);
    while line.width() > width && line.spans.len() > 2 {
        line.spans.remove(0);
        line.spans[0] = Span::styled(format!("…{}", line.spans[0].content), line.spans[0].style);
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(" Trail ");
    frame.render_widget(Paragraph::new(vec![line, Line::from(strip)]).block(block), area);
}
