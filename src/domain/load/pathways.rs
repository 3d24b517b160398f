//! The `pathways/1` format: a pathway's header, its stages and its transitions, read element by
//! element (side by side in chunks) with ids not yet resolved across files.

use std::borrow::Cow;

use serde_json::{Map, Value};

use hashbrown::HashMap;

use super::MAX_ELEMENT_BYTES;
use super::error::Issue;
use super::fields::Fields;
use super::json::{careful, describe, short};
use super::{parallel, typed};
use crate::domain::audit::Subject;
use crate::domain::condition::Condition;
use crate::domain::level::Entry;
use crate::domain::model::{
    Kind, MAX_CONDITIONS, MAX_HOURS, MAX_SOURCES, MAX_USD, MAX_WEEKS, Mode, Pathway, Source, Stage,
    StageDetails, Transition, Wage,
};

/// One pathway file, checked on its own; ids are not yet resolved across files.
pub(super) struct PathwayFile<'t> {
    /// `None` when the `pathway` object itself is broken (already reported).
    pub(super) pathway: Option<Pathway>,
    /// Good stages and transitions, each with its index in the file, in the chunks they were
    /// read in.
    pub(super) stages: Vec<Vec<(usize, Stage)>>,
    pub(super) transitions: Vec<Vec<(usize, RawTransition<'t>)>>,
    /// Ids of stages dropped for problems: transitions to them are not reported again.
    pub(super) broken_ids: Vec<String>,
}

/// A transition whose ends are ids, not yet resolved to stages; borrowed from the file's text
/// when they hold no escapes.
pub(super) struct RawTransition<'t> {
    pub(super) from: Cow<'t, str>,
    pub(super) to: Cow<'t, str>,
    pub(super) transition: Transition,
}

/// What the file gave, its problems (at most `MAX_MESSAGES`) and how many more were left out.
/// The streamed arrays of a pathway file: the good stages and transitions, each with its index
/// in the file, in the chunks they were read in.
#[derive(Default)]
pub(super) struct Body<'t> {
    pub(super) stages: Vec<Vec<(usize, Stage)>>,
    pub(super) transitions: Vec<Vec<(usize, RawTransition<'t>)>>,
    pub(super) broken_ids: Vec<String>,
    pub(super) missing_stages: bool,
}

/// What one chunk of an array gave.
pub(super) struct Part<T> {
    pub(super) items: Vec<(usize, T)>,
    pub(super) issues: Vec<Issue>,
    pub(super) broken_ids: Vec<String>,
    /// List items read in all files so far (`MAX_LIST_ITEMS`).
    pub(super) list_items: std::sync::Arc<ListBudget>,
}

impl<T> Part<T> {
    /// Whether the element at `i` may be read: not over `MAX_ELEMENT_BYTES`, and the list items
    /// of all files still within `MAX_LIST_ITEMS`. Otherwise says why (the items once in all: one
    /// problem anywhere fails the load) and marks its id, if it has one, as known but broken.
    pub(super) fn may_read(&mut self, i: usize, key: &str, what: &str, text: &str) -> bool {
        use std::sync::atomic::Ordering;
        let message = if text.len() > MAX_ELEMENT_BYTES {
            Some(format!(
                "this {what} takes {} bytes: a {what} has at most {MAX_ELEMENT_BYTES} (1 MiB)",
                text.len()
            ))
        } else if self.list_items.items.load(Ordering::Relaxed) <= self.list_items.max {
            return true;
        } else {
            (!self.list_items.said.swap(true, Ordering::Relaxed)).then(|| {
                format!(
                    "the files give more than {} list items in all (entry levels, tags, services, \
                     sources, requires, awards): nothing after this is read",
                    self.list_items.max
                )
            })
        };
        if let Some(message) = message {
            self.issues.push(Issue {
                pointer: format!("/{key}/{i}"),
                message,
                again: false,
            });
        }
        self.broken_ids.extend(id_of(text));
        false
    }

    /// Counts `n` list items read.
    pub(super) fn count(&self, n: usize) {
        self.list_items
            .items
            .fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    }
}

/// List items read in all files, and whether passing `MAX_LIST_ITEMS` has been said.
#[derive(Debug, Default)]
pub(super) struct ListBudget {
    pub(super) max: usize,
    pub(super) items: std::sync::atomic::AtomicUsize,
    pub(super) said: std::sync::atomic::AtomicBool,
}

impl<'t> Body<'t> {
    /// Reads the elements (index in the file, text), chunks side by side; problems are added to
    /// `issues` in file order.
    pub(super) fn read(
        stages: &[(usize, &'t str)],
        transitions: &[(usize, &'t str)],
        transitions_first: bool,
        list_items: &std::sync::Arc<ListBudget>,
        issues: &mut Vec<Issue>,
    ) -> Body<'t> {
        let mut body = Body::default();
        let (mut stage_issues, mut transition_issues) = (Vec::new(), Vec::new());
        for part in read_parts(stages, list_items, read_stage_text) {
            stage_issues.extend(part.issues);
            body.broken_ids.extend(part.broken_ids);
            body.stages.push(part.items);
        }
        for part in read_parts(transitions, list_items, read_transition_text) {
            transition_issues.extend(part.issues);
            body.transitions.push(part.items);
        }
        if transitions_first {
            std::mem::swap(&mut stage_issues, &mut transition_issues);
        }
        issues.append(&mut stage_issues);
        issues.append(&mut transition_issues);
        body
    }
}

pub(super) fn read_parts<'t, T: Send>(
    texts: &[(usize, &'t str)],
    list_items: &std::sync::Arc<ListBudget>,
    read: fn(usize, &'t str, &mut Part<T>),
) -> Vec<Part<T>> {
    parallel::map(&parallel::chunks(texts), |chunk| {
        let mut part = Part {
            items: Vec::with_capacity(chunk.len()),
            issues: Vec::new(),
            broken_ids: Vec::new(),
            list_items: std::sync::Arc::clone(list_items),
        };
        for &(i, text) in *chunk {
            read(i, text, &mut part);
        }
        part
    })
}

/// Reads one stage: typed when it is well-formed, else field by field to report each problem.
pub(super) fn read_stage_text(i: usize, text: &str, part: &mut Part<Stage>) {
    if !part.may_read(i, "stages", "stage", text) {
        return;
    }
    let items = |s: &Stage| {
        s.entry.len()
            + s.sources.len()
            + s.services().len()
            + s.tags().len()
            + s.requires().len()
            + s.awards().len()
    };
    if let Some(stage) = typed::stage(text) {
        part.count(items(&stage));
        part.items.push((i, stage));
        return;
    }
    let pointer = format!("/stages/{i}");
    match careful(text, &pointer, &mut part.issues) {
        Some(value) => {
            if let Some(stage) = read_stage(value, pointer, &mut part.broken_ids, &mut part.issues) {
                part.count(items(&stage));
                part.items.push((i, stage));
            }
        }
        // Too deep to read (reported): its id, if it has one, still marks it as known but broken.
        None => part.broken_ids.extend(id_of(text)),
    }
}

/// The `id` of an element that cannot be read whole: the rest is skipped, however deep.
pub(super) fn id_of(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct JustId {
        id: String,
    }
    serde_json::from_str::<JustId>(text).ok().map(|j| j.id)
}

/// Reads one transition, like `read_stage_text`.
pub(super) fn read_transition_text<'t>(i: usize, text: &'t str, part: &mut Part<RawTransition<'t>>) {
    if !part.may_read(i, "transitions", "transition", text) {
        return;
    }
    if let Some((from, to, transition)) = typed::transition(text) {
        part.count(transition.sources().len());
        part.items.push((i, RawTransition { from, to, transition }));
        return;
    }
    let pointer = format!("/transitions/{i}");
    if let Some((from, to, transition)) =
        careful(text, &pointer, &mut part.issues).and_then(|v| read_transition(v, pointer, &mut part.issues))
    {
        let (from, to) = (Cow::Owned(from), Cow::Owned(to));
        part.items.push((i, RawTransition { from, to, transition }));
    }
}

pub(super) fn read_pathway_file<'t>(
    mut top: Map<String, Value>,
    body: Body<'t>,
    file: &str,
    issues: &mut Vec<Issue>,
) -> PathwayFile<'t> {
    let mut pathway = match top.remove("pathway") {
        Some(v) => read_pathway(v, file, issues),
        None => {
            issues.push(Issue {
                pointer: String::new(),
                message: "missing required field \"pathway\" (id, title, sector)".into(),
                again: false,
            });
            None
        }
    };
    if body.missing_stages {
        issues.push(Issue {
            pointer: String::new(),
            message: "missing required field \"stages\"".into(),
            again: false,
        });
    }
    if let Some(meta) = &mut pathway {
        check_source_refs(meta, &body, issues);
        // `$schema` tells editors which schema to check the file by.
        for known in ["$schema", "stages", "transitions"] {
            top.remove(known);
        }
        meta.top_extra = top;
    }
    PathwayFile {
        pathway,
        stages: body.stages,
        transitions: body.transitions,
        broken_ids: body.broken_ids,
    }
}

/// Every cited source (`sources`, `wage.source`) must be declared in the file's `pathway.sources`.
pub(super) fn check_source_refs(meta: &Pathway, body: &Body<'_>, issues: &mut Vec<Issue>) {
    let mut unknown = |pointer: String, id: &str| {
        if meta.source(id).is_none() {
            issues.push(Issue {
                pointer,
                message: format!("unknown source \"{id}\": declare it in /pathway/sources"),
                again: false,
            });
        }
    };
    for (i, stage) in body.stages.iter().flatten() {
        for (j, id) in stage.sources.iter().enumerate() {
            unknown(format!("/stages/{i}/sources/{j}"), id);
        }
        if let Some(w) = &stage.wage {
            unknown(format!("/stages/{i}/wage/source"), &w.source);
        }
    }
    for (i, t) in body.transitions.iter().flatten() {
        for (j, id) in t.transition.sources().iter().enumerate() {
            unknown(format!("/transitions/{i}/sources/{j}"), id);
        }
    }
}

pub(super) fn read_pathway(v: Value, file: &str, issues: &mut Vec<Issue>) -> Option<Pathway> {
    let mut f = Fields::new(v, "/pathway".into(), "the pathway", issues)?;
    let id = f.req_id("id");
    let title = f.req_name("title");
    let sector = f.req_name("sector");
    let region = f.opt_str("region");
    let sources = match f.take("sources") {
        None => Vec::new(),
        Some(Value::Array(items)) if items.len() > MAX_SOURCES => {
            f.problem(
                "sources",
                format!("{} sources: a file lists at most {MAX_SOURCES}", items.len()),
            );
            Vec::new()
        }
        Some(Value::Array(items)) => {
            let base = f.path("sources");
            items
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| read_source(v, format!("{base}/{i}"), f.issues))
                .collect()
        }
        Some(other) => {
            f.problem(
                "sources",
                format!("expected an array of sources, found {}", describe(&other)),
            );
            Vec::new()
        }
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, s) in sources.iter().enumerate() {
        if let Some(first) = seen.insert(&s.id, i) {
            f.issues.push(Issue {
                pointer: format!("/pathway/sources/{i}/id"),
                message: format!("duplicate source id \"{}\" (also /pathway/sources/{first})", s.id),
                again: false,
            });
        }
    }
    drop(seen);
    let conditions = read_conditions(&mut f);
    let explain = f.explain(Subject::Sector);
    let extra = f.rest();
    Some(Pathway {
        id: id?,
        title: title?,
        sector: sector?,
        region,
        sources,
        conditions,
        file: file.to_string(),
        explain,
        extra,
        top_extra: Map::new(),
        ctdl: None,
    })
}

/// `pathway.conditions`: declarations with an id and a title, ids distinct within the file.
pub(super) fn read_conditions(f: &mut Fields<'_>) -> Vec<Condition> {
    let items = match f.take("conditions") {
        None => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            f.problem(
                "conditions",
                format!("expected an array of conditions, found {}", describe(&other)),
            );
            return Vec::new();
        }
    };
    let base = f.path("conditions");
    if items.len() > MAX_CONDITIONS {
        f.problem(
            "conditions",
            format!(
                "{} conditions: the files together declare at most {MAX_CONDITIONS}",
                items.len()
            ),
        );
        return Vec::new();
    }
    let mut out: Vec<Condition> = Vec::with_capacity(items.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, v) in items.into_iter().enumerate() {
        let pointer = format!("{base}/{i}");
        let Some(mut c) = Fields::new(v, pointer.clone(), "a condition", f.issues) else {
            continue;
        };
        let id = c.req_id("id");
        let title = c.req_name("title");
        let description = c.opt_str("description");
        let implies = c.strings("implies");
        let extra = c.rest();
        let (Some(id), Some(title)) = (id, title) else {
            continue;
        };
        if let Some(first) = seen.get(&id) {
            f.issues.push(Issue {
                pointer: format!("{pointer}/id"),
                message: format!("duplicate condition id \"{id}\" (also {base}/{first})"),
                again: false,
            });
            continue;
        }
        seen.insert(id.clone(), i);
        out.push(Condition {
            id,
            title,
            description,
            implies,
            extra,
        });
    }
    out
}

pub(super) fn read_source(v: Value, pointer: String, issues: &mut Vec<Issue>) -> Option<Source> {
    let mut f = Fields::new(v, pointer, "a source", issues)?;
    let id = f.req_id("id");
    let title = f.req_str("title");
    let year = f.take("year").and_then(|v| f.int_in("year", v, 1900, 2100));
    let url = f.opt_str("url");
    let publisher = f.opt_str("publisher");
    let extra = f.rest();
    Some(Source {
        id: id?,
        title: title?,
        year: year.and_then(|y| u16::try_from(y).ok()),
        url,
        publisher,
        extra,
    })
}

pub(super) fn read_stage(
    v: Value,
    pointer: String,
    broken_ids: &mut Vec<String>,
    issues: &mut Vec<Issue>,
) -> Option<Stage> {
    let before = issues.len();
    let mut f = Fields::new(v, pointer, "a stage", issues)?;
    let id = f.req_id("id");
    let title = f.req_name("title");
    let kind = f
        .required("kind")
        .and_then(|v| match v.as_str().and_then(Kind::parse) {
            Some(k) => Some(k),
            None => {
                f.problem(
                    "kind",
                    format!(
                        "unknown kind {}: expected education, training, work-based or employment",
                        short(&v)
                    ),
                );
                None
            }
        });
    let level = f.required("level").and_then(|v| f.int_in("level", v, 0, 9));
    let entry = read_entry(&mut f);
    let credential = f.opt_str("credential");
    let credential = f.name("credential", credential);
    let weeks = f.opt_amount("weeks", MAX_WEEKS);
    let cost_usd = f.opt_amount("cost_usd", MAX_USD);
    let wage = f.take("wage").and_then(|v| {
        let pointer = f.path("wage");
        read_wage(v, pointer, f.issues)
    });
    let soc = f.opt_str("soc");
    let description = f.opt_str("description");
    let services = f.strings("services");
    let tags = f.strings("tags");
    let sources = f.strings("sources");
    let note = f.opt_str("note");
    let requires = f.strings("requires");
    let awards = f.strings("awards");
    let weeks_range = read_weeks_range(&mut f, weeks);
    let hours = f.opt_amount("hours", MAX_HOURS);
    let url = f.opt_str("url");
    let contact = f.opt_str("contact");
    let explain = f.explain(Subject::Stage);
    let extra = f.rest();
    if issues.len() > before {
        broken_ids.extend(id);
        return None;
    }
    Some(Stage {
        id: id?,
        title: title?,
        kind: kind?,
        level: u8::try_from(level?).ok()?,
        entry,
        credential,
        weeks,
        cost_usd,
        wage,
        soc,
        sources,
        pathway: 0,
        at: 0,
        details: StageDetails {
            description,
            services,
            tags,
            note,
            requires,
            awards,
            weeks_range,
            hours,
            url,
            contact,
            explain,
            extra,
        }
        .boxed(),
    })
}

/// `weeks_range`: `[min, max]` with `min <= max`, and the typical `weeks` inside it.
pub(super) fn read_weeks_range(f: &mut Fields<'_>, weeks: Option<f64>) -> Option<(f64, f64)> {
    let v = f.take("weeks_range")?;
    let pair = match v.as_array().map(Vec::as_slice) {
        Some([a, b]) => a.as_f64().zip(b.as_f64()),
        _ => None,
    };
    let found = match pair {
        Some((lo, hi)) if lo.is_finite() && 0.0 <= lo && lo <= hi && hi <= MAX_WEEKS => match weeks {
            Some(w) if w < lo || w > hi => format!("the typical weeks {w} lies outside {lo} to {hi}"),
            _ => return Some((lo, hi)),
        },
        _ => format!(
            "expected [min, max] weeks with 0 <= min <= max <= {MAX_WEEKS}, found {}",
            short(&v)
        ),
    };
    f.problem("weeks_range", found);
    None
}

pub(super) fn read_entry(f: &mut Fields<'_>) -> Vec<Entry> {
    let base = f.path("entry");
    let tokens = f.strings("entry");
    let mut entry = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        match Entry::parse(token) {
            Ok(e) if !entry.contains(&e) => entry.push(e),
            Ok(_) => {}
            Err(_) => f.issues.push(Issue {
                pointer: format!("{base}/{i}"),
                message: format!(
                    "unknown entry level \"{token}\": expected ESL n or ABE n (n 1..6, that level or higher), \
                     a band ESL n-m or ABE n-m (levels n up to m, 1..6; a level class is ESL 3-3), HSE or any"
                ),
                again: false,
            }),
        }
    }
    entry
}

pub(super) fn read_wage(v: Value, pointer: String, issues: &mut Vec<Issue>) -> Option<Wage> {
    let mut f = Fields::new(v, pointer, "a wage", issues)?;
    let median = f.opt_amount("median_annual_usd", MAX_USD);
    if median.is_none() && !f.map.contains_key("median_annual_usd") {
        f.missing("median_annual_usd");
    }
    let year = f.required("year").and_then(|v| f.int_in("year", v, 1900, 2100));
    let source = f.req_str("source");
    let extra = f.rest();
    Some(Wage {
        median_annual_usd: median?,
        year: u16::try_from(year?).ok()?,
        source: source?,
        extra: (!extra.is_empty()).then(|| Box::new(extra)),
    })
}

pub(super) fn read_transition(
    v: Value,
    pointer: String,
    issues: &mut Vec<Issue>,
) -> Option<(String, String, Transition)> {
    let mut f = Fields::new(v, pointer, "a transition", issues)?;
    let from = f.req_id("from");
    let to = f.req_id("to");
    let mode = f
        .required("mode")
        .and_then(|v| match v.as_str().and_then(Mode::parse) {
            Some(m) => Some(m),
            None => {
                f.problem(
                    "mode",
                    format!("unknown mode {}: expected integrated or sequential", short(&v)),
                );
                None
            }
        });
    let weeks = f.opt_amount("weeks", MAX_WEEKS);
    let cost_usd = f.opt_amount("cost_usd", MAX_USD);
    let note = f.opt_str("note");
    let sources = f.strings("sources");
    if let (Some(a), Some(b)) = (&from, &to)
        && a == b
    {
        f.problem("to", format!("a transition from \"{a}\" to itself"));
    }
    let explain = f.explain(Subject::Transition);
    let extra = f.rest();
    Some((
        from?,
        to?,
        Transition::new(mode?, weeks, cost_usd)
            .with_details(note, sources, extra)
            .with_explain(explain),
    ))
}
