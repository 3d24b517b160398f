//! The `pathways/1` data model: pathways, stages and transitions, as loaded and validated.

use std::fmt;

use serde_json::{Map, Value};

use super::condition::Condition;
use super::level::Entry;

/// What a stage is: where the learner learns, earns while learning, or works.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// ABE, ESL, HSE preparation, bridge classes.
    Education,
    /// Occupational certificates and degrees.
    Training,
    /// Apprenticeship, on-the-job training, internship: earn while learning.
    WorkBased,
    /// A job.
    Employment,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Education, Kind::Training, Kind::WorkBased, Kind::Employment];

    /// The token used in files and JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Education => "education",
            Kind::Training => "training",
            Kind::WorkBased => "work-based",
            Kind::Employment => "employment",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// How the next step relates to the learner's foundational education.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// Taken together with, not after, the foundational education (IET, I-BEST).
    Integrated,
    /// The previous step must be finished first.
    Sequential,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Integrated, Mode::Sequential];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Integrated => "integrated",
            Mode::Sequential => "sequential",
        }
    }

    pub fn parse(text: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A cited source of figures, declared once per pathway file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub year: Option<u16>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    /// Unknown members, kept for export and reported by the audit.
    pub extra: Map<String, Value>,
}

/// One loaded pathway file's metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pathway {
    pub id: String,
    pub title: String,
    pub sector: String,
    pub region: Option<String>,
    pub sources: Vec<Source>,
    /// Conditions this file declares (`hse`, `nac`...).
    pub conditions: Vec<Condition>,
    /// Where it was loaded from, as shown in messages.
    pub file: String,
    /// Why findings about the file's sectors are deliberate (`no-low-on-ramp`), by finding code.
    pub explain: Explain,
    /// Unknown fields of the `pathway` object, kept for export.
    pub extra: Map<String, Value>,
    /// Unknown members of the file's top level (beside `format`, `pathway`, `stages` and
    /// `transitions`), kept for export.
    pub top_extra: Map<String, Value>,
    /// For a file read from CTDL: the component behind each stage and transition, so that
    /// findings name components, not lines of the converted document.
    pub ctdl: Option<std::sync::Arc<crate::domain::load::ctdl::Places>>,
}

/// `explain`: finding code, and why such a finding is deliberate. It marks exactly those findings
/// explained; a `note` explains nothing.
pub type Explain = Vec<(String, String)>;

impl Pathway {
    /// The source of `id`, compared in NFC as ids are.
    pub fn source(&self, id: &str) -> Option<&Source> {
        if is_normal_id(id) {
            self.sources.iter().find(|s| s.id == id)
        } else {
            let id = normal_id(id.to_string());
            self.sources.iter().find(|s| s.id == id)
        }
    }
}

/// The largest figures a file may give, so that no sum of them can overflow and no figure prints
/// as a 300-digit number: 10,000 weeks (about 190 years), $10,000,000, 100,000 clock hours.
pub const MAX_WEEKS: f64 = 10_000.0;
pub const MAX_USD: f64 = 10_000_000.0;
pub const MAX_HOURS: f64 = 100_000.0;

/// The longest id and the longest name (a title, sector or credential), in characters. Findings
/// quote ids and titles, so without a bound one long title in many findings would take gigabytes;
/// the longest shipped title has 92 characters.
pub const MAX_ID_CHARS: usize = 200;

/// The most conditions all files may declare together (each stage's requirements are a bitset
/// over them) and the most sources one file may list (each citation is looked up among them):
/// the shipped data has 9 and at most 37.
pub const MAX_CONDITIONS: usize = 1_000;
pub const MAX_SOURCES: usize = 500;
pub const MAX_NAME_CHARS: usize = 300;

/// Whether `text` has at most `max` characters (counting bytes first, which is enough for most).
pub fn within_chars(text: &str, max: usize) -> bool {
    text.len() <= max || text.chars().count() <= max
}

/// A median annual wage with its year and source (an id in the pathway's `sources`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Wage {
    pub median_annual_usd: f64,
    pub year: u16,
    pub source: String,
    /// Unknown members, kept for export and reported by the audit (boxed: rarely given, and every
    /// job carries a wage).
    pub extra: Option<Box<Map<String, Value>>>,
}

/// A step on the ladder: a class, a program, an apprenticeship or a job. The rarely given
/// fields live in `details`, boxed only when one of them is, which keeps 100,000 stages small.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub id: String,
    pub title: String,
    pub kind: Kind,
    /// The rung, 0..=9.
    pub level: u8,
    /// Skill levels that may start here; non-empty makes the stage an on-ramp.
    pub entry: Vec<Entry>,
    pub credential: Option<String>,
    pub weeks: Option<f64>,
    pub cost_usd: Option<f64>,
    pub wage: Option<Wage>,
    pub soc: Option<String>,
    /// Source ids backing the stage's figures.
    pub sources: Vec<String>,
    /// Index of the pathway file that defines the stage.
    pub pathway: usize,
    /// Index of the stage in its file's `stages`, to say where findings about it are.
    pub at: u32,
    /// Description, services, tags, note and unknown fields; `None` when none is given.
    pub details: Option<Box<StageDetails>>,
}

/// A stage's less common fields.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StageDetails {
    pub description: Option<String>,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    /// Condition ids needed to enter the stage.
    pub requires: Vec<String>,
    /// Condition ids held after completing it.
    pub awards: Vec<String>,
    /// Shortest and longest time in weeks, shown beside the typical `weeks`.
    pub weeks_range: Option<(f64, f64)>,
    /// Clock hours of instruction or on-the-job learning: shown, never summed.
    pub hours: Option<f64>,
    /// Where a learner asks: the program's page and its contact.
    pub url: Option<String>,
    pub contact: Option<String>,
    /// Why some findings about the stage are deliberate.
    pub explain: Explain,
    /// Unknown fields, kept for export.
    pub extra: Map<String, Value>,
}

impl StageDetails {
    /// Boxed, or `None` when every field is empty.
    pub fn boxed(self) -> Option<Box<StageDetails>> {
        let empty = self.description.is_none()
            && self.services.is_empty()
            && self.tags.is_empty()
            && self.note.is_none()
            && self.requires.is_empty()
            && self.awards.is_empty()
            && self.weeks_range.is_none()
            && self.hours.is_none()
            && self.url.is_none()
            && self.contact.is_none()
            && self.explain.is_empty()
            && self.extra.is_empty();
        (!empty).then(|| Box::new(self))
    }
}

impl Stage {
    pub fn is_on_ramp(&self) -> bool {
        !self.entry.is_empty()
    }

    pub fn is_employment(&self) -> bool {
        self.kind == Kind::Employment
    }

    pub fn description(&self) -> Option<&str> {
        self.details.as_ref()?.description.as_deref()
    }

    /// Support services offered with the stage (child care, tutoring...).
    pub fn services(&self) -> &[String] {
        self.details.as_ref().map_or(&[], |d| &d.services)
    }

    pub fn tags(&self) -> &[String] {
        self.details.as_ref().map_or(&[], |d| &d.tags)
    }

    pub fn note(&self) -> Option<&str> {
        self.details.as_ref()?.note.as_deref()
    }

    /// Why some findings about the stage are deliberate.
    pub fn explain(&self) -> &[(String, String)] {
        self.details.as_ref().map_or(&[], |d| d.explain.as_slice())
    }

    /// Unknown fields, kept for export; `None` when there are none.
    pub fn extra(&self) -> Option<&Map<String, Value>> {
        self.details.as_ref().map(|d| &d.extra).filter(|m| !m.is_empty())
    }

    /// The title in a language (`names`: `{"es": "..."}`), when the data gives one.
    pub fn name_in(&self, lang: &str) -> Option<&str> {
        self.details
            .as_ref()?
            .extra
            .get("names")?
            .get(lang)?
            .as_str()
            .map(str::trim)
            .filter(|t| !t.is_empty())
    }

    /// Condition ids needed to enter the stage, as written.
    pub fn requires(&self) -> &[String] {
        self.details.as_ref().map_or(&[], |d| &d.requires)
    }

    /// Condition ids held after completing the stage, as written.
    pub fn awards(&self) -> &[String] {
        self.details.as_ref().map_or(&[], |d| &d.awards)
    }

    /// `(shortest, longest)` weeks: the stated range, else the typical figure twice.
    pub fn weeks_span(&self) -> Option<(f64, f64)> {
        self.details
            .as_ref()
            .and_then(|d| d.weeks_range)
            .or(self.weeks.map(|w| (w, w)))
    }

    /// The stated range alone, without falling back to the typical figure.
    pub fn weeks_range(&self) -> Option<(f64, f64)> {
        self.details.as_ref()?.weeks_range
    }

    pub fn hours(&self) -> Option<f64> {
        self.details.as_ref()?.hours
    }

    pub fn url(&self) -> Option<&str> {
        self.details.as_ref()?.url.as_deref()
    }

    pub fn contact(&self) -> Option<&str> {
        self.details.as_ref()?.contact.as_deref()
    }
}

/// A move from one stage to the next. Kept small (300,000 of them in a statewide graph): the
/// rarely given fields live in a box that is only there when one of them is.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    pub mode: Mode,
    pub weeks: Option<f64>,
    pub cost_usd: Option<f64>,
    /// Index of the pathway file that declares the transition.
    pub pathway: usize,
    /// Index of the transition in its file's `transitions`.
    pub at: u32,
    details: Option<Box<TransitionDetails>>,
}

/// A transition's note, sources and unknown fields.
#[derive(Debug, Clone, PartialEq, Default)]
struct TransitionDetails {
    note: Option<String>,
    sources: Vec<String>,
    explain: Explain,
    extra: Map<String, Value>,
}

impl Transition {
    /// A transition with no note, sources or unknown fields (add them with `with_details`).
    pub fn new(mode: Mode, weeks: Option<f64>, cost_usd: Option<f64>) -> Transition {
        Transition {
            mode,
            weeks,
            cost_usd,
            pathway: 0,
            at: 0,
            details: None,
        }
    }

    /// The same transition with its note, sources and unknown fields (kept for export).
    pub fn with_details(
        mut self,
        note: Option<String>,
        sources: Vec<String>,
        extra: Map<String, Value>,
    ) -> Transition {
        self.details = (note.is_some() || !sources.is_empty() || !extra.is_empty()).then(|| {
            Box::new(TransitionDetails {
                note,
                sources,
                explain: Explain::new(),
                extra,
            })
        });
        self
    }

    /// The transition with `explain` (see `Explain`).
    pub fn with_explain(mut self, explain: Explain) -> Transition {
        if !explain.is_empty() {
            self.details.get_or_insert_default().explain = explain;
        }
        self
    }

    /// Why some findings about the transition are deliberate.
    pub fn explain(&self) -> &[(String, String)] {
        self.details.as_ref().map_or(&[], |d| d.explain.as_slice())
    }

    pub fn note(&self) -> Option<&str> {
        self.details.as_ref()?.note.as_deref()
    }

    /// Source ids backing the transition's figures.
    pub fn sources(&self) -> &[String] {
        self.details.as_ref().map_or(&[], |d| &d.sources)
    }

    /// Unknown fields, kept for export; `None` when there are none.
    pub fn extra(&self) -> Option<&Map<String, Value>> {
        self.details.as_ref().map(|d| &d.extra).filter(|m| !m.is_empty())
    }
}

/// Whether an id is already in Unicode NFC, so that ids are compared as people read them.
pub fn is_normal_id(id: &str) -> bool {
    id.is_ascii() || unicode_normalization::is_nfc(id)
}

/// An id in Unicode NFC: "cafe\u{301}" and "caf\u{e9}" print the same, so they are one id.
pub fn normal_id(id: String) -> String {
    use unicode_normalization::UnicodeNormalization;
    if is_normal_id(&id) { id } else { id.nfc().collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_are_boxed_only_when_given() {
        let plain = Transition::new(Mode::Integrated, Some(2.0), None);
        assert_eq!(
            (plain.note(), plain.sources(), plain.extra()),
            (None, &[][..], None)
        );
        assert!(
            plain
                .clone()
                .with_details(None, vec![], Map::new())
                .details
                .is_none()
        );
        let mut extra = Map::new();
        extra.insert("x-lab".into(), Value::Bool(true));
        let full = plain.with_details(Some("n".into()), vec!["s".into()], extra.clone());
        assert_eq!(full.note(), Some("n"));
        assert_eq!(full.sources(), ["s".to_string()]);
        assert_eq!(full.extra(), Some(&extra));
        assert!(std::mem::size_of::<Transition>() <= 56);
        assert!(std::mem::size_of::<Stage>() <= 256);
    }
}
