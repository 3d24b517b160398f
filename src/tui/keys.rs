//! The key bindings' machinery: each screen keeps its own table (`screen::*::BINDINGS`), which
//! turns keys into actions and also feeds the key-hint bar and the help screen, so what is shown
//! can never drift from what works. Here are the bindings several screens share.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the user asked for. Only `App::update` acts on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// `q`: quit, asking first when the learner has changes not saved to a file.
    QuitAsk,
    /// Ctrl-Z: the event loop suspends before the app sees it; listed for the help screen.
    Suspend,
    Help,
    Close,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    NextPane,
    PrevPane,
    Left,
    Right,
    Activate,
    Back,
    Forward,
    Search,
    Routes,
    Audit,
    Plan,
    /// In the route finder: the next choice of the focused field.
    Cycle,
    /// In the audit list: show errors, warnings, info or all.
    Filter,
    /// Open the map of the current stage's sector.
    Map,
    /// On the map: boxes with ids only, or with titles.
    Zoom,
    /// On the map: the stages around the selected one, or its whole sector.
    Around,
    /// Open the learner panel.
    Learner,
    /// Open the area picker: whose wages are shown.
    Area,
    /// Read the data files again, keeping the walk.
    Reload,
    /// Pin the trail or the selected route for comparison (again: unpin it).
    Pin,
    /// Compare the two pinned routes side by side.
    Compare,
    /// In the explorer: start a new trail at the stage shown.
    NewTrail,
    /// In the learner panel: tick or untick the selected hold or limit.
    Toggle,
    /// In the learner panel: remove the selected level or score.
    Remove,
    /// In the learner panel: save the learner to a file.
    Save,
    /// In the learner panel: load a learner from a file.
    Load,
    /// Delete the character before the cursor in a text field.
    Erase,
    /// A character typed into a text field.
    Input(char),
    /// Clear the text typed.
    EraseAll,
    /// On a yes-or-no question: yes (replace the file).
    Yes,
    /// On a yes-or-no question: no (keep the file).
    No,
}

/// Where the keys are read: each screen has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Explorer,
    Search,
    /// Search opened from the route finder's Goal field: Enter picks the goal.
    PickGoal,
    Routes,
    Audit,
    Map,
    Learner,
    Help,
    Prompt,
    /// A yes-or-no question ("replace it?"), answered by a key rather than typed.
    Choice,
    /// "Quit without saving the learner?"
    Leave,
    /// The area picker.
    Area,
    /// Two pinned routes side by side.
    Compare,
}

impl Context {
    /// Every context, in the order the help screen lists them.
    pub const ALL: [Context; 13] = [
        Context::Explorer,
        Context::Search,
        Context::PickGoal,
        Context::Routes,
        Context::Audit,
        Context::Map,
        Context::Learner,
        Context::Area,
        Context::Compare,
        Context::Prompt,
        Context::Choice,
        Context::Leave,
        Context::Help,
    ];

    /// Its heading on the help screen.
    pub fn title(self) -> &'static str {
        match self {
            Context::Explorer => "Explorer",
            Context::Search => "Search",
            Context::PickGoal => "Search for the route finder's goal",
            Context::Routes => "Route finder",
            Context::Audit => "Audit",
            Context::Map => "Map",
            Context::Learner => "Learner panel",
            Context::Area => "Area picker (whose wages are shown)",
            Context::Compare => "Comparing two pinned routes",
            Context::Prompt => "Questions (scores, file names, learner fields)",
            Context::Choice => "Replace a file?",
            Context::Leave => "Quit with the learner not saved?",
            Context::Help => "This help",
        }
    }
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

pub(crate) const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub(crate) const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

pub(crate) const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// One binding: the keys, what they do, and how the hint bar and the help screen name them.
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// The keys as shown ("↑/k").
    pub label: &'static str,
    /// A word or two for the hint bar; empty keeps the binding out of it.
    pub hint: &'static str,
    /// A sentence for the help screen.
    pub help: &'static str,
}

// The bindings several screens share; each screen lists the ones it has in its own table.

/// Runs of shared bindings that screens take together (a screen's table is a list of groups).
pub const CLOSING: &[Binding] = &[CLOSE, Q_CLOSES];
/// Moving in a list with the arrows, j/k, pages and Home/End.
pub const LIST_MOVES: &[Binding] = &[UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END];
/// Moving in a list under a text field, where letters are text.
pub const TEXT_LIST_MOVES: &[Binding] = &[UP_ARROW, DOWN_ARROW, PAGE_UP, PAGE_DOWN, HOME_KEY, END_KEY];
/// Editing a text field.
pub const TYPING: &[Binding] = &[ERASE, ERASE_ALL];

pub const QUIT: Binding = Binding {
    keys: &[ctrl('c')],
    action: Action::Quit,
    label: "Ctrl-C",
    hint: "",
    help: "Quit at once, from any screen",
};
pub const SUSPEND: Binding = Binding {
    keys: &[ctrl('z')],
    action: Action::Suspend,
    label: "Ctrl-Z",
    hint: "",
    help: "Suspend to the shell (fg brings the explorer back)",
};
pub const CLOSE: Binding = Binding {
    keys: &[key(KeyCode::Esc)],
    action: Action::Close,
    label: "Esc",
    hint: "close",
    help: "Close this screen and return to the one before",
};
pub const Q_CLOSES: Binding = Binding {
    keys: &[ch('q')],
    action: Action::Close,
    label: "q",
    hint: "",
    help: "Close this screen",
};
pub const UP: Binding = Binding {
    keys: &[key(KeyCode::Up), ch('k')],
    action: Action::Up,
    label: "↑/k",
    hint: "up",
    help: "Move the selection up",
};
pub const UP_ARROW: Binding = Binding {
    keys: &[key(KeyCode::Up)],
    action: Action::Up,
    label: "↑",
    hint: "up",
    help: "Move the selection up",
};
pub const DOWN_ARROW: Binding = Binding {
    keys: &[key(KeyCode::Down)],
    action: Action::Down,
    label: "↓",
    hint: "down",
    help: "Move the selection down",
};
pub const DOWN: Binding = Binding {
    keys: &[key(KeyCode::Down), ch('j')],
    action: Action::Down,
    label: "↓/j",
    hint: "down",
    help: "Move the selection down",
};
pub const PAGE_UP: Binding = Binding {
    keys: &[key(KeyCode::PageUp)],
    action: Action::PageUp,
    label: "PgUp",
    hint: "",
    help: "Move a page up",
};
pub const PAGE_DOWN: Binding = Binding {
    keys: &[key(KeyCode::PageDown)],
    action: Action::PageDown,
    label: "PgDn",
    hint: "",
    help: "Move a page down",
};
pub const HOME: Binding = Binding {
    keys: &[key(KeyCode::Home), ch('g')],
    action: Action::Home,
    label: "Home/g",
    hint: "",
    help: "Go to the first item",
};
pub const END: Binding = Binding {
    keys: &[key(KeyCode::End), ch('G')],
    action: Action::End,
    label: "End/G",
    hint: "",
    help: "Go to the last item",
};
pub const HOME_KEY: Binding = Binding {
    keys: &[key(KeyCode::Home)],
    action: Action::Home,
    label: "Home",
    hint: "",
    help: "Go to the first item",
};
pub const END_KEY: Binding = Binding {
    keys: &[key(KeyCode::End)],
    action: Action::End,
    label: "End",
    hint: "",
    help: "Go to the last item",
};
pub const NEXT_PANE: Binding = Binding {
    keys: &[key(KeyCode::Tab)],
    action: Action::NextPane,
    label: "Tab",
    hint: "pane",
    help: "Move to the next pane",
};
pub const PREV_PANE: Binding = Binding {
    keys: &[key(KeyCode::BackTab)],
    action: Action::PrevPane,
    label: "Shift-Tab",
    hint: "",
    help: "Move to the previous pane",
};
pub const ERASE: Binding = Binding {
    keys: &[key(KeyCode::Backspace)],
    action: Action::Erase,
    label: "Bksp",
    hint: "",
    help: "Delete the last character typed",
};
pub const ERASE_ALL: Binding = Binding {
    keys: &[ctrl('u')],
    action: Action::EraseAll,
    label: "Ctrl-U",
    hint: "",
    help: "Delete everything typed",
};
pub const SEARCH: Binding = Binding {
    keys: &[ch('/')],
    action: Action::Search,
    label: "/",
    hint: "search",
    help: "Search stages by title, id, credential, SOC code or tag (in the route finder: pick the goal)",
};
pub const ROUTES: Binding = Binding {
    keys: &[ch('r')],
    action: Action::Routes,
    label: "r",
    hint: "routes",
    help: "Find routes from the learner, a level, a test score or this stage to a goal",
};
pub const RELOAD: Binding = Binding {
    keys: &[ch('R')],
    action: Action::Reload,
    label: "R",
    // Out of the hint bar: a designer's key, listed in the help.
    hint: "",
    help: "Reload the data files from disk (after editing them), keeping your place",
};
pub const AUDIT: Binding = Binding {
    keys: &[ch('a')],
    action: Action::Audit,
    label: "a",
    hint: "audit",
    help: "Audit the loaded pathways: dead ends, unreachable stages, missing ramps",
};
pub const MAP: Binding = Binding {
    keys: &[ch('m')],
    action: Action::Map,
    label: "m",
    hint: "map",
    help: "The map of the current stage's sector, drawn as a ladder (with the chosen route)",
};
pub const LEARNER: Binding = Binding {
    keys: &[ch('L')],
    action: Action::Learner,
    label: "L",
    hint: "learner",
    help: "The learner: her levels and scores, what she holds, her limits; saved to a file",
};
pub const AREA: Binding = Binding {
    keys: &[ch('w')],
    action: Action::Area,
    label: "w",
    // Out of the hint bar, which is full; Details says it beside every wage.
    hint: "",
    help: "Pick the area whose wages are shown: a state, a metro or a nonmetro area",
};
pub const PIN: Binding = Binding {
    keys: &[ch('c')],
    action: Action::Pin,
    label: "c",
    hint: "pin",
    help: "Pin the trail (explorer) or the selected route (route finder) to compare; again unpins it",
};
pub const COMPARE: Binding = Binding {
    keys: &[ch('C')],
    action: Action::Compare,
    label: "C",
    hint: "compare",
    help: "Compare the two pinned routes side by side: weeks, cost, first pay, wages, segments",
};
pub const SCROLL_DOWN: Binding = Binding {
    keys: &[key(KeyCode::Down), ch('j')],
    action: Action::Down,
    label: "↓/j",
    hint: "down",
    help: "Scroll down",
};
pub const SCROLL_UP: Binding = Binding {
    keys: &[key(KeyCode::Up), ch('k')],
    action: Action::Up,
    label: "↑/k",
    hint: "up",
    help: "Scroll up",
};
pub const HELP: Binding = Binding {
    keys: &[ch('?')],
    action: Action::Help,
    label: "?",
    hint: "help",
    help: "Show every key",
};

/// The bindings every screen has, before its own.
pub const ANYWHERE: &[Binding] = &[QUIT, SUSPEND];

impl Context {
    /// The screen's own table of bindings, in the order its hint bar and help list them.
    fn own(self) -> &'static [&'static [Binding]] {
        use crate::tui::screen::*;
        match self {
            Context::Explorer => explorer::BINDINGS,
            Context::Search => search::BINDINGS,
            Context::PickGoal => search::PICK_GOAL,
            Context::Routes => routes::BINDINGS,
            Context::Audit => audit::BINDINGS,
            Context::Map => map::BINDINGS,
            Context::Learner => learner::BINDINGS,
            Context::Help => help::BINDINGS,
            Context::Prompt => prompt::BINDINGS,
            Context::Choice => prompt::CHOICE,
            Context::Leave => prompt::LEAVE,
            Context::Area => area::BINDINGS,
            Context::Compare => compare::BINDINGS,
        }
    }
}

/// Every binding of a context: those every screen has, then the screen's own.
pub fn bindings(context: Context) -> impl Iterator<Item = &'static Binding> {
    ANYWHERE.iter().chain(context.own().iter().copied().flatten())
}

/// Contexts where typed characters go into a text field.
fn takes_text(context: Context) -> bool {
    matches!(
        context,
        Context::Search | Context::PickGoal | Context::Prompt | Context::Area
    )
}

/// The action a key means in a context, if any.
pub fn action_for(context: Context, event: KeyEvent) -> Option<Action> {
    // Shift is part of the key itself ('G', '?', Shift-Tab), so it is ignored there.
    let mods = match event.code {
        KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
        _ => event.modifiers,
    };
    let pressed = Key {
        code: event.code,
        mods,
    };
    if takes_text(context)
        && let KeyCode::Char(c) = event.code
        && !mods.contains(KeyModifiers::CONTROL)
        && !mods.contains(KeyModifiers::ALT)
    {
        return Some(Action::Input(c));
    }
    bindings(context)
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action)
}

/// The hint bar of a context: (keys, word) pairs in table order.
pub fn hints(context: Context) -> impl Iterator<Item = (&'static str, &'static str)> {
    bindings(context)
        .filter(|b| !b.hint.is_empty())
        .map(|b| (b.label, b.hint))
}

/// How much a hint is worth its room on a narrow bar: the keys of a counselor's session first
/// (walking, finding routes, the learner, the map, search), then the rest in the table's order.
fn rank(context: Context, action: Action) -> u8 {
    match (context, action) {
        // The route finder's form says "/ picks a goal by name" itself; Tab is the only way
        // into its list of routes and their detail.
        (Context::Routes, Action::NextPane) => 3,
        (Context::Routes, Action::Search) => 9,
        // The form says "Choose with ←/→ or Space" itself.
        (Context::Routes, Action::Cycle) => 9,
        _ => rank_anywhere(action),
    }
}

fn rank_anywhere(action: Action) -> u8 {
    match action {
        Action::Activate => 0,
        // The way back from an overlay: without it on the bar a learner is stuck there.
        Action::Close => 1,
        Action::Routes => 1,
        Action::Learner => 2,
        Action::Back => 3,
        Action::Search => 4,
        Action::Map => 5,
        Action::Plan => 6,
        Action::Cycle | Action::Toggle => 7,
        _ => 10,
    }
}

/// The hints that fit in `width` columns (each shown as `key word` and two spaces), most useful
/// first (`rank`), shown in the table's order: the screen's own keys, then moving the cursor (the arrows say that for themselves), and
/// `? help` always, last, so every key stays one press away.
pub fn fitted_hints(context: Context, width: usize) -> Vec<(&'static str, &'static str)> {
    fitted_hints_where(context, width, |_| true)
}

/// `fitted_hints` of the bindings whose action `applies` now (an empty list has nothing to move
/// in or jump to, so its bar does not offer that).
pub fn fitted_hints_where(
    context: Context,
    width: usize,
    applies: impl Fn(Action) -> bool,
) -> Vec<(&'static str, &'static str)> {
    let cells = |(k, w): (&str, &str)| {
        unicode_width::UnicodeWidthStr::width(k) + 1 + unicode_width::UnicodeWidthStr::width(w) + 2
    };
    let shown: Vec<&Binding> = bindings(context)
        .filter(|b| !b.hint.is_empty() && applies(b.action))
        .collect();
    let help = shown
        .iter()
        .find(|b| b.action == Action::Help)
        .map(|b| (b.label, b.hint));
    let moving = |b: &&&Binding| matches!(b.action, Action::Up | Action::Down);
    let mut room = width.saturating_sub(help.map_or(0, cells));
    let mut out = Vec::new();
    let mut by_rank: Vec<&&Binding> = shown
        .iter()
        .filter(|b| b.action != Action::Help && !moving(b))
        .collect();
    by_rank.sort_by_key(|b| rank(context, b.action));
    for b in by_rank {
        let pair = (b.label, b.hint);
        if cells(pair) <= room {
            room -= cells(pair);
            out.push(pair);
        }
    }
    // Up and down together or not at all: one alone reads as if the other were missing.
    let arrows: Vec<_> = shown.iter().filter(moving).map(|b| (b.label, b.hint)).collect();
    if arrows.iter().map(|&p| cells(p)).sum::<usize>() <= room {
        out.extend(arrows);
    }
    // Back in the table's order, which is the order people learn them in.
    out.sort_by_key(|pair| shown.iter().position(|b| (b.label, b.hint) == *pair));
    out.extend(help);
    out
}

/// The help screen's rows for a context: (keys, sentence).
pub fn help_rows(context: Context) -> impl Iterator<Item = (&'static str, &'static str)> {
    bindings(context).map(|b| (b.label, b.help))
}

#[cfg(test)]
mod tests {
    use super::Context::*;
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_mean_actions_per_context() {
        let plain = KeyModifiers::NONE;
        // A yes-or-no question takes y and n whatever the case (Caps Lock on).
        for (c, action) in [
            ('y', Action::Yes),
            ('Y', Action::Yes),
            ('n', Action::No),
            ('N', Action::No),
        ] {
            assert_eq!(
                action_for(Choice, press(KeyCode::Char(c), plain)),
                Some(action),
                "{c}"
            );
        }
        assert_eq!(action_for(Choice, press(KeyCode::Char('x'), plain)), None);
        assert_eq!(
            action_for(Explorer, press(KeyCode::Char('q'), plain)),
            Some(Action::QuitAsk)
        );
        assert_eq!(
            action_for(Explorer, press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit),
            "Ctrl-C never asks"
        );
        assert_eq!(
            action_for(Explorer, press(KeyCode::Char('j'), plain)),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(Explorer, press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::End)
        );
        assert_eq!(
            action_for(Explorer, press(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            action_for(Explorer, press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Explorer, press(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        // In a text field, letters are text, not commands; Ctrl-C still quits.
        assert_eq!(
            action_for(Search, press(KeyCode::Char('q'), plain)),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action_for(Search, press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(Search, press(KeyCode::Esc, plain)),
            Some(Action::Close)
        );
        assert_eq!(action_for(Help, press(KeyCode::Char('x'), plain)), None);
    }

    #[test]
    fn every_context_can_be_left_and_has_help() {
        for context in Context::ALL {
            let listed = Context::ALL.iter().filter(|c| **c == context).count();
            assert_eq!(listed, 1, "{context:?} is listed once for help");
            let leaves = bindings(context).any(|b| matches!(b.action, Action::QuitAsk | Action::Close));
            assert!(leaves, "{context:?} has no way out but Ctrl-C");
            assert!(help_rows(context).count() > 0);
        }
        // Every context a binding names has its section in help.
        assert!(hints(Explorer).any(|(k, w)| k == "?" && w == "help"));
    }

    /// At 80 columns the hint bar keeps `? help`, last, and drops the arrows before the screen's
    /// own keys; with room for all, it shows all in the table's order.
    #[test]
    fn the_hint_bar_fits_its_width_and_always_offers_help() {
        let all: Vec<_> = hints(Explorer).collect();
        let narrow = fitted_hints(Explorer, 78);
        let width: usize = narrow
            .iter()
            .map(|(k, w)| unicode_width::UnicodeWidthStr::width(format!("{k} {w}  ").as_str()))
            .sum();
        assert!(width <= 78, "{narrow:?}");
        assert_eq!(narrow.last(), Some(&("?", "help")));
        for wanted in [
            ("Enter", "open/walk"),
            ("r", "routes"),
            ("L", "learner"),
            ("m", "map"),
            ("/", "search"),
        ] {
            assert!(narrow.contains(&wanted), "{wanted:?} at 80 columns: {narrow:?}");
        }
        assert!(
            !narrow.iter().any(|(_, w)| *w == "down"),
            "arrows go first: {narrow:?}"
        );
        let wide = fitted_hints(Explorer, 400);
        assert_eq!(wide.len(), all.len());
        assert_eq!(wide.last(), Some(&("?", "help")));
        for context in [Explorer, Routes, Audit, Map, Learner] {
            assert_eq!(
                fitted_hints(context, 30).last(),
                Some(&("?", "help")),
                "{context:?}"
            );
        }
    }

    #[test]
    fn at_80_columns_the_route_finder_hints_tab_into_its_routes() {
        // 78 columns inside the box's corners; the form itself says how `/` picks a goal.
        let bar = fitted_hints(Routes, 78);
        assert!(bar.contains(&("Tab", "pane")), "{bar:?}");
        assert!(bar.contains(&("Enter", "find/walk")), "{bar:?}");
        assert!(bar.contains(&("Esc", "close")), "the way back: {bar:?}");
        assert_eq!(bar.last(), Some(&("?", "help")));
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for context in [
            Explorer, Search, PickGoal, Routes, Audit, Map, Learner, Help, Prompt, Choice, Leave, Area,
            Compare,
        ] {
            let mut seen: Vec<Key> = Vec::new();
            for b in bindings(context) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{context:?}: {k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }
}
