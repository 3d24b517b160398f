use super::pathways::{id_of, read_stage, read_transition};
use super::*;
use crate::domain::model::{MAX_CONDITIONS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_SOURCES};
use petgraph::graph::NodeIndex;
use serde_json::{Map, Value};

fn input(name: &str, text: &str) -> Input {
    Input {
        name: name.into(),
        bytes: text.as_bytes().to_vec(),
        origin: Origin::User,
    }
}

fn errors(text: &str) -> Vec<String> {
    match load(&[input("f.json", text)]) {
        Ok(_) => Vec::new(),
        Err(e) => e.errors.iter().map(ToString::to_string).collect(),
    }
}

const GOOD: &str = r#"{
  "format": "pathways/1",
  "pathway": {"id": "hc", "title": "Healthcare", "sector": "Healthcare",
              "sources": [{"id": "oews-2025", "title": "BLS OEWS May 2025", "year": 2025}]},
  "stages": [
    {"id": "esl-3", "title": "ESL 3", "kind": "education", "level": 0, "entry": ["ESL 3"], "weeks": 11},
    {"id": "nac", "title": "I-BEST NAC", "kind": "training", "level": 2, "credential": "NAC", "future": [1]},
    {"id": "cna", "title": "CNA", "kind": "employment", "level": 2, "soc": "31-1131",
     "wage": {"median_annual_usd": 42260, "year": 2025, "source": "oews-2025"}}
  ],
  "transitions": [
    {"from": "esl-3", "to": "nac", "mode": "integrated"},
    {"from": "nac", "to": "cna", "mode": "sequential", "weeks": 2}
  ]
}"#;

/// An edited copy of a shipped file stands in for it; two user files with one id still clash.
#[test]
fn a_user_file_replaces_the_shipped_file_of_the_same_pathway_id() {
    let shipped = Input {
        origin: Origin::Shipped,
        ..input("data/hc.json", GOOD)
    };
    let edited = GOOD.replace("\"title\": \"CNA\"", "\"title\": \"Nursing assistant\"");
    let p = load(&[shipped, input("mine/hc.json", &edited)])
        .expect("loads")
        .pathways;
    assert_eq!(p.stage_count(), 3);
    assert_eq!(p.pathways().len(), 1);
    assert_eq!(p.pathways()[0].file, "mine/hc.json");
    let cna = p.find("cna").expect("cna");
    assert_eq!(p.stage(cna).title, "Nursing assistant");
    let twice = load(&[input("a.json", GOOD), input("b.json", GOOD)]).expect_err("clash");
    assert!(
        twice.to_string().contains("duplicate pathway id \"hc\""),
        "{twice}"
    );
}

/// A file big enough to be read in several chunks side by side.
fn chain(n: usize, bad_stages: &[usize], bad_ends: &[usize]) -> String {
    let stages: Vec<String> = (0..n)
        .map(|i| {
            let kind = if bad_stages.contains(&i) {
                "school"
            } else {
                "training"
            };
            format!(r#"{{"id": "s{i}", "title": "Stage {i}", "kind": "{kind}", "level": 1}}"#)
        })
        .collect();
    let transitions: Vec<String> = (0..n - 1)
        .map(|i| {
            let to = if bad_ends.contains(&i) {
                format!("nowhere{i}")
            } else {
                format!("s{}", i + 1)
            };
            format!(r#"{{"from": "s{i}", "to": "{to}", "mode": "sequential"}}"#)
        })
        .collect();
    format!(
        "{{\"format\": \"pathways/1\", \"pathway\": {{\"id\": \"c\", \"title\": \"C\", \"sector\": \"C\"}},\n\
             \"stages\": [\n{}\n],\n\"transitions\": [\n{}\n]}}",
        stages.join(",\n"),
        transitions.join(",\n")
    )
}

fn with_stage_fields(fields: &str) -> String {
    GOOD.replace(
        r#""credential": "NAC", "future": [1]"#,
        &format!(r#""credential": "NAC", {fields}"#),
    )
}

#[test]
fn ranges_hours_and_where_to_ask_are_read_by_both_paths() {
    // The fast path (every field known) and the careful one (an unknown field) agree.
    for extra in ["", r#", "future": 1"#] {
        let text = with_stage_fields(&format!(
            r#""weeks": 44, "weeks_range": [33, 55], "hours": 264, "url": "https://example.org/p",
                   "contact": "Advising, 555-0100"{extra}"#
        ));
        let loaded = load(&[input("f.json", &text)]).expect("loads");
        let p = &loaded.pathways;
        let s = p.stage(p.find("nac").expect("nac"));
        assert_eq!(s.weeks_range(), Some((33.0, 55.0)), "{extra}");
        assert_eq!(s.weeks_span(), Some((33.0, 55.0)));
        assert_eq!(s.hours(), Some(264.0));
        assert_eq!(s.url(), Some("https://example.org/p"));
        assert_eq!(s.contact(), Some("Advising, 555-0100"));
    }
}

#[test]
fn figures_beyond_any_real_one_are_refused_so_sums_stay_finite() {
    // 1e308 weeks summed over two stages was infinity: "inf weeks, $inf" (issue 14, item 11).
    let cases = [
        (
            r#""weeks": 1e308"#,
            "1e+308 is more than any real figure: give at most 10000",
        ),
        (r#""cost_usd": 10000001"#, "give at most 10000000"),
        (r#""hours": 1e6"#, "give at most 100000"),
        (r#""weeks_range": [1, 1e308]"#, "0 <= min <= max <= 10000"),
    ];
    for (fields, want) in cases {
        let errors = errors(&with_stage_fields(fields));
        assert!(errors.iter().any(|e| e.contains(want)), "{fields}: {errors:?}");
    }
    let at_the_limit = with_stage_fields(r#""weeks": 10000, "cost_usd": 10000000, "hours": 100000"#);
    assert!(errors(&at_the_limit).is_empty());
    let transition = GOOD.replace(
        r#""mode": "sequential", "weeks": 2"#,
        r#""mode": "sequential", "weeks": 1e300"#,
    );
    assert!(
        errors(&transition)
            .iter()
            .any(|e| e.contains("/transitions/1/weeks")),
        "{:?}",
        errors(&transition)
    );
}

/// A transition given twice loads, both copies kept (and exported): the audit warns of it
/// (`duplicate-transition`, issue 18, item 3), as an error it blocked every other check.
#[test]
fn a_transition_given_twice_loads_and_is_left_to_the_audit() {
    let twice = GOOD.replace(
        r#"{"from": "nac", "to": "cna", "mode": "sequential", "weeks": 2}"#,
        r#"{"from": "nac", "to": "cna", "mode": "sequential", "weeks": 2},
    {"from": "nac", "to": "cna", "mode": "sequential"}"#,
    );
    let once = load(&[input("f.json", GOOD)]).expect("loads").pathways;
    let p = load(&[input("f.json", &twice)]).expect("loads").pathways;
    assert_eq!(p.transition_count(), once.transition_count() + 1);
}

#[test]
fn bad_ranges_are_refused_where_they_are() {
    let cases = [
        (
            r#""weeks_range": [55, 33]"#,
            "expected [min, max] weeks with 0 <= min <= max <= 10000, found [55,33]",
        ),
        (r#""weeks_range": [1]"#, "expected [min, max] weeks"),
        (r#""weeks_range": "2 to 4 years""#, "expected [min, max] weeks"),
        (
            r#""weeks": 60, "weeks_range": [33, 55]"#,
            "the typical weeks 60 lies outside 33 to 55",
        ),
        (r#""hours": -1"#, "expected a number of 0 or more"),
    ];
    for (fields, want) in cases {
        let errors = errors(&with_stage_fields(fields));
        assert!(
            errors
                .iter()
                .any(|e| e.contains(want) && e.starts_with("f.json:")),
            "{fields}: {errors:?}"
        );
    }
}

#[test]
fn big_files_build_in_file_order_whatever_the_chunks() {
    let n = 3 * 4096 + 17;
    let text = chain(n, &[], &[]);
    for workers in [1, 2, 3] {
        let loaded = parallel::with_workers(workers, || load(&[input("c.json", &text)]));
        check_chain(&loaded.expect("loads").pathways, n);
    }
}

fn check_chain(p: &Pathways, n: usize) {
    assert_eq!((p.stage_count(), p.transition_count()), (n, n - 1));
    for i in [0, 4095, 4096, 8192, n - 1] {
        assert_eq!(p.stage(NodeIndex::new(i)).id, format!("s{i}"));
    }
    for i in [0, 4096, n - 2] {
        let (from, to) = p
            .graph()
            .edge_endpoints(petgraph::graph::EdgeIndex::new(i))
            .expect("edge");
        assert_eq!((from.index(), to.index()), (i, i + 1));
    }
}

#[test]
fn big_files_report_every_problem_in_file_order() {
    let n = 3 * 4096 + 17;
    let text = chain(n, &[10, 9000], &[20, 11_000]);
    let found = errors(&text);
    for workers in [1, 3] {
        assert_eq!(
            parallel::with_workers(workers, || errors(&text)),
            found,
            "{workers} workers"
        );
    }
    // Line 3 holds stage 0; transitions start two lines after the last stage.
    let t0 = 3 + n + 2;
    let expected = [
        format!("f.json:{}:", 3 + 10),
        format!("f.json:{}:", 3 + 9000),
        format!("f.json:{}:", t0 + 20),
        format!("f.json:{}:", t0 + 11_000),
    ];
    assert_eq!(found.len(), 4, "{found:#?}");
    for (message, at) in found.iter().zip(&expected) {
        assert!(
            message.starts_with(at.as_str()),
            "{message} should start with {at}"
        );
    }
    assert!(found[0].contains("unknown kind"), "{}", found[0]);
    assert!(
        found[3].contains("unknown stage id \"nowhere11000\""),
        "{}",
        found[3]
    );
    // Transitions into and out of the broken stages are not reported again.
    assert!(
        !found
            .iter()
            .any(|m| m.contains("\"s10\"") || m.contains("\"s9000\""))
    );
}

#[test]
fn a_stage_too_deep_to_read_is_reported_once() {
    let deep = format!("{}1{}", "[".repeat(500), "]".repeat(500));
    let text = GOOD.replace(r#""future": [1]"#, &format!(r#""future": {deep}"#));
    let found = errors(&text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("/stages/1"), "{}", found[0]);
    assert!(id_of(&format!(r#"{{"x": {deep}, "id": "nac"}}"#)).is_some_and(|id| id == "nac"));
}

#[test]
fn problems_are_listed_in_the_order_the_file_gives_its_arrays() {
    let stages: Vec<String> = (0..250)
        .map(|i| format!(r#"{{"id": "s{i}", "title": "S", "kind": "school", "level": 1}}"#))
        .collect();
    let text = format!(
        "{{\"format\": \"pathways/1\", \"pathway\": {{\"id\": \"c\", \"title\": \"C\", \"sector\": \"C\"}},\n\
             \"transitions\": [{{\"from\": \"a\", \"to\": \"b\", \"mode\": \"sideways\"}}],\n\
             \"stages\": [\n{}\n]}}",
        stages.join(",\n")
    );
    let err = load(&[input("f.json", &text)]).expect_err("bad");
    assert_eq!(err.errors.len(), MAX_MESSAGES);
    assert!(
        err.errors[0].to_string().contains("unknown mode"),
        "{}",
        err.errors[0]
    );
    assert_eq!(err.omitted, 250 + 1 - MAX_MESSAGES);
    // A problem of the whole file is never among those left out.
    let text = text.replace("pathways/1", "pathways/2");
    let err = load(&[input("f.json", &text)]).expect_err("bad");
    assert!(
        err.errors[0].to_string().contains("unknown format"),
        "{}",
        err.errors[0]
    );
    assert_eq!(err.omitted, 250 + 1 + 1 - MAX_MESSAGES);
}

#[test]
fn loads_a_good_file_and_keeps_unknown_fields() {
    let loaded = load(&[input("f.json", GOOD)]).expect("loads");
    let p = &loaded.pathways;
    assert_eq!(p.stage_count(), 3);
    assert_eq!(p.transition_count(), 2);
    let nac = p.find("nac").expect("nac");
    assert_eq!(
        p.stage(nac).extra().and_then(|e| e.get("future")),
        Some(&serde_json::json!([1]))
    );
    assert!(p.is_off_ramp(nac));
    assert_eq!(p.on_ramps().count(), 1);
}

#[test]
fn reports_every_problem_with_line_column_and_path() {
    let bad = GOOD
        .replace("\"level\": 2, \"credential\"", "\"level\": 12, \"credential\"")
        .replace("\"mode\": \"integrated\"", "\"mode\": \"parallel\"")
        .replace("\"to\": \"cna\"", "\"to\": \"cnaa\"");
    let errs = errors(&bad);
    assert_eq!(errs.len(), 3, "{errs:#?}");
    assert_eq!(
        errs[0],
        "f.json:7:71: /stages/1/level: expected a whole number from 0 to 9, found the number 12"
    );
    assert!(
        errs[1].starts_with("f.json:12:44: /transitions/0/mode: unknown mode \"parallel\""),
        "{}",
        errs[1]
    );
    assert!(
        errs[2].starts_with("f.json:13:27: /transitions/1/to: unknown stage id \"cnaa\""),
        "{}",
        errs[2]
    );
}

#[test]
fn explains_whole_file_problems() {
    assert!(errors("")[0].contains("the file is empty"));
    assert!(errors("   \n")[0].contains("the file is empty"));
    assert!(
        errors("[1, 2]")[0]
            .starts_with("f.json:1:1: /: expected a JSON object at the top level, found an array")
    );
    assert!(errors("{\"format\": \"pathways/2\"}")[0].contains("unknown format \"pathways/2\""));
    assert!(errors("{}")[0].contains("missing required field \"format\""));
    let syntax = &errors("{\n  \"format\": \"pathways/1\",,\n}")[0];
    assert!(syntax.starts_with("f.json:2:26: invalid JSON"), "{syntax}");
    for lone in [
        r#"{"x": "\udc00"}"#,
        r#"{"x": "\ud800\u0041"}"#,
        r#"{"x": "\ud800"}"#,
    ] {
        let said = &errors(lone)[0];
        assert!(said.contains("one half of a UTF-16 surrogate pair"), "{said}");
        assert!(!said.contains("leading"), "{said}");
    }
    let deep = format!("{{\"x\": {}{}}}", "[".repeat(5000), "]".repeat(5000));
    assert!(
        errors(&deep)[0].contains("nesting too deep"),
        "{:?}",
        errors(&deep)
    );
    let deep_in_stage = GOOD.replace(
        "\"future\": [1]",
        &format!("\"future\": {}{}", "[".repeat(5000), "]".repeat(5000)),
    );
    assert!(
        errors(&deep_in_stage)[0].contains("nesting too deep"),
        "{:?}",
        errors(&deep_in_stage)
    );
    let deep_in_pathway = GOOD.replace(
        "\"sector\": \"Healthcare\"",
        &format!("\"sector\": {}{}", "[".repeat(5000), "]".repeat(5000)),
    );
    assert!(
        errors(&deep_in_pathway)[0].contains("nesting too deep"),
        "{:?}",
        errors(&deep_in_pathway)
    );
    let eof = &errors("{\"format\": ")[0];
    assert!(eof.contains("ends too early"), "{eof}");
}

#[test]
fn names_the_place_of_bytes_that_are_not_utf8() {
    let mut bytes = b"{\n \"format\": \"path".to_vec();
    bytes.push(0xff);
    let err = load(&[Input {
        name: "f.json".into(),
        bytes,
        origin: Origin::User,
    }])
    .expect_err("not utf-8");
    assert_eq!(
        err.errors[0].to_string(),
        "f.json:2:17: not UTF-8 text (byte 0xFF): save the file as UTF-8"
    );
}

#[test]
fn conditions_must_be_declared_once_and_used_by_their_ids() {
    let a = r#"{"format": "pathways/1",
 "pathway": {"id": "a", "title": "A", "sector": "A",
  "conditions": [{"id": "hse", "title": "Diploma"}, {"id": "age-21", "title": "21", "implies": ["age-81"]}]},
 "stages": [{"id": "adn", "title": "ADN", "kind": "training", "level": 3, "requires": ["hes"], "awards": ["rn-license"]},
            {"id": "job", "title": "Job", "kind": "employment", "level": 4}],
 "transitions": [{"from": "adn", "to": "job", "mode": "sequential"}]}"#;
    let b = r#"{"format": "pathways/1", "pathway": {"id": "b", "title": "B", "sector": "B",
 "conditions": [{"id": "hse", "title": "Again"}]}, "stages": []}"#;
    let err = load(&[input("a.json", a), input("b.json", b)]).expect_err("bad conditions");
    let lines: Vec<String> = err.errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "b.json:2:24: /pathway/conditions/0/id: duplicate condition id \"hse\" (first declared at a.json:3:25)",
            "a.json:3:97: /pathway/conditions/1/implies/0: unknown condition \"age-81\": did you mean \"age-21\"?",
            "a.json:4:88: /stages/0/requires/0: unknown condition \"hes\": did you mean \"hse\"?",
            "a.json:4:107: /stages/0/awards/0: unknown condition \"rn-license\": declare it in some file's \
                 /pathway/conditions (`pathways levels` lists the declared ones)",
        ]
    );
    let good = a
        .replace("\"hes\"", "\"hse\"")
        .replace("age-81", "hse")
        .replace(", \"awards\": [\"rn-license\"]", "");
    let loaded = load(&[input("a.json", &good)]).expect("loads");
    let p = &loaded.pathways;
    let adn = p.find("adn").expect("adn");
    assert_eq!(p.conditions().ids(p.requires(adn)), ["hse"]);
    assert_eq!(
        p.conditions()
            .ids(&p.conditions().set_of(&["age-21"]).expect("known")),
        ["hse", "age-21"]
    );
}

#[test]
fn duplicate_ids_name_both_places() {
    let other = r#"{"format": "pathways/1", "pathway": {"id": "b", "title": "B", "sector": "B"},
 "stages": [{"id": "nac", "title": "Other", "kind": "training", "level": 1}]}"#;
    let err = load(&[input("a.json", GOOD), input("b.json", other)]).expect_err("dup");
    assert_eq!(err.errors.len(), 1);
    assert_eq!(
        err.errors[0].to_string(),
        "b.json:2:20: /stages/0/id: duplicate stage id \"nac\" (first defined at a.json:7:12)"
    );
}

/// Every duplicate is counted, the first few listed with both places (issue 14: locating
/// each one read the file up to it, 252 s for 40,000; the load bench has the case).
#[test]
fn many_duplicates_are_counted_and_a_few_listed() {
    let n = 5_000;
    let text = crate::domain::synthetic::duplicates(n);
    let err = load(&[input("d.json", &text)]).expect_err("duplicates");
    assert_eq!(err.errors.len(), MAX_MESSAGES);
    // The copies of the transition are not load errors: the audit warns of them.
    assert_eq!(err.errors.len() + err.omitted, n - 1, "stage ids");
    assert!(
        err.errors[0]
            .to_string()
            .contains("duplicate stage id \"s\" (first defined at d.json:1:")
    );
}

/// One element has a size limit and all list items together a count, checked as elements are
/// read: 512 MiB of two-letter tags would take about 7 GB (issue 14, item 8).
#[test]
fn elements_and_list_items_are_bounded_while_read() {
    let big = GOOD.replace(
        "\"title\": \"I-BEST NAC\"",
        &format!(
            "\"title\": \"I-BEST NAC\", \"description\": \"{}\"",
            "x".repeat(MAX_ELEMENT_BYTES)
        ),
    );
    let said = errors(&big).join("\n");
    assert!(said.contains("/stages/1: this stage takes 1048"), "{said}");
    assert!(
        !said.contains("unknown stage id"),
        "its id is known, only broken: {said}"
    );
    let tags: Vec<String> = (0..40).map(|i| format!("\"t{i}\"")).collect();
    let tagged = GOOD.replace(
        "\"title\": \"I-BEST NAC\"",
        &format!("\"title\": \"I-BEST NAC\", \"tags\": [{}]", tags.join(",")),
    );
    let small = Limits {
        max_list_items: 30,
        ..Limits::DEFAULT
    };
    let loaded = load_with(
        &[input("f.json", &tagged)],
        Limits {
            max_list_items: 60,
            ..Limits::DEFAULT
        },
    );
    assert!(loaded.is_ok(), "{:?}", loaded.err());
    let err = load_with(
        &[
            input("a.json", &tagged),
            input("b.json", &tagged.replace("\"hc\"", "\"hc2\"")),
        ],
        small,
    )
    .expect_err("over the items");
    let said = err.to_string();
    assert!(
        said.contains("the files give more than 30 list items in all"),
        "{said}"
    );
    assert_eq!(
        said.matches("nothing after this is read").count(),
        1,
        "said once: {said}"
    );
}

/// Conditions and sources have a bound, and a long chain of implications closes in one walk
/// each (a chain of 2,000 took 58 s, 100,000 plain conditions 5.6 GB).
#[test]
fn conditions_and_sources_are_bounded_and_chains_close() {
    let chain = |n: usize| {
        let conditions: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#"{{"id":"c{i}","title":"T","implies":["c{}"]}}"#,
                    (i + 1).min(n - 1)
                )
            })
            .collect();
        format!(
            r#"{{"format":"pathways/1","pathway":{{"id":"p","title":"P","sector":"S","conditions":[{}]}},
 "stages":[{{"id":"a","title":"A","kind":"education","level":0,"entry":["any"],"awards":["c0"]}},
  {{"id":"j","title":"J","kind":"employment","level":1,"requires":["c{}"]}}],
 "transitions":[{{"from":"a","to":"j","mode":"sequential"}}]}}"#,
            conditions.join(","),
            n - 1
        )
    };
    let n = 300;
    let loaded = load(&[input("c.json", &chain(n))]).expect("loads");
    let p = &loaded.pathways;
    let first = p.conditions().set_of(&["c0"]).expect("known");
    let last = p.conditions().set_of(&[&format!("c{}", n - 1)]).expect("known");
    assert!(last.is_subset(&first), "c0 implies the whole chain");
    let said = errors(&chain(MAX_CONDITIONS + 1)).join("\n");
    assert!(
        said.contains("1001 conditions: the files together declare at most 1000"),
        "{said}"
    );
    let sources: Vec<String> = (0..=MAX_SOURCES)
        .map(|i| format!(r#"{{"id":"s{i}","title":"T","year":2000}}"#))
        .collect();
    let many = GOOD.replace(
        r#""sources": [{"id": "oews-2025", "title": "BLS OEWS May 2025", "year": 2025}]"#,
        &format!(r#""sources": [{}]"#, sources.join(",")),
    );
    assert!(
        errors(&many)
            .iter()
            .any(|e| e.contains("501 sources: a file lists at most 500")),
        "{:?}",
        &errors(&many)[..1]
    );
}

/// A key given twice in one stage or transition is a load error at the second (issue 18,
/// item 3): JSON keeps the last in silence.
#[test]
fn duplicate_keys_in_elements_are_errors() {
    // `f.json:LINE:COLUMN:` of the value after the second `member` in `text`.
    let second = |text: &str, member: &str| -> String {
        let first = text.find(member).expect("given once");
        let at = first
            + member.len()
            + text[first + member.len()..].find(member).expect("given twice")
            + member.len();
        let line = text[..at].matches('\n').count() + 1;
        let column = text[..at].chars().rev().take_while(|&c| c != '\n').count() + 1;
        format!("f.json:{line}:{column}: ")
    };
    let twice = GOOD.replace("\"weeks\": 11", "\"weeks\": 11, \"weeks\": 44");
    let said = errors(&twice);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0].starts_with(&second(&twice, "\"weeks\": ")), "{said:?}");
    assert!(
        said[0].contains("/stages/0/weeks: \"weeks\" is given twice in one object: give it once"),
        "{said:?}"
    );
    let in_wage = GOOD.replace(
        "\"soc\": \"31-1131\"",
        "\"soc\": \"31-1131\", \"soc\": \"31-1132\"",
    );
    assert!(
        errors(&in_wage)
            .iter()
            .any(|e| e.contains("/soc: \"soc\" is given twice")),
        "{:?}",
        errors(&in_wage)
    );
    // In the `pathway` object and at the top, too: a second `sector` or `format`.
    let in_pathway = GOOD.replace(
        "\"sector\": \"Healthcare\",",
        "\"sector\": \"Healthcare\", \"sector\": \"Care\",",
    );
    let said = errors(&in_pathway);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with(&second(&in_pathway, "\"sector\": ")),
        "{said:?}"
    );
    assert!(
        said[0].contains("/pathway/sector: \"sector\" is given twice"),
        "{said:?}"
    );
    let at_top = GOOD.replacen(
        "\"format\": \"pathways/1\",",
        "\"format\": \"pathways/1\", \"format\": \"pathways/1\",",
        1,
    );
    let place = second(&at_top, "\"format\": ");
    assert!(
        errors(&at_top)
            .iter()
            .any(|e| e.starts_with(&place) && e.contains("/format: \"format\" is given twice")),
        "{place} {:?}",
        errors(&at_top)
    );
}

/// The usual mistakes get their own words: a trailing comma at the comma, comments, curly
/// quotes; an unknown stage id names the nearest one; a file that cannot be read causes no
/// "unknown stage id" in the files linked to it (issue 18, items 3 and 4).
#[test]
fn usual_mistakes_are_named_where_they_are() {
    let trailing = "{\"format\": \"pathways/1\",\n  \"stages\": [],\n}";
    assert_eq!(
        errors(trailing),
        ["f.json:2:15: invalid JSON: a comma after the last item (remove it)"]
    );
    // Inside a streamed stage or transition, and in a list, the comma is found all the same.
    for from in [
        "\"weeks\": 11}",
        "[\"ESL 3\"]",
        "\"future\": [1]}",
        "\"mode\": \"integrated\"}",
    ] {
        let (head, closer) = from.split_at(from.len() - 1);
        let text = GOOD.replacen(from, &format!("{head}, {closer}"), 1);
        let at = text.find(&format!("{head}, ")).expect("edited") + head.len();
        let line = text[..at].matches('\n').count() + 1;
        let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
        let said = errors(&text);
        assert_eq!(
            said,
            [format!(
                "f.json:{line}:{column}: invalid JSON: a comma after the last item (remove it)"
            )],
            "{from}"
        );
    }
    let comment = "{\"format\": \"pathways/1\", // mine\n}";
    assert!(errors(comment)[0].ends_with("JSON has no comments (remove it, or say it in a `note`)"));
    let curly = "{\"format\": \u{201C}pathways/1\u{201D}}";
    assert!(
        errors(curly)[0].contains("curly quotes are not JSON quotes"),
        "{:?}",
        errors(curly)
    );
    let typo = GOOD.replace("\"to\": \"cna\"", "\"to\": \"cnaa\"");
    assert!(
        errors(&typo)
            .iter()
            .any(|e| e
                .contains("unknown stage id \"cnaa\": no loaded file defines it (did you mean \"cna\"?)")),
        "{:?}",
        errors(&typo)
    );
    let linked = r#"{"format": "pathways/1", "pathway": {"id": "b", "title": "B", "sector": "B"},
 "stages": [{"id": "lpn", "title": "LPN", "kind": "training", "level": 3}],
 "transitions": [{"from": "cna", "to": "lpn", "mode": "sequential"}]}"#;
    let broken = GOOD.replacen('{', "{,", 1);
    let err = load(&[input("a.json", &broken), input("b.json", linked)]).expect_err("a.json is broken");
    assert_eq!(err.errors.len(), 1, "{err}");
    assert!(
        err.errors[0].to_string().starts_with("a.json:1:2: invalid JSON"),
        "{err}"
    );
}

/// A UTF-8 byte-order mark is accepted; UTF-16 and UTF-32 files are named (issue 18, item 4).
#[test]
fn a_byte_order_mark_is_accepted_and_wide_encodings_are_named() {
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat();
    let loaded = load(&[Input {
        name: "bom.json".into(),
        bytes: with_bom.clone(),
        origin: Origin::User,
    }])
    .expect("a BOM is fine");
    assert!(loaded.pathways.find("nac").is_some());
    // Positions after the mark are as an editor shows them.
    let broken = [with_bom.as_slice(), b"x"].concat();
    let err = load(&[Input {
        name: "bom.json".into(),
        bytes: broken,
        origin: Origin::User,
    }])
    .expect_err("trailing x");
    assert!(err.errors[0].to_string().contains("invalid JSON"), "{err}");
    let utf16 = |big: bool, bom: bool| -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
        }
        for unit in GOOD.encode_utf16() {
            out.extend(if big {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    };
    for (bytes, said) in [
        (utf16(false, true), "UTF-16 (little-endian)"),
        (utf16(false, false), "UTF-16 (little-endian)"),
        (utf16(true, true), "UTF-16 (big-endian)"),
        (utf16(true, false), "UTF-16 (big-endian)"),
        (
            GOOD.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect(),
            "UTF-32 (little-endian)",
        ),
    ] {
        let err = load(&[Input {
            name: "w.json".into(),
            bytes,
            origin: Origin::User,
        }])
        .expect_err("wide");
        assert_eq!(err.errors.len(), 1, "{err}");
        assert_eq!(
            err.errors[0].to_string(),
            format!("w.json:1:1: the file is saved as {said}: save it as UTF-8")
        );
    }
}

/// `explain` names finding codes it knows, found on that kind of object, never an error or
/// `unsourced-figure`, and says why in words; a stage and a transition keep what it says (issue 18).
#[test]
fn explain_is_read_and_checked() {
    let with = GOOD.replace(
        "\"credential\": \"NAC\"",
        r#""credential": "NAC", "explain": {"missing-data": "Unknown.", "long-stretch": "On purpose."}"#,
    );
    let loaded = load(&[input("f.json", &with)]).expect("loads");
    let p = &loaded.pathways;
    let nac = p.stage(p.find("nac").expect("nac"));
    assert_eq!(
        nac.explain(),
        // In code order, as serde_json keeps object members.
        [
            ("long-stretch".to_string(), "On purpose.".to_string()),
            ("missing-data".to_string(), "Unknown.".to_string())
        ]
    );
    for (explain, said) in [
        (
            r#"{"missing-dat": "x"}"#,
            "unknown finding code \"missing-dat\": did you mean \"missing-data\"?",
        ),
        (
            r#"{"dead-end": "x"}"#,
            "dead-end is an error: fix it in the data, an explanation cannot excuse it",
        ),
        (
            r#"{"unsourced-figure": "x"}"#,
            "unsourced-figure cannot be explained",
        ),
        (
            r#"{"level-jump": "12 credits"}"#,
            "level-jump is about a transition, not a stage: put this entry in the `explain` of the \
             transition it is about",
        ),
        (
            r#"{"no-low-on-ramp": "x"}"#,
            "no-low-on-ramp is about a sector, not a stage: put this entry in the `explain` of the \
             `pathway` object of a file of that sector",
        ),
        (
            r#"{"missing-data": " "}"#,
            "expected a non-empty string saying why",
        ),
        (
            r#"{"missing-data": 3}"#,
            "expected a non-empty string saying why, found the number 3",
        ),
        (
            r#""missing-data""#,
            "expected an object of finding codes and reasons",
        ),
    ] {
        let bad = GOOD.replace(
            "\"credential\": \"NAC\"",
            &format!(r#""credential": "NAC", "explain": {explain}"#),
        );
        let errors = errors(&bad).join("\n");
        assert!(errors.contains(said), "{explain}: {errors}");
        assert!(errors.contains("/stages/1/explain"), "{errors}");
    }
    // A transition's and the `pathway` object's take theirs, and refuse a stage's.
    let on_transition = GOOD.replace(
        "\"mode\": \"integrated\"}",
        r#""mode": "integrated", "explain": {"level-jump": "I-BEST.", "wage-fallback": "x"}}"#,
    );
    let errors = errors(&on_transition).join("\n");
    assert!(
        errors.contains(
            "/transitions/0/explain/wage-fallback: wage-fallback is about a stage, not a transition"
        ),
        "{errors}"
    );
    assert!(!errors.contains("level-jump"), "{errors}");
}

/// Titles and ids have a bound, as findings quote them (issue 14, item 8): one stage's long
/// title quoted in a finding per transition would otherwise take gigabytes.
#[test]
fn titles_and_ids_have_a_length_limit() {
    let long = "é".repeat(MAX_NAME_CHARS);
    assert!(
        load(&[input(
            "f.json",
            &GOOD.replace("\"I-BEST NAC\"", &format!("\"{long}\""))
        )])
        .is_ok()
    );
    let over = format!("\"{long}x\"");
    for (what, text) in [
        ("stage title", GOOD.replace("\"I-BEST NAC\"", &over)),
        (
            "credential",
            GOOD.replace("\"credential\": \"NAC\"", &format!("\"credential\": {over}")),
        ),
        (
            "sector",
            GOOD.replace("\"sector\": \"Healthcare\"", &format!("\"sector\": {over}")),
        ),
    ] {
        let said = errors(&text).join("\n");
        assert!(
            said.contains("301 characters: a ") && said.contains("has at most 300"),
            "{what}: {said}"
        );
    }
    let id = "i".repeat(MAX_ID_CHARS + 1);
    let said = errors(&GOOD.replace("\"cna\"", &format!("\"{id}\""))).join("\n");
    assert!(
        said.contains("the id has 201 characters: ids have at most 200"),
        "{said}"
    );
}

/// Ids that print the same are the same id: they are compared in Unicode NFC (issue 14).
#[test]
fn ids_equal_under_nfc_are_one_id() {
    let two = r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S"},
 "stages": [{"id": "caf\u00e9", "title": "A", "kind": "education", "level": 0, "entry": ["any"]},
  {"id": "cafe\u0301", "title": "B", "kind": "employment", "level": 1}]}"#;
    let err = load(&[input("n.json", two)]).expect_err("dup");
    assert_eq!(err.errors.len(), 1, "{err}");
    assert!(
        err.errors[0]
            .to_string()
            .contains("duplicate stage id \"caf\u{e9}\""),
        "{err}"
    );
    let linked = r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S"},
 "stages": [{"id": "caf\u00e9", "title": "A", "kind": "education", "level": 0, "entry": ["any"]},
  {"id": "jo\u0308b", "title": "B", "kind": "employment", "level": 1}],
 "transitions": [{"from": "cafe\u0301", "to": "j\u00f6b", "mode": "sequential"}]}"#;
    let loaded = load(&[input("n.json", linked)]).expect("loads");
    let p = &loaded.pathways;
    let job = p.find("j\u{f6}b").expect("the job, by its NFC id");
    assert_eq!(p.incoming(job).len(), 1);
    assert_eq!(p.stage(job).id, "j\u{f6}b");
    // Conditions and sources too: declared one way, named the other.
    let named = r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S",
   "conditions": [{"id": "caf\u00e9", "title": "C"}],
   "sources": [{"id": "s\u00e9", "title": "T", "year": 2024}]},
 "stages": [{"id": "a", "title": "A", "kind": "education", "level": 0, "entry": ["any"],
   "awards": ["cafe\u0301"], "weeks": 3, "sources": ["se\u0301"]},
  {"id": "b", "title": "B", "kind": "employment", "level": 1, "requires": ["caf\u00e9"]}],
 "transitions": [{"from": "a", "to": "b", "mode": "sequential"}]}"#;
    let loaded = load(&[input("n.json", named)]).expect("loads");
    let p = &loaded.pathways;
    assert!(
        p.conditions().find("cafe\u{301}").is_some(),
        "--has and learner holds resolve too"
    );
    let a = p.find("a").expect("a");
    assert_eq!(p.awards(a), p.requires(p.find("b").expect("b")));
}

#[test]
fn transitions_may_point_into_another_file() {
    let other = r#"{"format": "pathways/1", "pathway": {"id": "b", "title": "B", "sector": "B"},
 "stages": [{"id": "lpn", "title": "LPN", "kind": "training", "level": 3}],
 "transitions": [{"from": "cna", "to": "lpn", "mode": "sequential"}]}"#;
    let loaded = load(&[input("a.json", GOOD), input("b.json", other)]).expect("loads");
    let cna = loaded.pathways.find("cna").expect("cna");
    let out = loaded.pathways.outgoing(cna);
    assert_eq!(out.len(), 1);
    assert_eq!(loaded.pathways.stage(out[0].other).id, "lpn");
    assert_eq!(loaded.pathways.sectors(), vec!["Healthcare", "B"]);
}

#[test]
fn rejects_wrong_types_bad_numbers_tokens_and_sources() {
    let bad = GOOD
        .replace("\"weeks\": 11", "\"weeks\": -11")
        .replace("[\"ESL 3\"]", "[\"ESL 9\", 3]")
        .replace("\"kind\": \"training\"", "\"kind\": \"school\"")
        .replace("\"source\": \"oews-2025\"", "\"source\": \"oews-2024\"")
        .replace("\"title\": \"I-BEST NAC\",", "");
    let errs = errors(&bad);
    let all = errs.join("\n");
    for expected in [
        "/stages/0/weeks: expected a number of 0 or more, found -11",
        "/stages/0/entry/0: unknown entry level \"ESL 9\"",
        "/stages/0/entry/1: expected a non-empty string, found the number 3",
        "/stages/1/kind: unknown kind \"school\"",
        "/stages/1: missing required field \"title\"",
        "/stages/2/wage/source: unknown source \"oews-2024\"",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in\n{all}");
    }
    // Bands run low to high within 1..6, and the message says how to write one.
    for band in ["ESL 4-2", "ESL 3-7", "ABE 2-HSE", "HSE-3"] {
        let errs = errors(&GOOD.replace("[\"ESL 3\"]", &format!("[\"{band}\"]")));
        let all = errs.join("\n");
        assert!(
            all.contains(&format!("/stages/0/entry/0: unknown entry level \"{band}\""))
                && all.contains("a band ESL n-m or ABE n-m (levels n up to m, 1..6"),
            "{band}: {all}"
        );
    }
    assert!(errors(&GOOD.replace("[\"ESL 3\"]", "[\"ESL 2-4\", \"abe 3-3\"]")).is_empty());
}

/// `2.0` is the whole number 2, as JSON Schema's `integer` has it (issue 18, item 8): it was
/// "expected a whole number from 0 to 9, found the number 2.0".
#[test]
fn whole_numbers_may_be_written_with_a_point_or_an_exponent() {
    let text = GOOD
        .replace("\"level\": 2, \"credential\"", "\"level\": 2.0, \"credential\"")
        .replace("\"year\": 2025, \"source\"", "\"year\": 2.025e3, \"source\"");
    let loaded = load(&[input("f.json", &text)]).expect("loads");
    let p = &loaded.pathways;
    assert_eq!(p.stage(p.find("nac").expect("nac")).level, 2);
    let cna = p.stage(p.find("cna").expect("cna"));
    assert_eq!(cna.wage.as_ref().map(|w| w.year), Some(2025));
    for level in ["2.5", "-1.0", "1e300"] {
        let said = errors(&GOOD.replace(
            "\"level\": 2, \"credential\"",
            &format!("\"level\": {level}, \"credential\""),
        ));
        assert!(
            said.iter()
                .any(|e| e.contains("expected a whole number from 0 to 9")),
            "{level}: {said:?}"
        );
    }
}

fn table(subjects: &str) -> String {
    format!(
        r#"{{"format": "pathways-levels/1", "test": "t", "title": "T", "scale": "ESL",
 "source": {{"title": "S", "year": 2020, "publisher": "P"}},
 "subjects": {subjects}}}"#
    )
}

/// A test table gives subjects, each with its bands lowest level first and each level once
/// (issue 18: `subjects: {}` and two "ESL 1" rows loaded), and says where bands leave a gap
/// in words, not as Rust debug text ("ends at Some(190)").
#[test]
fn a_test_table_gives_each_level_once_lowest_first() {
    let good = r#"{"reading": [{"level": "ESL 1", "max": 180}, {"level": "esl2", "min": 181}]}"#;
    assert!(errors(&table(good)).is_empty(), "{:?}", errors(&table(good)));
    for (subjects, said) in [
        ("{}", "/subjects: a test table gives at least one subject"),
        (
            r#"{"reading": []}"#,
            "/subjects/reading: expected at least one level band",
        ),
        (
            r#"{"reading": [{"level": "ESL 1", "max": 180}, {"level": "ESL 1", "min": 181}]}"#,
            "/subjects/reading/1/level: ESL 1 is given twice: a subject gives each level once",
        ),
        (
            r#"{"reading": [{"level": "ESL 2", "max": 180}, {"level": "ESL 1", "min": 181}]}"#,
            "/subjects/reading/1/level: ESL 1 comes after ESL 2: give the bands lowest level first",
        ),
        (
            r#"{"reading": [{"level": "ESL 1", "max": 190}, {"level": "ESL 2", "min": 192}]}"#,
            "/subjects/reading/1: bands must be contiguous (each min one above the max before it): \
                 ESL 1 ends at 190 but ESL 2 starts at 192",
        ),
        (
            r#"{"reading": [{"level": "ESL 9"}, {"level": "ESL 1"}, {"level": "ESL 2", "min": 1}]}"#,
            "/subjects/reading/2: bands must be contiguous (each min one above the max before it): \
                 ESL 1 has no max but ESL 2 starts at 1",
        ),
    ] {
        let found = errors(&table(subjects)).join("\n");
        assert!(found.contains(said), "{subjects}: {found}");
        assert!(!found.contains("Some("), "{found}");
    }
    let publisher = table(good).replace("\"P\"", "5");
    assert!(
        errors(&publisher)
            .iter()
            .any(|e| e.contains("/source/publisher: expected a string"))
    );
}

/// A misspelt member of a test table is an error naming the nearest field (issue 18: `"mxa"`
/// was dropped and moved every score above it to the next level); `x-` members are the
/// designer's own; a band with its own error is not also reported as a gap.
#[test]
fn a_test_table_refuses_members_it_does_not_define() {
    let misspelt = r#"{"reading": [{"level": "ESL 1", "mxa": 180}, {"level": "ESL 2", "min": 181}]}"#;
    let found = errors(&table(misspelt));
    assert_eq!(
        found,
        vec![
            "f.json:3:53: /subjects/reading/0/mxa: unknown field \"mxa\" in a level band \
             (did you mean \"max\"?): rename it, or start it with x- to keep it as your own"
                .to_string()
        ],
        "{found:?}"
    );
    let own =
        r#"{"reading": [{"level": "ESL 1", "max": 180, "x-checked": true}, {"level": "ESL 2", "min": 181}]}"#;
    assert!(errors(&table(own)).is_empty(), "{:?}", errors(&table(own)));
    let good = r#"{"reading": [{"level": "ESL 1", "max": 180}, {"level": "ESL 2", "min": 181}]}"#;
    let top = table(good).replace(
        "\"scale\"",
        "\"$schema\": \"levels.json\", \"x-by\": \"me\", \"titel\": \"T\", \"scale\"",
    );
    let said = errors(&top).join("\n");
    assert!(
        said.contains("/titel: unknown field \"titel\" in a test table (did you mean \"title\"?)"),
        "{said}"
    );
    assert!(!said.contains("x-by") && !said.contains("$schema"), "{said}");
    let source = table(good).replace("\"year\": 2020", "\"year\": 2020, \"ulr\": \"u\"");
    let said = errors(&source).join("\n");
    assert!(
        said.contains("/source/ulr: unknown field \"ulr\" in the source (did you mean \"url\"?)"),
        "{said}"
    );
}

mod fast_path {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    fn field(name: &'static str) -> BoxedStrategy<Value> {
        let anything = prop_oneof![
            Just(Value::Null),
            Just(json!("")),
            Just(json!(" ")),
            Just(json!(3)),
            Just(json!(-1.5)),
            Just(json!([])),
            Just(json!({})),
            Just(json!(["x", 2])),
        ];
        let fitting = match name {
            "kind" => prop::sample::select(vec!["education", "training", "work-based", "employment", "job"])
                .prop_map(|s| json!(s))
                .boxed(),
            "level" => (0u64..12).prop_map(|n| json!(n)).boxed(),
            "entry" => prop::collection::vec(
                prop::sample::select(vec![
                    "ESL 3", "abe2", "any", "HSE", "ESL 9", "", "ESL 3", "ESL 2-4", "ABE 4-2", "esl-3",
                ]),
                0..3,
            )
            .prop_map(|v| json!(v))
            .boxed(),
            "weeks" | "cost_usd" => (-5.0f64..60.0).prop_map(|x| json!(x)).boxed(),
            "wage" => (0u64..90_000, 1890u64..2110, prop::sample::select(vec!["s", ""]))
                .prop_map(|(m, y, s)| json!({"median_annual_usd": m, "year": y, "source": s}))
                .boxed(),
            "services" | "tags" | "sources" | "requires" | "awards" => {
                prop::collection::vec("[a-z ]{0,4}", 0..3)
                    .prop_map(|v| json!(v))
                    .boxed()
            }
            _ => "[a-z ]{0,5}".prop_map(|s| json!(s)).boxed(),
        };
        prop_oneof![4 => fitting, 1 => anything].boxed()
    }

    fn stage_like() -> impl Strategy<Value = Value> {
        let names = [
            "id",
            "title",
            "kind",
            "level",
            "entry",
            "credential",
            "weeks",
            "cost_usd",
            "wage",
            "soc",
            "description",
            "services",
            "tags",
            "sources",
            "note",
            "requires",
            "awards",
            "future",
        ];
        let fields: Vec<_> = names
            .iter()
            .map(|&n| prop::option::weighted(0.8, field(n)).prop_map(move |v| (n, v)))
            .collect();
        fields.prop_map(|pairs| {
            let map: Map<String, Value> = pairs
                .into_iter()
                .filter_map(|(n, v)| v.map(|v| (n.to_string(), v)))
                .collect();
            Value::Object(map)
        })
    }

    proptest! {
        /// The typed fast path accepts only what the careful reader accepts, and builds the same stage.
        #[test]
        fn typed_stages_agree_with_the_careful_reader(value in stage_like()) {
            let text = value.to_string();
            let mut issues = Vec::new();
            let careful = read_stage(value, "/stages/0".into(), &mut Vec::new(), &mut issues);
            if let Some(fast) = typed::stage(&text) {
                prop_assert!(issues.is_empty(), "fast path took what the careful one refuses: {text}");
                prop_assert_eq!(careful, Some(fast));
            }
        }

        #[test]
        fn typed_transitions_agree_with_the_careful_reader(
            from in "[ab ]{0,2}", to in "[ab]{0,2}",
            mode in prop::sample::select(vec!["integrated", "sequential", "parallel"]),
            weeks in prop::option::of(-2.0f64..9.0),
            extra in prop::option::of(Just(json!(1))),
        ) {
            let mut value = json!({"from": from, "to": to, "mode": mode});
            if let Some(w) = weeks { value["weeks"] = json!(w); }
            if let Some(x) = extra { value["x"] = x; }
            let text = value.to_string();
            let mut issues = Vec::new();
            let careful = read_transition(value, "/transitions/0".into(), &mut issues);
            if let Some((from, to, t)) = typed::transition(&text) {
                prop_assert!(issues.is_empty(), "{text}");
                let careful = careful.expect("careful accepts");
                prop_assert_eq!(careful, (from.into_owned(), to.into_owned(), t));
            }
        }
    }
}

#[test]
fn nothing_is_half_loaded() {
    let bad = GOOD.replace("\"to\": \"cna\"", "\"to\": \"nobody\"");
    assert!(load(&[input("a.json", &bad)]).is_err());
}
