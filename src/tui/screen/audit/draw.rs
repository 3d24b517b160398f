//! The audit screen: findings by severity, filterable, with the selected one's message, fix and
//! the data's own note when the finding is deliberate.

use ratatui::Frame;

use crate::tui::view::Layer;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::domain::audit::{Counts, Finding, Severity};
use crate::format::count;
use crate::sanitize::clean;
use crate::tui::app::{App, AuditState};
use crate::tui::geometry::centered;
use crate::tui::rows::scroll_offset;
use crate::tui::theme::Theme;

fn severity_style(theme: Theme, severity: Severity) -> Style {
    match severity {
        Severity::Error => theme.error(),
        Severity::Warning => theme.warning(),
        Severity::Info => theme.dim(),
    }
}

fn subject(app: &App, f: &Finding) -> String {
    match (&f.transition, &f.stage, &f.sector) {
        (Some(t), _, _) => format!("{} -> {}", t.from, t.to),
        (None, Some(id), _) => {
            let title = app.pathways.find(id).map(|n| app.pathways.stage(n).title.clone());
            title.map_or_else(|| id.clone(), |t| format!("{t} ({id})"))
        }
        (None, None, Some(sector)) => format!("sector {sector}"),
        _ => String::new(),
    }
}

/// The rows of the finding shown in full below the list.
const DETAIL: u16 = 8;

/// The findings in view in a window `height` rows high: a page for PgUp/PgDn.
pub fn page(height: u16) -> usize {
    // The box, less its borders and the detail.
    usize::from(height.saturating_sub(2).saturating_sub(2).saturating_sub(DETAIL))
}

pub fn draw(app: &App, state: &AuditState, frame: &mut Frame, layer: Layer) {
    let theme = app.theme;
    let area = centered(frame.area(), 140, frame.area().height.saturating_sub(2));
    frame.render_widget(Clear, area);
    let findings = app.findings.as_deref().map_or(&[][..], Vec::as_slice);
    let visible = state.visible(findings);
    let counts = Counts::of(findings).plus(&app.unlisted);
    let filter = state.filter.map_or("all", Severity::as_str);
    let unlisted = match app.unlisted.total() {
        0 => String::new(),
        n => format!(" · {} not listed", count(n as u64)),
    };
    let title = format!(
        " Audit: {} errors, {} warnings ({} explained), {} info · showing {filter}{unlisted} ",
        count(counts.errors as u64),
        count(counts.warnings as u64),
        count(counts.explained_warnings as u64),
        count(counts.info as u64)
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title)
        .title_bottom(crate::tui::view::screen_hint_line(app, layer));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(DETAIL)]).areas(inner);
    let height = usize::from(list.height);
    let offset = scroll_offset(state.selected, visible.len(), height);
    let mut lines: Vec<Line> = Vec::new();
    if visible.is_empty() {
        lines.push(Line::styled(
            format!("No {filter} findings: nothing to fix here."),
            theme.dim(),
        ));
    }
    for (i, f) in visible.iter().enumerate().skip(offset).take(height) {
        let selected = i == state.selected;
        let base = if selected { theme.selected() } else { Style::new() };
        let explained = if f.explained() { " (explained)" } else { "" };
        let subject_room = usize::from(list.width).saturating_sub(2 + 8 + 28 + explained.len());
        lines.push(Line::from(vec![
            Span::styled(if selected { "> " } else { "  " }, base),
            Span::styled(
                format!("{:<8}", f.severity.as_str()),
                severity_style(theme, f.severity).patch(base),
            ),
            Span::styled(format!("{:<28}", f.code.as_str()), base),
            // The subject gives way (ending in `…`) so "(explained)" always shows.
            Span::styled(
                format!(
                    "{}{explained}",
                    crate::format::fit(&clean(&subject(app, f)), subject_room).trim_end()
                ),
                base,
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), list);
    let mut text = Vec::new();
    if let Some(f) = visible.get(state.selected) {
        text.push(Line::raw(clean(&f.message).into_owned()));
        text.push(Line::from(vec![
            Span::styled("Fix: ", theme.title()),
            Span::raw(clean(&f.fix).into_owned()),
        ]));
        if let Some(note) = &f.note {
            text.push(Line::styled(
                format!("Explained in the data: {}", clean(note)),
                theme.dim(),
            ));
        }
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .border_style(theme.border(false));
    frame.render_widget(
        Paragraph::new(text).block(block).wrap(Wrap { trim: true }),
        detail,
    );
}
