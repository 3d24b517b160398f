//! `pathways levels`: the NRS levels and the tests that place learners; `--score` places one score.

use std::io::Write;

use serde::Serialize;

use super::{Failure, write_json};
use crate::domain::level::{ALL_LEVELS, Scale};
use crate::domain::load::Loaded;
use crate::sanitize::clean;

#[derive(Serialize)]
struct LevelsJson<'a> {
    levels: Vec<LevelJson>,
    tests: Vec<TestJson<'a>>,
    conditions: Vec<ConditionJson<'a>>,
}

#[derive(Serialize)]
struct ConditionJson<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    implies: &'a [String],
}

#[derive(Serialize)]
struct LevelJson {
    level: String,
    name: &'static str,
    scale: &'static str,
}

#[derive(Serialize)]
struct TestJson<'a> {
    test: &'a str,
    title: &'a str,
    scale: &'static str,
    effective: Option<&'a str>,
    source: String,
    subjects: Vec<SubjectJson<'a>>,
}

#[derive(Serialize)]
struct SubjectJson<'a> {
    subject: &'a str,
    bands: Vec<BandJson>,
}

#[derive(Serialize)]
struct BandJson {
    level: String,
    min: Option<u32>,
    max: Option<u32>,
}

#[derive(Serialize)]
struct PlacementJson<'a> {
    level: String,
    test: &'a str,
    subject: &'a str,
    score: u32,
    source: &'a str,
}

fn scale_name(scale: Scale) -> &'static str {
    match scale {
        Scale::Esl => "ESL",
        Scale::Abe => "ABE",
    }
}

pub fn run(loaded: &Loaded, score: Option<&str>, json: bool, out: &mut dyn Write) -> Result<i32, Failure> {
    let benchmarks = &loaded.benchmarks;
    let conditions = loaded.pathways.conditions();
    if let Some(text) = score {
        let p = benchmarks.place_text(text).map_err(|e| Failure::usage(e.0))?;
        if json {
            let doc = PlacementJson {
                level: p.level.to_string(),
                test: &p.test,
                subject: &p.subject,
                score: p.score,
                source: &p.source,
            };
            write_json(out, &doc)?;
        } else {
            writeln!(out, "{} ({})", p.level, p.level.nrs_name())?;
            let line = format!(
                "  {} {} {} places at {}; source: {}",
                p.test, p.subject, p.score, p.level, p.source
            );
            writeln!(out, "{}", clean(&line))?;
        }
        return Ok(0);
    }
    if json {
        let doc = LevelsJson {
            levels: ALL_LEVELS
                .iter()
                .map(|l| LevelJson {
                    level: l.to_string(),
                    name: l.nrs_name(),
                    scale: scale_name(l.scale()),
                })
                .collect(),
            tests: benchmarks
                .tables()
                .iter()
                .map(|t| TestJson {
                    test: &t.test,
                    title: &t.title,
                    scale: scale_name(t.scale),
                    effective: t.effective.as_deref(),
                    source: format!("{} ({})", t.source.title, t.source.year),
                    subjects: t
                        .subjects
                        .iter()
                        .map(|s| SubjectJson {
                            subject: &s.name,
                            bands: s
                                .bands
                                .iter()
                                .map(|b| BandJson {
                                    level: b.level.to_string(),
                                    min: b.min,
                                    max: b.max,
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            conditions: conditions
                .iter()
                .map(|(_, c)| ConditionJson {
                    id: &c.id,
                    title: &c.title,
                    description: c.description.as_deref(),
                    implies: &c.implies,
                })
                .collect(),
        };
        write_json(out, &doc)?;
        return Ok(0);
    }
    writeln!(out, "Skill levels (NRS Educational Functioning Levels):")?;
    for l in ALL_LEVELS {
        writeln!(out, "  {:<6} {}", l.to_string(), l.nrs_name())?;
    }
    writeln!(
        out,
        "\nTests that place a learner (use with --score \"TEST SUBJECT SCORE\"):"
    )?;
    for t in benchmarks.tables() {
        let subjects: Vec<String> = t
            .subjects
            .iter()
            .map(|s| format!("{} {}", s.name, s.range_text()))
            .collect();
        let line = format!(
            "  {:<10} {} ({} scale): {}",
            t.test,
            t.title,
            scale_name(t.scale),
            subjects.join("; ")
        );
        writeln!(out, "{}", clean(&line))?;
        writeln!(
            out,
            "             source: {} ({})",
            clean(&t.source.title),
            t.source.year
        )?;
    }
    if !conditions.is_empty() {
        writeln!(out, "\nConditions a learner may hold (use with --has ID):")?;
        for (_, c) in conditions.iter() {
            let implies = if c.implies.is_empty() {
                String::new()
            } else {
                format!(" (implies {})", c.implies.join(", "))
            };
            let line = format!("  {:<26} {}{implies}", c.id, c.title);
            writeln!(out, "{}", clean(&line))?;
        }
    }
    writeln!(out, "\nExample: pathways levels --score \"tabe11 reading 540\"")?;
    Ok(0)
}
