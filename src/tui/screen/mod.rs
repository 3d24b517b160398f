//! The explorer's screens, one module each: its state, its bindings (`BINDINGS`, which the
//! hint bar and the help read through `keys::bindings`), how its keys change it and how it is
//! drawn (`draw`). Every screen changes only its own state (`update(state, action, app) ->
//! Effect`, reading the rest of the explorer) and asks for anything more with an `Effect`. The
//! states of the explorer and the route finder outlive their screens, so the `App` holds them and
//! lends them to their `update`. A question (`prompt`) edits its own text the same way and
//! hands its answer on as a `prompt::Answer`, which the `App` carries out (files, the finder's
//! start, the learner).

pub mod area;
pub mod audit;
pub mod compare;
pub mod explorer;
pub mod help;
pub mod learner;
pub mod map;
pub mod prompt;
pub mod routes;
pub mod search;

use petgraph::graph::NodeIndex;
use ratatui::Frame;

use crate::domain::learner::Learner;
use crate::domain::route::{Constraints, Route};
use crate::domain::wages::AreaId;
use crate::tui::app::App;
use crate::tui::keys::{Action, Context};
use crate::tui::view::Layer;
use area::AreaPicker;
use audit::AuditState;
use learner::LearnerPanel;
use map::MapState;
use prompt::Prompt;
use search::SearchState;

/// Which screen is up.
#[derive(Debug, Clone)]
pub enum Screen {
    Explorer,
    Search(SearchState),
    /// The help, over the screen it was opened from.
    Help {
        scroll: usize,
    },
    Audit(AuditState),
    Routes,
    Map(Box<MapState>),
    Learner(LearnerPanel),
    Area(AreaPicker),
    /// Two pinned routes side by side, over the screen it was opened from.
    Compare {
        scroll: usize,
    },
}

/// What a screen's key asks of the explorer beyond the screen's own state.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Nothing more: the screen changed itself, or the key changes nothing here.
    Stay,
    /// A line for the hint bar.
    Say(String),
    /// Back to the screen below.
    Close,
    /// A key every screen that binds it means the same by (help, search, routes, reload): the
    /// explorer does it.
    Pass(Action),
    /// Every screen closed and `node` shown in the stage list, with a line to say there.
    Show { node: NodeIndex, say: Option<String> },
    /// Every wage shown for `area`, and back to the screen below.
    UseArea(AreaId),
    /// Both pinned routes dropped, and back to the screen below.
    Unpin,
    /// The query sent to the search worker, whose answer the search screen waits for.
    Ask(String),
    /// `node` set as the route finder's goal, and back to the screen below.
    Goal(NodeIndex),
    /// A search that picks the route finder's goal, over it.
    SearchGoal,
    /// The route shown in the explorer as the trail, every screen closed.
    Walk(Box<Route>),
    /// A question asked over the screen.
    Question(Prompt),
    /// The learner replaced by this one (and resolved again).
    Learner(Box<Learner>),
    /// A route pinned (or unpinned) to compare, with where it came from and its limits.
    Pin {
        route: Box<Route>,
        from: String,
        limits: Box<Constraints>,
    },
}

impl Screen {
    /// Applies `action` to a screen that keeps its state to itself; `None` for the explorer and
    /// the route finder, whose state the `App` holds. `app` is the explorer with this screen
    /// taken out of it.
    pub fn update(&mut self, action: Action, app: &App) -> Option<Effect> {
        Some(match self {
            Screen::Help { scroll } => help::update(scroll, action, app),
            Screen::Compare { scroll } => compare::update(scroll, action, app),
            Screen::Map(map) => map::update(map, action, app),
            Screen::Area(picker) => area::update(picker, action, app),
            Screen::Audit(state) => audit::update(state, action, app),
            Screen::Search(state) => search::update(state, action, app),
            Screen::Learner(panel) => learner::update(panel, action, app),
            // These states outlive the screen: `App::update` lends them out instead.
            Screen::Explorer | Screen::Routes => {
                return None;
            }
        })
    }

    /// Whose bindings the keys are read with on this screen.
    pub fn context(&self) -> Context {
        match self {
            Screen::Explorer => Context::Explorer,
            Screen::Search(state) if state.pick_goal => Context::PickGoal,
            Screen::Search(_) => Context::Search,
            Screen::Help { .. } => Context::Help,
            Screen::Audit(_) => Context::Audit,
            Screen::Routes => Context::Routes,
            Screen::Map(_) => Context::Map,
            Screen::Learner(_) => Context::Learner,
            Screen::Area(_) => Context::Area,
            Screen::Compare { .. } => Context::Compare,
        }
    }

    /// Draws the screen over the explorer (which is always drawn beneath), as the top screen
    /// or as one below it.
    pub fn draw(&self, app: &App, frame: &mut Frame, layer: Layer) {
        match self {
            Screen::Explorer => {}
            Screen::Search(state) => search::draw::draw(app, state, frame, layer),
            Screen::Help { scroll, .. } => help::draw::draw(app, *scroll, frame, layer),
            Screen::Routes => routes::draw::draw(app, frame, layer),
            Screen::Audit(state) => audit::draw::draw(app, state, frame, layer),
            Screen::Map(map) => map::draw::draw(app, map, frame, layer),
            Screen::Learner(panel) => learner::draw::draw(app, panel, frame, layer),
            Screen::Area(picker) => area::draw::draw(app, picker, frame, layer),
            Screen::Compare { scroll, .. } => compare::draw::draw(app, *scroll, frame, layer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shipped;
    use crate::tui::theme::Theme;
    use std::sync::Arc;

    fn app() -> App {
        let loaded = crate::domain::load::load(&shipped::inputs()).expect("shipped data loads");
        App::new(
            Arc::new(loaded.pathways),
            loaded.benchmarks,
            Theme { color: false },
        )
    }

    /// The screens that keep their state to themselves say what they need of the explorer, and
    /// pass on the keys every screen means the same by.
    #[test]
    fn own_state_screens_ask_for_the_rest_with_effects() {
        let mut app = app();
        let node = app.current();
        let mut map = Screen::Map(Box::new(map::MapState::new(&app.pathways, node)));
        assert_eq!(
            map.update(Action::Activate, &app),
            Some(Effect::Show { node, say: None })
        );
        assert_eq!(map.update(Action::Help, &app), Some(Effect::Pass(Action::Help)));
        assert_eq!(map.update(Action::Close, &app), Some(Effect::Close));

        let mut help = Screen::Help { scroll: 0 };
        assert_eq!(help.update(Action::Down, &app), Some(Effect::Stay));
        assert!(matches!(help, Screen::Help { scroll: 1 }), "{help:?}");
        assert_eq!(help.update(Action::Help, &app), Some(Effect::Close));

        let mut picker = Screen::Area(area::AreaPicker::new());
        for c in "yakima".chars() {
            assert_eq!(picker.update(Action::Input(c), &app), Some(Effect::Stay));
        }
        let Some(Effect::UseArea(area)) = picker.update(Action::Activate, &app) else {
            panic!("Enter picks the area");
        };
        assert_eq!(crate::domain::wages::layer().area(area).name, "Yakima, WA");

        let mut compare = Screen::Compare { scroll: 0 };
        assert_eq!(compare.update(Action::Remove, &app), Some(Effect::Unpin));

        // The audit's findings are computed when it opens; with none, Enter has nothing to show.
        let mut audit = Screen::Audit(audit::AuditState::default());
        assert_eq!(audit.update(Action::Activate, &app), Some(Effect::Stay));
        let options = crate::domain::audit::Options::default();
        let findings = crate::domain::audit::report(&app.pathways, &options).findings;
        let at = findings
            .iter()
            .position(|f| f.stage.is_some())
            .expect("a stage's finding");
        let stage = app
            .pathways
            .find(findings[at].stage.as_deref().unwrap_or_default());
        let fix = format!("To fix: {}", findings[at].fix);
        app.findings = Some(Arc::new(findings));
        let mut audit = Screen::Audit(audit::AuditState {
            filter: None,
            selected: at,
        });
        let Some(Effect::Show { node, say }) = audit.update(Action::Activate, &app) else {
            panic!("Enter on a stage's finding shows the stage");
        };
        assert_eq!((Some(node), say), (stage, Some(fix)));
        assert_eq!(
            audit.update(Action::Reload, &app),
            Some(Effect::Pass(Action::Reload))
        );

        // The route finder's state is the App's, given to it by `App::update`.
        assert_eq!(Screen::Routes.update(Action::Down, &app), None);
        let mut finder = routes::RoutesState::new(node, routes::GoalChoice::AnyJob);
        assert_eq!(
            routes::update(&mut finder, Action::Search, &app),
            Effect::SearchGoal
        );
        assert_eq!(
            routes::update(&mut finder, Action::NextPane, &app),
            Effect::Say(routes::NO_ROUTES_YET.into())
        );
        assert_eq!(
            routes::update(&mut finder, Action::Plan, &app),
            Effect::Pass(Action::Plan)
        );

        // The learner panel edits a copy of the learner and hands it back whole.
        let rows = learner::items(&app.learner, &app.pathways);
        let earn = rows.iter().position(|&i| i == learner::Item::Earn);
        let mut panel = Screen::Learner(learner::LearnerPanel {
            cursor: earn.expect("an earn row"),
        });
        let Some(Effect::Learner(her)) = panel.update(Action::Toggle, &app) else {
            panic!("Space on the earn row gives the learner with it ticked");
        };
        assert!(her.limits.earn && !app.learner.limits.earn);
        let mut panel = Screen::Learner(learner::LearnerPanel { cursor: 0 });
        assert!(matches!(
            panel.update(Action::Activate, &app),
            Some(Effect::Question(Prompt {
                kind: prompt::PromptKind::Learner(learner::Ask::Name),
                ..
            }))
        ));
        assert!(matches!(panel.update(Action::Remove, &app), Some(Effect::Say(_))));

        // The explorer's state is the App's field: its keys read the stage shown from it.
        assert_eq!(Screen::Explorer.update(Action::Down, &app), None);
        let mut state = explorer::Explorer::new(&app.rows);
        assert_eq!(
            explorer::update(&mut state, Action::Pin, &app),
            Effect::Say(compare::NOTHING_WALKED.into())
        );
        assert_eq!(
            explorer::update(&mut state, Action::Map, &app),
            Effect::Pass(Action::Map)
        );
        let first = state.current();
        assert_eq!(explorer::update(&mut state, Action::Down, &app), Effect::Stay);
        assert_ne!(state.current(), first, "↓ in the stage list shows the next stage");
        assert_eq!(app.current(), first, "the App's own explorer is not touched");
    }
}
