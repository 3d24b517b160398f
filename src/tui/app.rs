//! The explorer's state, and the one place that changes it: `App::update`.

use std::sync::Arc;

use petgraph::graph::{EdgeIndex, NodeIndex};
use ratatui::crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};

use super::compare::{self, Pins};
use super::keys::{Action, Context, action_for};
use super::learner::{Ask, LearnerPanel};
use super::map::MapState;
use super::reload::{self, Reload};
use super::routes::{FIELDS, GoalChoice, RoutesState, StartChoice};
use super::rows::{Rows, scroll_offset};
use super::search_worker::{Response, SearchWorker};
use super::theme::Theme;
use super::trail::{self, OffTrail};
pub use super::trail::{Step, Trail};
use super::view;
use super::view::layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use crate::atomic::{self, Existing};
use crate::domain::audit::{Finding, Options as AuditOptions, Severity, report};
use crate::domain::benchmark::Benchmarks;
use crate::domain::graph::{Link, Pathways};
use crate::domain::layout::Heading;
use crate::domain::learner::{Learner, Profile};
use crate::domain::load::Loaded;
use crate::domain::plan::{self, Format, Lang, PlanInput};
use crate::domain::route::{self, Route};
use crate::domain::search::Hit;
use crate::domain::wages::AreaId;
use crate::tui::area::AreaPicker;
use std::path::{Path, PathBuf};

/// The panes of the explorer that take the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Stages,
    Transitions,
    Trail,
}

/// The search screen's state.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    pub hits: Vec<Hit>,
    pub total: usize,
    /// What to say when nothing matched (with the nearest word the data has, if any).
    pub nothing: Option<String>,
    pub selected: usize,
    /// The sequence number of the newest query sent; results for older ones are ignored.
    pub asked: u64,
    /// The query the shown hits answer.
    pub answered: String,
    /// Picking the route finder's goal rather than jumping in the explorer.
    pub pick_goal: bool,
}

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

/// The longest search text, in characters: longer than any stage title.
pub const MAX_QUERY: usize = 200;

/// Which screen is up.
#[derive(Debug, Clone)]
pub enum Screen {
    Explorer,
    Search(SearchState),
    /// The help, over the screen it was opened from.
    Help {
        scroll: usize,
        back: Box<Screen>,
    },
    Audit(AuditState),
    Routes,
    Map(Box<MapState>),
    Learner(LearnerPanel),
    Area(AreaPicker),
    /// Two pinned routes side by side, over the screen it was opened from.
    Compare {
        scroll: usize,
        back: Box<Screen>,
    },
}

/// What a one-line question asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// A test score for the route finder's start.
    Score,
    /// The file to write the selected route's plan to.
    PlanFile,
    /// Whether to replace an existing plan file.
    Overwrite(PathBuf),
    /// A question of the learner panel.
    Learner(Ask),
}

/// A one-line question over the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// Why the last answer was refused.
    pub error: Option<String>,
}

impl Prompt {
    pub fn question(&self, lang: Lang) -> String {
        match &self.kind {
            PromptKind::Score => "Test score (TEST SUBJECT SCORE, e.g. casas-esl reading 195):".into(),
            PromptKind::PlanFile => {
                let other = Lang::ALL.iter().find(|&&l| l != lang).copied().unwrap_or(lang);
                format!(
                    "Plan in {} (Tab: {}), to .html, .md or .txt:",
                    lang.name(),
                    other.name()
                )
            }
            PromptKind::Overwrite(path) => replace_question(path),
            PromptKind::Learner(ask) => ask.question(),
        }
    }
}

/// "PATH exists. Replace it? (y/n)": asked before any file is replaced.
pub fn replace_question(path: &Path) -> String {
    format!("{} exists. Replace it? (y/n)", path.display())
}

/// Everything the explorer shows. `draw` reads it; only `update` changes it.
pub struct App {
    pub pathways: Arc<Pathways>,
    pub benchmarks: Benchmarks,
    pub rows: Rows,
    /// The selected row of the stage list (always a stage row when there are stages).
    pub selected: usize,
    pub focus: Pane,
    /// The selected transition: outgoing ones first, then incoming.
    pub link: usize,
    pub trail: Trail,
    /// The selected step on the trail when the trail pane has the focus.
    pub trail_cursor: usize,
    pub screen: Screen,
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
    /// The area whose wages every screen shows (the nation until one is picked).
    pub area: AreaId,
    /// The language of the next plan (the plan question's Tab switches it).
    pub plan_lang: Lang,
    /// Routes pinned to compare (`c`, then `C`).
    pub pins: Pins,
    /// The audit's filter and cursor as last left, so reopening it comes back to the same finding.
    audit_kept: AuditState,
    worker: Option<SearchWorker>,
    /// How `R` reads the data files again; none when the data came from elsewhere (tests).
    reload: Option<Reload>,
}

impl App {
    pub fn new(pathways: Arc<Pathways>, benchmarks: Benchmarks, theme: Theme) -> App {
        let rows = Rows::new(&pathways);
        let on_ramp_count = pathways.on_ramps().count();
        let selected = rows.nearest_stage(0, true).unwrap_or(0);
        let start = rows.stage_at(selected).unwrap_or(NodeIndex::new(0));
        let mut app = App {
            pathways,
            benchmarks,
            rows,
            selected,
            focus: Pane::Stages,
            link: 0,
            trail: Trail::start(start),
            trail_cursor: 0,
            screen: Screen::Explorer,
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
    fn reload(&mut self) {
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
        let carried = reload::carry_trail(&self.pathways, &new, &self.trail);
        let had = self.trail.steps.len();
        let kept = carried.as_ref().map_or(0, |t| t.steps.len());
        self.pathways = new;
        self.benchmarks = loaded.benchmarks;
        self.rows = Rows::new(&self.pathways);
        self.on_ramp_count = self.pathways.on_ramps().count();
        self.findings = None;
        self.routes = None;
        // Pinned routes name stages of the old data by index: they would point elsewhere now.
        self.pins.clear();
        self.worker = None;
        self.trail = carried.unwrap_or_else(|| {
            let first = self.rows.nearest_stage(0, true).unwrap_or(0);
            Trail::start(self.rows.stage_at(first).unwrap_or(NodeIndex::new(0)))
        });
        let link = self.link;
        self.arrive();
        if kept == had {
            self.link = link;
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

    /// Whether anything is loaded at all.
    pub fn has_stages(&self) -> bool {
        self.pathways.stage_count() > 0
    }

    /// The stage the explorer shows.
    pub fn current(&self) -> NodeIndex {
        self.trail.current()
    }

    /// The walked part of the trail as a route from its first stage (nothing added for it).
    pub fn trail_route(&self) -> Option<Route> {
        let walked = self.trail.walked();
        let nodes = walked.iter().map(|s| s.node).collect();
        let edges = walked.iter().filter_map(|s| s.via).collect();
        Route::new(&self.pathways, false, nodes, edges)
    }

    /// The whole trail as a route, the steps ahead of the current one too: what `c` pins.
    pub fn whole_trail_route(&self) -> Option<Route> {
        let steps = &self.trail.steps;
        let nodes = steps.iter().map(|s| s.node).collect();
        let edges = steps.iter().filter_map(|s| s.via).collect();
        Route::new(&self.pathways, false, nodes, edges)
    }

    /// The current stage's transitions, outgoing first, then incoming, as the pane lists them.
    pub fn links(&self) -> (Vec<Link<'_>>, Vec<Link<'_>>) {
        let node = self.current();
        (self.pathways.outgoing(node), self.pathways.incoming(node))
    }

    pub fn context(&self) -> Context {
        if self.prompt.is_some() {
            return Context::Prompt;
        }
        match self.screen {
            Screen::Explorer => Context::Explorer,
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
        if !matches!(action, Action::Input(_) | Action::Erase) {
            self.message = None;
        }
        if self.prompt.is_some() {
            self.answer(action);
            return;
        }
        match &self.screen {
            Screen::Routes => self.route_finder(action),
            Screen::Map(_) => self.map(action),
            Screen::Explorer => self.explorer(action),
            Screen::Search(_) => self.search(action),
            Screen::Help { .. } => self.help(action),
            Screen::Audit(_) => self.audit(action),
            Screen::Learner(_) => self.learner_panel(action),
            Screen::Area(_) => self.area_picker(action),
            Screen::Compare { .. } => self.compare(action),
        }
    }

    fn page(&self) -> usize {
        usize::from(self.areas().list.height.saturating_sub(2)).max(1)
    }

    fn explorer(&mut self, action: Action) {
        match action {
            Action::Help => self.open_help(),
            Action::Search => self.open_search(),
            Action::Audit => self.open_audit(),
            Action::Routes => self.open_routes(),
            Action::Map => self.open_map(),
            Action::Learner => self.open_learner(),
            Action::Area => self.open_area(),
            Action::Reload => self.reload(),
            Action::NextPane => self.focus = next_pane(self.focus),
            Action::PrevPane => self.focus = next_pane(next_pane(self.focus)),
            Action::Back => self.step_along(Trail::back, true),
            Action::Forward => self.step_along(Trail::forward, false),
            Action::NewTrail => self.new_trail(),
            Action::Pin => match self.whole_trail_route().filter(|r| r.steps > 0) {
                Some(route) => self.pin(route, "the trail".into()),
                None => self.message = Some(compare::NOTHING_WALKED.into()),
            },
            Action::Compare => self.open_compare(),
            _ if !self.has_stages() => {}
            _ => match self.focus {
                Pane::Stages => self.in_stages(action),
                Pane::Transitions => self.in_transitions(action),
                Pane::Trail => self.in_trail(action),
            },
        }
    }

    fn in_stages(&mut self, action: Action) {
        let len = self.rows.len();
        let target = match action {
            Action::Up => self.rows.nearest_stage(self.selected.saturating_sub(1), false),
            Action::Down => self.rows.nearest_stage(self.selected + 1, true),
            Action::PageUp => self
                .rows
                .nearest_stage(self.selected.saturating_sub(self.page()), false),
            Action::PageDown => self
                .rows
                .nearest_stage((self.selected + self.page()).min(len - 1), true),
            Action::Home => self.rows.nearest_stage(0, true),
            Action::End => self.rows.nearest_stage(len - 1, false),
            Action::Activate | Action::Right => {
                self.focus = Pane::Transitions;
                self.link = 0;
                None
            }
            _ => None,
        };
        if let Some(row) = target
            && let Some(node) = self.rows.stage_at(row)
        {
            self.jump(node);
        }
    }

    fn in_transitions(&mut self, action: Action) {
        let (out, inc) = self.links();
        let count = out.len() + inc.len();
        let chosen = out.get(self.link).map(|l| (l.other, l.edge, true)).or_else(|| {
            self.link
                .checked_sub(out.len())
                .and_then(|i| inc.get(i))
                .map(|l| (l.other, l.edge, false))
        });
        match action {
            Action::Up => self.link = self.link.saturating_sub(1),
            Action::Down => self.link = (self.link + 1).min(count.saturating_sub(1)),
            Action::Home | Action::PageUp => self.link = 0,
            Action::End | Action::PageDown => self.link = count.saturating_sub(1),
            Action::Left => self.focus = Pane::Stages,
            Action::Right => self.focus = Pane::Trail,
            Action::Activate => match chosen {
                Some((next, edge, true)) => self.walk(next, edge),
                Some((prev, edge, false)) => self.walk_back(prev, edge),
                None => {}
            },
            _ => {}
        }
    }

    fn in_trail(&mut self, action: Action) {
        let last = self.trail.steps.len().saturating_sub(1);
        match action {
            Action::Left | Action::Up => self.trail_cursor = self.trail_cursor.saturating_sub(1),
            Action::Right | Action::Down => self.trail_cursor = (self.trail_cursor + 1).min(last),
            Action::Home | Action::PageUp => self.trail_cursor = 0,
            Action::End | Action::PageDown => self.trail_cursor = last,
            Action::Activate => self.go(self.trail_cursor),
            _ => {}
        }
    }

    /// Walks a transition forward from the current step: the trail grows (dropping any steps
    /// that were walked back over). From a stage off the trail it says what to do instead.
    pub fn walk(&mut self, next: NodeIndex, via: EdgeIndex) {
        match self.trail.walk(next, via) {
            Ok(()) => self.arrive(),
            Err(OffTrail) => self.message = Some(self.off_trail()),
        }
    }

    /// Walks a "Comes from" transition back to `prev`: the trail grows at the front.
    pub fn walk_back(&mut self, prev: NodeIndex, via: EdgeIndex) {
        match self.trail.walk_back(prev, via) {
            Ok(()) => self.arrive(),
            Err(OffTrail) => self.message = Some(self.off_trail()),
        }
    }

    fn off_trail(&self) -> String {
        trail::off_trail_words(&self.pathways.stage(self.current()).title)
    }

    /// Shows a stage without walking (the stage list, a click, a search, the map, the audit):
    /// the trail is kept, and `[` comes back to it.
    pub fn jump(&mut self, node: NodeIndex) {
        self.trail.view(node);
        self.arrive();
    }

    /// `n`: a new trail from the stage shown. The old one is dropped, so this is its own key.
    fn new_trail(&mut self) {
        if self.trail.is_bare() {
            self.message = Some(trail::ALREADY_NEW.into());
            return;
        }
        self.trail = Trail::start(self.current());
        self.arrive();
        self.message = Some(trail::STARTED.into());
    }

    /// `[` or `]`: moves along the trail (or back to it), or says why it cannot.
    fn step_along(&mut self, step: fn(&mut Trail) -> bool, back: bool) {
        if step(&mut self.trail) {
            self.arrive();
        } else {
            self.message = Some(trail::at_end_words(back).into());
        }
    }

    /// Moves along the trail to step `pos`, if there is one.
    fn go(&mut self, pos: usize) {
        if self.trail.go(pos) {
            self.arrive();
        }
    }

    fn arrive(&mut self) {
        self.selected = self.rows.row_of(self.current());
        self.trail_cursor = self.trail.pos;
        self.link = 0;
    }

    fn open_search(&mut self) {
        if self.worker.is_none() {
            self.worker = Some(SearchWorker::start(Arc::clone(&self.pathways)));
        }
        self.screen = Screen::Search(SearchState::default());
    }

    fn open_map(&mut self) {
        if !self.has_stages() {
            return;
        }
        // From the route finder, the map centres on the chosen route's goal.
        let node = match (&self.screen, self.selected_route()) {
            (Screen::Routes, Some(route)) => route.target(),
            _ => self.current(),
        };
        let mut map = MapState::new(&self.pathways, node);
        map.from_routes = matches!(self.screen, Screen::Routes);
        let area = view::map::viewport(self.width, self.height);
        map.follow(u32::from(area.width), u32::from(area.height));
        self.screen = Screen::Map(Box::new(map));
    }

    fn map(&mut self, action: Action) {
        let area = view::map::viewport(self.width, self.height);
        let Screen::Map(map) = &mut self.screen else {
            return;
        };
        match action {
            Action::Close if map.from_routes => self.screen = Screen::Routes,
            Action::Close => self.screen = Screen::Explorer,
            Action::Help => self.open_help(),
            Action::Up => map.step(Heading::Up),
            Action::Down => map.step(Heading::Down),
            Action::Left => map.step(Heading::Left),
            Action::Right => map.step(Heading::Right),
            Action::Zoom => map.toggle_zoom(&self.pathways),
            Action::Around => map.toggle_around(&self.pathways),
            Action::NextPane => map.next_sector(&self.pathways),
            Action::Activate => {
                let node = map.selected;
                self.screen = Screen::Explorer;
                self.focus = Pane::Stages;
                self.jump(node);
                return;
            }
            _ => {}
        }
        if let Screen::Map(map) = &mut self.screen {
            map.follow(u32::from(area.width), u32::from(area.height));
        }
    }

    pub(super) fn open_help(&mut self) {
        let back = Box::new(std::mem::replace(&mut self.screen, Screen::Explorer));
        self.screen = Screen::Help { scroll: 0, back };
    }

    pub(super) fn open_routes(&mut self) {
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
        self.screen = Screen::Routes;
    }

    fn route_finder(&mut self, action: Action) {
        let learner = self.routes.as_ref().map(|s| self.learner_query(s.measure));
        let Some(state) = self.routes.as_mut() else {
            self.screen = Screen::Explorer;
            return;
        };
        let fields = FIELDS.len();
        match action {
            Action::Close => self.screen = Screen::Explorer,
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
            Action::NextPane | Action::PrevPane => state.in_results = !state.in_results,
            Action::Up if state.in_results => state.selected = state.selected.saturating_sub(1),
            Action::Down if state.in_results => {
                state.selected = (state.selected + 1).min(state.results.len().saturating_sub(1));
            }
            Action::Home if state.in_results => state.selected = 0,
            Action::End | Action::PageDown if state.in_results => {
                state.selected = state.results.len().saturating_sub(1);
            }
            Action::PageUp if state.in_results => state.selected = 0,
            Action::Up => state.field = (state.field + fields - 1) % fields,
            Action::Down => state.field = (state.field + 1) % fields,
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
                    state.find(&self.pathways, learner.unwrap_or_else(|| Err(String::new())));
                }
            }
            Action::Plan => self.ask_plan_file(),
            Action::Map => self.open_map(),
            Action::Learner => self.open_learner(),
            Action::Area => self.open_area(),
            Action::Pin => match state.results.get(state.selected).cloned() {
                Some(route) => {
                    let from = format!("route {} of the finder", state.selected + 1);
                    self.pin(route, from);
                }
                None => {
                    self.message = Some("No route to pin yet: Enter on [ Find routes ] finds them.".into())
                }
            },
            Action::Compare => self.open_compare(),
            _ => {}
        }
    }

    fn pin(&mut self, route: Route, from: String) {
        self.message = Some(self.pins.toggle(&self.pathways, route, from));
    }

    /// `C`: the pinned routes side by side, over the screen it was opened from.
    fn open_compare(&mut self) {
        if self.pins.pins.is_empty() {
            self.message = Some(compare::NOTHING_PINNED.into());
            return;
        }
        let back = Box::new(std::mem::replace(&mut self.screen, Screen::Explorer));
        self.screen = Screen::Compare { scroll: 0, back };
    }

    fn compare(&mut self, action: Action) {
        let room = view::compare::scroll_room(self);
        let Screen::Compare { scroll, back } = &mut self.screen else {
            return;
        };
        *scroll = (*scroll).min(room);
        match action {
            Action::Close => {
                let back = std::mem::replace(back, Box::new(Screen::Explorer));
                self.screen = *back;
            }
            Action::Help => self.open_help(),
            Action::Down if *scroll < room => *scroll += 1,
            Action::Up if *scroll > 0 => *scroll -= 1,
            Action::Down | Action::Up => {
                self.message = Some(if room == 0 {
                    "All of it is shown.".into()
                } else if *scroll == 0 {
                    "This is the top.".into()
                } else {
                    "This is the end.".into()
                });
            }
            Action::Remove => {
                self.pins.clear();
                let back = std::mem::replace(back, Box::new(Screen::Explorer));
                self.screen = *back;
                self.message = Some("Both routes unpinned.".into());
            }
            _ => {}
        }
    }

    /// Shows a found route in the explorer: the trail becomes the route, ending at its goal.
    fn walk_route(&mut self, route: &Route) {
        self.trail = Trail::along(route.stages(), route.transitions());
        self.screen = Screen::Explorer;
        self.focus = Pane::Trail;
        self.arrive();
    }

    /// The route selected in the route finder, if any: plans are written from it and the map
    /// highlights it.
    pub fn selected_route(&self) -> Option<&Route> {
        let state = self.routes.as_ref()?;
        state.results.get(state.selected)
    }

    fn ask_plan_file(&mut self) {
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

    /// Handles keys while a question is asked.
    fn answer(&mut self, action: Action) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        match (&prompt.kind, action) {
            (_, Action::Close) => self.prompt = None,
            (PromptKind::Learner(ask @ Ask::Replace(_)), action) => {
                let ask = ask.clone();
                self.answer_learner(ask, action);
            }
            (PromptKind::Overwrite(path), Action::Input('y' | 'Y')) => {
                let path = path.clone();
                self.prompt = None;
                self.write_plan(&path, Existing::Replace);
            }
            (PromptKind::Overwrite(_), Action::Input('n' | 'N')) => {
                self.prompt = None;
                self.message = Some("Kept the existing file; the plan was not written.".into());
            }
            (PromptKind::Overwrite(_), _) => {}
            (PromptKind::PlanFile, Action::Cycle) => {
                let i = Lang::ALL.iter().position(|&l| l == self.plan_lang).unwrap_or(0);
                self.plan_lang = Lang::ALL[(i + 1) % Lang::ALL.len()];
            }
            (_, Action::Input(c)) => {
                prompt.text.push(c);
                prompt.error = None;
            }
            (_, Action::Erase) => {
                prompt.text.pop();
                prompt.error = None;
            }
            (PromptKind::Score, Action::Activate) => {
                let text = prompt.text.clone();
                let placed = self.routes.as_mut().map(|r| r.place(&self.benchmarks, &text));
                match placed {
                    Some(Err(why)) => {
                        if let Some(prompt) = self.prompt.as_mut() {
                            prompt.error = Some(why);
                        }
                    }
                    _ => self.prompt = None,
                }
            }
            (PromptKind::Learner(ask), Action::Activate) => {
                let ask = ask.clone();
                self.answer_learner(ask, action);
            }
            (PromptKind::PlanFile, Action::Activate) => {
                // `~/` for the home folder, as in the learner's prompts.
                let home = std::env::var_os("HOME").map(PathBuf::from);
                let path = crate::tui::learner::expand_home(&prompt.text, home.as_deref());
                if path.as_os_str().is_empty() {
                    prompt.error = Some("Type a file name.".into());
                    return;
                }
                if path.extension().is_some() && Format::of_path(&path).is_none() {
                    prompt.error = Some(
                        "Plans are .html, .md or .txt; for a PDF, print the HTML from a browser.".into(),
                    );
                    return;
                }
                self.prompt = None;
                self.write_plan(&path, Existing::Keep);
            }
            _ => {}
        }
    }

    /// Writes the selected route's plan, atomically; asks before replacing a file. The format
    /// comes from the file's extension (HTML when it names none), the language from the prompt.
    fn write_plan(&mut self, path: &Path, existing: Existing) {
        let Some(text) = self.plan_text(Format::of_path(path).unwrap_or(Format::Html)) else {
            return;
        };
        match atomic::write_private(path, text.as_bytes(), existing) {
            Ok(()) => {
                let shown = std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path));
                self.message = Some(format!("Plan written to {}", shown.display()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::Overwrite(path.to_path_buf()),
                    text: String::new(),
                    error: None,
                });
            }
            Err(e) => self.message = Some(atomic::reason(path, &e)),
        }
    }

    /// The selected route's plan, as the command line's `pathways plan` writes it for the same
    /// learner, route, area and language.
    pub fn plan_text(&self, format: Format) -> Option<String> {
        let (route, state) = (self.selected_route()?, self.routes.as_ref()?);
        let profile = self.profile.as_ref().ok().filter(|_| self.learner_is_set());
        let start = state.start_point(&self.benchmarks, profile)?;
        let query = state.query(self.learner_query(state.measure)).ok()?;
        let learner = state.start == StartChoice::Learner;
        let others = route::best_routes(&self.pathways, &query, route.target(), 2)
            .routes
            .iter()
            .any(|r| r != route);
        let input = PlanInput {
            others,
            name: learner.then(|| self.learner.name.clone()).flatten(),
            start,
            route,
            to_meet: Vec::new(),
            integration: Some(route::integration(&self.pathways, &query, route)),
            date: plan::today(),
            area: self.area,
            lang: self.plan_lang,
        };
        Some(plan::render(&self.pathways, &input, format))
    }

    fn search(&mut self, action: Action) {
        let Screen::Search(state) = &mut self.screen else {
            return;
        };
        let mut ask = false;
        match action {
            Action::Close => {
                self.screen = if state.pick_goal {
                    Screen::Routes
                } else {
                    Screen::Explorer
                };
                return;
            }
            // A pasted page would be searched for character by character, each search slower
            // than the last, with Esc waiting behind them: the query stops at a title's length.
            Action::Input(_) if state.query.chars().count() >= MAX_QUERY => {
                self.message = Some(format!("Search text stops at {MAX_QUERY} characters"));
            }
            Action::Input(c) => {
                state.query.push(c);
                ask = true;
            }
            Action::Erase => {
                state.query.pop();
                ask = true;
            }
            Action::Up => state.selected = state.selected.saturating_sub(1),
            Action::Down => state.selected = (state.selected + 1).min(state.hits.len().saturating_sub(1)),
            Action::PageUp => state.selected = state.selected.saturating_sub(10),
            Action::PageDown => {
                state.selected = (state.selected + 10).min(state.hits.len().saturating_sub(1))
            }
            Action::Activate => {
                if let Some(hit) = state.hits.get(state.selected) {
                    let node = hit.node;
                    if state.pick_goal {
                        if let Some(routes) = self.routes.as_mut() {
                            routes.set_goal(GoalChoice::Stage(node));
                            routes.field = 1;
                        }
                        self.screen = Screen::Routes;
                    } else {
                        self.screen = Screen::Explorer;
                        self.focus = Pane::Stages;
                        self.jump(node);
                    }
                }
                return;
            }
            _ => {}
        }
        if ask {
            let query = state.query.clone();
            if query.trim().is_empty() {
                *state = SearchState {
                    query,
                    ..SearchState::default()
                };
            } else if let Some(worker) = self.worker.as_mut() {
                state.asked = worker.ask(&query);
            }
        }
    }

    /// Takes in search results that have arrived. Returns whether anything changed on screen.
    pub fn poll_search(&mut self) -> bool {
        let Some(response) = self.worker.as_ref().and_then(SearchWorker::poll) else {
            return false;
        };
        self.accept(response)
    }

    /// Waits for the answer to the newest query (tests and scripted runs).
    pub fn settle_search(&mut self) {
        let Screen::Search(state) = &self.screen else {
            return;
        };
        let asked = state.asked;
        if asked == 0 {
            return;
        }
        if let Some(response) = self.worker.as_ref().and_then(|w| w.wait(asked)) {
            self.accept(response);
        }
    }

    /// Whether a query is still being answered.
    pub fn search_pending(&self) -> bool {
        matches!(&self.screen, Screen::Search(s) if s.asked > 0 && s.answered != s.query && !s.query.trim().is_empty())
    }

    fn accept(&mut self, response: Response) -> bool {
        let Screen::Search(state) = &mut self.screen else {
            return false;
        };
        if response.seq < state.asked && response.query != state.query {
            // An older answer: show it only while nothing better is on screen.
            if !state.hits.is_empty() {
                return false;
            }
        }
        state.hits = response.hits;
        state.total = response.total;
        state.nothing = response.nothing;
        state.answered = response.query;
        state.selected = state.selected.min(state.hits.len().saturating_sub(1));
        true
    }

    fn open_audit(&mut self) {
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
        self.screen = Screen::Audit(state);
    }

    fn audit(&mut self, action: Action) {
        let findings = self.findings.clone().unwrap_or_default();
        let Screen::Audit(state) = &mut self.screen else {
            return;
        };
        self.audit_kept = state.clone();
        let count = state.visible(&findings).len();
        let last = count.saturating_sub(1);
        match action {
            Action::Close => self.screen = Screen::Explorer,
            Action::Help => self.open_help(),
            Action::Search => self.open_search(),
            Action::Routes => self.open_routes(),
            Action::Reload => self.reload(),
            Action::Up => state.selected = state.selected.saturating_sub(1),
            Action::Down => state.selected = (state.selected + 1).min(last),
            Action::PageUp => state.selected = state.selected.saturating_sub(10),
            Action::PageDown => state.selected = (state.selected + 10).min(last),
            Action::Home => state.selected = 0,
            Action::End => state.selected = last,
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
                let finding = state.visible(&findings).get(state.selected).copied().cloned();
                let stage = finding.as_ref().and_then(|f| f.stage.clone());
                match stage.and_then(|id| self.pathways.find(&id)) {
                    Some(node) => {
                        self.screen = Screen::Explorer;
                        self.focus = Pane::Stages;
                        self.jump(node);
                        // The fix goes along to the stage it is about; `a` opens the audit at the same finding.
                        self.message = finding.map(|f| format!("To fix: {}", f.fix));
                    }
                    None => {
                        self.message = Some("This finding is about a whole sector, not one stage.".into())
                    }
                }
            }
            _ => {}
        }
        if let Screen::Audit(state) = &self.screen {
            self.audit_kept = state.clone();
        }
    }

    fn help(&mut self, action: Action) {
        let room = view::help::scroll_room(self);
        let page = usize::from(self.height.saturating_sub(4)).max(1);
        let Screen::Help { scroll, back } = &mut self.screen else {
            return;
        };
        // A window grown since the last key shows more: never scroll past the end.
        *scroll = (*scroll).min(room);
        match action {
            Action::Close | Action::Help => {
                let back = std::mem::replace(back, Box::new(Screen::Explorer));
                self.screen = *back;
            }
            // One meaning everywhere: a line for the arrows, a page for PgUp/PgDn, never past the end.
            Action::Down => *scroll = (*scroll + 1).min(room),
            Action::PageDown => *scroll = (*scroll + page).min(room),
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::PageUp => *scroll = scroll.saturating_sub(page),
            Action::Home => *scroll = 0,
            Action::End => *scroll = room,
            _ => {}
        }
    }

    /// A left click: select the row or pane under the pointer.
    fn click(&mut self, column: u16, row: u16) {
        if !matches!(self.screen, Screen::Explorer) || !self.has_stages() {
            return;
        }
        let areas = self.areas();
        let inside = |r: ratatui::layout::Rect| {
            column >= r.x && column < r.x + r.width && row > r.y && row + 1 < r.y + r.height
        };
        if inside(areas.list) {
            self.focus = Pane::Stages;
            let height = usize::from(areas.list.height.saturating_sub(2));
            let offset = scroll_offset(self.selected, self.rows.len(), height);
            let clicked = offset + usize::from(row - areas.list.y - 1);
            if let Some(node) = self.rows.stage_at(clicked) {
                self.jump(node);
            }
        } else if inside(areas.transitions) {
            self.focus = Pane::Transitions;
        } else if inside(areas.trail) || row == areas.trail.y {
            self.focus = Pane::Trail;
        }
    }
}

fn next_pane(pane: Pane) -> Pane {
    match pane {
        Pane::Stages => Pane::Transitions,
        Pane::Transitions => Pane::Trail,
        Pane::Trail => Pane::Stages,
    }
}
