//! The help: every key of every screen, over the screen it was opened from.

pub mod draw;

use crate::tui::app::App;
use crate::tui::cursor;
use crate::tui::keys::{self, Action, Binding, ch};
use crate::tui::screen::{Effect, Screen};

impl App {
    pub(crate) fn open_help(&mut self) {
        let scroll = draw::scroll_to(self, self.context());
        self.open(Screen::Help { scroll });
    }
}

/// The help's keys: they scroll it or close it.
pub fn update(scroll: &mut usize, action: Action, app: &App) -> Effect {
    let room = draw::scroll_room(app);
    let page = usize::from(app.height.saturating_sub(4)).max(1);
    // A window grown since the last key shows more: never scroll past the end.
    *scroll = (*scroll).min(room);
    match action {
        Action::Close | Action::Help => return Effect::Close,
        // The help scrolls by the cursor rule: its positions are the lines it can start at.
        _ if cursor::is_move(action) => *scroll = cursor::moved(action, *scroll, room + 1, page).unwrap_or(0),
        _ => {}
    }
    Effect::Stay
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
