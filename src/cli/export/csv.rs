//! `export --format csv -o DIR`: the normalized `pathways/1` document (`json`) as the CSV files of
//! a folder that loads back to it, for designers who work in a spreadsheet. Each file is written
//! atomically; none is replaced without `--force`, and with it all five are, so that no file of
//! an earlier export is left to mix with this one.

use std::path::Path;

use super::super::{Failure, write_output};
use super::json;
use crate::domain::graph::Pathways;
use crate::domain::load::csv::write::write;

pub(super) fn export(pathways: &Pathways, files: &[usize], dir: &Path, force: bool) -> Result<(), Failure> {
    let text = json::render(pathways, files).map_err(encoding)?;
    let doc: serde_json::Value = serde_json::from_str(&text).map_err(encoding)?;
    let files = write(&doc);
    folder(dir)?;
    if !force {
        let existing: Vec<String> = files
            .iter()
            .map(|(part, _)| dir.join(part.file_name()))
            .filter(|p| std::fs::symlink_metadata(p).is_ok())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(Failure::usage(format!(
                "{} already exist{}: add --force to replace the folder's CSV files",
                existing.join(", "),
                if existing.len() == 1 { "s" } else { "" }
            )));
        }
    }
    for (part, text) in &files {
        write_output(&dir.join(part.file_name()), text, force)?;
    }
    Ok(())
}

/// The folder to write in: made when it does not exist (its parent must), refused when it is a file.
fn folder(dir: &Path) -> Result<(), Failure> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(Failure::usage(format!(
            "{} is a file: --format csv writes a folder of CSV files (give -o DIR/)",
            dir.display()
        ))),
        Err(_) => std::fs::create_dir(dir).map_err(|e| Failure {
            code: 1,
            message: format!("could not make the folder {}: {e}", dir.display()),
        }),
    }
}

fn encoding(e: serde_json::Error) -> Failure {
    Failure {
        code: 1,
        message: format!("cannot encode the data: {e}"),
    }
}
