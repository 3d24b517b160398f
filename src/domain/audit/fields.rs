//! Unknown fields: `unknown-field` (a member that `pathways/1` does not define, such as `"entries"`
//! for `"entry"`, of a stage, a transition, a wage, the `pathway` object, one of its sources or
//! conditions, or the file's top level). The loader keeps such fields for
//! export but uses none of them, so a misspelt field would otherwise vanish in silence. Members whose
//! name starts with `x-` are the designer's own and are never reported.

use serde_json::{Map, Value};

use super::{Code, Ctx, Element, Finding, Place, Sink};
use crate::domain::condition::nearest;

/// The members `pathways/1` defines on a stage (DESIGN, "File format").
const STAGE_FIELDS: [&str; 23] = [
    "id",
    "title",
    "kind",
    "level",
    "entry",
    "credential",
    "awards",
    "requires",
    "weeks",
    "weeks_range",
    "hours",
    "cost_usd",
    "wage",
    "soc",
    "description",
    "services",
    "url",
    "contact",
    "names",
    "tags",
    "sources",
    "note",
    "explain",
];

/// The members defined on a transition.
const TRANSITION_FIELDS: [&str; 8] = [
    "from", "to", "mode", "weeks", "cost_usd", "note", "sources", "explain",
];

/// The members defined on the `pathway` object.
const PATHWAY_FIELDS: [&str; 8] = [
    "id",
    "title",
    "sector",
    "region",
    "sources",
    "conditions",
    "note",
    "explain",
];

/// The members defined on the file's top level; `$schema` names the schema for editors.
const TOP_FIELDS: [&str; 5] = ["format", "pathway", "stages", "transitions", "$schema"];

/// The members defined on a source, a condition and a wage.
const SOURCE_FIELDS: [&str; 5] = ["id", "title", "year", "url", "publisher"];
const CONDITION_FIELDS: [&str; 5] = ["id", "title", "description", "implies", "names"];
const WAGE_FIELDS: [&str; 3] = ["median_annual_usd", "year", "source"];

/// Fields `pathways/1` defines that the loader keeps aside, as it does unknown ones.
const KEPT_ASIDE: [&str; 2] = ["names", "note"];

pub(super) fn check(ctx: &Ctx<'_>, findings: &mut Sink) {
    let p = ctx.p;
    for (v, s) in p.stages() {
        if let Some(words) = s.extra().and_then(|extra| unknown(extra, &STAGE_FIELDS)) {
            findings.push(at_field(
                ctx.stage_finding(
                    Code::UnknownField,
                    v,
                    format!("{} has {}", ctx.label(v), words.message),
                    words.fix,
                ),
                words.first,
            ));
        }
    }
    for e in p.graph().edge_indices() {
        let Some((from, to)) = p.ends(e) else { continue };
        let Some(words) = p
            .transition(e)
            .extra()
            .and_then(|extra| unknown(extra, &TRANSITION_FIELDS))
        else {
            continue;
        };
        let finding = ctx.transition_finding(
            Code::UnknownField,
            from,
            e,
            format!(
                "The transition from {} to {} has {}",
                ctx.label(from),
                ctx.label(to),
                words.message
            ),
            words.fix,
        );
        findings.push(at_field(finding, words.first));
    }
    for (v, s) in p.stages() {
        let Some(extra) = s.wage.as_ref().and_then(|w| w.extra.as_deref()) else {
            continue;
        };
        if let Some(words) = unknown(extra, &WAGE_FIELDS) {
            let mut finding = ctx.stage_finding(
                Code::UnknownField,
                v,
                format!("The wage of {} has {}", ctx.label(v), words.message),
                words.fix,
            );
            if let Some(place) = &mut finding.place {
                place.element = Element::Wage(s.at);
                place.field = Some(words.first);
            }
            findings.push(finding);
        }
    }
    for (i, file) in p.pathways().iter().enumerate() {
        let mut objects = vec![
            (
                Element::Top,
                format!("The top level of {}", file.file),
                &file.top_extra,
                &TOP_FIELDS[..],
            ),
            (
                Element::Pathway,
                format!("The `pathway` object of {}", file.file),
                &file.extra,
                &PATHWAY_FIELDS[..],
            ),
        ];
        for (k, source) in (0u32..).zip(&file.sources) {
            let what = format!("Source \"{}\" of {}", source.id, file.file);
            objects.push((Element::Source(k), what, &source.extra, &SOURCE_FIELDS[..]));
        }
        for (k, condition) in (0u32..).zip(&file.conditions) {
            let what = format!("Condition \"{}\" of {}", condition.id, file.file);
            objects.push((
                Element::Condition(k),
                what,
                &condition.extra,
                &CONDITION_FIELDS[..],
            ));
        }
        for (element, what, extra, known) in objects {
            let Some(words) = unknown(extra, known) else {
                continue;
            };
            findings.push(Finding {
                severity: Code::UnknownField.severity(),
                code: Code::UnknownField,
                stage: None,
                transition: None,
                sector: Some(file.sector.clone()),
                pathway: Some(file.id.clone()),
                message: format!("{what} has {}", words.message),
                fix: words.fix,
                note: None,
                place: Some(Place {
                    file: i,
                    element,
                    field: Some(words.first),
                }),
            });
        }
    }
}

/// The finding, pointing at the unknown member itself.
pub(super) fn at_field(mut f: Finding, field: String) -> Finding {
    if let Some(place) = &mut f.place {
        place.field = Some(field);
    }
    f
}

/// What to say about the unknown members of one object.
struct Words {
    message: String,
    fix: String,
    /// The first unknown member, where the finding points.
    first: String,
}

/// The known field a misspelt name most likely means: a typo away (`notes`, `note`), or the one
/// it starts like (`entries`, `entry`; `cost`, `cost_usd`).
pub(crate) fn nearest_field<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    nearest(name, known.iter().copied()).or_else(|| {
        let lower = name.to_lowercase();
        let shared = |k: &str| lower.chars().zip(k.chars()).take_while(|(a, b)| a == b).count();
        known
            .iter()
            .copied()
            .map(|k| (shared(k), k))
            .filter(|&(n, k)| n >= 4 || (n >= 3 && n == k.len().min(lower.len())))
            .max_by_key(|&(n, _)| n)
            .map(|(_, k)| k)
    })
}

/// The unknown members of `extra` (in name order), worded, or `None` when there are none.
fn unknown(extra: &Map<String, Value>, known: &[&str]) -> Option<Words> {
    let names: Vec<&str> = extra
        .keys()
        .map(String::as_str)
        .filter(|k| !k.starts_with("x-") && !KEPT_ASIDE.contains(k))
        .collect();
    if names.is_empty() {
        return None;
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let fields = if names.len() == 1 { "a field" } else { "fields" };
    let message = format!(
        "{fields} {} that pathways/1 does not define, so {} ignored.",
        super::and_list(&quoted),
        if names.len() == 1 { "it is" } else { "they are" }
    );
    let renames: Vec<String> = names
        .iter()
        .filter_map(|n| nearest_field(n, known).map(|k| format!("\"{n}\" to \"{k}\"")))
        .collect();
    let fix = if renames.is_empty() {
        "Remove it, or start its name with `x-` to keep it as your own.".to_string()
    } else {
        format!(
            "Rename {} (or start a name with `x-` to keep it as your own).",
            super::and_list(&renames)
        )
    };
    Some(Words {
        message,
        fix,
        first: names[0].to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_support::pathways;
    use super::super::{Code, audit};

    fn unknown_fields(stages: &str, transitions: &str) -> Vec<(Option<String>, String, String)> {
        audit(&pathways(stages, transitions), &Default::default())
            .into_iter()
            .filter(|f| f.code == Code::UnknownField)
            .map(|f| (f.stage, f.message, f.fix))
            .collect()
    }

    #[test]
    fn misspelt_fields_are_named_with_the_nearest_known_one() {
        let found = unknown_fields(
            r#"{"id":"a","title":"A","kind":"training","level":0,"entry":["any"],"credential":"C","entries":["ESL 3"],"cost":1500},
               {"id":"j","title":"J","kind":"employment","level":1}"#,
            r#"{"from":"a","to":"j","mode":"sequential","notes":"x"}"#,
        );
        assert_eq!(found.len(), 2, "{found:#?}");
        let (stage, message, fix) = &found[0];
        assert_eq!(stage.as_deref(), Some("a"));
        assert!(
            message.contains(
                "has fields \"cost\" and \"entries\" that pathways/1 does not define, so they are ignored"
            ),
            "{message}"
        );
        assert!(fix.contains("\"entries\" to \"entry\""), "{fix}");
        assert!(fix.contains("\"cost\" to \"cost_usd\""), "{fix}");
        let (_, message, fix) = &found[1];
        assert!(message.contains("has a field \"notes\""), "{message}");
        assert!(fix.contains("\"notes\" to \"note\""), "{fix}");
    }

    #[test]
    fn own_fields_and_known_ones_are_not_reported() {
        let found = unknown_fields(
            r#"{"id":"a","title":"A","kind":"training","level":0,"entry":["any"],"credential":"C","x-owner":"me","names":{"es":"A"},"note":"n"},
               {"id":"j","title":"J","kind":"employment","level":1}"#,
            r#"{"from":"a","to":"j","mode":"sequential","x-reviewed":true}"#,
        );
        assert!(found.is_empty(), "{found:#?}");
    }
}
