//! The map of a sector: boxes by level and rung, moved between with the arrows.

pub mod draw;
mod state;
pub use state::MapState;

use crate::domain::layout::Heading;
use crate::tui::app::App;
use crate::tui::keys::Action;
use crate::tui::screen::Screen;
use crate::tui::screen::explorer::Pane;

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
        } else if !self.trail.is_bare() {
            // The stage shown, with as much of the trail around it as fits.
            let nodes: Vec<_> = self.trail.steps.iter().map(|s| s.node).collect();
            map.centre_on(&nodes, width, height);
        }
        self.open(Screen::Map(Box::new(map)));
    }

    pub(crate) fn map(&mut self, action: Action) {
        let area = draw::viewport(self.width, self.height);
        let Screen::Map(map) = &mut self.screen else {
            return;
        };
        match action {
            Action::Close => self.close(),
            Action::Help => self.open_help(),
            Action::Up => map.step(Heading::Up),
            Action::Down => map.step(Heading::Down),
            Action::Left => map.step(Heading::Left),
            Action::Right => map.step(Heading::Right),
            Action::Zoom => map.toggle_zoom(&self.pathways),
            Action::Around => map.toggle_around(&self.pathways),
            Action::NextPane => map.next_sector(&self.pathways),
            Action::Activate => {
                let node = map.selected;
                self.close_all();
                self.focus = Pane::Stages;
                self.jump(node);
                return;
            }
            _ => {}
        }
        if let Screen::Map(map) = &mut self.screen {
            map.follow(u32::from(area.width), u32::from(area.height));
        }
    }
}
