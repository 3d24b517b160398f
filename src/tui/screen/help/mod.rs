//! The help: every key of every screen, over the screen it was opened from.

pub mod draw;

use crate::tui::app::App;
use crate::tui::cursor;
use crate::tui::keys::{self, Action, Binding, ch};
use crate::tui::screen::Screen;

impl App {
    pub(crate) fn open_help(&mut self) {
        let scroll = draw::scroll_to(self, self.context());
        self.open(Screen::Help { scroll });
    }

    pub(crate) fn help(&mut self, action: Action) {
        let room = draw::scroll_room(self);
        let page = usize::from(self.height.saturating_sub(4)).max(1);
        let Screen::Help { scroll } = &mut self.screen else {
            return;
        };
        // A window grown since the last key shows more: never scroll past the end.
        *scroll = (*scroll).min(room);
        match action {
            Action::Close | Action::Help => self.close(),
            // The help scrolls by the cursor rule: its positions are the lines it can start at.
            _ if cursor::is_move(action) => {
                *scroll = cursor::moved(action, *scroll, room + 1, page).unwrap_or(0)
            }
            _ => {}
        }
    }
}

/// The help's keys.
pub const BINDINGS: &[&[Binding]] = &[
    keys::CLOSING,
    &[
        keys::PAGE_UP,
        keys::PAGE_DOWN,
        keys::HOME,
        keys::END,
        keys::SCROLL_DOWN,
        keys::SCROLL_UP,
        Binding {
            keys: &[ch('?')],
            action: Action::Close,
            label: "?",
            hint: "",
            help: "Close the help",
        },
    ],
];
