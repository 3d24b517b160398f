//! The `pathways/1` data model: pathways, stages and transitions, as loaded and validated.

use std::fmt;

use serde_json::{Map, Value};

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
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub year: Option<u16>,
    pub url: Option<String>,
    pub publisher: Option<String>,
}

/// One loaded pathway file's metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Pathway {
    pub id: String,
    pub title: String,
    pub sector: String,
    pub region: Option<String>,
    pub sources: Vec<Source>,
    /// Where it was loaded from, as shown in messages.
    pub file: String,
    /// Unknown fields of the `pathway` object, kept for export.
    pub extra: Map<String, Value>,
}

impl Pathway {
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
}

/// A median annual wage with its year and source (an id in the pathway's `sources`).
#[derive(Debug, Clone, PartialEq)]
pub struct Wage {
    pub median_annual_usd: f64,
    pub year: u16,
    pub source: String,
}

/// A step on the ladder: a class, a program, an apprenticeship or a job.
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
    pub description: Option<String>,
    pub services: Vec<String>,
    pub tags: Vec<String>,
    /// Source ids backing the stage's figures.
    pub sources: Vec<String>,
    pub note: Option<String>,
    /// Index of the pathway file that defines the stage.
    pub pathway: usize,
    /// Unknown fields, kept for export.
    pub extra: Map<String, Value>,
}

impl Stage {
    pub fn is_on_ramp(&self) -> bool {
        !self.entry.is_empty()
    }

    pub fn is_employment(&self) -> bool {
        self.kind == Kind::Employment
    }
}

/// A move from one stage to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Transition {
    pub mode: Mode,
    pub weeks: Option<f64>,
    pub cost_usd: Option<f64>,
    pub note: Option<String>,
    pub sources: Vec<String>,
    /// Index of the pathway file that declares the transition.
    pub pathway: usize,
    pub extra: Map<String, Value>,
}
