//! Search: the query typed, answered by a worker thread so typing never waits for it.

pub mod draw;
pub mod worker;

use std::sync::Arc;

use crate::domain::search::Hit;
use crate::tui::app::App;
use crate::tui::cursor;
use crate::tui::keys::{self, Action, Binding, key};
use crate::tui::screen::{Effect, Screen};
use ratatui::crossterm::event::KeyCode;
use worker::{Response, SearchWorker};

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

/// The longest search text, in characters: longer than any stage title.
pub const MAX_QUERY: usize = 200;

impl App {
    pub(crate) fn open_search(&mut self) {
        if self.worker.is_none() {
            self.worker = Some(SearchWorker::start(Arc::clone(&self.pathways)));
        }
        self.open(Screen::Search(SearchState::default()));
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

    pub(crate) fn accept(&mut self, response: Response) -> bool {
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
}

/// The search's keys: typing asks the worker again, the arrows move between hits, Enter shows
/// the hit (or picks it as the route finder's goal).
pub fn update(state: &mut SearchState, action: Action, app: &App) -> Effect {
    match action {
        Action::Close => Effect::Close,
        // A pasted page would be searched for character by character, each search slower
        // than the last, with Esc waiting behind them: the query stops at a title's length.
        Action::Input(_) if state.query.chars().count() >= MAX_QUERY => {
            Effect::Say(format!("Search text stops at {MAX_QUERY} characters"))
        }
        Action::Input(c) => {
            state.query.push(c);
            ask(state)
        }
        Action::Erase => {
            state.query.pop();
            ask(state)
        }
        Action::EraseAll => {
            state.query.clear();
            ask(state)
        }
        _ if cursor::is_move(action) => {
            let page = draw::page(app.height);
            state.selected = cursor::moved(action, state.selected, state.hits.len(), page).unwrap_or(0);
            Effect::Stay
        }
        Action::Activate => match state.hits.get(state.selected) {
            Some(hit) if state.pick_goal => Effect::Goal(hit.node),
            Some(hit) => Effect::Show {
                node: hit.node,
                say: None,
            },
            None => Effect::Stay,
        },
        _ => Effect::Stay,
    }
}

/// The query changed: a blank one shows nothing at once (still picking a goal if it was), any
/// other goes to the worker.
fn ask(state: &mut SearchState) -> Effect {
    if state.query.trim().is_empty() {
        *state = SearchState {
            query: std::mem::take(&mut state.query),
            pick_goal: state.pick_goal,
            ..SearchState::default()
        };
        Effect::Stay
    } else {
        Effect::Ask(state.query.clone())
    }
}

/// The search's keys: letters are text, so lists move with the arrows only.
pub const BINDINGS: &[&[Binding]] = &[
    &[keys::CLOSE],
    keys::TEXT_LIST_MOVES,
    &[Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        hint: "jump",
        help: "Jump to the selected stage",
    }],
    keys::TYPING,
];

/// The search opened from the route finder's Goal field: Enter picks the goal.
pub const PICK_GOAL: &[&[Binding]] = &[
    &[keys::CLOSE],
    keys::TEXT_LIST_MOVES,
    &[Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        hint: "pick goal",
        help: "Make the selected stage the route finder's goal",
    }],
    keys::TYPING,
];
