//! The real `pathways` binary: commands on the shipped data and on bad files.

use crate::support::{json, pathways, stderr, stdout};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write fixture");
    path.display().to_string()
}

#[test]
fn summary_describes_the_shipped_data() {
    let o = pathways(&["summary"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("pathways: 6 pathway files, "), "{text}");
    for sector in [
        "Healthcare",
        "Advanced manufacturing",
        "Information technology",
        "Transportation",
        "Construction",
    ] {
        assert!(text.contains(sector), "{sector} missing from\n{text}");
    }
    assert!(text.contains("pathways search nurse"));
}

#[test]
fn shipped_data_is_large_enough_and_every_job_has_a_sourced_wage() {
    let o = pathways(&["check", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = json(&pathways(&["summary", "--json"]));
    assert!(summary["stages"].as_u64() >= Some(80), "{summary}");
    assert!(summary["transitions"].as_u64() >= Some(150), "{summary}");
}

/// `summary --json` gives the counts and every file; the text says "1 on-ramp", not "1 on-ramps".
#[test]
fn summary_in_json_and_in_words_with_plurals() {
    let doc = json(&pathways(&["summary", "--json"]));
    let files = doc["pathways"].as_array().expect("pathways");
    assert_eq!(doc["files"].as_u64(), Some(files.len() as u64));
    let stages: u64 = files.iter().filter_map(|f| f["stages"].as_u64()).sum();
    assert_eq!(doc["stages"].as_u64(), Some(stages), "the files' stages add up");
    let healthcare = files
        .iter()
        .find(|f| f["sector"] == "Healthcare")
        .expect("healthcare");
    assert!(healthcare["jobs"].as_u64() >= Some(3), "{healthcare}");
    assert!(healthcare["file"].as_str().is_some_and(|f| f.ends_with(".json")));
    let dir = tempfile::tempdir().expect("temp dir");
    let file = write(
        dir.path(),
        "one.json",
        r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "One", "sector": "One"},
           "stages": [{"id": "a", "title": "A", "kind": "education", "level": 1, "entry": ["any"]},
                      {"id": "j", "title": "J", "kind": "employment", "level": 2}],
           "transitions": [{"from": "a", "to": "j", "mode": "sequential"}]}"#,
    );
    let text = stdout(&pathways(&["--data", &file, "summary"]));
    assert!(
        text.starts_with("pathways: 1 pathway file, 2 stages, 1 transition, 1 on-ramp, 1 off-ramp"),
        "{text}"
    );
    assert!(text.contains("2 stages,   1 job"), "{text}");
}

#[test]
fn show_prints_a_stage_with_its_transitions() {
    let o = pathways(&["show", "hc-nac-program"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("Nursing Assistant Certified (NA-C) program  (hc-nac-program)"),
        "{text}"
    );
    assert!(text.contains("Off-ramp"));
    assert!(text.contains("Into this stage"));
    assert!(
        text.contains("-> ── sequential Nursing assistant  (hc-nac-job)"),
        "{text}"
    );
}

#[test]
fn show_json_lists_modes_and_wages() {
    let o = pathways(&["show", "hc-rn-job", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["stage"]["id"], "hc-rn-job");
    assert_eq!(v["stage"]["kind"], "employment");
    assert_eq!(v["stage"]["soc"], "29-1141");
    assert_eq!(v["stage"]["wage"]["median_annual_usd"], 97550.0);
    assert_eq!(v["stage"]["wage"]["year"], 2025);
    let incoming = v["incoming"].as_array().expect("incoming");
    assert!(!incoming.is_empty());
    assert!(
        incoming
            .iter()
            .all(|l| l["mode"] == "integrated" || l["mode"] == "sequential")
    );
}

#[test]
fn show_accepts_a_unique_title_and_refuses_ambiguous_or_unknown_names() {
    let o = pathways(&["show", "registered nurse"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("(hc-rn-job)"));
    let o = pathways(&["show", "nurse"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("could mean several stages"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);
    let o = pathways(&["show", "astronaut-xyz"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("unknown stage 'astronaut-xyz'"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("try `pathways search astronaut-xyz`"),
        "{}",
        stderr(&o)
    );
    // A typo of an id names the id it is nearest to (issue 18), in show and route.
    for (args, said) in [
        (
            &["show", "hc-adnn"][..],
            "unknown stage 'hc-adnn': no stage id, title or credential matches it (did you mean 'hc-adn'?)",
        ),
        (
            &["route", "--from", "ESL 3", "--to", "hc-rn-jbo"][..],
            "--to 'hc-rn-jbo': no stage id, title or credential matches it (did you mean 'hc-rn-job'?)",
        ),
    ] {
        let o = pathways(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(said), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o).lines().count(), 1, "{args:?}");
    }
}

#[test]
fn search_ranks_and_limits() {
    let o = pathways(&["search", "registered", "nurse", "-n", "3", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    let results = v["results"].as_array().expect("results");
    assert!(results.len() <= 3 && !results.is_empty());
    assert_eq!(results[0]["id"], "hc-rn-job");
    let o = pathways(&["search", "31-1131"]);
    assert!(stdout(&o).contains("hc-nac-job"), "{}", stdout(&o));
    let o = pathways(&["search", "zzzzqqq"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("No stage matches"));
    let o = pathways(&["search"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn levels_lists_levels_and_tests() {
    let o = pathways(&["levels", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["levels"].as_array().map(Vec::len), Some(13));
    assert_eq!(v["levels"][2]["level"], "ESL 3");
    assert_eq!(v["levels"][2]["name"], "High Beginning ESL");
    let tests: Vec<&str> = v["tests"]
        .as_array()
        .expect("tests")
        .iter()
        .filter_map(|t| t["test"].as_str())
        .collect();
    for t in ["tabe11", "casas-abe", "casas-esl", "best-plus"] {
        assert!(tests.contains(&t), "{t} missing: {tests:?}");
    }
}

#[test]
fn levels_places_a_score() {
    let o = pathways(&["levels", "--score", "tabe11 reading 540", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["level"], "ABE 4");
    assert_eq!(v["test"], "tabe11");
    assert_eq!(v["subject"], "reading");
    assert_eq!(v["score"], 540);
    assert!(v["source"].as_str().is_some_and(|s| s.contains("TABE 11 & 12")));
    let o = pathways(&["levels", "--score", "casas-esl reading 195"]);
    assert!(
        stdout(&o).starts_with("ESL 3 (High Beginning ESL)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bad_scores_exit_2_with_one_line() {
    for (score, says) in [
        ("tabe11 reading 900", "outside the tabe11 reading table (300–800)"),
        ("tabe11 reading 299", "outside"),
        ("gre verbal 160", "unknown test 'gre'"),
        ("tabe11 writing 500", "has no subject 'writing'"),
        ("tabe11 reading -5", "negative"),
        ("tabe11 reading", "<test> <subject> <score>"),
    ] {
        let o = pathways(&["levels", "--score", score]);
        assert_eq!(o.status.code(), Some(2), "{score}");
        let err = stderr(&o);
        assert!(err.contains(says), "{score}: {err}");
        assert_eq!(err.lines().count(), 1, "{score}: {err}");
    }
}

#[test]
fn check_passes_on_the_shipped_data() {
    let o = pathways(&["check", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["summary"]["errors"], 0);
}

#[test]
fn data_replaces_the_shipped_pathways() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(
        dir.path(),
        "tiny.json",
        r#"{"format": "pathways/1", "pathway": {"id": "t", "title": "Tiny", "sector": "Tiny"},
  "stages": [{"id": "a", "title": "Alpha class", "kind": "education", "level": 0, "entry": ["any"]},
             {"id": "b", "title": "Beta job", "kind": "employment", "level": 2}],
  "transitions": [{"from": "a", "to": "b", "mode": "sequential"}]}"#,
    );
    let o = pathways(&["--data", &file, "summary"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("pathways: 1 pathway file, 2 stages, 1 transition, "),
        "{}",
        stdout(&o)
    );
    // A folder is searched recursively for *.json; the shipped test tables still place scores.
    let o = pathways(&["--data", &dir.path().display().to_string(), "show", "a"]);
    assert!(stdout(&o).contains("Alpha class"));
    let o = pathways(&["--data", &file, "levels", "--score", "casas-esl reading 195"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn load_errors_name_file_line_column_and_path_and_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(
        dir.path(),
        "bad.json",
        "{\"format\": \"pathways/1\", \"pathway\": {\"id\": \"t\", \"title\": \"T\", \"sector\": \"T\"},\n\"stages\": [\n {\"id\": \"a\", \"title\": \"A\", \"kind\": \"job\", \"level\": 0},\n {\"id\": \"b\", \"title\": \"B\", \"kind\": \"employment\", \"level\": 11}\n],\n\"transitions\": [{\"from\": \"a\", \"to\": \"zzz\", \"mode\": \"sequential\"}]}",
    );
    let o = pathways(&["--data", &file, "check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(
        lines[0],
        format!(
            "{file}:3:36: /stages/0/kind: unknown kind \"job\": expected education, training, work-based or employment"
        )
    );
    assert!(
        lines[1].starts_with(&format!(
            "{file}:4:59: /stages/1/level: expected a whole number from 0 to 9"
        )),
        "{err}"
    );
    // "a" is broken, so the transition from it is not reported again; "zzz" is unknown.
    assert!(
        lines[2].starts_with(&format!(
            "{file}:6:37: /transitions/0/to: unknown stage id \"zzz\""
        )),
        "{err}"
    );
    // The JSON form lists the same problems for scripts.
    let o = pathways(&["--data", &file, "check", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(v["load_errors"][0]["line"], 3);
    assert_eq!(v["load_errors"][0]["column"], 36);
    assert_eq!(v["load_errors"][0]["pointer"], "/stages/0/kind");
    // Every command refuses to run on data that does not load.
    let o = pathways(&["--data", &file, "show", "a"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn unknown_ids_across_files_and_duplicates_are_all_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(
        dir.path(),
        "a.json",
        r#"{"format": "pathways/1", "pathway": {"id": "a", "title": "A", "sector": "A"},
"stages": [{"id": "x", "title": "X", "kind": "education", "level": 0, "entry": ["ESL 1"]}],
"transitions": [{"from": "x", "to": "y", "mode": "integrated"}]}"#,
    );
    write(
        dir.path(),
        "b.json",
        r#"{"format": "pathways/1", "pathway": {"id": "b", "title": "B", "sector": "B"},
"stages": [{"id": "x", "title": "X again", "kind": "training", "level": 1}],
"transitions": [{"from": "x", "to": "nowhere", "mode": "sequential"}]}"#,
    );
    let o = pathways(&["--data", &dir.path().display().to_string(), "check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("b.json:2:19: /stages/0/id: duplicate stage id \"x\" (first defined at"),
        "{err}"
    );
    assert!(err.contains("a.json:2:19)"), "{err}");
    assert!(
        err.contains("a.json:3:37: /transitions/0/to: unknown stage id \"y\""),
        "{err}"
    );
    assert!(
        err.contains("b.json:3:37: /transitions/0/to: unknown stage id \"nowhere\""),
        "{err}"
    );
}

#[test]
fn links_to_shipped_stages_without_the_shipped_data_say_to_add_with_shipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = write(
        dir.path(),
        "mine.json",
        r#"{"format": "pathways/1", "pathway": {"id": "mine", "title": "Mine", "sector": "Mine"},
"stages": [{"id": "m-cert", "title": "Certificate", "kind": "training", "level": 2, "credential": "Certificate"}],
"transitions": [{"from": "f-esl-3", "to": "m-cert", "mode": "integrated"},
{"from": "f-abe-2", "to": "m-cert", "mode": "sequential"}]}"#,
    );
    let o = pathways(&["--data", &file, "check"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let last = err.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        "\"f-abe-2\" and 1 more are shipped stages: add --with-shipped to load the shipped data with your files",
        "{err}"
    );
    let o = pathways(&["--with-shipped", "--data", &file, "check", "--only", &file]);
    // It loads: what is left are the audit's findings on the unfinished file (exit 1).
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("m-cert"), "{}", stdout(&o));
    // An id the shipped data does not have either gets no such hint.
    let other = write(
        dir.path(),
        "mine.json",
        &std::fs::read_to_string(&file)
            .unwrap()
            .replace("f-esl-3", "f-esl-33")
            .replace(
                r#",
{"from": "f-abe-2", "to": "m-cert", "mode": "sequential"}"#,
                "",
            ),
    );
    let err = stderr(&pathways(&["--data", &other, "check"]));
    assert!(!err.contains("--with-shipped"), "{err}");
}

#[test]
fn whole_file_problems_and_missing_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = write(dir.path(), "empty.json", "");
    let array = write(dir.path(), "array.json", "[]");
    let latin1 = dir.path().join("latin1.json");
    std::fs::write(&latin1, b"{\"format\": \"caf\xe9\"}").expect("write");
    for (file, says) in [
        (empty.as_str(), "the file is empty"),
        (
            array.as_str(),
            "expected a JSON object at the top level, found an array",
        ),
        (&latin1.display().to_string(), "not UTF-8 text (byte 0xE9)"),
        ("/no/such/file.json", "no such file or folder"),
    ] {
        let o = pathways(&["--data", file, "check"]);
        assert_eq!(o.status.code(), Some(2), "{file}");
        assert!(stderr(&o).contains(says), "{file}: {}", stderr(&o));
        assert!(stderr(&o).starts_with(file), "{file}: {}", stderr(&o));
    }
}

#[test]
fn the_explorer_refuses_to_start_without_a_terminal() {
    let o = pathways(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the explorer needs a terminal"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
}

#[test]
fn bad_arguments_exit_2_and_help_exits_0() {
    assert_eq!(pathways(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(pathways(&["show"]).status.code(), Some(2));
    assert_eq!(pathways(&["search", "x", "-n", "many"]).status.code(), Some(2));
    let help = pathways(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("show"));
    // A command's own options first; the loading options under a heading of their own.
    let plan = stdout(&pathways(&["plan", "--help"]));
    let (own, loading) = plan.split_once("Loading data:").expect("a loading heading");
    assert!(
        own.contains("--learner") && !own.contains("--max-file-size"),
        "{plan}"
    );
    assert!(
        loading.contains("--data <PATH>") && loading.contains("--max-file-size"),
        "{plan}"
    );
}

/// Output is buffered, so a failed write shows only when it is flushed: it must still be reported.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_reported_not_swallowed() {
    let full = Path::new("/dev/full");
    for args in [&["summary"][..], &["show", "hc-nac-job"], &["check"], &["--help"]] {
        let o = Command::new(env!("CARGO_BIN_EXE_pathways"))
            .args(args)
            .stdout(std::fs::File::create(full).expect("open /dev/full"))
            .output()
            .expect("the binary runs");
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", stderr(&o));
        assert_eq!(
            stderr(&o).matches("cannot write the output").count(),
            1,
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

/// With stdout and stderr in one stream, the output comes before the error that ends it.
#[test]
fn output_comes_before_the_final_message() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = write(dir.path(), "bad.json", "{\"format\": \"pathways/1\"");
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "\"{}\" check --json --data \"{bad}\" 2>&1",
            env!("CARGO_BIN_EXE_pathways")
        ))
        .output()
        .expect("sh runs");
    let text = stdout(&o);
    let json_at = text.find("\"findings\"").expect("the JSON");
    let error_at = text.find("bad.json:").expect("the error");
    assert!(json_at < error_at, "{text}");
}

/// A reader that goes away (`| head`, `| true`) does not change the exit code a command promises:
/// 1 when no route exists.
#[test]
fn a_closed_pipe_keeps_the_exit_code() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(["route", "--from", "hc-rn-job", "--to", "hc-ien-bridge"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // Closed before the command writes anything (it writes once, at the end).
    drop(child.stdout.take());
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!stderr(&o).contains("cannot write"), "{}", stderr(&o));
}

#[test]
fn wages_follow_the_area_in_show_route_search_and_wages() {
    // Seattle-Tacoma-Bellevue, WA, nursing assistants (OEUM0042660000000311131): $51,990, 16,530 jobs.
    let o = pathways(&["show", "hc-nac-job", "--area", "seattle", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let w = &json(&o)["stage"]["wage"];
    assert_eq!(w["median_annual_usd"], 51990.0);
    assert_eq!(w["employment"], 16530);
    assert_eq!(w["area"], "Seattle-Tacoma-Bellevue, WA");
    assert_eq!(w["source"], "BLS OEWS May 2025");
    let text = stdout(&pathways(&["show", "hc-nac-job", "--area", "Seattle"]));
    assert!(
        text.contains(
            "Median wage: $51,990/yr (Seattle-Tacoma-Bellevue, WA, BLS OEWS May 2025), about 16,530 jobs"
        ),
        "{text}"
    );
    // No area: the nation.
    let v = json(&pathways(&["show", "hc-rn-job", "--json"]));
    assert_eq!(v["stage"]["wage"]["median_annual_usd"], 97550.0);
    assert_eq!(v["stage"]["wage"]["area"], "National");
    // A route's heading says the pay is national and how to get local pay; with an area, not.
    let route = ["route", "--from", "ESL 3", "--to", "hc-nac-job"];
    let text = stdout(&pathways(&route));
    assert!(text.contains("in the United States"), "{text}");
    assert!(text.contains("For local pay add --area"), "{text}");
    let text = stdout(&pathways(&[&route[..], &["--area", "WA"]].concat()));
    assert!(text.contains("median pay in Washington"), "{text}");
    assert!(!text.contains("For local pay"), "{text}");
    // Bellingham has no registered-nurse wage (footnote 8): Washington's, and it says so.
    let text = stdout(&pathways(&["show", "hc-rn-job", "--area", "Bellingham"]));
    assert!(
        text.contains("$124,200/yr (Washington (no estimate for Bellingham, WA), BLS OEWS May 2025)"),
        "{text}"
    );
    let o = pathways(&[
        "route",
        "--from",
        "casas-esl reading 195",
        "--to",
        "hc-nac-job",
        "--area",
        "Seattle",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("Wages: median pay in Seattle-Tacoma-Bellevue, WA, BLS OEWS May 2025"),
        "{text}"
    );
    assert!(
        text.contains("median wage $51,990/yr, about 16,530 jobs"),
        "{text}"
    );
    let o = pathways(&[
        "route",
        "--from",
        "ESL 3",
        "--to",
        "hc-nac-job",
        "--area",
        "WA",
        "--json",
    ]);
    let v = json(&o);
    assert_eq!(v["area"]["name"], "Washington");
    assert_eq!(v["routes"][0]["wages"][0]["wage"]["median_annual_usd"], 49180.0);
    let v = json(&pathways(&[
        "search",
        "nursing assistant",
        "--area",
        "yakima",
        "--json",
    ]));
    let job = v["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["id"] == "hc-nac-job")
        .expect("the job is found");
    assert_eq!(job["wage"]["median_annual_usd"], 47080.0);
    assert_eq!(job["wage"]["area"], "Yakima, WA");
}

#[test]
fn wages_command_compares_areas_and_refuses_what_it_cannot_resolve() {
    let o = pathways(&["wages", "31-1131", "--area", "Seattle"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Nursing Assistants (SOC 31-1131)"), "{text}");
    assert!(
        lines[1].contains("Seattle-Tacoma-Bellevue, WA") && lines[1].contains("$51,990/yr"),
        "{text}"
    );
    assert!(
        lines[2].contains("Washington") && lines[2].contains("$49,180/yr"),
        "{text}"
    );
    assert!(
        lines[3].contains("United States") && lines[3].contains("about 1,448,910 jobs"),
        "{text}"
    );
    assert!(text.contains("BLS.gov cannot vouch for the data"), "{text}");
    // By a job of the pathways, and compared across the state, best paid first.
    let v = json(&pathways(&[
        "wages",
        "hc-nac-job",
        "--area",
        "WA",
        "--compare",
        "--json",
    ]));
    let areas = v["areas"].as_array().expect("areas");
    assert_eq!(areas.len(), 14, "Washington and its 13 metro and nonmetro areas");
    let pay: Vec<f64> = areas
        .iter()
        .filter_map(|a| a["median_annual_usd"].as_f64())
        .collect();
    assert!(pay.windows(2).all(|w| w[0] >= w[1]), "{pay:?}");
    assert_eq!(areas[0]["area"], "Seattle-Tacoma-Bellevue, WA");
    // Top-coded: at least $239,200.
    let text = stdout(&pathways(&["wages", "29-1224", "--area", "seattle"]));
    assert!(text.contains("at least $239,200/yr"), "{text}");
    // Ambiguous areas and occupations, unknown ones: exit 2, one line, candidates listed.
    let o = pathways(&["wages", "31-1131", "--area", "Portland"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("Portland-South Portland, ME") && err.contains("Portland-Vancouver-Hillsboro, OR-WA"),
        "{err}"
    );
    let o = pathways(&["route", "--from", "ESL 3", "--area", "Atlantis"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("--area: unknown area \"Atlantis\""),
        "{}",
        stderr(&o)
    );
    let o = pathways(&["wages", "nurse"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Registered Nurses (29-1141)"),
        "{}",
        stderr(&o)
    );
    let o = pathways(&["wages", "99-9999"]);
    assert_eq!(o.status.code(), Some(2));
}

/// Every figure in the shipped data names a source its file declares (DESIGN, "File format").
#[test]
fn every_shipped_figure_names_a_declared_source() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("data/") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let doc: Value = serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("JSON");
        let declared: Vec<&str> = doc["pathway"]["sources"]
            .as_array()
            .map(|s| s.iter().filter_map(|s| s["id"].as_str()).collect())
            .unwrap_or_default();
        for source in doc["pathway"]["sources"].as_array().into_iter().flatten() {
            let url = source["url"].as_str().unwrap_or("");
            assert!(
                url.starts_with("http"),
                "{}: source {} has no URL",
                path.display(),
                source["id"]
            );
            assert!(
                source["year"].is_u64(),
                "{}: source {} has no year",
                path.display(),
                source["id"]
            );
        }
        let items = doc["stages"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(doc["transitions"].as_array().into_iter().flatten());
        for item in items {
            let figures = ["weeks", "weeks_range", "hours", "cost_usd"];
            if !figures.iter().any(|f| item.get(f).is_some()) {
                continue;
            }
            checked += 1;
            let cited: Vec<&str> = item["sources"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            assert!(
                cited.iter().any(|c| declared.contains(c)),
                "{}: {} gives a figure but cites no declared source",
                path.display(),
                item.get("id").unwrap_or(&item["to"])
            );
        }
        for stage in doc["stages"].as_array().into_iter().flatten() {
            if let Some(w) = stage.get("wage") {
                assert!(
                    declared.contains(&w["source"].as_str().unwrap_or("")),
                    "{}",
                    stage["id"]
                );
            }
        }
    }
    assert!(checked >= 20, "only {checked} figures");
}

/// `show` prints the stage's note, what its `explain` says and its sources, in text and JSON
/// (issue 18, item 7).
#[test]
fn show_prints_the_note_the_explanations_and_the_sources() {
    let o = pathways(&["show", "hc-bsn"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        text.contains("\n  Note: 208 weeks = four years of 52 weeks"),
        "{text}"
    );
    assert!(
        text.contains("\n  Explained (long-stretch): A four-year university degree"),
        "{text}"
    );
    assert!(
        text.contains("\n  Sources:\n    - U.S. Bureau of Labor Statistics"),
        "{text}"
    );
    assert!(text.contains("(2023) <http://stats.bls.gov/ooh/"), "{text}");
    let o = pathways(&["show", "hc-ibest-nac"]);
    assert!(
        stdout(&o).contains("        explained (level-jump): Integrated: the I-BEST program"),
        "{}",
        stdout(&o)
    );
    let o = pathways(&["show", "hc-bsn", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let stage = &doc["stage"];
    assert!(stage["note"].as_str().is_some_and(|n| n.starts_with("208 weeks")));
    assert!(stage["explain"]["long-stretch"].is_string());
    assert_eq!(stage["sources"][0]["id"], "ooh-rn-2023");
    assert_eq!(stage["sources"][0]["year"], 2023);
    assert_eq!(doc["outgoing"][0]["stage"], "hc-rn-job");
}
