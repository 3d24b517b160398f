//! Loading: bytes of pathway files -> validated `Pathways` and `Benchmarks`, or every problem
//! found, each with file, line, column and JSON path.
//!
//! All files are checked before anything is built, so a load either succeeds whole or reports
//! errors and builds nothing. Each input format is one module: `format` tells them apart by
//! content, `pathways` reads `pathways/1`, `levels` reads `pathways-levels/1`, `csv` turns a
//! folder of spreadsheets into the `pathways/1` document it stands for; `link` then resolves ids
//! across every file and builds the graph.

use std::borrow::Cow;

pub mod ctdl;
mod error;
mod fields;
mod format;
mod json;
mod levels;
mod link;
mod pathways;

pub mod csv;
pub mod document;
pub mod locate;
pub mod parallel;
pub mod typed;

#[cfg(test)]
mod tests;

pub use error::{LoadError, LoadErrors};
pub use format::{FORMAT, Format, LEVELS_FORMAT};
pub(crate) use json::{syntax_message, wide_encoding, without_bom};

use error::{Issue, Report};
use json::{given_twice, syntax_error};
use levels::{merge_tables, read_table};
use link::link;
use locate::{Position, position_of};
use pathways::{Body, ListBudget, PathwayFile, read_pathway_file};

use super::benchmark::{BenchmarkTable, Benchmarks};
use super::graph::Pathways;

/// At most this many messages are listed; the rest are counted.
const MAX_MESSAGES: usize = 200;

/// Where a file came from: shipped tables may be replaced by a user's table for the same test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Shipped,
    User,
}

/// A file to load: its name as shown in messages, and its bytes.
#[derive(Debug, Clone)]
pub struct Input {
    pub name: String,
    pub bytes: Vec<u8>,
    pub origin: Origin,
}

/// What a successful load gives.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub pathways: Pathways,
    pub benchmarks: Benchmarks,
}
/// Loads every input together.
pub fn load(inputs: &[Input]) -> Result<Loaded, LoadErrors> {
    load_with(inputs, Limits::default())
}

/// How much a load may hold in all, so a runaway file is refused with clear words instead of
/// exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub max_stages: usize,
    pub max_transitions: usize,
    /// List items (entry levels, tags, services, sources, requires, awards) in all files.
    pub max_list_items: usize,
}

impl Limits {
    /// The defaults: with 512 MiB of files in all, loads within them peak at 2.3 GB at worst
    /// (BENCHMARKS.md, "Memory and the largest files"), five times the largest graph benched.
    pub const DEFAULT: Limits = Limits {
        max_stages: 2_000_000,
        max_transitions: 6_000_000,
        max_list_items: MAX_LIST_ITEMS,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// What is left of the limits while files are read.
struct Budget {
    limits: Limits,
    stages: usize,
    transitions: usize,
    /// Items of lists (entry, tags, services, sources, requires, awards) read so far, in all
    /// files: counted as elements are read, side by side.
    list_items: std::sync::Arc<ListBudget>,
}

/// The most bytes one stage or transition may take in its file: a stage of the shipped data takes
/// under 4 KB. Bounds what reading one element can allocate.
pub const MAX_ELEMENT_BYTES: usize = 1024 * 1024;

/// The most list items (entry levels, tags, services, sources, requires, awards) all files may
/// give together. A tag of two letters takes 4 bytes of JSON and about 50 of memory, so lists
/// are what could outgrow the other limits; the shipped data gives about 700.
pub const MAX_LIST_ITEMS: usize = 10_000_000;

impl Budget {
    /// Counts one element; false once the limit is passed (the element is then not read).
    fn take(&mut self, key: &str) -> bool {
        let (count, max) = if key == "stages" {
            (&mut self.stages, self.limits.max_stages)
        } else {
            (&mut self.transitions, self.limits.max_transitions)
        };
        *count += 1;
        *count <= max
    }
}

/// One file as the loader reads it: a JSON file as given, or a CSV folder as the `pathways/1`
/// document its files stand for (`csv`), with where each of its values was written.
struct Unit<'a> {
    name: String,
    bytes: Cow<'a, [u8]>,
    origin: Origin,
    /// A CSV folder's places: its problems are told at files, rows and columns.
    layout: Option<csv::Layout>,
    /// Problems of CSV files themselves (quoting, the header): nothing more is read of them.
    errors: Vec<LoadError>,
    /// A CTDL file's components behind the generated stages: its problems name them.
    ctdl: Option<std::sync::Arc<ctdl::Places>>,
}

/// The inputs as units: the CSV files of one folder together, in the place of the first.
fn units(inputs: &[Input]) -> Vec<Unit<'_>> {
    fn unit<'a>(
        name: &str,
        bytes: Cow<'a, [u8]>,
        layout: Option<csv::Layout>,
        errors: Vec<LoadError>,
    ) -> Unit<'a> {
        Unit {
            name: name.to_string(),
            bytes,
            origin: Origin::User,
            layout,
            errors,
            ctdl: None,
        }
    }
    csv::units(inputs)
        .into_iter()
        .map(|u| match u {
            csv::Unit::File(input) => match ctdl_unit(input) {
                Some(Ok((text, places))) => Unit {
                    origin: input.origin,
                    ctdl: Some(std::sync::Arc::new(places)),
                    ..unit(&input.name, Cow::Owned(text.into_bytes()), None, Vec::new())
                },
                Some(Err(errors)) => unit(&input.name, Cow::Borrowed(&[]), None, errors),
                None => Unit {
                    origin: input.origin,
                    ..unit(&input.name, Cow::Borrowed(&input.bytes), None, Vec::new())
                },
            },
            csv::Unit::Folder { name, files } => match csv::read::read(&name, &files) {
                Ok((text, layout)) => unit(&name, Cow::Owned(text.into_bytes()), Some(layout), Vec::new()),
                Err(errors) => unit(&name, Cow::Borrowed(&[]), None, errors),
            },
            csv::Unit::Stray(input) => {
                let message = "a CSV file of no known part: a CSV pathway is a folder holding stages.csv \
                               and transitions.csv, and pathway.csv, sources.csv and conditions.csv if it \
                               likes (README, \"Spreadsheets (CSV)\")";
                let error = LoadErrors::file(&input.name, message).errors;
                unit(&input.name, Cow::Borrowed(&[]), None, error)
            }
        })
        .collect()
}

/// A CTDL file as the `pathways/1` text it stands for; `None` for any other file. Only files that
/// look like JSON-LD near their start (a bare array, `@context`, `@graph`, `@type`) are parsed
/// whole here, so a `pathways/1` file is read once.
fn ctdl_unit(input: &Input) -> Option<Result<(String, ctdl::Places), Vec<LoadError>>> {
    const SNIFF: usize = 64 * 1024;
    let bytes = without_bom(&input.bytes);
    let head = &bytes[..bytes.len().min(SNIFF)];
    let first = head.iter().find(|b| !b.is_ascii_whitespace())?;
    // `contains` of one byte is a fast scan; most pathway files hold no `@` at all.
    let looks = *first == b'['
        || head.contains(&b'@')
            && [&b"\"@context\""[..], b"\"@graph\"", b"\"@type\""]
                .iter()
                .any(|k| head.windows(k.len()).any(|w| w == *k));
    if !looks {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        // The usual reader says where the JSON breaks, with its hints.
        Err(_) => return None,
    };
    if !ctdl::is_ctdl(&value) {
        return None;
    }
    Some(match ctdl::read(&input.name, &value) {
        Ok(read) => Ok((read.text, read.places)),
        Err(ctdl::Failure(message)) => Err(LoadErrors::file(&input.name, format!("CTDL: {message}")).errors),
    })
}

/// Loads every input together, within `limits`.
pub fn load_with(inputs: &[Input], limits: Limits) -> Result<Loaded, LoadErrors> {
    let units = units(inputs);
    let inputs = units.as_slice();
    let mut report = Report::default();
    let mut files = Vec::new();
    let mut tables: Vec<(usize, BenchmarkTable)> = Vec::new();
    let mut budget = Budget {
        limits,
        stages: 0,
        transitions: 0,
        list_items: std::sync::Arc::new(ListBudget {
            max: limits.max_list_items,
            ..ListBudget::default()
        }),
    };
    // Names of files that could not be read at all: what they define is unknown.
    let mut unread: Vec<&str> = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let before = (budget.stages, budget.transitions);
        let (parsed, errors, omitted) = if input.errors.is_empty() {
            parse_input(input, &mut budget)
        } else {
            (Parsed::Nothing, input.errors.clone(), 0)
        };
        if matches!(parsed, Parsed::Nothing) && !errors.is_empty() {
            unread.push(&input.name);
        }
        report.extend(errors);
        report.omitted += omitted;
        for (key, count, max, flag) in [
            ("stages", budget.stages, limits.max_stages, "--max-stages"),
            (
                "transitions",
                budget.transitions,
                limits.max_transitions,
                "--max-transitions",
            ),
        ] {
            let was = if key == "stages" { before.0 } else { before.1 };
            if count > max && was <= max {
                report.push(LoadError {
                    file: input.name.clone(),
                    position: None,
                    pointer: Some(format!("/{key}")),
                    message: format!(
                        "more than {max} {key} in all (this file brings the count to {count}); \
                         raise the limit with {flag}"
                    ),
                });
            }
        }
        match parsed {
            Parsed::Pathway(file) => files.push((i, *file)),
            Parsed::Table(table) => tables.push((i, *table)),
            Parsed::Nothing => {}
        }
    }
    let texts: Vec<&str> = inputs
        .iter()
        .map(|i| std::str::from_utf8(without_bom(&i.bytes)).unwrap_or(""))
        .collect();
    let benchmarks = merge_tables(inputs, tables, &texts, &mut report);
    let pathways = link(inputs, files, &texts, &unread, &mut report);
    if report.errors.is_empty() {
        Ok(Loaded { pathways, benchmarks })
    } else {
        Err(report.finish())
    }
}

/// What a file gave. A pathway file with problems still gives its good parts, so that ids can be
/// checked across files and every problem reported in one run.
enum Parsed<'t> {
    Pathway(Box<PathwayFile<'t>>),
    Table(Box<BenchmarkTable>),
    Nothing,
}

fn parse_input<'t>(input: &'t Unit<'_>, budget: &mut Budget) -> (Parsed<'t>, Vec<LoadError>, usize) {
    let fail = |position: Option<Position>, pointer: Option<String>, message: String| {
        let error = LoadError {
            file: input.name.clone(),
            position,
            pointer,
            message,
        };
        (Parsed::Nothing, vec![error], 0)
    };
    if without_bom(&input.bytes).iter().all(u8::is_ascii_whitespace) {
        return fail(
            None,
            None,
            format!("the file is empty: expected a JSON object with \"format\": \"{FORMAT}\""),
        );
    }
    if let Some(encoding) = wide_encoding(&input.bytes) {
        return fail(
            Some(Position { line: 1, column: 1 }),
            None,
            format!("the file is saved as {encoding}: save it as UTF-8"),
        );
    }
    let bytes = without_bom(&input.bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
            let byte = bytes.get(valid).copied().unwrap_or(0);
            return fail(
                Some(position_of(prefix, valid)),
                None,
                format!("not UTF-8 text (byte 0x{byte:02X}): save the file as UTF-8"),
            );
        }
    };
    let mut issues = Vec::new();
    // One pass finds the elements; they are then read in chunks side by side.
    let (mut stage_texts, mut transition_texts) = (Vec::new(), Vec::new());
    let read = document::read(text, &["stages", "transitions"], &mut |key, i, value| {
        if budget.take(key) {
            let texts = if key == "stages" {
                &mut stage_texts
            } else {
                &mut transition_texts
            };
            texts.push((i, value));
        }
    });
    let mut doc = match read {
        Ok(doc) => doc,
        Err(e) => {
            let (position, message) = syntax_error(text, &e);
            return fail(position, None, message);
        }
    };
    // At most a few hundred problems are listed. Those of the whole file (format, pathway) come
    // first, as they often explain the rest; then the elements', in the order of their arrays.
    let at = |key: &str| doc.streamed.iter().position(|(k, _)| k == key);
    let transitions_first = at("transitions") < at("stages");
    let mut element_issues = Vec::new();
    let mut body = Body::read(
        &stage_texts,
        &transition_texts,
        transitions_first,
        &budget.list_items,
        &mut element_issues,
    );
    drop((stage_texts, transition_texts));
    if let Some(found) = doc.not_an_object {
        return fail(
            Some(Position { line: 1, column: 1 }),
            Some(String::new()),
            format!("expected a JSON object at the top level, found {found}"),
        );
    }
    for (key, found) in &doc.streamed {
        if let Some(found) = found {
            issues.push(Issue {
                pointer: format!("/{key}"),
                message: format!("expected an array of {key}, found {found}"),
                again: false,
            });
        }
    }
    if !doc.streamed.iter().any(|(key, _)| key == "stages") {
        body.missing_stages = true;
    }
    for (at, key) in std::mem::take(&mut doc.duplicate_keys) {
        issues.push(Issue {
            pointer: at,
            message: given_twice(&key),
            again: true,
        });
    }
    let mut top = doc.rest;
    let parsed = match Format::of_tag(top.remove("format").as_ref()) {
        Ok(Format::Levels) => match read_table(top, &input.name, &mut issues) {
            Some(table) if issues.is_empty() && element_issues.is_empty() => Parsed::Table(Box::new(table)),
            _ => Parsed::Nothing,
        },
        Ok(Format::Pathways) => {
            Parsed::Pathway(Box::new(read_pathway_file(top, body, &input.name, &mut issues)))
        }
        Err(message) => {
            let pointer = if message.starts_with("missing") {
                String::new()
            } else {
                "/format".into()
            };
            issues.push(Issue {
                pointer,
                message,
                again: false,
            });
            Parsed::Nothing
        }
    };
    issues.append(&mut element_issues);
    let mut report = Report::default();
    for issue in issues {
        report.issue(input, text, issue);
    }
    // Streamed arrays report before the members around them; people read a file top down.
    // (A CSV folder's are in several files: file by file.)
    report.errors.sort_by(|a, b| {
        let key = |e: &LoadError| e.position.map(|p| (p.line, p.column));
        a.file.cmp(&b.file).then(key(a).cmp(&key(b)))
    });
    (parsed, report.errors, report.omitted)
}
