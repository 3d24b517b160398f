//! Reads the files named by `--data`: a file, or a folder searched recursively for `*.json`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::domain::load::{Input, LoadError, LoadErrors, Origin};
use crate::domain::shipped;

/// The inputs to load: the shipped data when no path is given; otherwise the user's files plus the
/// shipped test tables (which a user's table for the same test replaces).
pub fn gather(paths: &[PathBuf]) -> Result<Vec<Input>, LoadErrors> {
    if paths.is_empty() {
        return Ok(shipped::inputs());
    }
    let mut inputs = shipped::level_inputs();
    let mut errors = Vec::new();
    for path in paths {
        let mut files = Vec::new();
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                walk(path, &mut files, &mut errors);
                if files.is_empty() && errors.is_empty() {
                    errors.push(problem(path, "the folder holds no .json files"));
                }
            }
            Ok(_) => files.push(path.clone()),
            Err(e) => errors.push(problem(path, &io_reason(&e))),
        }
        for file in files {
            match fs::read(&file) {
                Ok(bytes) => inputs.push(Input {
                    name: file.display().to_string(),
                    bytes,
                    origin: Origin::User,
                }),
                Err(e) => errors.push(problem(&file, &io_reason(&e))),
            }
        }
    }
    if errors.is_empty() {
        Ok(inputs)
    } else {
        Err(LoadErrors { errors, omitted: 0 })
    }
}

/// `*.json` files below `dir`, in sorted order so a folder always loads the same way.
/// Symbolic links to folders are not followed, so a link loop cannot trap the walk.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<LoadError>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(problem(dir, &io_reason(&e)));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let is_link = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if path.is_dir() {
            if !is_link {
                walk(&path, files, errors);
            }
        } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
            files.push(path);
        }
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
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied: cannot read it".into(),
        _ => format!("cannot read it: {e}"),
    }
}
