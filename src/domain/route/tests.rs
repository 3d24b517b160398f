//! Route arithmetic, order and constraints on hand-built graphs.

use super::*;
use crate::domain::condition::Condition;
use crate::domain::level::Entry;
use crate::domain::model::{Pathway, Stage, Transition, Wage};

pub(super) fn stage(id: &str, kind: Kind, weeks: Option<f64>, cost: Option<f64>, entry: &[&str]) -> Stage {
    Stage {
        id: id.into(),
        title: format!("Stage {id}"),
        kind,
        level: 0,
        entry: entry.iter().map(|e| Entry::parse(e).expect("entry")).collect(),
        credential: None,
        weeks,
        cost_usd: cost,
        wage: (kind == Kind::Employment).then(|| Wage {
            median_annual_usd: 30_000.0 + 100.0 * weeks.unwrap_or(0.0),
            year: 2025,
            source: "s".into(),
            ..Default::default()
        }),
        soc: None,
        sources: vec![],
        pathway: 0,
        at: 0,
        details: None,
    }
}

pub(super) fn transition(mode: Mode, weeks: Option<f64>, cost: Option<f64>) -> Transition {
    Transition::new(mode, weeks, cost)
}

pub(super) fn pathways(stages: Vec<Stage>, transitions: Vec<(usize, usize, Transition)>) -> Pathways {
    pathways_with(Vec::new(), stages, transitions)
}

/// A graph whose file declares `conditions`.
pub(super) fn pathways_with(
    conditions: Vec<Condition>,
    stages: Vec<Stage>,
    transitions: Vec<(usize, usize, Transition)>,
) -> Pathways {
    let meta = Pathway {
        id: "p".into(),
        title: "P".into(),
        sector: "S".into(),
        region: None,
        sources: vec![],
        conditions,
        file: "p.json".into(),
        explain: Default::default(),
        extra: Default::default(),
        ..Default::default()
    };
    Pathways::new(vec![meta], stages, transitions)
}

/// A condition `id` implying `implies`.
pub(super) fn condition(id: &str, implies: &[&str]) -> Condition {
    Condition {
        id: id.into(),
        title: format!("Condition {id}"),
        description: None,
        implies: implies.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

/// `stage` with `requires` and `awards`.
pub(super) fn gated(mut s: Stage, requires: &[&str], awards: &[&str]) -> Stage {
    let mut details = s.details.take().map(|d| *d).unwrap_or_default();
    details.requires = requires.iter().map(|s| s.to_string()).collect();
    details.awards = awards.iter().map(|s| s.to_string()).collect();
    s.details = details.boxed();
    s
}

fn ids(p: &Pathways, r: &Route) -> Vec<String> {
    r.stages().iter().map(|&n| p.stage(n).id.clone()).collect()
}

fn node(p: &Pathways, id: &str) -> NodeIndex {
    p.find(id).expect(id)
}

fn level(text: &str) -> Start {
    Start::level(SkillLevel::parse(text).expect("level"))
}

/// DESIGN's example, extended: an ESL class, an I-BEST program, a job, a program after the job.
fn nursing() -> Pathways {
    use Kind::*;
    use Mode::*;
    pathways(
        vec![
            stage("esl-3-class", Education, Some(11.0), Some(25.0), &["ESL 3"]),
            stage(
                "ibest-nac",
                Training,
                Some(11.0),
                Some(1800.0),
                &["ESL 3", "ABE 2"],
            ),
            stage("cna-job", Employment, Some(52.0), None, &[]),
            stage("lpn", Training, Some(52.0), Some(5000.0), &[]),
            stage("lpn-job", Employment, Some(104.0), None, &[]),
        ],
        vec![
            (0, 1, transition(Integrated, None, None)),
            (1, 2, transition(Sequential, None, None)),
            (2, 3, transition(Sequential, Some(2.0), Some(100.0))),
            (3, 4, transition(Sequential, None, None)),
        ],
    )
}

fn best(p: &Pathways, start: Start, measure: Measure, to: &str) -> Route {
    best_routes(p, &Query::new(start, measure), node(p, to), 1)
        .routes
        .into_iter()
        .next()
        .expect("a route")
}

#[test]
fn starting_from_a_level_adds_the_on_ramps_own_weeks_and_cost() {
    let p = nursing();
    let r = best(&p, level("ESL 3"), Measure::Weeks, "cna-job");
    assert_eq!(ids(&p, &r), ["ibest-nac", "cna-job"]);
    assert_eq!((r.weeks, r.cost_usd, r.steps), (11.0, 1800.0, 1));
    // Through the ESL class the learner does both: 11 + 11 weeks, $25 + $1,800.
    let k = best_routes(
        &p,
        &Query::new(level("ESL 3"), Measure::Weeks),
        node(&p, "cna-job"),
        5,
    )
    .routes;
    assert_eq!(k.len(), 2);
    assert_eq!(ids(&p, &k[1]), ["esl-3-class", "ibest-nac", "cna-job"]);
    assert_eq!((k[1].weeks, k[1].cost_usd, k[1].steps), (22.0, 1825.0, 2));
}

#[test]
fn starting_at_a_stage_adds_nothing_for_it() {
    let p = nursing();
    let r = best(
        &p,
        Start::Stage(node(&p, "esl-3-class")),
        Measure::Weeks,
        "cna-job",
    );
    assert_eq!(ids(&p, &r), ["esl-3-class", "ibest-nac", "cna-job"]);
    assert_eq!((r.weeks, r.cost_usd, r.steps), (11.0, 1800.0, 2));
    let here = best(&p, Start::Stage(node(&p, "lpn")), Measure::Weeks, "lpn");
    assert_eq!((here.weeks, here.cost_usd, here.steps), (0.0, 0.0, 0));
}

#[test]
fn a_job_passed_through_counts_its_weeks_when_left_not_when_entered() {
    let p = nursing();
    // ibest 11, into the job 0, out of the job 52 + transition 2 + lpn 52, into the last job 0.
    let r = best(&p, level("ABE 2"), Measure::Weeks, "lpn-job");
    assert_eq!(ids(&p, &r), ["ibest-nac", "cna-job", "lpn", "lpn-job"]);
    assert_eq!(r.weeks, 11.0 + 52.0 + 2.0 + 52.0);
    assert_eq!(r.cost_usd, 1800.0 + 100.0 + 5000.0);
    // Starting in the job, its weeks still count when the learner leaves it.
    let r = best(&p, Start::Stage(node(&p, "cna-job")), Measure::Weeks, "lpn");
    assert_eq!((r.weeks, r.cost_usd), (52.0 + 2.0 + 52.0, 5100.0));
}

#[test]
fn an_employment_on_ramp_counts_its_weeks_once_when_left() {
    use Kind::*;
    let p = pathways(
        vec![
            stage("job", Employment, Some(26.0), Some(7.0), &["HSE"]),
            stage("cert", Training, Some(10.0), Some(500.0), &[]),
        ],
        vec![(0, 1, transition(Mode::Sequential, None, None))],
    );
    let r = best(&p, level("HSE"), Measure::Weeks, "cert");
    assert_eq!((r.weeks, r.cost_usd), (36.0, 507.0));
    let r = best(&p, level("HSE"), Measure::Weeks, "job");
    assert_eq!((r.weeks, r.cost_usd, r.steps), (0.0, 7.0, 0));
}

#[test]
fn segments_are_maximal_runs_of_one_mode_and_add_up_to_the_weeks() {
    let p = nursing();
    let r = best(
        &p,
        Start::Stage(node(&p, "esl-3-class")),
        Measure::Weeks,
        "lpn-job",
    );
    let segs = r.segments(&p);
    assert_eq!(segs.len(), 2);
    assert_eq!(segs[0].mode, Mode::Integrated);
    assert_eq!(
        segs[0].stages,
        vec![node(&p, "esl-3-class"), node(&p, "ibest-nac")]
    );
    assert_eq!(segs[0].weeks, 11.0);
    assert_eq!(segs[1].mode, Mode::Sequential);
    assert_eq!(segs[1].stages.len(), 4);
    assert_eq!(segs[1].weeks, 106.0);
    assert_eq!(segs.iter().map(|s| s.weeks).sum::<f64>(), r.weeks);
    // From a level the first segment carries the on-ramp's own weeks.
    let k = best_routes(
        &p,
        &Query::new(level("ESL 3"), Measure::Weeks),
        node(&p, "lpn-job"),
        2,
    )
    .routes;
    let segs = k[1].segments(&p);
    assert_eq!(segs[0].weeks, 22.0);
    assert_eq!(segs.iter().map(|s| s.weeks).sum::<f64>(), k[1].weeks);
    // The legs add up too, with the job's weeks on the job.
    let legs = k[1].legs(&p);
    assert_eq!(legs.iter().map(|l| l.weeks).sum::<f64>(), k[1].weeks);
    assert_eq!(legs.iter().map(|l| l.cost_usd).sum::<f64>(), k[1].cost_usd);
    assert_eq!(legs[2].weeks, 52.0);
    assert_eq!(legs[3].weeks, 54.0);
    assert_eq!(legs[4].weeks, 0.0);
    assert_eq!(legs[1].mode, Some(Mode::Integrated));
    assert_eq!(legs[0].mode, None);
}

#[test]
fn missing_figures_count_zero_and_are_flagged() {
    use Kind::*;
    let p = pathways(
        vec![
            stage("a", Education, None, None, &["any"]),
            stage("b", Training, Some(4.0), None, &[]),
            stage("c", Employment, None, None, &[]),
            stage("d", Training, Some(1.0), Some(10.0), &[]),
        ],
        vec![
            (0, 1, transition(Mode::Sequential, None, None)),
            (1, 2, transition(Mode::Sequential, None, None)),
            (2, 3, transition(Mode::Sequential, None, None)),
        ],
    );
    let r = best(&p, level("ESL 1"), Measure::Weeks, "d");
    assert_eq!((r.weeks, r.cost_usd), (5.0, 10.0));
    let legs = r.legs(&p);
    let flags: Vec<(bool, bool)> = legs.iter().map(|l| (l.weeks_unknown, l.cost_unknown)).collect();
    assert_eq!(
        flags,
        [(true, true), (false, true), (true, false), (false, false)]
    );
    assert!(r.segments(&p)[0].weeks_unknown);
}

#[test]
fn ties_go_to_fewer_steps_then_to_stage_ids_in_order() {
    use Kind::*;
    use Mode::*;
    // s -> a -> t, s -> b -> t, s -> c -> d -> t, all zero weeks.
    let p = pathways(
        vec![
            stage("s", Education, None, None, &["ESL 1"]),
            stage("b", Training, None, None, &[]),
            stage("a", Training, None, None, &[]),
            stage("c", Training, None, None, &[]),
            stage("d", Training, None, None, &[]),
            stage("t", Employment, None, None, &[]),
        ],
        vec![
            (0, 3, transition(Sequential, None, None)),
            (3, 4, transition(Sequential, None, None)),
            (4, 5, transition(Sequential, None, None)),
            (0, 1, transition(Sequential, None, None)),
            (1, 5, transition(Sequential, None, None)),
            (0, 2, transition(Sequential, None, None)),
            (2, 5, transition(Sequential, None, None)),
        ],
    );
    for measure in Measure::ALL {
        let k = best_routes(&p, &Query::new(level("ESL 1"), measure), node(&p, "t"), 5).routes;
        let got: Vec<Vec<String>> = k.iter().map(|r| ids(&p, r)).collect();
        assert_eq!(
            got,
            [vec!["s", "a", "t"], vec!["s", "b", "t"], vec!["s", "c", "d", "t"]],
            "{measure:?}"
        );
    }
}

#[test]
fn k_best_routes_are_loopless_and_ordered_in_a_graph_with_cycles() {
    use Kind::*;
    use Mode::*;
    let p = pathways(
        vec![
            stage("a", Education, Some(1.0), None, &["ABE 1"]),
            stage("b", Training, Some(2.0), None, &[]),
            stage("c", Training, Some(3.0), None, &[]),
            stage("t", Employment, Some(10.0), None, &[]),
        ],
        vec![
            (0, 1, transition(Sequential, None, None)),
            (1, 0, transition(Sequential, None, None)),
            (1, 2, transition(Sequential, None, None)),
            (2, 1, transition(Sequential, None, None)),
            (0, 2, transition(Sequential, None, None)),
            (2, 3, transition(Sequential, None, None)),
            (1, 3, transition(Sequential, None, None)),
            (3, 0, transition(Sequential, None, None)),
            (3, 3, transition(Sequential, None, None)),
        ],
    );
    let k = best_routes(&p, &Query::new(level("ABE 3"), Measure::Weeks), node(&p, "t"), 10).routes;
    let got: Vec<(Vec<String>, f64)> = k.iter().map(|r| (ids(&p, r), r.weeks)).collect();
    let want = [
        (vec!["a", "b", "t"], 3.0),
        (vec!["a", "c", "t"], 4.0),
        (vec!["a", "b", "c", "t"], 6.0),
        (vec!["a", "c", "b", "t"], 6.0),
    ];
    let want: Vec<(Vec<String>, f64)> = want
        .iter()
        .map(|(s, w)| (s.iter().map(|x| x.to_string()).collect(), *w))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn parallel_transitions_are_different_routes_in_file_order() {
    use Kind::*;
    let p = pathways(
        vec![
            stage("a", Education, None, None, &["any"]),
            stage("b", Training, Some(5.0), None, &[]),
        ],
        vec![
            (0, 1, transition(Mode::Sequential, None, None)),
            (0, 1, transition(Mode::Integrated, None, None)),
        ],
    );
    let k = best_routes(&p, &Query::new(level("HSE"), Measure::Weeks), node(&p, "b"), 5).routes;
    assert_eq!(k.len(), 2);
    assert_eq!(ids(&p, &k[0]), ids(&p, &k[1]));
    assert_eq!(p.transition(k[0].transitions()[0]).mode, Mode::Sequential);
    assert_eq!(p.transition(k[1].transitions()[0]).mode, Mode::Integrated);
}

/// Two ways to a nursing job: a long sequential one through a paid apprenticeship, a short
/// integrated one; and an expensive direct program.
fn choices() -> Pathways {
    use Kind::*;
    use Mode::*;
    pathways(
        vec![
            stage("esl", Education, Some(10.0), Some(0.0), &["ESL 2"]),
            stage("ibest", Training, Some(10.0), Some(900.0), &[]),
            stage("prep", Training, Some(30.0), Some(100.0), &[]),
            stage("app", WorkBased, Some(40.0), Some(0.0), &[]),
            stage("fast", Training, Some(5.0), Some(9000.0), &[]),
            stage("job", Employment, Some(52.0), None, &[]),
        ],
        vec![
            (0, 1, transition(Integrated, None, None)),
            (1, 5, transition(Sequential, None, None)),
            (0, 2, transition(Sequential, None, None)),
            (2, 3, transition(Sequential, None, None)),
            (3, 5, transition(Sequential, None, None)),
            (0, 4, transition(Sequential, None, None)),
            (4, 5, transition(Sequential, None, None)),
        ],
    )
}

fn query(start: Start, measure: Measure, c: Constraints) -> Query {
    Query {
        constraints: c,
        ..Query::new(start, measure)
    }
}

fn all_ids(p: &Pathways, q: &Query, to: &str) -> Vec<Vec<String>> {
    best_routes(p, q, node(p, to), 10)
        .routes
        .iter()
        .map(|r| ids(p, r))
        .collect()
}

#[test]
fn constraints_filter_routes() {
    let p = choices();
    let start = level("ESL 2");
    let plain = all_ids(&p, &query(start, Measure::Weeks, Constraints::default()), "job");
    assert_eq!(
        plain,
        [
            vec!["esl", "fast", "job"],
            vec!["esl", "ibest", "job"],
            vec!["esl", "prep", "app", "job"]
        ]
    );
    let avoid = Constraints {
        avoid: vec![node(&p, "fast")],
        ..Default::default()
    };
    assert_eq!(all_ids(&p, &query(start, Measure::Weeks, avoid), "job").len(), 2);
    let earn = Constraints {
        earn: true,
        ..Default::default()
    };
    assert_eq!(
        all_ids(&p, &query(start, Measure::Weeks, earn), "job"),
        [vec!["esl", "prep", "app", "job"]]
    );
    let integrated = Constraints {
        integrated_only: true,
        ..Default::default()
    };
    assert_eq!(
        all_ids(&p, &query(start, Measure::Weeks, integrated), "job"),
        [vec!["esl", "ibest", "job"]]
    );
    let cheap = Constraints {
        max_cost: Some(1000.0),
        ..Default::default()
    };
    assert_eq!(
        all_ids(&p, &query(start, Measure::Weeks, cheap.clone()), "job"),
        [vec!["esl", "ibest", "job"], vec!["esl", "prep", "app", "job"]]
    );
    assert_eq!(
        all_ids(&p, &query(start, Measure::Cost, cheap), "job"),
        [vec!["esl", "prep", "app", "job"], vec!["esl", "ibest", "job"]]
    );
    let quick = Constraints {
        max_weeks: Some(20.0),
        ..Default::default()
    };
    assert_eq!(
        all_ids(&p, &query(start, Measure::Cost, quick), "job"),
        [vec!["esl", "ibest", "job"], vec!["esl", "fast", "job"]]
    );
}

#[test]
fn integration_is_compared_with_the_best_sequential_route() {
    let p = choices();
    let q = query(
        level("ESL 2"),
        Measure::Weeks,
        Constraints {
            avoid: vec![node(&p, "fast")],
            ..Default::default()
        },
    );
    let best = best_routes(&p, &q, node(&p, "job"), 1).routes.remove(0);
    match integration(&p, &q, &best) {
        Integration::Saves {
            sequential,
            weeks_saved,
        } => {
            assert_eq!(ids(&p, &sequential), ["esl", "prep", "app", "job"]);
            assert_eq!(weeks_saved, 80.0 - 20.0);
        }
        other => panic!("{other:?}"),
    }
    let seq_best = best_routes(
        &p,
        &query(level("ESL 2"), Measure::Weeks, Default::default()),
        node(&p, "job"),
        1,
    )
    .routes
    .remove(0);
    assert_eq!(integration(&p, &q, &seq_best), Integration::NotUsed);
    let q2 = query(
        level("ESL 2"),
        Measure::Weeks,
        Constraints {
            avoid: vec![node(&p, "fast"), node(&p, "app")],
            ..Default::default()
        },
    );
    let best = best_routes(&p, &q2, node(&p, "job"), 1).routes.remove(0);
    assert_eq!(integration(&p, &q2, &best), Integration::NoSequentialAlternative);
}

#[test]
fn destinations_list_every_reachable_job_with_its_best_route() {
    let p = nursing();
    let found = destinations(&p, &Query::new(level("ESL 3"), Measure::Weeks));
    let got: Vec<(Vec<String>, f64)> = found.routes.iter().map(|r| (ids(&p, r), r.weeks)).collect();
    assert_eq!(got[0].0, ["ibest-nac", "cna-job"]);
    assert_eq!(got[1].0, ["ibest-nac", "cna-job", "lpn", "lpn-job"]);
    assert_eq!(got.len(), 2);
    // From a job, the job itself is not a destination.
    let from_job = destinations(&p, &Query::new(Start::Stage(node(&p, "cna-job")), Measure::Steps));
    assert_eq!(from_job.routes.len(), 1);
    // With --earn the first job drops out: no route to it earns before reaching it.
    let earn = query(
        level("ESL 3"),
        Measure::Weeks,
        Constraints {
            earn: true,
            ..Default::default()
        },
    );
    let found = destinations(&p, &earn);
    assert_eq!(found.routes.len(), 1);
    assert_eq!(p.stage(found.routes[0].target()).id, "lpn-job");
    let mut routes = destinations(&p, &Query::new(level("ESL 3"), Measure::Weeks)).routes;
    let wage = |n| p.stage(n).wage.as_ref().map(|w| w.median_annual_usd);
    sort_by_wage(&p, &mut routes, Measure::Weeks, wage);
    // Test wages grow with the job's weeks: the LPN job pays more.
    assert_eq!(p.stage(routes[0].target()).id, "lpn-job");
}

#[test]
fn nothing_reachable_is_explained_by_entries_and_levels() {
    let p = nursing();
    assert!(
        best_routes(
            &p,
            &Query::new(level("ESL 2"), Measure::Weeks),
            node(&p, "cna-job"),
            3
        )
        .routes
        .is_empty()
    );
    assert!(on_ramps_for(&p, &Levels::of(SkillLevel::Esl(2))).is_empty());
    let lowest = lowest_entry(&p, crate::domain::level::Scale::Esl).expect("an ESL entry");
    assert_eq!(lowest.level, SkillLevel::Esl(3));
    assert_eq!(lowest.stages.len(), 2);
    assert_eq!(
        lowest_entry(&p, crate::domain::level::Scale::Abe).map(|l| l.level),
        Some(SkillLevel::Abe(2))
    );
    let levels = levels_reaching(&p, node(&p, "cna-job"));
    assert!(levels.contains(&SkillLevel::Esl(3)) && levels.contains(&SkillLevel::Hse));
    assert!(!levels.contains(&SkillLevel::Esl(2)) && !levels.contains(&SkillLevel::Abe(1)));
}

#[test]
fn avoided_or_unreachable_targets_give_no_routes() {
    let p = nursing();
    let q = query(
        level("ESL 3"),
        Measure::Weeks,
        Constraints {
            avoid: vec![node(&p, "cna-job")],
            ..Default::default()
        },
    );
    assert!(best_routes(&p, &q, node(&p, "lpn"), 3).routes.is_empty());
    assert!(best_routes(&p, &q, node(&p, "cna-job"), 3).routes.is_empty());
    let back = Query::new(Start::Stage(node(&p, "lpn")), Measure::Weeks);
    assert!(best_routes(&p, &back, node(&p, "cna-job"), 3).routes.is_empty());
}

#[test]
fn a_stated_range_widens_the_route_total_and_others_count_their_typical_weeks() {
    let mut app = stage("app", Kind::WorkBased, Some(156.0), None, &[]);
    app.details = crate::domain::model::StageDetails {
        weeks_range: Some((104.0, 208.0)),
        ..Default::default()
    }
    .boxed();
    let p = pathways(
        vec![
            stage("pre", Kind::Training, Some(10.0), Some(0.0), &["HSE"]),
            app,
            stage("job", Kind::Employment, None, None, &[]),
        ],
        vec![
            (0, 1, transition(Mode::Sequential, Some(2.0), None)),
            (1, 2, transition(Mode::Sequential, None, None)),
        ],
    );
    let found = best_routes(
        &p,
        &Query::new(level("HSE"), Measure::Weeks),
        NodeIndex::new(2),
        1,
    );
    let legs = found.routes[0].legs(&p);
    assert_eq!(found.routes[0].weeks, 168.0);
    // 10 (no range) + 2 to move + 104..208.
    assert_eq!(weeks_span(&legs), Some((116.0, 220.0)));
    assert_eq!(legs[1].weeks_range, Some((106.0, 210.0)));
    let without: Vec<Leg> = legs
        .into_iter()
        .map(|l| Leg {
            weeks_range: None,
            ..l
        })
        .collect();
    assert_eq!(weeks_span(&without), None);
}

#[test]
fn the_first_paid_step_is_the_first_work_based_or_job_stage_and_the_weeks_before_it() {
    let p = nursing();
    let r = best(&p, level("ESL 3"), Measure::Weeks, "lpn-job");
    let paid = r.first_paid(&p).expect("the route passes a job");
    assert_eq!(p.stage(paid.stage).id, "cna-job");
    // ESL 3 enters the I-BEST program directly (11 weeks), then the job.
    assert_eq!(ids(&p, &r)[0], "ibest-nac");
    assert_eq!(paid.step, 1);
    assert_eq!((paid.weeks_before, paid.weeks_unknown), (11.0, false));
    // Already at the job: paid from the start.
    let from_job = best(&p, Start::Stage(node(&p, "cna-job")), Measure::Weeks, "lpn-job");
    let paid = from_job.first_paid(&p).expect("she is at a job");
    assert_eq!((paid.step, paid.weeks_before), (0, 0.0));
    // A route of education only never pays.
    let unpaid = best(&p, level("ESL 3"), Measure::Weeks, "ibest-nac");
    assert_eq!(unpaid.first_paid(&p), None);
}

#[test]
fn weeks_before_the_first_paid_step_say_when_a_length_is_missing() {
    use Kind::*;
    let p = pathways(
        vec![
            stage("class", Education, None, None, &["ESL 3"]),
            stage("wait", Training, Some(4.0), None, &[]),
            stage("apprentice", WorkBased, Some(52.0), None, &[]),
        ],
        vec![
            (0, 1, transition(Mode::Sequential, None, None)),
            (1, 2, transition(Mode::Sequential, Some(3.0), None)),
        ],
    );
    let r = best(&p, level("ESL 3"), Measure::Weeks, "apprentice");
    let paid = r.first_paid(&p).expect("an apprenticeship pays");
    assert_eq!(p.stage(paid.stage).id, "apprentice");
    assert_eq!((paid.weeks_before, paid.weeks_unknown), (7.0, true));
}
