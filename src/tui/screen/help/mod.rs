//! The help: every key of every screen, over the screen it was opened from.

pub mod draw;

use crate::tui::app::App;
use crate::tui::keys::Action;
use crate::tui::screen::Screen;

impl App {
    pub(crate) fn open_help(&mut self) {
        let back = Box::new(std::mem::replace(&mut self.screen, Screen::Explorer));
        self.screen = Screen::Help { scroll: 0, back };
    }

    pub(crate) fn help(&mut self, action: Action) {
        let room = draw::scroll_room(self);
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
}
