//! The key bindings: one table that turns keys into actions and also feeds the key-hint bar and
//! the help screen, so what is shown can never drift from what works.

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

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// One binding: the keys, what they do, and how the hint bar and the help screen name them.
pub struct Binding {
    pub contexts: &'static [Context],
    pub keys: &'static [Key],
    pub action: Action,
    /// The keys as shown ("↑/k").
    pub label: &'static str,
    /// A word or two for the hint bar; empty keeps the binding out of it.
    pub hint: &'static str,
    /// A sentence for the help screen.
    pub help: &'static str,
}

use Context::*;

const ALL: &[Context] = &Context::ALL;
/// Lists moved with the arrows and j/k; the search and the area picker take j and k as text.
const LISTS: &[Context] = &[Explorer, Routes, Audit, Learner];
const BROWSE: &[Context] = &[Explorer, Routes, Audit];

/// Every binding, in the order the help screen lists them.
pub const BINDINGS: &[Binding] = &[
    Binding {
        contexts: ALL,
        keys: &[ctrl('c')],
        action: Action::Quit,
        label: "Ctrl-C",
        hint: "",
        help: "Quit at once, from any screen",
    },
    Binding {
        contexts: ALL,
        keys: &[ctrl('z')],
        action: Action::Suspend,
        label: "Ctrl-Z",
        hint: "",
        help: "Suspend to the shell (fg brings the explorer back)",
    },
    Binding {
        contexts: &[Explorer],
        keys: &[ch('q')],
        action: Action::QuitAsk,
        label: "q",
        hint: "quit",
        help: "Quit (asks first when the learner has changes not saved to a file)",
    },
    Binding {
        contexts: &[
            Search, PickGoal, Routes, Audit, Map, Learner, Help, Prompt, Area, Compare,
        ],
        keys: &[key(KeyCode::Esc)],
        action: Action::Close,
        label: "Esc",
        hint: "close",
        help: "Close this screen and return to the one before",
    },
    Binding {
        contexts: &[Routes, Audit, Map, Learner, Help, Compare],
        keys: &[ch('q')],
        action: Action::Close,
        label: "q",
        hint: "",
        help: "Close this screen",
    },
    Binding {
        contexts: LISTS,
        keys: &[key(KeyCode::Up), ch('k')],
        action: Action::Up,
        label: "↑/k",
        hint: "up",
        help: "Move the selection up",
    },
    Binding {
        contexts: &[Search, PickGoal, Area],
        keys: &[key(KeyCode::Up)],
        action: Action::Up,
        label: "↑",
        hint: "up",
        help: "Move the selection up",
    },
    Binding {
        contexts: &[Search, PickGoal, Area],
        keys: &[key(KeyCode::Down)],
        action: Action::Down,
        label: "↓",
        hint: "down",
        help: "Move the selection down",
    },
    Binding {
        contexts: &[Area],
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        hint: "use",
        help: "Show every wage for the selected area",
    },
    Binding {
        contexts: LISTS,
        keys: &[key(KeyCode::Down), ch('j')],
        action: Action::Down,
        label: "↓/j",
        hint: "down",
        help: "Move the selection down",
    },
    Binding {
        contexts: &[Explorer, Search, PickGoal, Routes, Audit, Learner, Help, Area],
        keys: &[key(KeyCode::PageUp)],
        action: Action::PageUp,
        label: "PgUp",
        hint: "",
        help: "Move a page up",
    },
    Binding {
        contexts: &[Explorer, Search, PickGoal, Routes, Audit, Learner, Help, Area],
        keys: &[key(KeyCode::PageDown)],
        action: Action::PageDown,
        label: "PgDn",
        hint: "",
        help: "Move a page down",
    },
    Binding {
        contexts: &[Explorer, Routes, Audit, Learner, Help],
        keys: &[key(KeyCode::Home), ch('g')],
        action: Action::Home,
        label: "Home/g",
        hint: "",
        help: "Go to the first item",
    },
    Binding {
        contexts: &[Explorer, Routes, Audit, Learner, Help],
        keys: &[key(KeyCode::End), ch('G')],
        action: Action::End,
        label: "End/G",
        hint: "",
        help: "Go to the last item",
    },
    Binding {
        contexts: &[Search, PickGoal, Area],
        keys: &[key(KeyCode::Home)],
        action: Action::Home,
        label: "Home",
        hint: "",
        help: "Go to the first item",
    },
    Binding {
        contexts: &[Search, PickGoal, Area],
        keys: &[key(KeyCode::End)],
        action: Action::End,
        label: "End",
        hint: "",
        help: "Go to the last item",
    },
    Binding {
        contexts: &[Explorer, Routes],
        keys: &[key(KeyCode::Tab)],
        action: Action::NextPane,
        label: "Tab",
        hint: "pane",
        help: "Move to the next pane",
    },
    Binding {
        contexts: &[Explorer, Routes],
        keys: &[key(KeyCode::BackTab)],
        action: Action::PrevPane,
        label: "Shift-Tab",
        hint: "",
        help: "Move to the previous pane",
    },
    Binding {
        contexts: &[Explorer],
        keys: &[key(KeyCode::Left), ch('h')],
        action: Action::Left,
        label: "←/h",
        hint: "",
        help: "Move to the pane on the left; on the trail, the step before",
    },
    Binding {
        contexts: &[Explorer],
        keys: &[key(KeyCode::Right), ch('l')],
        action: Action::Right,
        label: "→/l",
        hint: "",
        help: "Move to the pane on the right; on the trail, the step after",
    },
    Binding {
        contexts: &[Map],
        keys: &[key(KeyCode::Up), ch('k')],
        action: Action::Up,
        label: "↑/k",
        hint: "",
        help: "Select the box above (or the nearest one up)",
    },
    Binding {
        contexts: &[Map],
        keys: &[key(KeyCode::Down), ch('j')],
        action: Action::Down,
        label: "↓/j",
        hint: "",
        help: "Select the box below (or the nearest one down)",
    },
    Binding {
        contexts: &[Map],
        keys: &[key(KeyCode::Left), ch('h')],
        action: Action::Left,
        label: "←/h",
        hint: "",
        help: "Select the nearest box to the left (a lower rung)",
    },
    Binding {
        contexts: &[Map],
        keys: &[key(KeyCode::Right), ch('l')],
        action: Action::Right,
        label: "→/l",
        hint: "move",
        help: "Select the nearest box to the right (a higher rung)",
    },
    Binding {
        contexts: &[Map],
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        hint: "open",
        help: "Open the selected stage in the explorer",
    },
    Binding {
        contexts: &[Map],
        keys: &[ch('z')],
        action: Action::Zoom,
        label: "z",
        hint: "zoom",
        help: "Compact boxes with ids only, or full boxes with titles",
    },
    Binding {
        contexts: &[Map],
        keys: &[ch('n')],
        action: Action::Around,
        label: "n",
        hint: "around",
        help: "Only the stages around the selected one, or its whole sector again",
    },
    Binding {
        contexts: &[Map],
        keys: &[key(KeyCode::Tab)],
        action: Action::NextPane,
        label: "Tab",
        hint: "sector",
        help: "The next sector's map",
    },
    Binding {
        contexts: &[Routes],
        keys: &[key(KeyCode::Left), ch('h')],
        action: Action::Left,
        label: "←/h",
        hint: "",
        help: "On the form: the previous choice of the selected field",
    },
    Binding {
        contexts: &[Routes],
        keys: &[key(KeyCode::Right), ch('l')],
        action: Action::Right,
        label: "→/l",
        hint: "",
        help: "On the form: the next choice of the selected field",
    },
    Binding {
        contexts: &[Explorer],
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        // In the stage list Enter opens the stage's transitions; there it walks one.
        hint: "open/walk",
        help: "On a transition: walk to it. On a stage: show its transitions. On the trail: jump there",
    },
    Binding {
        contexts: &[Search],
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        hint: "jump",
        help: "Jump to the selected stage",
    },
    Binding {
        contexts: &[PickGoal],
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        hint: "pick goal",
        help: "Make the selected stage the route finder's goal",
    },
    Binding {
        contexts: &[Routes],
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        hint: "find/walk",
        help: "On the form: find routes. On a route: walk it in the explorer",
    },
    Binding {
        contexts: &[Audit],
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        hint: "jump",
        help: "Jump to the stage of the selected finding",
    },
    Binding {
        contexts: &[Learner],
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        hint: "edit",
        help: "Type the selected field (name, a level or score, a limit), tick it, or save or load",
    },
    Binding {
        contexts: &[Prompt],
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        hint: "confirm",
        help: "Confirm",
    },
    Binding {
        contexts: &[Choice],
        keys: &[ch('y'), ch('Y')],
        action: Action::Yes,
        label: "y",
        hint: "replace it",
        help: "Replace the file",
    },
    Binding {
        contexts: &[Choice],
        keys: &[ch('n'), ch('N')],
        action: Action::No,
        label: "n",
        hint: "keep it, type another name",
        help: "Keep the file and go back to its name, to type another",
    },
    Binding {
        contexts: &[Choice],
        keys: &[key(KeyCode::Esc)],
        action: Action::Close,
        label: "Esc",
        hint: "keep it and stop",
        help: "Keep the file and write nothing",
    },
    Binding {
        contexts: &[Leave],
        keys: &[ch('y'), ch('Y')],
        action: Action::Yes,
        label: "y",
        hint: "quit",
        help: "Quit; the learner's changes are lost",
    },
    Binding {
        contexts: &[Leave],
        keys: &[ch('n'), ch('N'), key(KeyCode::Esc)],
        action: Action::Close,
        label: "n/Esc",
        hint: "stay (L, then s saves her)",
        help: "Stay in the explorer; the learner panel's s saves her",
    },
    Binding {
        contexts: &[Choice],
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        // Not an answer: it says which keys are.
        hint: "",
        help: "Say which keys answer the question",
    },
    Binding {
        contexts: &[Explorer],
        keys: &[key(KeyCode::Backspace), ch('[')],
        action: Action::Back,
        label: "Bksp/[",
        hint: "back",
        help: "Go back one step along the trail, or back to the trail from a stage looked at",
    },
    Binding {
        contexts: &[Explorer],
        keys: &[ch(']')],
        action: Action::Forward,
        label: "]",
        // Out of the hint bar, to leave room for the learner (the help lists it).
        hint: "",
        help: "Go forward again along the trail, or back to the trail from a stage looked at",
    },
    Binding {
        contexts: &[Explorer],
        keys: &[ch('n')],
        action: Action::NewTrail,
        label: "n",
        hint: "new trail",
        help: "Start a new trail at the stage shown (moving in the list keeps the trail)",
    },
    Binding {
        contexts: &[Prompt],
        keys: &[key(KeyCode::Tab)],
        action: Action::Cycle,
        label: "Tab",
        // The plan question says so itself; other questions ignore it.
        hint: "",
        help: "In the plan question: switch the plan's language (English, Spanish)",
    },
    Binding {
        contexts: &[Search, PickGoal, Prompt, Area],
        keys: &[key(KeyCode::Backspace)],
        action: Action::Erase,
        label: "Bksp",
        hint: "",
        help: "Delete the last character typed",
    },
    Binding {
        contexts: &[Search, PickGoal, Prompt, Area],
        keys: &[ctrl('u')],
        action: Action::EraseAll,
        label: "Ctrl-U",
        hint: "",
        help: "Delete everything typed",
    },
    Binding {
        contexts: BROWSE,
        keys: &[ch('/')],
        action: Action::Search,
        label: "/",
        hint: "search",
        help: "Search stages by title, id, credential, SOC code or tag (in the route finder: pick the goal)",
    },
    Binding {
        contexts: &[Explorer, Audit, Learner],
        keys: &[ch('r')],
        action: Action::Routes,
        label: "r",
        hint: "routes",
        help: "Find routes from the learner, a level, a test score or this stage to a goal",
    },
    Binding {
        contexts: &[Explorer, Audit],
        keys: &[ch('R')],
        action: Action::Reload,
        label: "R",
        // Out of the hint bar: a designer's key, listed in the help.
        hint: "",
        help: "Reload the data files from disk (after editing them), keeping your place",
    },
    Binding {
        contexts: &[Explorer, Routes],
        keys: &[ch('a')],
        action: Action::Audit,
        label: "a",
        hint: "audit",
        help: "Audit the loaded pathways: dead ends, unreachable stages, missing ramps",
    },
    Binding {
        contexts: &[Routes],
        keys: &[ch(' ')],
        action: Action::Cycle,
        label: "Space",
        hint: "change",
        help: "On the form: change the selected choice",
    },
    Binding {
        contexts: &[Learner],
        keys: &[ch(' ')],
        action: Action::Toggle,
        label: "Space",
        hint: "tick",
        help: "Tick or untick the selected hold or limit",
    },
    Binding {
        contexts: &[Learner],
        keys: &[ch('x'), key(KeyCode::Delete)],
        action: Action::Remove,
        label: "x/Del",
        hint: "remove",
        help: "Remove the selected level or score",
    },
    Binding {
        contexts: &[Learner],
        keys: &[ch('s')],
        action: Action::Save,
        label: "s",
        hint: "save",
        help: "Save the learner to a file (asks before replacing one)",
    },
    Binding {
        contexts: &[Learner],
        keys: &[ch('o')],
        action: Action::Load,
        label: "o",
        hint: "load",
        help: "Load a learner from a file",
    },
    Binding {
        contexts: &[Routes],
        keys: &[ch('p')],
        action: Action::Plan,
        label: "p",
        hint: "plan",
        help: "Write the selected route as the learner's plan (HTML to print, or .md or .txt by the file name)",
    },
    Binding {
        contexts: &[Audit],
        keys: &[ch('f')],
        action: Action::Filter,
        label: "f",
        hint: "filter",
        help: "Show errors, warnings, info or everything",
    },
    Binding {
        contexts: &[Explorer, Routes],
        keys: &[ch('m')],
        action: Action::Map,
        label: "m",
        hint: "map",
        help: "The map of the current stage's sector, drawn as a ladder (with the chosen route)",
    },
    Binding {
        contexts: &[Explorer, Routes],
        keys: &[ch('L')],
        action: Action::Learner,
        label: "L",
        hint: "learner",
        help: "The learner: her levels and scores, what she holds, her limits; saved to a file",
    },
    Binding {
        contexts: &[Explorer, Routes],
        keys: &[ch('w')],
        action: Action::Area,
        label: "w",
        // Out of the hint bar, which is full; Details says it beside every wage.
        hint: "",
        help: "Pick the area whose wages are shown: a state, a metro or a nonmetro area",
    },
    Binding {
        contexts: &[Explorer, Routes],
        keys: &[ch('c')],
        action: Action::Pin,
        label: "c",
        hint: "pin",
        help: "Pin the trail (explorer) or the selected route (route finder) to compare; again unpins it",
    },
    Binding {
        contexts: &[Explorer, Routes],
        keys: &[ch('C')],
        action: Action::Compare,
        label: "C",
        hint: "compare",
        help: "Compare the two pinned routes side by side: weeks, cost, first pay, wages, segments",
    },
    Binding {
        contexts: &[Compare, Help],
        keys: &[key(KeyCode::Down), ch('j')],
        action: Action::Down,
        label: "↓/j",
        hint: "down",
        help: "Scroll down",
    },
    Binding {
        contexts: &[Compare, Help],
        keys: &[key(KeyCode::Up), ch('k')],
        action: Action::Up,
        label: "↑/k",
        hint: "up",
        help: "Scroll up",
    },
    Binding {
        contexts: &[Compare],
        keys: &[ch('x')],
        action: Action::Remove,
        label: "x",
        hint: "unpin both",
        help: "Unpin both routes and close the comparison",
    },
    Binding {
        contexts: &[Explorer, Routes, Audit, Map, Learner, Compare],
        keys: &[ch('?')],
        action: Action::Help,
        label: "?",
        hint: "help",
        help: "Show every key",
    },
    Binding {
        contexts: &[Help],
        keys: &[ch('?')],
        action: Action::Close,
        label: "?",
        hint: "",
        help: "Close the help",
    },
];

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
    BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context))
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action)
}

/// The hint bar of a context: (keys, word) pairs in table order.
pub fn hints(context: Context) -> impl Iterator<Item = (&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(move |b| b.contexts.contains(&context) && !b.hint.is_empty())
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
        _ => rank_anywhere(action),
    }
}

fn rank_anywhere(action: Action) -> u8 {
    match action {
        Action::Activate => 0,
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
    let cells = |(k, w): (&str, &str)| {
        unicode_width::UnicodeWidthStr::width(k) + 1 + unicode_width::UnicodeWidthStr::width(w) + 2
    };
    let shown: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.contexts.contains(&context) && !b.hint.is_empty())
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
    BINDINGS
        .iter()
        .filter(move |b| b.contexts.contains(&context))
        .map(|b| (b.label, b.help))
}

#[cfg(test)]
mod tests {
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
            let leaves = BINDINGS
                .iter()
                .any(|b| b.contexts.contains(&context) && matches!(b.action, Action::Quit | Action::Close));
            assert!(leaves, "{context:?} has no way out");
            assert!(help_rows(context).count() > 0);
        }
        // Every context a binding names has its section in help.
        for b in BINDINGS {
            assert!(b.contexts.iter().all(|c| Context::ALL.contains(c)), "{}", b.help);
        }
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
        assert_eq!(bar.last(), Some(&("?", "help")));
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for context in [
            Explorer, Search, PickGoal, Routes, Audit, Map, Learner, Help, Prompt, Choice, Leave, Area,
            Compare,
        ] {
            let mut seen: Vec<Key> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.contexts.contains(&context)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{context:?}: {k:?} bound twice");
                    seen.push(*k);
                }
            }
        }
    }
}
