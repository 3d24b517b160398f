//! Rules for pathways imported from CTDL, found where the importer marked a destination:
//! `orphan-component` (a component from which no edge or condition leads to the destination, as
//! the Credential Engine pathway viewer logs), `destination-not-sink` (the destination leads on to
//! another component) and `unsatisfiable-condition` (a condition requiring more than it lists, or
//! listing nothing).

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::{Reversed, Walker};

use super::{Code, Ctx, Sink};
use crate::domain::ctdl::{UNSATISFIABLE, is_destination, texts};

pub(super) fn check(ctx: &Ctx<'_>, findings: &mut Sink) {
    let p = ctx.p;
    let destinations: HashMap<usize, NodeIndex> = p
        .stages()
        .filter(|(_, s)| is_destination(s))
        .map(|(n, s)| (s.pathway, n))
        .collect();
    if destinations.is_empty() {
        return;
    }
    for (&file, &destination) in &destinations {
        // Connected to the destination either way: what comes after it is `destination-not-sink`.
        let mut linked: std::collections::HashSet<NodeIndex> =
            petgraph::visit::Bfs::new(Reversed(p.graph()), destination)
                .iter(Reversed(p.graph()))
                .collect();
        linked.extend(petgraph::visit::Bfs::new(p.graph(), destination).iter(p.graph()));
        for (n, s) in p.stages() {
            if s.pathway != file || linked.contains(&n) {
                continue;
            }
            findings.push(ctx.stage_finding(
                Code::OrphanComponent,
                n,
                format!(
                    "{} is a component from which no edge or condition leads to the destination {}: \
                     the pathway shows it apart from every route.",
                    ctx.label(n),
                    ctx.label(destination)
                ),
                format!(
                    "Link {} into the pathway (hasChild, isChildOf or a condition's targetComponent), or remove it.",
                    s.id
                ),
            ));
        }
        let next: Vec<String> = p
            .graph()
            .neighbors_directed(destination, Direction::Outgoing)
            .map(|n| ctx.label(n))
            .collect();
        if !next.is_empty() {
            findings.push(
                ctx.stage_finding(
                    Code::DestinationNotSink,
                    destination,
                    format!(
                        "The destination {} leads on to {}: a pathway ends at its destination.",
                        ctx.label(destination),
                        next.join(", ")
                    ),
                    "Name the last component as the pathway's hasDestinationComponent, or make the \
                 components after it children of the destination."
                        .to_string(),
                ),
            );
        }
    }
    for (n, s) in p.stages() {
        for why in texts(s, UNSATISFIABLE) {
            findings.push(ctx.stage_finding(
                Code::UnsatisfiableCondition,
                n,
                format!("A condition of {} cannot be met: {why}.", ctx.label(n)),
                "Lower its requiredNumber, or add the components it needs as targetComponent.".to_string(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::audit::{Code, Options, audit};
    use crate::domain::load::{Input, Origin, load};

    fn findings(text: &str) -> Vec<(Code, String)> {
        let input = Input {
            name: "p.jsonld".into(),
            bytes: text.as_bytes().to_vec(),
            origin: Origin::User,
        };
        let p = load(&[input]).expect("loads").pathways;
        audit(&p, &Options::default())
            .into_iter()
            .filter(|f| {
                matches!(
                    f.code,
                    Code::OrphanComponent | Code::DestinationNotSink | Code::UnsatisfiableCondition
                )
            })
            .map(|f| (f.code, f.stage.unwrap_or_default()))
            .collect()
    }

    /// A pathway in the real documents' shape: the destination's condition asks for 3 of 2
    /// components, a stray component hangs off nothing, and the destination leads on to a job.
    const DOC: &str = r#"{"@context": "https://credreg.net/ctdl/schema/context/json", "@graph": [
      {"@id": "_:p", "@type": "ceterms:Pathway", "ceterms:ctid": "ce-p", "ceterms:name": "P",
       "ceterms:hasDestinationComponent": "_:dest"},
      {"@id": "_:dest", "@type": "ceterms:CredentialComponent", "ceterms:ctid": "ce-dest",
       "ceterms:name": "AAS", "ceterms:precedes": "_:job",
       "ceterms:hasCondition": [{"@type": "ceterms:ComponentCondition", "ceterms:name": "Core",
         "ceterms:requiredNumber": 3, "ceterms:targetComponent": ["_:a", "_:b"]},
         {"@type": "ceterms:ComponentCondition", "ceterms:name": "Empty"}]},
      {"@id": "_:a", "@type": "ceterms:CourseComponent", "ceterms:ctid": "ce-a", "ceterms:name": "A"},
      {"@id": "_:b", "@type": "ceterms:CourseComponent", "ceterms:ctid": "ce-b", "ceterms:name": "B"},
      {"@id": "_:job", "@type": "ceterms:JobComponent", "ceterms:ctid": "ce-job", "ceterms:name": "Job"},
      {"@id": "_:stray", "@type": "ceterms:CourseComponent", "ceterms:ctid": "ce-stray", "ceterms:name": "Stray"}
    ]}"#;

    #[test]
    fn ctdl_rules_find_orphans_a_destination_that_leads_on_and_conditions_nobody_meets() {
        let mut got = findings(DOC);
        got.sort();
        let mut want = vec![
            (Code::OrphanComponent, "ce-stray".to_string()),
            (Code::DestinationNotSink, "ce-dest".to_string()),
            (Code::UnsatisfiableCondition, "ce-dest".to_string()),
            (Code::UnsatisfiableCondition, "ce-dest".to_string()),
        ];
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn a_sound_pathway_has_no_ctdl_findings() {
        let sound = DOC
            .replace(r#""ceterms:precedes": "_:job","#, "")
            .replace(r#""ceterms:requiredNumber": 3"#, r#""ceterms:requiredNumber": 2"#)
            .replace(
                r#",
         {"@type": "ceterms:ComponentCondition", "ceterms:name": "Empty"}"#,
                "",
            )
            .replace(
                r#""ceterms:name": "Job"}"#,
                r#""ceterms:name": "Job", "ceterms:isChildOf": "_:dest"}"#,
            )
            .replace(
                r#""ceterms:name": "Stray"}"#,
                r#""ceterms:name": "Stray", "ceterms:precedes": "_:a"}"#,
            );
        assert_eq!(findings(&sound), Vec::new());
    }
}
