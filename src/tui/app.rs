//! The explorer's state, and the one place that changes it: `App::update`.

use std::path::PathBuf;
use std::sync::Arc;

use petgraph::graph::{EdgeIndex, NodeIndex};
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use super::geometry::{Areas, MIN_HEIGHT, MIN_WIDTH};
use super::keys::{Action, Context, action_for};
use super::reload::{self, Reload};
use super::rows::Rows;
pub use super::screen::audit::AuditState;
use super::screen::compare::Pins;
use super::screen::explorer;
pub use super::screen::explorer::{Explorer, Pane};
pub use super::screen::prompt::{Prompt, PromptKind};
use super::screen::routes::RoutesState;
pub use super::screen::search::SearchState;
use super::screen::search::worker::SearchWorker;
use super::theme::Theme;
pub use super::trail::{Step, Trail};
use crate::domain::audit::Finding;
use crate::domain::benchmark::Benchmarks;
use crate::domain::graph::{Link, Pathways};
use crate::domain::learner::{Learner, Profile};
use crate::domain::load::Loaded;
use crate::domain::plan::Lang;
use crate::domain::route::Route;
use crate::domain::wages::AreaId;
pub use crate::tui::screen::{Effect, Screen};

/// Everything the explorer shows. `draw` reads it; only `update` changes it.
pub struct App {
    pub pathways: Arc<Pathways>,
    pub benchmarks: Benchmarks,
    pub rows: Rows,
    /// The explorer's own state: where the list, the panes and the trail are.
    pub explorer: Explorer,
    pub screen: Screen,
    /// The overlay stack: the screens under the one shown, oldest first (the explorer, always
    /// at the bottom, is not stored). Esc goes back to the one below.
    pub under: Vec<Screen>,
    /// The terminal's size, for layout-dependent keys (pages) and the mouse.
    pub width: u16,
    pub height: u16,
    /// A one-line message for the hint bar ("Plan written to ...").
    pub message: Option<String>,
    pub theme: Theme,
    pub quit: bool,
    /// On-ramps loaded, counted once for the header.
    pub on_ramp_count: usize,
    /// The audit's findings, once the audit screen has been opened.
    pub findings: Option<Arc<Vec<Finding>>>,
    /// Findings the audit counted but did not list (past its limit for one code).
    pub unlisted: crate::domain::audit::Counts,
    /// The route finder, kept while the explorer runs so its choices survive closing it.
    pub routes: Option<RoutesState>,
    pub prompt: Option<Prompt>,
    /// The learner the panel edits; routes start from her and the stage list marks where she
    /// can start.
    pub learner: Learner,
    /// The learner resolved against the loaded data, or why she cannot be (one line); kept
    /// up to date by `App::set_learner`.
    pub profile: Result<Profile, String>,
    /// How many stages the learner can start at now (0 while none is set).
    pub learner_starts: usize,
    /// The learner file last saved or loaded, offered again by the next question.
    pub learner_file: Option<PathBuf>,
    /// The learner as last saved or loaded (as at the start, before that), so `q` can ask
    /// before her changes are lost.
    pub(crate) learner_kept: Learner,
    /// The area whose wages every screen shows (the nation until one is picked).
    pub area: AreaId,
    /// The language of the next plan (the plan question's Tab switches it).
    pub plan_lang: Lang,
    /// Routes pinned to compare (`c`, then `C`).
    pub pins: Pins,
    /// The audit's filter and cursor as last left, so reopening it comes back to the same finding.
    pub(crate) audit_kept: AuditState,
    pub(crate) worker: Option<SearchWorker>,
    /// How `R` reads the data files again; none when the data came from elsewhere (tests).
    reload: Option<Reload>,
}

impl App {
    pub fn new(pathways: Arc<Pathways>, benchmarks: Benchmarks, theme: Theme) -> App {
        let rows = Rows::new(&pathways);
        let on_ramp_count = pathways.on_ramps().count();
        let mut app = App {
            pathways,
            benchmarks,
            explorer: Explorer::new(&rows),
            rows,
            screen: Screen::Explorer,
            under: Vec::new(),
            width: 120,
            height: 40,
            message: None,
            theme,
            quit: false,
            on_ramp_count,
            findings: None,
            unlisted: crate::domain::audit::Counts::default(),
            routes: None,
            prompt: None,
            learner: Learner::default(),
            profile: Err(String::new()),
            learner_starts: 0,
            learner_file: None,
            learner_kept: Learner::default(),
            area: AreaId::NATION,
            plan_lang: Lang::En,
            pins: Pins::default(),
            audit_kept: AuditState::default(),
            worker: None,
            reload: None,
        };
        app.set_learner(Learner::default());
        app
    }

    /// Lets `R` read the data files again.
    pub fn with_reload(mut self, reload: Reload) -> App {
        self.reload = Some(reload);
        self
    }

    /// `R`: reads the files again; on success shows the new data where the walk was, on
    /// failure keeps the data it has and says why.
    pub(crate) fn reload(&mut self) {
        let Some(load) = self.reload.as_mut() else {
            self.message = Some("R reads the --data files again; the shipped data is built in, so there is nothing to reload.".into());
            return;
        };
        match load() {
            Ok(loaded) => self.replace_data(loaded),
            Err(errors) => self.message = Some(reload::failed_message(&errors)),
        }
    }

    /// Shows `loaded` instead of the data shown now, keeping the walk, the learner, the area,
    /// the focus and an open audit. Routes found and pinned before are dropped: they were found in
    /// the old data.
    pub fn replace_data(&mut self, loaded: Loaded) {
        let new = Arc::new(loaded.pathways);
        let carried = reload::carry_trail(&self.pathways, &new, &self.explorer.trail);
        let had = self.explorer.trail.steps.len();
        let kept = carried.as_ref().map_or(0, |t| t.steps.len());
        self.pathways = new;
        self.benchmarks = loaded.benchmarks;
        self.rows = Rows::new(&self.pathways);
        self.on_ramp_count = self.pathways.on_ramps().count();
        self.findings = None;
        self.routes = None;
        // Screens below that hold stages of the old data (routes, hits, a map, pins) would
        // point elsewhere now: they leave the stack; the help, the learner and the area picker stay.
        self.under
            .retain(|s| matches!(s, Screen::Help { .. } | Screen::Learner(_) | Screen::Area(_)));
        // Pinned routes name stages of the old data by index: they would point elsewhere now.
        self.pins.clear();
        self.worker = None;
        let link = self.explorer.link;
        match carried {
            Some(trail) => self.explorer.trail = trail,
            None => self.explorer = Explorer::new(&self.rows),
        }
        self.explorer.arrive(&self.rows);
        if kept == had {
            self.explorer.link = link;
        }
        self.set_learner(self.learner.clone());
        if let Screen::Audit(state) = &self.screen {
            let state = state.clone();
            self.open_audit();
            if let Screen::Audit(fresh) = &mut self.screen {
                fresh.filter = state.filter;
                let count = fresh
                    .visible(self.findings.as_deref().map_or(&[][..], |f| &f[..]))
                    .len();
                fresh.selected = state.selected.min(count.saturating_sub(1));
            }
        }
        self.message = Some(reload::done_message(&self.pathways, kept, had));
    }

    /// Shows `screen` over the one shown now, which Esc comes back to. Each kind of screen is
    /// open once: one of the kind on top is replaced, and one further down leaves the stack (route
    /// finder, learner panel, route finder again: Esc goes to the panel, then the explorer).
    pub(crate) fn open(&mut self, screen: Screen) {
        let kind = std::mem::discriminant(&screen);
        self.under.retain(|s| std::mem::discriminant(s) != kind);
        if std::mem::discriminant(&self.screen) != kind && !matches!(self.screen, Screen::Explorer) {
            self.under
                .push(std::mem::replace(&mut self.screen, Screen::Explorer));
        }
        self.screen = screen;
    }

    /// Esc: back to the screen below.
    pub(crate) fn close(&mut self) {
        self.screen = self.under.pop().unwrap_or(Screen::Explorer);
    }

    /// Back to the explorer with every screen closed: a stage jumped to, a route walked.
    pub(crate) fn close_all(&mut self) {
        self.under.clear();
        self.screen = Screen::Explorer;
    }

    /// Whether the learner has changes not saved to (or loaded from) a file. Her area alone is
    /// no change worth a question: it is where wages are shown, for anyone.
    pub fn learner_unsaved(&self) -> bool {
        let without_area = |l: &Learner| Learner {
            area: None,
            ..l.clone()
        };
        without_area(&self.learner) != without_area(&self.learner_kept)
    }

    /// Whether the map was opened over the route finder (then it marks the finder's route), as
    /// the top screen or below another one.
    pub fn map_over_routes(&self) -> bool {
        let below = match self.under.iter().position(|s| matches!(s, Screen::Map(_))) {
            Some(i) => i.checked_sub(1).and_then(|j| self.under.get(j)),
            None => self.under.last(),
        };
        matches!(below, Some(Screen::Routes))
    }

    /// Whether anything is loaded at all.
    pub fn has_stages(&self) -> bool {
        self.pathways.stage_count() > 0
    }

    /// The stage the explorer shows.
    pub fn current(&self) -> NodeIndex {
        self.explorer.current()
    }

    /// The walked part of the trail as a route.
    pub fn trail_route(&self) -> Option<Route> {
        self.explorer.trail_route(&self.pathways)
    }

    /// The whole trail as a route, the steps ahead of the current one too: what `c` pins.
    pub fn whole_trail_route(&self) -> Option<Route> {
        self.explorer.whole_trail_route(&self.pathways)
    }

    /// The current stage's transitions, outgoing first, then incoming, as the pane lists them.
    pub fn links(&self) -> (Vec<Link<'_>>, Vec<Link<'_>>) {
        self.explorer.links(&self.pathways)
    }

    /// Shows a stage without walking: the trail is kept.
    pub fn jump(&mut self, node: NodeIndex) {
        self.explorer.jump(node, &self.rows);
    }

    /// Walks a transition forward from the current step, as Enter on it does.
    pub fn walk(&mut self, next: NodeIndex, via: EdgeIndex) {
        self.with_explorer(|state, app| explorer::walk(state, next, via, app));
    }

    /// Walks a "Comes from" transition back to `prev`, as Enter on it does.
    pub fn walk_back(&mut self, prev: NodeIndex, via: EdgeIndex) {
        self.with_explorer(|state, app| explorer::walk_back(state, prev, via, app));
    }

    /// Runs `f` on the explorer's state taken out of the App, then does its effect.
    fn with_explorer(&mut self, f: impl FnOnce(&mut Explorer, &App) -> Effect) {
        let mut state = std::mem::take(&mut self.explorer);
        let effect = f(&mut state, self);
        self.explorer = state;
        self.apply(effect);
    }

    /// A left click: in the explorer, selects the row or pane under the pointer.
    fn click(&mut self, column: u16, row: u16) {
        if matches!(self.screen, Screen::Explorer) && self.prompt.is_none() && self.has_stages() {
            let areas = self.areas();
            self.explorer.click(column, row, &areas, &self.rows);
        }
    }

    pub fn context(&self) -> Context {
        if let Some(prompt) = &self.prompt {
            return match prompt.kind {
                PromptKind::Leave => Context::Leave,
                _ if prompt.is_choice() => Context::Choice,
                _ => Context::Prompt,
            };
        }
        self.screen.context()
    }

    pub fn areas(&self) -> Areas {
        Areas::new(ratatui::layout::Rect::new(0, 0, self.width, self.height))
    }

    /// Turns a terminal event into an action and applies it.
    pub fn handle(&mut self, event: &Event) {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => {
                if let Some(action) = action_for(self.context(), *key) {
                    self.update(action);
                }
            }
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => self.update(Action::Down),
                MouseEventKind::ScrollUp => self.update(Action::Up),
                MouseEventKind::Down(MouseButton::Left) => self.click(mouse.column, mouse.row),
                _ => {}
            },
            Event::Resize(w, h) => self.resize(*w, *h),
            _ => {}
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
    }

    /// Whether the window is too small for the layout.
    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// Applies one action. The only place state changes.
    pub fn update(&mut self, action: Action) {
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        if action == Action::QuitAsk {
            if self.learner_unsaved() {
                self.prompt = Some(Prompt {
                    kind: PromptKind::Leave,
                    text: String::new(),
                    error: None,
                });
            } else {
                self.quit = true;
            }
            return;
        }
        if !matches!(action, Action::Input(_) | Action::Erase | Action::EraseAll) {
            self.message = None;
        }
        if self.prompt.is_some() {
            self.answer(action);
            return;
        }
        // The screen is taken out while it reads the rest, then put back before its effect.
        let mut screen = std::mem::replace(&mut self.screen, Screen::Explorer);
        let effect = screen.update(action, self);
        self.screen = screen;
        // The route finder's state is kept while it is closed, so the App holds it.
        let effect = match (&self.screen, self.routes.take()) {
            (Screen::Routes, Some(mut state)) => {
                let effect = super::screen::routes::update(&mut state, action, self);
                self.routes = Some(state);
                Some(effect)
            }
            (Screen::Routes, None) => Some(Effect::Close),
            (_, routes) => {
                self.routes = routes;
                effect
            }
        };
        if let Some(effect) = effect {
            if let Screen::Audit(state) = &self.screen {
                self.audit_kept = state.clone();
            }
            self.apply(effect);
            return;
        }
        // The explorer's state is the App's own field, so it is taken out here too.
        if matches!(self.screen, Screen::Explorer) {
            self.with_explorer(|state, app| explorer::update(state, action, app));
        }
    }

    /// Does what a screen's key asked of the explorer.
    fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::Stay => {}
            Effect::Say(words) => self.message = Some(words),
            Effect::Close => self.close(),
            Effect::Pass(action) => self.anywhere(action),
            Effect::Show { node, say } => {
                self.close_all();
                self.explorer.focus = Pane::Stages;
                self.jump(node);
                self.message = say;
            }
            Effect::UseArea(area) => {
                self.set_area(area);
                self.close();
            }
            Effect::Ask(query) => {
                let asked = self.worker.as_mut().map(|w| w.ask(&query));
                if let (Screen::Search(state), Some(asked)) = (&mut self.screen, asked) {
                    state.asked = asked;
                }
            }
            Effect::Goal(node) => {
                if let Some(routes) = self.routes.as_mut() {
                    routes.set_goal(super::screen::routes::GoalChoice::Stage(node));
                    routes.field = 1;
                }
                self.close();
            }
            Effect::SearchGoal => {
                self.open_search();
                if let Screen::Search(search) = &mut self.screen {
                    search.pick_goal = true;
                }
            }
            Effect::Walk(route) => self.walk_route(&route),
            Effect::Question(prompt) => self.prompt = Some(prompt),
            Effect::Learner(learner) => self.set_learner(*learner),
            Effect::Pin { route, from, limits } => self.pin(*route, from, *limits),
            Effect::Unpin => {
                self.pins.clear();
                self.close();
                self.message = Some(super::screen::compare::UNPINNED.into());
            }
        }
    }

    /// The keys that mean the same on every screen that binds them; others change nothing.
    fn anywhere(&mut self, action: Action) {
        match action {
            Action::Help => self.open_help(),
            Action::Search => self.open_search(),
            Action::Routes => self.open_routes(),
            Action::Reload => self.reload(),
            Action::Audit => self.open_audit(),
            Action::Map => self.open_map(),
            Action::Learner => self.open_learner(),
            Action::Area => self.open_area(),
            Action::Compare => self.open_compare(),
            Action::Plan => self.ask_plan_file(),
            _ => {}
        }
    }
}
