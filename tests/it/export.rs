//! `pathways export`: DOT and Mermaid for a small fixture checked line by line (set
//! `PATHWAYS_BLESS=1` to rewrite the expected files after a deliberate change), the DOT parsed by
//! a grammar check of our own and by Graphviz when it is installed, the Mermaid checked for what
//! GitHub needs, the JSON loaded back into the same graph, and the CSV folders for spreadsheets
//! written, loaded back to what the JSON gives, and read with each problem at its row and column.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use pathways::domain::graph::Pathways;
use pathways::domain::load::{Input, Origin, load};
use pathways::domain::shipped;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export")
}

fn data_args() -> Vec<String> {
    let dir = fixtures();
    vec![
        "--data".into(),
        dir.join("shared.json").display().to_string(),
        "--data".into(),
        dir.join("care.json").display().to_string(),
    ]
}

/// Runs `pathways ARGS` in process: (exit code, stdout, stderr).
fn run(args: &[String]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let mut all = vec!["pathways".to_string()];
    all.extend(args.iter().cloned());
    let code = pathways::cli::run(all, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).expect("UTF-8 output"),
        String::from_utf8(err).expect("UTF-8 errors"),
    )
}

fn export(extra: &[&str]) -> String {
    let mut args = data_args();
    args.push("export".into());
    args.extend(extra.iter().map(|s| (*s).to_string()));
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    out
}

/// Compares with an expected file line by line, naming the first line that differs.
fn expect_file(name: &str, actual: &str) {
    let path = fixtures().join(name);
    if std::env::var_os("PATHWAYS_BLESS").is_some() {
        std::fs::write(&path, actual).expect("bless");
    }
    let expected = std::fs::read_to_string(&path).expect("expected file");
    let (a, e): (Vec<&str>, Vec<&str>) = (actual.lines().collect(), expected.lines().collect());
    for (i, (got, want)) in a.iter().zip(&e).enumerate() {
        assert_eq!(got, want, "{name}: line {} differs", i + 1);
    }
    assert_eq!(
        a.len(),
        e.len(),
        "{name}: {} lines, expected {}",
        a.len(),
        e.len()
    );
    assert_eq!(actual, expected, "{name}: line endings differ");
}

#[test]
fn dot_for_the_fixture_matches_line_by_line() {
    let dot = export(&["--format", "dot", "--sector", "care"]);
    expect_file("care.dot", &dot);
    check_dot(&dot).unwrap_or_else(|e| panic!("care.dot: {e}"));
}

#[test]
fn mermaid_for_the_fixture_matches_line_by_line() {
    let mmd = export(&["--format", "mermaid", "--sector", "Care"]);
    expect_file("care.mmd", &mmd);
    check_mermaid(&mmd).unwrap_or_else(|e| panic!("care.mmd: {e}"));
}

#[test]
fn dot_marks_ramps_jobs_modes_and_linked_stages() {
    let dot = export(&["--format", "dot", "--sector", "care"]);
    let line = |start: &str| {
        dot.lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start}"))
            .to_string()
    };
    let nac = line("\"ibest-nac\" [");
    assert!(
        nac.contains("shape=cds") && nac.contains("peripheries=2"),
        "{nac}"
    );
    assert!(line("\"lead\" [").contains("shape=house"));
    assert!(line("\"esl-2\" [").contains("dashed"), "linked stage");
    assert!(
        line("\"esl-3\" -> \"ibest-nac\"").contains("invis"),
        "integrated: double line"
    );
    assert!(!line("\"esl-2\" -> \"ibest-nac\"").contains("invis"));
    assert!(line("\"lead\" -> \"ibest-nac\"").contains("constraint=false"));
    // One rank per column, in level order.
    let ranks: Vec<&str> = dot.lines().filter(|l| l.contains("rank=same")).collect();
    assert_eq!(ranks.len(), 5);
    assert!(ranks[0].contains("\"esl-2\"") && ranks[4].contains("\"lead\""));
    // Quotes, backslashes and line breaks from the data are escaped; control characters are gone.
    assert!(nac.contains("I-BEST \\\"NAC\\\" #1"));
    assert!(line("\"end\" [").contains("Back\\\\slash and tab here"));
    assert!(line("\"nac.job\" [").contains("Nursing assistant\\nfirst job"));
    assert!(!dot.contains('\u{7}') && !dot.contains('\t'));
}

#[test]
fn every_shipped_export_is_well_formed() {
    let p = load(&shipped::inputs()).expect("loads").pathways;
    let mut selections: Vec<Vec<String>> = vec![Vec::new()];
    for s in p.sectors() {
        selections.push(vec!["--sector".into(), s.to_string()]);
    }
    for sel in selections {
        let mut args = vec!["export".to_string(), "--format".to_string(), "dot".to_string()];
        args.extend(sel.iter().cloned());
        let (code, dot, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        check_dot(&dot).unwrap_or_else(|e| panic!("{sel:?}: {e}"));
        graphviz(&dot, &format!("{sel:?}"));
        args[2] = "mermaid".into();
        let (code, mmd, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        check_mermaid(&mmd).unwrap_or_else(|e| panic!("{sel:?}: {e}"));
    }
}

#[test]
fn the_fixture_renders_with_graphviz_when_installed() {
    graphviz(&export(&["--format", "dot"]), "fixture");
    graphviz(
        &export(&["--format", "dot", "--sector", "care"]),
        "fixture sector",
    );
}

/// Renders with Graphviz `dot` when it is installed; says so when it is not.
fn graphviz(dot: &str, what: &str) {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        // Straight to stderr, past the test harness's capture, so the skip shows in every run.
        let _ = writeln!(
            std::io::stderr().lock(),
            "SKIPPED: Graphviz `dot` is not installed; {what} was checked by the DOT grammar check only"
        );
        return;
    };
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(dot.as_bytes())
        .expect("write to dot");
    let output = child.wait_with_output().expect("dot runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "dot rejected {what}: {stderr}");
    assert!(!stderr.contains("Error"), "dot complained about {what}: {stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("<svg"));
}

fn file_input(path: &Path) -> Input {
    Input {
        name: path.display().to_string(),
        bytes: std::fs::read(path).expect("read"),
        origin: Origin::User,
    }
}

fn text_input(name: &str, text: &str) -> Input {
    Input {
        name: name.into(),
        bytes: text.as_bytes().to_vec(),
        origin: Origin::User,
    }
}

/// The audit's findings, without where they are written (file order may differ).
fn findings(p: &Pathways) -> Vec<String> {
    let report = pathways::domain::audit::report(p, &pathways::domain::audit::Options::default());
    let mut out: Vec<String> = report
        .findings
        .iter()
        .map(|f| {
            format!(
                "{:?} {} {:?} {:?} {:?} {:?} {} | {} | {:?}",
                f.severity, f.code, f.stage, f.transition, f.sector, f.pathway, f.message, f.fix, f.note
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn json_round_trips_through_load() {
    let shared = fixtures().join("shared.json");
    let care = fixtures().join("care.json");
    let original = load(&[file_input(&shared), file_input(&care)])
        .expect("fixture loads")
        .pathways;
    // Everything: one file that loads on its own, said on stderr to be merged.
    let text = export(&["--format", "json"]);
    let mut args = data_args();
    args.extend(["export", "--format", "json"].map(String::from));
    let (_, _, err) = run(&args);
    assert!(err.contains("2 pathway files merged into one document"), "{err}");
    args.extend(["--sector", "care"].map(String::from));
    let (_, _, err) = run(&args);
    assert!(err.is_empty(), "one file is not merged: {err}");
    let back = load(&[text_input("export.json", &text)])
        .unwrap_or_else(|e| panic!("the export does not load: {e}\n{text}"))
        .pathways;
    same_graph(&original, &back, true);
    // A sector: its own file's stages and transitions, loading beside the files it links to.
    for (sector, first) in [("care", true), ("Adult education", false)] {
        let text = export(&["--format", "json", "--sector", sector]);
        // In the original order, so that transitions out of a stage keep theirs.
        let inputs = if first {
            [file_input(&shared), text_input("export.json", &text)]
        } else {
            [text_input("export.json", &text), file_input(&care)]
        };
        let back = load(&inputs)
            .unwrap_or_else(|e| panic!("{sector}: the export does not load beside its links: {e}\n{text}"))
            .pathways;
        same_graph(&original, &back, true);
        assert_eq!(findings(&back), findings(&original), "{sector}");
    }
    // Exporting the export changes nothing.
    let text = export(&["--format", "json"]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("again.json");
    std::fs::write(&path, &text).unwrap();
    let (code, again, err) = run(&[
        "--data".into(),
        path.display().to_string(),
        "export".into(),
        "--format".into(),
        "json".into(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(again, text, "not stable");
    // The care sector keeps its file's header and unknown fields, its own sources as declared,
    // and none of the shared file's stages.
    let doc: serde_json::Value =
        serde_json::from_str(&export(&["--format", "json", "--sector", "care"])).unwrap();
    assert_eq!(doc["pathway"]["id"], "care");
    assert_eq!(doc["pathway"]["region"], "Somewhere");
    assert_eq!(doc["pathway"]["x-owner"]["team"], "pathways");
    // Own members of the top level, of a source and of a wage are kept too.
    assert_eq!(doc["x-batch"], 7);
    assert_eq!(doc["pathway"]["sources"][0]["x-checked"], true);
    assert_eq!(doc["stages"][1]["wage"]["x-scale"], "union");
    let ids: Vec<&str> = doc["pathway"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["nrs", "oews"]);
    let stage_ids: Vec<&str> = doc["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(stage_ids, ["ibest-nac", "nac.job", "end", "lead"]);
    let nac = &doc["stages"][0];
    assert_eq!(nac["sources"][0], "nrs");
    assert_eq!(nac["x-color"], "teal");
    assert_eq!(nac["weeks"], serde_json::json!(11));
    assert_eq!(doc["transitions"][0]["from"], "esl-3");
    assert_eq!(doc["transitions"][0]["x-why"], "I-BEST");
    // Merged, the clashing "nrs" of the care file is cited under a new id.
    let all: serde_json::Value = serde_json::from_str(&export(&["--format", "json"])).unwrap();
    let care_nac = all["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "ibest-nac")
        .unwrap();
    assert_eq!(care_nac["sources"][0], "nrs-care");
}

#[test]
fn json_of_the_shipped_data_round_trips() {
    let original = load(&shipped::inputs()).expect("loads").pathways;
    let (code, text, err) = run(&["export".into(), "--format".into(), "json".into()]);
    assert_eq!(code, 0, "{err}");
    let back = load(&[text_input("all.json", &text)])
        .expect("the export loads")
        .pathways;
    same_graph(&original, &back, true);
    let before = findings(&original);
    for p in original.pathways() {
        let (code, text, err) = run(&[
            "export".into(),
            "--format".into(),
            "json".into(),
            "--sector".into(),
            p.sector.clone(),
        ]);
        assert_eq!(code, 0, "{err}");
        // Beside every other shipped file, the sector's export stands in for its file.
        let inputs: Vec<Input> = shipped::inputs()
            .into_iter()
            .map(|i| {
                if i.name == p.file {
                    text_input("sector.json", &text)
                } else {
                    i
                }
            })
            .collect();
        let back = load(&inputs)
            .unwrap_or_else(|e| panic!("{}: {e}", p.sector))
            .pathways;
        same_graph(&original, &back, true);
        assert_eq!(findings(&back), before, "{}", p.sector);
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["pathway"]["id"], p.id.as_str());
        assert_eq!(doc["pathway"]["region"].as_str(), p.region.as_deref());
    }
}

/// `-o DIR/` writes each loaded file again under its own name; loading the folder gives the
/// same graph and every finding, sector-level ones and their explanations included.
#[test]
fn json_to_a_folder_writes_one_file_per_pathway_file() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    // A sector whose finding about it as a whole is explained at the sector level.
    let own = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit/no-low-on-ramp.json"),
    )
    .unwrap()
    .replacen(
        "\"region\": \"Test\",",
        "\"region\": \"Test\", \"explain\": {\"no-low-on-ramp\": \"No college here offers I-BEST yet.\"},",
        1,
    );
    assert!(own.contains("No college here"), "the fixture's header was found");
    // Its own ESL 3 class, not the shared one.
    let own = own
        .replace("\"esl-3\"", "\"welding-esl-3\"")
        .replace("\"id\": \"chain\"", "\"id\": \"welding\"");
    std::fs::write(mine.join("welding.json"), own).unwrap();
    std::fs::copy(fixtures().join("care.json"), mine.join("care.json")).unwrap();
    std::fs::copy(fixtures().join("shared.json"), mine.join("shared.json")).unwrap();
    let files = ["care.json", "shared.json", "welding.json"];
    let load_all = |dir: &Path| {
        load(&files.map(|f| file_input(&dir.join(f))))
            .expect("loads")
            .pathways
    };
    let original = load_all(&mine);
    let out = dir.path().join("out");
    let target = format!("{}/", out.display());
    let (code, said, err) = run(&[
        "--data".into(),
        mine.display().to_string(),
        "export".into(),
        "--format".into(),
        "json".into(),
        "-o".into(),
        target.clone(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(said.starts_with(&format!("Wrote 3 files to {target}")), "{said}");
    assert!(said.contains("  care.json  4 stages, 6 transitions"), "{said}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, files);
    let back = load_all(&out);
    same_graph(&original, &back, true);
    let found = findings(&back);
    assert_eq!(found, findings(&original));
    assert!(
        found
            .iter()
            .any(|f| f.contains("no-low-on-ramp") && f.contains("No college here offers I-BEST yet.")),
        "{found:?}"
    );
    let care: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("care.json")).unwrap()).unwrap();
    assert_eq!(care["pathway"]["region"], "Somewhere");
    let welding: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("welding.json")).unwrap()).unwrap();
    assert_eq!(
        welding["pathway"]["explain"]["no-low-on-ramp"],
        "No college here offers I-BEST yet."
    );
    // Again without --force: refused, nothing written; with it, the same files again.
    let (code, _, err) = run(&[
        "--data".into(),
        mine.display().to_string(),
        "export".into(),
        "--format".into(),
        "json".into(),
        "-o".into(),
        target.clone(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("already exist: add --force to replace them"),
        "{err}"
    );
    let written = std::fs::read_to_string(out.join("care.json")).unwrap();
    let (code, _, err) = run(&[
        "--data".into(),
        mine.display().to_string(),
        "export".into(),
        "--format".into(),
        "json".into(),
        "-o".into(),
        target.clone(),
        "--force".into(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(out.join("care.json")).unwrap(), written);
    // A map cannot go to a folder.
    let (code, _, err) = run(&[
        "export".into(),
        "--format".into(),
        "dot".into(),
        "-o".into(),
        target,
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("only --format json (one file per pathway file) and --format csv write there"),
        "{err}"
    );
}

/// Every stage and transition of `back` is in `original` with the same fields (sources compared
/// by title, as ids may be renamed); with `whole`, nothing is missing either.
fn same_graph(original: &Pathways, back: &Pathways, whole: bool) {
    if whole {
        assert_eq!(back.stage_count(), original.stage_count());
        assert_eq!(back.transition_count(), original.transition_count());
    }
    let source_title = |p: &Pathways, file: usize, id: &str| {
        p.pathways()[file]
            .source(id)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| panic!("source {id} not declared"))
    };
    for (n, s) in back.stages() {
        let o = original.find(&s.id).unwrap_or_else(|| panic!("{} is new", s.id));
        let os = original.stage(o);
        let mut a = s.clone();
        let mut b = os.clone();
        let titles = |p: &Pathways, st: &pathways::domain::model::Stage| -> Vec<String> {
            st.sources
                .iter()
                .map(|id| source_title(p, st.pathway, id))
                .collect()
        };
        assert_eq!(titles(back, s), titles(original, os), "{}", s.id);
        if let (Some(wa), Some(wb)) = (&s.wage, &os.wage) {
            assert_eq!(
                source_title(back, s.pathway, &wa.source),
                source_title(original, os.pathway, &wb.source)
            );
        }
        for st in [&mut a, &mut b] {
            st.pathway = 0;
            st.at = 0;
            st.sources.clear();
            if let Some(w) = &mut st.wage {
                w.source.clear();
            }
        }
        assert_eq!(a, b, "stage {}", s.id);
        // Same transitions out, in the same order.
        let outs = |p: &Pathways, v| -> Vec<(String, String, String)> {
            p.outgoing(v)
                .iter()
                .map(|l| {
                    let t = l.transition;
                    let cited: Vec<String> = t
                        .sources()
                        .iter()
                        .map(|id| source_title(p, t.pathway, id))
                        .collect();
                    (
                        p.stage(l.other).id.clone(),
                        t.mode.to_string(),
                        format!(
                            "{:?} {:?} {:?} {:?} {cited:?}",
                            t.weeks,
                            t.cost_usd,
                            t.note(),
                            t.extra()
                        ),
                    )
                })
                .collect()
        };
        let back_out = outs(back, n);
        let orig_out: Vec<_> = outs(original, o)
            .into_iter()
            .filter(|(to, _, _)| whole || back.find(to).is_some())
            .collect();
        assert_eq!(back_out, orig_out, "transitions out of {}", s.id);
    }
}

#[test]
fn unknown_sectors_and_missing_formats_are_usage_errors() {
    let mut args = data_args();
    args.extend([
        "export".into(),
        "--format".into(),
        "dot".into(),
        "--sector".into(),
        "Space".into(),
    ]);
    let (code, out, err) = run(&args);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("unknown sector 'Space'"), "{err}");
    assert!(err.contains("'Adult education', 'Care'"), "{err}");
    let mut args = data_args();
    args.push("export".into());
    let (code, _, err) = run(&args);
    assert_eq!(code, 2);
    assert!(err.contains("--format dot"), "{err}");
    let mut args = data_args();
    args.extend(["export".into(), "--format".into(), "svg".into()]);
    assert_eq!(run(&args).0, 2);
}

#[test]
fn output_files_are_written_whole_and_name_their_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.mmd");
    std::fs::write(&path, "old").unwrap();
    // An existing file is kept unless --force says to replace it.
    let mut args = data_args();
    args.extend(["export".into(), "-o".into(), path.display().to_string()]);
    let (code, _, err) = run(&args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists: add --force to replace it"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    args.push("--force".into());
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.starts_with("flowchart LR\n"));
    assert_eq!(written, export(&["--format", "mermaid"]));
    // --format wins over the extension.
    let mut args = data_args();
    args.extend([
        "export".into(),
        "--format".into(),
        "json".into(),
        "--output".into(),
        path.display().to_string(),
        "--force".into(),
    ]);
    assert_eq!(run(&args).0, 0);
    assert!(std::fs::read_to_string(&path).unwrap().starts_with('{'));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
    let mut args = data_args();
    let missing = dir.path().join("no/such/dir/map.dot");
    args.extend(["export".into(), "-o".into(), missing.display().to_string()]);
    let (code, _, err) = run(&args);
    // A folder that does not exist is bad input (exit 2); 1 means findings.
    assert_eq!(code, 2);
    assert!(
        err.contains("could not write") && err.contains("does not exist"),
        "{err}"
    );
    // A device is never replaced, --force or not (issue 14, item 3).
    let mut args = data_args();
    args.extend([
        "export".into(),
        "--format".into(),
        "dot".into(),
        "-o".into(),
        "/dev/null".into(),
        "--force".into(),
    ]);
    let (code, _, err) = run(&args);
    assert_eq!(code, 1);
    assert!(err.contains("not a regular file"), "{err}");
    assert!(
        !std::fs::metadata("/dev/null").unwrap().is_file(),
        "/dev/null is still a device"
    );
}

// ---------------------------------------------------------------------------------------------
// A DOT grammar check (https://graphviz.org/doc/info/lang.html), so the test means something
// without Graphviz: tokens, statements, attribute lists, balanced braces, known attributes, and
// every edge end declared as a node.

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Id(String),
    Punct(&'static str),
}

fn tokens(text: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line_start = true;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line_start = true;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if line_start && c == '#' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        line_start = false;
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            if i + 1 >= chars.len() {
                return Err("unclosed comment".into());
            }
            i += 2;
            continue;
        }
        if c == '"' {
            let mut s = String::new();
            i += 1;
            loop {
                match chars.get(i) {
                    None => return Err("unclosed string".into()),
                    Some('"') => break,
                    Some('\\') if chars.get(i + 1) == Some(&'"') => {
                        s.push('"');
                        i += 2;
                    }
                    Some(&ch) => {
                        if ch.is_control() && ch != '\n' {
                            return Err(format!("control character {ch:?} in a string"));
                        }
                        s.push(ch);
                        i += 1;
                    }
                }
            }
            i += 1;
            out.push(Tok::Id(s));
            continue;
        }
        if c == '-' && matches!(chars.get(i + 1), Some('>') | Some('-')) {
            out.push(Tok::Punct(if chars[i + 1] == '>' { "->" } else { "--" }));
            i += 2;
            continue;
        }
        if let Some(p) = ["{", "}", "[", "]", "=", ";", ",", ":"]
            .iter()
            .find(|p| p.starts_with(c))
        {
            out.push(Tok::Punct(p));
            i += 1;
            continue;
        }
        if c.is_alphanumeric() || c == '_' || c == '.' || c == '-' {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '.') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let digits = word.strip_prefix('-').unwrap_or(&word);
            let numeral = digits.chars().any(|c| c.is_ascii_digit())
                && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
            let ident = word.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                && word.chars().all(|c| c.is_alphanumeric() || c == '_');
            if !numeral && !ident {
                return Err(format!("bad bare ID {word:?}"));
            }
            out.push(Tok::Id(word));
            continue;
        }
        return Err(format!("unexpected character {c:?}"));
    }
    Ok(out)
}

/// Attributes we allow ourselves to write: a typo here is a silent no-op in Graphviz.
const KNOWN_ATTRIBUTES: &[&str] = &[
    "rankdir",
    "newrank",
    "nodesep",
    "ranksep",
    "fontname",
    "fontsize",
    "label",
    "labelloc",
    "shape",
    "style",
    "fillcolor",
    "color",
    "penwidth",
    "peripheries",
    "tooltip",
    "arrowsize",
    "constraint",
    "rank",
];

struct Parser {
    toks: Vec<Tok>,
    at: usize,
    nodes: HashSet<String>,
    edge_ends: Vec<String>,
    directed: bool,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn next(&mut self) -> Result<Tok, String> {
        let t = self.toks.get(self.at).cloned().ok_or("unexpected end")?;
        self.at += 1;
        Ok(t)
    }

    fn punct(&mut self, p: &str) -> Result<(), String> {
        match self.next()? {
            Tok::Punct(q) if q == p => Ok(()),
            other => Err(format!("expected {p}, found {other:?} at token {}", self.at)),
        }
    }

    fn is(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Tok::Punct(q)) if *q == p)
    }

    fn id(&mut self) -> Result<String, String> {
        match self.next()? {
            Tok::Id(s) => Ok(s),
            other => Err(format!("expected an ID, found {other:?} at token {}", self.at)),
        }
    }

    fn keyword(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Tok::Id(s)) if s.eq_ignore_ascii_case(word))
    }

    fn graph(&mut self) -> Result<(), String> {
        if self.keyword("strict") {
            self.next()?;
        }
        let kind = self.id()?;
        self.directed = match kind.to_ascii_lowercase().as_str() {
            "digraph" => true,
            "graph" => false,
            _ => return Err(format!("expected graph or digraph, found {kind}")),
        };
        if !self.is("{") {
            self.id()?;
        }
        self.punct("{")?;
        self.stmt_list()?;
        self.punct("}")?;
        if self.at != self.toks.len() {
            return Err("text after the graph".into());
        }
        Ok(())
    }

    fn stmt_list(&mut self) -> Result<(), String> {
        while !self.is("}") {
            if self.peek().is_none() {
                return Err("unbalanced braces: the graph never closes".into());
            }
            self.stmt()?;
            if self.is(";") {
                self.next()?;
            }
        }
        Ok(())
    }

    fn attr_list(&mut self) -> Result<(), String> {
        while self.is("[") {
            self.next()?;
            while !self.is("]") {
                let name = self.id()?;
                if !KNOWN_ATTRIBUTES.contains(&name.as_str()) {
                    return Err(format!("unknown attribute {name}"));
                }
                self.punct("=")?;
                self.id()?;
                if self.is(",") || self.is(";") {
                    self.next()?;
                }
            }
            self.punct("]")?;
        }
        Ok(())
    }

    /// A node id or a subgraph; returns the node id.
    fn operand(&mut self) -> Result<Option<String>, String> {
        if self.is("{") || self.keyword("subgraph") {
            self.subgraph()?;
            return Ok(None);
        }
        let id = self.id()?;
        if self.is(":") {
            self.next()?;
            self.id()?;
            if self.is(":") {
                self.next()?;
                self.id()?;
            }
        }
        Ok(Some(id))
    }

    fn subgraph(&mut self) -> Result<(), String> {
        if self.keyword("subgraph") {
            self.next()?;
            if !self.is("{") {
                self.id()?;
            }
        }
        self.punct("{")?;
        self.stmt_list()?;
        self.punct("}")
    }

    fn stmt(&mut self) -> Result<(), String> {
        if self.keyword("graph") || self.keyword("node") || self.keyword("edge") {
            self.next()?;
            if !self.is("[") {
                return Err("attribute statement without [".into());
            }
            return self.attr_list();
        }
        // ID '=' ID
        if matches!(self.peek(), Some(Tok::Id(_)))
            && matches!(self.toks.get(self.at + 1), Some(Tok::Punct("=")))
        {
            let name = self.id()?;
            if !KNOWN_ATTRIBUTES.contains(&name.as_str()) {
                return Err(format!("unknown attribute {name}"));
            }
            self.next()?;
            self.id()?;
            return Ok(());
        }
        let first = self.operand()?;
        if self.is("->") || self.is("--") {
            let mut ends = vec![first];
            while self.is("->") || self.is("--") {
                let op = self.next()?;
                if (op == Tok::Punct("->")) != self.directed {
                    return Err("edge operator does not match the graph kind".into());
                }
                ends.push(self.operand()?);
            }
            self.edge_ends.extend(ends.into_iter().flatten());
            return self.attr_list();
        }
        if let Some(id) = first {
            self.nodes.insert(id);
        }
        self.attr_list()
    }
}

fn check_dot(text: &str) -> Result<(), String> {
    let toks = tokens(text)?;
    let opens = toks.iter().filter(|t| **t == Tok::Punct("{")).count();
    let closes = toks.iter().filter(|t| **t == Tok::Punct("}")).count();
    if opens != closes {
        return Err(format!("{opens} '{{' but {closes} '}}'"));
    }
    let mut p = Parser {
        toks,
        at: 0,
        nodes: HashSet::new(),
        edge_ends: Vec::new(),
        directed: true,
    };
    p.graph()?;
    for end in &p.edge_ends {
        if !p.nodes.contains(end) {
            return Err(format!("edge end {end:?} is not declared as a node"));
        }
    }
    Ok(())
}

#[test]
fn the_dot_check_catches_broken_dot() {
    assert!(check_dot("digraph g { a; b; a -> b [color=\"red\"]; }").is_ok());
    assert!(check_dot("digraph g { a -> b; }").is_err(), "undeclared ends");
    assert!(
        check_dot("digraph g { a; b; a -> b [colour=red]; }").is_err(),
        "unknown attribute"
    );
    assert!(
        check_dot("digraph g { a; b; a -- b; }").is_err(),
        "undirected edge in a digraph"
    );
    assert!(
        check_dot("digraph g { a; { rank=same; a; }").is_err(),
        "unbalanced"
    );
    assert!(
        check_dot("digraph g { a [label=\"x]; }").is_err(),
        "unclosed string"
    );
    assert!(check_dot("digraph g { a [label=x y]; }").is_err(), "two values");
    assert!(check_dot("digraph g { \"a\\\"b\"; }").is_ok(), "escaped quote");
    assert!(check_dot("digraph g { a-b; }").is_err(), "bare id with a dash");
}

// ---------------------------------------------------------------------------------------------
// Mermaid: what GitHub's renderer needs from us.

fn check_mermaid(text: &str) -> Result<(), String> {
    let mut lines = text.lines();
    if lines.next() != Some("flowchart LR") {
        return Err("must start with `flowchart LR`".into());
    }
    let id_ok = |id: &str| !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    let mut depth = 0usize;
    let mut links = 0usize;
    let mut styled: Vec<usize> = Vec::new();
    let mut nodes = HashSet::new();
    let mut linked = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        let l = line.trim();
        let fail = |why: &str| Err(format!("line {}: {why}: {line}", i + 1));
        if l.starts_with("%%") || l.starts_with("direction ") || l.starts_with("classDef ") {
            continue;
        }
        if l == "end" {
            if depth == 0 {
                return fail("end without subgraph");
            }
            depth -= 1;
            continue;
        }
        if let Some(rest) = l.strip_prefix("subgraph ") {
            let id = rest.split('[').next().unwrap_or("");
            if !id_ok(id) {
                return fail("bad subgraph id");
            }
            depth += 1;
            continue;
        }
        if let Some(rest) = l.strip_prefix("class ") {
            let (list, _) = rest.split_once(' ').ok_or("class without a name")?;
            if !list.split(',').all(|id| nodes.contains(id)) {
                return fail("class for an unknown node");
            }
            continue;
        }
        if let Some(rest) = l.strip_prefix("linkStyle ") {
            let (list, _) = rest.split_once(' ').ok_or("linkStyle without a style")?;
            for n in list.split(',') {
                styled.push(n.parse().map_err(|_| format!("line {}: bad index {n}", i + 1))?);
            }
            continue;
        }
        // Labels: quoted, no raw quote or angle bracket inside but our <br/>.
        for (k, part) in l.split('"').enumerate() {
            if k % 2 == 1 && (part.replace("<br/>", "").contains(['<', '>'])) {
                return fail("raw < or > in a label");
            }
        }
        if l.matches('"').count() % 2 != 0 {
            return fail("unbalanced quotes");
        }
        let unquoted: String = l.split('"').step_by(2).collect::<Vec<_>>().join("\"\"");
        if let Some(op) = ["==>", "-->"].iter().find(|op| unquoted.contains(**op)) {
            let (from, rest) = unquoted.split_once(op).unwrap();
            let to = rest.trim().trim_start_matches('|').trim_start_matches("\"\"");
            let to = to.trim_start_matches('|').trim();
            let (from, to) = (
                from.trim(),
                to.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .next()
                    .unwrap(),
            );
            if !id_ok(from) || !id_ok(to) {
                return fail("bad link ends");
            }
            linked.push(from.to_string());
            linked.push(to.to_string());
            links += 1;
            continue;
        }
        let id: String = l
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let shape = &l[id.len()..];
        let shaped = [(">\"", "\"]"), ("[[\"", "\"]]"), ("([\"", "\"])"), ("[\"", "\"]")]
            .iter()
            .any(|(open, close)| shape.starts_with(open) && shape.ends_with(close));
        if !id_ok(&id) || !shaped {
            return fail("not a node, link, subgraph, class or style");
        }
        if !nodes.insert(id) {
            return fail("node declared twice");
        }
    }
    if depth != 0 {
        return Err("a subgraph is not closed".into());
    }
    if let Some(unknown) = linked.iter().find(|id| !nodes.contains(*id)) {
        return Err(format!("link to undeclared node {unknown}"));
    }
    styled.sort_unstable();
    if styled != (0..links).collect::<Vec<_>>() {
        return Err(format!(
            "linkStyle covers {styled:?}, but there are {links} links"
        ));
    }
    Ok(())
}

#[test]
fn mermaid_ids_are_sanitized_and_distinct() {
    let mmd = export(&["--format", "mermaid"]);
    assert!(
        mmd.contains("s_nac_job([\"Nursing assistant<br/>first job<br/>job\"])"),
        "{mmd}"
    );
    // `end` as an id would close a subgraph: prefixed.
    assert!(mmd.contains("    s_end[[\""));
    assert!(mmd.contains("s_ibest_nac>\"I-BEST #quot;NAC#quot; #35;1<br/>"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clash.json");
    std::fs::write(
        &path,
        r#"{"format": "pathways/1", "pathway": {"id": "c", "title": "C", "sector": "C"},
 "stages": [{"id": "a-b", "title": "1", "kind": "education", "level": 0},
            {"id": "a_b", "title": "2", "kind": "education", "level": 0},
            {"id": "a.b", "title": "3", "kind": "education", "level": 1}],
 "transitions": [{"from": "a-b", "to": "a.b", "mode": "integrated"}, {"from": "a_b", "to": "a.b", "mode": "sequential"}]}"#,
    )
    .unwrap();
    let (code, mmd, err) = run(&[
        "--data".into(),
        path.display().to_string(),
        "export".into(),
        "--format".into(),
        "mermaid".into(),
    ]);
    assert_eq!(code, 0, "{err}");
    check_mermaid(&mmd).unwrap();
    assert!(mmd.contains("s_a_b ==> s_a_b_3"), "{mmd}");
    assert!(mmd.contains("s_a_b_2 --> s_a_b_3"), "{mmd}");
}

/// A title written as a Mermaid directive stays text, in labels and in the header comment
/// (issue 14, item 14).
#[test]
fn mermaid_directives_in_data_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("d.json");
    std::fs::write(
        &file,
        r#"{"format": "pathways/1",
 "pathway": {"id": "d", "title": "%%{init: {'theme': 'dark'}}%% P", "sector": "S"},
 "stages": [
  {"id": "a", "title": "%%{init: {'securityLevel': 'loose'}}%%", "kind": "education", "level": 0, "entry": ["any"]},
  {"id": "j", "title": "Job", "kind": "employment", "level": 1}],
 "transitions": [{"from": "a", "to": "j", "mode": "sequential"}]}"#,
    )
    .unwrap();
    let args: Vec<String> = ["--data", file.to_str().unwrap(), "export", "--format", "mermaid"]
        .iter()
        .map(|s| (*s).to_string())
        .collect();
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("%%{"), "{out}");
    assert!(out.contains("#37;#37;{init"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// CSV for spreadsheets: `export --format csv -o DIR/` and `--data DIR` (README, "Spreadsheets").

/// Exports `args` as CSV into a new folder `out` of a temporary folder.
fn export_csv(data: &[String], extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut args = data.to_vec();
    args.extend(["export".into(), "--format".into(), "csv".into()]);
    args.extend(extra.iter().map(|s| (*s).to_string()));
    args.extend(["-o".into(), format!("{}/", out.display())]);
    let (code, stdout, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.is_empty());
    (dir, out)
}

fn load_folder(dir: &Path) -> Pathways {
    pathways::cli::load_data(&[dir.to_path_buf()])
        .unwrap_or_else(|e| panic!("{} does not load: {e}", dir.display()))
        .pathways
}

/// The same stages, transitions (each in file order, with its ends) and findings.
fn same_load(json: &Pathways, csv: &Pathways, what: &str) {
    let stages = |p: &Pathways| p.stages().map(|(_, s)| s.clone()).collect::<Vec<_>>();
    assert_eq!(stages(csv), stages(json), "{what}: stages");
    let transitions = |p: &Pathways| {
        p.graph()
            .edge_indices()
            .map(|e| {
                let (from, to) = p.ends(e).unwrap();
                (
                    p.stage(from).id.clone(),
                    p.stage(to).id.clone(),
                    p.transition(e).clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(transitions(csv), transitions(json), "{what}: transitions");
    // The exported file is the last loaded (alone, or after the shipped files it stands beside).
    let meta = |p: &Pathways| {
        let m = p.pathways().last().unwrap();
        (
            m.id.clone(),
            m.title.clone(),
            m.sector.clone(),
            m.region.clone(),
            m.sources.clone(),
            m.explain.clone(),
        )
    };
    assert_eq!(meta(csv), meta(json), "{what}: pathway");
    let options = pathways::domain::audit::Options::default();
    let findings = |p: &Pathways| pathways::domain::audit::audit(p, &options);
    assert_eq!(findings(csv), findings(json), "{what}: findings");
}

#[test]
fn csv_of_every_shipped_sector_round_trips() {
    let original = load(&shipped::inputs()).expect("loads").pathways;
    let mut sectors: Vec<Option<String>> = original.sectors().iter().map(|s| Some(s.to_string())).collect();
    sectors.push(None);
    for sector in sectors {
        let mut extra = Vec::new();
        if let Some(s) = &sector {
            extra.extend(["--sector", s.as_str()]);
        }
        let (_dir, out) = export_csv(&[], &extra);
        // A sector's export names the stages of other sectors it links to: it loads beside the
        // shipped files, in the place of its own (a user's file replaces the shipped one).
        let beside = |mine: Vec<Input>| -> Vec<Input> {
            let mut inputs = if sector.is_some() {
                shipped::inputs()
            } else {
                Vec::new()
            };
            inputs.extend(mine);
            inputs
        };
        let csv_inputs: Vec<Input> = [
            "pathway.csv",
            "sources.csv",
            "conditions.csv",
            "stages.csv",
            "transitions.csv",
        ]
        .iter()
        .map(|f| file_input(&out.join(f)))
        .collect();
        let back = load(&beside(csv_inputs)).expect("the CSV export loads").pathways;
        // (A sector's, beside the shipped files, is compared with the original by the JSON tests.)
        if sector.is_none() {
            same_graph(&original, &back, true);
        }
        // Exactly what the JSON export of the same selection loads to.
        let mut args = vec!["export".to_string(), "--format".into(), "json".into()];
        args.extend(extra.iter().map(|s| (*s).to_string()));
        let (code, text, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        let json = load(&beside(vec![text_input("export.json", &text)]))
            .expect("the JSON export loads")
            .pathways;
        same_load(&json, &back, &format!("{sector:?}"));
        // Exporting the loaded folder again writes the same files.
        let data = if sector.is_some() {
            vec![
                "--with-shipped".into(),
                "--data".into(),
                out.display().to_string(),
            ]
        } else {
            vec!["--data".into(), out.display().to_string()]
        };
        let (_again_dir, again) = export_csv(&data, &extra);
        for part in [
            "pathway.csv",
            "sources.csv",
            "conditions.csv",
            "stages.csv",
            "transitions.csv",
        ] {
            let read = |d: &Path| std::fs::read_to_string(d.join(part)).unwrap();
            assert_eq!(read(&again), read(&out), "{sector:?}: {part} not stable");
            assert!(
                read(&out).starts_with('\u{feff}'),
                "{part}: Excel needs the byte-order mark"
            );
        }
    }
}

#[test]
fn csv_keeps_the_fixtures_own_fields_and_refuses_to_overwrite() {
    let (_dir, out) = export_csv(&data_args(), &["--sector", "care"]);
    let stages = std::fs::read_to_string(out.join("stages.csv")).unwrap();
    let header = stages.lines().next().unwrap();
    assert!(header.ends_with(",x-color"), "{header}");
    assert!(
        std::fs::read_to_string(out.join("pathway.csv"))
            .unwrap()
            .contains("\nx-owner,\"{\"\"team\"\":\"\"pathways\"\"}\"\n")
    );
    // Care links from the shared classes: it loads beside their file.
    let back = pathways::cli::load_data(&[fixtures().join("shared.json"), out.clone()])
        .expect("the care folder loads beside the shared file")
        .pathways;
    let nac = back.stage(back.find("ibest-nac").unwrap());
    assert_eq!(
        nac.extra().and_then(|e| e.get("x-color")),
        Some(&serde_json::json!("teal"))
    );
    assert_eq!(
        back.pathways()[1].extra.get("x-owner"),
        Some(&serde_json::json!({"team": "pathways"}))
    );
    // An existing export is kept unless --force says to replace it, all five files.
    let mut args = data_args();
    args.extend([
        "export".into(),
        "--format".into(),
        "csv".into(),
        "--sector".into(),
        "care".into(),
        "-o".into(),
        out.display().to_string(),
    ]);
    std::fs::write(out.join("stages.csv"), "mine").unwrap();
    let (code, _, err) = run(&args);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("stages.csv") && err.contains("add --force"), "{err}");
    assert_eq!(std::fs::read_to_string(out.join("stages.csv")).unwrap(), "mine");
    args.push("--force".into());
    assert_eq!(run(&args).0, 0);
    assert_eq!(std::fs::read_to_string(out.join("stages.csv")).unwrap(), stages);
    // Without -o there is no folder to write in; a file is not one.
    let mut args = data_args();
    args.extend(["export".into(), "--format".into(), "csv".into()]);
    let (code, _, err) = run(&args);
    assert_eq!(code, 2);
    assert!(err.contains("give it with -o DIR/"), "{err}");
    args.extend(["-o".into(), out.join("stages.csv").display().to_string()]);
    let (code, _, err) = run(&args);
    assert_eq!(code, 2);
    assert!(err.contains("is a file"), "{err}");
}

/// A folder of CSV files for the tests below: `(name, text)`.
fn csv_folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// `check --data DIR`: the exit code and the standard error's lines, with the folder's path cut.
fn check_folder(dir: &Path, extra: &[&str]) -> (i32, String, Vec<String>) {
    let mut args = vec!["check".to_string(), "--data".into(), dir.display().to_string()];
    args.extend(extra.iter().map(|s| (*s).to_string()));
    let (code, out, err) = run(&args);
    let prefix = format!("{}/", dir.display());
    let lines = err.lines().map(|l| l.replace(&prefix, "")).collect();
    (code, out.replace(&prefix, ""), lines)
}

const CSV_STAGES: &str = "id,title,kind,level,entry,weeks,sources\n\
                          esl,ESL 3,education,0,ESL 3-3,,\n\
                          nac,NA-C,training,2,,11,sc\n\
                          job,Nursing assistant,employment,2,,,\n";
const CSV_TRANSITIONS: &str = "from,to,mode\nesl,nac,integrated\nnac,job,sequential\n";
const CSV_SOURCES: &str = "id,title,year\nsc,Seattle Central College,2025\n";

#[test]
fn csv_load_errors_name_file_row_and_column() {
    let cases: [(&str, &str, &str); 8] = [
        (
            "stages.csv",
            &CSV_STAGES.replace("2,,11,sc", "2,,ten,sc"),
            "stages.csv:3:6: weeks: expected a number, found the string \"ten\"",
        ),
        (
            "stages.csv",
            &CSV_STAGES.replace("education", "school"),
            "stages.csv:2:3: kind: unknown kind \"school\": expected education, training, work-based or employment",
        ),
        (
            "stages.csv",
            &CSV_STAGES.replace("NA-C,training", "NA-C, training,x"),
            "stages.csv:3:8: 8 cells, but the header row names 7 columns (a cell holding a comma must be in quotes)",
        ),
        (
            "stages.csv",
            &CSV_STAGES.replace("Nursing assistant", "\"Nursing assistant"),
            "stages.csv:4:2: a quoted cell is never closed: add the closing quote (\")",
        ),
        (
            "stages.csv",
            &CSV_STAGES.replace("ESL 3,education", "\"ESL\" 3,education"),
            "stages.csv:2:2: text after the closing quote of a quoted cell: put the whole cell in quotes, and double each quote inside it (\"\")",
        ),
        (
            "stages.csv",
            &CSV_STAGES.replace("id,title,kind,level", "id,title,kind,lvl"),
            "stages.csv:1:1: missing required column \"level\": the first row names the columns, and every file of this kind needs id, title, kind, level",
        ),
        (
            "transitions.csv",
            &CSV_TRANSITIONS.replace("nac,job,sequential", "nac,job,"),
            "transitions.csv:3:3: mode: required, but this cell is empty",
        ),
        (
            "sources.csv",
            &CSV_SOURCES.replace(",2025", ",twenty"),
            "sources.csv:2:3: year: expected a whole number from 1900 to 2100, found the string \"twenty\"",
        ),
    ];
    for (name, text, want) in cases {
        let mut files = vec![
            ("stages.csv", CSV_STAGES),
            ("transitions.csv", CSV_TRANSITIONS),
            ("sources.csv", CSV_SOURCES),
        ];
        files.retain(|(n, _)| *n != name);
        files.push((name, text));
        let dir = csv_folder(&files);
        let (code, _, lines) = check_folder(dir.path(), &[]);
        assert_eq!(code, 2, "{want}");
        assert_eq!(lines, [want], "{name}:\n{text}");
    }
    // The good folder passes, and one of the two files alone names the other.
    let dir = csv_folder(&[
        ("stages.csv", CSV_STAGES),
        ("transitions.csv", CSV_TRANSITIONS),
        ("sources.csv", CSV_SOURCES),
    ]);
    let (code, _, lines) = check_folder(dir.path(), &[]);
    assert_eq!(code, 0, "{lines:?}");
    std::fs::remove_file(dir.path().join("transitions.csv")).unwrap();
    let (code, _, lines) = check_folder(dir.path(), &[]);
    assert_eq!(code, 2);
    assert_eq!(
        lines,
        [
            "transitions.csv: missing: a CSV pathway is a folder with both stages.csv and transitions.csv, \
          and this one has sources.csv, stages.csv without it"
        ]
    );
    // --json lists them as load errors with their file, row and column.
    std::fs::write(
        dir.path().join("transitions.csv"),
        CSV_TRANSITIONS.replace("integrated", "parallel"),
    )
    .unwrap();
    let (code, out, _) = check_folder(dir.path(), &["--json"]);
    assert_eq!(code, 2);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let e = &doc["findings"][0];
    assert_eq!(
        (&e["code"], &e["file"], &e["line"], &e["column"], &e["pointer"]),
        (
            &"load-error".into(),
            &"transitions.csv".into(),
            &2.into(),
            &3.into(),
            &"mode".into()
        )
    );
}

#[test]
fn csv_cells_hold_lists_quotes_commas_line_breaks_and_a_byte_order_mark() {
    let stages = "\u{feff}id,title,kind,level,entry,services,note,tags,explain.long-stretch,Weeks,x-owner\n\
                  esl,ESL 3,education,0,ESL 3-3; ABE 2 ;,\"Childcare; bus pass, \"\"free\"\"\",\"Two\nlines, one row\",a\\;b;c,,,me\n\
                  nac,\"NA-C, I-BEST\",training,2,,,,,Taught with English,12,\n\
                  job,Nursing assistant,employment,2,,,,,,,\n";
    let dir = csv_folder(&[("stages.csv", stages), ("transitions.csv", CSV_TRANSITIONS)]);
    let p = load_folder(dir.path());
    let esl = p.stage(p.find("esl").unwrap());
    let entry: Vec<String> = esl.entry.iter().map(ToString::to_string).collect();
    assert_eq!(entry, ["ESL 3-3", "ABE 2"]);
    assert_eq!(esl.services(), ["Childcare", "bus pass, \"free\""]);
    assert_eq!(esl.note(), Some("Two\nlines, one row"));
    assert_eq!(esl.tags(), ["a;b", "c"]);
    assert_eq!(
        esl.extra().and_then(|e| e.get("x-owner")),
        Some(&serde_json::json!("me"))
    );
    let nac = p.stage(p.find("nac").unwrap());
    assert_eq!(nac.title, "NA-C, I-BEST");
    assert_eq!(
        nac.explain(),
        [("long-stretch".to_string(), "Taught with English".to_string())]
    );
    // The misspelt column is kept and warned about where it is; `x-owner` is silent.
    let (code, out, _) = check_folder(dir.path(), &["--json"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let unknown: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "unknown-field")
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    let f = unknown[0];
    assert_eq!(
        (&f["stage"], &f["file"], &f["line"], &f["column"]),
        (&"nac".into(), &"stages.csv".into(), &3.into(), &10.into())
    );
    assert!(
        f["fix"].as_str().unwrap().contains("\"Weeks\" to \"weeks\""),
        "{f}"
    );
    // The row numbers are a spreadsheet's: the quoted line break stays in row 2.
    let missing = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "missing-data" && f["stage"] == "nac")
        .expect("nac has no weeks");
    assert_eq!(
        (&missing["file"], &missing["line"]),
        (&"stages.csv".into(), &3.into())
    );
}

#[test]
fn csv_pathways_are_found_in_folders_and_by_any_of_their_files() {
    let top = tempfile::tempdir().unwrap();
    let care = top.path().join("care");
    std::fs::create_dir(&care).unwrap();
    for (name, text) in [
        ("Stages.CSV", CSV_STAGES),
        ("transitions.csv", CSV_TRANSITIONS),
        ("sources.csv", CSV_SOURCES),
        ("notes.csv", "not,a,part\n"),
    ] {
        std::fs::write(care.join(name), text).unwrap();
    }
    // A folder of JSON files and CSV folders, the CSV folder itself, and one of its files.
    std::fs::write(
        top.path().join("more.json"),
        r#"{"format": "pathways/1", "pathway": {"id": "more", "title": "More", "sector": "More"},
            "stages": [{"id": "x", "title": "X", "kind": "employment", "level": 2}],
            "transitions": [{"from": "nac", "to": "x", "mode": "sequential"}]}"#,
    )
    .unwrap();
    for (path, stages) in [
        (top.path().to_path_buf(), 4),
        (care.clone(), 3),
        (care.join("transitions.csv"), 3),
    ] {
        let (code, out, err) = run(&["--data".into(), path.display().to_string(), "summary".into()]);
        assert_eq!(code, 0, "{}: {err}", path.display());
        assert!(
            out.contains(&format!(", {stages} stages,")),
            "{}: {out}",
            path.display()
        );
        if path.is_dir() {
            assert!(err.contains("not .json") && err.contains("notes.csv"), "{err}");
        }
    }
    // `check --only` takes the folder, or one of its CSV files, for the CSV pathway.
    for only in [care.clone(), care.join("Stages.CSV")] {
        let (code, _, err) = run(&[
            "--data".into(),
            top.path().display().to_string(),
            "check".into(),
            "--only".into(),
            only.display().to_string(),
        ]);
        assert_ne!(code, 2, "{}: {err}", only.display());
    }
}

// CTDL: the real documents in `../shared/ctdl/` (not copied into the project: no licence), each
// imported and compared with the import it must give. `.ci/run` runs this when the folder is
// there; it fails, not skips, when run without it.

/// Stage ids and edges of a loaded graph, as sets.
fn ids_and_edges(p: &Pathways) -> (HashSet<String>, HashSet<(String, String)>) {
    let ids = p.stages().map(|(_, s)| s.id.clone()).collect();
    let g = p.graph();
    let edges = g
        .edge_indices()
        .filter_map(|e| g.edge_endpoints(e))
        .map(|(a, b)| (g[a].id.clone(), g[b].id.clone()))
        .collect();
    (ids, edges)
}

#[test]
#[ignore = "needs ../shared/ctdl beside the checkout: run by .ci/run with --ignored"]
fn shared_ctdl_documents_import_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/ctdl");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("../shared/ctdl is there") {
        let path = entry.expect("entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".expected.json") || !(name.ends_with(".json") || name.ends_with(".jsonld")) {
            continue;
        }
        let expected_path = dir.join(format!("{name}.expected.json"));
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            continue; // the progression model has no oracle
        };
        let expected: serde_json::Value = serde_json::from_str(&expected).expect("oracle is JSON");
        checked += 1;
        let shown = path.display().to_string();
        if expected.get("error").is_some() {
            let (code, _, err) = run(&["--data".into(), shown.clone(), "summary".into()]);
            assert_eq!(code, 2, "{name} must fail to load: {err}");
            assert!(err.contains(&shown), "{name}: the message names the file: {err}");
            continue;
        }
        let loaded = load(&[file_input(&path)]).unwrap_or_else(|e| panic!("{name}: {:?}", e.errors));
        let (ids, edges) = ids_and_edges(&loaded.pathways);
        let want_ids: HashSet<String> = expected["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_string())
            .collect();
        let want_edges: HashSet<(String, String)> = expected["transitions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["from"].as_str().unwrap().to_string(),
                    t["to"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let missing: Vec<_> = want_ids.difference(&ids).collect();
        let extra: Vec<_> = ids.difference(&want_ids).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: stages missing {missing:?}, extra {extra:?}"
        );
        let missing: Vec<_> = want_edges.difference(&edges).collect();
        let extra: Vec<_> = edges.difference(&want_edges).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{name}: edges missing {missing:?}, extra {extra:?}"
        );
        let destination = expected["destination"].as_str().unwrap();
        let marked: Vec<&str> = loaded
            .pathways
            .stages()
            .filter(|(_, s)| s.extra().is_some_and(|x| x.get("x-ctdl-destination").is_some()))
            .map(|(_, s)| s.id.as_str())
            .collect();
        assert_eq!(marked, [destination], "{name}: the destination");
    }
    assert!(
        checked >= 6,
        "only {checked} documents with an oracle in {}",
        dir.display()
    );
}

/// What a CTDL round trip must keep: each stage as (CTID, title, kind, level) and each
/// transition as (CTID, CTID, mode), with ids mapped to CTIDs as the export mints them.
type Shape = (
    std::collections::BTreeSet<(String, String, String, u8)>,
    std::collections::BTreeSet<(String, String, String)>,
);

fn shape(p: &Pathways, ids: &dyn Fn(&str) -> String) -> Shape {
    let stages = p
        .stages()
        .map(|(_, s)| (ids(&s.id), s.title.clone(), s.kind.to_string(), s.level))
        .collect();
    let transitions = p
        .graph()
        .edge_indices()
        .map(|e| {
            let (a, b) = p.ends(e).unwrap();
            (
                ids(&p.stage(a).id),
                ids(&p.stage(b).id),
                p.transition(e).mode.to_string(),
            )
        })
        .collect();
    (stages, transitions)
}

/// The stages and transitions of `p` that `sector`'s export holds, exported to CTDL and loaded
/// back: (what was exported, what came back).
fn ctdl_round_trip(p: &Pathways, sector: Option<&str>) -> (Shape, Shape, String) {
    use pathways::cli::export::ctdl::ctid_of;
    let text = pathways::cli::export::ctdl_document(p, sector).expect("exports");
    let back = load(&[Input {
        name: "export.jsonld".into(),
        bytes: text.clone().into_bytes(),
        origin: Origin::User,
    }])
    .unwrap_or_else(|e| panic!("the CTDL export does not load: {e}\n{text}"))
    .pathways;
    let (stages, transitions) = shape(p, &|id| ctid_of(id));
    // What the export must hold, decided from the source, not from what came back: the sector's
    // stages and those of other sectors a transition joins to them (everything for none).
    let chosen: HashSet<String> = match sector {
        Some(s) => pathways::domain::layout::sector(p, s, true)
            .into_iter()
            .map(|n| ctid_of(&p.stage(n).id))
            .collect(),
        None => stages.iter().map(|s| s.0.clone()).collect(),
    };
    let stages: std::collections::BTreeSet<_> =
        stages.into_iter().filter(|s| chosen.contains(&s.0)).collect();
    let transitions = transitions
        .into_iter()
        .filter(|t| chosen.contains(&t.0) && chosen.contains(&t.1))
        .collect();
    ((stages, transitions), shape(&back, &|id| id.to_string()), text)
}

/// Every key of the document is a JSON-LD keyword, a term of the namespaces CTDL documents use
/// (`ceterms:`, `ceasn:`, `asn:`, `skos:`, `dcterms:`) or the one extension term for integrated
/// transitions.
fn only_ctdl_terms(v: &serde_json::Value, bad: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                let ok = k.starts_with('@')
                    || ["ceterms:", "ceasn:", "asn:", "skos:", "dcterms:"]
                        .iter()
                        .any(|p| k.starts_with(p))
                    || ["pw:integrated", "pw:from", "pw:to", "pw", "en-US"].contains(&k.as_str());
                if !ok {
                    bad.push(k.clone());
                }
                only_ctdl_terms(v, bad);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| only_ctdl_terms(i, bad)),
        _ => {}
    }
}

/// `pathways/1 -> ctdl -> pathways/1` on every shipped sector gives the same stages (id as its
/// CTID, title, kind, level) and transitions (modes included, through the extension term).
#[test]
fn ctdl_export_of_every_shipped_sector_loads_back_to_the_same_stages_and_transitions() {
    let p = load(&shipped::inputs()).expect("shipped").pathways;
    for sector in p.sectors() {
        let (want, got, text) = ctdl_round_trip(&p, Some(sector));
        assert!(!want.0.is_empty(), "{sector}");
        assert_eq!(got.0, want.0, "{sector}: stages");
        assert_eq!(got.1, want.1, "{sector}: transitions");
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut bad = Vec::new();
        only_ctdl_terms(&doc, &mut bad);
        assert!(bad.is_empty(), "{sector}: not CTDL terms: {bad:?}");
        // Every condition the export writes can be met; a sector with jobs ends at one of them,
        // which leads nowhere (the shared foundations lead on into every sector, and say so).
        let back = load(&[Input {
            name: "x.jsonld".into(),
            bytes: text.into_bytes(),
            origin: Origin::User,
        }])
        .unwrap()
        .pathways;
        use pathways::domain::audit::Code;
        let findings = pathways::domain::audit::audit(&back, &Default::default());
        let has_jobs = back
            .stages()
            .any(|(n, s)| s.is_employment() && back.pathway_of(n).sector == back.pathways()[0].sector);
        assert!(
            !findings.iter().any(|f| f.code == Code::UnsatisfiableCondition
                || (has_jobs && f.code == Code::DestinationNotSink)),
            "{sector}: {findings:#?}"
        );
    }
    // More than one sector loaded and none chosen: one line saying to choose.
    let err = pathways::cli::export::ctdl_document(&p, None).unwrap_err();
    assert!(
        err.message.contains("choose a sector with --sector"),
        "{}",
        err.message
    );
}

mod ctdl_property {
    use super::*;
    use proptest::prelude::*;

    /// A `pathways/1` file of `kinds.len()` stages and the given transitions (self-loops and
    /// repeats dropped).
    fn document(kinds: &[(u8, u8)], edges: &[(usize, usize, bool)]) -> String {
        const KINDS: [&str; 4] = ["education", "training", "work-based", "employment"];
        let stages: Vec<serde_json::Value> = kinds
            .iter()
            .enumerate()
            .map(|(i, &(kind, level))| {
                let mut s = serde_json::json!({
                    "id": format!("s{i}"), "title": format!("Stage {i}"),
                    "kind": KINDS[usize::from(kind)], "level": level,
                });
                if i == 0 {
                    s["entry"] = serde_json::json!(["ESL 3"]);
                }
                if kind == 1 && i % 2 == 0 {
                    s["credential"] = serde_json::json!(format!("Certificate {i}"));
                }
                s
            })
            .collect();
        let mut seen = HashSet::new();
        let transitions: Vec<serde_json::Value> = edges
            .iter()
            .filter(|(a, b, _)| a != b && seen.insert((*a, *b)))
            .map(|&(a, b, integrated)| {
                serde_json::json!({"from": format!("s{a}"), "to": format!("s{b}"),
                    "mode": if integrated { "integrated" } else { "sequential" }})
            })
            .collect();
        serde_json::json!({"format": "pathways/1",
            "pathway": {"id": "g", "title": "G", "sector": "G"},
            "stages": stages, "transitions": transitions})
        .to_string()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            if std::env::var_os("PATHWAYS_LONG_TESTS").is_some() { 2000 } else { 48 }
        ))]
        /// Any graph, cycles and stages without transitions included, comes back the same.
        #[test]
        fn random_graphs_survive_a_ctdl_round_trip(
            (kinds, edges) in (1usize..14).prop_flat_map(|n| (
                proptest::collection::vec((0u8..4, 0u8..10), n),
                proptest::collection::vec((0..n, 0..n, any::<bool>()), 0..(n * 3)),
            ))
        ) {
            let text = document(&kinds, &edges);
            let p = load(&[Input { name: "g.json".into(), bytes: text.into_bytes(), origin: Origin::User }])
                .expect("the generated file loads")
                .pathways;
            let (want, got, _) = ctdl_round_trip(&p, None);
            prop_assert_eq!(&got.0, &want.0);
            prop_assert_eq!(&got.1, &want.1);
            prop_assert_eq!(want.0.len(), kinds.len());
        }
    }
}
