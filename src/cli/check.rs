//! `pathways check`: load the data, audit it, list the findings grouped by severity.
//!
//! Exit 0 when no finding is an error (with `--deny warnings`: and every warning is explained in the
//! data), 1 otherwise, 2 when the files cannot be loaded.

use std::io::Write;

use serde::Serialize;

use super::annotations;
use super::findings::{
    FindingJson, SummaryJson, finding_json, plural, summary_json, write_explained, write_full,
};
use super::places::locate_all;
use super::{DataOptions, Failure, load_data_with, write_json};
use crate::domain::audit::{Counts, Finding, MAX_LISTED_PER_CODE, Options, Severity, report};
use crate::domain::graph::Pathways;
use crate::domain::load::LoadErrors;

#[derive(Serialize)]
struct CheckJson<'a> {
    findings: Vec<FindingJson<'a>>,
    summary: SummaryJson,
    /// Findings counted in the summary but not listed (past `MAX_LISTED_PER_CODE` of a code).
    #[serde(skip_serializing_if = "is_zero")]
    unlisted: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    load_errors: Vec<LoadErrorJson<'a>>,
}

/// `check --json` when the files cannot be loaded: each load error is an error finding
/// (`load-error`, with its file, line and column) and counts in the summary; `load_errors` keeps
/// the same list as before.
#[derive(Serialize)]
struct LoadFailedJson<'a> {
    findings: Vec<LoadFindingJson<'a>>,
    summary: SummaryJson,
    load_errors: Vec<LoadErrorJson<'a>>,
}

#[derive(Serialize)]
struct LoadFindingJson<'a> {
    severity: &'static str,
    code: &'static str,
    stage: Option<&'a str>,
    message: &'a str,
    fix: &'static str,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    pointer: Option<&'a str>,
    explained: bool,
}

fn load_finding_json(le: &crate::domain::load::LoadError) -> LoadFindingJson<'_> {
    LoadFindingJson {
        severity: "error",
        code: "load-error",
        stage: None,
        message: &le.message,
        fix: "Correct the file at this place; nothing is audited until every file loads.",
        file: &le.file,
        line: le.position.map(|p| p.line),
        column: le.position.map(|p| p.column),
        pointer: le.pointer.as_deref(),
        explained: false,
    }
}

#[derive(Serialize)]
pub struct LoadErrorJson<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    pointer: Option<&'a str>,
    message: &'a str,
}

pub fn load_errors_json(e: &LoadErrors) -> Vec<LoadErrorJson<'_>> {
    e.errors
        .iter()
        .map(|le| LoadErrorJson {
            file: &le.file,
            line: le.position.map(|p| p.line),
            column: le.position.map(|p| p.column),
            pointer: le.pointer.as_deref(),
            message: &le.message,
        })
        .collect()
}

/// The ids of the loaded pathway files that are, or lie under, the `--only` paths; a path that
/// names no loaded file is refused.
fn pathways_in(
    p: &Pathways,
    tables: &crate::domain::benchmark::Benchmarks,
    only: &[std::path::PathBuf],
) -> Result<std::collections::HashSet<String>, Failure> {
    let real = |path: &std::path::Path| std::fs::canonicalize(path).ok();
    let files: Vec<(std::path::PathBuf, &str)> = p
        .pathways()
        .iter()
        .filter_map(|meta| Some((real(std::path::Path::new(&meta.file))?, meta.id.as_str())))
        .collect();
    let mut mine = std::collections::HashSet::new();
    for path in only {
        let Some(wanted) = real(path) else {
            return Err(Failure::usage(format!(
                "--only {}: no such file or folder",
                path.display()
            )));
        };
        let there: Vec<String> = files
            .iter()
            // A CSV pathway is its folder: one of its CSV files names it too.
            .filter(|(file, _)| file.starts_with(&wanted) || (file.is_dir() && wanted.starts_with(file)))
            .map(|(_, id)| (*id).to_string())
            .collect();
        let is_table = tables
            .tables()
            .iter()
            .any(|t| real(std::path::Path::new(&t.file)).as_ref() == Some(&wanted));
        if there.is_empty() && is_table {
            return Err(Failure::usage(format!(
                "--only {}: a test table, not a pathway file: its problems are load errors, and the audit's findings are on stages and transitions",
                path.display()
            )));
        }
        if there.is_empty() {
            return Err(Failure::usage(format!(
                "--only {}: no loaded pathway file is there (give it with --data too)",
                path.display()
            )));
        }
        mine.extend(there);
    }
    Ok(mine)
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How `check` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Sarif,
    Github,
}

impl Format {
    /// Whether the output is JSON, which escapes its own text.
    pub fn is_json(self) -> bool {
        matches!(self, Format::Json | Format::Sarif)
    }
}

/// What `check` was asked.
pub struct Request<'a> {
    pub data: &'a DataOptions,
    pub format: Format,
    pub deny_warnings: bool,
    /// Report only findings about what these files and folders define (`--only`).
    pub only: &'a [std::path::PathBuf],
    pub options: Options,
}

pub fn run(req: &Request<'_>, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    let loaded = match load_data_with(req.data, err) {
        Ok(loaded) => loaded,
        Err(e) => {
            let annotations = || {
                e.errors
                    .iter()
                    .map(annotations::of_load_error)
                    .collect::<Vec<_>>()
            };
            match req.format {
                Format::Json => {
                    let counts = Counts {
                        errors: e.errors.len() + e.omitted,
                        ..Counts::default()
                    };
                    write_json(
                        out,
                        &LoadFailedJson {
                            findings: e.errors.iter().map(load_finding_json).collect(),
                            summary: summary_json(&counts),
                            load_errors: load_errors_json(&e),
                        },
                    )?;
                }
                Format::Sarif => annotations::write_sarif(out, &annotations())?,
                Format::Github => annotations::write_github(out, &annotations())?,
                Format::Text => {}
            }
            return Err(Failure::lines(e.to_string()));
        }
    };
    let p = &loaded.pathways;
    let mut report = report(p, &req.options);
    if !req.only.is_empty() {
        let mine = pathways_in(p, &loaded.benchmarks, req.only)?;
        report
            .findings
            .retain(|f| f.pathway.as_ref().is_some_and(|id| mine.contains(id)));
        // Counted findings carry no file: with --only they cannot be told apart, so they are left out.
        report.unlisted = Counts::default();
    }
    let (findings, counts, unlisted) = (&report.findings, report.counts(), report.unlisted.total());
    let fails = counts.errors > 0 || (req.deny_warnings && counts.unexplained_warnings() > 0);
    let located = || findings.iter().zip(locate_all(p, findings));
    match req.format {
        Format::Json => write_json(
            out,
            &CheckJson {
                findings: located().map(|(f, at)| finding_json(f, at)).collect(),
                summary: summary_json(&counts),
                unlisted,
                load_errors: Vec::new(),
            },
        )?,
        Format::Sarif | Format::Github => {
            let list: Vec<_> = located().map(|(f, at)| annotations::of_finding(f, at)).collect();
            if req.format == Format::Sarif {
                annotations::write_sarif(out, &list)?;
            } else {
                annotations::write_github(out, &list)?;
            }
        }
        Format::Text => write_text(out, p, findings, &counts, unlisted, req)?,
    }
    Ok(i32::from(fails))
}

fn write_text(
    out: &mut dyn Write,
    p: &Pathways,
    findings: &[Finding],
    counts: &Counts,
    unlisted: usize,
    req: &Request<'_>,
) -> Result<(), Failure> {
    let deny_warnings = req.deny_warnings;
    writeln!(
        out,
        "Checked {}: {}, {}.",
        plural(p.pathways().len(), "pathway file", "pathway files"),
        plural(p.stage_count(), "stage", "stages"),
        plural(p.transition_count(), "transition", "transitions")
    )?;
    if !req.only.is_empty() {
        let paths: Vec<String> = req.only.iter().map(|o| o.display().to_string()).collect();
        writeln!(
            out,
            "Findings on {} only; the whole graph was audited.",
            paths.join(", ")
        )?;
    }
    for severity in Severity::ALL {
        let group: Vec<&Finding> = findings.iter().filter(|f| f.severity == severity).collect();
        if group.is_empty() {
            continue;
        }
        let (open, explained): (Vec<&Finding>, Vec<&Finding>) = group.iter().partition(|f| !f.explained());
        let heading = match severity {
            Severity::Error => "Errors",
            Severity::Warning => "Warnings",
            Severity::Info => "Info",
        };
        if explained.is_empty() {
            writeln!(out, "\n{heading} ({}):", group.len())?;
        } else {
            writeln!(
                out,
                "\n{heading} ({}, {} explained in the data):",
                group.len(),
                explained.len()
            )?;
        }
        for f in &open {
            write_full(out, p, f, "  ")?;
        }
        if !explained.is_empty() {
            writeln!(out, "  Explained in the data (deliberate, per its `explain`):")?;
            for f in &explained {
                write_explained(out, f, "  - ")?;
            }
        }
    }
    if unlisted > 0 {
        writeln!(
            out,
            "\n{} more {} counted in the summary but not listed (at most {} of one code are).",
            crate::format::count(unlisted as u64),
            if unlisted == 1 {
                "finding is"
            } else {
                "findings are"
            },
            crate::format::count(MAX_LISTED_PER_CODE as u64)
        )?;
    }
    let mut summary = format!(
        "{}, {}",
        plural(counts.errors, "error", "errors"),
        plural(counts.warnings, "warning", "warnings")
    );
    if counts.explained_warnings > 0 {
        summary.push_str(&format!(" ({} explained)", counts.explained_warnings));
    }
    summary.push_str(&format!(", {} info", counts.info));
    if counts.explained_info > 0 {
        summary.push_str(&format!(" ({} explained)", counts.explained_info));
    }
    let verdict = if counts.errors > 0 {
        "fails".to_string()
    } else if deny_warnings && counts.unexplained_warnings() > 0 {
        format!(
            "fails with --deny warnings ({} not explained in the data)",
            counts.unexplained_warnings()
        )
    } else {
        "passes".to_string()
    };
    writeln!(out, "\nSummary: {summary}: {verdict}.")?;
    Ok(())
}
