//! Two pinned routes (or trails) side by side.

pub mod draw;
mod pins;
pub use pins::*;

use crate::domain::route::{Constraints, Route};
use crate::tui::app::App;
use crate::tui::keys::{self, Action, Binding, ch};
use crate::tui::screen::{Effect, Screen};

impl App {
    pub(crate) fn pin(&mut self, route: Route, from: String, limits: Constraints) {
        self.message = Some(self.pins.toggle(&self.pathways, route, from, limits));
    }

    /// `C`: the pinned routes side by side, over the screen it was opened from.
    pub(crate) fn open_compare(&mut self) {
        if self.pins.pins.is_empty() {
            self.message = Some(pins::NOTHING_PINNED.into());
            return;
        }
        self.open(Screen::Compare { scroll: 0 });
    }
}

/// What `x` says once both routes are unpinned.
pub const UNPINNED: &str = "Both routes unpinned.";

/// The comparison's keys: they scroll it, unpin both routes, or pass on.
pub fn update(scroll: &mut usize, action: Action, app: &App) -> Effect {
    let room = draw::scroll_room(app);
    *scroll = (*scroll).min(room);
    match action {
        Action::Close => Effect::Close,
        Action::Down if *scroll < room => {
            *scroll += 1;
            Effect::Stay
        }
        Action::Up if *scroll > 0 => {
            *scroll -= 1;
            Effect::Stay
        }
        Action::Down | Action::Up => Effect::Say(
            if room == 0 {
                "All of it is shown."
            } else if *scroll == 0 {
                "This is the top."
            } else {
                "This is the end."
            }
            .into(),
        ),
        Action::Remove => Effect::Unpin,
        _ => Effect::Pass(action),
    }
}

/// The comparison's keys.
pub const BINDINGS: &[&[Binding]] = &[
    keys::CLOSING,
    &[
        keys::SCROLL_DOWN,
        keys::SCROLL_UP,
        Binding {
            keys: &[ch('x')],
            action: Action::Remove,
            label: "x",
            hint: "unpin both",
            help: "Unpin both routes and close the comparison",
        },
        keys::HELP,
    ],
];
