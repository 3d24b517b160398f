//! Hostile and broken input: escape sequences in data, huge and deep files, bad folders.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{stderr, stdout};

/// The binary with the environment as given (no `NO_COLOR`): hostile text must come out clean
/// whatever the colour setting.
fn pathways(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pathways"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// A pathway whose texts carry ESC sequences, OSC 52 (clipboard), CR, BS and U+202E.
const NASTY: &str = r#"{"format": "pathways/1",
 "pathway": {"id": "evil", "title": "Evil\u001b[2J", "sector": "Evil\u001b]52;c;aGVsbG8=\u0007 sector"},
 "stages": [
  {"id": "start", "title": "Start\u001b[31m red\r\u0008 here", "kind": "education", "level": 0, "entry": ["any"],
   "description": "Read \u202Eth\u0000is", "credential": "Cred\u001bP", "services": ["care\u009b"]},
  {"id": "job", "title": "Job \u202Egnp.exe", "kind": "employment", "level": 2, "note": "n\u001b[1Ao"}],
 "transitions": [{"from": "start", "to": "job", "mode": "sequential", "note": "t\u001b[5m"}]}"#;

fn assert_no_control_bytes(text: &str, what: &str) {
    for (i, c) in text.chars().enumerate() {
        let bad = (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}');
        assert!(
            !bad,
            "{what}: character {c:?} at {i} reached the terminal:\n{text:?}"
        );
    }
}

fn nasty_file(dir: &Path) -> String {
    let path = dir.join("nasty.json");
    std::fs::write(&path, NASTY).expect("write");
    path.display().to_string()
}

#[test]
fn text_output_never_carries_control_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = nasty_file(dir.path());
    for args in [
        vec!["--data", &file, "show", "start"],
        vec!["--data", &file, "show", "job"],
        vec!["--data", &file, "search", "start"],
        vec!["--data", &file, "summary"],
        vec!["--data", &file, "check"],
    ] {
        let o = pathways(&args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_no_control_bytes(&stdout(&o), &format!("{args:?} stdout"));
        assert_no_control_bytes(&stderr(&o), &format!("{args:?} stderr"));
    }
    // The text is still there, only neutralised.
    let o = pathways(&["--data", &file, "show", "start"]);
    assert!(
        stdout(&o).contains("Start\u{FFFD}[31m red\u{FFFD}\u{FFFD} here"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn json_output_escapes_control_characters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = nasty_file(dir.path());
    let o = pathways(&["--data", &file, "show", "start", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\r') && !text.contains('\u{8}'),
        "{text:?}"
    );
    let v: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(
        v["stage"]["title"], "Start\u{1b}[31m red\r\u{8} here",
        "data survives intact in JSON"
    );
    // C1 controls and bidirectional overrides are escaped too, in every JSON output (issue 14,
    // item 13): the description's U+202E and the service's U+009B.
    assert!(!text.contains('\u{202E}') && !text.contains('\u{9b}'), "{text:?}");
    assert!(text.contains("\\u202e") && text.contains("\\u009b"), "{text}");
    assert_eq!(v["stage"]["description"], "Read \u{202E}th\u{0}is");
    let o = pathways(&["--data", &file, "export", "--format", "json"]);
    let exported = stdout(&o);
    assert!(
        !exported.contains('\u{202E}') && !exported.contains('\u{9b}'),
        "{exported:?}"
    );
}

#[test]
fn load_errors_about_nasty_ids_are_clean_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.json");
    std::fs::write(&path, NASTY.replace(r#""to": "job""#, r#""to": "jo\u001b[2Jb""#)).expect("write");
    let o = pathways(&["--data", &path.display().to_string(), "check"]);
    assert_eq!(o.status.code(), Some(2));
    // An id with an escape in it is refused as such (it could name no stage anyway).
    assert!(
        stderr(&o).contains("has a line break or control character: ids are plain text"),
        "{}",
        stderr(&o)
    );
    assert_no_control_bytes(&stderr(&o), "stderr");
}

#[test]
fn oversized_files_are_refused_with_their_size_and_the_flag() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.json");
    let text = pathways(&["gen", "--stages", "8000"]);
    std::fs::write(&path, &text.stdout).expect("write");
    let size_mib = text.stdout.len().div_ceil(1024 * 1024);
    assert!(size_mib >= 2, "{size_mib}");
    let p = path.display().to_string();
    let o = pathways(&["--data", &p, "--max-file-size", "1", "check"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains(&format!("the file is {size_mib} MiB, over the 1 MiB limit")),
        "{e}"
    );
    assert!(e.contains(&format!("--max-file-size {size_mib}")), "{e}");
    // Raised, it loads (synthetic data has audit findings, so ask for the summary).
    let o = pathways(&["--data", &p, "--max-file-size", "64", "summary"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The files together have a limit as well as each one: memory grows with all of them
/// (issue 14, item 8).
#[test]
fn all_files_together_have_a_size_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Three files of 600 KiB each: each under 1 MiB, together over it.
    let mut args = Vec::new();
    for i in 0..3 {
        let path = dir.path().join(format!("g{i}.json"));
        let text = format!(
            r#"{{"format": "pathways/1", "pathway": {{"id": "p{i}", "title": "P", "sector": "S{i}"}},
 "stages": [{{"id": "a{i}", "title": "A", "kind": "education", "level": 0, "entry": ["any"],
   "description": "{}"}}, {{"id": "j{i}", "title": "J", "kind": "employment", "level": 1}}],
 "transitions": [{{"from": "a{i}", "to": "j{i}", "mode": "sequential"}}]}}"#,
            "x".repeat(600 * 1024)
        );
        std::fs::write(&path, text).expect("write");
        args.extend(["--data".to_string(), path.display().to_string()]);
    }
    let run = |extra: &[&str]| {
        let mut all: Vec<&str> = args.iter().map(String::as_str).collect();
        all.extend(extra);
        pathways(&all)
    };
    let o = run(&["--max-file-size", "1", "--max-total-size", "1", "summary"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(
        e.contains("the 3 files come to 2 MiB, over the 1 MiB limit for all data together"),
        "{e}"
    );
    assert!(e.contains("raise it with --max-total-size 2"), "{e}");
    let o = run(&["--max-file-size", "1", "--max-total-size", "2", "summary"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("3 pathway files, 6 stages"), "{}", stdout(&o));
    let o = run(&["--max-total-size", "0", "summary"]);
    assert_eq!(o.status.code(), Some(2), "a limit of nothing is refused");
}

#[test]
fn too_many_stages_or_transitions_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("g.json");
    std::fs::write(&path, pathways(&["gen", "--stages", "300"]).stdout).expect("write");
    let p = path.display().to_string();
    let o = pathways(&["--data", &p, "--max-stages", "100", "check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("more than 100 stages in all"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("--max-stages"));
    let o = pathways(&["--data", &p, "--max-transitions", "10", "check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("more than 10 transitions in all"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn over_deep_files_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("deep.json");
    let deep = format!(
        "{{\"format\": \"pathways/1\", \"x\": {}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    std::fs::write(&path, deep).expect("write");
    let o = pathways(&["--data", &path.display().to_string(), "check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nesting too deep"), "{}", stderr(&o));
}

#[cfg(unix)]
fn bad_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::create_dir(d.join("sub")).expect("mkdir");
    std::fs::write(
        d.join("sub/good.json"),
        r#"{"format": "pathways/1", "pathway": {"id": "g", "title": "G", "sector": "G"},
 "stages": [{"id": "a", "title": "A", "kind": "education", "level": 0, "entry": ["any"]},
            {"id": "b", "title": "B", "kind": "employment", "level": 2}],
 "transitions": [{"from": "a", "to": "b", "mode": "sequential"}]}"#,
    )
    .expect("write");
    // A link from inside the folder back to the folder itself.
    std::os::unix::fs::symlink(d, d.join("sub/loop")).expect("symlink");
    // A file that cannot be read: a link to nothing (root reads any file, so no chmod trick).
    std::os::unix::fs::symlink(d.join("missing.json"), d.join("gone.json")).expect("symlink");
    std::fs::write(d.join("notes.txt"), "not data").expect("write");
    dir
}

#[cfg(unix)]
#[test]
fn a_bad_folder_reports_the_loop_the_unreadable_file_and_the_skipped_file() {
    let dir = bad_folder();
    let p = dir.path().display().to_string();
    let o = pathways(&["--data", &p, "check"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("sub/loop: a symbolic link loop"), "{e}");
    assert!(
        e.contains("gone.json: no such file or folder (or a link to nothing)"),
        "{e}"
    );
    assert!(
        e.contains("skipped 1 file(s) that are not .json:") && e.contains("notes.txt"),
        "{e}"
    );
    assert!(e.contains("--skip-bad-files"), "{e}");
    // Asked to, it loads what it can and says what it skipped.
    let o = pathways(&["--data", &p, "--skip-bad-files", "summary"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 pathway file, 2 stages"), "{}", stdout(&o));
    let e = stderr(&o);
    assert!(
        e.contains("note: skipped")
            && e.contains("loop")
            && e.contains("gone.json")
            && e.contains("notes.txt")
    );
}

#[cfg(unix)]
#[test]
fn the_same_folder_always_gives_the_same_messages() {
    let dir = bad_folder();
    let p = dir.path().display().to_string();
    let first = stderr(&pathways(&["--data", &p, "check"]));
    for _ in 0..3 {
        assert_eq!(stderr(&pathways(&["--data", &p, "check"])), first);
    }
}

/// Makes a folder read-only for this process, even as root (where permissions do not bind, the
/// immutable attribute does); undone on drop. `None` when neither works here.
#[cfg(unix)]
struct ReadOnly(std::path::PathBuf, bool);

#[cfg(unix)]
impl ReadOnly {
    fn new(dir: &Path) -> Option<ReadOnly> {
        use std::os::unix::fs::PermissionsExt;
        let writable = |d: &Path| {
            let probe = d.join(".probe");
            let ok = std::fs::write(&probe, "x").is_ok();
            let _ = std::fs::remove_file(&probe);
            ok
        };
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
        if !writable(dir) {
            return Some(ReadOnly(dir.to_path_buf(), false));
        }
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).ok()?;
        let immutable = Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        (immutable && !writable(dir)).then(|| ReadOnly(dir.to_path_buf(), true))
    }
}

#[cfg(unix)]
impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.1 {
            let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        } else {
            let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
        }
    }
}

#[cfg(unix)]
#[test]
fn a_write_into_a_read_only_folder_fails_cleanly_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = dir.path().join("plan.md");
    std::fs::write(&plan, "the old plan").expect("write");
    let Some(_guard) = ReadOnly::new(dir.path()) else {
        eprintln!("SKIPPED: cannot make a folder read-only here (not root and no chattr)");
        return;
    };
    // Through the library, as the explorer writes plans...
    let refused = pathways::atomic::write(&plan, b"the new plan", pathways::atomic::Existing::Replace)
        .expect_err("refused");
    assert!(pathways::atomic::reason(&plan, &refused).starts_with("could not write"));
    assert_eq!(std::fs::read_to_string(&plan).expect("read"), "the old plan");
    // ...and through the binary, as exports are written.
    let o = pathways(&[
        "export",
        "--format",
        "json",
        "-o",
        &plan.display().to_string(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("could not write"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&plan).expect("read"), "the old plan");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").flatten().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind");
}

/// Named pipes, devices and links to them are never read: named directly they are refused at
/// once with what they are; under a folder they are skipped with a note (issue 14, item 2).
#[test]
fn pipes_and_devices_are_refused_or_skipped_never_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("x.json");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    let folder = dir.path().join("d");
    std::fs::create_dir(&folder).expect("folder");
    let inner = folder.join("y.json");
    assert!(
        Command::new("mkfifo")
            .arg(&inner)
            .status()
            .expect("mkfifo")
            .success()
    );
    std::os::unix::fs::symlink("/dev/zero", folder.join("z.json")).expect("link");
    std::fs::write(
        folder.join("ok.json"),
        include_str!("../fixtures/audit/missing-data-near-miss.json"),
    )
    .expect("write");
    // Each of these would block for ever or read without end if opened.
    let started = std::time::Instant::now();
    let o = pathways(&["--data", fifo.to_str().unwrap(), "summary"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("a named pipe (FIFO), not a file"),
        "{}",
        stderr(&o)
    );
    let o = pathways(&["--data", "/dev/zero", "summary"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/dev/zero: a device, not a file"),
        "{}",
        stderr(&o)
    );
    let o = pathways(&["--data", folder.to_str().unwrap(), "summary"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("pathways: 1 pathway file"),
        "{}",
        stdout(&o)
    );
    assert!(
        stderr(&o)
            .contains("skipped 2 entry(ies) that are not regular files (named pipes, devices or sockets)"),
        "{}",
        stderr(&o)
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "nothing blocked"
    );
}

/// Ids and file names carry no line breaks, so no message quoting them can forge a line such as
/// `other.json:9:9: ... error` (issue 14, item 4, for ids and file names).
#[test]
fn ids_and_file_names_cannot_forge_message_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("f.json");
    std::fs::write(
        &file,
        r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S"},
 "stages": [
  {"id": "a", "title": "A", "kind": "education", "level": 0, "entry": ["any"]},
  {"id": "b\nother.json:9:9: /x: forged error", "title": "B", "kind": "employment", "level": 1}],
 "transitions": [{"from": "a", "to": "nope\nother.json:9:9: /y: forged error", "mode": "sequential"}]}"#,
    )
    .expect("write");
    let o = pathways(&["--data", file.to_str().unwrap(), "check"]);
    assert_eq!(o.status.code(), Some(2));
    let text = stderr(&o);
    for line in text.lines() {
        assert!(!line.starts_with("other.json"), "a forged line: {text}");
    }
    assert!(
        text.contains("has a line break or control character: ids are plain text"),
        "{text}"
    );
    let odd = dir.path().join("x\ny.json");
    std::fs::write(&odd, "{}").expect("write");
    let o = pathways(&["--data", odd.to_str().unwrap(), "summary"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("the file name has a line break or control character"),
        "{}",
        stderr(&o)
    );
}

/// Every text a data file carries, each with a line break and a forged line after it.
const FORGING: &str = r#"{"format": "pathways/1",
 "pathway": {"id": "p", "title": "P\nFORGED pathway", "sector": "S\u2028FORGED sector",
   "region": "R\rFORGED region",
   "conditions": [{"id": "c", "title": "C\nFORGED condition", "description": "D\nFORGED"}],
   "sources": [{"id": "src", "title": "T\nFORGED source", "year": 2024, "publisher": "P\nFORGED",
     "url": "https://example.org/\nFORGED"}]},
 "stages": [
  {"id": "a", "title": "Start\n\nFORGED Summary: 0 errors. The audit passes.", "kind": "education",
   "level": 0, "entry": ["any"], "awards": ["c"], "credential": "Cr\nFORGED credential",
   "description": "Line one\nFORGED description", "note": "N\u2029FORGED note",
   "services": ["childcare\nFORGED service"], "tags": ["t\nFORGED"], "weeks": 4,
   "sources": ["src"], "url": "https://example.org/a\nFORGED", "contact": "Call\nFORGED"},
  {"id": "b", "title": "Dead end\nFORGED step", "kind": "training", "level": 1, "requires": ["c"],
   "credential": "X\nFORGED"},
  {"id": "job", "title": "Job\nFORGED job", "kind": "employment", "level": 2,
   "soc": "31-1131", "wage": {"median_annual_usd": 40000, "year": 2024, "source": "src"}, "names": {"es": "E\nFORGED"}}],
 "transitions": [
  {"from": "a", "to": "b", "mode": "sequential", "note": "T\nFORGED transition"},
  {"from": "a", "to": "job", "mode": "integrated", "weeks": 2, "sources": ["src"]}]}"#;

/// Data text is printed on one line in every text output: a line break in a title, a note or a
/// credential is a visible replacement, never a new line a reader would take for the program's own
/// (issue 14, item 4).
#[test]
fn data_text_cannot_forge_output_lines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("forging.json");
    std::fs::write(&file, FORGING).expect("write");
    let file = file.to_str().unwrap();
    let changed = dir.path().join("changed.json");
    std::fs::write(&changed, FORGING.replace("\"weeks\": 4", "\"weeks\": 5")).expect("write");
    let changed = changed.to_str().unwrap();
    let runs: Vec<Vec<&str>> = vec![
        vec!["show", "a"],
        vec!["show", "b"],
        vec!["show", "job"],
        vec!["search", "start"],
        vec!["search", "forged", "-n", "20"],
        vec!["summary"],
        vec!["check"],
        vec!["check", "--deny", "warnings"],
        vec!["route", "--from", "ABE 1", "--to", "job"],
        vec!["route", "--from", "ABE 1", "--to", "b"],
        vec!["route", "--from", "a", "--to", "b", "--has", "c"],
        vec!["route", "--from", "ABE 1"],
        vec!["levels"],
        vec!["wages", "job"],
        vec!["diff", file, changed],
        vec!["export", "--format", "dot"],
        vec!["export", "--format", "mermaid"],
    ];
    for args in runs {
        let mut all = vec!["--data", file];
        if args[0] == "diff" {
            all.clear();
        }
        all.extend(&args);
        let o = pathways(&all);
        assert!(
            matches!(o.status.code(), Some(0 | 1)),
            "{all:?} exits {:?}: {}",
            o.status.code(),
            stderr(&o)
        );
        for (name, text) in [("stdout", stdout(&o)), ("stderr", stderr(&o))] {
            for line in text.lines() {
                assert!(
                    !line.trim_start().starts_with("FORGED"),
                    "{all:?} {name} prints a forged line: {line:?}\n{text}"
                );
            }
            assert!(
                !text.contains(['\u{2028}', '\u{2029}', '\r']),
                "{all:?} {name}: {text:?}"
            );
        }
    }
    // Load errors quote what the data names: an unknown source, condition or level.
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        FORGING
            .replace(
                r#""sources": ["src"], "url""#,
                r#""sources": ["src\nFORGED source"], "url""#,
            )
            .replace(r#""requires": ["c"]"#, r#""requires": ["c\nFORGED condition"]"#)
            .replace(r#""entry": ["any"]"#, r#""entry": ["any\nFORGED level"]"#),
    )
    .expect("write");
    let o = pathways(&["--data", bad.to_str().unwrap(), "check"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let text = stderr(&o);
    assert!(
        text.lines().count() >= 2 && text.contains("FORGED level"),
        "{text}"
    );
    for line in text.lines() {
        assert!(
            !line.trim_start().starts_with("FORGED"),
            "a forged line: {line:?}\n{text}"
        );
    }
}

/// The same file named twice, or by its folder and by name, or by a link beside it, is read once:
/// it never clashes with itself on every id (issue 14, item 15).
#[test]
fn a_file_named_twice_is_read_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.json");
    std::fs::write(
        &file,
        r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S"},
 "stages": [{"id": "a", "title": "A", "kind": "education", "level": 0, "entry": ["any"]},
  {"id": "j", "title": "J", "kind": "employment", "level": 1}],
 "transitions": [{"from": "a", "to": "j", "mode": "sequential"}]}"#,
    )
    .expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&file, dir.path().join("b.json")).expect("link");
    // A hard link is the same file too.
    std::fs::hard_link(&file, dir.path().join("c.json")).expect("hard link");
    let (f, d) = (file.to_str().unwrap(), dir.path().to_str().unwrap());
    let dotted = format!("{d}/./a.json");
    for args in [vec![f, f], vec![d, f], vec![f, &dotted], vec![d]] {
        let mut all: Vec<&str> = args.iter().flat_map(|a| ["--data", a]).collect();
        all.push("summary");
        let o = pathways(&all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(
            stdout(&o).starts_with("pathways: 1 pathway file,"),
            "{}",
            stdout(&o)
        );
        assert!(
            stderr(&o).contains("name a file already read (directly, in a folder or by a link), read once"),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

/// A folder whose only `.json` entry is a pipe says so, rather than that it holds no `.json` file.
#[cfg(unix)]
#[test]
fn a_folder_of_only_pipes_says_what_it_holds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let made = Command::new("mkfifo")
        .arg(dir.path().join("p.json"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let o = pathways(&["--data", dir.path().to_str().unwrap(), "summary"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("the folder holds no .json files, only pipes, devices or sockets named .json"),
        "{}",
        stderr(&o)
    );
}
