//! `pathways search TEXT`: stages ranked by fuzzy match.

use std::io::Write;

use serde::Serialize;

use super::{Failure, write_json};
use crate::domain::graph::Pathways;
use crate::domain::search::Searcher;
use crate::format::fit;

#[derive(Serialize)]
struct SearchJson<'a> {
    query: &'a str,
    results: Vec<HitJson<'a>>,
}

#[derive(Serialize)]
struct HitJson<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'a str,
    level: u8,
    sector: &'a str,
    score: i64,
    matched: &'a str,
}

pub fn run(
    pathways: &Pathways,
    query: &str,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<i32, Failure> {
    if query.trim().is_empty() {
        return Err(Failure::usage(
            "search needs some text, e.g. `pathways search nurse`",
        ));
    }
    let hits = Searcher::default().search(pathways, query, limit);
    if json {
        let results = hits
            .iter()
            .map(|h| {
                let s = pathways.stage(h.node);
                HitJson {
                    id: &s.id,
                    title: &s.title,
                    kind: s.kind.as_str(),
                    level: s.level,
                    sector: &pathways.pathway_of(h.node).sector,
                    score: h.score,
                    matched: h.field.as_str(),
                }
            })
            .collect();
        write_json(out, &SearchJson { query, results })?;
        return Ok(0);
    }
    if hits.is_empty() {
        writeln!(out, "No stage matches '{query}'.")?;
        return Ok(0);
    }
    let width = hits
        .iter()
        .map(|h| unicode_width::UnicodeWidthStr::width(pathways.stage(h.node).title.as_str()))
        .max()
        .unwrap_or(0);
    for h in &hits {
        let s = pathways.stage(h.node);
        let via = if h.field.as_str() == "title" {
            String::new()
        } else {
            format!("  [matched {}]", h.field.as_str())
        };
        writeln!(
            out,
            "{}  {} {:<10} level {}  {}{via}",
            fit(&s.title, width),
            fit(&s.id, 28),
            s.kind.as_str(),
            s.level,
            pathways.pathway_of(h.node).sector
        )?;
    }
    Ok(0)
}
