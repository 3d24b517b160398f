//! `pathways show STAGE`: one stage, and the transitions into and out of it.

use std::io::Write;

use petgraph::graph::NodeIndex;
use serde::Serialize;

use super::area::AreaArg;
use super::route::learner_of;
use super::{Failure, stage_arg, write_json};
use crate::domain::graph::{Link, Pathways};
use crate::domain::learner::Reach;
use crate::domain::load::Loaded;
use crate::domain::model::{Mode, Stage};
use crate::domain::wages::{self, AreaId, WageFacts};
use crate::format::{usd, weeks};
use crate::sanitize::clean;

#[derive(Serialize)]
struct ShowJson<'a> {
    stage: StageJson<'a>,
    incoming: Vec<LinkJson<'a>>,
    outgoing: Vec<LinkJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    learner: Option<EntryJson<'a>>,
}

/// A stage as scripts read it.
#[derive(Serialize)]
pub struct StageJson<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'a str,
    level: u8,
    sector: &'a str,
    pathway: &'a str,
    entry: Vec<String>,
    on_ramp: bool,
    off_ramp: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    credential: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weeks: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weeks_range: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_usd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wage: Option<WageFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    soc: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    services: &'a [String],
    tags: &'a [String],
    requires: &'a [String],
    awards: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    /// The destination of the CTDL pathway it was imported from.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    destination: bool,
    /// Its CTDL conditions in words, nested ones indented.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conditions: Vec<&'a str>,
    /// Why findings of these codes are deliberate.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    explain: serde_json::Map<String, serde_json::Value>,
    /// The sources behind the stage's figures, as its file declares them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceJson<'a>>,
}

#[derive(Serialize)]
struct SourceJson<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct LinkJson<'a> {
    stage: &'a str,
    title: &'a str,
    mode: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    weeks: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_usd: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    explain: serde_json::Map<String, serde_json::Value>,
}

/// `explain` as the object it is in the file.
fn explain_json(explain: &[(String, String)]) -> serde_json::Map<String, serde_json::Value> {
    explain
        .iter()
        .map(|(code, why)| (code.clone(), serde_json::Value::String(why.clone())))
        .collect()
}

/// The learner `show` answers for: whether she can enter the stage, and why not.
#[derive(Debug, clap::Args)]
pub struct LearnerArgs {
    /// The learner's levels and test scores (repeatable), to say whether she can start here.
    #[arg(long, value_name = "LEVEL|SCORE", num_args = 1..)]
    from: Vec<String>,
    /// A condition the learner holds (repeatable).
    #[arg(long = "has", value_name = "CONDITION")]
    has: Vec<String>,
    /// A learner file (`pathways-learner/1`); flags override it.
    #[arg(long, value_name = "FILE")]
    learner: Option<std::path::PathBuf>,
}

impl LearnerArgs {
    /// Regroups `--from` by occurrence, as `route` does.
    pub fn group_from(&mut self, m: &clap::ArgMatches) {
        if let Some(from) = super::occurrences(m, "from") {
            self.from = from;
        }
    }

    fn given(&self) -> bool {
        !self.from.is_empty() || !self.has.is_empty() || self.learner.is_some()
    }
}

/// Whether the learner can enter the stage, for scripts.
#[derive(Serialize)]
struct EntryJson<'a> {
    can_start: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    why_not: Option<&'a str>,
    /// The best route there open to her, when she cannot start there.
    #[serde(skip_serializing_if = "Option::is_none")]
    route: Option<Vec<&'a str>>,
    /// Why no route is open, when a requirement blocks the nearest one.
    #[serde(skip_serializing_if = "Option::is_none")]
    blocked: Option<&'a str>,
    message: String,
}

pub fn run(
    loaded: &Loaded,
    text: &str,
    learner: &LearnerArgs,
    area: &AreaArg,
    json: bool,
    out: &mut dyn Write,
) -> Result<i32, Failure> {
    let pathways = &loaded.pathways;
    let node = stage_arg(pathways, text)?;
    let mut learner_area = None;
    let reach: Option<Reach> = if learner.given() {
        let l = learner_of(loaded, &learner.learner, &learner.from, &learner.has)?;
        let profile = l
            .profile(pathways, &loaded.benchmarks)
            .map_err(|e| Failure::usage(e.0))?;
        learner_area = l.area.clone();
        Some(profile.reach(pathways, &l, node))
    } else {
        None
    };
    let area = area.resolve(learner_area.as_deref())?;
    if json {
        let doc = ShowJson {
            stage: stage_json(pathways, node, area),
            incoming: links_json(pathways, pathways.incoming(node)),
            outgoing: links_json(pathways, pathways.outgoing(node)),
            learner: reach.as_ref().map(|r| EntryJson {
                can_start: r.start_here.is_ok(),
                why_not: r.start_here.as_ref().err().map(String::as_str),
                route: r.route.as_ref().map(|route| {
                    route
                        .stages()
                        .iter()
                        .map(|&n| pathways.stage(n).id.as_str())
                        .collect()
                }),
                blocked: r.blocked.as_deref(),
                message: r.words(pathways),
            }),
        };
        write_json(out, &doc)?;
    } else {
        write_text(pathways, node, area, out)?;
        if let Some(r) = &reach {
            writeln!(out, "\n{}", clean(&r.words(pathways)))?;
        }
    }
    Ok(0)
}

pub fn stage_json(pathways: &Pathways, node: NodeIndex, area: AreaId) -> StageJson<'_> {
    let s = pathways.stage(node);
    let p = pathways.pathway_of(node);
    StageJson {
        id: &s.id,
        title: &s.title,
        kind: s.kind.as_str(),
        level: s.level,
        sector: &p.sector,
        pathway: &p.id,
        entry: s.entry.iter().map(ToString::to_string).collect(),
        on_ramp: s.is_on_ramp(),
        off_ramp: pathways.is_off_ramp(node),
        credential: s.credential.as_deref(),
        weeks: s.weeks,
        weeks_range: s.weeks_range().map(|(lo, hi)| [lo, hi]),
        hours: s.hours(),
        cost_usd: s.cost_usd,
        wage: wages::of_stage(pathways, node, area).map(|w| w.facts(pathways, node)),
        soc: s.soc.as_deref(),
        description: s.description(),
        services: s.services(),
        tags: s.tags(),
        requires: s.requires(),
        awards: s.awards(),
        url: s.url(),
        contact: s.contact(),
        note: s.note(),
        destination: crate::domain::ctdl::is_destination(s),
        conditions: crate::domain::ctdl::texts(s, crate::domain::ctdl::CONDITIONS),
        explain: explain_json(s.explain()),
        sources: s
            .sources
            .iter()
            .map(|id| {
                let found = p.source(id);
                SourceJson {
                    id,
                    title: found.map(|f| f.title.as_str()),
                    year: found.and_then(|f| f.year),
                    url: found.and_then(|f| f.url.as_deref()),
                }
            })
            .collect(),
    }
}

/// The stage's sources as people read them: `Title (2025) <url>`.
fn source_lines(p: &crate::domain::model::Pathway, s: &Stage) -> Vec<String> {
    s.sources
        .iter()
        .map(|id| match p.source(id) {
            Some(src) => {
                let year = src.year.map_or_else(String::new, |y| format!(" ({y})"));
                let url = src.url.as_deref().map_or_else(String::new, |u| format!(" <{u}>"));
                format!("{}{year}{url}", src.title)
            }
            None => id.clone(),
        })
        .collect()
}

fn links_json<'a>(pathways: &'a Pathways, links: Vec<Link<'a>>) -> Vec<LinkJson<'a>> {
    links.into_iter().map(|l| link_json(pathways, l)).collect()
}

fn link_json<'a>(pathways: &'a Pathways, link: Link<'a>) -> LinkJson<'a> {
    let other = pathways.stage(link.other);
    LinkJson {
        stage: &other.id,
        title: &other.title,
        mode: link.transition.mode.as_str(),
        weeks: link.transition.weeks,
        cost_usd: link.transition.cost_usd,
        note: link.transition.note(),
        explain: explain_json(link.transition.explain()),
    }
}

/// The glyph that tells modes apart without colour: double line integrated, single sequential.
pub fn mode_glyph(mode: Mode) -> &'static str {
    match mode {
        Mode::Integrated => "═",
        Mode::Sequential => "─",
    }
}

fn write_text(
    pathways: &Pathways,
    node: NodeIndex,
    area: AreaId,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let s = pathways.stage(node);
    let p = pathways.pathway_of(node);
    writeln!(out, "{}  ({})", clean(&s.title), s.id)?;
    writeln!(
        out,
        "  {} · level {} · {} · {}",
        s.kind,
        s.level,
        clean(&p.sector),
        p.file
    )?;
    // Each line is built on one line; only data text could break it.
    for line in details(pathways, node, s, area) {
        writeln!(out, "  {}", clean(&line))?;
    }
    if let Some(d) = s.description() {
        writeln!(out, "  {}", clean(d))?;
    }
    for line in crate::domain::ctdl::detail_lines(s) {
        writeln!(out, "  {}", clean(&line))?;
    }
    if let Some(n) = s.note() {
        writeln!(out, "  Note: {}", clean(n))?;
    }
    for (code, why) in s.explain() {
        writeln!(out, "  Explained ({code}): {}", clean(why))?;
    }
    let sources = source_lines(p, s);
    if !sources.is_empty() {
        writeln!(out, "  Sources:")?;
        for line in sources {
            writeln!(out, "    - {}", clean(&line))?;
        }
    }
    write_links(pathways, "Into this stage", "<-", pathways.incoming(node), out)?;
    write_links(pathways, "Out of this stage", "->", pathways.outgoing(node), out)?;
    Ok(())
}

fn details(pathways: &Pathways, node: NodeIndex, s: &Stage, area: AreaId) -> Vec<String> {
    let mut lines = Vec::new();
    if s.is_on_ramp() {
        let entries: Vec<String> = s.entry.iter().map(|e| e.describe()).collect();
        lines.push(format!("On-ramp for: {}", entries.join(", ")));
    }
    if pathways.is_off_ramp(node) {
        lines.push("Off-ramp: leads straight into a job".to_string());
    }
    if let Some(c) = &s.credential {
        lines.push(format!("Credential: {c}"));
    }
    let titles = |set: &crate::domain::condition::CondSet| {
        set.iter()
            .map(|c| {
                format!(
                    "{} ({})",
                    pathways.conditions().title(c),
                    pathways.conditions().get(c).id
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !pathways.requires(node).is_empty() {
        lines.push(format!("Requires: {}", titles(pathways.requires(node))));
    }
    if !s.awards().is_empty() {
        lines.push(format!("Awards: {}", titles(pathways.awards(node))));
    }
    let mut figures = Vec::new();
    if let Some(w) = s.weeks {
        figures.push(format!("{} weeks", weeks(w)));
    }
    if let Some((lo, hi)) = s.weeks_range() {
        figures.push(format!("{} to {} weeks", weeks(lo), weeks(hi)));
    }
    if let Some(h) = s.hours() {
        figures.push(format!("{} hours", weeks(h)));
    }
    if let Some(c) = s.cost_usd {
        figures.push(format!("cost {}", usd(c)));
    }
    if !figures.is_empty() {
        lines.push(figures.join(" · "));
    }
    if let Some(w) = wages::of_stage(pathways, node, area) {
        let jobs = w.employment().map_or_else(String::new, |n| format!(", {n}"));
        lines.push(format!("Median wage: {}{jobs}", w.words(pathways, node)));
    } else if s.is_employment() {
        lines.push("Median wage: not known".to_string());
    }
    if let Some(soc) = &s.soc {
        lines.push(format!("SOC: {soc}"));
    }
    if !s.services().is_empty() {
        lines.push(format!("Support services: {}", s.services().join(", ")));
    }
    if !s.tags().is_empty() {
        lines.push(format!("Tags: {}", s.tags().join(", ")));
    }
    let ask: Vec<&str> = [s.url(), s.contact()].into_iter().flatten().collect();
    if !ask.is_empty() {
        lines.push(format!("Ask: {}", ask.join(" · ")));
    }
    lines
}

fn write_links(
    pathways: &Pathways,
    heading: &str,
    arrow: &str,
    links: Vec<Link<'_>>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    if links.is_empty() {
        writeln!(out, "{heading}: none")?;
        return Ok(());
    }
    writeln!(out, "{heading} ({}):", links.len())?;
    for l in links {
        let other = pathways.stage(l.other);
        let t = l.transition;
        let mut extra = Vec::new();
        if let Some(w) = t.weeks {
            extra.push(format!("+{} wk", weeks(w)));
        }
        if let Some(c) = t.cost_usd {
            extra.push(format!("+{}", usd(c)));
        }
        let extra = if extra.is_empty() {
            String::new()
        } else {
            format!("  {}", extra.join(" "))
        };
        let glyph = mode_glyph(t.mode).repeat(2);
        writeln!(
            out,
            "  {arrow} {glyph} {:<10} {}  ({}){extra}",
            t.mode.as_str(),
            clean(&other.title),
            other.id
        )?;
        if let Some(note) = t.note() {
            writeln!(out, "        note: {}", clean(note))?;
        }
        for (code, why) in t.explain() {
            writeln!(out, "        explained ({code}): {}", clean(why))?;
        }
    }
    Ok(())
}
