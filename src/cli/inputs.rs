//! Reads the files named by `--data`: a file, or a folder searched recursively for `*.json` (and
//! CTDL's `*.jsonld`) and
//! for CSV pathways (a folder holding `stages.csv` or `transitions.csv`: its CSV files), in
//! sorted order (the same folder always gives the same graph and the same messages). Symbolic
//! links are followed, but a link that leads back into a folder being read is reported, not
//! followed. Files over the size limit and unreadable files are reported by name.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::domain::load::csv;
use crate::domain::load::{Input, LoadError, LoadErrors, Origin};
use crate::domain::shipped;
use crate::regular::{not_regular, open_regular};

/// How careful to be with what `--data` names.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Files larger than this are refused (`--max-file-size`, in MiB).
    pub max_file_mib: u64,
    /// All files together larger than this are refused (`--max-total-size`, in MiB).
    pub max_total_mib: u64,
    /// Skip unreadable, oversized and looping entries (and say so) instead of failing.
    pub skip_bad_files: bool,
    /// Load the shipped data before the user's files (`--with-shipped`).
    pub with_shipped: bool,
}

impl Options {
    pub const DEFAULT: Options = Options {
        max_file_mib: 256,
        max_total_mib: 512,
        skip_bad_files: false,
        with_shipped: false,
    };
}

impl Default for Options {
    fn default() -> Self {
        Options::DEFAULT
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
                let (before, special) = (walk.files.len(), walk.special.len());
                walk.dir(path, &mut Vec::new());
                if walk.files.len() == before && walk.problems.is_empty() {
                    let why = if walk.special.len() > special {
                        "the folder holds no .json files, only pipes, devices or sockets named .json"
                    } else {
                        "the folder holds no .json files, nor a CSV pathway (stages.csv and transitions.csv)"
                    };
                    walk.problems.push(problem(path, why));
                }
            }
            // One file of a CSV pathway names them all: they are one pathway.
            Ok(meta) if meta.is_file() && csv::Part::of_file(&path.to_string_lossy()).is_some() => {
                let new: Vec<PathBuf> = csv_siblings(path)
                    .into_iter()
                    .filter(|p| !walk.files.contains(p))
                    .collect();
                walk.files.extend(new);
            }
            Ok(meta) if meta.is_file() => walk.files.push(path.clone()),
            // A FIFO would block the load, a device never end; neither is a pathway file.
            Ok(meta) => walk.problems.push(problem(path, not_regular(&meta))),
            Err(e) => walk.problems.push(problem(path, &io_reason(&e))),
        }
    }
    let (files, repeated) = once_each(std::mem::take(&mut walk.files));
    // The shipped test tables always; the shipped pathways when asked. A user's table for the
    // same test replaces the shipped one.
    let mut inputs = if options.with_shipped {
        shipped::inputs()
    } else {
        shipped::level_inputs()
    };
    let limit = options.max_file_mib.saturating_mul(1024 * 1024);
    // The whole load is bounded too: memory grows with all the files, not with the largest.
    let mut budget = options.max_total_mib.saturating_mul(1024 * 1024);
    // Files over their own limit are reported as such below.
    let total: u64 = files
        .iter()
        .filter_map(|f| fs::metadata(f).ok())
        .map(|m| m.len())
        .filter(|&len| len <= limit)
        .sum();
    if total > budget {
        return Err((
            LoadErrors::file(
                &first_few(&files),
                format!(
                    "the {} files come to {}, over the {} MiB limit for all data together; raise it with --max-total-size {}",
                    files.len(),
                    size_words(total),
                    options.max_total_mib,
                    total.div_ceil(1024 * 1024)
                ),
            ),
            Vec::new(),
        ));
    }
    for file in files {
        // A line break in a file name would let it forge the lines of every message naming it.
        if file.to_string_lossy().chars().any(crate::sanitize::is_unsafe) {
            walk.problems.push(problem(
                &file,
                "the file name has a line break or control character: rename the file",
            ));
            continue;
        }
        match fs::metadata(&file) {
            Ok(meta) if meta.len() > limit => walk.problems.push(problem(
                &file,
                &format!(
                    "the file is {}, over the {} MiB limit; raise it with --max-file-size {}",
                    size_words(meta.len()),
                    options.max_file_mib,
                    meta.len().div_ceil(1024 * 1024)
                ),
            )),
            _ => match read_bounded(&file, limit.min(budget)) {
                Ok(Some(bytes)) => {
                    budget -= bytes.len() as u64;
                    inputs.push(Input {
                        name: file.display().to_string(),
                        bytes,
                        origin: Origin::User,
                    });
                }
                // The file grew past a limit after it was measured.
                Ok(None) => walk.problems.push(problem(
                    &file,
                    &format!(
                        "the file grew while it was read, over the {} MiB limit (or the {} MiB limit for all data)",
                        options.max_file_mib, options.max_total_mib
                    ),
                )),
                Err(e) => walk.problems.push(problem(&file, &io_reason(&e))),
            },
        }
    }
    let mut notes = Vec::new();
    if !walk.skipped.is_empty() {
        notes.push(format!(
            "note: skipped {} file(s) that are not .json: {}",
            walk.skipped.len(),
            first_few(&walk.skipped)
        ));
    }
    if !repeated.is_empty() {
        notes.push(format!(
            "note: {} path(s) name a file already read (directly, in a folder or by a link), read once: {}",
            repeated.len(),
            first_few(&repeated)
        ));
    }
    if !walk.special.is_empty() {
        notes.push(format!(
            "note: skipped {} entry(ies) that are not regular files (named pipes, devices or sockets): {}",
            walk.special.len(),
            first_few(&walk.special)
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
    /// FIFOs, devices and sockets named `.json` (or links to them): never opened.
    special: Vec<PathBuf>,
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
        let part = |path: &Path| csv::Part::of_file(&path.to_string_lossy());
        // A folder with either file that makes a CSV pathway is one: all its CSV files are read
        // (the loader names the one missing). Other CSV files are not data.
        let csv_pathway = paths
            .iter()
            .any(|p| part(p).is_some_and(csv::Part::makes_a_pathway));
        for path in paths {
            // `.jsonld`: CTDL documents as Credential Engine publishes them.
            let is_data = path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("jsonld"))
                || (csv_pathway && part(&path).is_some());
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => self.dir(&path, stack),
                Ok(meta) if is_data && meta.is_file() => self.files.push(path),
                // A FIFO would block the load, a device never end.
                Ok(_) if is_data => self.special.push(path),
                Ok(_) => self.skipped.push(path),
                // A link to nowhere, or one that loops on itself: unreadable, by name.
                Err(e) => self.problems.push(problem(&path, &io_reason(&e))),
            }
        }
        stack.pop();
    }
}

/// The files in order, each real file once, and the paths left out because they name a file
/// already listed: the same file given twice, or through its folder, would otherwise clash with
/// itself on every id.
fn once_each(files: Vec<PathBuf>) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let mut seen = HashSet::new();
    let mut repeated = Vec::new();
    let kept = files
        .into_iter()
        .filter(|f| {
            // A file that cannot be resolved is kept, so that reading it says why.
            let first = identity(f).is_none_or(|id| seen.insert(id));
            if !first {
                repeated.push(f.clone());
            }
            first
        })
        .collect();
    (kept, repeated)
}

/// The CSV files of the folder `file` is in (`file` itself among them), in sorted order.
fn csv_siblings(file: &Path) -> Vec<PathBuf> {
    let folder = file.parent().unwrap_or(Path::new(""));
    let listed = fs::read_dir(if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    });
    let mut paths: Vec<PathBuf> = listed
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let name = name.to_str()?;
            csv::Part::of_file(name)?;
            let path = folder.join(name);
            fs::metadata(&path).is_ok_and(|m| m.is_file()).then_some(path)
        })
        .collect();
    if !paths.iter().any(|p| p.file_name() == file.file_name()) {
        paths.push(file.to_path_buf());
    }
    paths.sort();
    paths
}

/// The CSV files of a CSV pathway's folder, read again (to place findings on their rows): regular
/// files only, each within the default size limit; those that cannot be read are left out.
pub fn csv_files(folder: &Path) -> Vec<Input> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| csv::Part::of_file(&p.to_string_lossy()).is_some())
        .collect();
    paths.sort();
    let limit = Options::DEFAULT.max_file_mib.saturating_mul(1024 * 1024);
    paths
        .into_iter()
        .filter_map(|path| {
            let bytes = read_bounded(&path, limit).ok()??;
            Some(Input {
                name: path.display().to_string(),
                bytes,
                origin: Origin::User,
            })
        })
        .collect()
}

/// What makes two paths one file: its device and inode (hard links too).
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = fs::metadata(path).ok()?;
    Some((meta.dev(), meta.ino()))
}

/// What makes two paths one file, where there are no inodes: its real path.
#[cfg(not(unix))]
fn identity(path: &Path) -> Option<PathBuf> {
    fs::canonicalize(path).ok()
}

/// The first three paths, and how many more.
fn first_few(paths: &[PathBuf]) -> String {
    // Names are cleaned: a line break in one would forge a line of the note that lists it.
    let shown: Vec<String> = paths
        .iter()
        .take(3)
        .map(|p| crate::sanitize::clean(&p.display().to_string()).into_owned())
        .collect();
    match paths.len().saturating_sub(shown.len()) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// At most `limit` bytes of a file, or `None` when it holds more: whatever the file is, no more
/// than `limit + 1` bytes are read.
fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

fn problem(path: &Path, message: &str) -> LoadError {
    LoadError {
        file: crate::sanitize::clean(&path.display().to_string()).into_owned(),
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

/// A file's size as people read it: `822 bytes`, `300 MiB` (whole MiB, rounded up, so that a file
/// over a limit never reads as the limit itself).
fn size_words(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes < MIB {
        format!("{bytes} bytes")
    } else {
        format!("{} MiB", bytes.div_ceil(MIB))
    }
}

#[cfg(test)]
mod tests {
    use super::size_words;

    #[test]
    fn sizes_read_in_bytes_below_a_mib() {
        assert_eq!(size_words(822), "822 bytes");
        assert_eq!(size_words(1024 * 1024), "1 MiB");
        assert_eq!(size_words(256 * 1024 * 1024 + 1), "257 MiB");
    }
}
