//! The engine against brute force: on random small graphs (random bands, requires, awards, modes,
//! weeks and costs) and random learners (levels, holds), the k routes equal every simple path
//! open to the learner ranked by DESIGN's key, for every measure, from levels and from stages,
//! with constraints. `PATHWAYS_LONG_TESTS=1` runs many more cases.

use proptest::prelude::*;

use super::tests::{condition, gated, pathways_with, stage, transition};
use super::*;
use crate::domain::condition::Condition;
use crate::domain::level::Entry;
use crate::domain::model::Stage;

/// Ids whose order differs from load order, so id tie-breaks are really tested.
const IDS: [&str; 9] = ["m", "c", "x", "a", "q", "f", "z", "b", "k"];
const ENTRIES: [&str; 9] = [
    "ESL 1", "ESL 3", "ABE 2", "ABE 5", "HSE", "any", "ESL 2-3", "ABE 1-1", "ESL 4-6",
];
const KINDS: [Kind; 4] = [Kind::Education, Kind::Training, Kind::WorkBased, Kind::Employment];
/// Conditions: `c` implies `a`; `hse` is what the level HSE holds.
const CONDITIONS: [&str; 4] = ["a", "b", "c", "hse"];

fn conditions() -> Vec<Condition> {
    vec![
        condition("a", &[]),
        condition("b", &[]),
        condition("c", &["a"]),
        condition("hse", &[]),
    ]
}

/// A stage: kind, weeks, cost, entries (indexes into the tables above), requires, awards
/// (indexes into `CONDITIONS`).
type StageSpec = (
    usize,
    Option<f64>,
    Option<f64>,
    Vec<usize>,
    Vec<usize>,
    Vec<usize>,
);
/// A transition: from, to, integrated, weeks, cost.
type EdgeSpec = (usize, usize, bool, Option<f64>, Option<f64>);

#[derive(Debug, Clone)]
struct Case {
    stages: Vec<StageSpec>,
    edges: Vec<EdgeSpec>,
    /// From levels (ESL, ABE or none, HSE) or from a stage.
    start: (bool, usize),
    levels: (Option<u8>, Option<u8>, bool),
    holds: Vec<usize>,
    target: usize,
    measure: Measure,
    k: usize,
    avoid: Vec<usize>,
    max_weeks: Option<f64>,
    max_cost: Option<f64>,
    integrated_only: bool,
    earn: bool,
}

fn amount(max: u8) -> impl Strategy<Value = Option<f64>> {
    // Whole and half numbers add exactly in f64, whatever the order.
    prop::option::weighted(0.8, (0..=max).prop_map(|x| f64::from(x) / 2.0))
}

fn case() -> impl Strategy<Value = Case> {
    (1usize..=9).prop_flat_map(|n| {
        let stage = (
            0..KINDS.len(),
            amount(8),
            amount(6).prop_map(|c| c.map(|c| c * 100.0)),
            prop::collection::vec(0..ENTRIES.len(), 0..=2),
            // About a third of stages require something, a third award something.
            prop::option::weighted(0.35, 0..CONDITIONS.len()).prop_map(|o| o.into_iter().collect::<Vec<_>>()),
            prop::option::weighted(0.35, 0..CONDITIONS.len()).prop_map(|o| o.into_iter().collect::<Vec<_>>()),
        );
        let edge = (
            0..n,
            0..n,
            any::<bool>(),
            prop::option::weighted(0.2, 0u8..3),
            amount(2),
        );
        (
            prop::collection::vec(stage, n),
            prop::collection::vec(edge, 0..=(3 * n).min(22)),
            (
                (any::<bool>(), 0..n),
                (
                    prop::option::of(1u8..=6),
                    prop::option::of(1u8..=6),
                    prop::bool::weighted(0.2),
                ),
                prop::collection::vec(0..CONDITIONS.len(), 0..=2),
            ),
            0..n,
            prop::sample::select(Measure::ALL.to_vec()),
            1usize..=6,
            prop::collection::vec(0..n, 0..=2),
            prop::option::weighted(0.25, 0u8..=12),
            prop::option::weighted(0.25, 0u8..=10),
            prop::bool::weighted(0.2),
            prop::bool::weighted(0.25),
        )
            .prop_map(
                |(
                    stages,
                    edges,
                    (start, levels, holds),
                    target,
                    measure,
                    k,
                    avoid,
                    max_weeks,
                    max_cost,
                    integrated_only,
                    earn,
                )| {
                    Case {
                        stages,
                        edges: edges
                            .into_iter()
                            .map(|(a, b, m, w, c)| (a, b, m, w.map(f64::from), c))
                            .collect(),
                        start,
                        levels: (levels.0, if levels.2 { None } else { levels.1 }, levels.2),
                        holds,
                        target,
                        measure,
                        k,
                        avoid,
                        max_weeks: max_weeks.map(f64::from),
                        max_cost: max_cost.map(|c| f64::from(c) * 100.0),
                        integrated_only,
                        earn,
                    }
                },
            )
    })
}

fn build(c: &Case) -> (Pathways, Query, NodeIndex) {
    let stages: Vec<Stage> = c
        .stages
        .iter()
        .enumerate()
        .map(|(i, (kind, weeks, cost, entries, requires, awards))| {
            let entries: Vec<&str> = entries.iter().map(|&e| ENTRIES[e]).collect();
            let names = |list: &[usize]| list.iter().map(|&c| CONDITIONS[c]).collect::<Vec<_>>();
            gated(
                stage(IDS[i], KINDS[*kind], *weeks, *cost, &entries),
                &names(requires),
                &names(awards),
            )
        })
        .collect();
    let n = stages.len();
    let transitions = c
        .edges
        .iter()
        .map(|&(a, b, integrated, w, cost)| {
            let mode = if integrated {
                Mode::Integrated
            } else {
                Mode::Sequential
            };
            (a, b, transition(mode, w, cost))
        })
        .collect();
    let p = pathways_with(conditions(), stages, transitions);
    let start = if c.start.0 {
        Start::Levels(Levels {
            esl: c.levels.0,
            abe: c.levels.1,
            hse: c.levels.2,
        })
    } else {
        Start::Stage(NodeIndex::new(c.start.1 % n))
    };
    let holds: Vec<&str> = c.holds.iter().map(|&h| CONDITIONS[h]).collect();
    let q = Query {
        start,
        holds: p.conditions().set_of(&holds).expect("declared"),
        measure: c.measure,
        constraints: Constraints {
            avoid: c.avoid.iter().map(|&i| NodeIndex::new(i)).collect(),
            max_weeks: c.max_weeks,
            max_cost: c.max_cost,
            integrated_only: c.integrated_only,
            sequential_only: false,
            earn: c.earn,
            // Not drawn: the oracle has no independent first-pay arithmetic yet.
            paid_within: None,
            ignore_requirements: false,
        },
        examine_limit: usize::MAX,
    };
    (p, q, NodeIndex::new(c.target))
}

/// A route as brute force sees it, with totals computed straight from DESIGN's text.
#[derive(Debug, Clone, PartialEq)]
struct Plain {
    stages: Vec<NodeIndex>,
    edges: Vec<EdgeIndex>,
    weeks: f64,
    cost: f64,
}

fn plain_totals(p: &Pathways, from_level: bool, stages: &[NodeIndex], edges: &[EdgeIndex]) -> (f64, f64) {
    let s0 = p.stage(stages[0]);
    let (mut weeks, mut cost) = (0.0, 0.0);
    if from_level {
        if s0.kind != Kind::Employment {
            weeks += s0.weeks.unwrap_or(0.0);
        }
        cost += s0.cost_usd.unwrap_or(0.0);
    }
    for (i, &e) in edges.iter().enumerate() {
        let (u, v, t) = (p.stage(stages[i]), p.stage(stages[i + 1]), p.transition(e));
        weeks += t.weeks.unwrap_or(0.0);
        if v.kind != Kind::Employment {
            weeks += v.weeks.unwrap_or(0.0);
        }
        if u.kind == Kind::Employment {
            weeks += u.weeks.unwrap_or(0.0);
        }
        cost += t.cost_usd.unwrap_or(0.0) + v.cost_usd.unwrap_or(0.0);
    }
    (weeks, cost)
}

/// The condition ids of a stage's `requires` or `awards`, with what they imply, as written in
/// DESIGN: holding `c` implies `a`.
fn closed(ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = ids.to_vec();
    if out.iter().any(|i| i == "c") {
        out.push("a".into());
    }
    out
}

/// Every simple path open to the learner from the start to `target` that meets the constraints,
/// in DESIGN's order, straight from DESIGN's rules, plus one of ours: a stage (other than the one
/// she starts from) whose awards she holds already from the start has nothing to give her.
fn brute(p: &Pathways, q: &Query, target: NodeIndex) -> Vec<Plain> {
    let c = &q.constraints;
    let mut holds: Vec<String> = p
        .conditions()
        .ids(&q.holds)
        .iter()
        .map(|s| s.to_string())
        .collect();
    let (from_level, seeds): (bool, Vec<NodeIndex>) = match q.start {
        Start::Levels(l) => {
            if l.hse {
                holds.push("hse".into());
            }
            let meets = |e: Entry| {
                let levels = [
                    l.esl.map(SkillLevel::Esl),
                    l.abe.map(SkillLevel::Abe),
                    l.hse.then_some(SkillLevel::Hse),
                ];
                e == Entry::Any || levels.into_iter().flatten().any(|x| x.meets(e))
            };
            (
                true,
                p.stages()
                    .filter(|(_, s)| s.entry.iter().any(|&e| meets(e)))
                    .filter(|(_, s)| s.requires().iter().all(|r| holds.contains(r)))
                    .map(|(n, _)| n)
                    .collect(),
            )
        }
        Start::Stage(s) => {
            holds.extend(closed(p.stage(s).requires()));
            (false, vec![s])
        }
    };
    let start_stage = match q.start {
        Start::Stage(s) => Some(s),
        Start::Levels(_) => None,
    };
    let spent = |n: NodeIndex| {
        let awards = closed(p.stage(n).awards());
        Some(n) != start_stage && !awards.is_empty() && awards.iter().all(|a| holds.contains(a))
    };
    let seeds: Vec<NodeIndex> = seeds.into_iter().filter(|&n| !spent(n)).collect();
    let mut out = Vec::new();
    for s in seeds {
        if c.avoid.contains(&s) {
            continue;
        }
        let mut stack = vec![(vec![s], Vec::<EdgeIndex>::new())];
        while let Some((stages, edges)) = stack.pop() {
            let mut held = holds.clone();
            for &n in &stages[..stages.len() - 1] {
                held.extend(closed(p.stage(n).awards()));
            }
            let at_awards = closed(p.stage(stages[stages.len() - 1]).awards());
            let at = stages[stages.len() - 1];
            if at == target {
                let (weeks, cost) = plain_totals(p, from_level, &stages, &edges);
                out.push(Plain {
                    stages: stages.clone(),
                    edges: edges.clone(),
                    weeks,
                    cost,
                });
                continue;
            }
            for e in p.graph().edge_indices() {
                let Some((u, v)) = p.ends(e) else { continue };
                let t = p.transition(e);
                let open = p
                    .stage(v)
                    .requires()
                    .iter()
                    .all(|r| held.contains(r) || at_awards.contains(r));
                if u != at
                    || !open
                    || spent(v)
                    || stages.contains(&v)
                    || c.avoid.contains(&v)
                    || (c.integrated_only && p.stage(v).kind == Kind::Training && t.mode != Mode::Integrated)
                {
                    continue;
                }
                let mut s2 = stages.clone();
                s2.push(v);
                let mut e2 = edges.clone();
                e2.push(e);
                stack.push((s2, e2));
            }
        }
    }
    out.retain(|r| {
        let earns = r.stages[..r.stages.len() - 1]
            .iter()
            .any(|&n| matches!(p.stage(n).kind, Kind::WorkBased | Kind::Employment));
        c.max_weeks.is_none_or(|m| r.weeks <= m)
            && c.max_cost.is_none_or(|m| r.cost <= m)
            && (!c.earn || earns)
    });
    let key = |r: &Plain| {
        let m = match q.measure {
            Measure::Weeks => r.weeks,
            Measure::Cost => r.cost,
            Measure::Steps => r.edges.len() as f64,
        };
        let ids: Vec<String> = r.stages.iter().map(|&n| p.stage(n).id.clone()).collect();
        (m, r.edges.len(), ids, r.edges.clone())
    };
    out.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.total_cmp(&kb.0)
            .then(ka.1.cmp(&kb.1))
            .then(ka.2.cmp(&kb.2))
            .then(ka.3.cmp(&kb.3))
    });
    out
}

fn plain(r: &Route) -> Plain {
    Plain {
        stages: r.stages().to_vec(),
        edges: r.transitions().to_vec(),
        weeks: r.weeks,
        cost: r.cost_usd,
    }
}

fn cases() -> u32 {
    if std::env::var_os("PATHWAYS_LONG_TESTS").is_some_and(|v| v == "1") {
        40_000
    } else {
        400
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn k_best_routes_equal_brute_force(c in case()) {
        let (p, q, target) = build(&c);
        let found = best_routes(&p, &q, target, c.k);
        let mut want = brute(&p, &q, target);
        want.truncate(c.k);
        let got: Vec<Plain> = found.routes.iter().map(plain).collect();
        prop_assert_eq!(got, want);
        prop_assert!(found.complete);
        for r in &found.routes {
            prop_assert_eq!(r.steps, r.transitions().len());
            let seg_weeks: f64 = r.segments(&p).iter().map(|s| s.weeks).sum();
            if r.steps > 0 {
                prop_assert_eq!(seg_weeks, r.weeks);
            }
            prop_assert_eq!(r.legs(&p).iter().map(|l| l.weeks).sum::<f64>(), r.weeks);
        }
    }

    #[test]
    fn destinations_are_each_jobs_best_route(c in case()) {
        let (p, q, _) = build(&c);
        let found = destinations(&p, &q);
        prop_assert!(found.complete);
        let start_stage = match q.start { Start::Stage(s) => Some(s), Start::Levels(_) => None };
        let mut want: Vec<Route> = p
            .stages()
            .filter(|&(n, s)| s.is_employment() && Some(n) != start_stage)
            .filter_map(|(n, _)| brute(&p, &q, n).into_iter().next())
            .filter_map(|b| Route::new(&p, q.starts_from_level(), b.stages, b.edges))
            .collect();
        want.sort_by(|a, b| a.order(b, &p, q.measure));
        prop_assert_eq!(found.routes, want);
    }
}
