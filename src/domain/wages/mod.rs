//! Wages by area: BLS OEWS May 2025 for every detailed occupation in the nation, every state and
//! territory and every metropolitan and nonmetropolitan area (DESIGN, "Wages and areas").
//!
//! A job's wage is its file's own `wage` if given, else the OEWS median for its `soc` in the
//! chosen area, else in the area's state, else in the nation, and every shown wage says which.

mod area;
mod extract;

use std::sync::OnceLock;

use petgraph::graph::NodeIndex;
use serde::{Deserialize, Serialize};

use super::graph::Pathways;
use super::model::{Stage, Wage};
use crate::format::{count, usd};

pub use area::AreaError;

/// An index into [`Layer::areas`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AreaId(u16);

impl AreaId {
    /// The nation, the extract's first area: known without reading the layer, so a command
    /// that shows no wage never reads it.
    pub const NATION: AreaId = AreaId(0);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaKind {
    Nation,
    State,
    Metro,
    Nonmetro,
}

/// An OEWS area: the nation, a state or territory, a metropolitan or nonmetropolitan area.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// BLS's seven-digit area code.
    pub code: &'static str,
    pub kind: AreaKind,
    /// Postal code of the (primary) state; "US" for the nation.
    pub state: &'static str,
    /// BLS's name: "Seattle-Tacoma-Bellevue, WA", "Washington", "National".
    pub name: &'static str,
    /// Byte range of the area's gzip member in the extract.
    member: (usize, usize),
}

/// A wage figure as BLS publishes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    Usd(f64),
    /// Top-coded (footnote 5): at least this much.
    AtLeast(f64),
    /// Published the other way only, hourly or annual (footnote 4).
    NotPublished,
    /// Not released for this area (footnote 8).
    NotReleased,
}

/// One occupation's estimate in one area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub employment: Option<u32>,
    pub hourly: Amount,
    pub annual: Amount,
}

impl Estimate {
    /// A wage to show: an annual or hourly median, or a top-coded one.
    fn has_wage(&self) -> bool {
        let shown = |a: Amount| matches!(a, Amount::Usd(_) | Amount::AtLeast(_));
        shown(self.annual) || shown(self.hourly)
    }
}

#[derive(Deserialize)]
struct Meta {
    release: String,
    year: u16,
    published: String,
    data_file: String,
    top_hourly_usd: f64,
    top_annual_usd: f64,
    notice: String,
}

/// The embedded OEWS layer, read lazily: the area index on first use, an area's estimates on
/// the first wage shown in it.
pub struct Layer {
    areas: Vec<Area>,
    occupations: Vec<(&'static str, &'static str)>,
    cells: Vec<OnceLock<Vec<(u32, Estimate)>>>,
    meta: Meta,
}

/// The layer, built on first use.
pub fn layer() -> &'static Layer {
    static LAYER: OnceLock<Layer> = OnceLock::new();
    LAYER.get_or_init(Layer::embedded)
}

impl Layer {
    fn embedded() -> Layer {
        let areas = extract::areas();
        let cells = areas.iter().map(|_| OnceLock::new()).collect();
        let meta = serde_json::from_str(extract::META).unwrap_or_else(|_| Meta {
            release: "May 2025".into(),
            year: 2025,
            published: String::new(),
            data_file: String::new(),
            top_hourly_usd: 115.0,
            top_annual_usd: 239_200.0,
            notice: String::new(),
        });
        Layer {
            areas,
            occupations: extract::occupations(),
            cells,
            meta,
        }
    }

    pub fn areas(&self) -> impl ExactSizeIterator<Item = (AreaId, &Area)> + '_ {
        self.areas.iter().enumerate().map(|(i, a)| (AreaId(i as u16), a))
    }

    pub fn area(&self, id: AreaId) -> &Area {
        &self.areas[usize::from(id.0)]
    }

    /// An area as a sentence names it: "the United States", "Seattle-Tacoma-Bellevue, WA".
    pub fn place(&self, id: AreaId) -> &'static str {
        match self.area(id).kind {
            AreaKind::Nation => "the United States",
            _ => self.area(id).name,
        }
    }

    /// An area as a label names it: "United States" rather than BLS's "National".
    pub fn label(&self, id: AreaId) -> &'static str {
        match self.area(id).kind {
            AreaKind::Nation => "United States",
            _ => self.area(id).name,
        }
    }

    /// The nation: the first area of the extract.
    pub fn nation(&self) -> AreaId {
        AreaId::NATION
    }

    /// The state or territory an area lies in (its primary state for one across state lines).
    pub fn state_of(&self, id: AreaId) -> Option<AreaId> {
        let area = self.area(id);
        if area.kind == AreaKind::Nation {
            return None;
        }
        self.areas()
            .find(|(_, a)| a.kind == AreaKind::State && a.state == area.state)
            .map(|(i, _)| i)
    }

    /// The areas of a state: the state itself first, then its metro and nonmetro areas.
    pub fn within(&self, state: AreaId) -> Vec<AreaId> {
        let postal = self.area(state).state;
        self.areas()
            .filter(|(_, a)| a.state == postal && a.kind != AreaKind::Nation)
            .map(|(i, _)| i)
            .collect()
    }

    /// "May 2025".
    pub fn release(&self) -> &str {
        &self.meta.release
    }

    pub fn year(&self) -> u16 {
        self.meta.year
    }

    /// The citation every OEWS wage carries.
    pub fn citation(&self) -> String {
        format!("BLS OEWS {}", self.meta.release)
    }

    /// The BLS notice and where the data came from, for attribution.
    pub fn attribution(&self) -> String {
        format!(
            "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, {} (published {}, {}). {}",
            self.meta.release, self.meta.published, self.meta.data_file, self.meta.notice
        )
    }

    /// The attribution in small print: release and notice, with the data's site, not its file.
    pub fn short_attribution(&self) -> String {
        format!(
            "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, {} ({}) www.bls.gov/oes. {}",
            self.meta.release,
            self.meta.published.get(..4).unwrap_or(&self.meta.published),
            self.meta.notice
        )
    }

    /// Every detailed occupation, `(soc, title)`.
    pub fn occupations(&self) -> &[(&'static str, &'static str)] {
        &self.occupations
    }

    /// The estimate for an occupation in exactly this area, if BLS published a row for it.
    pub fn estimate(&self, id: AreaId, soc: &str) -> Option<&Estimate> {
        let key = extract::soc_key(soc)?;
        let cells = self.cells[usize::from(id.0)].get_or_init(|| {
            extract::estimates(self.area(id), self.meta.top_annual_usd, self.meta.top_hourly_usd)
        });
        let i = cells.binary_search_by_key(&key, |c| c.0).ok()?;
        Some(&cells[i].1)
    }

    /// Decompresses and parses one area's estimates afresh, bypassing the cache: what the first
    /// wage shown in an area costs (for the benches). Returns the number of rows.
    #[doc(hidden)]
    pub fn decode(&self, id: AreaId) -> usize {
        extract::estimates(self.area(id), self.meta.top_annual_usd, self.meta.top_hourly_usd).len()
    }

    /// The wage for an occupation in an area, falling back to its state and then the nation
    /// where the area has no estimate; `None` when not even the nation has one.
    pub fn wage(&self, soc: &str, asked: AreaId) -> Option<AreaWage> {
        let chain = [Some(asked), self.state_of(asked), Some(self.nation())];
        let mut seen = Vec::with_capacity(3);
        for area in chain.into_iter().flatten() {
            if seen.contains(&area) {
                continue;
            }
            seen.push(area);
            if let Some(e) = self.estimate(area, soc).filter(|e| e.has_wage()) {
                return Some(AreaWage {
                    asked,
                    area,
                    estimate: *e,
                });
            }
        }
        None
    }

    /// An amount in words: "$51,990/yr", "at least $239,200/yr", or "$16.15/hr" for an
    /// occupation paid by the hour.
    pub fn amount_words(&self, e: &Estimate) -> String {
        match (e.annual, e.hourly) {
            (Amount::Usd(a), _) => format!("{}/yr", usd(a)),
            (Amount::AtLeast(a), _) => format!("at least {}/yr", usd(a)),
            (_, Amount::Usd(h)) => format!("${h:.2}/hr"),
            (_, Amount::AtLeast(h)) => format!("at least ${h:.2}/hr"),
            _ => "not released".to_string(),
        }
    }
}

/// An OEWS wage: where it was asked for, where it comes from, and the estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaWage {
    pub asked: AreaId,
    pub area: AreaId,
    pub estimate: Estimate,
}

impl AreaWage {
    /// Shown with a wider area's estimate, because the one asked for has none.
    pub fn is_fallback(&self) -> bool {
        self.asked != self.area
    }
}

/// The wage shown for a job.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JobWage<'s> {
    /// The pathway file's own figure, which wins over the layer.
    File(&'s Wage),
    Oews(AreaWage),
}

impl JobWage<'_> {
    /// Annual dollars for ranking: the median, a top-coded floor, or 2,080 hours at the hourly rate.
    pub fn annual(&self) -> Option<f64> {
        match self {
            JobWage::File(w) => Some(w.median_annual_usd),
            JobWage::Oews(w) => match (w.estimate.annual, w.estimate.hourly) {
                (Amount::Usd(a) | Amount::AtLeast(a), _) => Some(a),
                (_, Amount::Usd(h) | Amount::AtLeast(h)) => Some(h * 2080.0),
                _ => None,
            },
        }
    }

    /// The amount alone: "$51,990/yr".
    pub fn amount(&self) -> String {
        match self {
            JobWage::File(w) => format!("{}/yr", usd(w.median_annual_usd)),
            JobWage::Oews(w) => layer().amount_words(&w.estimate),
        }
    }

    /// Where the figure comes from, in words: "Seattle-Tacoma-Bellevue, WA, BLS OEWS May 2025";
    /// "Washington (no estimate for Yakima, WA), BLS OEWS May 2025"; for a file's own wage,
    /// "from the pathway file, 2025, <source title>".
    pub fn provenance(&self, source_title: Option<&str>) -> String {
        let layer = layer();
        match self {
            JobWage::File(w) => {
                format!(
                    "from the pathway file, {}, {}",
                    w.year,
                    source_title.unwrap_or(&w.source)
                )
            }
            JobWage::Oews(w) if w.is_fallback() => format!(
                "{} (no estimate for {}), {}",
                layer.label(w.area),
                layer.label(w.asked),
                layer.citation()
            ),
            JobWage::Oews(w) => format!("{}, {}", layer.label(w.area), layer.citation()),
        }
    }

    /// Jobs in the area, in words: "about 16,530 jobs"; `None` where BLS released no count or
    /// the wage is the file's own.
    pub fn employment(&self) -> Option<String> {
        self.jobs().map(|(n, _)| format!("about {n} jobs"))
    }

    /// The count of jobs ("16,530") and the area it is for; `None` as for `employment`.
    pub fn jobs(&self) -> Option<(String, &'static str)> {
        match self {
            JobWage::Oews(w) => w
                .estimate
                .employment
                .map(|n| (count(u64::from(n)), layer().label(w.area))),
            JobWage::File(_) => None,
        }
    }

    /// The year of the figure.
    pub fn year(&self) -> u16 {
        match self {
            JobWage::File(w) => w.year,
            JobWage::Oews(_) => layer().year(),
        }
    }
}

/// Whether two SOC codes are the same in any spelling ("31-1131", "311131", "31-1131.00").
pub fn same_soc(a: &str, b: &str) -> bool {
    extract::soc_key(a).is_some_and(|k| extract::soc_key(b) == Some(k))
}

/// The wage shown for the job at `node` in `area`, if any.
pub fn of_stage(p: &Pathways, node: NodeIndex, area: AreaId) -> Option<JobWage<'_>> {
    for_stage(p.stage(node), area)
}

/// A job's wage: its file's own, else OEWS for its SOC code in the area. The layer is read only
/// for a stage with a SOC code and no wage of its own.
pub fn for_stage(stage: &Stage, area: AreaId) -> Option<JobWage<'_>> {
    match (&stage.wage, &stage.soc) {
        (Some(w), _) => Some(JobWage::File(w)),
        (None, Some(soc)) => layer().wage(soc, area).map(JobWage::Oews),
        (None, None) => None,
    }
}

/// Everything a program needs to show a wage honestly (the JSON of every command).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WageFacts {
    /// The annual median; for a top-coded wage, the floor (`at_least` is then true).
    pub median_annual_usd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median_hourly_usd: Option<f64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub at_least: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employment: Option<u32>,
    pub year: u16,
    /// "oews" or "file" (the pathway file's own `wage`).
    pub origin: &'static str,
    /// The area the figure is for (`None` for a file's own wage).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area_code: Option<&'static str>,
    /// The area asked for, when it had no estimate and a wider one is shown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fallback_from: Option<&'static str>,
    pub source: String,
}

impl JobWage<'_> {
    /// The wage in words with where it comes from: "$51,990/yr (Seattle-Tacoma-Bellevue, WA,
    /// BLS OEWS May 2025)".
    pub fn words(&self, p: &Pathways, node: NodeIndex) -> String {
        format!(
            "{} ({})",
            self.amount(),
            self.provenance(self.source_title(p, node))
        )
    }

    /// Said beside a wage listed under a heading that names the area: nothing for a wage of that
    /// area, else where this one comes from.
    fn mark(&self) -> Option<String> {
        match self {
            JobWage::Oews(w) if !w.is_fallback() => None,
            JobWage::Oews(w) => Some(format!("{} figure", layer().label(w.area))),
            JobWage::File(w) => Some(format!("the pathway file's figure, {}", w.year)),
        }
    }

    /// The amount, with its mark where it is not the heading's area: "$47,080/yr",
    /// "$124,200/yr (Washington figure)".
    pub fn amount_marked(&self) -> String {
        match self.mark() {
            Some(mark) => format!("{} ({mark})", self.amount()),
            None => self.amount(),
        }
    }

    fn source_title<'p>(&self, p: &'p Pathways, node: NodeIndex) -> Option<&'p str> {
        match self {
            JobWage::File(w) => p.pathway_of(node).source(&w.source).map(|s| s.title.as_str()),
            JobWage::Oews(_) => None,
        }
    }

    pub fn facts(&self, p: &Pathways, node: NodeIndex) -> WageFacts {
        let layer = layer();
        match self {
            JobWage::File(w) => WageFacts {
                median_annual_usd: Some(w.median_annual_usd),
                median_hourly_usd: None,
                at_least: false,
                employment: None,
                year: w.year,
                origin: "file",
                area: None,
                area_code: None,
                fallback_from: None,
                source: self.source_title(p, node).unwrap_or(&w.source).to_string(),
            },
            JobWage::Oews(w) => {
                let value = |a: Amount| match a {
                    Amount::Usd(v) | Amount::AtLeast(v) => Some(v),
                    _ => None,
                };
                let area = layer.area(w.area);
                WageFacts {
                    median_annual_usd: value(w.estimate.annual),
                    median_hourly_usd: value(w.estimate.hourly),
                    at_least: matches!(w.estimate.annual, Amount::AtLeast(_))
                        || matches!(w.estimate.hourly, Amount::AtLeast(_)),
                    employment: w.estimate.employment,
                    year: layer.year(),
                    origin: "oews",
                    area: Some(area.name),
                    area_code: Some(area.code),
                    fallback_from: w.is_fallback().then(|| layer.area(w.asked).name),
                    source: layer.citation(),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
