//! `pathways search TEXT`: stages ranked by fuzzy match.

use std::io::Write;

use serde::Serialize;

use super::area::AreaArg;
use super::{Failure, write_json};
use crate::domain::graph::Pathways;
use crate::domain::search::Searcher;
use crate::domain::wages::{self, WageFacts};
use crate::format::fit;
use crate::sanitize::clean;

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
    #[serde(skip_serializing_if = "Option::is_none")]
    wage: Option<WageFacts>,
}

pub fn run(
    pathways: &Pathways,
    query: &str,
    limit: usize,
    area: &AreaArg,
    json: bool,
    out: &mut dyn Write,
) -> Result<i32, Failure> {
    let area = area.resolve(None)?;
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
                    wage: wages::of_stage(pathways, h.node, area).map(|w| w.facts(pathways, h.node)),
                }
            })
            .collect();
        write_json(out, &SearchJson { query, results })?;
        return Ok(0);
    }
    if hits.is_empty() {
        writeln!(out, "{}", crate::domain::search::nothing_found(pathways, query))?;
        return Ok(0);
    }
    let width = hits
        .iter()
        .map(|h| unicode_width::UnicodeWidthStr::width(pathways.stage(h.node).title.as_str()))
        .max()
        .unwrap_or(0);
    let mut shown_wage = false;
    for h in &hits {
        let s = pathways.stage(h.node);
        let via = if h.field.as_str() == "title" {
            String::new()
        } else {
            format!("  [matched {}]", h.field.as_str())
        };
        let wage = match wages::of_stage(pathways, h.node, area) {
            Some(w) => {
                shown_wage = true;
                format!("  {}", w.amount_marked())
            }
            None => String::new(),
        };
        writeln!(
            out,
            "{}  {} {:<10} level {}  {}{wage}{via}",
            fit(&clean(&s.title), width),
            fit(&s.id, 28),
            s.kind.as_str(),
            s.level,
            clean(&pathways.pathway_of(h.node).sector)
        )?;
    }
    if shown_wage {
        writeln!(out, "\n{}", super::area::heading(area))?;
    }
    Ok(0)
}
