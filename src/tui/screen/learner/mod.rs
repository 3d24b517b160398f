//! The learner panel: the App's learner (name, levels and scores, holds, limits) as one list of
//! rows, edited with the keys of `Context::Learner` and the one-line questions, and saved to or
//! loaded from a `pathways-learner/1` file. The learner's profile is resolved here, once per
//! change, so drawing only reads it.

use std::path::{Path, PathBuf};

use petgraph::graph::NodeIndex;

pub mod draw;

use crate::domain::graph::Pathways;
use crate::domain::learner::{Learner, read_from};
use crate::domain::route::{Constraints, Measure, Query};
use crate::tui::app::App;
use crate::tui::cursor;
use crate::tui::keys::{self, Action, Binding, ch, key};
use crate::tui::screen::prompt::{Prompt, PromptKind, replace_question};
use crate::tui::screen::{Effect, Screen};
use ratatui::crossterm::event::KeyCode;

/// One row of the panel, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Name,
    /// Type a level, a test score or the stage she is at.
    AddFrom,
    /// One of the starts given, by index in `entries`.
    From(usize),
    /// A declared condition, by its index in `p.conditions()`.
    Hold(usize),
    Earn,
    IntegratedOnly,
    MaxWeeks,
    MaxCost,
    PaidWithin,
    Save,
    Load,
}

/// A start given: a level, a test score (by index in `learner.levels` / `learner.scores`) or
/// the stage she is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Level(usize),
    Score(usize),
    At,
}

/// The starts given, in the order the panel lists them: levels, scores, then the stage.
pub fn entries(learner: &Learner) -> Vec<Entry> {
    let mut list: Vec<Entry> = (0..learner.levels.len()).map(Entry::Level).collect();
    list.extend((0..learner.scores.len()).map(Entry::Score));
    if learner.at.is_some() {
        list.push(Entry::At);
    }
    list
}

/// The panel's rows for this learner and these pathways.
pub fn items(learner: &Learner, p: &Pathways) -> Vec<Item> {
    let mut list = vec![Item::Name, Item::AddFrom];
    list.extend((0..entries(learner).len()).map(Item::From));
    list.extend(p.conditions().iter().map(|(i, _)| Item::Hold(i)));
    list.extend([
        Item::Earn,
        Item::IntegratedOnly,
        Item::MaxWeeks,
        Item::MaxCost,
        Item::PaidWithin,
        Item::Save,
        Item::Load,
    ]);
    list
}

/// The panel's state: the selected row (index into `items`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LearnerPanel {
    pub cursor: usize,
}

/// What a question of the learner panel asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    Name,
    From,
    MaxWeeks,
    MaxCost,
    PaidWithin,
    Save,
    Load,
    /// Whether to replace an existing learner file.
    Replace(PathBuf),
}

impl Ask {
    pub fn question(&self) -> String {
        match self {
            Ask::Name => "The learner's name (empty for none):".into(),
            Ask::From => "Add a level, a test score or a stage (ESL 3, casas-esl reading 195):".into(),
            Ask::MaxWeeks => "The most weeks a route may take (empty for no limit):".into(),
            Ask::MaxCost => "The most a route may cost, in USD (empty for no limit):".into(),
            Ask::PaidWithin => "She must be paid within how many weeks (empty for no limit):".into(),
            Ask::Save => "Save the learner to (~/ for your home folder):".into(),
            Ask::Load => "Load a learner from (~/ for your home folder):".into(),
            Ask::Replace(path) => replace_question(path),
        }
    }
}

/// A typed path, with a leading `~/` (or a lone `~`) for the home folder.
pub fn expand_home(text: &str, home: Option<&Path>) -> PathBuf {
    let text = text.trim();
    match (text.strip_prefix('~'), home) {
        (Some(rest), Some(home)) if rest.is_empty() || rest.starts_with('/') => {
            home.join(rest.trim_start_matches('/'))
        }
        _ => PathBuf::from(text),
    }
}

/// A typed limit: empty for none, else a number of at least 0.
fn read_limit(text: &str, unit: &str) -> Result<Option<f64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<f64>() {
        Ok(n) if n.is_finite() && n >= 0.0 => Ok(Some(n)),
        _ => Err(format!(
            "Type a number of {unit} (such as 52), or nothing for no limit."
        )),
    }
}

/// A limit as typed back into its question.
fn limit_text(limit: Option<f64>) -> String {
    limit.map_or_else(String::new, |n| n.to_string())
}

/// Many lines of problems as one: the first, and how many more.
fn one_line(text: &str) -> String {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or_default().to_string();
    match lines.count() {
        0 => first,
        1 => format!("{first} (and 1 more line)"),
        n => format!("{first} (and {n} more lines)"),
    }
}

/// A learner problem in the panel's words. The domain words its problems for the command line,
/// beginning with the flag they concern (`--has: unknown condition ...`, `--from 'x' is not
/// ...`); here that flag becomes a plain word (`holds: unknown condition ...`).
pub fn plain_error(text: &str) -> String {
    const FLAGS: [(&str, &str); 4] = [
        ("--has", "holds"),
        ("--from", "start"),
        ("--avoid", "avoid"),
        ("--to", "goal"),
    ];
    for (flag, word) in FLAGS {
        if let Some(rest) = text.strip_prefix(flag)
            && rest.starts_with([' ', ':'])
        {
            return format!("{word}{rest}");
        }
    }
    text.to_string()
}

impl App {
    /// Whether a learner is set: her levels or scores, or the stage she is at, are given.
    pub fn learner_is_set(&self) -> bool {
        let l = &self.learner;
        !l.levels.is_empty() || !l.scores.is_empty() || l.at.is_some()
    }

    /// Whether the learner may start at `node`, and why not; `None` while no learner is set or
    /// she cannot be resolved.
    pub fn learner_can_start(&self, node: NodeIndex) -> Option<Result<(), String>> {
        let profile = self.profile.as_ref().ok().filter(|_| self.learner_is_set())?;
        Some(profile.can_start(&self.pathways, node))
    }

    /// The route question from the learner, by `measure`, or what to do first.
    /// The learner panel's limits as the route engine takes them: the route finder keeps to them
    /// whatever start it tries (her stages to avoid once they resolve).
    pub fn panel_limits(&self) -> Constraints {
        let l = &self.learner.limits;
        Constraints {
            avoid: self
                .profile
                .as_ref()
                .map_or_else(|_| Vec::new(), |p| p.avoid.clone()),
            max_weeks: l.max_weeks,
            max_cost: l.max_cost,
            integrated_only: l.integrated_only,
            earn: l.earn,
            paid_within: l.paid_within,
            ..Constraints::default()
        }
    }

    pub fn learner_query(&self, measure: Measure) -> Result<Query, String> {
        if !self.learner_is_set() {
            return Err("No learner is set: L opens the learner panel to give her levels or scores.".into());
        }
        match &self.profile {
            Ok(profile) => Ok(profile.query(&self.learner, measure)),
            Err(why) => Err(format!("The learner cannot be used: {why}")),
        }
    }

    /// The learner in a few words (her name, levels, holds), while one is set.
    pub fn learner_words(&self) -> Option<String> {
        if !self.learner_is_set() {
            return None;
        }
        let mut words = self.learner.name.clone().unwrap_or_default();
        match &self.profile {
            Ok(profile) => {
                let start = profile.at.map_or_else(
                    || profile.levels.to_string(),
                    |n| format!("at {}", self.pathways.stage(n).title),
                );
                words = if words.is_empty() {
                    start
                } else {
                    format!("{words}, {start}")
                };
                let holds = self.pathways.conditions().ids(&profile.holds);
                if !holds.is_empty() {
                    words.push_str(&format!("; holds {}", holds.join(", ")));
                }
            }
            Err(_) => words.push_str(" (not usable: see the learner panel)"),
        }
        Some(words.trim().to_string())
    }

    /// Replaces the learner and resolves her again; the route finder follows, forgetting any
    /// routes found from her before the change.
    pub fn set_learner(&mut self, learner: Learner) {
        self.profile = learner
            .profile(&self.pathways, &self.benchmarks)
            .map_err(|e| plain_error(&e.0));
        let changed = learner != self.learner;
        // Her area, when she names one that resolves, is where wages are shown.
        if let Some(area) = learner
            .area
            .as_deref()
            .and_then(|a| crate::domain::wages::layer().resolve(a).ok())
        {
            self.area = area;
        }
        self.learner = learner;
        self.learner_starts = self
            .pathways
            .on_ramps()
            .filter(|&n| self.learner_can_start(n).is_some_and(|r| r.is_ok()))
            .count();
        // The stage she is at is where she starts, on-ramp or not.
        if let Ok(Some(at)) = self.profile.as_ref().map(|p| p.at)
            && !self.pathways.stage(at).is_on_ramp()
        {
            self.learner_starts += 1;
        }
        let words = self.learner_words();
        if let Some(routes) = self.routes.as_mut() {
            if changed {
                routes.learner_changed(words);
            } else {
                routes.set_learner(words);
            }
        }
        if let Screen::Learner(panel) = &mut self.screen {
            let last = items(&self.learner, &self.pathways).len() - 1;
            panel.cursor = panel.cursor.min(last);
        }
    }

    pub(crate) fn edit_learner(&mut self, edit: impl FnOnce(&mut Learner)) {
        let mut learner = self.learner.clone();
        edit(&mut learner);
        self.set_learner(learner);
    }

    pub(crate) fn open_learner(&mut self) {
        self.open(Screen::Learner(LearnerPanel { cursor: 0 }));
    }

    pub(crate) fn ask(&mut self, ask: Ask, text: String) {
        self.prompt = Some(Prompt {
            kind: PromptKind::Learner(ask),
            text,
            error: None,
        });
    }

    /// The file name the save and load questions start from.
    pub(crate) fn learner_file_text(&self) -> String {
        self.learner_file
            .as_ref()
            .map_or_else(|| "learner.json".to_string(), |p| p.display().to_string())
    }
}

/// The learner panel's keys: the panel moves its own cursor, and asks the explorer for the
/// rest (a changed learner, a question, a line to say).
pub fn update(panel: &mut LearnerPanel, action: Action, app: &App) -> Effect {
    let rows = items(&app.learner, &app.pathways);
    let last = rows.len() - 1;
    let item = rows[panel.cursor.min(last)];
    match action {
        Action::Close => Effect::Close,
        Action::Help | Action::Routes => Effect::Pass(action),
        _ if cursor::is_move(action) => {
            let page = draw::page(app.height);
            panel.cursor = cursor::moved(action, panel.cursor, last + 1, page).unwrap_or(0);
            Effect::Stay
        }
        Action::Save => question(Ask::Save, app.learner_file_text()),
        Action::Load => question(Ask::Load, app.learner_file_text()),
        Action::Remove => match item {
            Item::From(i) => removed(&app.learner, i).map_or(Effect::Stay, edited),
            _ => Effect::Say(REMOVE_WHAT.into()),
        },
        Action::Toggle | Action::Activate => activate(app, item, action == Action::Toggle),
        _ => Effect::Stay,
    }
}

const REMOVE_WHAT: &str = "x removes the level, score or stage she starts from: move to one first.";
const TICK_WHAT: &str = "Space ticks a condition she holds or a limit: move to one first.";

/// A learner question, its answer started with `text`.
fn question(ask: Ask, text: String) -> Effect {
    Effect::Question(Prompt {
        kind: PromptKind::Learner(ask),
        text,
        error: None,
    })
}

fn edited(learner: Learner) -> Effect {
    Effect::Learner(Box::new(learner))
}

/// The learner with `edit` made.
fn with(learner: &Learner, edit: impl FnOnce(&mut Learner)) -> Learner {
    let mut learner = learner.clone();
    edit(&mut learner);
    learner
}

/// Enter (or Space, `toggle`) on a row: tick it, or ask for its text.
fn activate(app: &App, item: Item, toggle: bool) -> Effect {
    let learner = &app.learner;
    match item {
        Item::Hold(c) => {
            let id = app.pathways.conditions().get(c).id.clone();
            edited(with(learner, |l| {
                if l.holds.contains(&id) {
                    l.holds.retain(|h| *h != id);
                } else {
                    l.holds.push(id);
                }
            }))
        }
        Item::Earn => edited(with(learner, |l| l.limits.earn = !l.limits.earn)),
        Item::IntegratedOnly => edited(with(learner, |l| {
            l.limits.integrated_only = !l.limits.integrated_only
        })),
        _ if toggle => Effect::Say(TICK_WHAT.into()),
        Item::Name => question(Ask::Name, learner.name.clone().unwrap_or_default()),
        Item::AddFrom | Item::From(_) => question(Ask::From, String::new()),
        Item::MaxWeeks => question(Ask::MaxWeeks, limit_text(learner.limits.max_weeks)),
        Item::MaxCost => question(Ask::MaxCost, limit_text(learner.limits.max_cost)),
        Item::PaidWithin => question(Ask::PaidWithin, limit_text(learner.limits.paid_within)),
        Item::Save => question(Ask::Save, app.learner_file_text()),
        Item::Load => question(Ask::Load, app.learner_file_text()),
    }
}

/// The learner without her `i`th start, if she has one.
fn removed(learner: &Learner, i: usize) -> Option<Learner> {
    let entry = entries(learner).get(i).copied()?;
    Some(with(learner, |l| match entry {
        Entry::Level(j) => {
            l.levels.remove(j);
        }
        Entry::Score(j) => {
            l.scores.remove(j);
        }
        Entry::At => l.at = None,
    }))
}

impl App {
    /// Enter on a learner question (or y/n on "replace it?").
    pub(crate) fn answer_learner(&mut self, ask: Ask, action: Action) {
        let text = self.prompt.as_ref().map(|p| p.text.clone()).unwrap_or_default();
        let answer = match (ask, action) {
            (Ask::Replace(path), Action::Yes) => {
                self.prompt = None;
                self.save_learner(&path, true);
                return;
            }
            // The question answers the rest of "replace it?" itself (`prompt::update`).
            (Ask::Replace(_), _) | (_, Action::Input(_) | Action::Erase | Action::EraseAll) => return,
            (Ask::Name, _) => {
                let name = text.trim().to_string();
                self.edit_learner(|l| l.name = (!name.is_empty()).then_some(name));
                Ok(())
            }
            (Ask::From, _) => self.add_from(&text),
            (Ask::MaxWeeks, _) => {
                read_limit(&text, "weeks").map(|n| self.edit_learner(|l| l.limits.max_weeks = n))
            }
            (Ask::MaxCost, _) => {
                read_limit(&text, "dollars").map(|n| self.edit_learner(|l| l.limits.max_cost = n))
            }
            (Ask::PaidWithin, _) => {
                read_limit(&text, "weeks").map(|n| self.edit_learner(|l| l.limits.paid_within = n))
            }
            (Ask::Save, _) => match self.file_from(&text) {
                Ok(path) => {
                    // Saving may ask again: whether to replace the file, or for another path.
                    self.prompt = None;
                    self.save_learner(&path, false);
                    return;
                }
                Err(why) => Err(why),
            },
            (Ask::Load, _) => self.file_from(&text).and_then(|path| self.load_learner(&path)),
        };
        match answer {
            Ok(()) => self.prompt = None,
            Err(why) => {
                if let Some(prompt) = self.prompt.as_mut() {
                    prompt.error = Some(why);
                }
            }
        }
    }

    pub(crate) fn file_from(&self, text: &str) -> Result<PathBuf, String> {
        if text.trim().is_empty() {
            return Err("Type a file name.".into());
        }
        let home = std::env::var_os("HOME").map(PathBuf::from);
        Ok(expand_home(text, home.as_deref()))
    }

    /// Adds a typed level, score or stage; a text that reads as none of them is refused.
    pub(crate) fn add_from(&mut self, text: &str) -> Result<(), String> {
        let value = read_from(&self.pathways, &self.benchmarks, text).map_err(|e| plain_error(&e.0))?;
        let mut learner = self.learner.clone();
        learner
            .add_from(&self.pathways, value)
            .map_err(|e| plain_error(&e.0))?;
        self.set_learner(learner);
        Ok(())
    }

    /// Saves the learner; an existing file is replaced only after the user says so.
    pub(crate) fn save_learner(&mut self, path: &Path, replace: bool) {
        match self.learner.save(path, replace) {
            Ok(()) => {
                self.learner_file = Some(path.to_path_buf());
                self.learner_kept = self.learner.clone();
                let shown = std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path));
                self.message = Some(format!("Learner saved to {}", shown.display()));
            }
            Err(_) if !replace && path.exists() => {
                self.ask(Ask::Replace(path.to_path_buf()), String::new());
            }
            Err(why) => {
                // Ask again, with the path still there to correct.
                self.ask(Ask::Save, path.display().to_string());
                if let Some(prompt) = self.prompt.as_mut() {
                    prompt.error = Some(one_line(&why));
                }
            }
        }
    }

    pub(crate) fn load_learner(&mut self, path: &Path) -> Result<(), String> {
        let name = path.display().to_string();
        // A file she cannot be resolved from (an unknown hold, stage or score) is refused whole:
        // loading it would hide the bad entry and saving would write it back.
        let learner = Learner::load(path, &self.pathways, &self.benchmarks).map_err(|e| one_line(&e))?;
        learner
            .profile(&self.pathways, &self.benchmarks)
            .map_err(|e| format!("{name}: {}", one_line(&plain_error(&e.0))))?;
        self.learner_file = Some(path.to_path_buf());
        self.set_learner(learner);
        self.learner_kept = self.learner.clone();
        self.message = Some(format!("Learner loaded from {name}"));
        Ok(())
    }
}

/// The learner panel's keys.
pub const BINDINGS: &[&[Binding]] = &[
    keys::CLOSING,
    keys::LIST_MOVES,
    &[
        Binding {
            keys: &[key(KeyCode::Enter)],
            action: Action::Activate,
            label: "Enter",
            hint: "edit",
            help: "Type the selected field (name, a level or score, a limit), tick it, or save or load",
        },
        keys::ROUTES,
        Binding {
            keys: &[ch(' ')],
            action: Action::Toggle,
            label: "Space",
            hint: "tick",
            help: "Tick or untick the selected hold or limit",
        },
        Binding {
            keys: &[ch('x'), key(KeyCode::Delete)],
            action: Action::Remove,
            label: "x/Del",
            hint: "remove",
            help: "Remove the selected level or score",
        },
        Binding {
            keys: &[ch('s')],
            action: Action::Save,
            label: "s",
            hint: "save",
            help: "Save the learner to a file (asks before replacing one)",
        },
        Binding {
            keys: &[ch('o')],
            action: Action::Load,
            label: "o",
            hint: "load",
            help: "Load a learner from a file",
        },
        keys::HELP,
    ],
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    pub(crate) fn home_is_expanded_only_at_the_start() {
        let home = Path::new("/home/ana");
        assert_eq!(
            expand_home("~/a.json", Some(home)),
            PathBuf::from("/home/ana/a.json")
        );
        assert_eq!(expand_home("~", Some(home)), PathBuf::from("/home/ana"));
        assert_eq!(
            expand_home("~bob/a.json", Some(home)),
            PathBuf::from("~bob/a.json")
        );
        assert_eq!(expand_home("a/~/b", Some(home)), PathBuf::from("a/~/b"));
        assert_eq!(expand_home("~/a.json", None), PathBuf::from("~/a.json"));
    }

    #[test]
    pub(crate) fn limits_are_numbers_or_nothing() {
        assert_eq!(read_limit(" 52 ", "weeks"), Ok(Some(52.0)));
        assert_eq!(read_limit("", "weeks"), Ok(None));
        assert!(read_limit("-1", "weeks").is_err());
        assert!(read_limit("lots", "weeks").is_err());
        assert!(read_limit("inf", "weeks").is_err());
    }

    #[test]
    pub(crate) fn flags_become_plain_words() {
        assert_eq!(
            plain_error("--has: unknown condition 'hsee'"),
            "holds: unknown condition 'hsee'"
        );
        assert_eq!(
            plain_error("--from 'x' is not a skill level"),
            "start 'x' is not a skill level"
        );
        assert_eq!(plain_error("--to 'x': no stage"), "goal 'x': no stage");
        assert_eq!(plain_error("--avoid 'x': no stage"), "avoid 'x': no stage");
        assert_eq!(plain_error("--tokens"), "--tokens");
        assert_eq!(plain_error("contradictory levels"), "contradictory levels");
    }

    #[test]
    pub(crate) fn many_lines_become_one() {
        assert_eq!(one_line("a\nb\nc"), "a (and 2 more lines)");
        assert_eq!(one_line("a"), "a");
    }
}
