//! `--area NAME`: the area whose wages a command shows, resolved loosely (DESIGN, "Wages and areas").

use super::Failure;
use crate::domain::wages::{AreaId, layer};

/// The `--area` option every command that shows wages takes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct AreaArg {
    /// Wages for this area: a state by name or postal code ("WA"), a metro or nonmetro area by any
    /// part of its BLS name ("seattle", "Yakima"), or "US" (default: the learner's area, else the
    /// nation).
    #[arg(long, value_name = "NAME")]
    pub area: Option<String>,
}

impl AreaArg {
    /// The area given, else the learner's, else the nation; a name that picks no single area is a
    /// bad argument.
    pub fn resolve(&self, learner_area: Option<&str>) -> Result<AreaId, Failure> {
        let (flag, name) = match (&self.area, learner_area) {
            (Some(a), _) => ("--area", a.as_str()),
            (None, Some(a)) => ("the learner's area", a),
            (None, None) => return Ok(AreaId::NATION),
        };
        layer()
            .resolve(name)
            .map_err(|e| Failure::usage(format!("{flag}: {e}")))
    }
}

/// The heading line that says whose wages a list shows: "Wages: median pay in Seattle-Tacoma-Bellevue,
/// WA, BLS OEWS May 2025 (unless marked)".
pub fn heading(area: AreaId) -> String {
    let l = layer();
    // National pay is the default, not an answer for her town: say how to get local pay.
    let local = if area == AreaId::NATION {
        " For local pay add --area (a state such as WA, or a metro area such as seattle)."
    } else {
        ""
    };
    format!(
        "Wages: median pay in {}, {} (unless marked).{local}",
        l.place(area),
        l.citation()
    )
}
