//! The plan a learner takes home: where she starts, each step in plain words (what it is, how
//! long, what it costs, what it gives, where it leads, the pay, whom to ask), totals, what the
//! integrated steps save, a checklist, a glossary and the sources, in English or Spanish, as one
//! printable HTML page, Markdown or plain text. Unknown figures are said to be unknown, never 0.
//!
//! `build` decides what the plan says, as a [`doc::Doc`]; `html`, `markdown` and `text` only
//! write it, each escaping data text for its format.

mod build;
pub mod doc;
mod html;
mod lang;
mod markdown;
mod text;
mod wrap;

#[cfg(test)]
mod tests;

use petgraph::graph::NodeIndex;

pub use build::title;
pub use lang::Lang;

use super::benchmark::Placement;
use super::condition::CondSet;
use super::graph::Pathways;
use super::level::Levels;
use super::route::{Constraints, Integration, Route};
use super::wages::AreaId;

/// Where the learner starts.
#[derive(Debug, Clone, PartialEq)]
pub enum StartPoint {
    /// From her levels, and the test scores that placed her, if any.
    Levels {
        levels: Levels,
        placements: Vec<Placement>,
    },
    /// At a stage she is in now.
    Stage(NodeIndex),
}

/// What a plan is made from.
#[derive(Debug, Clone)]
pub struct PlanInput<'a> {
    /// The learner's name, if given.
    pub name: Option<String>,
    pub start: StartPoint,
    pub route: &'a Route,
    /// Stages of the route whose requirements she does not meet yet, each with what she lacks
    /// there (a plan for a route that is not open to her yet).
    pub to_meet: Vec<(NodeIndex, CondSet)>,
    /// Whether other routes to the goal are open to her (the plan says to compare them).
    pub others: bool,
    /// What the integrated transitions save against the best all-sequential route.
    pub integration: Option<Integration>,
    /// The day the plan was made (YYYY-MM-DD).
    pub date: String,
    /// The area whose wages the plan shows.
    pub area: AreaId,
    pub lang: Lang,
    /// The limits the route was found under (the plan says them, and which it may break).
    pub limits: Constraints,
}

/// How a plan is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One page to print: inline CSS, no scripts.
    Html,
    Markdown,
    /// Plain text within 80 columns.
    Text,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Html, Format::Markdown, Format::Text];

    /// The format a file name's extension names: `.html`/`.htm`, `.md`/`.markdown`, `.txt`.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Text => "txt",
        }
    }
}

/// The plan as a document, in the input's language.
pub fn doc(p: &Pathways, input: &PlanInput<'_>) -> doc::Doc {
    build::doc(p, input)
}

/// The plan, written in `format`.
pub fn render(p: &Pathways, input: &PlanInput<'_>, format: Format) -> String {
    let d = doc(p, input);
    match format {
        Format::Html => html::write(&d),
        Format::Markdown => markdown::write(&d),
        Format::Text => text::write(&d),
    }
}

/// The default file name for a plan: `plan-<goal>.<ext>`, with the goal's id made file-safe.
pub fn file_name(p: &Pathways, goal: NodeIndex, format: Format) -> String {
    let slug: String = p
        .stage(goal)
        .id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("plan-{slug}.{}", format.extension())
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Days since 1970-01-01 -> YYYY-MM-DD (proleptic Gregorian; Howard Hinnant's algorithm).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
