//! The explorer: the stage list, the stage's details and transitions, and the trail; walking
//! and browsing, and the mouse.

pub mod draw;
pub mod trail_pane;

use petgraph::graph::{EdgeIndex, NodeIndex};

use crate::tui::app::App;
use crate::tui::cursor;
use crate::tui::keys::{self, Action, Binding, ch, key};
use crate::tui::rows::scroll_offset;
use crate::tui::screen::Screen;
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

impl App {
    pub(crate) fn page(&self) -> usize {
        usize::from(self.areas().list.height.saturating_sub(2)).max(1)
    }

    pub(crate) fn explorer(&mut self, action: Action) {
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
            Action::PrevPane => self.focus = prev_pane(self.focus),
            Action::Back => self.step_along(Trail::back, true),
            Action::Forward => self.step_along(Trail::forward, false),
            Action::NewTrail => self.new_trail(),
            Action::Pin => match self.whole_trail_route().filter(|r| r.steps > 0) {
                Some(route) => self.pin(route, "the trail".into(), Default::default()),
                None => self.message = Some(compare::NOTHING_WALKED.into()),
            },
            Action::Compare => self.open_compare(),
            _ if !self.has_stages() => {}
            _ => match self.focus {
                Pane::Stages => self.in_stages(action),
                Pane::Transitions => self.in_transitions(action),
                Pane::Trail => self.in_trail(action),
                Pane::Details => self.in_details(action),
            },
        }
    }

    pub(crate) fn in_stages(&mut self, action: Action) {
        let len = self.rows.len();
        let target = match action {
            // Sector headings sit between stages: land on the nearest stage in the direction moved.
            _ if cursor::is_move(action) => {
                cursor::moved(action, self.selected, len, self.page()).and_then(|row| {
                    let forward = matches!(action, Action::Down | Action::PageDown | Action::Home);
                    self.rows.nearest_stage(row, forward)
                })
            }
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

    pub(crate) fn in_transitions(&mut self, action: Action) {
        let (out, inc) = self.links();
        let count = out.len() + inc.len();
        let chosen = out.get(self.link).map(|l| (l.other, l.edge, true)).or_else(|| {
            self.link
                .checked_sub(out.len())
                .and_then(|i| inc.get(i))
                .map(|l| (l.other, l.edge, false))
        });
        match action {
            _ if cursor::is_move(action) => {
                let page = usize::from(self.areas().transitions.height.saturating_sub(4));
                self.link = cursor::moved(action, self.link, count, page).unwrap_or(0);
            }
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

    pub(crate) fn in_trail(&mut self, action: Action) {
        let last = self.trail.steps.len().saturating_sub(1);
        match action {
            // The trail reads left to right: ← and → step along it like ↑ and ↓.
            Action::Left => self.in_trail(Action::Up),
            Action::Right => self.in_trail(Action::Down),
            // The whole trail is in view, so a page is all of it.
            _ if cursor::is_move(action) => {
                self.trail_cursor = cursor::moved(action, self.trail_cursor, last + 1, last + 1).unwrap_or(0);
            }
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

    pub(crate) fn off_trail(&self) -> String {
        trail::off_trail_words(&self.pathways.stage(self.current()).title)
    }

    /// Shows a stage without walking (the stage list, a click, a search, the map, the audit):
    /// the trail is kept, and `[` comes back to it.
    pub fn jump(&mut self, node: NodeIndex) {
        self.trail.view(node);
        self.arrive();
    }

    /// `n`: a new trail from the stage shown. The old one is dropped, so this is its own key.
    pub(crate) fn new_trail(&mut self) {
        if self.trail.is_bare() {
            self.message = Some(trail::ALREADY_NEW.into());
            return;
        }
        self.trail = Trail::start(self.current());
        self.arrive();
        self.message = Some(trail::STARTED.into());
    }

    /// `[` or `]`: moves along the trail (or back to it), or says why it cannot.
    pub(crate) fn step_along(&mut self, step: fn(&mut Trail) -> bool, back: bool) {
        if step(&mut self.trail) {
            self.arrive();
        } else {
            self.message = Some(trail::at_end_words(back).into());
        }
    }

    /// Moves along the trail to step `pos`, if there is one.
    pub(crate) fn go(&mut self, pos: usize) {
        if self.trail.go(pos) {
            self.arrive();
        }
    }

    pub(crate) fn arrive(&mut self) {
        self.selected = self.rows.row_of(self.current());
        self.trail_cursor = self.trail.pos;
        self.link = 0;
        self.details_scroll = 0;
    }

    /// The details scroll by the cursor rule (their positions are the lines they can start at);
    /// ← goes back to the stage list, → and Enter on to the transitions.
    pub(crate) fn in_details(&mut self, action: Action) {
        let room = draw::details_room(self);
        let page = usize::from(self.areas().details.height.saturating_sub(2));
        match action {
            Action::Left => self.focus = Pane::Stages,
            // On to the transitions, where Enter walks, as from the stage list.
            Action::Activate | Action::Right => {
                self.focus = Pane::Transitions;
                self.link = 0;
            }
            _ if cursor::is_move(action) => {
                let at = self.details_scroll.min(room);
                self.details_scroll = cursor::moved(action, at, room + 1, page).unwrap_or(0);
            }
            _ => {}
        }
    }

    /// A left click: select the row or pane under the pointer.
    pub(crate) fn click(&mut self, column: u16, row: u16) {
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
        } else if inside(areas.details) {
            self.focus = Pane::Details;
        } else if inside(areas.transitions) {
            self.focus = Pane::Transitions;
        } else if inside(areas.trail) || row == areas.trail.y {
            self.focus = Pane::Trail;
        }
    }
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
