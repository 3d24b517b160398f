//! A one-line question over the current screen: a score, a file name, a confirmation.

pub mod draw;

use crate::tui::app::App;
use crate::tui::keys::{self, Action, Binding, ch, key};
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};

use crate::atomic::{self, Existing};
use crate::domain::plan::{self, Format, Lang, PlanInput};
use crate::domain::route;
use crate::tui::screen::learner::Ask;
use crate::tui::screen::routes::StartChoice;

/// What a one-line question asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// A test score for the route finder's start.
    Score,
    /// The file to write the selected route's plan to.
    PlanFile,
    /// Whether to replace an existing plan file.
    Overwrite(PathBuf),
    /// A question of the learner panel.
    Learner(Ask),
    /// Whether to quit with the learner's changes not saved.
    Leave,
}

/// A one-line question over the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub text: String,
    /// Why the last answer was refused.
    pub error: Option<String>,
}

impl Prompt {
    pub fn question(&self, lang: Lang) -> String {
        match &self.kind {
            PromptKind::Score => "Test score (TEST SUBJECT SCORE, e.g. casas-esl reading 195):".into(),
            PromptKind::PlanFile => {
                let other = Lang::ALL.iter().find(|&&l| l != lang).copied().unwrap_or(lang);
                format!(
                    "Plan in {} (Tab: {}), to .html, .md or .txt:",
                    lang.name(),
                    other.name()
                )
            }
            PromptKind::Overwrite(path) => replace_question(path),
            PromptKind::Learner(ask) => ask.question(),
            PromptKind::Leave => "The learner has changes not saved to a file. Quit anyway? (y/n)".into(),
        }
    }
}

/// "PATH exists. Replace it? (y/n)": asked before any file is replaced.
pub fn replace_question(path: &Path) -> String {
    format!("{} exists. Replace it? (y/n)", path.display())
}

/// What Enter says on a yes-or-no question.
pub const CHOOSE_Y_OR_N: &str = "Press y to replace it or n to keep it: the keys are below.";

/// After "n" to "replace it?": the file is kept, and the name can be changed.
pub fn kept_words(path: &Path) -> String {
    format!("Kept {}: type another name, or Esc to stop.", path.display())
}

impl Prompt {
    /// Whether this is a yes-or-no question, answered by a key rather than typed.
    pub fn is_choice(&self) -> bool {
        matches!(
            self.kind,
            PromptKind::Overwrite(_)
                | PromptKind::Leave
                | PromptKind::Learner(crate::tui::screen::learner::Ask::Replace(_))
        )
    }
}

impl App {
    /// Handles keys while a question is asked.
    pub(crate) fn answer(&mut self, action: Action) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        match (&prompt.kind, action) {
            (_, Action::Close) => self.prompt = None,
            (PromptKind::Leave, Action::Yes) => self.quit = true,
            (PromptKind::Leave, _) => {}
            (PromptKind::Learner(ask @ Ask::Replace(_)), action) => {
                let ask = ask.clone();
                self.answer_learner(ask, action);
            }
            (PromptKind::Overwrite(path), Action::Yes) => {
                let path = path.clone();
                self.prompt = None;
                self.write_plan(&path, Existing::Replace);
            }
            (PromptKind::Overwrite(path), Action::No) => {
                // Back to the file name, so the next Enter cannot walk the route beneath.
                let error = Some(kept_words(path));
                self.prompt = Some(Prompt {
                    kind: PromptKind::PlanFile,
                    text: path.display().to_string(),
                    error,
                });
            }
            (PromptKind::Overwrite(_), Action::Activate) => prompt.error = Some(CHOOSE_Y_OR_N.into()),
            (PromptKind::Overwrite(_), _) => {}
            (PromptKind::PlanFile, Action::Cycle) => {
                let i = Lang::ALL.iter().position(|&l| l == self.plan_lang).unwrap_or(0);
                self.plan_lang = Lang::ALL[(i + 1) % Lang::ALL.len()];
            }
            (_, Action::Input(c)) => {
                prompt.text.push(c);
                prompt.error = None;
            }
            (_, Action::Erase) => {
                prompt.text.pop();
                prompt.error = None;
            }
            (_, Action::EraseAll) => {
                prompt.text.clear();
                prompt.error = None;
            }
            (PromptKind::Score, Action::Activate) => {
                let text = prompt.text.clone();
                let placed = self.routes.as_mut().map(|r| r.place(&self.benchmarks, &text));
                match placed {
                    Some(Err(why)) => {
                        if let Some(prompt) = self.prompt.as_mut() {
                            prompt.error = Some(why);
                        }
                    }
                    _ => self.prompt = None,
                }
            }
            (PromptKind::Learner(ask), Action::Activate) => {
                let ask = ask.clone();
                self.answer_learner(ask, action);
            }
            (PromptKind::PlanFile, Action::Activate) => {
                // `~/` for the home folder, as in the learner's prompts.
                let home = std::env::var_os("HOME").map(PathBuf::from);
                let path = crate::tui::screen::learner::expand_home(&prompt.text, home.as_deref());
                if path.as_os_str().is_empty() {
                    prompt.error = Some("Type a file name.".into());
                    return;
                }
                if path.extension().is_some() && Format::of_path(&path).is_none() {
                    prompt.error = Some(
                        "Plans are .html, .md or .txt; for a PDF, print the HTML from a browser.".into(),
                    );
                    return;
                }
                self.prompt = None;
                self.write_plan(&path, Existing::Keep);
            }
            _ => {}
        }
    }

    /// Writes the selected route's plan, atomically; asks before replacing a file. The format
    /// comes from the file's extension (HTML when it names none), the language from the prompt.
    pub(crate) fn write_plan(&mut self, path: &Path, existing: Existing) {
        let Some(text) = self.plan_text(Format::of_path(path).unwrap_or(Format::Html)) else {
            return;
        };
        match atomic::write_private(path, text.as_bytes(), existing) {
            Ok(()) => {
                let shown = std::env::current_dir().map_or_else(|_| path.to_path_buf(), |d| d.join(path));
                self.message = Some(format!("Plan written to {}", shown.display()));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                self.prompt = Some(Prompt {
                    kind: PromptKind::Overwrite(path.to_path_buf()),
                    text: String::new(),
                    error: None,
                });
            }
            Err(e) => self.message = Some(atomic::reason(path, &e)),
        }
    }

    /// The selected route's plan, as the command line's `pathways plan` writes it for the same
    /// learner, route, area and language.
    pub fn plan_text(&self, format: Format) -> Option<String> {
        let (route, state) = (self.selected_route()?, self.routes.as_ref()?);
        let profile = self.profile.as_ref().ok().filter(|_| self.learner_is_set());
        let start = state.start_point(&self.benchmarks, profile)?;
        let query = state
            .query(self.learner_query(state.measure), &self.panel_limits())
            .ok()?;
        let learner = state.start == StartChoice::Learner;
        let others = route::best_routes(&self.pathways, &query, route.target(), 2)
            .routes
            .iter()
            .any(|r| r != route);
        let input = PlanInput {
            others,
            name: learner.then(|| self.learner.name.clone()).flatten(),
            start,
            route,
            to_meet: Vec::new(),
            integration: Some(route::integration(&self.pathways, &query, route)),
            date: plan::today(),
            area: self.area,
            lang: self.plan_lang,
            limits: query.constraints.clone(),
        };
        Some(plan::render(&self.pathways, &input, format))
    }
}

/// The keys of a typed question (scores, file names, learner fields).
pub const BINDINGS: &[&[Binding]] = &[
    &[
        keys::CLOSE,
        Binding {
            keys: &[key(KeyCode::Enter)],
            action: Action::Activate,
            label: "Enter",
            hint: "confirm",
            help: "Confirm",
        },
        Binding {
            keys: &[key(KeyCode::Tab)],
            action: Action::Cycle,
            label: "Tab",
            // The plan question says so itself; other questions ignore it.
            hint: "",
            help: "In the plan question: switch the plan's language (English, Spanish)",
        },
    ],
    keys::TYPING,
];

/// The keys of a yes-or-no question ("replace it?"), answered by a key rather than typed.
pub const CHOICE: &[&[Binding]] = &[&[
    Binding {
        keys: &[ch('y'), ch('Y')],
        action: Action::Yes,
        label: "y",
        hint: "replace it",
        help: "Replace the file",
    },
    Binding {
        keys: &[ch('n'), ch('N')],
        action: Action::No,
        label: "n",
        hint: "keep it, type another name",
        help: "Keep the file and go back to its name, to type another",
    },
    Binding {
        keys: &[key(KeyCode::Esc)],
        action: Action::Close,
        label: "Esc",
        hint: "keep it and stop",
        help: "Keep the file and write nothing",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::Activate,
        label: "Enter",
        // Not an answer: it says which keys are.
        hint: "",
        help: "Say which keys answer the question",
    },
]];

/// The keys of "Quit without saving the learner?"
pub const LEAVE: &[&[Binding]] = &[&[
    Binding {
        keys: &[ch('y'), ch('Y')],
        action: Action::Yes,
        label: "y",
        hint: "quit",
        help: "Quit; the learner's changes are lost",
    },
    Binding {
        keys: &[ch('n'), ch('N'), key(KeyCode::Esc)],
        action: Action::Close,
        label: "n/Esc",
        hint: "stay (L, then s saves her)",
        help: "Stay in the explorer; the learner panel's s saves her",
    },
]];
