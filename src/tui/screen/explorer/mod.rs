//! The explorer: the stage list, the stage's details and transitions, and the trail; walking
//! and browsing, and the mouse.

pub mod draw;
pub mod trail_pane;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::domain::graph::{Link, Pathways};
use crate::domain::route::Route;
use crate::tui::app::App;
use crate::tui::cursor;
use crate::tui::geometry::Areas;
use crate::tui::keys::{self, Action, Binding, ch, key};
use crate::tui::rows::{Rows, scroll_offset};
use crate::tui::screen::Effect;
use crate::tui::screen::compare;
use crate::tui::trail::{self, OffTrail, Trail};
use ratatui::crossterm::event::KeyCode;

/// The panes of the explorer that take the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Stages,
    /// The stage's details, which scroll when they are longer than the pane (at 80x24 they are).
    Details,
    Transitions,
    Trail,
}

/// Tab's order: the reading order, left to right and down, then the trail above.
fn next_pane(pane: Pane) -> Pane {
    match pane {
        Pane::Stages => Pane::Details,
        Pane::Details => Pane::Transitions,
        Pane::Transitions => Pane::Trail,
        Pane::Trail => Pane::Stages,
    }
}

fn prev_pane(pane: Pane) -> Pane {
    match pane {
        Pane::Stages => Pane::Trail,
        Pane::Details => Pane::Stages,
        Pane::Transitions => Pane::Details,
        Pane::Trail => Pane::Transitions,
    }
}

/// The explorer's own state: the stage list's row, the focused pane, the transition chosen, the
/// trail and where the Details pane and the trail's cursor are.
#[derive(Debug, Clone)]
pub struct Explorer {
    /// The selected row of the stage list (always a stage row when there are stages).
    pub selected: usize,
    pub focus: Pane,
    /// The selected transition: outgoing ones first, then incoming.
    pub link: usize,
    pub trail: Trail,
    /// How many lines the Details pane is scrolled down (back to the top at each stage).
    pub details_scroll: usize,
    /// The selected step on the trail when the trail pane has the focus.
    pub trail_cursor: usize,
}

impl Default for Explorer {
    fn default() -> Explorer {
        Explorer::at(NodeIndex::new(0), 0)
    }
}

impl Explorer {
    /// The explorer at the first stage of the list.
    pub fn new(rows: &Rows) -> Explorer {
        let selected = rows.nearest_stage(0, true).unwrap_or(0);
        Explorer::at(rows.stage_at(selected).unwrap_or(NodeIndex::new(0)), selected)
    }

    fn at(node: NodeIndex, selected: usize) -> Explorer {
        Explorer {
            selected,
            focus: Pane::Stages,
            link: 0,
            trail: Trail::start(node),
            details_scroll: 0,
            trail_cursor: 0,
        }
    }

    /// The stage shown.
    pub fn current(&self) -> NodeIndex {
        self.trail.current()
    }

    /// The current stage's transitions, outgoing first, then incoming, as the pane lists them.
    pub fn links<'p>(&self, p: &'p Pathways) -> (Vec<Link<'p>>, Vec<Link<'p>>) {
        let node = self.current();
        (p.outgoing(node), p.incoming(node))
    }

    /// The walked part of the trail as a route (its first stage counted only on a trail walked
    /// from a route found from her level, as the route finder counted it).
    pub fn trail_route(&self, p: &Pathways) -> Option<Route> {
        route_of(p, &self.trail, self.trail.walked())
    }

    /// The whole trail as a route, the steps ahead of the current one too: what `c` pins.
    pub fn whole_trail_route(&self, p: &Pathways) -> Option<Route> {
        route_of(p, &self.trail, &self.trail.steps)
    }

    /// After any move along the trail or in the list: the list shows the stage, the trail's
    /// cursor is on it, and the transitions and details start at the top.
    pub fn arrive(&mut self, rows: &Rows) {
        self.selected = rows.row_of(self.current());
        self.trail_cursor = self.trail.pos;
        self.link = 0;
        self.details_scroll = 0;
    }

    /// Shows a stage without walking (the stage list, a click, a search, the map, the audit):
    /// the trail is kept, and `[` comes back to it.
    pub fn jump(&mut self, node: NodeIndex, rows: &Rows) {
        self.trail.view(node);
        self.arrive(rows);
    }

    /// A left click at `column`, `row`: selects the row or pane under the pointer.
    pub fn click(&mut self, column: u16, row: u16, areas: &Areas, rows: &Rows) {
        let inside = |r: ratatui::layout::Rect| {
            column >= r.x && column < r.x + r.width && row > r.y && row + 1 < r.y + r.height
        };
        if inside(areas.list) {
            self.focus = Pane::Stages;
            let height = usize::from(areas.list.height.saturating_sub(2));
            let offset = scroll_offset(self.selected, rows.len(), height);
            let clicked = offset + usize::from(row - areas.list.y - 1);
            if let Some(node) = rows.stage_at(clicked) {
                self.jump(node, rows);
            }
        } else if inside(areas.details) {
            self.focus = Pane::Details;
        } else if inside(areas.transitions) {
            self.focus = Pane::Transitions;
        } else if inside(areas.trail) || row == areas.trail.y {
            self.focus = Pane::Trail;
        }
    }
}

fn route_of(p: &Pathways, trail: &Trail, steps: &[trail::Step]) -> Option<Route> {
    let nodes = steps.iter().map(|s| s.node).collect();
    let edges = steps.iter().filter_map(|s| s.via).collect();
    Route::new(p, trail.from_level, nodes, edges)
}

/// The stage list's page: the rows it shows.
pub fn page(app: &App) -> usize {
    usize::from(app.areas().list.height.saturating_sub(2)).max(1)
}

/// The explorer's keys. `app` is the explorer with `state` taken out of it: read the stage
/// shown from `state`.
pub fn update(state: &mut Explorer, action: Action, app: &App) -> Effect {
    match action {
        Action::Help
        | Action::Search
        | Action::Audit
        | Action::Routes
        | Action::Map
        | Action::Learner
        | Action::Area
        | Action::Reload
        | Action::Compare => Effect::Pass(action),
        Action::NextPane => {
            state.focus = next_pane(state.focus);
            Effect::Stay
        }
        Action::PrevPane => {
            state.focus = prev_pane(state.focus);
            Effect::Stay
        }
        Action::Back => step_along(state, Trail::back, true, app),
        Action::Forward => step_along(state, Trail::forward, false, app),
        Action::NewTrail => new_trail(state, app),
        Action::Pin => match state.whole_trail_route(&app.pathways).filter(|r| r.steps > 0) {
            Some(route) => Effect::Pin {
                route: Box::new(route),
                from: "the trail".into(),
                limits: Box::default(),
            },
            None => Effect::Say(compare::NOTHING_WALKED.into()),
        },
        _ if !app.has_stages() => Effect::Stay,
        _ => match state.focus {
            Pane::Stages => in_stages(state, action, app),
            Pane::Transitions => in_transitions(state, action, app),
            Pane::Trail => in_trail(state, action, app),
            Pane::Details => in_details(state, action, app),
        },
    }
}

fn in_stages(state: &mut Explorer, action: Action, app: &App) -> Effect {
    let rows = &app.rows;
    let target = match action {
        // Sector headings sit between stages: land on the nearest stage in the direction moved.
        _ if cursor::is_move(action) => cursor::moved(action, state.selected, rows.len(), page(app))
            .and_then(|row| {
                let forward = matches!(action, Action::Down | Action::PageDown | Action::Home);
                rows.nearest_stage(row, forward)
            }),
        Action::Activate | Action::Right => {
            state.focus = Pane::Transitions;
            state.link = 0;
            None
        }
        _ => None,
    };
    if let Some(node) = target.and_then(|row| rows.stage_at(row)) {
        state.jump(node, rows);
    }
    Effect::Stay
}

fn in_transitions(state: &mut Explorer, action: Action, app: &App) -> Effect {
    let (out, inc) = state.links(&app.pathways);
    let count = out.len() + inc.len();
    let chosen = out.get(state.link).map(|l| (l.other, l.edge, true)).or_else(|| {
        state
            .link
            .checked_sub(out.len())
            .and_then(|i| inc.get(i))
            .map(|l| (l.other, l.edge, false))
    });
    match action {
        _ if cursor::is_move(action) => {
            let page = usize::from(app.areas().transitions.height.saturating_sub(4));
            state.link = cursor::moved(action, state.link, count, page).unwrap_or(0);
        }
        Action::Left => state.focus = Pane::Stages,
        Action::Right => state.focus = Pane::Trail,
        Action::Activate => match chosen {
            Some((next, edge, true)) => return walk(state, next, edge, app),
            Some((prev, edge, false)) => return walk_back(state, prev, edge, app),
            None => {}
        },
        _ => {}
    }
    Effect::Stay
}

fn in_trail(state: &mut Explorer, action: Action, app: &App) -> Effect {
    let last = state.trail.steps.len().saturating_sub(1);
    match action {
        // The trail reads left to right: ← and → step along it like ↑ and ↓.
        Action::Left => return in_trail(state, Action::Up, app),
        Action::Right => return in_trail(state, Action::Down, app),
        // The whole trail is in view, so a page is all of it.
        _ if cursor::is_move(action) => {
            state.trail_cursor = cursor::moved(action, state.trail_cursor, last + 1, last + 1).unwrap_or(0);
        }
        Action::Activate if state.trail.go(state.trail_cursor) => state.arrive(&app.rows),
        _ => {}
    }
    Effect::Stay
}

/// Walks a transition forward from the current step: the trail grows (dropping any steps
/// that were walked back over). From a stage off the trail it says what to do instead.
pub fn walk(state: &mut Explorer, next: NodeIndex, via: EdgeIndex, app: &App) -> Effect {
    let walked = state.trail.walk(next, via);
    after_walk(state, walked, app)
}

/// Walks a "Comes from" transition back to `prev`: the trail grows at the front.
pub fn walk_back(state: &mut Explorer, prev: NodeIndex, via: EdgeIndex, app: &App) -> Effect {
    let walked = state.trail.walk_back(prev, via);
    after_walk(state, walked, app)
}

fn after_walk(state: &mut Explorer, walked: Result<(), OffTrail>, app: &App) -> Effect {
    match walked {
        Ok(()) => {
            state.arrive(&app.rows);
            Effect::Stay
        }
        Err(OffTrail) => Effect::Say(trail::off_trail_words(&app.pathways.stage(state.current()).title)),
    }
}

/// `n`: a new trail from the stage shown. The old one is dropped, so this is its own key.
fn new_trail(state: &mut Explorer, app: &App) -> Effect {
    if state.trail.is_bare() {
        return Effect::Say(trail::ALREADY_NEW.into());
    }
    state.trail = Trail::start(state.current());
    state.arrive(&app.rows);
    Effect::Say(trail::STARTED.into())
}

/// `[` or `]`: moves along the trail (or back to it), or says why it cannot.
fn step_along(state: &mut Explorer, step: fn(&mut Trail) -> bool, back: bool, app: &App) -> Effect {
    if step(&mut state.trail) {
        state.arrive(&app.rows);
        Effect::Stay
    } else {
        Effect::Say(trail::at_end_words(back).into())
    }
}

/// The details scroll by the cursor rule (their positions are the lines they can start at);
/// ← goes back to the stage list, → and Enter on to the transitions.
fn in_details(state: &mut Explorer, action: Action, app: &App) -> Effect {
    let room = draw::details_room(app, state.current());
    let page = usize::from(app.areas().details.height.saturating_sub(2));
    match action {
        Action::Left => state.focus = Pane::Stages,
        // On to the transitions, where Enter walks, as from the stage list.
        Action::Activate | Action::Right => {
            state.focus = Pane::Transitions;
            state.link = 0;
        }
        _ if cursor::is_move(action) => {
            let at = state.details_scroll.min(room);
            state.details_scroll = cursor::moved(action, at, room + 1, page).unwrap_or(0);
        }
        _ => {}
    }
    Effect::Stay
}

/// The explorer's keys, in the order the hint bar and the help list them (after `keys::ANYWHERE`).
pub const BINDINGS: &[&[Binding]] = &[
    &[Binding {
        keys: &[ch('q')],
        action: Action::QuitAsk,
        label: "q",
        hint: "quit",
        help: "Quit (asks first when the learner has changes not saved to a file)",
    }],
    keys::LIST_MOVES,
    &[
        keys::NEXT_PANE,
        keys::PREV_PANE,
        Binding {
            keys: &[key(KeyCode::Left), ch('h')],
            action: Action::Left,
            label: "←/h",
            hint: "",
            help: "Move to the pane on the left; on the trail, the step before",
        },
        Binding {
            keys: &[key(KeyCode::Right), ch('l')],
            action: Action::Right,
            label: "→/l",
            hint: "",
            help: "Move to the pane on the right; on the trail, the step after",
        },
        Binding {
            keys: &[key(KeyCode::Enter)],
            action: Action::Activate,
            label: "Enter",
            // In the stage list Enter opens the stage's transitions; there it walks one.
            hint: "open/walk",
            help: "On a transition: walk to it. On a stage: show its transitions. On the trail: jump there",
        },
        Binding {
            keys: &[key(KeyCode::Backspace), ch('[')],
            action: Action::Back,
            label: "Bksp/[",
            hint: "back",
            help: "Go back one step along the trail, or back to the trail from a stage looked at",
        },
        Binding {
            keys: &[ch(']')],
            action: Action::Forward,
            label: "]",
            // Out of the hint bar, to leave room for the learner (the help lists it).
            hint: "",
            help: "Go forward again along the trail, or back to the trail from a stage looked at",
        },
        Binding {
            keys: &[ch('n')],
            action: Action::NewTrail,
            label: "n",
            hint: "new trail",
            help: "Start a new trail at the stage shown (moving in the list keeps the trail)",
        },
        keys::SEARCH,
        keys::ROUTES,
        keys::RELOAD,
        keys::AUDIT,
        keys::MAP,
        keys::LEARNER,
        keys::AREA,
        keys::PIN,
        keys::COMPARE,
        keys::HELP,
    ],
];
