//! The area picker: type part of a state, metro or nonmetro area name (or a postal code), pick
//! one, and every wage on every screen is that area's.

pub mod draw;

use crate::domain::wages::{AreaId, layer};
use crate::tui::app::App;
use crate::tui::cursor;
use crate::tui::keys::{self, Action, Binding, key};
use crate::tui::screen::{Effect, Screen};
use ratatui::crossterm::event::KeyCode;

/// The picker's state.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaPicker {
    pub query: String,
    /// The areas matching the query, best first.
    pub matches: Vec<AreaId>,
    pub selected: usize,
}

impl Default for AreaPicker {
    fn default() -> AreaPicker {
        AreaPicker::new()
    }
}

impl AreaPicker {
    /// Every area, the query empty.
    pub fn new() -> AreaPicker {
        AreaPicker {
            query: String::new(),
            matches: layer().suggest(""),
            selected: 0,
        }
    }

    pub(crate) fn refresh(&mut self) {
        self.matches = layer().suggest(&self.query);
        self.selected = 0;
    }
}

impl App {
    pub fn open_area(&mut self) {
        let mut picker = AreaPicker::new();
        // Start on the area in use, so Enter alone keeps it.
        picker.selected = picker.matches.iter().position(|&a| a == self.area).unwrap_or(0);
        self.open(Screen::Area(picker));
    }

    /// Shows every wage for `area`, and keeps it as the learner's area.
    pub fn set_area(&mut self, area: AreaId) {
        self.area = area;
        let name = layer().area(area).name;
        self.learner.area = (area != layer().nation()).then(|| name.to_string());
        self.message = Some(format!("Wages now for {name}"));
    }
}

/// The picker's keys: letters narrow the list, Enter picks, Esc keeps the area in use.
pub fn update(picker: &mut AreaPicker, action: Action, app: &App) -> Effect {
    let last = picker.matches.len().saturating_sub(1);
    match action {
        Action::Close => return Effect::Close,
        Action::Input(c) => {
            picker.query.push(c);
            picker.refresh();
        }
        Action::Erase => {
            picker.query.pop();
            picker.refresh();
        }
        Action::EraseAll => {
            picker.query.clear();
            picker.refresh();
        }
        _ if cursor::is_move(action) => {
            let page = draw::page(app.height);
            picker.selected = cursor::moved(action, picker.selected, last + 1, page).unwrap_or(0);
        }
        Action::Activate => {
            return match picker.matches.get(picker.selected) {
                Some(&area) => Effect::UseArea(area),
                None => Effect::Close,
            };
        }
        _ => {}
    }
    Effect::Stay
}

/// The area picker's keys: letters are text.
pub const BINDINGS: &[&[Binding]] = &[
    &[
        keys::CLOSE,
        keys::UP_ARROW,
        keys::DOWN_ARROW,
        Binding {
            keys: &[key(KeyCode::Enter)],
            action: Action::Activate,
            label: "Enter",
            hint: "use",
            help: "Show every wage for the selected area",
        },
        keys::PAGE_UP,
        keys::PAGE_DOWN,
        keys::HOME_KEY,
        keys::END_KEY,
    ],
    keys::TYPING,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::shipped;
    use crate::tui::theme::Theme;
    use std::sync::Arc;

    pub(crate) fn app() -> App {
        let mut inputs = shipped::inputs();
        inputs.extend(shipped::level_inputs());
        let loaded = crate::domain::load::load(&inputs).expect("shipped data loads");
        App::new(
            Arc::new(loaded.pathways),
            loaded.benchmarks,
            Theme { color: false },
        )
    }

    #[test]
    pub(crate) fn typing_narrows_and_enter_picks_the_area() {
        let mut app = app();
        app.update(Action::Area);
        for c in "yakima".chars() {
            app.update(Action::Input(c));
        }
        let Screen::Area(picker) = &app.screen else {
            panic!("the picker is open")
        };
        assert_eq!(layer().area(picker.matches[0]).name, "Yakima, WA");
        app.update(Action::Activate);
        assert!(matches!(app.screen, Screen::Explorer));
        assert_eq!(layer().area(app.area).name, "Yakima, WA");
        assert_eq!(app.learner.area.as_deref(), Some("Yakima, WA"));
    }

    #[test]
    pub(crate) fn escape_keeps_the_area() {
        let mut app = app();
        let before = app.area;
        app.update(Action::Area);
        app.update(Action::Input('o'));
        app.update(Action::Close);
        assert_eq!(app.area, before);
        assert!(matches!(app.screen, Screen::Explorer));
    }
}
