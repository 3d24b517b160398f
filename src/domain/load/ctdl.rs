//! Credential Engine CTDL pathways (JSON-LD): a `ceterms:Pathway`, its `PathwayComponent`s and
//! their `ComponentCondition`s, read into the `pathways/1` document they stand for, which the
//! loader then checks as it checks any file (as `csv` does for spreadsheets).
//!
//! Real documents vary (`../shared/ctdl/README.md` lists what was seen): compact or expanded
//! JSON-LD, a bare array, an `@graph` envelope, any prefix or none (`ceterms:`, `ceasn:`, a full
//! IRI), single values or arrays, `{"@id"}` or plain strings, language maps. Keys are matched on
//! their local name; a stage is named by its `ctid`, else its `@id`; references resolve by `@id`.
//!
//! Mapping: JobComponent -> employment, WorkExperienceComponent -> work-based, credential and
//! course components (and credential classes such as `Certification`) -> training, any other
//! component -> education. Edges run toward the destination, the union of `hasChild` (child to
//! parent), `isChildOf`, condition targets (nested, embedded or referenced), `precedes`,
//! `precededBy` and the legacy `prerequisite`. The level is the depth from the entry points (the
//! components nothing leads to), which become on-ramps open to anyone; every transition is
//! sequential. The destination and each component's conditions are kept as `x-ctdl-` fields.

use std::collections::{BTreeSet, VecDeque};

// std's maps with a fast hasher: a registry document may hold 100,000 components.
use hashbrown::{HashMap, HashSet};

// The fields the rest of the program reads back.
use crate::domain::ctdl as marks;

use serde_json::{Map, Value, json};

/// The highest level `pathways/1` has: deeper components share it.
const TOP_LEVEL: usize = 9;

/// How deep conditions nest before the reader stops following them (a cycle of references).
const MAX_CONDITION_DEPTH: usize = 32;

/// Whether a JSON document is CTDL rather than a `pathways/1` or levels file: a bare array, or an
/// object with JSON-LD keys (`@context`, `@graph`, `@type`, `@id`) and no `format` tag.
pub fn is_ctdl(value: &Value) -> bool {
    match value {
        Value::Array(items) => items
            .iter()
            .any(|v| v.get("@type").is_some() || v.get("@id").is_some()),
        Value::Object(map) => {
            !map.contains_key("format")
                && ["@context", "@graph", "@type", "@id"]
                    .iter()
                    .any(|k| map.contains_key(*k))
        }
        _ => false,
    }
}

/// What reading a CTDL document gave: the `pathways/1` document, as compact JSON text (nobody
/// reads it: messages about it name components). References to ids no component has are left
/// out and listed in the pathway's `x-ctdl-dangling`.
#[derive(Debug)]
pub struct Read {
    pub text: String,
    /// Where each generated stage and transition came from, for messages about them.
    pub places: Places,
}

/// The component `@id` behind each generated stage, and the pair of stages behind each
/// transition: a problem found after the conversion names them, not a place in text the user
/// never saw.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Places {
    pub stages: Vec<String>,
    /// Indices into `stages`.
    pub transitions: Vec<(usize, usize)>,
}

impl Places {
    /// The `@id` of the node a generated pointer is about: the stage's component, or the
    /// component a transition leads into (whose member gives the link).
    pub fn node_of(&self, pointer: &str) -> Option<&str> {
        let mut parts = pointer.trim_start_matches('/').split('/');
        let (list, index) = (parts.next()?, parts.next()?.parse::<usize>().ok()?);
        match list {
            "stages" => self.stages.get(index).map(String::as_str),
            "transitions" => self
                .transitions
                .get(index)
                .and_then(|&(_, to)| self.stages.get(to))
                .map(String::as_str),
            _ => None,
        }
    }

    /// Where each node is defined in the CTDL text: the byte offset of the first `"@id"` member
    /// naming it, in one pass over the text.
    pub fn id_offsets(text: &str) -> HashMap<String, usize> {
        let mut out = HashMap::new();
        for (at, key) in text.match_indices("\"@id\"") {
            let rest = text[at + key.len()..].trim_start();
            let Some(value) = rest.strip_prefix(':').map(str::trim_start) else {
                continue;
            };
            // The string value, to its closing quote (a backslash escapes the next character).
            let Some(body) = value.strip_prefix('"') else {
                continue;
            };
            let mut escaped = false;
            let Some(end) = body.char_indices().find_map(|(i, c)| {
                let closes = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                closes.then_some(i)
            }) else {
                continue;
            };
            if let Ok(id) = serde_json::from_str::<String>(&value[..end + 2]) {
                out.entry(id).or_insert(at);
            }
        }
        out
    }

    /// A generated document's JSON pointer in the words of the CTDL file.
    pub fn describe(&self, pointer: &str) -> String {
        let mut parts = pointer.trim_start_matches('/').splitn(3, '/');
        let (list, index, rest) = (parts.next(), parts.next(), parts.next());
        let index: Option<usize> = index.and_then(|i| i.parse().ok());
        let field = rest.map(|f| match f.split('/').next().unwrap_or(f) {
            "title" => "name",
            "id" => "ctid",
            "kind" => "@type",
            "level" => "hasProgressionLevel",
            other => other,
        });
        let with = |what: String| match field {
            Some(f) => format!("{what}, {f}"),
            None => what,
        };
        match (list, index) {
            (Some("stages"), Some(i)) if i < self.stages.len() => {
                with(format!("component {}", self.stages[i]))
            }
            (Some("transitions"), Some(i))
                if let Some((a, b)) = self
                    .transitions
                    .get(i)
                    .and_then(|&(a, b)| Some((self.stages.get(a)?, self.stages.get(b)?))) =>
            {
                format!("the link from {a} to {b}")
            }
            _ => format!("(the pathway read from CTDL) {pointer}"),
        }
    }
}

/// Why a CTDL document gives no pathway: one line, for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub String);

/// A key's local name: `ceterms:hasChild`, `https://purl.org/ctdl/terms/hasChild` and `hasChild`
/// are all `hasChild`; JSON-LD keywords stay as they are.
fn local(key: &str) -> &str {
    if key.starts_with('@') {
        return key;
    }
    key.rsplit(['#', '/', ':']).next().unwrap_or(key)
}

/// The members of a node by local name (a later duplicate adds its values).
fn members(node: &Map<String, Value>) -> HashMap<&str, Vec<&Value>> {
    let mut out: HashMap<&str, Vec<&Value>> = HashMap::new();
    for (k, v) in node {
        let values = out.entry(local(k)).or_default();
        match v {
            Value::Array(items) => values.extend(items.iter()),
            other => values.push(other),
        }
    }
    out
}

/// One member's values by local name, without reading the others into a map.
fn member<'a>(node: &'a Map<String, Value>, name: &str) -> Vec<&'a Value> {
    let mut values = Vec::new();
    for (_, v) in node.iter().filter(|(k, _)| local(k) == name) {
        match v {
            Value::Array(items) => values.extend(items.iter()),
            other => values.push(other),
        }
    }
    values
}

/// A value as a reference or a plain string: `"x"`, `{"@id": "x"}` or `{"@value": "x"}`.
fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s.as_str()),
        Value::Object(m) => m.get("@id").or_else(|| m.get("@value")).and_then(Value::as_str),
        _ => None,
    }
}

/// The local names of a node's types.
fn types(node: &Map<String, Value>) -> impl Iterator<Item = &str> {
    // `@type` is a keyword: no prefix to strip from the key, so no need to read every member.
    let values = match node.get("@type") {
        Some(Value::Array(items)) => items.as_slice(),
        Some(one) => std::slice::from_ref(one),
        None => &[],
    };
    values.iter().filter_map(text_of).map(local)
}

fn is_component_type(t: &str) -> bool {
    t.ends_with("Component") && t != "ComponentCondition"
}

fn is_condition_type(t: &str) -> bool {
    matches!(t, "ComponentCondition" | "Constraint" | "Condition")
}

fn is_pathway_type(t: &str) -> bool {
    matches!(t, "Pathway" | "PathwaySet")
}

fn is_progression_type(t: &str) -> bool {
    matches!(t, "ProgressionModel" | "ProgressionLevel")
}

/// A name, choosing en-US, then en-us, then en, then the first; trimmed.
fn name_of(values: Option<&Vec<&Value>>) -> Option<String> {
    let values = values?;
    let mut by_lang: Vec<(String, String)> = Vec::new();
    for v in values {
        match v {
            Value::String(s) => by_lang.push((String::new(), s.clone())),
            Value::Object(m) if m.contains_key("@value") => {
                let lang = m
                    .get("@language")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                if let Some(s) = m.get("@value").and_then(Value::as_str) {
                    by_lang.push((lang, s.to_string()));
                }
            }
            Value::Object(m) => {
                for (lang, s) in m {
                    let texts: Vec<&str> = match s {
                        Value::String(s) => vec![s.as_str()],
                        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                        _ => Vec::new(),
                    };
                    by_lang.extend(texts.into_iter().map(|t| (lang.clone(), t.to_string())));
                }
            }
            _ => {}
        }
    }
    let pick = ["en-US", "en-us", "en"]
        .iter()
        .find_map(|want| by_lang.iter().find(|(l, _)| l == want))
        .or_else(|| by_lang.first())?;
    let name = pick.1.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// The kind a component's classes map to.
fn kind_of(node: &Map<String, Value>) -> &'static str {
    let has = |f: &dyn Fn(&str) -> bool| types(node).any(f);
    if has(&|t| t == "JobComponent") {
        "employment"
    } else if has(&|t| t == "WorkExperienceComponent") {
        "work-based"
    } else if has(&|t| matches!(t, "CourseComponent" | "Course") || is_credential_type(t)) {
        // Courses, and credentials of any class (Certification, Certificate, Degree, Badge, ...).
        "training"
    } else {
        "education"
    }
}

/// A CredentialComponent, or a class that is none of the pathway's own (a credential class such
/// as Certification, Degree or Badge): finishing it awards one, which makes it an off-ramp.
fn is_credential_type(t: &str) -> bool {
    t == "CredentialComponent"
        || !(is_component_type(t)
            || is_condition_type(t)
            || is_pathway_type(t)
            || is_progression_type(t)
            || t == "Course")
}

/// The top-level nodes: a bare array, an `@graph` envelope (of one document or several), or one
/// node.
fn top_nodes(value: &Value) -> Vec<&Map<String, Value>> {
    match value {
        Value::Array(items) => items.iter().flat_map(top_nodes).collect(),
        Value::Object(m) => match m.get("@graph") {
            Some(graph) => top_nodes(graph),
            None => vec![m],
        },
        _ => Vec::new(),
    }
}

/// The CTDL document as the `pathways/1` document it stands for, from the file `file`.
///
/// Stages are numbered as they are found and edges kept as pairs of numbers, and the document is
/// written as text directly: a registry document may hold 100,000 components (issue 17, under
/// 1.5 s for the whole load).
pub fn read(file: &str, value: &Value) -> Result<Read, Failure> {
    let nodes = top_nodes(value);
    let mut by_id: HashMap<&str, &Map<String, Value>> = HashMap::with_capacity(nodes.len());
    let mut duplicates: BTreeSet<&str> = BTreeSet::new();
    for node in &nodes {
        if let Some(id) = node.get("@id").and_then(Value::as_str) {
            match by_id.get(id) {
                Some(seen) if *seen != *node => {
                    duplicates.insert(id);
                }
                Some(_) => {}
                None => {
                    by_id.insert(id, node);
                }
            }
        }
    }
    if !duplicates.is_empty() {
        let ids: Vec<&str> = duplicates.iter().copied().take(5).collect();
        return Err(Failure(format!(
            "duplicate @id: {} id{} each label two different nodes ({}{})",
            duplicates.len(),
            if duplicates.len() == 1 { "" } else { "s" },
            ids.join(", "),
            if duplicates.len() > ids.len() { ", ..." } else { "" }
        )));
    }
    let pathway = nodes
        .iter()
        .find(|n| types(n).any(|t| t == "Pathway"))
        .ok_or_else(|| {
            let model = nodes.iter().any(|n| types(n).any(|t| t == "ProgressionModel"));
            Failure(if model {
                "a progression model, not a pathway: load the pathway's own file (levels are read from \
                 a model in the same document only)"
                    .into()
            } else {
                "no ceterms:Pathway node: a CTDL pathway file has one".into()
            })
        })?;
    // Stages: the components, and what a component points at as a child or a condition target.
    let mut stage_ids: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for node in &nodes {
        if types(node).any(is_component_type)
            && let Some(id) = node.get("@id").and_then(Value::as_str)
            && !index.contains_key(id)
        {
            index.insert(id, stage_ids.len());
            stage_ids.push(id);
        }
    }
    // Links as the document's own strings (no copy per link), numbered once all stages are known.
    let mut links_found: Vec<(&str, &str)> = Vec::new();
    let mut stage_members: Vec<HashMap<&str, Vec<&Value>>> = Vec::with_capacity(stage_ids.len());
    let mut conditions: HashMap<usize, Vec<String>> = HashMap::new();
    let mut unsatisfiable: HashMap<usize, Vec<String>> = HashMap::new();
    // A worklist: what a stage points at as a child or a condition target (a Certification node,
    // say) is a stage too, whose own links are then read.
    let mut next = 0;
    while next < stage_ids.len() {
        let id = stage_ids[next];
        let m = members(by_id[id]);
        let first = links_found.len();
        let mut said = Said::default();
        links(&m, id, &by_id, &mut links_found, &mut said);
        if !said.words.is_empty() {
            conditions.insert(next, said.words);
        }
        if !said.unsatisfiable.is_empty() {
            unsatisfiable.insert(next, said.unsatisfiable);
        }
        // Only this stage's own links are checked: the walk stays linear.
        for &(from, to) in &links_found[first..] {
            for end in [from, to] {
                if !index.contains_key(end)
                    && let Some((&key, node)) = by_id.get_key_value(end)
                    && !types(node)
                        .any(|t| is_pathway_type(t) || is_condition_type(t) || is_progression_type(t))
                {
                    index.insert(key, stage_ids.len());
                    stage_ids.push(key);
                }
            }
        }
        stage_members.push(m);
        next += 1;
    }
    let mut dangling: BTreeSet<&str> = BTreeSet::new();
    let mut edges: Vec<(usize, usize)> = Vec::with_capacity(links_found.len());
    for (a, b) in links_found {
        match (index.get(a), index.get(b)) {
            (Some(&i), Some(&j)) if i != j => edges.push((i, j)),
            (Some(_), Some(_)) => {}
            (i, j) => {
                dangling.extend(i.is_none().then_some(a));
                dangling.extend(j.is_none().then_some(b));
            }
        }
    }
    // In the order the stages were found, each once.
    edges.sort_unstable();
    edges.dedup();
    let pm = members(pathway);
    let destination = pm
        .get("hasDestinationComponent")
        .and_then(|vs| vs.iter().find_map(|v| text_of(v)))
        .and_then(|d| index.get(d).copied())
        .ok_or_else(|| {
            Failure(
                "the pathway names no destination component (hasDestinationComponent) among its components"
                    .into(),
            )
        })?;
    // Stage ids: the ctid when the node has one, else its @id; as JSON strings, written once.
    let keys: Vec<String> = stage_ids
        .iter()
        .zip(&stage_members)
        .map(|(&id, m)| {
            let key = m
                .get("ctid")
                .and_then(|vs| vs.iter().find_map(|v| text_of(v)))
                .unwrap_or(id);
            json_string(key)
        })
        .collect();
    let depth = depths(stage_ids.len(), &edges);
    let ranks = progression_ranks(&nodes);
    // A linked progression level gives the level; else the depth from the entry points.
    let level_of = |i: usize| -> usize {
        stage_members[i]
            .get("hasProgressionLevel")
            .and_then(|vs| vs.iter().find_map(|v| text_of(v).and_then(|l| ranks.get(l))))
            .copied()
            .unwrap_or(depth[i])
    };
    let integrated: HashSet<(usize, usize)> = integrated_edges(&pm)
        .into_iter()
        .filter_map(|(a, b)| Some((*index.get(a)?, *index.get(b)?)))
        .collect();
    let mut has_incoming = vec![false; stage_ids.len()];
    for &(_, b) in &edges {
        has_incoming[b] = true;
    }
    let pathway_id = pm
        .get("ctid")
        .and_then(|vs| vs.iter().find_map(|v| text_of(v)))
        .or_else(|| pathway.get("@id").and_then(Value::as_str))
        .unwrap_or(file)
        .to_string();
    let pathway_title = name_of(pm.get("name")).unwrap_or_else(|| pathway_id.clone());
    let mut header = json!({"id": pathway_id, "title": pathway_title, "sector": pathway_title});
    if !dangling.is_empty() {
        header["x-ctdl-dangling"] = json!(dangling);
    }
    let mut out = String::with_capacity(160 * stage_ids.len() + 64 * edges.len() + 256);
    out.push_str("{\"format\":");
    out.push_str(&json_string(super::format::FORMAT));
    out.push_str(",\"pathway\":");
    out.push_str(&header.to_string());
    out.push_str(",\"stages\":[");
    for (i, &id) in stage_ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let node = by_id[id];
        let m = &stage_members[i];
        let title = name_of(m.get("name"));
        let title = title.as_deref().map_or_else(|| keys[i].clone(), json_string);
        // Fields in the order a person would write them; `{` opens the object.
        out.push('{');
        let mut field = |name: &str, json: &str| {
            out.push_str(if out.ends_with('{') { "\"" } else { ",\"" });
            out.push_str(name);
            out.push_str("\":");
            out.push_str(json);
        };
        field("id", &keys[i]);
        field("title", &title);
        field("kind", &json_string(kind_of(node)));
        field("level", &level_of(i).min(TOP_LEVEL).to_string());
        if !has_incoming[i] {
            field("entry", "[\"any\"]");
        }
        if types(node).any(is_credential_type) {
            field("credential", &title);
        }
        if let Some(d) = name_of(m.get("description")) {
            field("description", &json_string(&d));
        }
        if i == destination {
            field(marks::DESTINATION, "true");
        }
        if let Some(words) = conditions.get(&i) {
            field(marks::CONDITIONS, &json_strings(words));
        }
        if let Some(words) = unsatisfiable.get(&i) {
            field(marks::UNSATISFIABLE, &json_strings(words));
        }
        out.push('}');
    }
    out.push_str("],\"transitions\":[");
    for (n, &(a, b)) in edges.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        let mode = if integrated.contains(&(a, b)) {
            "integrated"
        } else {
            "sequential"
        };
        out.push_str("{\"from\":");
        out.push_str(&keys[a]);
        out.push_str(",\"to\":");
        out.push_str(&keys[b]);
        out.push_str(",\"mode\":\"");
        out.push_str(mode);
        out.push_str("\"}");
    }
    out.push_str("]}");
    let places = Places {
        stages: stage_ids.iter().map(|s| (*s).to_string()).collect(),
        transitions: edges,
    };
    Ok(Read { text: out, places })
}

/// A string as JSON text, quoted and escaped.
fn json_string(s: &str) -> String {
    // Writing a string cannot fail.
    serde_json::to_string(s).unwrap_or_default()
}

/// Strings as a JSON array.
fn json_strings(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_default()
}

/// What a stage's conditions say: each in words, and those no learner can meet.
#[derive(Default)]
struct Said {
    words: Vec<String>,
    unsatisfiable: Vec<String>,
}

/// Each progression level's rank: its place in its model's `hasTopConcept` list, lowest first.
fn progression_ranks<'a>(nodes: &[&'a Map<String, Value>]) -> HashMap<&'a str, usize> {
    let mut ranks = HashMap::new();
    for node in nodes {
        if !types(node).any(|t| t == "ProgressionModel") {
            continue;
        }
        if let Some(levels) = members(node).get("hasTopConcept") {
            for (rank, level) in levels.iter().filter_map(|v| text_of(v)).enumerate() {
                ranks.entry(level).or_insert(rank);
            }
        }
    }
    ranks
}

/// The transitions a `pathways` export marked integrated (`pw:integrated`, an extension term:
/// CTDL has no word for it), as pairs of component `@id`s.
fn integrated_edges<'a>(pathway: &HashMap<&str, Vec<&'a Value>>) -> BTreeSet<(&'a str, &'a str)> {
    pathway
        .get("integrated")
        .into_iter()
        .flatten()
        .filter_map(|v| {
            let Value::Object(pair) = v else { return None };
            let m = members(pair);
            let end = |k: &str| m.get(k).and_then(|vs| vs.iter().find_map(|v| text_of(v)));
            Some((end("from")?, end("to")?))
        })
        .collect()
}

/// The edges one stage's own members give, toward the destination, and its conditions in words.
fn links<'a>(
    m: &HashMap<&'a str, Vec<&'a Value>>,
    id: &'a str,
    by_id: &HashMap<&'a str, &'a Map<String, Value>>,
    edges: &mut Vec<(&'a str, &'a str)>,
    said: &mut Said,
) {
    let refs = |key: &str| -> Vec<&'a str> {
        m.get(key)
            .map(|vs| vs.iter().filter_map(|v| text_of(v)).collect())
            .unwrap_or_default()
    };
    edges.extend(refs("hasChild").into_iter().map(|child| (child, id)));
    edges.extend(refs("isChildOf").into_iter().map(|parent| (id, parent)));
    edges.extend(refs("precedes").into_iter().map(|next| (id, next)));
    let before = refs("precededBy").into_iter().chain(refs("prerequisite"));
    edges.extend(before.map(|b| (b, id)));
    if let Some(conds) = m.get("hasCondition") {
        for c in conds {
            follow_condition(c, by_id, id, 0, edges, said);
        }
    }
}

/// Follows one condition (embedded or referenced by `@id`) of component `owner`: its targets lead
/// into the owner; its nested conditions are followed too. Says it in words for the stage:
/// "requires 2 of: A, B, C", nested conditions indented.
fn follow_condition<'a>(
    c: &'a Value,
    by_id: &HashMap<&'a str, &'a Map<String, Value>>,
    owner: &'a str,
    depth: usize,
    edges: &mut Vec<(&'a str, &'a str)>,
    said: &mut Said,
) {
    if depth > MAX_CONDITION_DEPTH {
        return;
    }
    let node = match c {
        Value::Object(m) if m.len() > 1 || !m.contains_key("@id") => Some(m),
        other => text_of(other).and_then(|id| by_id.get(id).copied()),
    };
    let Some(node) = node else { return };
    let m = members(node);
    let targets: Vec<&str> = m
        .get("targetComponent")
        .map(|vs| vs.iter().filter_map(|v| text_of(v)).collect())
        .unwrap_or_default();
    edges.extend(targets.iter().map(|t| (*t, owner)));
    let required = m.get("requiredNumber").and_then(|vs| vs.first()).and_then(|v| {
        v.as_u64()
            .or_else(|| text_of(v).and_then(|s| s.trim().parse().ok()))
    });
    let names: Vec<String> = targets
        .iter()
        .map(|t| {
            by_id
                .get(t)
                .and_then(|n| name_of(Some(&member(n, "name"))))
                .unwrap_or_else(|| (*t).to_string())
        })
        .collect();
    let indent = "  ".repeat(depth);
    let label = name_of(m.get("name")).or_else(|| name_of(m.get("description")));
    // What the condition may be met by: its targets and its nested conditions.
    let options = targets.len() + m.get("hasCondition").map_or(0, Vec::len);
    let name = label.clone().unwrap_or_else(|| "a condition".to_string());
    match required {
        _ if options == 0 => said
            .unsatisfiable
            .push(format!("{name} lists no component or condition to meet it")),
        Some(r) if r > options as u64 => said
            .unsatisfiable
            .push(format!("{name} requires {r} but lists {options} to choose from")),
        _ => {}
    }
    if !names.is_empty() || label.is_some() {
        let n = required.map_or_else(|| names.len().to_string(), |r| r.to_string());
        let what = if names.is_empty() {
            String::new()
        } else {
            format!("requires {n} of: {}", names.join(", "))
        };
        let line = match (label, what.is_empty()) {
            (Some(l), true) => l,
            (Some(l), false) => format!("{l}: {what}"),
            (None, _) => what,
        };
        said.words.push(format!("{indent}{line}"));
    }
    if let Some(nested) = m.get("hasCondition") {
        for c in nested {
            follow_condition(c, by_id, owner, depth + 1, edges, said);
        }
    }
}

/// Each stage's depth from the entry points: the longest chain of edges that leads to it (the
/// first visit where edges form a cycle), so every edge climbs at least one level where it can.
fn depths(stages: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); stages];
    let mut indegree = vec![0usize; stages];
    for &(i, j) in edges {
        out_edges[i].push(j);
        indegree[j] += 1;
    }
    let mut depth = vec![0usize; stages];
    let mut queue: VecDeque<usize> = (0..stages).filter(|&i| indegree[i] == 0).collect();
    let mut left = indegree.clone();
    while let Some(i) = queue.pop_front() {
        for &j in &out_edges[i] {
            depth[j] = depth[j].max(depth[i] + 1);
            left[j] -= 1;
            if left[j] == 0 {
                queue.push_back(j);
            }
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::{Input, Origin, load};

    fn loaded(text: &str) -> crate::domain::graph::Pathways {
        let input = Input {
            name: "p.jsonld".into(),
            bytes: text.as_bytes().to_vec(),
            origin: Origin::User,
        };
        match load(&[input]) {
            Ok(l) => l.pathways,
            Err(e) => panic!("{:?}", e.errors),
        }
    }

    fn edges(p: &crate::domain::graph::Pathways) -> BTreeSet<(String, String)> {
        let g = p.graph();
        g.edge_indices()
            .filter_map(|e| g.edge_endpoints(e))
            .map(|(a, b)| (g[a].id.clone(), g[b].id.clone()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    /// Compact JSON-LD in a registry envelope: prefixes, a language map, a ctid that differs from
    /// the @id, a credential class pulled in as a child, an embedded condition with a nested one
    /// referenced by @id, and `precedes`.
    const COMPACT: &str = r#"{
      "@context": "https://credreg.net/ctdl/schema/context/json",
      "@id": "https://example.org/graph/ce-1",
      "@graph": [
        {"@id": "https://example.org/resources/ce-p", "@type": "ceterms:Pathway", "ceterms:ctid": "ce-p",
         "ceterms:name": {"en-US": " Welding pathway "},
         "ceterms:hasDestinationComponent": "https://example.org/resources/ce-aas"},
        {"@id": "https://example.org/resources/ce-aas", "@type": "ceterms:CredentialComponent",
         "ceterms:ctid": "ce-aas", "ceterms:name": {"en": "Welding AAS", "es": "Soldadura AAS"},
         "ceterms:hasChild": ["https://example.org/resources/ce-cert"],
         "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition", "ceterms:requiredNumber": 2,
            "ceterms:name": {"en": "Core"},
            "ceterms:targetComponent": ["https://example.org/resources/ce-we110", "https://example.org/resources/ce-we111"],
            "ceterms:hasCondition": ["https://example.org/resources/cond-2"]}]},
        {"@id": "https://example.org/resources/cond-2", "@type": "ceterms:ComponentCondition",
         "ceterms:targetComponent": "https://example.org/resources/ce-we104"},
        {"@id": "https://example.org/resources/ce-cert", "@type": "ceterms:Certification",
         "ceterms:ctid": "ce-cert-verbatim", "ceterms:name": "AWS certification"},
        {"@id": "https://example.org/resources/ce-we110", "@type": "ceterms:CourseComponent",
         "ceterms:name": "WE110", "ceterms:precedes": "https://example.org/resources/ce-we111"},
        {"@id": "https://example.org/resources/ce-we111", "@type": "ceterms:CourseComponent", "ceterms:name": "WE111"},
        {"@id": "https://example.org/resources/ce-we104", "@type": "ceterms:CourseComponent", "ceterms:name": "WE104",
         "ceterms:hasChild": "https://example.org/resources/missing"}
      ]}"#;

    #[test]
    fn compact_json_ld_in_an_envelope() {
        let p = loaded(COMPACT);
        let ids: BTreeSet<&str> = p.stages().map(|(_, s)| s.id.as_str()).collect();
        let want: BTreeSet<&str> = [
            "ce-aas",
            "ce-cert-verbatim",
            "https://example.org/resources/ce-we110",
            "https://example.org/resources/ce-we111",
            "https://example.org/resources/ce-we104",
        ]
        .into();
        assert_eq!(ids, want);
        let we = |n: &str| format!("https://example.org/resources/ce-{n}");
        assert_eq!(
            edges(&p),
            BTreeSet::from([
                pair("ce-cert-verbatim", "ce-aas"),
                pair(&we("we110"), "ce-aas"),
                pair(&we("we111"), "ce-aas"),
                pair(&we("we104"), "ce-aas"),
                pair(&we("we110"), &we("we111")),
            ])
        );
        let aas = p.stage(p.find("ce-aas").expect("aas"));
        assert_eq!(aas.title, "Welding AAS", "English chosen from the language map");
        assert_eq!(aas.kind, crate::domain::model::Kind::Training);
        let extra = aas.extra().expect("x- fields");
        assert_eq!(extra["x-ctdl-destination"], json!(true));
        assert_eq!(
            extra["x-ctdl-conditions"],
            json!(["Core: requires 2 of: WE110, WE111", "  requires 1 of: WE104"])
        );
        assert_eq!(p.pathways()[0].title, "Welding pathway", "trimmed");
        // WE110 is an entry point (level 0); WE111 follows it; the AAS is above both.
        let level = |id: &str| p.stage(p.find(id).expect(id)).level;
        assert_eq!(
            (level(&we("we110")), level(&we("we111")), level("ce-aas")),
            (0, 1, 2)
        );
    }

    /// Expanded JSON-LD: full-IRI keys, every value an array of `@id`/`@value` objects, isChildOf,
    /// precededBy and the legacy prerequisite, a job and a work-experience component.
    #[test]
    fn expanded_json_ld_with_every_kind_of_link() {
        let t = "https://purl.org/ctdl/terms/";
        let text = format!(
            r#"[
          {{"@id": "_:p", "@type": ["{t}Pathway"], "{t}name": [{{"@language": "en", "@value": "Care"}}],
            "{t}hasDestinationComponent": [{{"@id": "_:job"}}]}},
          {{"@id": "_:job", "@type": ["{t}JobComponent"], "{t}name": [{{"@value": "Nurse"}}],
            "{t}prerequisite": [{{"@id": "_:work"}}]}},
          {{"@id": "_:work", "@type": ["{t}WorkExperienceComponent"], "{t}name": [{{"@value": "Clinical hours"}}],
            "{t}precededBy": [{{"@id": "_:basic"}}]}},
          {{"@id": "_:basic", "@type": ["{t}BasicComponent"], "{t}name": [{{"@value": "Orientation"}}],
            "{t}isChildOf": [{{"@id": "_:work"}}]}}
        ]"#
        );
        let p = loaded(&text);
        assert_eq!(
            edges(&p),
            BTreeSet::from([pair("_:work", "_:job"), pair("_:basic", "_:work")])
        );
        let kind = |id: &str| p.stage(p.find(id).expect(id)).kind;
        use crate::domain::model::Kind;
        assert_eq!(
            (kind("_:job"), kind("_:work"), kind("_:basic")),
            (Kind::Employment, Kind::WorkBased, Kind::Education)
        );
    }

    fn failure(text: &str) -> String {
        let value: Value = serde_json::from_str(text).expect("JSON");
        read("f.json", &value).expect_err("must fail").0
    }

    #[test]
    fn broken_documents_say_why() {
        let dup = r#"[{"@id": "a", "@type": "Pathway", "hasDestinationComponent": "a"},
                      {"@id": "x", "@type": "BasicComponent", "name": "One"},
                      {"@id": "x", "@type": "BasicComponent", "name": "Two"}]"#;
        assert!(
            failure(dup).starts_with("duplicate @id: 1 id each label two different nodes (x)"),
            "{}",
            failure(dup)
        );
        let none = r#"[{"@id": "x", "@type": "BasicComponent", "name": "One"}]"#;
        assert!(failure(none).starts_with("no ceterms:Pathway node"));
        // A progression model on its own (CompTIA publishes one beside its pathway) says so.
        let model = r#"{"@context": "x", "@graph": [{"@id": "m", "@type": "asn:ProgressionModel",
                         "skos:hasTopConcept": ["l1"]}, {"@id": "l1", "@type": "asn:ProgressionLevel"}]}"#;
        assert!(
            failure(model).starts_with("a progression model, not a pathway"),
            "{}",
            failure(model)
        );
        let nodest = r#"[{"@id": "p", "@type": "Pathway", "hasDestinationComponent": "nowhere"},
                         {"@id": "x", "@type": "BasicComponent"}]"#;
        assert!(failure(nodest).contains("no destination"), "{}", failure(nodest));
    }

    #[test]
    fn dangling_references_are_kept_out_and_listed() {
        let value: Value = serde_json::from_str(COMPACT).expect("JSON");
        let read = read("f.json", &value).expect("reads");
        let document: Value = serde_json::from_str(&read.text).expect("JSON text");
        assert_eq!(
            document["pathway"]["x-ctdl-dangling"],
            json!(["https://example.org/resources/missing"])
        );
    }

    #[test]
    fn only_json_ld_is_ctdl() {
        assert!(is_ctdl(&json!([{"@type": "Pathway"}])));
        assert!(is_ctdl(&json!({"@graph": []})));
        assert!(!is_ctdl(&json!({"format": "pathways/1", "@id": "x"})));
        assert!(!is_ctdl(&json!({"stages": []})));
        assert_eq!(local("https://purl.org/ctdl/terms/hasChild"), "hasChild");
        assert_eq!(local("ceasn:hasChild"), "hasChild");
        assert_eq!(local("@id"), "@id");
    }

    /// The bench's generated document loads whole: 400 components, 200 - 1 + 193 edges a block
    /// (the conditions' targets repeat edges `hasChild` already gives, or add i-2 -> i and
    /// i-3 -> i), and the last component the destination.
    #[test]
    fn the_generated_ctdl_document_loads() {
        let text = crate::domain::synthetic::ctdl(400);
        let p = loaded(&text);
        assert_eq!(p.stage_count(), 400);
        let expected: BTreeSet<(String, String)> = (0..400usize)
            .flat_map(|i| {
                let b = i % 200;
                let mut e = Vec::new();
                if b > 0 {
                    e.push(i - 1);
                }
                if b >= 7 {
                    e.push(i - 7);
                }
                if b >= 3 && i % 5 == 0 {
                    e.extend([i - 2, i - 3]);
                }
                e.into_iter()
                    .map(move |c| (format!("ce-{c:08}"), format!("ce-{i:08}")))
            })
            .collect();
        assert_eq!(edges(&p), expected);
        let last = p.stage(p.find("ce-00000399").expect("last"));
        assert!(crate::domain::ctdl::is_destination(last));
    }

    /// A problem found after the conversion names the component and its CTDL member, with no
    /// line: a line of the generated document would point at the wrong place in her file.
    #[test]
    fn problems_after_the_conversion_name_the_component() {
        let text = r#"{"@context": "x", "@graph": [
          {"@id": "_:p", "@type": "ceterms:Pathway", "ceterms:hasDestinationComponent": "_:a"},
          {"@id": "_:a", "@type": "ceterms:CourseComponent", "ceterms:name": "LONG"},
          {"@id": "_:b", "@type": "ceterms:CourseComponent", "ceterms:name": "B", "ceterms:isChildOf": "_:a"}]}"#
            .replace("LONG", &"A".repeat(400));
        let input = Input {
            name: "f.jsonld".into(),
            bytes: text.into_bytes(),
            origin: Origin::User,
        };
        let said = crate::domain::load::load(&[input])
            .expect_err("refused")
            .to_string();
        assert!(
            said.starts_with("f.jsonld: component _:a, name: 400 characters: a title has at most"),
            "{said}"
        );
        let places = Places {
            stages: vec!["_:a".into(), "_:b".into()],
            transitions: vec![(1, 0)],
        };
        assert_eq!(places.describe("/transitions/0/from"), "the link from _:b to _:a");
        assert_eq!(places.node_of("/transitions/0"), Some("_:a"));
        let at = Places::id_offsets(r#"{"x": "_:a", "@id" : "_:a", "y": {"@id": "q\"r"}}"#);
        assert_eq!(at.get("_:a"), Some(&13));
        assert_eq!(at.get("q\"r"), Some(&34));
        assert_eq!(at.len(), 2);
    }
}
