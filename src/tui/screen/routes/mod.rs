//! The route finder: a start, a goal, the limits and a measure, and the best routes found.

pub mod draw;
mod state;
pub use state::*;

use crate::domain::plan::{self, Format, Lang};
use crate::domain::route::Route;
use crate::tui::app::App;
use crate::tui::cursor;
use crate::tui::keys::{self, Action, Binding, ch, key};
use crate::tui::screen::Screen;
use crate::tui::screen::explorer::Pane;
use crate::tui::screen::prompt::{Prompt, PromptKind};
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

    pub(crate) fn route_finder(&mut self, action: Action) {
        let learner = self.routes.as_ref().map(|s| self.learner_query(s.measure));
        let limits = self.panel_limits();
        let room = draw::detail_room(self);
        let Some(state) = self.routes.as_mut() else {
            self.close();
            return;
        };
        let fields = FIELDS.len();
        match action {
            Action::Close => self.close(),
            Action::Help => self.open_help(),
            Action::Audit => self.open_audit(),
            Action::Search => {
                self.open_search();
                if let Screen::Search(search) = &mut self.screen {
                    search.pick_goal = true;
                }
            }
            Action::NextPane | Action::PrevPane if state.results.is_empty() => {
                self.message = Some("No routes yet: Enter on [ Find routes ] finds them.".into());
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
                let page = usize::from(self.height / 3).max(1);
                let at = state.detail_scroll.min(room);
                state.detail_scroll = cursor::moved(action, at, room + 1, page).unwrap_or(0);
            }
            _ if state.in_results && cursor::is_move(action) => {
                state.detail_scroll = 0;
                let page = draw::page(self.height);
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
                self.message = Some("Space changes a choice of the form: Tab goes back to it.".into());
            }
            Action::Activate if state.in_results => {
                if let Some(route) = state.results.get(state.selected).cloned() {
                    self.walk_route(&route);
                }
            }
            Action::Activate => {
                if state.field == 0 && matches!(state.start, StartChoice::Score { .. }) {
                    let text = match &state.start {
                        StartChoice::Score { text, .. } => text.clone(),
                        _ => String::new(),
                    };
                    self.prompt = Some(Prompt {
                        kind: PromptKind::Score,
                        text,
                        error: None,
                    });
                } else {
                    let learner = learner.unwrap_or_else(|| Err(String::new()));
                    state.find(&self.pathways, learner, &limits, self.area);
                }
            }
            Action::Plan => self.ask_plan_file(),
            Action::Map => self.open_map(),
            Action::Learner => self.open_learner(),
            Action::Area => self.open_area(),
            Action::Pin => match state.results.get(state.selected).cloned() {
                Some(route) => {
                    let from = format!("route {} of the finder", state.selected + 1);
                    self.pin(route, from, limits);
                }
                None => {
                    self.message = Some("No route to pin yet: Enter on [ Find routes ] finds them.".into())
                }
            },
            Action::Compare => self.open_compare(),
            _ => {}
        }
    }

    /// Shows a found route in the explorer: the trail becomes the route, ending at its goal.
    pub(crate) fn walk_route(&mut self, route: &Route) {
        self.trail = Trail::along(route.stages(), route.transitions(), route.starts_from_level());
        self.close_all();
        self.focus = Pane::Trail;
        self.arrive();
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
