//! Eligibility: `unmet-requirement`, `blocked-on-ramp`, `entry-gap`, `level-class-open-ended`.
//! What `requires`, `awards` and entry bands do to the learners a pathway can serve.

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::{Code, Ctx, Sink, and_list};
use crate::domain::condition::CondSet;
use crate::domain::level::{Entry, Scale, SkillLevel};
use crate::domain::model::Kind;
use crate::domain::route::{HSE_CONDITION, Measure, Query, Start, blocked, nearest_from};

pub(super) fn check(ctx: &Ctx<'_>, findings: &mut Sink) {
    let p = ctx.p;
    unmet(ctx, findings);
    if p.eligibility().has_requirements() {
        let starts: Vec<(NodeIndex, CondSet)> = ctx
            .adj
            .nodes()
            .filter(|n| ctx.adj.on_ramp[n.index()])
            .map(|n| (n, held_entering(ctx, n)))
            .collect();
        let job = |u: NodeIndex| p.stage(u).is_employment();
        let open = nearest_from(p, Measure::Steps, &starts, job);
        for ((n, held), open) in starts.into_iter().zip(open) {
            if open.is_none() || !p.requires(n).is_subset(&held) {
                blocked_on_ramp(ctx, n, held, findings);
            }
        }
    }
    for e in p.graph().edge_references() {
        entry_gap(ctx, e.source(), e.id(), e.target(), findings);
    }
    for (n, s) in p.stages() {
        // A level class names one level; a class for several levels lists several tokens.
        if s.kind == Kind::Education && s.level == 0 && s.entry.len() == 1 && s.entry[0].is_open_ended() {
            let open: Vec<String> = s
                .entry
                .iter()
                .filter(|e| e.is_open_ended())
                .map(ToString::to_string)
                .collect();
            findings.push(ctx.stage_finding(
                Code::LevelClassOpenEnded,
                n,
                format!(
                    "{} is a level-0 class whose entry {} is open-ended, so learners above its level are \
                     offered it too.",
                    ctx.label(n),
                    and_list(&open)
                ),
                format!(
                    "If it teaches one level, give {} a band (\"ESL 3-3\", \"ABE 2-4\"); if it serves \
                     every level above, say so in its `explain` under `level-class-open-ended`.",
                    s.id
                ),
            ));
        }
    }
}

/// A required condition no stage awards and no learner holds by her level: only declaring it helps.
fn unmet(ctx: &Ctx<'_>, findings: &mut Sink) {
    let p = ctx.p;
    let c = p.conditions();
    let awarded = p
        .stages()
        .fold(crate::domain::condition::CondSet::new(), |acc, (n, _)| {
            acc.union(p.awards(n))
        });
    for (n, _) in p.stages() {
        let lacking: Vec<String> = p
            .requires(n)
            .difference(&awarded)
            .iter()
            .filter(|&i| c.get(i).id != HSE_CONDITION)
            .map(|i| format!("{} ({})", c.title(i), c.get(i).id))
            .collect();
        if lacking.is_empty() {
            continue;
        }
        findings.push(
            ctx.stage_finding(
                Code::UnmetRequirement,
                n,
                format!(
                    "{} requires {}, which no stage awards: only learners who already hold it can enter.",
                    ctx.label(n),
                    and_list(&lacking)
                ),
                "Add the stage that earns it with `awards`, or, where only some learners hold it (nurses \
             educated abroad), say so in the stage's `explain` under `unmet-requirement`."
                    .to_string(),
            ),
        );
    }
}

/// What a learner who holds nothing yet but meets the on-ramp's entry holds on entering it: an
/// on-ramp that takes only HSE learners takes holders of `hse`.
pub(super) fn held_entering(ctx: &Ctx<'_>, n: NodeIndex) -> CondSet {
    let p = ctx.p;
    match p.conditions().find(HSE_CONDITION) {
        Some(hse) if p.stage(n).entry == [Entry::Level(SkillLevel::Hse)] => {
            p.conditions().implied_by(hse).clone()
        }
        _ => CondSet::new(),
    }
}

/// An on-ramp from which a learner who holds nothing but meets its entry reaches no job, worded
/// with what blocks her.
fn blocked_on_ramp(ctx: &Ctx<'_>, n: NodeIndex, held: CondSet, findings: &mut Sink) {
    let p = ctx.p;
    let lacking = p.requires(n).difference(&held);
    let q = Query::new(Start::Stage(n), Measure::Steps).holding(held);
    let why = if !lacking.is_empty() {
        let lacks: Vec<String> = lacking
            .iter()
            .map(|i| format!("{} ({})", p.conditions().title(i), p.conditions().get(i).id))
            .collect();
        format!("entering it requires {}", and_list(&lacks))
    } else {
        match blocked(p, &q, None) {
            Some(b) => b.words(p),
            None => return,
        }
    };
    findings.push(ctx.stage_finding(
        Code::BlockedOnRamp,
        n,
        format!(
            "{} is an on-ramp from which a learner who holds nothing yet reaches no job: {why}.",
            ctx.label(n)
        ),
        format!(
            "Add a route from {} through a stage that awards what is required, or drop the requirement \
             where it is not real.",
            p.stage(n).id
        ),
    ));
}

/// The highest level a set of entry tokens accepts on `scale` (`HSE` counts as 7 on ABE), and the
/// lowest.
fn span(entry: &[Entry], scale: Scale) -> Option<(u8, u8)> {
    let rank = |l: SkillLevel| match l {
        SkillLevel::Esl(n) | SkillLevel::Abe(n) => n,
        SkillLevel::Hse => 7,
    };
    let on: Vec<&Entry> = entry.iter().filter(|e| e.scale() == Some(scale)).collect();
    let low = on.iter().filter_map(|e| e.lowest()).map(rank).min()?;
    let high = on.iter().filter_map(|e| e.highest()).map(rank).max()?;
    Some((low, high))
}

/// A transition into an on-ramp whose entry starts more than one level above where the previous
/// stage's entry ends: finishing the previous stage does not bring a learner there.
fn entry_gap(
    ctx: &Ctx<'_>,
    u: NodeIndex,
    edge: petgraph::graph::EdgeIndex,
    v: NodeIndex,
    findings: &mut Sink,
) {
    let (su, sv) = (ctx.stage(u), ctx.stage(v));
    if su.entry.is_empty()
        || sv.entry.is_empty()
        || sv.entry.contains(&Entry::Any)
        || su.entry.contains(&Entry::Any)
    {
        return;
    }
    let gap = [Scale::Esl, Scale::Abe].into_iter().any(|scale| {
        match (span(&su.entry, scale), span(&sv.entry, scale)) {
            (Some((_, high)), Some((low, _))) => low > high + 1,
            _ => false,
        }
    });
    // Only within a scale: moving from ESL to ABE classes is a designer's choice, not a gap.
    if !gap {
        return;
    }
    let list = |e: &[Entry]| e.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    findings.push(ctx.transition_finding(
        Code::EntryGap,
        u,
        edge,
        format!(
            "{} leads to {}, whose entry ({}) no learner at {}'s entry ({}) meets, even a level up.",
            ctx.label(u),
            ctx.label(v),
            list(&sv.entry),
            su.id,
            list(&su.entry)
        ),
        format!(
            "Add the level classes between them, widen {}'s entry, or say in the transition's `explain` \
             under `entry-gap` how learners close the gap.",
            sv.id
        ),
    ));
}
