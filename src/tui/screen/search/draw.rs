//! The search popup: the query, and the ranked stages with the matched characters marked.

use ratatui::Frame;

use crate::tui::view::Layer;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::format::tail;
use crate::sanitize::clean;
use crate::tui::app::{App, SearchState};
use crate::tui::geometry::centered;
use crate::tui::rows::scroll_offset;
use crate::tui::screen::explorer::draw::kind_letter;

/// The hits in view in a window `height` rows high: a page for PgUp/PgDn.
pub fn page(height: u16) -> usize {
    usize::from(height.saturating_sub(4).saturating_sub(4))
}

pub fn draw(app: &App, state: &SearchState, frame: &mut Frame, layer: Layer) {
    let theme = app.theme;
    let area = centered(frame.area(), 100, frame.area().height.saturating_sub(4));
    frame.render_widget(Clear, area);
    let p = &app.pathways;
    let mut lines = vec![
        Line::from(vec![
            Span::styled("Search: ", theme.title()),
            // The end of a long query stays in view: it is where one types.
            Span::raw(tail(
                &clean(&state.query),
                usize::from(area.width).saturating_sub(8 + 3),
            )),
            Span::styled("▏", theme.key()),
        ]),
        Line::styled(status(app, state), theme.dim()),
    ];
    let height = page(frame.area().height);
    let offset = scroll_offset(state.selected, state.hits.len(), height);
    for (i, hit) in state.hits.iter().enumerate().skip(offset).take(height) {
        let stage = p.stage(hit.node);
        let selected = i == state.selected;
        let base = if selected { theme.selected() } else { Style::new() };
        let mut spans = vec![Span::styled(
            format!(
                "{}{} {} ",
                if selected { "> " } else { "  " },
                kind_letter(stage.kind),
                stage.level
            ),
            base,
        )];
        // Mark matched characters; data text is cleaned first, which keeps char positions.
        let title = clean(&stage.title);
        for (j, c) in title.chars().enumerate() {
            let style = if hit.title_matches.contains(&j) {
                theme.matched().patch(base)
            } else {
                base
            };
            spans.push(Span::styled(c.to_string(), style));
        }
        let sector = &p.pathway_of(hit.node).sector;
        let why = if hit.field.as_str() == "title" {
            String::new()
        } else {
            format!(", matched {}", hit.field.as_str())
        };
        spans.push(Span::styled(
            format!("  ({}{why})", clean(sector)),
            theme.dim().patch(base),
        ));
        lines.push(Line::from(spans));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(if state.pick_goal {
            " Search stages: the route finder's goal "
        } else {
            " Search stages "
        })
        .title_bottom(crate::tui::view::screen_hint_line(app, layer));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn status(app: &App, state: &SearchState) -> String {
    if state.query.trim().is_empty() {
        "Type part of a title, id, credential, SOC code or tag".to_string()
    } else if app.search_pending() && state.hits.is_empty() {
        "searching…".to_string()
    } else if state.total == 0 {
        (state.nothing.clone()).unwrap_or_else(|| format!("No stage matches '{}'", clean(&state.query)))
    } else {
        let more = if app.search_pending() {
            " (updating…)"
        } else {
            ""
        };
        let stages = crate::format::plural(state.total, "matching stage", "matching stages");
        format!("{stages}, best first{more}")
    }
}
