//! Reads the files named by `--data`: a file, or a folder searched recursively for `*.json`, in
//! sorted order (the same folder always gives the same graph and the same messages). Symbolic
//! links are followed, but a link that leads back into a folder being read is reported, not
//! followed. Files over the size limit and unreadable files are reported by name.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::domain::load::{Input, LoadError, LoadErrors, Origin};
use crate::domain::shipped;

/// How careful to be with what `--data` names.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Files larger than this are refused (`--max-file-size`, in MiB).
    pub max_file_mib: u64,
    /// Skip unreadable, oversized and looping entries (and say so) instead of failing.
    pub skip_bad_files: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_file_mib: 256,
            skip_bad_files: false,
        }
    }
}

/// The inputs to load, and notes for people (skipped files).
#[derive(Debug, Default)]
pub struct Gathered {
    pub inputs: Vec<Input>,
    pub notes: Vec<String>,
}

/// The inputs: the shipped data when no path is given; otherwise the user's files plus the shipped
/// test tables (which a user's table for the same test replaces).
pub fn gather(paths: &[PathBuf], options: Options) -> Result<Gathered, (LoadErrors, Vec<String>)> {
    if paths.is_empty() {
        return Ok(Gathered {
            inputs: shipped::inputs(),
            notes: Vec::new(),
        });
    }
    let mut walk = Walk::default();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = walk.files.len();
                walk.dir(path, &mut Vec::new());
                if walk.files.len() == before && walk.problems.is_empty() {
                    walk.problems
                        .push(problem(path, "the folder holds no .json files"));
                }
            }
            Ok(_) => walk.files.push(path.clone()),
            Err(e) => walk.problems.push(problem(path, &io_reason(&e))),
        }
    }
    let mut inputs = shipped::level_inputs();
    let limit = options.max_file_mib.saturating_mul(1024 * 1024);
    for file in std::mem::take(&mut walk.files) {
        match fs::metadata(&file) {
            Ok(meta) if meta.len() > limit => walk.problems.push(problem(
                &file,
                &format!(
                    "the file is {} MiB, over the {} MiB limit; raise it with --max-file-size {}",
                    meta.len().div_ceil(1024 * 1024),
                    options.max_file_mib,
                    meta.len().div_ceil(1024 * 1024)
                ),
            )),
            _ => match fs::read(&file) {
                Ok(bytes) => inputs.push(Input {
                    name: file.display().to_string(),
                    bytes,
                    origin: Origin::User,
                }),
                Err(e) => walk.problems.push(problem(&file, &io_reason(&e))),
            },
        }
    }
    let mut notes = Vec::new();
    if !walk.skipped.is_empty() {
        let shown: Vec<String> = walk
            .skipped
            .iter()
            .take(3)
            .map(|p| p.display().to_string())
            .collect();
        let more = walk.skipped.len().saturating_sub(shown.len());
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        notes.push(format!(
            "note: skipped {} file(s) that are not .json: {}{more}",
            walk.skipped.len(),
            shown.join(", ")
        ));
    }
    if walk.problems.is_empty() {
        return Ok(Gathered { inputs, notes });
    }
    if options.skip_bad_files {
        for p in walk.problems {
            notes.push(format!("note: skipped {p}"));
        }
        return Ok(Gathered { inputs, notes });
    }
    let hint = walk
        .walked
        .then(|| "(to load the rest anyway, add --skip-bad-files)".to_string());
    Err((
        LoadErrors {
            errors: walk.problems,
            omitted: 0,
            hint,
        },
        notes,
    ))
}

#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    skipped: Vec<PathBuf>,
    problems: Vec<LoadError>,
    /// Folders already read (by real path), so a folder reached twice is read once.
    seen: HashSet<PathBuf>,
    /// Whether any folder was walked (skipping bad entries only makes sense then).
    walked: bool,
}

impl Walk {
    /// Reads `dir`; `stack` holds the real paths of the folders being read around it.
    fn dir(&mut self, dir: &Path, stack: &mut Vec<PathBuf>) {
        let real = match fs::canonicalize(dir) {
            Ok(real) => real,
            Err(e) => {
                self.problems.push(problem(dir, &io_reason(&e)));
                return;
            }
        };
        if stack.contains(&real) {
            self.problems.push(problem(
                dir,
                &format!("a symbolic link loop: it leads back to {}", real.display()),
            ));
            return;
        }
        if !self.seen.insert(real.clone()) {
            return;
        }
        self.walked = true;
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push(problem(dir, &io_reason(&e)));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        stack.push(real);
        for path in paths {
            let is_json = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.dir(&path, stack),
                Ok(_) if is_json => self.files.push(path),
                Ok(_) => self.skipped.push(path),
                // A link to nowhere, or one that loops on itself: unreadable, by name.
                Err(e) => self.problems.push(problem(&path, &io_reason(&e))),
            }
        }
        stack.pop();
    }
}

fn problem(path: &Path, message: &str) -> LoadError {
    LoadError {
        file: path.display().to_string(),
        position: None,
        pointer: None,
        message: message.to_string(),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder (or a link to nothing)".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied: cannot read it".into(),
        _ if e.raw_os_error() == Some(40) => "a symbolic link loop (too many levels of links)".into(),
        _ => format!("cannot read it: {e}"),
    }
}
