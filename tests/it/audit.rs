//! The pathway audit, `pathways check` and `pathways diff`, on the fixtures in
//! `tests/fixtures/audit/`: for every rule a fixture that triggers it and a near miss that must not.

use crate::support::{json, pathways, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pathways::cli::load_data;
use pathways::domain::audit::{Code, Finding, Options, Severity, audit};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/audit")
        .join(name)
}

fn findings_with(name: &str, options: &Options) -> Vec<Finding> {
    let loaded = load_data(&[fixture(name)]).unwrap_or_else(|e| panic!("{name} does not load: {e}"));
    audit(&loaded.pathways, options)
}

fn findings(name: &str) -> Vec<Finding> {
    findings_with(name, &Options::default())
}

/// `code stage` of every finding, in order; a sector finding shows its sector.
fn summary(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| {
            let subject = f
                .stage
                .clone()
                .or_else(|| f.sector.clone().map(|s| format!("sector {s}")))
                .unwrap_or_default();
            format!("{} {subject}", f.code)
        })
        .collect()
}

/// What the CTDL fixture gives: it triggers the three CTDL rules at once.
const CTDL_FOUND: &[&str] = &[
    "isolated ce-old",
    "unsatisfiable-condition ce-aas",
    "orphan-component ce-old",
    "destination-not-sink ce-aas",
    "missing-data ce-aas",
    "missing-data ce-job",
    "missing-data ce-old",
    "missing-data ce-we110",
    "missing-data ce-we111",
];

/// For every rule: the fixture that triggers it, exactly the findings it must give, and the near
/// misses that must not give the rule's code.
const RULES: &[(Code, &str, &[&str], &[&str])] = &[
    (
        Code::DeadEnd,
        "dead-end.json",
        &["dead-end welding-prep"],
        &["dead-end-near-miss.json"],
    ),
    (
        Code::Unreachable,
        "unreachable.json",
        &["unreachable pipe-welding"],
        &["unreachable-near-miss.json"],
    ),
    (
        Code::NoExit,
        "no-exit.json",
        &["dead-end citizenship", "no-exit esl-2"],
        &["no-exit-near-miss.json"],
    ),
    (
        Code::Isolated,
        "isolated.json",
        &["isolated robotics-cert"],
        &["isolated-near-miss.json"],
    ),
    (
        Code::NoLowOnRamp,
        "no-low-on-ramp.json",
        &["no-low-on-ramp sector Welding"],
        &["no-low-on-ramp-near-miss"],
    ),
    (
        Code::SequentialOnly,
        "sequential-only.json",
        &["sequential-only esl-3"],
        &[
            "sequential-only-near-miss.json",
            "sequential-only-near-miss-level.json",
        ],
    ),
    (
        Code::LongStretch,
        "long-stretch.json",
        &["long-stretch esl-welding"],
        &["long-stretch-near-miss.json"],
    ),
    (
        Code::OffRampWithoutCredential,
        "off-ramp-without-credential.json",
        &["off-ramp-without-credential welding-cert"],
        &["off-ramp-without-credential-near-miss.json"],
    ),
    (
        Code::LevelJump,
        "level-jump.json",
        &["level-jump esl-welding"],
        &["level-jump-near-miss.json"],
    ),
    (
        Code::Cycle,
        "cycle.json",
        &["cycle welding-cert"],
        &["cycle-near-miss.json"],
    ),
    (
        Code::DuplicateTitle,
        "duplicate-title.json",
        &["duplicate-title welder-job", "duplicate-title welder-job-2"],
        &["duplicate-title-near-miss.json"],
    ),
    (
        Code::MissingData,
        "missing-data.json",
        &["missing-data welder-job", "missing-data welding-cert"],
        &["missing-data-near-miss.json"],
    ),
    (
        Code::StaleWage,
        "stale-wage.json",
        &["stale-wage welder-helper-job"],
        &["stale-wage-near-miss.json"],
    ),
    (
        Code::UnmetRequirement,
        "unmet-requirement.json",
        &["blocked-on-ramp esl-welding", "unmet-requirement welding-cert"],
        &["unmet-requirement-near-miss.json"],
    ),
    (
        Code::BlockedOnRamp,
        "blocked-on-ramp.json",
        &["blocked-on-ramp esl-welding"],
        &["blocked-on-ramp-near-miss.json"],
    ),
    (
        Code::EntryGap,
        "entry-gap.json",
        &["entry-gap esl-welding"],
        &["entry-gap-near-miss.json"],
    ),
    (
        Code::LevelClassOpenEnded,
        "level-class-open-ended.json",
        &["level-class-open-ended esl-welding"],
        &["level-class-open-ended-near-miss.json"],
    ),
    (
        Code::IntegratedIntoJob,
        "integrated-into-job.json",
        &["integrated-into-job welding-cert"],
        &["chain.json"],
    ),
    (
        Code::WageOnTraining,
        "wage-on-training.json",
        &["wage-on-training welding-cert"],
        &["wage-on-training-near-miss.json"],
    ),
    (
        Code::UnknownField,
        "unknown-field.json",
        &[
            "unknown-field sector Welding",
            "unknown-field esl-welding",
            "unknown-field esl-welding",
        ],
        &["unknown-field-near-miss.json"],
    ),
    (
        Code::DuplicateTransition,
        "duplicate-transition.json",
        &["duplicate-transition welding-cert"],
        &["duplicate-transition-near-miss.json"],
    ),
    (
        Code::OrphanComponent,
        "ctdl-rules.jsonld",
        CTDL_FOUND,
        &["ctdl-near-miss.jsonld"],
    ),
    (
        Code::UnsatisfiableCondition,
        "ctdl-rules.jsonld",
        CTDL_FOUND,
        &["ctdl-near-miss.jsonld"],
    ),
    (
        Code::DestinationNotSink,
        "ctdl-rules.jsonld",
        CTDL_FOUND,
        &["ctdl-near-miss.jsonld"],
    ),
    (
        Code::UnsourcedFigure,
        "unsourced-figure.json",
        &["unsourced-figure esl-welding", "unsourced-figure welding-cert"],
        &["missing-data-near-miss.json"],
    ),
];

/// Rules that need an area other than the nation: tested on their own below.
const AREA_RULES: [Code; 1] = [Code::WageFallback];

fn check_rule(code: Code) {
    let Some((_, trigger, expected, near_misses)) = RULES.iter().find(|r| r.0 == code) else {
        panic!("no fixture for {code}");
    };
    let found = findings(trigger);
    assert_eq!(summary(&found), *expected, "{trigger}: {found:#?}");
    for f in &found {
        assert_eq!(f.severity, f.code.severity());
        assert!(!f.message.is_empty() && !f.fix.is_empty(), "{f:?}");
    }
    for near in *near_misses {
        let found = findings(near);
        assert!(
            !found.iter().any(|f| f.code == code),
            "{near} must not give {code}: {found:#?}"
        );
        assert!(
            found.iter().all(|f| f.severity == Severity::Info),
            "{near} should be clean: {found:#?}"
        );
    }
}

#[test]
fn every_rule_has_a_trigger_and_a_near_miss() {
    for code in Code::ALL {
        assert!(
            RULES.iter().any(|r| r.0 == code) || AREA_RULES.contains(&code),
            "no fixture for {code}"
        );
    }
}

#[test]
fn unsourced_figure() {
    check_rule(Code::UnsourcedFigure);
    // A note does not make an unsourced figure sourced.
    let found = findings("unsourced-figure.json");
    assert!(
        found
            .iter()
            .all(|f| f.code != Code::UnsourcedFigure || !f.explained())
    );
}

#[test]
fn wage_fallback_names_the_area_that_has_no_estimate() {
    let area = |name: &str| Options {
        area: pathways::domain::wages::layer().resolve(name).expect("an area"),
        ..Options::default()
    };
    // Bellingham, WA: BLS released no registered-nurse wage (footnote 8); Washington's is shown.
    let found = findings_with("wage-fallback.json", &area("Bellingham"));
    assert_eq!(summary(&found), vec!["wage-fallback rn-job"], "{found:#?}");
    assert_eq!(found[0].severity, Severity::Info);
    assert!(found[0].message.contains("Bellingham, WA") && found[0].message.contains("Washington"));
    // Near misses: Seattle has its own estimate; the nation is the widest area.
    for near in ["Seattle", "US"] {
        let found = findings_with("wage-fallback.json", &area(near));
        assert!(found.is_empty(), "{near}: {found:#?}");
    }
}

#[test]
fn integrated_into_job() {
    check_rule(Code::IntegratedIntoJob);
}

#[test]
fn duplicate_transition() {
    check_rule(Code::DuplicateTransition);
    let f = findings("duplicate-transition.json");
    let dup = f
        .iter()
        .find(|f| f.code == Code::DuplicateTransition)
        .expect("finding");
    // The second copy is the one to remove: the finding is placed on it.
    assert_eq!(
        dup.place.as_ref().map(|p| p.element),
        Some(pathways::domain::audit::Element::Transition(2))
    );
    assert!(dup.message.contains("given twice"), "{}", dup.message);
}

/// The CTDL rules, on a pathway in the registry's shapes (issue 17): a retired course no edge or
/// condition links, a condition asking for 3 of 2 courses, a destination that leads on to a job.
#[test]
fn ctdl_rules() {
    for code in [
        Code::OrphanComponent,
        Code::UnsatisfiableCondition,
        Code::DestinationNotSink,
    ] {
        check_rule(code);
    }
    let found = findings("ctdl-rules.jsonld");
    let said = |code| found.iter().find(|f| f.code == code).map(|f| f.message.clone());
    assert_eq!(
        said(Code::UnsatisfiableCondition).as_deref(),
        Some(
            "A condition of Welding AAS (ce-aas) cannot be met: Core requires 3 but lists 2 to choose from."
        )
    );
    assert_eq!(
        said(Code::DestinationNotSink).as_deref(),
        Some(
            "The destination Welding AAS (ce-aas) leads on to Welder (ce-job): a pathway ends at its destination."
        )
    );
}

#[test]
fn wage_on_training() {
    check_rule(Code::WageOnTraining);
}

#[test]
fn unknown_field() {
    check_rule(Code::UnknownField);
    let found = findings("unknown-field.json");
    assert!(
        found.iter().any(|f| f.fix.contains("\"entries\" to \"entry\"")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f.fix.contains("\"notes\" to \"note\"")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|f| f.fix.contains("\"regoin\" to \"region\"")),
        "{found:#?}"
    );
}

#[test]
fn dead_end() {
    check_rule(Code::DeadEnd);
}

#[test]
fn unreachable() {
    check_rule(Code::Unreachable);
}

#[test]
fn no_exit() {
    check_rule(Code::NoExit);
}

#[test]
fn isolated() {
    check_rule(Code::Isolated);
}

#[test]
fn no_low_on_ramp() {
    check_rule(Code::NoLowOnRamp);
}

#[test]
fn sequential_only() {
    check_rule(Code::SequentialOnly);
}

#[test]
fn long_stretch() {
    check_rule(Code::LongStretch);
}

#[test]
fn off_ramp_without_credential() {
    check_rule(Code::OffRampWithoutCredential);
}

#[test]
fn level_jump() {
    check_rule(Code::LevelJump);
}

#[test]
fn cycle() {
    check_rule(Code::Cycle);
}

#[test]
fn duplicate_title() {
    check_rule(Code::DuplicateTitle);
}

#[test]
fn missing_data() {
    check_rule(Code::MissingData);
}

#[test]
fn stale_wage() {
    check_rule(Code::StaleWage);
}

#[test]
fn eligibility_rules() {
    for code in [
        Code::UnmetRequirement,
        Code::BlockedOnRamp,
        Code::EntryGap,
        Code::LevelClassOpenEnded,
    ] {
        check_rule(code);
    }
    // Requirements close the 20-week route to a learner who holds nothing: hers takes 70.
    let stretch = findings("long-stretch-eligibility.json");
    assert_eq!(
        summary(&stretch),
        ["long-stretch esl-welding", "unmet-requirement fast-cert"],
        "{stretch:#?}"
    );
    assert!(
        stretch[0]
            .message
            .contains("open to a learner who holds nothing yet")
            && stretch[0].message.contains("takes 70 weeks"),
        "{}",
        stretch[0].message
    );
    // The integrated route requires what she does not hold: for her, the on-ramp is sequential.
    let seq = findings("sequential-only-eligibility.json");
    assert_eq!(
        summary(&seq),
        ["sequential-only esl-1", "unmet-requirement ibest-welding"],
        "{seq:#?}"
    );
    assert!(
        seq[0]
            .message
            .contains("every route open to a learner who holds nothing yet"),
        "{}",
        seq[0].message
    );
    let blocked = findings("blocked-on-ramp.json");
    let f = blocked
        .iter()
        .find(|f| f.code == Code::BlockedOnRamp)
        .expect("blocked-on-ramp");
    assert!(
        f.message
            .contains("requires OSHA 10-hour card (osha-10), earned at Welder helper (welder-helper-job)"),
        "{}",
        f.message
    );
}

#[test]
fn a_single_chain_from_on_ramp_through_training_to_a_job_is_clean() {
    let found = findings("chain.json");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn messages_name_stages_by_title_and_id() {
    let found = findings("dead-end.json");
    assert!(
        found[0].message.contains("Welding prep class (welding-prep)"),
        "{}",
        found[0].message
    );
    let found = findings("long-stretch.json");
    assert!(
        found[0].message.contains("takes 70 weeks"),
        "{}",
        found[0].message
    );
    let found = findings("cycle.json");
    let t = found[0]
        .transition
        .as_ref()
        .expect("a cycle names its closing transition");
    assert_eq!((t.from.as_str(), t.to.as_str()), ("blueprint", "welding-cert"));
}

#[test]
fn an_explain_on_the_transition_explains_a_warning_without_hiding_it() {
    let found = findings("level-jump-explained.json");
    assert_eq!(summary(&found), vec!["level-jump esl-welding"]);
    assert!(found[0].explained());
    assert!(
        found[0]
            .note
            .as_deref()
            .unwrap_or_default()
            .contains("I-BEST welding")
    );
    let plain = findings("level-jump.json");
    assert!(!plain[0].explained());
    // The same words in a `note` explain nothing (issue 18): a note says what a stage is.
    let noted = findings("level-jump-noted.json");
    assert_eq!(summary(&noted), vec!["level-jump esl-welding"]);
    assert!(!noted[0].explained());
}

#[test]
fn thresholds_are_configurable() {
    let lenient = Options {
        max_stretch_weeks: 70.0,
        stale_years: 5,
        ..Options::default()
    };
    assert!(findings_with("long-stretch.json", &lenient).is_empty());
    assert!(findings_with("stale-wage.json", &lenient).is_empty());
    let strict = Options {
        max_stretch_weeks: 51.0,
        stale_years: 2,
        ..Options::default()
    };
    assert_eq!(
        summary(&findings_with("long-stretch-near-miss.json", &strict)),
        vec!["long-stretch esl-welding"]
    );
    assert_eq!(
        summary(&findings_with("stale-wage-near-miss.json", &strict)),
        vec!["stale-wage welder-helper-job"]
    );
}

#[test]
fn the_shipped_data_has_no_errors_and_explains_every_warning() {
    let loaded = load_data(&[]).expect("the shipped data loads");
    let found = audit(&loaded.pathways, &Options::default());
    let problems: Vec<&Finding> = found
        .iter()
        .filter(|f| f.severity == Severity::Error || (f.severity == Severity::Warning && !f.explained()))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn findings_are_sorted_and_deterministic() {
    let loaded = load_data(&[]).expect("the shipped data loads");
    let a = audit(&loaded.pathways, &Options::default());
    let b = audit(&loaded.pathways, &Options::default());
    assert_eq!(a, b);
    let keys: Vec<_> = a.iter().map(|f| (f.severity, f.code, f.stage.clone())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn a_generated_graph_is_audited_the_same_way_twice() {
    let text = pathways::domain::synthetic::generate(5_000, 3);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("gen.json");
    std::fs::write(&path, text).expect("written");
    let loaded = load_data(&[path]).expect("generated data loads");
    let a = audit(&loaded.pathways, &Options::default());
    assert_eq!(a, audit(&loaded.pathways, &Options::default()));
    assert!(!a.is_empty());
}

// The real binary: text, JSON and exit codes.

fn path(name: &str) -> String {
    fixture(name).display().to_string()
}

fn check(name: &str, extra: &[&str]) -> Output {
    let p = path(name);
    let mut args = vec!["check", "--data", p.as_str()];
    args.extend_from_slice(extra);
    pathways(&args)
}

#[test]
fn check_passes_a_clean_chain() {
    let o = check("chain.json", &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Summary: 0 errors, 0 warnings, 0 info: passes."),
        "{}",
        stdout(&o)
    );
}

#[test]
fn check_text_groups_errors_with_titles_ids_fix_and_a_summary() {
    let o = check("no-exit.json", &[]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    for want in [
        "Errors (2):",
        "  dead-end: Citizenship class (citizenship)",
        "  no-exit: ESL Level 2 class (esl-2)",
        "    Fix: ",
        "Summary: 2 errors, 0 warnings, 0 info: fails.",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    assert!(text.find("dead-end:") < text.find("no-exit:"), "{text}");
}

#[test]
fn check_json_follows_the_design_contract() {
    let o = check("no-exit.json", &["--json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc = json(&o);
    let findings = doc["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 2);
    for f in findings {
        assert_eq!(f["severity"], "error");
        for key in ["code", "stage", "message", "fix"] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
        assert_eq!(f["explained"], false);
    }
    assert_eq!(findings[0]["code"], "dead-end");
    assert_eq!(findings[0]["stage"], "citizenship");
    assert_eq!(doc["summary"]["errors"], 2);
    assert_eq!(doc["summary"]["warnings"], 0);
    assert_eq!(doc["summary"]["info"], 0);
    assert!(doc.get("load_errors").is_none());
}

#[test]
fn check_json_names_transitions_and_sectors() {
    let doc = json(&check("level-jump.json", &["--json"]));
    let f = &doc["findings"][0];
    assert_eq!(f["code"], "level-jump");
    assert_eq!(f["transition"]["from"], "esl-welding");
    assert_eq!(f["transition"]["to"], "welding-cert");
    let doc = json(&check("no-low-on-ramp.json", &["--json"]));
    let f = &doc["findings"][0];
    assert_eq!(f["code"], "no-low-on-ramp");
    assert!(f["stage"].is_null());
    assert_eq!(f["sector"], "Welding");
}

#[test]
fn deny_warnings_fails_on_unexplained_warnings_only() {
    assert_eq!(check("level-jump.json", &[]).status.code(), Some(0));
    let o = check("level-jump.json", &["--deny", "warnings"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("fails with --deny warnings (1 not explained in the data)"),
        "{}",
        stdout(&o)
    );
    let o = check("level-jump-explained.json", &["--deny", "warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains("Warnings (1, 1 explained in the data):"), "{text}");
    assert!(
        text.contains("- level-jump: esl-welding -> welding-cert (explained: Integrated: the I-BEST welding"),
        "{text}"
    );
    let doc = json(&check("level-jump-explained.json", &["--json"]));
    assert_eq!(doc["findings"][0]["explained"], true);
    assert_eq!(doc["summary"]["explained_warnings"], 1);
    let o = check("level-jump-noted.json", &["--deny", "warnings"]);
    assert_eq!(o.status.code(), Some(1), "a note does not pass --deny warnings");
}

#[test]
fn threshold_flags_reach_the_audit() {
    let o = check(
        "long-stretch.json",
        &["--max-stretch-weeks", "70", "--deny", "warnings"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = check("long-stretch.json", &["--max-stretch-weeks", "69", "--json"]);
    assert_eq!(json(&o)["findings"][0]["code"], "long-stretch");
    let o = check("stale-wage.json", &["--stale-years", "5", "--json"]);
    assert_eq!(json(&o)["summary"]["info"], 0);
    let o = check("chain.json", &["--max-stretch-weeks", "soon"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_cannot_load_exits_2_with_located_errors() {
    let o = check("broken.json", &[]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("broken.json:3:"), "{err}");
    let o = check("broken.json", &["--json"]);
    assert_eq!(o.status.code(), Some(2));
    let doc = json(&o);
    assert_eq!(doc["load_errors"][0]["line"], 3);
    // Load errors are error findings too, and count (issue 18, item 5).
    let findings = doc["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    assert_eq!(findings[0]["code"], "load-error");
    assert_eq!(findings[0]["severity"], "error");
    assert_eq!(findings[0]["line"], 3);
    assert!(
        findings[0]["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("broken.json"))
    );
    assert_eq!(doc["summary"]["errors"].as_u64(), Some(findings.len() as u64));
}

/// Every finding carries the file, line and column of its subject: the stage's, the
/// transition's or the `pathway` object's opening brace (issue 18, item 5).
#[test]
fn check_json_places_every_finding_on_its_line() {
    let doc = json(&check("no-exit.json", &["--json"]));
    let f = &doc["findings"][0];
    assert_eq!(f["stage"], "citizenship");
    assert!(
        f["file"].as_str().is_some_and(|n| n.ends_with("no-exit.json")),
        "{f}"
    );
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(64), Some(5)),
        "{f}"
    );
    assert_eq!(f["pointer"], "/stages/4");
    let doc = json(&check("level-jump.json", &["--json"]));
    assert_eq!(doc["findings"][0]["line"], 57);
    let doc = json(&check("no-low-on-ramp.json", &["--json"]));
    assert_eq!(doc["findings"][0]["line"], 3);
    assert_eq!(doc["findings"][0]["pointer"], "/pathway");
}

#[test]
fn check_writes_sarif_with_a_located_result_per_finding() {
    let o = check("no-exit.json", &["--format", "sarif"]);
    assert_eq!(o.status.code(), Some(1));
    let log = json(&o);
    assert_eq!(log["version"], "2.1.0");
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    let at = &results[0]["locations"][0]["physicalLocation"];
    assert!(
        at["artifactLocation"]["uri"]
            .as_str()
            .is_some_and(|u| u.ends_with("no-exit.json"))
    );
    assert_eq!(at["region"]["startLine"], 64);
    assert_eq!(results[0]["ruleId"], "dead-end");
    // An explained warning is a suppressed result, not a missing one.
    let log = json(&check("level-jump-explained.json", &["--format", "sarif"]));
    let results = log["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["suppressions"][0]["kind"], "inSource");
    // Load errors are results too, at the place of the error.
    let o = check("broken.json", &["--format", "sarif"]);
    assert_eq!(o.status.code(), Some(2));
    let log = json(&o);
    let first = &log["runs"][0]["results"][0];
    assert_eq!(first["ruleId"], "load-error");
    assert_eq!(
        first["locations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
}

#[test]
fn check_writes_github_annotations_on_the_lines_at_fault() {
    let o = check("no-exit.json", &["--format", "github"]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].starts_with("::error file="), "{text}");
    assert!(
        lines[0].contains("no-exit.json,line=64,col=5,title=pathways dead-end::"),
        "{text}"
    );
    assert!(lines[0].contains("Fix: "), "{text}");
    let o = check("level-jump-explained.json", &["--format", "github"]);
    assert_eq!(stdout(&o), "", "explained findings are deliberate: no annotation");
    assert_eq!(
        check("chain.json", &["--json", "--format", "sarif"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn check_passes_the_shipped_data_even_denying_warnings() {
    let o = pathways(&["check", "--deny", "warnings"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("Summary: 0 errors"), "{}", stdout(&o));
}

fn diff(old: &str, new: &str, extra: &[&str]) -> Output {
    let (old, new) = (path(old), path(new));
    let mut args = vec!["diff", old.as_str(), new.as_str()];
    args.extend_from_slice(extra);
    pathways(&args)
}

#[test]
fn diff_fails_when_new_introduces_an_error() {
    let o = diff("chain.json", "dead-end.json", &[]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    for want in [
        "Stages: 1 added, 0 removed, 0 changed",
        "  + Welding prep class (welding-prep)",
        "Transitions: 1 added, 0 removed, 0 changed",
        "  + esl-welding -> welding-prep (integrated)",
        "Findings: 1 introduced (1 error, 0 warnings, 0 info), 0 resolved",
        "  + error dead-end: Welding prep class (welding-prep)",
        "NEW introduces 1 error: fails.",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
}

#[test]
fn diff_passes_when_new_resolves_an_error() {
    let o = diff("dead-end.json", "chain.json", &["--json"]);
    assert_eq!(o.status.code(), Some(0));
    let doc = json(&o);
    assert_eq!(doc["stages"]["removed"][0]["id"], "welding-prep");
    assert_eq!(doc["transitions"]["removed"][0]["to"], "welding-prep");
    assert_eq!(doc["findings"]["resolved"][0]["code"], "dead-end");
    assert_eq!(doc["summary"]["resolved"]["errors"], 1);
    assert_eq!(doc["summary"]["introduced"]["errors"], 0);
}

#[test]
fn diff_shows_changes_field_by_field() {
    let o = diff("long-stretch-near-miss.json", "long-stretch.json", &[]);
    assert_eq!(o.status.code(), Some(0), "a warning does not fail diff");
    let text = stdout(&o);
    assert!(
        text.contains("  ~ ESL for welding (esl-welding)\n      weeks: 12 -> 30"),
        "{text}"
    );
    assert!(
        text.contains("  + warning long-stretch: ESL for welding (esl-welding)"),
        "{text}"
    );
    let doc = json(&diff(
        "long-stretch-near-miss.json",
        "long-stretch.json",
        &["--json"],
    ));
    let change = &doc["stages"]["changed"][0];
    assert_eq!(change["id"], "esl-welding");
    assert_eq!(
        change["changes"],
        serde_json::json!([{"field": "weeks", "old": 12, "new": 30}])
    );
    let doc = json(&diff("level-jump.json", "level-jump-explained.json", &["--json"]));
    let change = &doc["transitions"]["changed"][0];
    assert_eq!(change["changes"][0]["field"], "explain");
    assert!(change["changes"][0]["old"].is_null());
    assert!(change["changes"][0]["new"]["level-jump"].is_string());
}

#[test]
fn diff_compares_folders_and_reports_no_difference() {
    let o = diff("no-low-on-ramp-near-miss", "no-low-on-ramp-near-miss", &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("No differences"), "{}", stdout(&o));
}

#[test]
fn diff_exits_2_when_a_side_cannot_be_loaded() {
    let o = diff("chain.json", "missing.json", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("NEW cannot be loaded"), "{}", stderr(&o));
    let o = diff("broken.json", "chain.json", &["--json"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&o)["old_load_errors"][0]["line"], 3);
    let (a, b) = (path("chain.json"), path("chain.json"));
    let o = pathways(&["diff", &a, &b, "--data", &a]);
    assert_eq!(o.status.code(), Some(2));
}

/// `pathways new` writes a starting file that passes `check --with-shipped` (issue 18, item 11),
/// never over a file without --force, and with no id that the shipped data or the designer's
/// other files (`--data`) already use.
#[test]
fn a_new_sector_file_passes_check_beside_the_shipped_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("ece.json");
    let f = file.to_str().expect("utf-8 path");
    let o = pathways(&["new", "early-childhood", "-o", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("pathways check --with-shipped --data"),
        "{}",
        stderr(&o)
    );
    let o = pathways(&["check", "--with-shipped", "--data", f, "--only", f, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let doc = json(&o);
    assert_eq!(doc["summary"]["errors"], 0);
    assert_eq!(doc["summary"]["warnings"], 0);
    // Every figure is left out (nothing invented): the audit lists each as missing.
    let findings = doc["findings"].as_array().expect("findings");
    assert!(findings.iter().all(|f| f["code"] == "missing-data"), "{doc}");
    assert!(findings.iter().all(|x| x["file"] == f), "{doc}");
    let before = std::fs::read(&file).expect("read");
    let o = pathways(&["new", "early-childhood", "-o", f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("already exists: add --force"),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read(&file).expect("read"), before);
    let refused = |args: &[&str]| {
        let o = pathways(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        stderr(&o)
    };
    let unused = dir.path().join("unused.json");
    let unused = unused.to_str().expect("utf-8 path");
    let said = refused(&["new", "healthcare", "-o", unused]);
    assert!(
        said.contains("is the id of the pathway in data/healthcare.json"),
        "{said}"
    );
    // Her first file is beside the next one: its pathway id and its stage ids are taken.
    let said = refused(&["new", "early-childhood", "-o", unused, "--data", f]);
    assert!(
        said.contains(&format!("is the id of the pathway in {f}")),
        "{said}"
    );
    let renamed = dir.path().join("renamed.json");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(
        &renamed,
        text.replace("\"id\": \"early-childhood\"", "\"id\": \"ece-2\""),
    )
    .expect("write");
    let r = renamed.to_str().expect("utf-8 path");
    let said = refused(&["new", "early-childhood", "-o", unused, "--data", r]);
    assert!(
        said.contains(&format!(
            "would make the stage id \"early-childhood-certificate\", which {r} already defines"
        )),
        "{said}"
    );
    assert!(!std::path::Path::new(unused).exists());
    // A free id beside her file: the check command it prints names both files.
    let o = pathways(&["new", "ece-next", "-o", unused, "--data", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "--with-shipped --data {f} --data {unused} --only {unused}"
        )),
        "{}",
        stderr(&o)
    );
}

/// `check --watch` audits again when the file changes, saved in place or by renaming a new file
/// over it as editors do, and goes on watching through a file that does not load (item 9).
#[test]
fn check_watch_rechecks_when_a_file_changes() {
    use std::io::BufRead;
    use std::sync::mpsc;
    use std::time::Duration;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("mine.json");
    std::fs::copy(fixture("chain.json"), &file).expect("copy");
    let f = file.to_str().expect("utf-8 path");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(["check", "--watch", "--data", f])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawns");
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().expect("stdout");
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let summary = |rx: &mpsc::Receiver<String>| -> String {
        loop {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(line) if line.starts_with("Summary:") => return line,
                Ok(_) => {}
                Err(e) => return format!("no summary: {e}"),
            }
        }
    };
    let first = summary(&rx);
    // Saved by renaming a new file over the old one: a dead end appears.
    let broken = std::fs::read_to_string(fixture("dead-end.json")).expect("read");
    let tmp = dir.path().join(".mine.json.tmp");
    std::fs::write(&tmp, broken).expect("write");
    std::fs::rename(&tmp, &file).expect("rename");
    let second = summary(&rx);
    // Saved in place: fixed again.
    std::fs::copy(fixture("chain.json"), &file).expect("copy");
    let third = summary(&rx);
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        first.contains("0 errors") && first.ends_with("passes."),
        "{first}"
    );
    assert!(
        second.contains("1 error,") && second.ends_with("fails."),
        "{second}"
    );
    assert!(third.ends_with("passes."), "{third}");
    let o = pathways(&["check", "--watch"]);
    assert_eq!(o.status.code(), Some(2), "nothing to watch without --data");
}

#[test]
fn a_designers_file_beside_the_shipped_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mine = dir.path().join("ece.json");
    let text = r#"{"format": "pathways/1",
 "pathway": {"id": "ece", "title": "Early childhood education", "sector": "Early childhood education"},
 "stages": [
  {"id": "ece-ibest", "title": "I-BEST ECE certificate", "kind": "training", "level": 2, "credential": "ECE initial certificate"},
  {"id": "ece-assistant", "title": "Childcare assistant", "kind": "employment", "level": 2, "soc": "39-9011"}],
 "transitions": [
  {"from": "f-esl-3", "to": "ece-ibest", "mode": "integrated"},
  {"from": "ece-ibest", "to": "ece-assistant", "mode": "sequential"}]}"#;
    std::fs::write(&mine, text).expect("write");
    let m = mine.to_str().unwrap();
    let alone = pathways(&["--data", m, "check"]);
    assert_eq!(
        alone.status.code(),
        Some(2),
        "f-esl-3 is in the shipped data only"
    );
    let o = pathways(&["--with-shipped", "--data", m, "check", "--only", m, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = json(&o);
    let findings = doc["findings"].as_array().expect("findings");
    assert!(!findings.is_empty());
    for f in findings {
        assert_eq!(f["pathway"], "ece", "{f}");
    }
    assert!(findings.iter().any(|f| f["code"] == "level-jump"));
    assert_eq!(
        doc["summary"]["warnings"].as_u64().unwrap() + doc["summary"]["info"].as_u64().unwrap(),
        findings.len() as u64
    );
    let said = stdout(&pathways(&["--with-shipped", "--data", m, "check", "--only", m]));
    assert!(
        said.contains(&format!("Findings on {m} only; the whole graph was audited.")),
        "{said}"
    );
    assert!(!said.contains("hc-adn"), "{said}");
    let o = pathways(&[
        "--with-shipped",
        "--data",
        m,
        "check",
        "--only",
        "/nonexistent/x.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--only /nonexistent/x.json: no such file or folder"));
    // A test table has no findings of its own to limit to: said, not "give it with --data".
    let table = concat!(env!("CARGO_MANIFEST_DIR"), "/data/levels/tabe11.json");
    let o = pathways(&[
        "--with-shipped",
        "--data",
        m,
        "--data",
        table,
        "check",
        "--only",
        table,
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("a test table, not a pathway file"),
        "{}",
        stderr(&o)
    );
    // diff: the foundations on both sides.
    let new = dir.path().join("ece-new.json");
    std::fs::write(
        &new,
        text.replace(
            r#"{"from": "f-esl-3", "to": "ece-ibest", "mode": "integrated"}"#,
            r#"{"from": "f-esl-3", "to": "ece-ibest", "mode": "integrated", "explain": {"level-jump": "I-BEST teaches English in the same course."}}"#,
        ),
    )
    .expect("write");
    let foundations = concat!(env!("CARGO_MANIFEST_DIR"), "/data/foundations.json");
    let n = new.to_str().unwrap();
    assert_eq!(
        pathways(&["diff", m, n]).status.code(),
        Some(2),
        "no foundations, no load"
    );
    let o = pathways(&["diff", "--base", foundations, m, n, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc = json(&o);
    assert_eq!(doc["transitions"]["changed"][0]["changes"][0]["field"], "explain");
    assert_eq!(
        doc["stages"]["added"].as_array().map(Vec::len),
        Some(0),
        "the base is on both sides"
    );
    let o = pathways(&["--with-shipped", "diff", m, n]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
