//! `pathways export`: the map for documents (Graphviz DOT, Mermaid) or the data for other tools
//! (normalized `pathways/1` JSON, or CSV files for spreadsheets), for everything loaded or for one
//! sector.

mod csv;
pub mod ctdl;
mod dot;
mod json;
mod mermaid;
mod per_file;

use std::io::Write;
use std::path::Path;

use petgraph::graph::{EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use super::Failure;
use crate::domain::graph::Pathways;
use crate::domain::layout;
use crate::domain::level::Entry;
use crate::domain::model::Kind;

/// What to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphviz DOT: `dot -Tsvg map.dot > map.svg`.
    Dot,
    /// A Mermaid flowchart: paste it in a ```mermaid block on GitHub.
    Mermaid,
    /// The `pathways/1` data, normalized: everything in one file that loads on its own, one
    /// sector's files (loads beside the files it links to), or with `-o DIR/` one file per
    /// loaded pathway file.
    Json,
    /// The same data as CSV files for spreadsheets (stages.csv, transitions.csv, pathway.csv,
    /// sources.csv, conditions.csv), in the folder -o names.
    Csv,
    /// One sector as a Credential Engine CTDL JSON-LD pathway (`.jsonld`), for the Credential
    /// Registry.
    Ctdl,
}

impl Format {
    /// The format a file name suggests: `.dot`/`.gv`, `.mmd`/`.mermaid`, `.json`; a folder
    /// (`out/`, or one that exists) takes CSV files.
    fn from_path(path: &Path) -> Option<Format> {
        if is_folder(path) {
            return Some(Format::Csv);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "dot" | "gv" => Some(Format::Dot),
            "mmd" | "mermaid" => Some(Format::Mermaid),
            "json" => Some(Format::Json),
            "jsonld" => Some(Format::Ctdl),
            _ => None,
        }
    }
}

/// The stages and transitions to export.
pub(crate) struct Selection {
    /// The stages, in load order.
    pub nodes: Vec<NodeIndex>,
    /// Transitions between them, in file order.
    pub edges: Vec<EdgeIndex>,
    /// The sector asked for: its stages are "own", the others are linked from other sectors.
    pub sector: Option<String>,
}

impl Selection {
    /// Everything loaded, or one sector (by name or pathway id, any case) with the stages of other
    /// sectors that a transition joins to it.
    pub fn new(pathways: &Pathways, sector: Option<&str>) -> Result<Selection, Failure> {
        let (nodes, sector) = match sector {
            None => (pathways.stages().map(|(n, _)| n).collect::<Vec<_>>(), None),
            Some(wanted) => {
                let name = find_sector(pathways, wanted)?;
                (layout::sector(pathways, &name, true), Some(name))
            }
        };
        let mut chosen = vec![false; pathways.stage_count()];
        for n in &nodes {
            chosen[n.index()] = true;
        }
        let edges = pathways
            .graph()
            .edge_references()
            .filter(|e| chosen[e.source().index()] && chosen[e.target().index()])
            .map(|e| e.id())
            .collect();
        Ok(Selection { nodes, edges, sector })
    }

    /// Whether a stage belongs to another sector than the one asked for.
    pub fn is_linked(&self, pathways: &Pathways, node: NodeIndex) -> bool {
        self.sector
            .as_deref()
            .is_some_and(|s| pathways.pathway_of(node).sector != s)
    }

    /// What the export shows, for titles and comments.
    pub fn title(&self, pathways: &Pathways) -> String {
        let what = match &self.sector {
            Some(s) => s.clone(),
            None if pathways.pathways().len() == 1 => pathways.pathways()[0].title.clone(),
            None => "All pathways".to_string(),
        };
        format!(
            "{what} ({} stages, {} transitions)",
            self.nodes.len(),
            self.edges.len()
        )
    }

    /// The column of each stage, as the map has them: by level, a level's jobs after its other
    /// stages when it has both. Returns the columns in order and each node's column.
    pub fn columns(&self, pathways: &Pathways) -> (Vec<(u8, bool)>, Vec<usize>) {
        let mut learn = [false; 256];
        for &n in &self.nodes {
            let s = pathways.stage(n);
            if !s.is_employment() {
                learn[usize::from(s.level)] = true;
            }
        }
        let key = |n: NodeIndex| {
            let s = pathways.stage(n);
            (s.level, s.is_employment() && learn[usize::from(s.level)])
        };
        let mut keys: Vec<(u8, bool)> = self.nodes.iter().map(|&n| key(n)).collect();
        keys.sort_unstable();
        keys.dedup();
        let of = self
            .nodes
            .iter()
            .map(|&n| keys.binary_search(&key(n)).unwrap_or(0))
            .collect();
        (keys, of)
    }
}

/// A sector by name or by the id of one of its pathway files, ignoring case.
fn find_sector(pathways: &Pathways, wanted: &str) -> Result<String, Failure> {
    let wanted_trim = wanted.trim();
    let sectors = pathways.sectors();
    if let Some(s) = sectors.iter().find(|s| s.eq_ignore_ascii_case(wanted_trim)) {
        return Ok((*s).to_string());
    }
    if let Some(p) = pathways
        .pathways()
        .iter()
        .find(|p| p.id.eq_ignore_ascii_case(wanted_trim))
    {
        return Ok(p.sector.clone());
    }
    let list: Vec<String> = sectors.iter().map(|s| format!("'{s}'")).collect();
    Err(Failure::usage(format!(
        "unknown sector '{wanted}': the sectors are {}",
        list.join(", ")
    )))
}

/// The short words under a stage's title: kind, on-ramp levels, off-ramp.
pub(crate) fn markers(pathways: &Pathways, node: NodeIndex) -> String {
    let s = pathways.stage(node);
    let mut words = vec![kind_word(s.kind).to_string()];
    if s.is_on_ramp() {
        let entry: Vec<String> = s
            .entry
            .iter()
            .map(|e| match e {
                Entry::Any => "any level".to_string(),
                e => e.to_string(),
            })
            .collect();
        words.push(format!("on-ramp ({})", entry.join(", ")));
    }
    if pathways.is_off_ramp(node) {
        words.push("off-ramp".to_string());
    }
    words.join(" · ")
}

/// How a kind reads on a map.
pub(crate) fn kind_word(kind: Kind) -> &'static str {
    match kind {
        Kind::Employment => "job",
        other => other.as_str(),
    }
}

/// Text from the data with anything that is not printable made harmless: tabs become spaces,
/// carriage returns go, other control characters and bidirectional overrides become U+FFFD.
/// Line breaks are kept for the caller to encode.
pub(crate) fn printable(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|&c| c != '\r')
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect();
    text.split('\n')
        .map(|line| crate::sanitize::clean(line).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs `export`: writes to `output` atomically, or to `out`.
pub fn run(
    pathways: &Pathways,
    format: Option<Format>,
    sector: Option<&str>,
    output: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32, Failure> {
    let format = match (format, output.and_then(Format::from_path)) {
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => {
            return Err(Failure::usage(
                "choose a format: --format dot, --format mermaid, --format json, --format csv or --format ctdl",
            ));
        }
    };
    if let Some(dir) = output.filter(|p| is_folder(p) && format != Format::Csv) {
        if format != Format::Json {
            return Err(Failure::usage(format!(
                "-o {} is a folder: only --format json (one file per pathway file) and --format csv \
                 write there; give a file name for {}",
                dir.display(),
                format.name()
            )));
        }
        return per_file::write(pathways, sector, dir, force, out);
    }
    let text = match format {
        Format::Csv => {
            let Some(dir) = output else {
                return Err(Failure::usage(
                    "--format csv writes a folder of CSV files: give it with -o DIR/",
                ));
            };
            csv::export(pathways, &json_files(pathways, sector)?, dir, force)?;
            return Ok(0);
        }
        Format::Ctdl => ctdl_document(pathways, sector)?,
        Format::Dot => dot::render(pathways, &Selection::new(pathways, sector)?),
        Format::Mermaid => mermaid::render(pathways, &Selection::new(pathways, sector)?),
        Format::Json => {
            let files = json_files(pathways, sector)?;
            if files.len() > 1 {
                writeln!(err, "{}", merged_note(files.len()))?;
            }
            json::render(pathways, &files).map_err(encode_failure)?
        }
    };
    match output {
        Some(path) => super::write_output(path, &text, force)?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(0)
}

/// One sector (or the one pathway loaded) as a CTDL JSON-LD document.
pub fn ctdl_document(pathways: &Pathways, sector: Option<&str>) -> Result<String, Failure> {
    if sector.is_none() && pathways.sectors().len() > 1 {
        return Err(Failure::usage(format!(
            "--format ctdl writes one pathway: choose a sector with --sector ({})",
            pathways.sectors().join(", ")
        )));
    }
    ctdl::render(pathways, &Selection::new(pathways, sector)?).map_err(Failure::usage)
}

/// What a reader of a merged JSON export should know: it has one `pathway` header for all.
fn merged_note(files: usize) -> String {
    format!(
        "note: {files} pathway files merged into one document under one `pathway` header (their \
         sources, conditions and explanations together); -o DIR/ writes one file per pathway file"
    )
}

/// The pathway files a JSON export holds: all, or those of one sector.
fn json_files(pathways: &Pathways, sector: Option<&str>) -> Result<Vec<usize>, Failure> {
    let name = sector.map(|s| find_sector(pathways, s)).transpose()?;
    Ok((0..pathways.pathways().len())
        .filter(|&f| name.as_deref().is_none_or(|s| pathways.pathways()[f].sector == s))
        .collect())
}

fn encode_failure(e: serde_json::Error) -> Failure {
    Failure {
        code: 1,
        message: format!("cannot encode JSON: {e}"),
    }
}

/// `-o DIR/`: a name ending in a slash, or a folder that exists.
fn is_folder(path: &Path) -> bool {
    path.to_string_lossy().ends_with(std::path::is_separator) || path.is_dir()
}

impl Format {
    fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Ctdl => "ctdl",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_keeps_lines_and_neutralises_the_rest() {
        assert_eq!(printable("a\tb\r\nc"), "a b\nc");
        assert_eq!(printable("x\u{1b}[31m\u{202E}y"), "x\u{FFFD}[31m\u{FFFD}y");
        assert_eq!(printable("Técnico 护理"), "Técnico 护理");
    }

    #[test]
    fn formats_follow_file_names() {
        assert_eq!(Format::from_path(Path::new("map.DOT")), Some(Format::Dot));
        assert_eq!(Format::from_path(Path::new("a/map.gv")), Some(Format::Dot));
        assert_eq!(Format::from_path(Path::new("map.mmd")), Some(Format::Mermaid));
        assert_eq!(Format::from_path(Path::new("data.json")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("map.svg")), None);
        assert_eq!(Format::from_path(Path::new("map")), None);
        assert_eq!(Format::from_path(Path::new("out/")), Some(Format::Csv));
    }
}
