//! The explorer's screens, one module each: its state, its bindings (`BINDINGS`, which the
//! hint bar and the help read through `keys::bindings`), how its keys change it (`impl App`
//! blocks that only touch what the screen owns or opens) and how it is drawn (`draw`).

pub mod area;
pub mod audit;
pub mod compare;
pub mod explorer;
pub mod help;
pub mod learner;
pub mod map;
pub mod prompt;
pub mod routes;
pub mod search;

use ratatui::Frame;

use crate::tui::app::App;
use crate::tui::keys::Context;
use area::AreaPicker;
use audit::AuditState;
use learner::LearnerPanel;
use map::MapState;
use search::SearchState;

/// Which screen is up.
#[derive(Debug, Clone)]
pub enum Screen {
    Explorer,
    Search(SearchState),
    /// The help, over the screen it was opened from.
    Help {
        scroll: usize,
    },
    Audit(AuditState),
    Routes,
    Map(Box<MapState>),
    Learner(LearnerPanel),
    Area(AreaPicker),
    /// Two pinned routes side by side, over the screen it was opened from.
    Compare {
        scroll: usize,
    },
}

impl Screen {
    /// Whose bindings the keys are read with on this screen.
    pub fn context(&self) -> Context {
        match self {
            Screen::Explorer => Context::Explorer,
            Screen::Search(state) if state.pick_goal => Context::PickGoal,
            Screen::Search(_) => Context::Search,
            Screen::Help { .. } => Context::Help,
            Screen::Audit(_) => Context::Audit,
            Screen::Routes => Context::Routes,
            Screen::Map(_) => Context::Map,
            Screen::Learner(_) => Context::Learner,
            Screen::Area(_) => Context::Area,
            Screen::Compare { .. } => Context::Compare,
        }
    }

    /// Draws the screen over the explorer (which is always drawn beneath).
    pub fn draw(&self, app: &App, frame: &mut Frame) {
        match self {
            Screen::Explorer => {}
            Screen::Search(state) => search::draw::draw(app, state, frame),
            Screen::Help { scroll, .. } => help::draw::draw(app, *scroll, frame),
            Screen::Routes => routes::draw::draw(app, frame),
            Screen::Audit(state) => audit::draw::draw(app, state, frame),
            Screen::Map(map) => map::draw::draw(app, map, frame),
            Screen::Learner(panel) => learner::draw::draw(app, panel, frame),
            Screen::Area(picker) => area::draw::draw(app, picker, frame),
            Screen::Compare { scroll, .. } => compare::draw::draw(app, *scroll, frame),
        }
    }
}
