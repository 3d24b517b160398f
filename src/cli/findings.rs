//! Audit findings as scripts read them (JSON) and as people read them (text), shared by `check`
//! and `diff`.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use super::Failure;
use super::places::Located;
use crate::domain::audit::{Counts, Finding};
use crate::domain::graph::Pathways;
use crate::sanitize::clean;

/// One finding in JSON: DESIGN's `severity`, `code`, `stage` (null for a sector finding) and
/// `message`, then the extra fields.
#[derive(Serialize)]
pub struct FindingJson<'a> {
    severity: &'static str,
    code: &'static str,
    stage: Option<&'a str>,
    message: &'a str,
    fix: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    transition: Option<EndsJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sector: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pathway: Option<&'a str>,
    explained: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    /// Where the subject is written; null when its file cannot be read again.
    file: Option<Cow<'a, str>>,
    line: Option<usize>,
    column: Option<usize>,
    pointer: Option<String>,
}

#[derive(Serialize)]
struct EndsJson<'a> {
    from: &'a str,
    to: &'a str,
}

/// A finding and where it is (see `places::locate_all`).
pub fn finding_json<'a>(f: &'a Finding, at: Option<Located<'a>>) -> FindingJson<'a> {
    let (file, line, column, pointer) = match at {
        Some(l) => (Some(l.file), Some(l.line), Some(l.column), Some(l.pointer)),
        None => (None, None, None, None),
    };
    FindingJson {
        severity: f.severity.as_str(),
        code: f.code.as_str(),
        stage: f.stage.as_deref(),
        message: &f.message,
        fix: &f.fix,
        transition: f.transition.as_ref().map(|t| EndsJson {
            from: &t.from,
            to: &t.to,
        }),
        sector: f.sector.as_deref(),
        pathway: f.pathway.as_deref(),
        explained: f.explained(),
        note: f.note.as_deref(),
        file,
        line,
        column,
        pointer,
    }
}

/// Counts by severity: DESIGN's `errors`, `warnings`, `info`, then how many the data explains.
#[derive(Serialize, Default)]
pub struct SummaryJson {
    errors: usize,
    warnings: usize,
    info: usize,
    explained_warnings: usize,
    explained_info: usize,
}

pub fn summary_json(c: &Counts) -> SummaryJson {
    SummaryJson {
        errors: c.errors,
        warnings: c.warnings,
        info: c.info,
        explained_warnings: c.explained_warnings,
        explained_info: c.explained_info,
    }
}

/// What a finding is about, for people: `Title (id)`, `Title (id) -> Title (id)`, or the sector.
/// Ids missing from `pathways` (a finding of the other side of a diff) are shown alone.
pub fn subject(pathways: &Pathways, f: &Finding) -> String {
    let name = |id: &str| match pathways.find(id) {
        Some(n) => format!("{} ({id})", pathways.stage(n).title),
        None => id.to_string(),
    };
    if let Some(t) = &f.transition {
        format!("{} -> {}", name(&t.from), name(&t.to))
    } else if let Some(id) = &f.stage {
        name(id)
    } else if let Some(sector) = &f.sector {
        format!("sector '{sector}'")
    } else {
        String::new()
    }
}

/// The compact subject of an explained finding: ids only.
fn short_subject(f: &Finding) -> String {
    if let Some(t) = &f.transition {
        format!("{} -> {}", t.from, t.to)
    } else if let Some(id) = &f.stage {
        id.clone()
    } else if let Some(sector) = &f.sector {
        format!("sector '{sector}'")
    } else {
        String::new()
    }
}

/// A finding to act on: its code and subject, what is wrong, and the fix.
pub fn write_full(
    out: &mut dyn Write,
    pathways: &Pathways,
    f: &Finding,
    indent: &str,
) -> Result<(), Failure> {
    writeln!(out, "{indent}{}: {}", f.code, clean(&subject(pathways, f)))?;
    writeln!(out, "{indent}    {}", clean(&f.message))?;
    writeln!(out, "{indent}    Fix: {}", clean(&f.fix))?;
    Ok(())
}

/// An explained finding on one line: code, ids, and the data's note.
pub fn write_explained(out: &mut dyn Write, f: &Finding, indent: &str) -> Result<(), Failure> {
    writeln!(
        out,
        "{indent}{}: {} (explained: {})",
        f.code,
        clean(&short_subject(f)),
        clean(f.note.as_deref().unwrap_or_default())
    )?;
    Ok(())
}

pub use crate::format::plural;
