//! The route finder: a start, a goal, the limits and a measure, and the best routes found.

pub mod draw;
mod state;
pub use state::*;

use crate::domain::plan::{self, Format, Lang};
use crate::domain::route::Route;
use crate::tui::app::App;
use crate::tui::cursor;
use crate::tui::keys::{self, Action, Binding, ch, key};
use crate::tui::screen::explorer::Pane;
use crate::tui::screen::prompt::{Prompt, PromptKind};
use crate::tui::screen::{Effect, Screen};
use crate::tui::trail::Trail;
use ratatui::crossterm::event::KeyCode;

impl App {
    pub(crate) fn open_routes(&mut self) {
        let here = self.current();
        let learner = self.learner_words();
        let state = self.routes.get_or_insert_with(|| {
            // The learner's own goal first; then a job selected in the explorer; otherwise any job.
            let goal = match &self.profile {
                Ok(profile) if profile.goal.is_some() => {
                    profile.goal.map_or(GoalChoice::AnyJob, GoalChoice::Stage)
                }
                _ if self.pathways.stage(here).is_employment() => GoalChoice::Stage(here),
                _ => GoalChoice::AnyJob,
            };
            RoutesState::new(here, goal)
        });
        state.here = here;
        state.set_learner(learner);
        self.open(Screen::Routes);
    }

    /// Shows a found route in the explorer: the trail becomes the route, ending at its goal.
    pub(crate) fn walk_route(&mut self, route: &Route) {
        self.explorer.trail = Trail::along(route.stages(), route.transitions(), route.starts_from_level());
        self.close_all();
        self.explorer.focus = Pane::Trail;
        self.explorer.arrive(&self.rows);
    }

    /// The route selected in the route finder, if any: plans are written from it and the map
    /// highlights it.
    pub fn selected_route(&self) -> Option<&Route> {
        let state = self.routes.as_ref()?;
        state.results.get(state.selected)
    }

    pub(crate) fn ask_plan_file(&mut self) {
        let Some(goal) = self.selected_route().map(Route::target) else {
            self.message = Some("Find routes first, then choose one to write as a plan.".into());
            return;
        };
        let learner_lang = self.learner.lang.as_deref().and_then(Lang::parse);
        if let (Some(lang), Some(StartChoice::Learner)) =
            (learner_lang, self.routes.as_ref().map(|r| &r.start))
        {
            self.plan_lang = lang;
        }
        self.prompt = Some(Prompt {
            kind: PromptKind::PlanFile,
            text: plan::file_name(&self.pathways, goal, Format::Html),
            error: None,
        });
    }
}

/// What Tab says before any route is found.
pub const NO_ROUTES_YET: &str = "No routes yet: Enter on [ Find routes ] finds them.";

/// The route finder's keys: they move about the form, the routes and a route's detail, change
/// the form's choices, find routes, and ask the explorer for the rest (walk, pin, plan, ...).
/// Its state is kept while it is closed, so it lives in the `App`, taken out for this.
pub fn update(state: &mut RoutesState, action: Action, app: &App) -> Effect {
    let fields = FIELDS.len();
    match action {
        Action::Close => return Effect::Close,
        Action::Search => return Effect::SearchGoal,
        Action::NextPane | Action::PrevPane if state.results.is_empty() => {
            return Effect::Say(NO_ROUTES_YET.into());
        }
        // Tab goes around: the form, the list of routes, the selected route's detail.
        Action::NextPane | Action::PrevPane => {
            let at = usize::from(state.in_results) + usize::from(state.in_results && state.in_detail);
            let next = if action == Action::NextPane {
                (at + 1) % 3
            } else {
                (at + 2) % 3
            };
            state.in_results = next > 0;
            state.in_detail = next == 2;
        }
        _ if state.in_detail && cursor::is_move(action) => {
            let room = draw::detail_room(app, state);
            let page = usize::from(app.height / 3).max(1);
            let at = state.detail_scroll.min(room);
            state.detail_scroll = cursor::moved(action, at, room + 1, page).unwrap_or(0);
        }
        _ if state.in_results && cursor::is_move(action) => {
            state.detail_scroll = 0;
            let page = draw::page(app.height);
            let len = state.results.len();
            state.selected = cursor::moved(action, state.selected, len, page).unwrap_or(0);
        }
        // The form's fields are a list too: one cursor rule (Home, End and pages go to
        // the first or last field), round at its ends for the arrows.
        Action::Up => state.field = (state.field + fields - 1) % fields,
        Action::Down => state.field = (state.field + 1) % fields,
        _ if cursor::is_move(action) => {
            state.field = cursor::moved(action, state.field, fields, fields).unwrap_or(0)
        }
        Action::Left if !state.in_results => state.cycle(false),
        Action::Right | Action::Cycle if !state.in_results => state.cycle(true),
        Action::Cycle => {
            return Effect::Say("Space changes a choice of the form: Tab goes back to it.".into());
        }
        Action::Activate if state.in_results => {
            if let Some(route) = state.results.get(state.selected) {
                return Effect::Walk(Box::new(route.clone()));
            }
        }
        Action::Activate => match &state.start {
            StartChoice::Score { text, .. } if state.field == 0 => {
                return Effect::Question(Prompt {
                    kind: PromptKind::Score,
                    text: text.clone(),
                    error: None,
                });
            }
            _ => {
                let learner = app.learner_query(state.measure);
                state.find(&app.pathways, learner, &app.panel_limits(), app.area);
            }
        },
        Action::Pin => {
            return match state.results.get(state.selected) {
                Some(route) => Effect::Pin {
                    route: Box::new(route.clone()),
                    from: format!("route {} of the finder", state.selected + 1),
                    limits: Box::new(app.panel_limits()),
                },
                None => Effect::Say("No route to pin yet: Enter on [ Find routes ] finds them.".into()),
            };
        }
        _ => return Effect::Pass(action),
    }
    Effect::Stay
}

/// The route finder's keys.
pub const BINDINGS: &[&[Binding]] = &[
    keys::CLOSING,
    keys::LIST_MOVES,
    &[
        keys::NEXT_PANE,
        keys::PREV_PANE,
        Binding {
            keys: &[key(KeyCode::Left), ch('h')],
            action: Action::Left,
            label: "←/h",
            hint: "",
            help: "On the form: the previous choice of the selected field",
        },
        Binding {
            keys: &[key(KeyCode::Right), ch('l')],
            action: Action::Right,
            label: "→/l",
            hint: "",
            help: "On the form: the next choice of the selected field",
        },
        Binding {
            keys: &[key(KeyCode::Enter)],
            action: Action::Activate,
            label: "Enter",
            hint: "find/walk",
            help: "On the form: find routes. On a route: walk it in the explorer",
        },
        keys::SEARCH,
        keys::AUDIT,
        Binding {
            keys: &[ch(' ')],
            action: Action::Cycle,
            label: "Space",
            hint: "change",
            help: "On the form: change the selected choice",
        },
        Binding {
            keys: &[ch('p')],
            action: Action::Plan,
            label: "p",
            hint: "plan",
            help: "Write the selected route as the learner's plan (HTML to print, or .md or .txt by the file name)",
        },
        keys::MAP,
        keys::LEARNER,
        keys::AREA,
        keys::PIN,
        keys::COMPARE,
        keys::HELP,
    ],
];
