//! The `pathways-levels/1` format: a test's table of score bands per skill level, and merging the
//! tables of every file (a user's table replaces the shipped one for the same test).

use serde_json::{Map, Value};

use super::error::{Issue, Report};
use super::fields::Fields;
use super::json::describe;
use super::{Origin, Unit};
use crate::domain::benchmark::{Band, BenchmarkTable, Benchmarks, Subject, TableSource};
use crate::domain::level::{Scale, SkillLevel};

pub(super) fn read_table(
    top: Map<String, Value>,
    file: &str,
    issues: &mut Vec<Issue>,
) -> Option<BenchmarkTable> {
    let mut f = Fields::new(Value::Object(top), String::new(), "a test table", issues)?;
    let test = f.req_str("test");
    let title = f.req_str("title");
    let scale = f.req_str("scale").and_then(|s| match s.as_str() {
        "ESL" => Some(Scale::Esl),
        "ABE" => Some(Scale::Abe),
        _ => {
            f.problem(
                "scale",
                format!("unknown scale \"{s}\": expected \"ESL\" or \"ABE\""),
            );
            None
        }
    });
    let effective = f.opt_str("effective");
    let source = f.required("source").and_then(|v| {
        let mut s = Fields::new(v, "/source".into(), "a source", f.issues)?;
        let title = s.req_str("title");
        let year = s.required("year").and_then(|v| s.int_in("year", v, 1900, 2100));
        let url = s.opt_str("url");
        // Checked as the schema says, though nothing shows it yet.
        s.opt_str("publisher");
        s.refuse_rest(&["title", "year", "url", "publisher"], "the source");
        Some(TableSource {
            title: title?,
            year: u16::try_from(year?).ok()?,
            url,
        })
    });
    let subjects = match f.required("subjects") {
        Some(Value::Object(map)) if map.is_empty() => {
            f.problem(
                "subjects",
                "a test table gives at least one subject, such as {\"reading\": [...]}".into(),
            );
            Vec::new()
        }
        Some(Value::Object(map)) => map
            .into_iter()
            .filter_map(|(name, v)| read_subject(name, v, scale, f.issues))
            .collect(),
        Some(other) => {
            f.problem(
                "subjects",
                format!("expected an object of subjects, found {}", describe(&other)),
            );
            Vec::new()
        }
        None => Vec::new(),
    };
    // `$schema` tells editors which schema to check the file by.
    f.take("$schema");
    f.refuse_rest(
        &["test", "title", "scale", "effective", "source", "subjects"],
        "a test table",
    );
    Some(BenchmarkTable {
        test: test?,
        title: title?,
        scale: scale?,
        effective,
        source: source?,
        subjects,
        file: file.to_string(),
    })
}

pub(super) fn read_subject(
    name: String,
    v: Value,
    scale: Option<Scale>,
    issues: &mut Vec<Issue>,
) -> Option<Subject> {
    let pointer = format!("/subjects/{}", name.replace('~', "~0").replace('/', "~1"));
    let Value::Array(rows) = v else {
        issues.push(Issue {
            pointer,
            message: format!("expected an array of level bands, found {}", describe(&v)),
            again: false,
        });
        return None;
    };
    if rows.is_empty() {
        issues.push(Issue {
            pointer,
            message: "expected at least one level band, such as {\"level\": \"ESL 1\", \"max\": 180}".into(),
            again: false,
        });
        return None;
    }
    // Each band with its row, which messages name, and whether it was read whole: a band with
    // its own error is not also reported as a gap beside its neighbours.
    let mut bands: Vec<(usize, Band, bool)> = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let before = issues.len();
        let Some(mut f) = Fields::new(row, format!("{pointer}/{i}"), "a level band", issues) else {
            continue;
        };
        let level = f.req_str("level").and_then(|t| match SkillLevel::parse(&t) {
            Ok(l) if scale.is_none_or(|s| s == l.scale()) && l != SkillLevel::Hse => Some(l),
            _ => {
                f.problem("level", format!("\"{t}\" is not a level of this table's scale"));
                None
            }
        });
        let min = f.take("min").and_then(|v| f.int_in("min", v, 0, 100_000));
        let max = f.take("max").and_then(|v| f.int_in("max", v, 0, 100_000));
        if let (Some(lo), Some(hi)) = (min, max)
            && lo > hi
        {
            f.problem("max", format!("max {hi} is below min {lo}"));
        }
        f.refuse_rest(&["level", "min", "max"], "a level band");
        let whole = issues.len() == before;
        // Each level once, lowest first: placing a score takes the first band that holds it.
        if let (Some(level), Some((_, last, _))) = (level, bands.last())
            && level <= last.level
        {
            let message = if level == last.level {
                format!("{level} is given twice: a subject gives each level once")
            } else {
                format!(
                    "{level} comes after {}: give the bands lowest level first",
                    last.level
                )
            };
            issues.push(Issue {
                pointer: format!("{pointer}/{i}/level"),
                message,
                again: false,
            });
            continue;
        }
        if let Some(level) = level {
            let band = Band {
                level,
                min: min.and_then(|m| u32::try_from(m).ok()),
                max: max.and_then(|m| u32::try_from(m).ok()),
            };
            bands.push((i, band, whole));
        }
    }
    for pair in bands.windows(2) {
        let ((_, low, low_whole), (row, high, high_whole)) = (&pair[0], &pair[1]);
        if !(*low_whole && *high_whole) {
            continue;
        }
        let contiguous = matches!((low.max, high.min), (Some(hi), Some(lo)) if lo == hi + 1);
        if !contiguous {
            let end = match low.max {
                Some(max) => format!("{} ends at {max}", low.level),
                None => format!("{} has no max", low.level),
            };
            let start = match high.min {
                Some(min) => format!("{} starts at {min}", high.level),
                None => format!("{} has no min", high.level),
            };
            issues.push(Issue {
                pointer: format!("{pointer}/{row}"),
                message: format!(
                    "bands must be contiguous (each min one above the max before it): {end} but {start}"
                ),
                again: false,
            });
        }
    }
    let bands = bands.into_iter().map(|(_, band, _)| band).collect();
    Some(Subject { name, bands })
}

/// Tables: a user's table replaces the shipped one for the same test; two of the same origin clash.
pub(super) fn merge_tables(
    inputs: &[Unit<'_>],
    tables: Vec<(usize, BenchmarkTable)>,
    texts: &[&str],
    report: &mut Report,
) -> Benchmarks {
    let mut kept: Vec<(usize, BenchmarkTable)> = Vec::new();
    for (i, table) in tables {
        match kept.iter().position(|(_, t)| t.test == table.test) {
            None => kept.push((i, table)),
            Some(k) if inputs[kept[k].0].origin == Origin::Shipped && inputs[i].origin == Origin::User => {
                kept[k] = (i, table);
            }
            // A shipped table read after the user's for the same test: the user's stands.
            Some(_) if inputs[i].origin == Origin::Shipped => {}
            Some(k) => {
                let first = &inputs[kept[k].0].name;
                report.at(
                    &inputs[i],
                    texts[i],
                    "/test".into(),
                    format!("duplicate test table \"{}\" (also in {first})", table.test),
                );
            }
        }
    }
    Benchmarks::new(kept.into_iter().map(|(_, t)| t).collect())
}
