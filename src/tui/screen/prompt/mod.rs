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

/// What a key on a question asks of the explorer. The question edits its own text and refuses
/// what it can tell is wrong by itself; the `App` carries out the rest (it holds the files,
/// the route finder and the learner).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Nothing more: the text changed, or the answer was refused (the question says why).
    Stay,
    /// The question put away unanswered.
    Close,
    /// Quit the explorer.
    Quit,
    /// The plan's next language.
    NextLang,
    /// The route finder's start placed from this score.
    Score(String),
    /// The plan written to this file.
    WritePlan(PathBuf, Existing),
    /// The learner panel's question answered with this key.
    Learner(Ask, Action),
}

/// Applies `action` to the question asked. `home` expands a leading `~/` in file names.
pub fn update(prompt: &mut Prompt, action: Action, home: Option<&Path>) -> Answer {
    match (&prompt.kind, action) {
        (_, Action::Close) => Answer::Close,
        (PromptKind::Leave, Action::Yes) => Answer::Quit,
        (PromptKind::Leave, _) => Answer::Stay,
        (PromptKind::Learner(ask @ Ask::Replace(_)), Action::Yes) => {
            Answer::Learner(ask.clone(), Action::Yes)
        }
        (PromptKind::Overwrite(path), Action::Yes) => Answer::WritePlan(path.clone(), Existing::Replace),
        // Back to the file name, so the next Enter cannot act on the screen beneath.
        (PromptKind::Overwrite(path), Action::No) => keep(prompt, PromptKind::PlanFile, &path.clone()),
        (PromptKind::Learner(Ask::Replace(path)), Action::No) => {
            keep(prompt, PromptKind::Learner(Ask::Save), &path.clone())
        }
        (PromptKind::Overwrite(_) | PromptKind::Learner(Ask::Replace(_)), Action::Activate) => {
            refuse(prompt, CHOOSE_Y_OR_N)
        }
        (PromptKind::Overwrite(_) | PromptKind::Learner(Ask::Replace(_)), _) => Answer::Stay,
        (PromptKind::PlanFile, Action::Cycle) => Answer::NextLang,
        (_, Action::Input(c)) => edit(prompt, |text| text.push(c)),
        (_, Action::Erase) => edit(prompt, |text| {
            text.pop();
        }),
        (_, Action::EraseAll) => edit(prompt, String::clear),
        (PromptKind::Score, Action::Activate) => Answer::Score(prompt.text.clone()),
        (PromptKind::Learner(ask), Action::Activate) => Answer::Learner(ask.clone(), action),
        (PromptKind::PlanFile, Action::Activate) => {
            // `~/` for the home folder, as in the learner's prompts.
            let path = crate::tui::screen::learner::expand_home(&prompt.text, home);
            if path.as_os_str().is_empty() {
                return refuse(prompt, "Type a file name.");
            }
            if path.extension().is_some() && Format::of_path(&path).is_none() {
                return refuse(
                    prompt,
                    "Plans are .html, .md or .txt; for a PDF, print the HTML from a browser.",
                );
            }
            Answer::WritePlan(path, Existing::Keep)
        }
        _ => Answer::Stay,
    }
}

/// The typed text changed: the last refusal no longer applies.
fn edit(prompt: &mut Prompt, change: impl FnOnce(&mut String)) -> Answer {
    change(&mut prompt.text);
    prompt.error = None;
    Answer::Stay
}

/// "n" to "replace it?": the file is kept and the question goes back to its name (`kind`).
fn keep(prompt: &mut Prompt, kind: PromptKind, path: &Path) -> Answer {
    *prompt = Prompt {
        kind,
        text: path.display().to_string(),
        error: Some(kept_words(path)),
    };
    Answer::Stay
}

fn refuse(prompt: &mut Prompt, why: &str) -> Answer {
    prompt.error = Some(why.into());
    Answer::Stay
}

impl App {
    /// Handles keys while a question is asked: the question's answer, carried out.
    pub(crate) fn answer(&mut self, action: Action) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        let home = std::env::var_os("HOME").map(PathBuf::from);
        match update(prompt, action, home.as_deref()) {
            Answer::Stay => {}
            Answer::Close => self.prompt = None,
            Answer::Quit => self.quit = true,
            Answer::NextLang => {
                let i = Lang::ALL.iter().position(|&l| l == self.plan_lang).unwrap_or(0);
                self.plan_lang = Lang::ALL[(i + 1) % Lang::ALL.len()];
            }
            Answer::Score(text) => match self.routes.as_mut().map(|r| r.place(&self.benchmarks, &text)) {
                Some(Err(why)) => {
                    if let Some(prompt) = self.prompt.as_mut() {
                        prompt.error = Some(why);
                    }
                }
                _ => self.prompt = None,
            },
            Answer::WritePlan(path, existing) => {
                self.prompt = None;
                self.write_plan(&path, existing);
            }
            Answer::Learner(ask, action) => self.answer_learner(ask, action),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(kind: PromptKind, text: &str) -> Prompt {
        Prompt {
            kind,
            text: text.into(),
            error: None,
        }
    }

    /// The question edits its own text and refuses what it can tell is wrong; what needs the
    /// files, the finder or the learner it hands on as an `Answer`.
    #[test]
    fn a_question_edits_itself_and_hands_on_the_rest() {
        let mut plan = asked(PromptKind::PlanFile, "");
        assert_eq!(update(&mut plan, Action::Activate, None), Answer::Stay);
        assert_eq!(plan.error.as_deref(), Some("Type a file name."));
        for c in "~/plan.pdf".chars() {
            update(&mut plan, Action::Input(c), None);
        }
        assert_eq!(plan.error, None, "typing clears the refusal");
        assert_eq!(update(&mut plan, Action::Activate, None), Answer::Stay);
        assert!(plan.error.as_deref().is_some_and(|e| e.contains(".html")));
        for _ in 0..3 {
            update(&mut plan, Action::Erase, None);
        }
        for c in "md".chars() {
            update(&mut plan, Action::Input(c), None);
        }
        assert_eq!(
            update(&mut plan, Action::Activate, Some(Path::new("/home/ana"))),
            Answer::WritePlan(PathBuf::from("/home/ana/plan.md"), Existing::Keep)
        );
        assert_eq!(update(&mut plan, Action::Cycle, None), Answer::NextLang);

        // "n" to "replace it?" goes back to the name, so Enter cannot walk the route beneath.
        let path = PathBuf::from("plan.md");
        let mut replace = asked(PromptKind::Overwrite(path.clone()), "");
        assert_eq!(update(&mut replace, Action::Input('x'), None), Answer::Stay);
        assert_eq!(replace.text, "", "a yes-or-no question takes no text");
        assert_eq!(update(&mut replace, Action::Activate, None), Answer::Stay);
        assert_eq!(replace.error.as_deref(), Some(CHOOSE_Y_OR_N));
        assert_eq!(update(&mut replace, Action::No, None), Answer::Stay);
        assert_eq!(
            (replace.kind.clone(), replace.text.as_str()),
            (PromptKind::PlanFile, "plan.md")
        );
        let mut replace = asked(PromptKind::Overwrite(path.clone()), "");
        assert_eq!(
            update(&mut replace, Action::Yes, None),
            Answer::WritePlan(path, Existing::Replace)
        );

        let mut score = asked(PromptKind::Score, "casas-esl reading 19");
        update(&mut score, Action::Input('5'), None);
        assert_eq!(
            update(&mut score, Action::Activate, None),
            Answer::Score("casas-esl reading 195".into())
        );
        update(&mut score, Action::EraseAll, None);
        assert_eq!(score.text, "");

        let mut leave = asked(PromptKind::Leave, "");
        assert_eq!(update(&mut leave, Action::Input('z'), None), Answer::Stay);
        assert_eq!(update(&mut leave, Action::Yes, None), Answer::Quit);
        assert_eq!(update(&mut leave, Action::Close, None), Answer::Close);

        let learner = PathBuf::from("ana.json");
        let mut replace = asked(PromptKind::Learner(Ask::Replace(learner.clone())), "");
        assert_eq!(update(&mut replace, Action::No, None), Answer::Stay);
        assert_eq!(
            (replace.kind.clone(), replace.text.as_str()),
            (PromptKind::Learner(Ask::Save), "ana.json")
        );
        let mut replace = asked(PromptKind::Learner(Ask::Replace(learner.clone())), "");
        assert_eq!(
            update(&mut replace, Action::Yes, None),
            Answer::Learner(Ask::Replace(learner), Action::Yes)
        );

        let mut name = asked(PromptKind::Learner(Ask::Name), "Ana");
        assert_eq!(
            update(&mut name, Action::Activate, None),
            Answer::Learner(Ask::Name, Action::Activate)
        );
    }
}
