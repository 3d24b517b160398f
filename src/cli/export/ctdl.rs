//! `export --format ctdl`: one sector (or the one pathway loaded) as a Credential Engine CTDL
//! JSON-LD `@graph`: a `ceterms:Pathway`, its components with the subclass each kind maps to,
//! `hasChild` from each stage to the stages that lead into it, a `ComponentCondition` ("one of
//! these first") where a stage has several ways in, and a progression model from the levels
//! (`asn:` and `skos:` terms, as Credential Engine's own progression models are written).
//! CTDL cannot say that a transition is integrated: those go in one extension term, `pw:integrated`,
//! which the importer reads back.

use petgraph::visit::EdgeRef;
use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::Selection;
use crate::domain::graph::Pathways;
use crate::domain::model::{Kind, Mode};

/// The namespace of the extension term.
pub const EXTENSION_PREFIX: &str = "urn:pathways:ctdl#";

/// A stage's CTID: its id when that already is one (`ce-` and a UUID, as an imported stage has),
/// else `ce-` and the UUID v5 of `urn:pathways:stage:ID` in the URL namespace, so that the
/// same stage gets the same CTID in every export.
pub fn ctid_of(id: &str) -> String {
    if is_ctid(id) {
        return id.to_string();
    }
    let name = format!("urn:pathways:stage:{id}");
    format!("ce-{}", Uuid::new_v5(&Uuid::NAMESPACE_URL, name.as_bytes()))
}

/// `ce-` and hex digits in dash-separated groups: a UUID, or the near-UUIDs real registry data
/// holds (a last group one digit short), kept as they are so that an imported stage keeps its id.
fn is_ctid(id: &str) -> bool {
    id.strip_prefix("ce-").is_some_and(|rest| {
        rest.len() >= 32
            && rest.split('-').count() == 5
            && rest.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
    })
}

fn reference(ctid: &str) -> String {
    format!("_:{ctid}")
}

fn text(s: &str) -> Value {
    json!({ "en-US": s })
}

fn class_of(kind: Kind, has_credential: bool) -> &'static str {
    match kind {
        Kind::Employment => "ceterms:JobComponent",
        Kind::WorkBased => "ceterms:WorkExperienceComponent",
        Kind::Training if has_credential => "ceterms:CredentialComponent",
        Kind::Training => "ceterms:CourseComponent",
        Kind::Education => "ceterms:BasicComponent",
    }
}

/// The destination: of the stages nothing in the selection leads on from (else of all), a job
/// first, then the highest level, the best paid, the first loaded.
fn destination(p: &Pathways, sel: &Selection) -> Option<petgraph::graph::NodeIndex> {
    let chosen: std::collections::HashSet<_> = sel.nodes.iter().copied().collect();
    let is_sink = |n| !p.graph().edges(n).any(|e| chosen.contains(&e.target()));
    let own: Vec<_> = sel
        .nodes
        .iter()
        .copied()
        .filter(|&n| !sel.is_linked(p, n))
        .collect();
    let sinks: Vec<_> = own.iter().copied().filter(|&n| is_sink(n)).collect();
    // Where everything leads on (a cycle, or the shared foundations), the destination leads on
    // too, and the import says so (`destination-not-sink`).
    let own = if sinks.is_empty() { own } else { sinks };
    let rank = |n: petgraph::graph::NodeIndex| {
        let s = p.stage(n);
        let wage = s.wage.as_ref().map_or(0.0, |w| w.median_annual_usd);
        (s.is_employment(), s.level, (wage * 100.0) as u64)
    };
    // The first of the best: max_by_key keeps the last of equals, so compare in reverse order.
    own.iter().rev().copied().max_by_key(|&n| rank(n))
}

/// The document, pretty-printed with a final newline.
pub(crate) fn render(p: &Pathways, sel: &Selection) -> Result<String, String> {
    let Some(dest) = destination(p, sel) else {
        return Err("nothing to export: the selection has no stages".to_string());
    };
    let title = match &sel.sector {
        Some(s) => s.clone(),
        None => p.pathways()[0].title.clone(),
    };
    let pathway_ctid = ctid_of(&format!("pathway:{title}"));
    let pathway_ref = reference(&pathway_ctid);
    let model_ref = reference(&ctid_of(&format!("progression:{title}")));
    let top = sel.nodes.iter().map(|&n| p.stage(n).level).max().unwrap_or(0);
    let level_ref = |l: u8| format!("{model_ref}-level-{l}");
    // Minted for the exported stages only: one sector of a large load is a small part of it.
    let mut ctids: Vec<String> = vec![String::new(); p.stage_count()];
    for &n in &sel.nodes {
        ctids[n.index()] = ctid_of(&p.stage(n).id);
    }
    let node_ref = |n: petgraph::graph::NodeIndex| reference(&ctids[n.index()]);

    let mut into: Vec<Vec<petgraph::graph::NodeIndex>> = vec![Vec::new(); p.stage_count()];
    let mut integrated = Vec::new();
    for &e in &sel.edges {
        let Some((from, to)) = p.ends(e) else { continue };
        into[to.index()].push(from);
        if p.transition(e).mode == Mode::Integrated {
            integrated.push(json!({"pw:from": node_ref(from), "pw:to": node_ref(to)}));
        }
    }

    let mut graph = Vec::with_capacity(sel.nodes.len() + usize::from(top) + 3);
    let mut pathway = json!({
        "@id": pathway_ref,
        "@type": "ceterms:Pathway",
        "ceterms:ctid": pathway_ctid,
        "ceterms:name": text(&title),
        "ceterms:hasDestinationComponent": [node_ref(dest)],
        "ceterms:hasChild": [node_ref(dest)],
        "ceterms:hasPart": sel.nodes.iter().map(|&n| node_ref(n)).collect::<Vec<_>>(),
        "asn:hasProgressionModel": model_ref,
    });
    if !integrated.is_empty() {
        pathway["pw:integrated"] = Value::Array(integrated);
    }
    graph.push(pathway);
    graph.push(json!({
        "@id": model_ref,
        "@type": "asn:ProgressionModel",
        "dcterms:title": text(&format!("{title}: levels")),
        "skos:hasTopConcept": (0..=top).map(level_ref).collect::<Vec<_>>(),
    }));
    for l in 0..=top {
        graph.push(json!({
            "@id": level_ref(l),
            "@type": "asn:ProgressionLevel",
            "skos:prefLabel": text(&format!("Level {l}")),
            "skos:inScheme": model_ref,
        }));
    }
    for &n in &sel.nodes {
        let s = p.stage(n);
        let mut c = Map::new();
        c.insert("@id".into(), json!(node_ref(n)));
        c.insert("@type".into(), json!(class_of(s.kind, s.credential.is_some())));
        c.insert("ceterms:ctid".into(), json!(ctids[n.index()]));
        c.insert("ceterms:name".into(), text(&s.title));
        if let Some(d) = s.description() {
            c.insert("ceterms:description".into(), text(d));
        }
        c.insert("ceterms:codedNotation".into(), json!(s.id));
        c.insert("ceterms:isPartOf".into(), json!(pathway_ref));
        c.insert("asn:hasProgressionLevel".into(), json!(level_ref(s.level)));
        let children: Vec<String> = into[n.index()].iter().map(|&m| node_ref(m)).collect();
        if children.len() > 1 {
            c.insert(
                "ceterms:hasCondition".into(),
                json!([{
                    "@type": "ceterms:ComponentCondition",
                    "ceterms:name": text("One of these first"),
                    "ceterms:requiredNumber": 1,
                    "ceterms:targetComponent": children,
                }]),
            );
        }
        if !children.is_empty() {
            c.insert("ceterms:hasChild".into(), json!(children));
        }
        graph.push(Value::Object(c));
    }
    let doc = json!({
        "@context": [
            "https://credreg.net/ctdl/schema/context/json",
            {"pw": EXTENSION_PREFIX}
        ],
        "@graph": graph,
    });
    let mut out = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    out.push('\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctids_are_kept_or_minted_the_same_way_every_time() {
        let kept = "ce-1369d357-ac4f-49f9-8af2-c47376278896";
        assert_eq!(ctid_of(kept), kept);
        let minted = ctid_of("hc-cna");
        assert_eq!(minted, ctid_of("hc-cna"));
        assert_ne!(minted, ctid_of("hc-lpn"));
        assert!(is_ctid(&minted), "{minted}");
        // Real data's CTID with a short last group is kept too; an id like one is not.
        assert!(is_ctid("ce-cab3d216-e834-452d-bf83-60972afd307"));
        assert!(!is_ctid("ce-welding"));
        assert_ne!(ctid_of("ce-welding"), "ce-welding");
    }
}
