//! `export --format json -o DIR/`: one normalized `pathways/1` file per loaded pathway file,
//! named as the file it came from, so a designer's folder comes back file for file.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{encode_failure, json, json_files};
use crate::cli::Failure;
use crate::domain::graph::Pathways;
use crate::format::plural;

/// Writes every file, or none: all are rendered and checked for clashes before the first is
/// written.
pub(super) fn write(
    pathways: &Pathways,
    sector: Option<&str>,
    dir: &Path,
    force: bool,
    out: &mut dyn Write,
) -> Result<i32, Failure> {
    let files = json_files(pathways, sector)?;
    let names = file_names(pathways, &files);
    let mut texts = Vec::with_capacity(files.len());
    for &f in &files {
        texts.push(json::render(pathways, &[f]).map_err(encode_failure)?);
    }
    let targets: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
    if !force {
        let taken: Vec<String> = targets
            .iter()
            .filter(|t| t.exists())
            .map(|t| t.display().to_string())
            .collect();
        if !taken.is_empty() {
            return Err(Failure::usage(format!(
                "{} already exist{}: add --force to replace {}",
                taken.join(", "),
                if taken.len() == 1 { "s" } else { "" },
                if taken.len() == 1 { "it" } else { "them" },
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| Failure {
        code: 1,
        message: crate::atomic::reason(dir, &e),
    })?;
    for (target, text) in targets.iter().zip(&texts) {
        crate::cli::write_output(target, text, force)?;
    }
    let (stages, transitions) = counts(pathways);
    writeln!(
        out,
        "Wrote {} to {}:",
        plural(files.len(), "file", "files"),
        dir.display()
    )?;
    for (&f, name) in files.iter().zip(&names) {
        writeln!(
            out,
            "  {name}  {}, {}",
            plural(stages[f], "stage", "stages"),
            plural(transitions[f], "transition", "transitions")
        )?;
    }
    Ok(0)
}

/// Each file's name: the one it was loaded from when that is a unique `.json` name, else its
/// pathway id, numbered when even that is taken.
fn file_names(pathways: &Pathways, files: &[usize]) -> Vec<String> {
    let all = pathways.pathways();
    let loaded_as = |f: usize| {
        Path::new(&all[f].file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| n.to_ascii_lowercase().ends_with(".json"))
    };
    let mut seen: Vec<Option<String>> = files.iter().map(|&f| loaded_as(f)).collect();
    for i in 0..seen.len() {
        if seen[i].is_some() && seen.iter().filter(|n| **n == seen[i]).count() > 1 {
            seen[i] = None;
        }
    }
    let mut taken: HashSet<String> = seen.iter().flatten().cloned().collect();
    files
        .iter()
        .zip(seen)
        .map(|(&f, name)| {
            name.unwrap_or_else(|| {
                let base = all[f].id.clone();
                let mut name = format!("{base}.json");
                let mut k = 2;
                while taken.contains(&name) {
                    name = format!("{base}-{k}.json");
                    k += 1;
                }
                taken.insert(name.clone());
                name
            })
        })
        .collect()
}

/// Stages and transitions each pathway file defines.
fn counts(pathways: &Pathways) -> (Vec<usize>, Vec<usize>) {
    let n = pathways.pathways().len();
    let mut stages = vec![0; n];
    let mut transitions = vec![0; n];
    for (_, s) in pathways.stages() {
        stages[s.pathway] += 1;
    }
    for e in pathways.graph().edge_weights() {
        transitions[e.pathway] += 1;
    }
    (stages, transitions)
}
