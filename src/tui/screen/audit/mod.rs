//! The audit: the data's findings, filtered by severity; Enter goes to the stage one is about.

pub mod draw;

use std::sync::Arc;

use crate::domain::audit::{Finding, Options as AuditOptions, Severity, report};
use crate::tui::app::App;
use crate::tui::cursor;
use crate::tui::keys::{self, Action, Binding, ch, key};
use crate::tui::screen::{Effect, Screen};
use ratatui::crossterm::event::KeyCode;

/// The audit screen's state. The findings are computed once, the first time it opens.
#[derive(Debug, Clone, Default)]
pub struct AuditState {
    /// Only findings of this severity; `None` shows all.
    pub filter: Option<Severity>,
    pub selected: usize,
}

impl AuditState {
    /// The findings the filter lets through, in order.
    pub fn visible<'a>(&self, findings: &'a [Finding]) -> Vec<&'a Finding> {
        findings
            .iter()
            .filter(|f| self.filter.is_none_or(|s| f.severity == s))
            .collect()
    }
}

impl App {
    pub(crate) fn open_audit(&mut self) {
        if self.findings.is_none() {
            let report = report(&self.pathways, &AuditOptions::default());
            self.unlisted = report.unlisted;
            self.findings = Some(Arc::new(report.findings));
        }
        let mut state = self.audit_kept.clone();
        let count = state
            .visible(self.findings.as_deref().map_or(&[][..], |f| &f[..]))
            .len();
        state.selected = state.selected.min(count.saturating_sub(1));
        self.open(Screen::Audit(state));
    }
}

/// What Enter says on a finding about a whole sector.
pub const NOT_ONE_STAGE: &str = "This finding is about a whole sector, not one stage.";

/// The audit's keys: they move between findings, filter them, or go to a finding's stage with
/// its fix (`a` opens the audit at the same finding again).
pub fn update(state: &mut AuditState, action: Action, app: &App) -> Effect {
    let findings = app.findings.as_deref().map_or(&[][..], |f| &f[..]);
    let count = state.visible(findings).len();
    match action {
        Action::Close => return Effect::Close,
        _ if cursor::is_move(action) => {
            let page = draw::page(app.height);
            state.selected = cursor::moved(action, state.selected, count, page).unwrap_or(0);
        }
        Action::Filter => {
            state.filter = match state.filter {
                None => Some(Severity::Error),
                Some(Severity::Error) => Some(Severity::Warning),
                Some(Severity::Warning) => Some(Severity::Info),
                Some(Severity::Info) => None,
            };
            state.selected = 0;
        }
        Action::Activate => {
            let Some(finding) = state.visible(findings).get(state.selected).copied() else {
                return Effect::Stay;
            };
            let stage = finding.stage.as_deref();
            return match stage.and_then(|id| app.pathways.find(id)) {
                Some(node) => Effect::Show {
                    node,
                    say: Some(format!("To fix: {}", finding.fix)),
                },
                None => Effect::Say(NOT_ONE_STAGE.into()),
            };
        }
        _ => return Effect::Pass(action),
    }
    Effect::Stay
}

/// The audit's keys.
pub const BINDINGS: &[&[Binding]] = &[
    keys::CLOSING,
    keys::LIST_MOVES,
    &[
        Binding {
            keys: &[key(KeyCode::Enter)],
            action: Action::Activate,
            label: "Enter",
            hint: "jump",
            help: "Jump to the stage of the selected finding",
        },
        keys::SEARCH,
        keys::ROUTES,
        keys::RELOAD,
        Binding {
            keys: &[ch('f')],
            action: Action::Filter,
            label: "f",
            hint: "filter",
            help: "Show errors, warnings, info or everything",
        },
        keys::HELP,
    ],
];
