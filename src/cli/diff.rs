//! `pathways diff OLD NEW`: what changed between two versions of pathway files or folders, and
//! which findings the change introduces and resolves. Exit 1 when NEW introduces an error finding,
//! so a pull request can be gated on it; 2 when either side cannot be loaded.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;
use serde_json::Value;

use super::annotations;
use super::check::{Format, LoadErrorJson, load_errors_json};
use super::findings::{FindingJson, finding_json, plural, subject};
use super::places::locate_all;
use super::{DataOptions, Failure, load_data_with, write_json};
use crate::domain::audit::{Counts, Finding, Options};
use crate::domain::diff::{Diff, FieldChange, StageRef, TransitionRef, diff};
use crate::domain::graph::Pathways;
use crate::domain::load::Loaded;
use crate::sanitize::clean;

pub struct Request<'a> {
    pub old: &'a PathBuf,
    pub new: &'a PathBuf,
    /// Loaded on both sides (`--base`), before OLD and NEW.
    pub base: &'a [PathBuf],
    /// The file limits and `--with-shipped`, for both sides.
    pub data: &'a DataOptions,
    pub format: Format,
    pub options: Options,
}

#[derive(Serialize)]
struct DiffJson<'a> {
    stages: Changes<StageJson<'a>, StageChangeJson<'a>>,
    transitions: Changes<TransitionJson<'a>, TransitionChangeJson<'a>>,
    findings: FindingsJson<'a>,
    summary: SummaryJson,
}

#[derive(Serialize)]
struct Changes<A, C> {
    added: Vec<A>,
    removed: Vec<A>,
    changed: Vec<C>,
}

#[derive(Serialize)]
struct StageJson<'a> {
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct StageChangeJson<'a> {
    id: &'a str,
    title: &'a str,
    changes: Vec<FieldJson<'a>>,
}

#[derive(Serialize)]
struct TransitionJson<'a> {
    from: &'a str,
    to: &'a str,
    mode: &'a str,
}

#[derive(Serialize)]
struct TransitionChangeJson<'a> {
    from: &'a str,
    to: &'a str,
    changes: Vec<FieldJson<'a>>,
}

#[derive(Serialize)]
struct FieldJson<'a> {
    field: &'a str,
    old: &'a Value,
    new: &'a Value,
}

#[derive(Serialize)]
struct FindingsJson<'a> {
    introduced: Vec<FindingJson<'a>>,
    resolved: Vec<FindingJson<'a>>,
    /// Only the listed findings were compared (a side had too many of one code to list).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    partial: bool,
}

#[derive(Serialize)]
struct SummaryJson {
    stages_added: usize,
    stages_removed: usize,
    stages_changed: usize,
    transitions_added: usize,
    transitions_removed: usize,
    transitions_changed: usize,
    introduced: CountJson,
    resolved: CountJson,
}

#[derive(Serialize)]
struct CountJson {
    errors: usize,
    warnings: usize,
    info: usize,
}

impl From<Counts> for CountJson {
    fn from(c: Counts) -> Self {
        CountJson {
            errors: c.errors,
            warnings: c.warnings,
            info: c.info,
        }
    }
}

#[derive(Serialize)]
struct LoadFailureJson<'a> {
    old_load_errors: Vec<LoadErrorJson<'a>>,
    new_load_errors: Vec<LoadErrorJson<'a>>,
}

pub fn run(req: &Request<'_>, out: &mut dyn Write) -> Result<i32, Failure> {
    let side = |path: &PathBuf| {
        let options = DataOptions {
            paths: req.base.iter().chain(std::iter::once(path)).cloned().collect(),
            ..req.data.clone()
        };
        load_data_with(&options, &mut std::io::sink())
    };
    let (old, new) = (side(req.old), side(req.new));
    let (old, new) = match (old, new) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => return Err(load_failure(req.format, old.err(), new.err(), out)),
    };
    let d = diff(&old.pathways, &new.pathways, &req.options);
    let introduced = || {
        let at = locate_all(&new.pathways, &d.findings_introduced);
        (d.findings_introduced.iter().zip(at))
            .map(|(f, at)| annotations::of_finding(f, at))
            .collect::<Vec<_>>()
    };
    match req.format {
        Format::Json => write_json(out, &to_json(&d, &old.pathways, &new.pathways))?,
        Format::Sarif => annotations::write_sarif(out, &introduced())?,
        Format::Github => annotations::write_github(out, &introduced())?,
        Format::Text => write_text(out, &old, &new, &d)?,
    }
    Ok(i32::from(Counts::of(&d.findings_introduced).errors > 0))
}

fn load_failure(
    format: Format,
    old: Option<crate::domain::load::LoadErrors>,
    new: Option<crate::domain::load::LoadErrors>,
    out: &mut dyn Write,
) -> Failure {
    let errors = || -> Vec<_> {
        (old.iter().chain(&new))
            .flat_map(|e| e.errors.iter().map(annotations::of_load_error))
            .collect()
    };
    let written = match format {
        Format::Json => write_json(
            out,
            &LoadFailureJson {
                old_load_errors: old.as_ref().map(load_errors_json).unwrap_or_default(),
                new_load_errors: new.as_ref().map(load_errors_json).unwrap_or_default(),
            },
        ),
        Format::Sarif => annotations::write_sarif(out, &errors()),
        Format::Github => annotations::write_github(out, &errors()),
        Format::Text => Ok(()),
    };
    if let Err(failure) = written {
        return failure;
    }
    let mut lines = Vec::new();
    if let Some(e) = old {
        lines.push(format!("OLD cannot be loaded:\n{e}"));
    }
    if let Some(e) = new {
        lines.push(format!("NEW cannot be loaded:\n{e}"));
    }
    Failure::lines(lines.join("\n"))
}

fn stage(s: &StageRef) -> StageJson<'_> {
    StageJson {
        id: &s.id,
        title: &s.title,
    }
}

fn transition(t: &TransitionRef) -> TransitionJson<'_> {
    TransitionJson {
        from: &t.from,
        to: &t.to,
        mode: &t.mode,
    }
}

fn fields(changes: &[FieldChange]) -> Vec<FieldJson<'_>> {
    changes
        .iter()
        .map(|c| FieldJson {
            field: &c.field,
            old: &c.old,
            new: &c.new,
        })
        .collect()
}

/// The diff in JSON; findings introduced are placed in NEW, findings resolved in OLD.
fn to_json<'a>(d: &'a Diff, old: &'a Pathways, new: &'a Pathways) -> DiffJson<'a> {
    DiffJson {
        stages: Changes {
            added: d.stages_added.iter().map(stage).collect(),
            removed: d.stages_removed.iter().map(stage).collect(),
            changed: d
                .stages_changed
                .iter()
                .map(|c| StageChangeJson {
                    id: &c.id,
                    title: &c.title,
                    changes: fields(&c.changes),
                })
                .collect(),
        },
        transitions: Changes {
            added: d.transitions_added.iter().map(transition).collect(),
            removed: d.transitions_removed.iter().map(transition).collect(),
            changed: d
                .transitions_changed
                .iter()
                .map(|c| TransitionChangeJson {
                    from: &c.from,
                    to: &c.to,
                    changes: fields(&c.changes),
                })
                .collect(),
        },
        findings: FindingsJson {
            introduced: (d
                .findings_introduced
                .iter()
                .zip(locate_all(new, &d.findings_introduced)))
            .map(|(f, at)| finding_json(f, at))
            .collect(),
            resolved: (d
                .findings_resolved
                .iter()
                .zip(locate_all(old, &d.findings_resolved)))
            .map(|(f, at)| finding_json(f, at))
            .collect(),
            partial: d.findings_partial,
        },
        summary: SummaryJson {
            stages_added: d.stages_added.len(),
            stages_removed: d.stages_removed.len(),
            stages_changed: d.stages_changed.len(),
            transitions_added: d.transitions_added.len(),
            transitions_removed: d.transitions_removed.len(),
            transitions_changed: d.transitions_changed.len(),
            introduced: Counts::of(&d.findings_introduced).into(),
            resolved: Counts::of(&d.findings_resolved).into(),
        },
    }
}

/// A value as people read it in a change: `11`, `"text"`, `none`.
fn shown(v: &Value) -> String {
    match v {
        Value::Null => "none".to_string(),
        other => other.to_string(),
    }
}

fn write_changes(out: &mut dyn Write, changes: &[FieldChange]) -> Result<(), Failure> {
    for c in changes {
        writeln!(out, "      {}: {} -> {}", c.field, shown(&c.old), shown(&c.new))?;
    }
    Ok(())
}

fn write_text(out: &mut dyn Write, old: &Loaded, new: &Loaded, d: &Diff) -> Result<(), Failure> {
    if d.is_empty() {
        writeln!(
            out,
            "No differences: the stages, transitions and findings are the same."
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "Stages: {} added, {} removed, {} changed",
        d.stages_added.len(),
        d.stages_removed.len(),
        d.stages_changed.len()
    )?;
    for s in &d.stages_added {
        writeln!(out, "  + {} ({})", clean(&s.title), s.id)?;
    }
    for s in &d.stages_removed {
        writeln!(out, "  - {} ({})", clean(&s.title), s.id)?;
    }
    for c in &d.stages_changed {
        writeln!(out, "  ~ {} ({})", clean(&c.title), c.id)?;
        write_changes(out, &c.changes)?;
    }
    writeln!(
        out,
        "Transitions: {} added, {} removed, {} changed",
        d.transitions_added.len(),
        d.transitions_removed.len(),
        d.transitions_changed.len()
    )?;
    for t in &d.transitions_added {
        writeln!(out, "  + {} -> {} ({})", t.from, t.to, t.mode)?;
    }
    for t in &d.transitions_removed {
        writeln!(out, "  - {} -> {} ({})", t.from, t.to, t.mode)?;
    }
    for c in &d.transitions_changed {
        writeln!(out, "  ~ {} -> {}", c.from, c.to)?;
        write_changes(out, &c.changes)?;
    }
    let introduced = Counts::of(&d.findings_introduced);
    writeln!(
        out,
        "Findings: {} introduced ({}), {} resolved",
        d.findings_introduced.len(),
        counts_text(&introduced),
        d.findings_resolved.len()
    )?;
    write_findings(out, &new.pathways, &d.findings_introduced, "+")?;
    write_findings(out, &old.pathways, &d.findings_resolved, "-")?;
    if d.findings_partial {
        writeln!(
            out,
            "Note: one side has more than {} findings of one code; only the listed ones are compared.",
            crate::format::count(crate::domain::audit::MAX_LISTED_PER_CODE as u64)
        )?;
    }
    if introduced.errors > 0 {
        writeln!(
            out,
            "\nNEW introduces {}: fails.",
            plural(introduced.errors, "error", "errors")
        )?;
    } else {
        writeln!(out, "\nNEW introduces no error.")?;
    }
    Ok(())
}

fn counts_text(c: &Counts) -> String {
    format!(
        "{}, {}, {} info",
        plural(c.errors, "error", "errors"),
        plural(c.warnings, "warning", "warnings"),
        c.info
    )
}

fn write_findings(
    out: &mut dyn Write,
    p: &Pathways,
    findings: &[Finding],
    sign: &str,
) -> Result<(), Failure> {
    for f in findings {
        writeln!(
            out,
            "  {sign} {} {}: {}",
            f.severity,
            f.code,
            clean(&subject(p, f))
        )?;
        writeln!(out, "      {}", clean(&f.message))?;
        if sign == "+" && !f.explained() {
            writeln!(out, "      Fix: {}", clean(&f.fix))?;
        }
        if let Some(note) = f.note.as_deref().filter(|_| f.explained()) {
            writeln!(out, "      Explained in the data: {}", clean(note))?;
        }
    }
    Ok(())
}
