//! `pathways summary`: what is loaded, and the commands to try; `--json` for scripts.

use std::io::Write;

use serde::Serialize;

use super::{Failure, write_json};
use crate::domain::graph::Pathways;
use crate::domain::load::Loaded;
use crate::domain::model::Kind;
use crate::format::plural;
use crate::sanitize::clean;

/// What `summary --json` prints.
#[derive(Serialize)]
struct SummaryJson<'a> {
    files: usize,
    stages: usize,
    transitions: usize,
    on_ramps: usize,
    off_ramps: usize,
    pathways: Vec<PathwayJson<'a>>,
}

#[derive(Serialize)]
struct PathwayJson<'a> {
    id: &'a str,
    title: &'a str,
    sector: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    file: &'a str,
    stages: usize,
    jobs: usize,
}

/// Each loaded file with its count of stages and of jobs.
fn per_file(p: &Pathways) -> Vec<PathwayJson<'_>> {
    let mut counts = vec![(0usize, 0usize); p.pathways().len()];
    for (_, s) in p.stages() {
        if let Some(c) = counts.get_mut(s.pathway) {
            c.0 += 1;
            c.1 += usize::from(s.kind == Kind::Employment);
        }
    }
    p.pathways()
        .iter()
        .zip(counts)
        .map(|(meta, (stages, jobs))| PathwayJson {
            id: &meta.id,
            title: &meta.title,
            sector: &meta.sector,
            region: meta.region.as_deref(),
            file: &meta.file,
            stages,
            jobs,
        })
        .collect()
}

pub fn print(loaded: &Loaded, json: bool, out: &mut dyn Write) -> Result<i32, Failure> {
    let p = &loaded.pathways;
    let (on_ramps, off_ramps) = (p.on_ramps().count(), p.off_ramps().count());
    if json {
        write_json(
            out,
            &SummaryJson {
                files: p.pathways().len(),
                stages: p.stage_count(),
                transitions: p.transition_count(),
                on_ramps,
                off_ramps,
                pathways: per_file(p),
            },
        )?;
        return Ok(0);
    }
    writeln!(
        out,
        "pathways: {}, {}, {}, {}, {}\n",
        plural(p.pathways().len(), "pathway file", "pathway files"),
        plural(p.stage_count(), "stage", "stages"),
        plural(p.transition_count(), "transition", "transitions"),
        plural(on_ramps, "on-ramp", "on-ramps"),
        plural(off_ramps, "off-ramp", "off-ramps"),
    )?;
    for f in per_file(p) {
        let region = f.region.map(|r| format!(", {}", clean(r))).unwrap_or_default();
        writeln!(
            out,
            "  {:<36} {:>10}, {:>7}   ({}{region})",
            clean(f.title),
            plural(f.stages, "stage", "stages"),
            plural(f.jobs, "job", "jobs"),
            clean(f.sector)
        )?;
    }
    writeln!(
        out,
        "\nTry:\n  pathways            (the explorer)\n  pathways search nurse\n  pathways show <stage-id>\n  pathways levels --score \"casas-esl reading 195\"\n  pathways route --from \"casas-esl reading 195\" --to \"registered nurse\" -k 3\n  pathways check\n  pathways --help"
    )?;
    Ok(0)
}
