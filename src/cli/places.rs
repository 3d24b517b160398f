//! Where findings are: the file, line and column of each finding's subject, for `check --json`,
//! SARIF and workflow annotations. The audit names elements by their index in a file; this reads
//! each file that has findings once more and walks it once, so a clean check costs nothing. A CSV
//! folder's findings are placed at their file, row and column (`stages.csv`, row 5, column 9).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use crate::domain::audit::{Element, Finding, Place};
use crate::domain::graph::Pathways;
use crate::domain::load::csv::{Part, read};
use crate::domain::load::ctdl::Places;
use crate::domain::load::locate::{Position, element_offsets, offset_below, positions_of};

/// A finding's place in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<'a> {
    pub file: Cow<'a, str>,
    pub line: usize,
    pub column: usize,
    pub pointer: String,
}

/// The place of each finding, in order; `None` for one whose file cannot be read again (it was
/// removed since) or that names no element.
pub fn locate_all<'a>(p: &'a Pathways, findings: &[Finding]) -> Vec<Option<Located<'a>>> {
    let mut by_file: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, f) in findings.iter().enumerate() {
        if let Some(place) = &f.place {
            by_file.entry(place.file).or_default().push(k);
        }
    }
    let mut out: Vec<Option<Located<'a>>> = vec![None; findings.len()];
    for (file, ks) in by_file {
        let Some(meta) = p.pathways().get(file) else {
            continue;
        };
        if let Some(layout) = csv_layout(&meta.file) {
            for &k in &ks {
                out[k] = findings[k]
                    .place
                    .as_ref()
                    .and_then(|place| in_csv(&layout, place));
            }
            continue;
        }
        let Some(text) = text_of(&meta.file) else { continue };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let places: Vec<&Place> = ks.iter().filter_map(|&k| findings[k].place.as_ref()).collect();
        // A CTDL file's lines are not those of the stages read from it: its components are named.
        if let Some(ctdl) = &meta.ctdl {
            let at = Places::id_offsets(text);
            let offsets: Vec<usize> = places
                .iter()
                .map(|place| {
                    ctdl.node_of(&place.pointer())
                        .and_then(|id| at.get(id).copied())
                        .unwrap_or(0)
                })
                .collect();
            for ((k, place), position) in ks.iter().zip(&places).zip(positions_of(text, &offsets)) {
                out[*k] = Some(Located {
                    file: Cow::Borrowed(&meta.file),
                    line: position.line,
                    column: position.column,
                    pointer: ctdl.describe(&place.pointer()),
                });
            }
            continue;
        }
        let offsets = offsets(text, &places);
        for ((k, place), position) in ks.iter().zip(&places).zip(positions_of(text, &offsets)) {
            let Position { line, column } = position;
            out[*k] = Some(Located {
                file: Cow::Borrowed(&meta.file),
                line,
                column,
                pointer: place.pointer(),
            });
        }
    }
    out
}

/// The byte offset of each place in `text`: its element, then its field within it.
fn offsets(text: &str, places: &[&Place]) -> Vec<usize> {
    let wants = |e: fn(&Element) -> bool| places.iter().any(|p| e(&p.element));
    let stages = if wants(|e| matches!(e, Element::Stage(_) | Element::Wage(_))) {
        element_offsets(text, "stages")
    } else {
        Vec::new()
    };
    let transitions = if wants(|e| matches!(e, Element::Transition(_))) {
        element_offsets(text, "transitions")
    } else {
        Vec::new()
    };
    let pathway = offset_below(text, 0, "/pathway");
    places
        .iter()
        .map(|place| {
            let nth = |list: &[usize], i: u32| list.get(i as usize).copied().unwrap_or(0);
            let start = match place.element {
                Element::Stage(i) => nth(&stages, i),
                Element::Transition(i) => nth(&transitions, i),
                Element::Pathway => pathway,
                Element::Top => 0,
                Element::Source(i) => offset_below(text, pathway, &format!("/sources/{i}")),
                Element::Condition(i) => offset_below(text, pathway, &format!("/conditions/{i}")),
                Element::Wage(i) => offset_below(text, nth(&stages, i), "/wage"),
            };
            match &place.field {
                Some(field) => {
                    let escaped = field.replace('~', "~0").replace('/', "~1");
                    offset_below(text, start, &format!("/{escaped}"))
                }
                None => start,
            }
        })
        .collect()
}

/// The layout of a CSV folder, read again from disk; `None` for a file (or a folder that no
/// longer reads).
fn csv_layout(name: &str) -> Option<crate::domain::load::csv::Layout> {
    let folder = Path::new(name);
    if !folder.is_dir() {
        return None;
    }
    let inputs = super::inputs::csv_files(folder);
    let files: Vec<read::File<'_>> = inputs
        .iter()
        .filter_map(|i| {
            Some(read::File {
                part: Part::of_file(&i.name)?,
                name: &i.name,
                bytes: &i.bytes,
            })
        })
        .collect();
    read::read(name, &files).ok().map(|(_, layout)| layout)
}

/// A finding's place in a CSV folder: its cell, or its row; the first row of `pathway.csv` for
/// the `pathway` object as a whole.
fn in_csv<'a>(layout: &crate::domain::load::csv::Layout, place: &Place) -> Option<Located<'a>> {
    let pointer = place.pointer();
    let spot = layout.spot(&pointer);
    let position = match spot.position {
        Some(p) => p,
        None if spot.file != layout.folder() => Position { line: 1, column: 1 },
        None => return None,
    };
    Some(Located {
        file: Cow::Owned(spot.file),
        line: position.line,
        column: position.column,
        pointer: spot.column.unwrap_or(pointer),
    })
}

/// The text of a loaded file: read again from disk, else the shipped copy of that name.
fn text_of(name: &str) -> Option<String> {
    let from_disk = || {
        let mut file = crate::regular::open_regular(Path::new(name)).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        String::from_utf8(bytes).ok()
    };
    from_disk().or_else(|| {
        crate::domain::shipped::inputs()
            .into_iter()
            .find(|i| i.name == name)
            .and_then(|i| String::from_utf8(i.bytes).ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::{Code, Options, audit};
    use crate::domain::load::{Input, Origin, load};

    const FILE: &str = r#"{
  "format": "pathways/1",
  "pathway": {"id": "p", "title": "P", "sector": "s", "colour": 1,
    "sources": [{"id": "w", "title": "W", "yaer": 2025}],
    "conditions": [{"id": "c", "title": "C", "implise": []}]},
  "stages": [
    {"id": "a", "title": "A", "kind": "training", "level": 0, "entry": ["any"],
     "credential": "C", "entries": ["ESL 3"],
     "wage": {"median_annual_usd": 1, "year": 2025, "source": "w"}},
    {"id": "j", "title": "J", "kind": "employment", "level": 1,
     "wage": {"median_annual_usd": 1, "year": 2025, "source": "w", "area": "WA"}}
  ],
  "transitons": [],
  "transitions": [
    {"from": "a", "to": "j", "mode": "sequential"},
    {"from": "a", "to": "j", "mode": "integrated"}
  ]
}"#;

    /// Each finding of `text`, written to a file `name`, as (code, pointer, line, column).
    fn located(name: &str, text: &str) -> Vec<(Code, String, usize, usize)> {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        let input = Input {
            name: path.display().to_string(),
            bytes: text.as_bytes().to_vec(),
            origin: Origin::User,
        };
        let p = load(&[input]).expect("loads").pathways;
        let findings = audit(&p, &Options::default());
        let places = locate_all(&p, &findings);
        findings
            .iter()
            .zip(places)
            .filter_map(|(f, l)| l.map(|l| (f.code, l.pointer, l.line, l.column)))
            .collect()
    }

    #[test]
    fn findings_point_at_their_element_and_field() {
        let got = located("p.json", FILE);
        for want in [
            (Code::UnknownField, "/stages/0/entries", 8, 36),
            (Code::UnknownField, "/pathway/colour", 3, 65),
            (Code::UnknownField, "/pathway/sources/0/yaer", 4, 51),
            (Code::UnknownField, "/pathway/conditions/0/implise", 5, 57),
            (Code::UnknownField, "/stages/1/wage/area", 11, 76),
            (Code::UnknownField, "/transitons", 13, 17),
            (Code::IntegratedIntoJob, "/transitions/1", 16, 5),
            (Code::WageOnTraining, "/stages/0/wage", 9, 14),
            (Code::MissingData, "/stages/0", 7, 5),
        ] {
            let want = (want.0, want.1.to_string(), want.2, want.3);
            assert!(got.contains(&want), "{want:?} not in {got:#?}");
        }
    }

    /// A CTDL file's findings are placed at the `@id` of the component they are about, not at
    /// lines of the document it was converted to.
    #[test]
    fn ctdl_findings_point_at_their_component() {
        let text = include_str!("../../tests/fixtures/audit/ctdl-rules.jsonld");
        let got = located("p.jsonld", text);
        for want in [
            (Code::OrphanComponent, "component _:old", 15, 6),
            (Code::UnsatisfiableCondition, "component _:aas", 6, 6),
        ] {
            let want = (want.0, want.1.to_string(), want.2, want.3);
            assert!(got.contains(&want), "{want:?} not in {got:#?}");
        }
    }
}
