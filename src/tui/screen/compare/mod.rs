//! Two pinned routes (or trails) side by side.

pub mod draw;
mod pins;
pub use pins::*;

use crate::domain::route::{Constraints, Route};
use crate::tui::app::App;
use crate::tui::keys::{self, Action, Binding, ch};
use crate::tui::screen::Screen;

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

    pub(crate) fn compare(&mut self, action: Action) {
        let room = draw::scroll_room(self);
        let Screen::Compare { scroll } = &mut self.screen else {
            return;
        };
        *scroll = (*scroll).min(room);
        match action {
            Action::Close => self.close(),
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
                self.close();
                self.message = Some("Both routes unpinned.".into());
            }
            _ => {}
        }
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
