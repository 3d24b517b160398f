//! Ways in and out: `no-low-on-ramp`, `sequential-only`, `off-ramp-without-credential`.
//!
//! A sector's ways in are the on-ramps from which one of its stages can be reached: its own on-ramps,
//! and on-ramps in other files that link into it (the shared foundation classes). One forward search
//! from every low-level on-ramp at once tells which sectors the lowest levels can enter.
//!
//! `sequential-only` asks, for each low-level on-ramp that is not a job, whether some route to a
//! first credential uses an integrated transition. Two backward searches answer it for every stage
//! at once: which stages can reach a credential (stopping at the first one), and which can reach
//! one by a route with an integrated transition.

use std::collections::{HashSet, VecDeque};

use petgraph::Direction;
use petgraph::graph::NodeIndex;

use super::eligibility::held_entering;
use super::structure::reach;
use super::{Code, Ctx, Sink};
use crate::domain::condition::CondSet;
use crate::domain::level::{Entry, SkillLevel};
use crate::domain::model::Stage;
use crate::domain::route::{Measure, integrated_to_first, nearest_from};

/// The lowest levels, which `no-low-on-ramp` wants a way in for.
const LOWEST: [SkillLevel; 5] = [
    SkillLevel::Esl(1),
    SkillLevel::Esl(2),
    SkillLevel::Esl(3),
    SkillLevel::Abe(1),
    SkillLevel::Abe(2),
];

/// `ESL 4`/`ABE 3` and below, whom `sequential-only` wants an integrated start for.
const LOW: [SkillLevel; 7] = [
    SkillLevel::Esl(1),
    SkillLevel::Esl(2),
    SkillLevel::Esl(3),
    SkillLevel::Esl(4),
    SkillLevel::Abe(1),
    SkillLevel::Abe(2),
    SkillLevel::Abe(3),
];

pub(super) fn check(ctx: &Ctx<'_>, findings: &mut Sink) {
    no_low_on_ramp(ctx, findings);
    sequential_only(ctx, findings);
    off_ramp_without_credential(ctx, findings);
}

/// The lowest of `levels` that may start at `stage`, if any.
fn lowest_accepted(stage: &Stage, levels: &[SkillLevel]) -> Option<SkillLevel> {
    levels
        .iter()
        .copied()
        .find(|l| stage.entry.iter().any(|&e| l.meets(e)))
}

/// The stage's entry as people write it: `ESL 3, ABE 2`.
fn entry_text(stage: &Stage) -> String {
    stage
        .entry
        .iter()
        .map(Entry::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn no_low_on_ramp(ctx: &Ctx<'_>, findings: &mut Sink) {
    let adj = &ctx.adj;
    let low_ramps = adj
        .nodes()
        .filter(|&n| adj.on_ramp[n.index()] && lowest_accepted(ctx.stage(n), &LOWEST).is_some());
    let reached = reach(ctx, low_ramps, Direction::Outgoing);
    let pathways = ctx.p.pathways();
    // Per file: whether it has stages, and whether the lowest levels reach one of them.
    let mut has_stage = vec![false; pathways.len()];
    let mut entered = vec![false; pathways.len()];
    for n in adj.nodes() {
        let file = adj.file[n.index()];
        if let Some(slot) = has_stage.get_mut(file) {
            *slot = true;
        }
        if reached[n.index()]
            && let Some(slot) = entered.get_mut(file)
        {
            *slot = true;
        }
    }
    for sector in ctx.p.sectors() {
        let files = || pathways.iter().enumerate().filter(|(_, p)| p.sector == sector);
        if !files().any(|(i, _)| has_stage[i]) || files().any(|(i, _)| entered[i]) {
            continue;
        }
        findings.push(ctx.sector_finding(
            Code::NoLowOnRamp,
            sector,
            format!(
                "Sector '{sector}' has no way in for the lowest levels: no on-ramp that leads into it \
                 accepts ESL 1-3 or ABE 1-2 learners."
            ),
            "Add an on-ramp with `entry` ESL 1, 2 or 3 or ABE 1 or 2 (an ESL or ABE class, or an integrated \
             on-ramp course), or link the sector's first programs to the shared foundation classes."
                .to_string(),
        ));
    }
}

fn sequential_only(ctx: &Ctx<'_>, findings: &mut Sink) {
    let adj = &ctx.adj;
    let n = ctx.n();
    let credential = |v: NodeIndex| adj.credential[v.index()];
    // to_credential[v]: a route from v (arrived at) reaches a credential, stopping at the first.
    let mut to_credential = vec![false; n];
    let mut queue: VecDeque<NodeIndex> = VecDeque::new();
    for v in adj.nodes().filter(|&v| credential(v)) {
        to_credential[v.index()] = true;
        queue.push_back(v);
    }
    while let Some(v) = queue.pop_front() {
        for step in adj.inc(v) {
            let u = step.node;
            if !to_credential[u.index()] {
                to_credential[u.index()] = true;
                // A credential stage is its own first credential; it is seeded already.
                queue.push_back(u);
            }
        }
    }
    // integrated[v]: v awards no credential and a route from v to a first credential uses an
    // integrated transition.
    let mut integrated = vec![false; n];
    for u in adj.nodes().filter(|&u| !credential(u)) {
        let seeds = adj
            .out(u)
            .iter()
            .any(|s| adj.integrated[s.edge.index()] && to_credential[s.node.index()]);
        if seeds {
            integrated[u.index()] = true;
            queue.push_back(u);
        }
    }
    while let Some(v) = queue.pop_front() {
        for step in adj.inc(v) {
            let u = step.node;
            if !credential(u) && !integrated[u.index()] {
                integrated[u.index()] = true;
                queue.push_back(u);
            }
        }
    }
    // Sectors that use integrated transitions: declared in one of their files, or touching one of
    // their stages (a sector file's integrated link from a shared foundation class counts for both).
    let pathways = ctx.p.pathways();
    let mut file_integrates = vec![false; pathways.len()];
    for u in adj.nodes() {
        for step in adj.out(u).iter().filter(|s| adj.integrated[s.edge.index()]) {
            let declared = adj.declared[step.edge.index()];
            for file in [declared, adj.file[u.index()], adj.file[step.node.index()]] {
                if let Some(slot) = file_integrates.get_mut(file) {
                    *slot = true;
                }
            }
        }
    }
    let integrating: HashSet<&str> = pathways
        .iter()
        .zip(&file_integrates)
        .filter(|(_, yes)| **yes)
        .map(|(p, _)| p.sector.as_str())
        .collect();
    // The on-ramps the rule is about: low-level, not themselves a credential or a job, with a
    // credential ahead, in a sector that integrates.
    let candidates: Vec<(NodeIndex, SkillLevel)> = adj
        .nodes()
        .filter(|&v| {
            let i = v.index();
            // An on-ramp that awards a credential itself is the learner's first credential; a job
            // is not foundational education, so what follows it cannot be integrated with it.
            adj.on_ramp[i] && !adj.employment[i] && !adj.credential[i] && to_credential[i]
        })
        .filter(|&v| integrating.contains(ctx.p.pathway_of(v).sector.as_str()))
        .filter_map(|v| lowest_accepted(ctx.stage(v), &LOW).map(|level| (v, level)))
        .collect();
    // Requirements may close every integrated route to a learner who holds nothing yet: for her,
    // the on-ramp is sequential-only too (one search per on-ramp with an integrated route at all).
    let mut closed_to_her = vec![false; n];
    if ctx.p.eligibility().has_requirements() {
        let starts: Vec<(NodeIndex, CondSet)> = candidates
            .iter()
            .filter(|(v, _)| integrated[v.index()])
            .map(|&(v, _)| (v, held_entering(ctx, v)))
            .filter(|(v, held)| ctx.p.requires(*v).is_subset(held))
            .collect();
        // Only where some route to a credential is open to her at all (else nothing is, which
        // is `blocked-on-ramp`'s or `no-exit`'s to say).
        let any = nearest_from(ctx.p, Measure::Steps, &starts, credential);
        let integrated_open = integrated_to_first(ctx.p, &starts, credential);
        for (((v, _), any), open) in starts.iter().zip(any).zip(integrated_open) {
            closed_to_her[v.index()] = any.is_some() && !open;
        }
    }
    for (v, level) in candidates {
        let i = v.index();
        if integrated[i] && !closed_to_her[i] {
            continue;
        }
        let s = ctx.stage(v);
        let sector = &ctx.p.pathway_of(v).sector;
        let whose = if integrated[i] {
            " open to a learner who holds nothing yet (requirements close the integrated ones)"
        } else {
            ""
        };
        findings.push(ctx.stage_finding(
            Code::SequentialOnly,
            v,
            format!(
                "{} is an on-ramp for {} (entry {}), but every route{whose} from it to a first credential \
                 is sequential: learners must finish one step before starting the next, although the \
                 '{sector}' pathway integrates foundational and technical education elsewhere.",
                ctx.label(v),
                level,
                entry_text(s)
            ),
            format!(
                "Offer an integrated option (IET, I-BEST) from {} or a stage after it: a transition with \
                 mode integrated into a credential program.",
                s.id
            ),
        ));
    }
}

fn off_ramp_without_credential(ctx: &Ctx<'_>, findings: &mut Sink) {
    let adj = &ctx.adj;
    for v in adj.nodes() {
        if !adj.off_ramp[v.index()] || adj.credential[v.index()] {
            continue;
        }
        let mut jobs: Vec<NodeIndex> = adj
            .out(v)
            .iter()
            .map(|s| s.node)
            .filter(|j| adj.employment[j.index()])
            .collect();
        jobs.sort();
        jobs.dedup();
        let names: Vec<String> = jobs.iter().map(|&j| ctx.label(j)).collect();
        findings.push(ctx.stage_finding(
            Code::OffRampWithoutCredential,
            v,
            format!(
                "{} is an off-ramp into {} but awards no credential: a learner who leaves here for work has \
                 nothing to show an employer or to build on later.",
                ctx.label(v),
                super::and_list(&names)
            ),
            format!(
                "Name the credential {} awards (field `credential`), or lead the job transition from a stage \
                 that awards one.",
                ctx.stage(v).id
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{codes, pathways};

    #[test]
    fn lowest_levels_may_come_in_through_a_linked_foundation_file() {
        // The sector file has only an ABE 4 on-ramp, but a foundation ESL 1 class links into it.
        let p = super::super::test_support::two_files(
            r#"{"id":"f-esl-1","title":"ESL 1","kind":"education","level":0,"entry":["ESL 1"]}"#,
            "",
            r#"{"id":"a","title":"A","kind":"training","level":2,"entry":["ABE 4"],"credential":"C"},
               {"id":"j","title":"J","kind":"employment","level":2}"#,
            r#"{"from":"f-esl-1","to":"a","mode":"integrated"},{"from":"a","to":"j","mode":"sequential"}"#,
        );
        let all = super::super::audit(&p, &Default::default());
        assert!(
            !all.iter().any(|f| f.code.as_str() == "no-low-on-ramp"),
            "{all:#?}"
        );
    }

    #[test]
    fn an_explain_on_the_pathway_explains_a_sector_finding_and_a_note_does_not() {
        let stages = r#"{"id":"a","title":"A","kind":"training","level":2,"entry":["ABE 4"],"credential":"C"},
               {"id":"j","title":"J","kind":"employment","level":2}"#;
        let transitions = r#"{"from":"a","to":"j","mode":"sequential"}"#;
        let find = |p: &crate::domain::graph::Pathways| {
            super::super::audit(p, &Default::default())
                .into_iter()
                .find(|f| f.code.as_str() == "no-low-on-ramp")
        };
        let plain = find(&pathways(stages, transitions)).expect("no way in for the lowest levels");
        assert!(!plain.explained());
        assert_eq!(plain.sector.as_deref(), Some("t"));
        assert_eq!(plain.stage, None);
        let noted = super::super::test_support::with_pathway_fields(
            r#""note": "Learners below ABE 4 start at the county's adult school, which is not in this file.","#,
            stages,
            transitions,
        );
        assert!(
            !find(&noted).expect("reported").explained(),
            "a note explains nothing"
        );
        let explained = super::super::test_support::with_pathway_fields(
            r#""explain": {"no-low-on-ramp": "Learners below ABE 4 start at the county's adult school."},"#,
            stages,
            transitions,
        );
        let f = find(&explained).expect("still reported");
        assert!(f.explained());
        assert_eq!(
            f.note.as_deref(),
            Some("Learners below ABE 4 start at the county's adult school.")
        );
    }

    #[test]
    fn sequential_only_needs_integration_elsewhere_in_the_sector() {
        let stages = r#"{"id":"a","title":"A","kind":"education","level":0,"entry":["ESL 3"]},
               {"id":"b","title":"B","kind":"education","level":0,"entry":["ESL 1"]},
               {"id":"t","title":"T","kind":"training","level":1,"credential":"C"},
               {"id":"j","title":"J","kind":"employment","level":2}"#;
        let seq = r#"{"from":"a","to":"t","mode":"sequential"},{"from":"t","to":"j","mode":"sequential"}"#;
        assert_eq!(
            codes(
                &pathways(
                    stages,
                    &format!("{seq},{{\"from\":\"b\",\"to\":\"t\",\"mode\":\"sequential\"}}")
                ),
                "a"
            ),
            Vec::<&str>::new()
        );
        let p = pathways(
            stages,
            &format!("{seq},{{\"from\":\"b\",\"to\":\"t\",\"mode\":\"integrated\"}}"),
        );
        assert_eq!(codes(&p, "a"), vec!["sequential-only"]);
        assert_eq!(codes(&p, "b"), Vec::<&str>::new());
    }

    #[test]
    fn an_off_ramp_names_its_credential() {
        let p = pathways(
            r#"{"id":"a","title":"A","kind":"education","level":0,"entry":["ESL 1"]},
               {"id":"t","title":"T","kind":"work-based","level":1},
               {"id":"j","title":"J","kind":"employment","level":1}"#,
            r#"{"from":"a","to":"t","mode":"integrated"},{"from":"t","to":"j","mode":"sequential"}"#,
        );
        assert_eq!(codes(&p, "t"), vec!["off-ramp-without-credential"]);
    }
}
