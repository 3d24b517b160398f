//! The selection as one normalized `pathways/1` document: fields in the documented order, whole
//! numbers without `.0`, unknown fields kept, and everything it cites declared, so the file loads
//! on its own and gives the same stages and transitions.
//!
//! One document has one `pathway` header. A document of one file keeps that file's header;
//! otherwise the headers are merged: the sources of every file, a source id declared differently
//! by two files renamed `ID-PATHWAY` where it is cited, every file's conditions and explanations.

use std::collections::HashMap;

use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

use petgraph::visit::EdgeRef;

use crate::domain::graph::Pathways;
use crate::domain::load::FORMAT;
use crate::domain::model::{Pathway, Source, Stage, Transition};

/// A number as people write it: `11`, not `11.0`.
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let x = self.0;
        if x.fract() == 0.0 && x.abs() < 9.0e15 {
            s.serialize_i64(x as i64)
        } else {
            s.serialize_f64(x)
        }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    pathway: Header<'a>,
    stages: Vec<StageOut<'a>>,
    transitions: Vec<TransitionOut<'a>>,
    /// The files' unknown top-level members (the first file's where two give one).
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Serialize)]
struct Header<'a> {
    id: String,
    title: String,
    sector: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conditions: Vec<ConditionOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "explain_pairs")]
    explain: Vec<(&'a str, &'a str)>,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

/// The header's `explain` as the object it is in the file.
fn explain_pairs<S: serde::Serializer>(explain: &[(&str, &str)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(explain.iter().copied())
}

#[derive(Serialize)]
struct ConditionOut<'a> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    implies: &'a [String],
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    id: String,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

#[derive(Serialize)]
struct StageOut<'a> {
    id: &'a str,
    title: &'a str,
    kind: &'static str,
    level: u8,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    entry: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credential: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    weeks: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_usd: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wage: Option<WageOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    soc: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    services: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    requires: &'a [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    awards: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    weeks_range: Option<[Num; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contact: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty", serialize_with = "explain_map")]
    explain: &'a [(String, String)],
    #[serde(flatten)]
    extra: Option<&'a Map<String, Value>>,
}

/// `explain` as the object it is in the file: `{"level-jump": "why"}`.
fn explain_map<S: serde::Serializer>(explain: &&[(String, String)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(explain.iter().map(|(code, why)| (code, why)))
}

#[derive(Serialize)]
struct WageOut<'a> {
    median_annual_usd: Num,
    year: u16,
    source: String,
    #[serde(flatten)]
    extra: Option<&'a Map<String, Value>>,
}

#[derive(Serialize)]
struct TransitionOut<'a> {
    from: &'a str,
    to: &'a str,
    mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    weeks: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cost_usd: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<String>,
    #[serde(skip_serializing_if = "<[_]>::is_empty", serialize_with = "explain_map")]
    explain: &'a [(String, String)],
    #[serde(flatten)]
    extra: Option<&'a Map<String, Value>>,
}

/// The merged sources, and the id each file's source is cited by in the output.
struct Sources<'a> {
    list: Vec<(String, &'a Source)>,
    renamed: HashMap<(usize, &'a str), String>,
}

impl<'a> Sources<'a> {
    fn merge(files: &'a [Pathway], contributing: &[usize]) -> Sources<'a> {
        let mut list: Vec<(String, &'a Source)> = Vec::new();
        let mut renamed = HashMap::new();
        for &f in contributing {
            let file = &files[f];
            for source in &file.sources {
                let id = match list.iter().find(|(id, _)| id == &source.id) {
                    None => source.id.clone(),
                    Some((id, same)) if *same == source => id.clone(),
                    Some(_) => {
                        let base = format!("{}-{}", source.id, file.id);
                        let mut id = base.clone();
                        let mut k = 2;
                        while list.iter().any(|(taken, _)| taken == &id) {
                            id = format!("{base}-{k}");
                            k += 1;
                        }
                        id
                    }
                };
                if !list.iter().any(|(taken, _)| taken == &id) {
                    list.push((id.clone(), source));
                }
                renamed.insert((f, source.id.as_str()), id);
            }
        }
        Sources { list, renamed }
    }

    fn cite(&self, file: usize, id: &str) -> String {
        self.renamed
            .get(&(file, id))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }
}

/// The document of the pathway files `files` (indices into `pathways.pathways()`): their
/// stages and the transitions they define, in load order. One file keeps its header as it is;
/// several share one merged header. Transitions may name stages of other files: the document
/// then loads beside those files, as its sources did.
pub(super) fn render(pathways: &Pathways, files: &[usize]) -> Result<String, serde_json::Error> {
    let all = pathways.pathways();
    let mut chosen = vec![false; all.len()];
    for &f in files {
        chosen[f] = true;
    }
    let sources = Sources::merge(all, files);
    let header = match files {
        [one] => own_header(&all[*one]),
        many => merged_header(all, many),
    };
    let header = Header {
        sources: sources
            .list
            .iter()
            .map(|(id, s)| SourceOut {
                id: id.clone(),
                title: &s.title,
                year: s.year,
                url: s.url.as_deref(),
                publisher: s.publisher.as_deref(),
                extra: &s.extra,
            })
            .collect(),
        conditions: files
            .iter()
            .flat_map(|&f| &all[f].conditions)
            .map(|d| ConditionOut {
                id: &d.id,
                title: &d.title,
                description: d.description.as_deref(),
                implies: &d.implies,
                extra: &d.extra,
            })
            .collect(),
        explain: merged_explain(all, files),
        ..header
    };
    let stages = pathways
        .stages()
        .filter(|(_, s)| chosen[s.pathway])
        .map(|(_, s)| stage_out(s, &sources))
        .collect();
    let transitions = pathways
        .graph()
        .edge_references()
        .filter(|e| chosen[e.weight().pathway])
        .map(|e| TransitionOut {
            from: &pathways.stage(e.source()).id,
            to: &pathways.stage(e.target()).id,
            ..transition_out(e.weight(), &sources)
        })
        .collect();
    let mut extra = Map::new();
    for &f in files {
        for (key, value) in &all[f].top_extra {
            extra.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    let doc = Document {
        format: FORMAT,
        pathway: header,
        stages,
        transitions,
        extra,
    };
    let mut text = crate::sanitize::json_pretty(&doc)?;
    text.push('\n');
    Ok(text)
}

fn stage_out<'a>(s: &'a Stage, sources: &Sources<'a>) -> StageOut<'a> {
    StageOut {
        id: &s.id,
        title: &s.title,
        kind: s.kind.as_str(),
        level: s.level,
        entry: s.entry.iter().map(ToString::to_string).collect(),
        credential: s.credential.as_deref(),
        weeks: s.weeks.map(Num),
        cost_usd: s.cost_usd.map(Num),
        wage: s.wage.as_ref().map(|w| WageOut {
            median_annual_usd: Num(w.median_annual_usd),
            year: w.year,
            source: sources.cite(s.pathway, &w.source),
            extra: w.extra.as_deref(),
        }),
        soc: s.soc.as_deref(),
        description: s.description(),
        services: s.services(),
        tags: s.tags(),
        sources: s.sources.iter().map(|id| sources.cite(s.pathway, id)).collect(),
        note: s.note(),
        requires: s.requires(),
        awards: s.awards(),
        weeks_range: s.weeks_range().map(|(lo, hi)| [Num(lo), Num(hi)]),
        hours: s.hours().map(Num),
        url: s.url(),
        contact: s.contact(),
        explain: s.explain(),
        extra: s.extra(),
    }
}

/// A transition's own fields; its ends are filled in by the caller, who knows the graph.
fn transition_out<'a>(t: &'a Transition, sources: &Sources<'a>) -> TransitionOut<'a> {
    TransitionOut {
        from: "",
        to: "",
        mode: t.mode.as_str(),
        weeks: t.weeks.map(Num),
        cost_usd: t.cost_usd.map(Num),
        note: t.note(),
        sources: t.sources().iter().map(|id| sources.cite(t.pathway, id)).collect(),
        explain: t.explain(),
        extra: t.extra(),
    }
}

/// A file's own header (its sources, conditions and explanations are filled in by `render`).
fn own_header(p: &Pathway) -> Header<'_> {
    Header {
        id: p.id.clone(),
        title: p.title.clone(),
        sector: p.sector.clone(),
        region: p.region.as_deref(),
        sources: Vec::new(),
        conditions: Vec::new(),
        explain: Vec::new(),
        extra: p.extra.clone(),
    }
}

/// The files' sector-level explanations, each (code, why) once, in file order.
fn merged_explain<'a>(files: &'a [Pathway], chosen: &[usize]) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for (code, why) in chosen.iter().flat_map(|&f| &files[f].explain) {
        if !out.iter().any(|&(c, w)| c == code && w == why) {
            out.push((code, why));
        }
    }
    out
}

/// One header for several files: their sector when they share one, else all their sectors.
fn merged_header<'a>(files: &'a [Pathway], chosen: &[usize]) -> Header<'a> {
    let mut sectors: Vec<&str> = Vec::new();
    for &f in chosen {
        if !sectors.contains(&files[f].sector.as_str()) {
            sectors.push(&files[f].sector);
        }
    }
    let region = chosen
        .first()
        .and_then(|&f| files[f].region.as_deref())
        .filter(|r| chosen.iter().all(|&f| files[f].region.as_deref() == Some(*r)));
    let (id, title, sector) = match sectors.as_slice() {
        [one] => (slug(one), (*one).to_string(), (*one).to_string()),
        _ => (
            "pathways".to_string(),
            format!("All pathways ({} files)", chosen.len()),
            sectors.join(", "),
        ),
    };
    Header {
        id,
        title,
        sector: if sector.is_empty() {
            "Pathways".to_string()
        } else {
            sector
        },
        region,
        sources: Vec::new(),
        conditions: Vec::new(),
        explain: Vec::new(),
        extra: Map::new(),
    }
}

/// `Information technology` -> `information-technology`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "pathways".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_slugs() {
        assert_eq!(serde_json::to_string(&Num(11.0)).ok().as_deref(), Some("11"));
        assert_eq!(serde_json::to_string(&Num(1.5)).ok().as_deref(), Some("1.5"));
        assert_eq!(
            serde_json::to_string(&Num(42260.0)).ok().as_deref(),
            Some("42260")
        );
        assert_eq!(slug("Information technology"), "information-technology");
        assert_eq!(slug("Adult education (shared)"), "adult-education-shared");
        assert_eq!(slug("!!"), "pathways");
    }

    fn source(id: &str, title: &str) -> Source {
        Source {
            id: id.into(),
            title: title.into(),
            year: None,
            url: None,
            publisher: None,
            ..Default::default()
        }
    }

    fn file(id: &str, sources: Vec<Source>) -> Pathway {
        Pathway {
            id: id.into(),
            title: id.into(),
            sector: id.into(),
            region: None,
            sources,
            conditions: Vec::new(),
            file: format!("{id}.json"),
            explain: Vec::new(),
            extra: Map::new(),
            ..Default::default()
        }
    }

    #[test]
    fn sources_merge_and_clashes_are_renamed() {
        let files = vec![
            file("a", vec![source("oews", "OEWS 2025"), source("nrs", "NRS")]),
            file(
                "b",
                vec![source("oews", "OEWS 2025"), source("nrs", "Something else")],
            ),
        ];
        let merged = Sources::merge(&files, &[0, 1]);
        let ids: Vec<&str> = merged.list.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["oews", "nrs", "nrs-b"]);
        assert_eq!(merged.cite(1, "oews"), "oews");
        assert_eq!(merged.cite(1, "nrs"), "nrs-b");
        assert_eq!(merged.cite(0, "nrs"), "nrs");
    }
}
