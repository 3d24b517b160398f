//! What changed between two versions of the pathway data: stages and transitions added, removed and
//! changed field by field, and audit findings introduced and resolved.
//!
//! Stages match by id. Transitions match by their ends (`from`, `to`); when a file repeats the same
//! pair, the n-th of OLD matches the n-th of NEW. Findings match by rule and subject (code, stage,
//! transition, sector), not by wording, so a finding whose message quotes a changed figure is
//! neither introduced nor resolved.

use std::collections::{BTreeMap, HashSet};

use petgraph::visit::EdgeRef;
use serde_json::{Map, Value};

use super::audit::{Finding, Options, report};
use super::graph::Pathways;
use super::level::Entry;
use super::model::{Stage, Transition};

/// A stage named by id and title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRef {
    pub id: String,
    pub title: String,
}

/// One field that changed, with its old and new values as JSON (`null` when absent).
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub old: Value,
    pub new: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StageChange {
    pub id: String,
    /// The title in NEW.
    pub title: String,
    pub changes: Vec<FieldChange>,
}

/// A transition named by its ends, with its mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionRef {
    pub from: String,
    pub to: String,
    pub mode: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TransitionChange {
    pub from: String,
    pub to: String,
    pub changes: Vec<FieldChange>,
}

/// Everything that differs between OLD and NEW; every list sorted by id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diff {
    pub stages_added: Vec<StageRef>,
    pub stages_removed: Vec<StageRef>,
    pub stages_changed: Vec<StageChange>,
    pub transitions_added: Vec<TransitionRef>,
    pub transitions_removed: Vec<TransitionRef>,
    pub transitions_changed: Vec<TransitionChange>,
    /// Findings of NEW that OLD did not have.
    pub findings_introduced: Vec<Finding>,
    /// Findings of OLD that NEW no longer has.
    pub findings_resolved: Vec<Finding>,
    /// Whether either side had more findings of one code than the audit lists, so that the
    /// findings compared are the listed ones only.
    pub findings_partial: bool,
}

impl Diff {
    /// Whether the data is the same and so are its findings.
    pub fn is_empty(&self) -> bool {
        self == &Diff::default()
    }
}

/// Compares OLD with NEW, auditing both with the same thresholds.
pub fn diff(old: &Pathways, new: &Pathways, options: &Options) -> Diff {
    let mut d = Diff::default();
    compare_stages(old, new, &mut d);
    compare_transitions(old, new, &mut d);
    let (old_report, new_report) = (report(old, options), report(new, options));
    d.findings_partial = old_report.unlisted.total() + new_report.unlisted.total() > 0;
    let (old_findings, new_findings) = (old_report.findings, new_report.findings);
    let old_keys: HashSet<_> = old_findings.iter().map(Finding::key).collect();
    let new_keys: HashSet<_> = new_findings.iter().map(Finding::key).collect();
    d.findings_introduced = new_findings
        .iter()
        .filter(|f| !old_keys.contains(&f.key()))
        .cloned()
        .collect();
    d.findings_resolved = old_findings
        .iter()
        .filter(|f| !new_keys.contains(&f.key()))
        .cloned()
        .collect();
    d
}

fn compare_stages(old: &Pathways, new: &Pathways, d: &mut Diff) {
    let stage_ref = |s: &Stage| StageRef {
        id: s.id.clone(),
        title: s.title.clone(),
    };
    for (n, s) in new.stages() {
        match old.find(&s.id) {
            None => d.stages_added.push(stage_ref(s)),
            Some(o) => {
                let changes = changes(stage_fields(old, old.stage(o)), stage_fields(new, new.stage(n)));
                if !changes.is_empty() {
                    d.stages_changed.push(StageChange {
                        id: s.id.clone(),
                        title: s.title.clone(),
                        changes,
                    });
                }
            }
        }
    }
    for (_, s) in old.stages() {
        if new.find(&s.id).is_none() {
            d.stages_removed.push(stage_ref(s));
        }
    }
    d.stages_added.sort_by(|a, b| a.id.cmp(&b.id));
    d.stages_removed.sort_by(|a, b| a.id.cmp(&b.id));
    d.stages_changed.sort_by(|a, b| a.id.cmp(&b.id));
}

/// Every transition by (from, to), in file order within a pair.
fn transitions_by_ends(p: &Pathways) -> BTreeMap<(String, String), Vec<&Transition>> {
    let g = p.graph();
    let mut map: BTreeMap<(String, String), Vec<&Transition>> = BTreeMap::new();
    for e in g.edge_references() {
        map.entry((g[e.source()].id.clone(), g[e.target()].id.clone()))
            .or_default()
            .push(e.weight());
    }
    map
}

fn compare_transitions(old: &Pathways, new: &Pathways, d: &mut Diff) {
    let (before, after) = (transitions_by_ends(old), transitions_by_ends(new));
    let tref = |(from, to): &(String, String), t: &Transition| TransitionRef {
        from: from.clone(),
        to: to.clone(),
        mode: t.mode.as_str().to_string(),
    };
    for (ends, news) in &after {
        let olds = before.get(ends).map(Vec::as_slice).unwrap_or_default();
        for (i, t) in news.iter().enumerate() {
            match olds.get(i) {
                None => d.transitions_added.push(tref(ends, t)),
                Some(o) => {
                    let changes = changes(transition_fields(old, o), transition_fields(new, t));
                    if !changes.is_empty() {
                        d.transitions_changed.push(TransitionChange {
                            from: ends.0.clone(),
                            to: ends.1.clone(),
                            changes,
                        });
                    }
                }
            }
        }
    }
    for (ends, olds) in &before {
        let kept = after.get(ends).map_or(0, Vec::len);
        for t in olds.iter().skip(kept) {
            d.transitions_removed.push(tref(ends, t));
        }
    }
}

/// The differing fields, in the order of the field lists (unknown fields last, by name).
fn changes(old: Vec<(String, Value)>, new: Vec<(String, Value)>) -> Vec<FieldChange> {
    let mut names: Vec<&String> = Vec::new();
    for (name, _) in old.iter().chain(&new) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    let value = |list: &[(String, Value)], name: &str| {
        list.iter()
            .find(|(n, _)| n == name)
            .map_or(Value::Null, |(_, v)| v.clone())
    };
    names
        .into_iter()
        .filter_map(|name| {
            let (o, n) = (value(&old, name), value(&new, name));
            (o != n).then(|| FieldChange {
                field: name.clone(),
                old: o,
                new: n,
            })
        })
        .collect()
}

/// A number as people write it: `11`, not `11.0`.
fn number(x: Option<f64>) -> Value {
    match x {
        None => Value::Null,
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => Value::from(x as i64),
        Some(x) => Value::from(x),
    }
}

fn text(x: Option<&str>) -> Value {
    x.map_or(Value::Null, |s| Value::String(s.to_string()))
}

fn list(items: &[String]) -> Value {
    Value::Array(items.iter().cloned().map(Value::String).collect())
}

/// The unknown fields, each as its own field, by name.
fn extra_fields(extra: &Map<String, Value>) -> Vec<(String, Value)> {
    let mut fields: Vec<(String, Value)> = extra.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    fields
}

/// `explain` as its JSON object, or null when there is none.
fn explain_value(explain: &[(String, String)]) -> Value {
    if explain.is_empty() {
        return Value::Null;
    }
    Value::Object(
        explain
            .iter()
            .map(|(code, why)| (code.clone(), Value::String(why.clone())))
            .collect(),
    )
}

fn stage_fields(p: &Pathways, s: &Stage) -> Vec<(String, Value)> {
    let wage = s.wage.as_ref().map_or(Value::Null, |w| {
        let mut m = Map::new();
        m.insert("median_annual_usd".into(), number(Some(w.median_annual_usd)));
        m.insert("year".into(), Value::from(w.year));
        m.insert("source".into(), Value::String(w.source.clone()));
        Value::Object(m)
    });
    let file = p.pathways().get(s.pathway).map(|f| f.id.clone());
    let mut fields: Vec<(String, Value)> = [
        ("title", Value::String(s.title.clone())),
        ("kind", Value::String(s.kind.as_str().into())),
        ("level", Value::from(s.level)),
        (
            "entry",
            Value::Array(
                s.entry
                    .iter()
                    .map(|e: &Entry| Value::String(e.to_string()))
                    .collect(),
            ),
        ),
        ("credential", text(s.credential.as_deref())),
        ("requires", list(s.requires())),
        ("awards", list(s.awards())),
        ("weeks", number(s.weeks)),
        (
            "weeks_range",
            s.weeks_range().map_or(Value::Null, |(lo, hi)| {
                Value::Array(vec![number(Some(lo)), number(Some(hi))])
            }),
        ),
        ("hours", number(s.hours())),
        ("cost_usd", number(s.cost_usd)),
        ("wage", wage),
        ("soc", text(s.soc.as_deref())),
        ("description", text(s.description())),
        ("services", list(s.services())),
        ("tags", list(s.tags())),
        ("url", text(s.url())),
        ("contact", text(s.contact())),
        ("sources", list(&s.sources)),
        ("note", text(s.note())),
        ("explain", explain_value(s.explain())),
        ("pathway", text(file.as_deref())),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    fields.extend(s.extra().map(extra_fields).unwrap_or_default());
    fields
}

fn transition_fields(p: &Pathways, t: &Transition) -> Vec<(String, Value)> {
    let file = p.pathways().get(t.pathway).map(|f| f.id.clone());
    let mut fields: Vec<(String, Value)> = [
        ("mode", Value::String(t.mode.as_str().into())),
        ("weeks", number(t.weeks)),
        ("cost_usd", number(t.cost_usd)),
        ("note", text(t.note())),
        ("explain", explain_value(t.explain())),
        ("sources", list(t.sources())),
        ("pathway", text(file.as_deref())),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    fields.extend(t.extra().map(extra_fields).unwrap_or_default());
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::test_support::pathways;
    use serde_json::json;

    const STAGES: &str = r#"{"id":"a","title":"A","kind":"education","level":0,"entry":["ESL 1"]},
        {"id":"t","title":"T","kind":"training","level":1,"credential":"C","weeks":11,"sources":["src"]},
        {"id":"j","title":"J","kind":"employment","level":1}"#;
    const TRANSITIONS: &str =
        r#"{"from":"a","to":"t","mode":"integrated"},{"from":"t","to":"j","mode":"sequential"}"#;

    #[test]
    fn the_same_data_has_no_difference() {
        let p = pathways(STAGES, TRANSITIONS);
        assert!(diff(&p, &p, &Options::default()).is_empty());
    }

    #[test]
    fn changes_are_field_by_field() {
        let old = pathways(STAGES, TRANSITIONS);
        let new = pathways(
            &STAGES.replace(r#""weeks":11"#, r#""weeks":12"#),
            &TRANSITIONS.replace("integrated", "sequential"),
        );
        let d = diff(&old, &new, &Options::default());
        assert_eq!(d.stages_changed.len(), 1);
        assert_eq!(
            d.stages_changed[0].changes,
            vec![FieldChange {
                field: "weeks".into(),
                old: json!(11),
                new: json!(12)
            }]
        );
        assert_eq!(d.transitions_changed.len(), 1);
        assert_eq!(d.transitions_changed[0].changes[0].field, "mode");
    }

    /// Every field a stage has is compared, the newer ones too (issue 18: the range, hours,
    /// page and contact changed in silence).
    #[test]
    fn ranges_hours_pages_and_contacts_are_compared() {
        let old = pathways(STAGES, TRANSITIONS);
        let new = pathways(
            &STAGES.replace(
                r#""weeks":11,"#,
                r#""weeks":11,"weeks_range":[10,12],"hours":300,"url":"https://example.org/t","contact":"Ana, 555-0100","#,
            ),
            TRANSITIONS,
        );
        let d = diff(&old, &new, &Options::default());
        let fields: Vec<&str> = d.stages_changed[0]
            .changes
            .iter()
            .map(|c| c.field.as_str())
            .collect();
        assert_eq!(fields, ["weeks_range", "hours", "url", "contact"]);
        assert_eq!(d.stages_changed[0].changes[0].new, json!([10, 12]));
    }

    #[test]
    fn added_removed_and_findings() {
        let old = pathways(STAGES, TRANSITIONS);
        // t no longer leads to the job: t becomes a dead end, a no longer has an exit, j unreachable.
        let new = pathways(
            &STAGES.replace(r#"{"id":"j","title":"J","kind":"employment","level":1}"#,
                r#"{"id":"j","title":"J","kind":"employment","level":1},{"id":"x","title":"X","kind":"training","level":1}"#),
            r#"{"from":"a","to":"t","mode":"integrated"},{"from":"x","to":"j","mode":"sequential"}"#,
        );
        let d = diff(&old, &new, &Options::default());
        assert_eq!(
            d.stages_added.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
            vec!["x"]
        );
        assert_eq!(d.transitions_added.len(), 1);
        assert_eq!(d.transitions_removed.len(), 1);
        assert_eq!(d.transitions_removed[0].from, "t");
        let introduced: Vec<&str> = d.findings_introduced.iter().map(|f| f.code.as_str()).collect();
        assert!(introduced.contains(&"dead-end"), "{introduced:?}");
        assert!(introduced.contains(&"no-exit"), "{introduced:?}");
        let back = diff(&new, &old, &Options::default());
        assert_eq!(back.findings_resolved, d.findings_introduced);
    }
}
