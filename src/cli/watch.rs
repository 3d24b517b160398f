//! `pathways check --watch`: audit again whenever a `--data` file changes, for a designer editing
//! in another window. Files are watched through their folders, because most editors save by
//! writing a new file and renaming it over the old one, which ends a watch on the file itself.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::event::ModifyKind;
use notify::{EventKind, RecursiveMode, Watcher};

use super::Failure;
use super::check::{Request, run as check};

/// Changes closer together than this are one change: an editor's save is several events.
const SETTLE: Duration = Duration::from_millis(150);

pub fn run(req: &Request<'_>, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32, Failure> {
    let paths = &req.data.paths;
    if paths.is_empty() {
        return Err(Failure::usage(
            "--watch needs --data: it re-checks your files when they change (the shipped data does not)",
        ));
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Only writes, creations and removals: reading the files to check them is an event too.
        if let Ok(event) = event
            && changes_content(&event.kind)
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| Failure::usage(format!("cannot watch the files: {e}")))?;
    let watched = watched(paths);
    for (path, mode) in &watched {
        watcher
            .watch(path, *mode)
            .map_err(|e| Failure::usage(format!("cannot watch {}: {e}", path.display())))?;
    }
    let mut round = 1;
    check_once(req, out, err)?;
    writeln!(err, "Watching {} for changes (Ctrl-C stops).", names(paths))?;
    while let Ok(changed) = rx.recv() {
        let mut changed = changed;
        // Take every event of the same save, then check once.
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            changed.extend(more);
        }
        let Some(file) = changed.iter().find(|p| concerns(p, paths)) else {
            continue;
        };
        round += 1;
        writeln!(
            out,
            "\n── Check {round}, after a change to {} ──",
            crate::sanitize::clean(&file.display().to_string())
        )?;
        check_once(req, out, err)?;
    }
    Ok(0)
}

/// One check, its output flushed so that a reader sees it now; a file that cannot be loaded is
/// said, and the watch goes on.
fn check_once(req: &Request<'_>, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Failure> {
    let result = check(req, out, err);
    out.flush()?;
    match result {
        Ok(_) => Ok(()),
        Err(failure) if failure.code == 2 => {
            writeln!(err, "{}", failure.message)?;
            Ok(())
        }
        Err(failure) => Err(failure),
    }
}

/// Whether an event may change what a file says (not an open, a read or a new access time).
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// What to watch: each folder named, with what is under it; each file through its folder.
fn watched(paths: &[PathBuf]) -> Vec<(PathBuf, RecursiveMode)> {
    let mut out: Vec<(PathBuf, RecursiveMode)> = Vec::new();
    for path in paths {
        let entry = if path.is_dir() {
            (path.clone(), RecursiveMode::Recursive)
        } else {
            let folder = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            (folder, RecursiveMode::NonRecursive)
        };
        match out.iter_mut().find(|(p, _)| *p == entry.0) {
            // A folder named and a file in it: the folder's whole tree.
            Some(known) if entry.1 == RecursiveMode::Recursive => known.1 = entry.1,
            Some(_) => {}
            None => out.push(entry),
        }
    }
    out
}

/// Whether a changed path is one of the files, or lies in one of the folders, given.
fn concerns(changed: &Path, paths: &[PathBuf]) -> bool {
    let real = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let changed_real = match (changed.parent(), changed.file_name()) {
        // A file that was just removed or renamed away cannot be canonicalized; its folder can.
        (Some(parent), Some(name)) => real(parent).join(name),
        _ => real(changed),
    };
    paths.iter().any(|p| {
        let p = real(p);
        if p.is_dir() {
            changed_real.starts_with(&p) && is_data_file(&changed_real)
        } else {
            changed_real == p
        }
    })
}

/// In a folder, only what the loader reads counts: `.json` and `.csv` files, not editors' swap,
/// backup and temporary files (`.ece.json.swp`, `ece.json~`, `ece.json.tmp`) or notes.
fn is_data_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    !name.starts_with('.') && (lower.ends_with(".json") || lower.ends_with(".csv"))
}

fn names(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    crate::sanitize::clean(&names.join(", ")).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_data_files_in_a_folder_count() {
        for data in ["mine/ece.json", "mine/ECE.JSON", "mine/stages.csv"] {
            assert!(is_data_file(Path::new(data)), "{data}");
        }
        for other in [
            "mine/ece.json.tmp",
            "mine/ece.json~",
            "mine/.ece.json.swp",
            "mine/notes.txt",
            "mine/.json",
        ] {
            assert!(!is_data_file(Path::new(other)), "{other}");
        }
    }

    #[test]
    fn files_are_watched_through_their_folders() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.json");
        std::fs::write(&file, "{}").expect("write");
        let w = watched(&[file.clone(), PathBuf::from("b.json")]);
        assert_eq!(w[0], (dir.path().to_path_buf(), RecursiveMode::NonRecursive));
        assert_eq!(w[1].0, PathBuf::from("."));
        let w = watched(&[file.clone(), dir.path().to_path_buf()]);
        assert_eq!(w, [(dir.path().to_path_buf(), RecursiveMode::Recursive)]);
        assert!(concerns(&file, std::slice::from_ref(&file)));
        assert!(!concerns(&dir.path().join("b.json"), std::slice::from_ref(&file)));
        let folder = [dir.path().to_path_buf()];
        assert!(concerns(&dir.path().join("new.json"), &folder));
        assert!(!concerns(&dir.path().join(".new.json.swp"), &folder));
        assert!(!concerns(Path::new("/elsewhere/a.json"), &folder));
    }
}
