//! The map of a sector: boxes by level and rung, moved between with the arrows.

pub mod draw;
mod state;
pub use state::MapState;

use crate::domain::layout::Heading;
use crate::tui::app::App;
use crate::tui::keys::{self, Action, Binding, ch, key};
use crate::tui::screen::{Effect, Screen};
use ratatui::crossterm::event::KeyCode;

impl App {
    pub(crate) fn open_map(&mut self) {
        if !self.has_stages() {
            return;
        }
        // From the route finder, the map shows the chosen route from its start.
        let route = match &self.screen {
            Screen::Routes => self.selected_route().cloned(),
            _ => None,
        };
        // The goal's sector (it holds the foundation classes that lead into it), with the
        // route's first stage selected.
        let node = route.as_ref().map_or_else(|| self.current(), |r| r.target());
        let mut map = MapState::new(&self.pathways, node);
        // The first of its stages the map holds (a first stage of another sector may not be).
        if let Some(&first) = route
            .as_ref()
            .and_then(|r| r.stages().iter().find(|&&n| map.layout.contains(n)))
        {
            map.selected = first;
        }
        let area = draw::viewport(self.width, self.height);
        let (width, height) = (u32::from(area.width), u32::from(area.height));
        map.follow(width, height);
        if let Some(route) = &route {
            map.show(route.stages(), width, height);
        } else if !self.explorer.trail.is_bare() {
            // The stage shown, with as much of the trail around it as fits.
            let nodes: Vec<_> = self.explorer.trail.steps.iter().map(|s| s.node).collect();
            map.centre_on(&nodes, width, height);
        }
        self.open(Screen::Map(Box::new(map)));
    }
}

/// The map's keys: they move between boxes, change the view, or open the selected stage.
pub fn update(map: &mut MapState, action: Action, app: &App) -> Effect {
    match action {
        Action::Close => return Effect::Close,
        Action::Up => map.step(Heading::Up),
        Action::Down => map.step(Heading::Down),
        Action::Left => map.step(Heading::Left),
        Action::Right => map.step(Heading::Right),
        Action::Zoom => map.toggle_zoom(&app.pathways),
        Action::Around => map.toggle_around(&app.pathways),
        Action::NextPane => map.next_sector(&app.pathways),
        Action::Activate => {
            return Effect::Show {
                node: map.selected,
                say: None,
            };
        }
        _ => return Effect::Pass(action),
    }
    // The selected box stays in view.
    let area = draw::viewport(app.width, app.height);
    map.follow(u32::from(area.width), u32::from(area.height));
    Effect::Stay
}

/// The map's keys: the arrows move between boxes.
pub const BINDINGS: &[&[Binding]] = &[
    keys::CLOSING,
    &[
        Binding {
            keys: &[key(KeyCode::Up), ch('k')],
            action: Action::Up,
            label: "↑/k",
            hint: "",
            help: "Select the box above (or the nearest one up)",
        },
        Binding {
            keys: &[key(KeyCode::Down), ch('j')],
            action: Action::Down,
            label: "↓/j",
            hint: "",
            help: "Select the box below (or the nearest one down)",
        },
        Binding {
            keys: &[key(KeyCode::Left), ch('h')],
            action: Action::Left,
            label: "←/h",
            hint: "",
            help: "Select the nearest box to the left (a lower rung)",
        },
        Binding {
            keys: &[key(KeyCode::Right), ch('l')],
            action: Action::Right,
            label: "→/l",
            hint: "move",
            help: "Select the nearest box to the right (a higher rung)",
        },
        Binding {
            keys: &[key(KeyCode::Enter)],
            action: Action::Activate,
            label: "Enter",
            hint: "open",
            help: "Open the selected stage in the explorer",
        },
        Binding {
            keys: &[ch('z')],
            action: Action::Zoom,
            label: "z",
            hint: "zoom",
            help: "Compact boxes with ids only, or full boxes with titles",
        },
        Binding {
            keys: &[ch('n')],
            action: Action::Around,
            label: "n",
            hint: "around",
            help: "Only the stages around the selected one, or its whole sector again",
        },
        Binding {
            keys: &[key(KeyCode::Tab)],
            action: Action::NextPane,
            label: "Tab",
            hint: "sector",
            help: "The next sector's map",
        },
        keys::HELP,
    ],
];
