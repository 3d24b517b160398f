//! Loading: bytes of `pathways/1` and `pathways-levels/1` files -> validated `Pathways` and
//! `Benchmarks`, or every problem found, each with file, line, column and JSON path.
//!
//! All files are checked before anything is built, so a load either succeeds whole or reports
//! errors and builds nothing.

use std::borrow::Cow;

use hashbrown::{HashMap, HashSet};

use petgraph::graph::{DiGraph, NodeIndex};
use std::fmt;

use serde_json::{Map, Value};

use super::benchmark::{Band, BenchmarkTable, Benchmarks, Subject, TableSource};
use super::condition::{Condition, Conditions, Eligibility};
use super::csv;
use super::document;
use super::graph::Pathways;
use super::level::{Entry, Scale, SkillLevel};
use super::locate::{Position, locate, position_of};
use super::model::{Explain, within_chars};
use super::model::{
    Kind, MAX_CONDITIONS, MAX_HOURS, MAX_ID_CHARS, MAX_NAME_CHARS, MAX_SOURCES, MAX_USD, MAX_WEEKS, Mode,
    Pathway, Source, Stage, StageDetails, Transition, Wage,
};
use super::parallel;
use super::typed;

/// The format tag of pathway files.
pub const FORMAT: &str = "pathways/1";
/// The format tag of test benchmark tables.
pub const LEVELS_FORMAT: &str = "pathways-levels/1";
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

/// One problem with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub position: Option<Position>,
    /// The JSON pointer of the offending value, when the problem is in a value.
    pub pointer: Option<String>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        if let Some(ptr) = &self.pointer {
            write!(f, ": {}", if ptr.is_empty() { "/" } else { ptr })?;
        }
        // One error, one line: a quoted id or source from the data cannot start another.
        write!(f, ": {}", crate::sanitize::clean(&self.message))
    }
}

/// Every problem found in a load; nothing was built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadErrors {
    pub errors: Vec<LoadError>,
    /// Problems found beyond those listed.
    pub omitted: usize,
    /// What the user can do about it, said once after the problems.
    pub hint: Option<String>,
}

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if self.omitted > 0 {
            write!(f, "\n... and {} more problems", self.omitted)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n{hint}")?;
        }
        Ok(())
    }
}

impl LoadErrors {
    /// A single problem with a file as a whole (it cannot be read, say).
    pub fn file(file: &str, message: impl Into<String>) -> LoadErrors {
        LoadErrors {
            errors: vec![LoadError {
                file: file.to_string(),
                position: None,
                pointer: None,
                message: message.into(),
            }],
            omitted: 0,
            hint: None,
        }
    }
}

/// A problem found while reading values: where (pointer) and what.
struct Issue {
    pointer: String,
    message: String,
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
        }
    }
    csv::units(inputs)
        .into_iter()
        .map(|u| match u {
            csv::Unit::File(input) => Unit {
                origin: input.origin,
                ..unit(&input.name, Cow::Borrowed(&input.bytes), None, Vec::new())
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

#[derive(Default)]
struct Report {
    errors: Vec<LoadError>,
    omitted: usize,
}

impl Report {
    fn push(&mut self, error: LoadError) {
        if self.errors.len() < MAX_MESSAGES {
            self.errors.push(error);
        } else {
            self.omitted += 1;
        }
    }

    fn extend(&mut self, errors: Vec<LoadError>) {
        for e in errors {
            self.push(e);
        }
    }

    /// Whether every further problem is only counted.
    fn is_full(&self) -> bool {
        self.errors.len() >= MAX_MESSAGES
    }

    fn at(&mut self, input: &Unit<'_>, text: &str, pointer: String, message: String) {
        if self.is_full() {
            self.omitted += 1;
            return;
        }
        if let Some(layout) = &input.layout {
            self.push(layout.error(&pointer, message));
            return;
        }
        let position = Some(locate(text, &pointer));
        self.push(LoadError {
            file: input.name.clone(),
            position,
            pointer: Some(pointer),
            message,
        });
    }

    fn finish(self) -> LoadErrors {
        LoadErrors {
            errors: self.errors,
            omitted: self.omitted,
            hint: None,
        }
    }
}

/// What a file gave. A pathway file with problems still gives its good parts, so that ids can be
/// checked across files and every problem reported in one run.
enum Parsed<'t> {
    Pathway(Box<PathwayFile<'t>>),
    Table(Box<BenchmarkTable>),
    Nothing,
}

/// One pathway file, checked on its own; ids are not yet resolved across files.
struct PathwayFile<'t> {
    /// `None` when the `pathway` object itself is broken (already reported).
    pathway: Option<Pathway>,
    /// Good stages and transitions, each with its index in the file, in the chunks they were
    /// read in.
    stages: Vec<Vec<(usize, Stage)>>,
    transitions: Vec<Vec<(usize, RawTransition<'t>)>>,
    /// Ids of stages dropped for problems: transitions to them are not reported again.
    broken_ids: Vec<String>,
}

/// A transition whose ends are ids, not yet resolved to stages; borrowed from the file's text
/// when they hold no escapes.
struct RawTransition<'t> {
    from: Cow<'t, str>,
    to: Cow<'t, str>,
    transition: Transition,
}

/// What the file gave, its problems (at most `MAX_MESSAGES`) and how many more were left out.
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
        });
    }
    let mut top = doc.rest;
    let format = match top.remove("format") {
        None => {
            issues.push(Issue {
                pointer: String::new(),
                message: format!("missing required field \"format\" (expected \"{FORMAT}\")"),
            });
            None
        }
        Some(Value::String(s)) if s == FORMAT || s == LEVELS_FORMAT => Some(s),
        Some(other) => {
            issues.push(Issue {
                pointer: "/format".into(),
                message: format!(
                    "unknown format {}: expected \"{FORMAT}\" (or \"{LEVELS_FORMAT}\" for a test table)",
                    short(&other)
                ),
            });
            None
        }
    };
    let parsed = match format.as_deref() {
        Some(LEVELS_FORMAT) => match read_table(top, &input.name, &mut issues) {
            Some(table) if issues.is_empty() && element_issues.is_empty() => Parsed::Table(Box::new(table)),
            _ => Parsed::Nothing,
        },
        Some(_) => Parsed::Pathway(Box::new(read_pathway_file(top, body, &input.name, &mut issues))),
        None => Parsed::Nothing,
    };
    issues.append(&mut element_issues);
    let mut report = Report::default();
    for issue in issues {
        report.at(input, text, issue.pointer, issue.message);
    }
    // Streamed arrays report before the members around them; people read a file top down.
    // (A CSV folder's are in several files: file by file.)
    report.errors.sort_by(|a, b| {
        let key = |e: &LoadError| e.position.map(|p| (p.line, p.column));
        a.file.cmp(&b.file).then(key(a).cmp(&key(b)))
    });
    (parsed, report.errors, report.omitted)
}

/// The bytes after a UTF-8 byte-order mark, which some editors write and JSON parsers refuse.
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// The encoding of a file saved as UTF-16 or UTF-32, by its byte-order mark or, without one, by the
/// zero bytes around its first character (JSON text starts with ASCII).
pub(crate) fn wide_encoding(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] => Some("UTF-32 (little-endian)"),
        [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32 (big-endian)"),
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian)"),
        [a, 0, 0, 0, ..] if *a != 0 => Some("UTF-32 (little-endian)"),
        [0, 0, 0, b, ..] if *b != 0 => Some("UTF-32 (big-endian)"),
        [a, 0, ..] if *a != 0 => Some("UTF-16 (little-endian)"),
        [0, b, ..] if *b != 0 => Some("UTF-16 (big-endian)"),
        _ => None,
    }
}

/// Where a syntax error is and what it is, in the words of the usual mistakes: a trailing comma
/// is shown at the comma, a `//` comment and curly quotes are named.
fn syntax_error(text: &str, e: &serde_json::Error) -> (Option<Position>, String) {
    let message = syntax_message(e);
    let Some(offset) = crate::domain::locate::json_error_offset(text, e) else {
        return (None, message);
    };
    let mut at = offset;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let (before, after) = text.split_at(at);
    if message.contains("trailing comma")
        && let Some(comma) = before.trim_end().strip_suffix(',')
    {
        return (
            Some(position_of(text, comma.len())),
            "invalid JSON: a comma after the last item (remove it)".to_string(),
        );
    }
    if message.contains("unexpected end of hex escape") && ends_with_leading_surrogate(before) {
        return (
            crate::domain::locate::of_json_error(text, e),
            "invalid JSON: a \\u escape holds one half of a UTF-16 surrogate pair (\\ud800 to \\udfff) without the other".to_string(),
        );
    }
    let near = |s: &str| after.starts_with(s) || before.ends_with(s);
    let said = if near("//") || near("/*") {
        Some("invalid JSON: JSON has no comments (remove it, or say it in a `note`)")
    } else if ["\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}"]
        .iter()
        .any(|q| near(q))
    {
        Some("invalid JSON: curly quotes are not JSON quotes: use straight ones (\")")
    } else {
        None
    };
    let position = crate::domain::locate::of_json_error(text, e);
    (position, said.map_or(message, str::to_string))
}

/// Whether `text` ends with `\uD800` to `\uDBFF` (give or take the character after it): the first
/// half of a surrogate pair whose second half is missing.
fn ends_with_leading_surrogate(text: &str) -> bool {
    let tail: String = text
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.match_indices("\\u").any(|(i, _)| {
        let hex = tail.get(i + 2..i + 6).unwrap_or("");
        u16::from_str_radix(hex, 16).is_ok_and(|u| (0xD800..0xDC00).contains(&u))
    })
}

/// serde_json's message without its trailing " at line L column C", which we print up front.
pub(crate) fn syntax_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    };
    // serde_json calls a lone trailing surrogate (\udc00) "leading" too, and a leading one before a
    // quote "the end of hex escape"; say what all three mean.
    if text.contains("surrogate") {
        return "invalid JSON: a \\u escape holds one half of a UTF-16 surrogate pair (\\ud800 to \\udfff) without the other".to_string();
    }
    if text.contains("recursion limit exceeded") {
        return "nesting too deep (more than 128 levels of arrays or objects)".to_string();
    }
    match e.classify() {
        serde_json::error::Category::Eof => {
            format!("{text}: the file ends too early (a missing bracket or quote?)")
        }
        _ => format!("invalid JSON: {text}"),
    }
}

/// A short description of a value's type for "expected X, found Y".
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(_) => format!("the string {}", short(v)),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// A value as JSON, cut short for messages.
fn short(v: &Value) -> String {
    let text = v.to_string();
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(37).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// A JSON number that is a whole number 0 or more, however it is written: `2`, `2.0` and `2e0` are
/// one number, as JSON Schema's `integer` says (a spreadsheet or a Python script writes `2.0`).
fn whole(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| {
        let x = v.as_f64()?;
        // The cast saturates at the top of the range, which no bound checked here reaches.
        (x.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(&x)).then_some(x as u64)
    })
}

/// Reads the fields of one JSON object, noting every problem instead of stopping at the first.
struct Fields<'a> {
    map: Map<String, Value>,
    pointer: String,
    issues: &'a mut Vec<Issue>,
}

impl<'a> Fields<'a> {
    fn new(value: Value, pointer: String, what: &str, issues: &'a mut Vec<Issue>) -> Option<Fields<'a>> {
        match value {
            Value::Object(map) => Some(Fields { map, pointer, issues }),
            other => {
                issues.push(Issue {
                    message: format!("expected {what} (a JSON object), found {}", describe(&other)),
                    pointer,
                });
                None
            }
        }
    }

    fn path(&self, key: &str) -> String {
        format!("{}/{}", self.pointer, key.replace('~', "~0").replace('/', "~1"))
    }

    fn problem(&mut self, key: &str, message: String) {
        let pointer = self.path(key);
        self.issues.push(Issue { pointer, message });
    }

    fn missing(&mut self, key: &str) {
        self.issues.push(Issue {
            pointer: self.pointer.clone(),
            message: format!("missing required field \"{key}\""),
        });
    }

    fn take(&mut self, key: &str) -> Option<Value> {
        match self.map.remove(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    fn required(&mut self, key: &str) -> Option<Value> {
        let v = self.take(key);
        if v.is_none() {
            self.missing(key);
        }
        v
    }

    fn string(&mut self, key: &str, v: Value) -> Option<String> {
        match v {
            Value::String(s) if !s.trim().is_empty() => Some(s),
            Value::String(_) => {
                self.problem(key, "expected a non-empty string, found an empty one".into());
                None
            }
            other => {
                self.problem(key, format!("expected a string, found {}", describe(&other)));
                None
            }
        }
    }

    fn req_str(&mut self, key: &str) -> Option<String> {
        let v = self.required(key)?;
        self.string(key, v)
    }

    /// A title, sector or credential: at most `MAX_NAME_CHARS` characters.
    fn name(&mut self, key: &str, text: Option<String>) -> Option<String> {
        let text = text?;
        if within_chars(&text, MAX_NAME_CHARS) {
            return Some(text);
        }
        self.problem(
            key,
            format!(
                "{} characters: a {key} has at most {MAX_NAME_CHARS} (put the rest in the description)",
                text.chars().count()
            ),
        );
        None
    }

    fn req_name(&mut self, key: &str) -> Option<String> {
        let text = self.req_str(key);
        self.name(key, text)
    }

    /// An id: text without line breaks or control characters, which would let a file forge the
    /// lines of a message that quotes it.
    fn req_id(&mut self, key: &str) -> Option<String> {
        let id = self.req_str(key)?;
        if !within_chars(&id, MAX_ID_CHARS) {
            self.problem(
                key,
                format!(
                    "the id has {} characters: ids have at most {MAX_ID_CHARS}",
                    id.chars().count()
                ),
            );
            return None;
        }
        if id.chars().any(crate::sanitize::is_unsafe) {
            let shown = crate::sanitize::clean(&id).into_owned();
            self.problem(
                key,
                format!("the id \"{shown}\" has a line break or control character: ids are plain text"),
            );
            return None;
        }
        Some(crate::domain::model::normal_id(id))
    }

    fn opt_str(&mut self, key: &str) -> Option<String> {
        let v = self.take(key)?;
        self.string(key, v)
    }

    /// A number from 0 to `max` (weeks, costs, wages, hours).
    fn opt_amount(&mut self, key: &str, max: f64) -> Option<f64> {
        let v = self.take(key)?;
        match v.as_f64() {
            Some(x) if x.is_finite() && (0.0..=max).contains(&x) => Some(x),
            Some(x) if x.is_finite() && x > max => {
                let given = short(&v);
                self.problem(
                    key,
                    format!("{given} is more than any real figure: give at most {max}"),
                );
                None
            }
            Some(x) => {
                self.problem(key, format!("expected a number of 0 or more, found {x}"));
                None
            }
            None => {
                self.problem(key, format!("expected a number, found {}", describe(&v)));
                None
            }
        }
    }

    /// A whole number in `lo..=hi`.
    fn int_in(&mut self, key: &str, v: Value, lo: u64, hi: u64) -> Option<u64> {
        match whole(&v) {
            Some(n) if (lo..=hi).contains(&n) => Some(n),
            _ => {
                self.problem(
                    key,
                    format!(
                        "expected a whole number from {lo} to {hi}, found {}",
                        describe(&v)
                    ),
                );
                None
            }
        }
    }

    fn strings(&mut self, key: &str) -> Vec<String> {
        let Some(v) = self.take(key) else {
            return Vec::new();
        };
        let Value::Array(items) = v else {
            self.problem(
                key,
                format!("expected an array of strings, found {}", describe(&v)),
            );
            return Vec::new();
        };
        let base = self.path(key);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Value::String(s) if !s.trim().is_empty() => out.push(s),
                other => self.issues.push(Issue {
                    pointer: format!("{base}/{i}"),
                    message: format!("expected a non-empty string, found {}", describe(&other)),
                }),
            }
        }
        out
    }

    /// `explain`: `{"<finding code>": "why it is deliberate"}`. Codes must be known, and errors
    /// cannot be explained away.
    fn explain(&mut self) -> Explain {
        use crate::domain::audit::{Code, Severity};
        let Some(v) = self.take("explain") else {
            return Explain::new();
        };
        let Value::Object(map) = v else {
            self.problem(
                "explain",
                format!(
                    "expected an object of finding codes and reasons, such as {{\"level-jump\": \"why\"}}, found {}",
                    describe(&v)
                ),
            );
            return Explain::new();
        };
        let base = self.path("explain");
        let mut out = Explain::new();
        for (code, why) in map {
            let pointer = format!("{base}/{}", code.replace('~', "~0").replace('/', "~1"));
            let problem = match (Code::parse(&code), &why) {
                (None, _) => {
                    let near = crate::domain::condition::nearest(&code, Code::ALL.iter().map(|c| c.as_str()));
                    Some(match near {
                        Some(n) => format!("unknown finding code \"{code}\": did you mean \"{n}\"?"),
                        None => format!("unknown finding code \"{code}\" (the README's audit table lists them)"),
                    })
                }
                (Some(c), _) if c.severity() == Severity::Error => Some(format!(
                    "{code} is an error: fix it in the data, an explanation cannot excuse it"
                )),
                (Some(Code::UnsourcedFigure), _) => Some(
                    "unsourced-figure cannot be explained: name the figure's source in `sources`, or leave the figure out"
                        .to_string(),
                ),
                (Some(_), Value::String(s)) if !s.trim().is_empty() => None,
                (Some(_), other) => Some(format!(
                    "expected a non-empty string saying why, found {}",
                    describe(other)
                )),
            };
            match problem {
                Some(message) => self.issues.push(Issue { pointer, message }),
                None => {
                    if let Value::String(s) = why {
                        out.push((code, s));
                    }
                }
            }
        }
        out
    }

    fn rest(self) -> Map<String, Value> {
        self.map
    }
}

/// The streamed arrays of a pathway file: the good stages and transitions, each with its index
/// in the file, in the chunks they were read in.
#[derive(Default)]
struct Body<'t> {
    stages: Vec<Vec<(usize, Stage)>>,
    transitions: Vec<Vec<(usize, RawTransition<'t>)>>,
    broken_ids: Vec<String>,
    missing_stages: bool,
}

/// What one chunk of an array gave.
struct Part<T> {
    items: Vec<(usize, T)>,
    issues: Vec<Issue>,
    broken_ids: Vec<String>,
    /// List items read in all files so far (`MAX_LIST_ITEMS`).
    list_items: std::sync::Arc<ListBudget>,
}

impl<T> Part<T> {
    /// Whether the element at `i` may be read: not over `MAX_ELEMENT_BYTES`, and the list items
    /// of all files still within `MAX_LIST_ITEMS`. Otherwise says why (the items once in all: one
    /// problem anywhere fails the load) and marks its id, if it has one, as known but broken.
    fn may_read(&mut self, i: usize, key: &str, what: &str, text: &str) -> bool {
        use std::sync::atomic::Ordering;
        let message = if text.len() > MAX_ELEMENT_BYTES {
            Some(format!(
                "this {what} takes {} bytes: a {what} has at most {MAX_ELEMENT_BYTES} (1 MiB)",
                text.len()
            ))
        } else if self.list_items.items.load(Ordering::Relaxed) <= self.list_items.max {
            return true;
        } else {
            (!self.list_items.said.swap(true, Ordering::Relaxed)).then(|| {
                format!(
                    "the files give more than {} list items in all (entry levels, tags, services, \
                     sources, requires, awards): nothing after this is read",
                    self.list_items.max
                )
            })
        };
        if let Some(message) = message {
            self.issues.push(Issue {
                pointer: format!("/{key}/{i}"),
                message,
            });
        }
        self.broken_ids.extend(id_of(text));
        false
    }

    /// Counts `n` list items read.
    fn count(&self, n: usize) {
        self.list_items
            .items
            .fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    }
}

/// List items read in all files, and whether passing `MAX_LIST_ITEMS` has been said.
#[derive(Debug, Default)]
struct ListBudget {
    max: usize,
    items: std::sync::atomic::AtomicUsize,
    said: std::sync::atomic::AtomicBool,
}

impl<'t> Body<'t> {
    /// Reads the elements (index in the file, text), chunks side by side; problems are added to
    /// `issues` in file order.
    fn read(
        stages: &[(usize, &'t str)],
        transitions: &[(usize, &'t str)],
        transitions_first: bool,
        list_items: &std::sync::Arc<ListBudget>,
        issues: &mut Vec<Issue>,
    ) -> Body<'t> {
        let mut body = Body::default();
        let (mut stage_issues, mut transition_issues) = (Vec::new(), Vec::new());
        for part in read_parts(stages, list_items, read_stage_text) {
            stage_issues.extend(part.issues);
            body.broken_ids.extend(part.broken_ids);
            body.stages.push(part.items);
        }
        for part in read_parts(transitions, list_items, read_transition_text) {
            transition_issues.extend(part.issues);
            body.transitions.push(part.items);
        }
        if transitions_first {
            std::mem::swap(&mut stage_issues, &mut transition_issues);
        }
        issues.append(&mut stage_issues);
        issues.append(&mut transition_issues);
        body
    }
}

fn read_parts<'t, T: Send>(
    texts: &[(usize, &'t str)],
    list_items: &std::sync::Arc<ListBudget>,
    read: fn(usize, &'t str, &mut Part<T>),
) -> Vec<Part<T>> {
    parallel::map(&parallel::chunks(texts), |chunk| {
        let mut part = Part {
            items: Vec::with_capacity(chunk.len()),
            issues: Vec::new(),
            broken_ids: Vec::new(),
            list_items: std::sync::Arc::clone(list_items),
        };
        for &(i, text) in *chunk {
            read(i, text, &mut part);
        }
        part
    })
}

/// Reads one stage: typed when it is well-formed, else field by field to report each problem.
fn read_stage_text(i: usize, text: &str, part: &mut Part<Stage>) {
    if !part.may_read(i, "stages", "stage", text) {
        return;
    }
    let items = |s: &Stage| {
        s.entry.len()
            + s.sources.len()
            + s.services().len()
            + s.tags().len()
            + s.requires().len()
            + s.awards().len()
    };
    if let Some(stage) = typed::stage(text) {
        part.count(items(&stage));
        part.items.push((i, stage));
        return;
    }
    let pointer = format!("/stages/{i}");
    match careful(text, &pointer, &mut part.issues) {
        Some(value) => {
            if let Some(stage) = read_stage(value, pointer, &mut part.broken_ids, &mut part.issues) {
                part.count(items(&stage));
                part.items.push((i, stage));
            }
        }
        // Too deep to read (reported): its id, if it has one, still marks it as known but broken.
        None => part.broken_ids.extend(id_of(text)),
    }
}

/// The `id` of an element that cannot be read whole: the rest is skipped, however deep.
fn id_of(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct JustId {
        id: String,
    }
    serde_json::from_str::<JustId>(text).ok().map(|j| j.id)
}

/// Reads one transition, like `read_stage_text`.
fn read_transition_text<'t>(i: usize, text: &'t str, part: &mut Part<RawTransition<'t>>) {
    if !part.may_read(i, "transitions", "transition", text) {
        return;
    }
    if let Some((from, to, transition)) = typed::transition(text) {
        part.count(transition.sources().len());
        part.items.push((i, RawTransition { from, to, transition }));
        return;
    }
    let pointer = format!("/transitions/{i}");
    if let Some((from, to, transition)) =
        careful(text, &pointer, &mut part.issues).and_then(|v| read_transition(v, pointer, &mut part.issues))
    {
        let (from, to) = (Cow::Owned(from), Cow::Owned(to));
        part.items.push((i, RawTransition { from, to, transition }));
    }
}

/// The message for a key given twice in one object.
fn given_twice(key: &str) -> String {
    format!("\"{key}\" is given twice in one object: give it once")
}

/// An element's text as a value, for the field-by-field reader. The text is valid JSON, but a
/// value nested too deeply is refused here rather than recursed into.
fn careful(text: &str, pointer: &str, issues: &mut Vec<Issue>) -> Option<Value> {
    match serde_json::from_str(text) {
        Ok(value) => {
            // A parse keeps the last of two equal keys in silence; the careful path says so.
            for (at, key) in crate::domain::keys::duplicate_keys(text) {
                issues.push(Issue {
                    pointer: format!("{pointer}{at}"),
                    message: given_twice(&key),
                });
            }
            Some(value)
        }
        Err(e) => {
            issues.push(Issue {
                pointer: pointer.to_string(),
                message: syntax_message(&e),
            });
            None
        }
    }
}

fn read_pathway_file<'t>(
    mut top: Map<String, Value>,
    body: Body<'t>,
    file: &str,
    issues: &mut Vec<Issue>,
) -> PathwayFile<'t> {
    let pathway = match top.remove("pathway") {
        Some(v) => read_pathway(v, file, issues),
        None => {
            issues.push(Issue {
                pointer: String::new(),
                message: "missing required field \"pathway\" (id, title, sector)".into(),
            });
            None
        }
    };
    if body.missing_stages {
        issues.push(Issue {
            pointer: String::new(),
            message: "missing required field \"stages\"".into(),
        });
    }
    if let Some(meta) = &pathway {
        check_source_refs(meta, &body, issues);
    }
    PathwayFile {
        pathway,
        stages: body.stages,
        transitions: body.transitions,
        broken_ids: body.broken_ids,
    }
}

/// Every cited source (`sources`, `wage.source`) must be declared in the file's `pathway.sources`.
fn check_source_refs(meta: &Pathway, body: &Body<'_>, issues: &mut Vec<Issue>) {
    let mut unknown = |pointer: String, id: &str| {
        if meta.source(id).is_none() {
            issues.push(Issue {
                pointer,
                message: format!("unknown source \"{id}\": declare it in /pathway/sources"),
            });
        }
    };
    for (i, stage) in body.stages.iter().flatten() {
        for (j, id) in stage.sources.iter().enumerate() {
            unknown(format!("/stages/{i}/sources/{j}"), id);
        }
        if let Some(w) = &stage.wage {
            unknown(format!("/stages/{i}/wage/source"), &w.source);
        }
    }
    for (i, t) in body.transitions.iter().flatten() {
        for (j, id) in t.transition.sources().iter().enumerate() {
            unknown(format!("/transitions/{i}/sources/{j}"), id);
        }
    }
}

fn read_pathway(v: Value, file: &str, issues: &mut Vec<Issue>) -> Option<Pathway> {
    let mut f = Fields::new(v, "/pathway".into(), "the pathway", issues)?;
    let id = f.req_id("id");
    let title = f.req_name("title");
    let sector = f.req_name("sector");
    let region = f.opt_str("region");
    let sources = match f.take("sources") {
        None => Vec::new(),
        Some(Value::Array(items)) if items.len() > MAX_SOURCES => {
            f.problem(
                "sources",
                format!("{} sources: a file lists at most {MAX_SOURCES}", items.len()),
            );
            Vec::new()
        }
        Some(Value::Array(items)) => {
            let base = f.path("sources");
            items
                .into_iter()
                .enumerate()
                .filter_map(|(i, v)| read_source(v, format!("{base}/{i}"), f.issues))
                .collect()
        }
        Some(other) => {
            f.problem(
                "sources",
                format!("expected an array of sources, found {}", describe(&other)),
            );
            Vec::new()
        }
    };
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, s) in sources.iter().enumerate() {
        if let Some(first) = seen.insert(&s.id, i) {
            f.issues.push(Issue {
                pointer: format!("/pathway/sources/{i}/id"),
                message: format!("duplicate source id \"{}\" (also /pathway/sources/{first})", s.id),
            });
        }
    }
    drop(seen);
    let conditions = read_conditions(&mut f);
    let explain = f.explain();
    let extra = f.rest();
    Some(Pathway {
        id: id?,
        title: title?,
        sector: sector?,
        region,
        sources,
        conditions,
        file: file.to_string(),
        explain,
        extra,
    })
}

/// `pathway.conditions`: declarations with an id and a title, ids distinct within the file.
fn read_conditions(f: &mut Fields<'_>) -> Vec<Condition> {
    let items = match f.take("conditions") {
        None => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            f.problem(
                "conditions",
                format!("expected an array of conditions, found {}", describe(&other)),
            );
            return Vec::new();
        }
    };
    let base = f.path("conditions");
    if items.len() > MAX_CONDITIONS {
        f.problem(
            "conditions",
            format!(
                "{} conditions: the files together declare at most {MAX_CONDITIONS}",
                items.len()
            ),
        );
        return Vec::new();
    }
    let mut out: Vec<Condition> = Vec::with_capacity(items.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, v) in items.into_iter().enumerate() {
        let pointer = format!("{base}/{i}");
        let Some(mut c) = Fields::new(v, pointer.clone(), "a condition", f.issues) else {
            continue;
        };
        let id = c.req_id("id");
        let title = c.req_name("title");
        let description = c.opt_str("description");
        let implies = c.strings("implies");
        c.rest();
        let (Some(id), Some(title)) = (id, title) else {
            continue;
        };
        if let Some(first) = seen.get(&id) {
            f.issues.push(Issue {
                pointer: format!("{pointer}/id"),
                message: format!("duplicate condition id \"{id}\" (also {base}/{first})"),
            });
            continue;
        }
        seen.insert(id.clone(), i);
        out.push(Condition {
            id,
            title,
            description,
            implies,
        });
    }
    out
}

fn read_source(v: Value, pointer: String, issues: &mut Vec<Issue>) -> Option<Source> {
    let mut f = Fields::new(v, pointer, "a source", issues)?;
    let id = f.req_id("id");
    let title = f.req_str("title");
    let year = f.take("year").and_then(|v| f.int_in("year", v, 1900, 2100));
    let url = f.opt_str("url");
    let publisher = f.opt_str("publisher");
    Some(Source {
        id: id?,
        title: title?,
        year: year.and_then(|y| u16::try_from(y).ok()),
        url,
        publisher,
    })
}

fn read_stage(
    v: Value,
    pointer: String,
    broken_ids: &mut Vec<String>,
    issues: &mut Vec<Issue>,
) -> Option<Stage> {
    let before = issues.len();
    let mut f = Fields::new(v, pointer, "a stage", issues)?;
    let id = f.req_id("id");
    let title = f.req_name("title");
    let kind = f
        .required("kind")
        .and_then(|v| match v.as_str().and_then(Kind::parse) {
            Some(k) => Some(k),
            None => {
                f.problem(
                    "kind",
                    format!(
                        "unknown kind {}: expected education, training, work-based or employment",
                        short(&v)
                    ),
                );
                None
            }
        });
    let level = f.required("level").and_then(|v| f.int_in("level", v, 0, 9));
    let entry = read_entry(&mut f);
    let credential = f.opt_str("credential");
    let credential = f.name("credential", credential);
    let weeks = f.opt_amount("weeks", MAX_WEEKS);
    let cost_usd = f.opt_amount("cost_usd", MAX_USD);
    let wage = f.take("wage").and_then(|v| {
        let pointer = f.path("wage");
        read_wage(v, pointer, f.issues)
    });
    let soc = f.opt_str("soc");
    let description = f.opt_str("description");
    let services = f.strings("services");
    let tags = f.strings("tags");
    let sources = f.strings("sources");
    let note = f.opt_str("note");
    let requires = f.strings("requires");
    let awards = f.strings("awards");
    let weeks_range = read_weeks_range(&mut f, weeks);
    let hours = f.opt_amount("hours", MAX_HOURS);
    let url = f.opt_str("url");
    let contact = f.opt_str("contact");
    let explain = f.explain();
    let extra = f.rest();
    if issues.len() > before {
        broken_ids.extend(id);
        return None;
    }
    Some(Stage {
        id: id?,
        title: title?,
        kind: kind?,
        level: u8::try_from(level?).ok()?,
        entry,
        credential,
        weeks,
        cost_usd,
        wage,
        soc,
        sources,
        pathway: 0,
        at: 0,
        details: StageDetails {
            description,
            services,
            tags,
            note,
            requires,
            awards,
            weeks_range,
            hours,
            url,
            contact,
            explain,
            extra,
        }
        .boxed(),
    })
}

/// `weeks_range`: `[min, max]` with `min <= max`, and the typical `weeks` inside it.
fn read_weeks_range(f: &mut Fields<'_>, weeks: Option<f64>) -> Option<(f64, f64)> {
    let v = f.take("weeks_range")?;
    let pair = match v.as_array().map(Vec::as_slice) {
        Some([a, b]) => a.as_f64().zip(b.as_f64()),
        _ => None,
    };
    let found = match pair {
        Some((lo, hi)) if lo.is_finite() && 0.0 <= lo && lo <= hi && hi <= MAX_WEEKS => match weeks {
            Some(w) if w < lo || w > hi => format!("the typical weeks {w} lies outside {lo} to {hi}"),
            _ => return Some((lo, hi)),
        },
        _ => format!(
            "expected [min, max] weeks with 0 <= min <= max <= {MAX_WEEKS}, found {}",
            short(&v)
        ),
    };
    f.problem("weeks_range", found);
    None
}

fn read_entry(f: &mut Fields<'_>) -> Vec<Entry> {
    let base = f.path("entry");
    let tokens = f.strings("entry");
    let mut entry = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        match Entry::parse(token) {
            Ok(e) if !entry.contains(&e) => entry.push(e),
            Ok(_) => {}
            Err(_) => f.issues.push(Issue {
                pointer: format!("{base}/{i}"),
                message: format!(
                    "unknown entry level \"{token}\": expected ESL n or ABE n (n 1..6, that level or higher), \
                     a band ESL n-m or ABE n-m (levels n up to m, 1..6; a level class is ESL 3-3), HSE or any"
                ),
            }),
        }
    }
    entry
}

fn read_wage(v: Value, pointer: String, issues: &mut Vec<Issue>) -> Option<Wage> {
    let mut f = Fields::new(v, pointer, "a wage", issues)?;
    let median = f.opt_amount("median_annual_usd", MAX_USD);
    if median.is_none() && !f.map.contains_key("median_annual_usd") {
        f.missing("median_annual_usd");
    }
    let year = f.required("year").and_then(|v| f.int_in("year", v, 1900, 2100));
    let source = f.req_str("source");
    Some(Wage {
        median_annual_usd: median?,
        year: u16::try_from(year?).ok()?,
        source: source?,
    })
}

fn read_transition(
    v: Value,
    pointer: String,
    issues: &mut Vec<Issue>,
) -> Option<(String, String, Transition)> {
    let mut f = Fields::new(v, pointer, "a transition", issues)?;
    let from = f.req_id("from");
    let to = f.req_id("to");
    let mode = f
        .required("mode")
        .and_then(|v| match v.as_str().and_then(Mode::parse) {
            Some(m) => Some(m),
            None => {
                f.problem(
                    "mode",
                    format!("unknown mode {}: expected integrated or sequential", short(&v)),
                );
                None
            }
        });
    let weeks = f.opt_amount("weeks", MAX_WEEKS);
    let cost_usd = f.opt_amount("cost_usd", MAX_USD);
    let note = f.opt_str("note");
    let sources = f.strings("sources");
    if let (Some(a), Some(b)) = (&from, &to)
        && a == b
    {
        f.problem("to", format!("a transition from \"{a}\" to itself"));
    }
    let explain = f.explain();
    let extra = f.rest();
    Some((
        from?,
        to?,
        Transition::new(mode?, weeks, cost_usd)
            .with_details(note, sources, extra)
            .with_explain(explain),
    ))
}

fn read_table(top: Map<String, Value>, file: &str, issues: &mut Vec<Issue>) -> Option<BenchmarkTable> {
    let mut f = Fields::new(Value::Object(top), String::new(), "a test table", issues)?;
    let test = f.req_str("test");
    let title = f.req_str("title");
    let scale = f.req_str("scale").and_then(|s| match s.as_str() {
        "ESL" => Some(Scale::Esl),
        "ABE" => Some(Scale::Abe),
        _ => {
            f.problem(
                "scale",
                format!("unknown scale \"{s}\": expected \"ESL\" or \"ABE\""),
            );
            None
        }
    });
    let effective = f.opt_str("effective");
    let source = f.required("source").and_then(|v| {
        let mut s = Fields::new(v, "/source".into(), "a source", f.issues)?;
        let title = s.req_str("title");
        let year = s.required("year").and_then(|v| s.int_in("year", v, 1900, 2100));
        let url = s.opt_str("url");
        // Checked as the schema says, though nothing shows it yet.
        s.opt_str("publisher");
        Some(TableSource {
            title: title?,
            year: u16::try_from(year?).ok()?,
            url,
        })
    });
    let subjects = match f.required("subjects") {
        Some(Value::Object(map)) if map.is_empty() => {
            f.problem(
                "subjects",
                "a test table gives at least one subject, such as {\"reading\": [...]}".into(),
            );
            Vec::new()
        }
        Some(Value::Object(map)) => map
            .into_iter()
            .filter_map(|(name, v)| read_subject(name, v, scale, f.issues))
            .collect(),
        Some(other) => {
            f.problem(
                "subjects",
                format!("expected an object of subjects, found {}", describe(&other)),
            );
            Vec::new()
        }
        None => Vec::new(),
    };
    Some(BenchmarkTable {
        test: test?,
        title: title?,
        scale: scale?,
        effective,
        source: source?,
        subjects,
        file: file.to_string(),
    })
}

fn read_subject(name: String, v: Value, scale: Option<Scale>, issues: &mut Vec<Issue>) -> Option<Subject> {
    let pointer = format!("/subjects/{}", name.replace('~', "~0").replace('/', "~1"));
    let Value::Array(rows) = v else {
        issues.push(Issue {
            pointer,
            message: format!("expected an array of level bands, found {}", describe(&v)),
        });
        return None;
    };
    if rows.is_empty() {
        issues.push(Issue {
            pointer,
            message: "expected at least one level band, such as {\"level\": \"ESL 1\", \"max\": 180}".into(),
        });
        return None;
    }
    // Each band with its row, which messages name.
    let mut bands: Vec<(usize, Band)> = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let Some(mut f) = Fields::new(row, format!("{pointer}/{i}"), "a level band", issues) else {
            continue;
        };
        let level = f.req_str("level").and_then(|t| match SkillLevel::parse(&t) {
            Ok(l) if scale.is_none_or(|s| s == l.scale()) && l != SkillLevel::Hse => Some(l),
            _ => {
                f.problem("level", format!("\"{t}\" is not a level of this table's scale"));
                None
            }
        });
        let min = f.take("min").and_then(|v| f.int_in("min", v, 0, 100_000));
        let max = f.take("max").and_then(|v| f.int_in("max", v, 0, 100_000));
        if let (Some(lo), Some(hi)) = (min, max)
            && lo > hi
        {
            f.problem("max", format!("max {hi} is below min {lo}"));
        }
        // Each level once, lowest first: placing a score takes the first band that holds it.
        if let (Some(level), Some((_, last))) = (level, bands.last())
            && level <= last.level
        {
            let message = if level == last.level {
                format!("{level} is given twice: a subject gives each level once")
            } else {
                format!(
                    "{level} comes after {}: give the bands lowest level first",
                    last.level
                )
            };
            f.problem("level", message);
            continue;
        }
        if let Some(level) = level {
            let band = Band {
                level,
                min: min.and_then(|m| u32::try_from(m).ok()),
                max: max.and_then(|m| u32::try_from(m).ok()),
            };
            bands.push((i, band));
        }
    }
    for pair in bands.windows(2) {
        let ((_, low), (row, high)) = (&pair[0], &pair[1]);
        let contiguous = matches!((low.max, high.min), (Some(hi), Some(lo)) if lo == hi + 1);
        if !contiguous {
            let end = match low.max {
                Some(max) => format!("{} ends at {max}", low.level),
                None => format!("{} has no max", low.level),
            };
            let start = match high.min {
                Some(min) => format!("{} starts at {min}", high.level),
                None => format!("{} has no min", high.level),
            };
            issues.push(Issue {
                pointer: format!("{pointer}/{row}"),
                message: format!(
                    "bands must be contiguous (each min one above the max before it): {end} but {start}"
                ),
            });
        }
    }
    let bands = bands.into_iter().map(|(_, band)| band).collect();
    Some(Subject { name, bands })
}

/// Tables: a user's table replaces the shipped one for the same test; two of the same origin clash.
fn merge_tables(
    inputs: &[Unit<'_>],
    tables: Vec<(usize, BenchmarkTable)>,
    texts: &[&str],
    report: &mut Report,
) -> Benchmarks {
    let mut kept: Vec<(usize, BenchmarkTable)> = Vec::new();
    for (i, table) in tables {
        match kept.iter().position(|(_, t)| t.test == table.test) {
            None => kept.push((i, table)),
            Some(k) if inputs[kept[k].0].origin == Origin::Shipped && inputs[i].origin == Origin::User => {
                kept[k] = (i, table);
            }
            // A shipped table read after the user's for the same test: the user's stands.
            Some(_) if inputs[i].origin == Origin::Shipped => {}
            Some(k) => {
                let first = &inputs[kept[k].0].name;
                report.at(
                    &inputs[i],
                    texts[i],
                    "/test".into(),
                    format!("duplicate test table \"{}\" (also in {first})", table.test),
                );
            }
        }
    }
    Benchmarks::new(kept.into_iter().map(|(_, t)| t).collect())
}

/// Where the value at `pointer` of a unit is, for a message naming it: `FILE:LINE:COLUMN`.
fn place_of(unit: &Unit<'_>, text: &str, pointer: &str) -> String {
    let (file, position) = match &unit.layout {
        Some(layout) => {
            let spot = layout.spot(pointer);
            (spot.file, spot.position)
        }
        None => (unit.name.clone(), Some(locate(text, pointer))),
    };
    match position {
        Some(p) => format!("{file}:{}:{}", p.line, p.column),
        None => file,
    }
}

/// Resolves ids across files and builds the graph. Reports duplicate and unknown ids.
fn count<T>(parts: &[Vec<T>]) -> usize {
    parts.iter().map(Vec::len).sum()
}

/// A user's file with the id of a shipped pathway replaces it, as a user's test table does: a
/// designer checks an edited copy of a shipped file with `--with-shipped`.
fn drop_replaced_shipped(inputs: &[Unit<'_>], files: &mut Vec<(usize, PathwayFile<'_>)>) {
    let id_of = |f: &PathwayFile<'_>| f.pathway.as_ref().map(|m| m.id.clone());
    let users: HashSet<String> = files
        .iter()
        .filter(|(i, _)| inputs[*i].origin == Origin::User)
        .filter_map(|(_, f)| id_of(f))
        .collect();
    files.retain(|(i, f)| {
        inputs[*i].origin != Origin::Shipped || id_of(f).is_none_or(|id| !users.contains(&id))
    });
}

fn link(
    inputs: &[Unit<'_>],
    mut files: Vec<(usize, PathwayFile<'_>)>,
    texts: &[&str],
    unread: &[&str],
    report: &mut Report,
) -> Pathways {
    drop_replaced_shipped(inputs, &mut files);
    let stage_total: usize = files.iter().map(|(_, f)| count(&f.stages)).sum();
    let transition_total: usize = files.iter().map(|(_, f)| count(&f.transitions)).sum();
    let mut graph = DiGraph::with_capacity(stage_total, transition_total);
    let mut index: HashMap<String, NodeIndex> = HashMap::with_capacity(stage_total);
    // Where each node was defined (input, index in its file), for duplicate-id messages.
    let mut defined_at: Vec<(usize, usize)> = Vec::with_capacity(stage_total);
    let mut pathway_ids: HashMap<String, usize> = HashMap::new();
    // Ids of stages with problems (already reported): transitions to them are not reported again.
    let broken: HashSet<String> = files
        .iter_mut()
        .flat_map(|(_, f)| std::mem::take(&mut f.broken_ids))
        .collect();
    for (p, (input, file)) in files.iter_mut().enumerate() {
        let input = *input;
        if let Some(meta) = &file.pathway {
            if let Some(&first) = pathway_ids.get(&meta.id) {
                let message = format!(
                    "duplicate pathway id \"{}\" (also in {})",
                    meta.id, inputs[first].name
                );
                report.at(&inputs[input], texts[input], "/pathway/id".into(), message);
            } else {
                pathway_ids.insert(meta.id.clone(), input);
            }
        }
        for (i, mut stage) in std::mem::take(&mut file.stages).into_iter().flatten() {
            stage.pathway = p;
            stage.at = u32::try_from(i).unwrap_or(u32::MAX);
            if let Some(node) = index.get(&stage.id) {
                if report.is_full() {
                    report.omitted += 1;
                    continue;
                }
                let (first_input, first_i) = defined_at[node.index()];
                let first = place_of(
                    &inputs[first_input],
                    texts[first_input],
                    &format!("/stages/{first_i}/id"),
                );
                let message = format!("duplicate stage id \"{}\" (first defined at {first})", stage.id);
                report.at(&inputs[input], texts[input], format!("/stages/{i}/id"), message);
                continue;
            }
            let id = stage.id.clone();
            let node = graph.add_node(stage);
            index.insert(id, node);
            defined_at.push((input, i));
        }
    }
    let (conditions, eligibility) = link_conditions(inputs, &files, &graph, &defined_at, texts, report);
    let mut pathways = Vec::with_capacity(files.len());
    let mut hinted = 0;
    for (p, (input, file)) in files.into_iter().enumerate() {
        // The ends are looked up side by side; the edges are added in file order.
        let ends = parallel::map(&file.transitions, |part| {
            let find = |id: &str| index.get(id).copied();
            part.iter()
                .map(|(_, raw)| (find(&raw.from), find(&raw.to)))
                .collect::<Vec<_>>()
        });
        for (part, ends) in file.transitions.into_iter().zip(ends) {
            for ((i, raw), (from, to)) in part.into_iter().zip(ends) {
                for (end, id, found) in [("from", &raw.from, from), ("to", &raw.to, to)] {
                    // A file that could not be read may define it: its own error says what to fix.
                    if found.is_none() && !broken.contains(id.as_ref()) && unread.is_empty() {
                        // Looking for the nearest id reads them all: only for the first few, and
                        // not among millions.
                        let near = (hinted < 20 && index.len() <= 200_000)
                            .then(|| crate::domain::condition::nearest(id, index.keys().map(String::as_str)))
                            .flatten();
                        hinted += 1;
                        let message = match near {
                            Some(n) => format!(
                                "unknown stage id \"{id}\": no loaded file defines it (did you mean \"{n}\"?)"
                            ),
                            None => format!("unknown stage id \"{id}\": no loaded file defines it"),
                        };
                        report.at(
                            &inputs[input],
                            texts[input],
                            format!("/transitions/{i}/{end}"),
                            message,
                        );
                    }
                }
                if let (Some(from), Some(to)) = (from, to) {
                    let mut transition = raw.transition;
                    transition.pathway = p;
                    transition.at = u32::try_from(i).unwrap_or(u32::MAX);
                    graph.add_edge(from, to, transition);
                }
            }
        }
        // A broken `pathway` object was reported; nothing will be built, so any stand-in will do.
        pathways.push(file.pathway.unwrap_or_else(|| Pathway {
            id: String::new(),
            title: String::new(),
            sector: String::new(),
            region: None,
            sources: Vec::new(),
            conditions: Vec::new(),
            file: inputs[input].name.clone(),
            explain: Explain::new(),
            extra: Map::new(),
        }));
    }
    if !report.errors.is_empty() {
        return Pathways::default();
    }
    Pathways::from_parts(pathways, graph, index, conditions, eligibility)
}

/// Declared conditions across files (an id declared twice is an error, as for stages), and each
/// stage's `requires` and `awards` resolved against them; an undeclared id names the nearest one.
fn link_conditions(
    inputs: &[Unit<'_>],
    files: &[(usize, PathwayFile<'_>)],
    graph: &DiGraph<Stage, Transition>,
    defined_at: &[(usize, usize)],
    texts: &[&str],
    report: &mut Report,
) -> (Conditions, Eligibility) {
    let mut list: Vec<Condition> = Vec::new();
    // Where each declaration is: (input, index in its file's conditions).
    let mut declared_at: Vec<(usize, usize)> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (input, file) in files {
        let Some(meta) = &file.pathway else { continue };
        for (i, c) in meta.conditions.iter().enumerate() {
            if let Some(&k) = by_id.get(c.id.as_str()) {
                if report.is_full() {
                    report.omitted += 1;
                    continue;
                }
                let (first_input, first_i) = declared_at[k];
                let first = place_of(
                    &inputs[first_input],
                    texts[first_input],
                    &format!("/pathway/conditions/{first_i}/id"),
                );
                let message = format!("duplicate condition id \"{}\" (first declared at {first})", c.id);
                report.at(
                    &inputs[*input],
                    texts[*input],
                    format!("/pathway/conditions/{i}/id"),
                    message,
                );
                continue;
            }
            by_id.insert(&c.id, list.len());
            list.push(c.clone());
            declared_at.push((*input, i));
        }
    }
    if list.len() > MAX_CONDITIONS {
        let (input, i) = declared_at[MAX_CONDITIONS];
        report.at(
            &inputs[input],
            texts[input],
            format!("/pathway/conditions/{i}"),
            format!(
                "{} conditions in all: the files together declare at most {MAX_CONDITIONS}",
                list.len()
            ),
        );
        list.truncate(MAX_CONDITIONS);
    }
    let (conditions, unknown_implied) = Conditions::new(list);
    // "Did you mean" only for the problems listed: each search reads every declared id.
    let worded = |mut error: crate::domain::condition::UnknownCondition, report: &Report| {
        if !report.is_full() {
            error.nearest = conditions.nearest(&error.id);
        }
        error.to_string()
    };
    for (c, j, error) in unknown_implied {
        let (input, i) = declared_at[c];
        let pointer = format!("/pathway/conditions/{i}/implies/{j}");
        let message = worded(error, report);
        report.at(&inputs[input], texts[input], pointer, message);
    }
    let (eligibility, unknown) = Eligibility::build(&conditions, graph.node_weights());
    for u in unknown {
        let (input, i) = defined_at[u.stage];
        let pointer = format!("/stages/{i}/{}/{}", u.field, u.item);
        let message = worded(u.error, report);
        report.at(&inputs[input], texts[input], pointer, message);
    }
    (conditions, eligibility)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, text: &str) -> Input {
        Input {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
            origin: Origin::User,
        }
    }

    fn errors(text: &str) -> Vec<String> {
        match load(&[input("f.json", text)]) {
            Ok(_) => Vec::new(),
            Err(e) => e.errors.iter().map(ToString::to_string).collect(),
        }
    }

    const GOOD: &str = r#"{
  "format": "pathways/1",
  "pathway": {"id": "hc", "title": "Healthcare", "sector": "Healthcare",
              "sources": [{"id": "oews-2025", "title": "BLS OEWS May 2025", "year": 2025}]},
  "stages": [
    {"id": "esl-3", "title": "ESL 3", "kind": "education", "level": 0, "entry": ["ESL 3"], "weeks": 11},
    {"id": "nac", "title": "I-BEST NAC", "kind": "training", "level": 2, "credential": "NAC", "future": [1]},
    {"id": "cna", "title": "CNA", "kind": "employment", "level": 2, "soc": "31-1131",
     "wage": {"median_annual_usd": 42260, "year": 2025, "source": "oews-2025"}}
  ],
  "transitions": [
    {"from": "esl-3", "to": "nac", "mode": "integrated"},
    {"from": "nac", "to": "cna", "mode": "sequential", "weeks": 2}
  ]
}"#;

    /// An edited copy of a shipped file stands in for it; two user files with one id still clash.
    #[test]
    fn a_user_file_replaces_the_shipped_file_of_the_same_pathway_id() {
        let shipped = Input {
            origin: Origin::Shipped,
            ..input("data/hc.json", GOOD)
        };
        let edited = GOOD.replace("\"title\": \"CNA\"", "\"title\": \"Nursing assistant\"");
        let p = load(&[shipped, input("mine/hc.json", &edited)])
            .expect("loads")
            .pathways;
        assert_eq!(p.stage_count(), 3);
        assert_eq!(p.pathways().len(), 1);
        assert_eq!(p.pathways()[0].file, "mine/hc.json");
        let cna = p.find("cna").expect("cna");
        assert_eq!(p.stage(cna).title, "Nursing assistant");
        let twice = load(&[input("a.json", GOOD), input("b.json", GOOD)]).expect_err("clash");
        assert!(
            twice.to_string().contains("duplicate pathway id \"hc\""),
            "{twice}"
        );
    }

    /// A file big enough to be read in several chunks side by side.
    fn chain(n: usize, bad_stages: &[usize], bad_ends: &[usize]) -> String {
        let stages: Vec<String> = (0..n)
            .map(|i| {
                let kind = if bad_stages.contains(&i) {
                    "school"
                } else {
                    "training"
                };
                format!(r#"{{"id": "s{i}", "title": "Stage {i}", "kind": "{kind}", "level": 1}}"#)
            })
            .collect();
        let transitions: Vec<String> = (0..n - 1)
            .map(|i| {
                let to = if bad_ends.contains(&i) {
                    format!("nowhere{i}")
                } else {
                    format!("s{}", i + 1)
                };
                format!(r#"{{"from": "s{i}", "to": "{to}", "mode": "sequential"}}"#)
            })
            .collect();
        format!(
            "{{\"format\": \"pathways/1\", \"pathway\": {{\"id\": \"c\", \"title\": \"C\", \"sector\": \"C\"}},\n\
             \"stages\": [\n{}\n],\n\"transitions\": [\n{}\n]}}",
            stages.join(",\n"),
            transitions.join(",\n")
        )
    }

    fn with_stage_fields(fields: &str) -> String {
        GOOD.replace(
            r#""credential": "NAC", "future": [1]"#,
            &format!(r#""credential": "NAC", {fields}"#),
        )
    }

    #[test]
    fn ranges_hours_and_where_to_ask_are_read_by_both_paths() {
        // The fast path (every field known) and the careful one (an unknown field) agree.
        for extra in ["", r#", "future": 1"#] {
            let text = with_stage_fields(&format!(
                r#""weeks": 44, "weeks_range": [33, 55], "hours": 264, "url": "https://example.org/p",
                   "contact": "Advising, 555-0100"{extra}"#
            ));
            let loaded = load(&[input("f.json", &text)]).expect("loads");
            let p = &loaded.pathways;
            let s = p.stage(p.find("nac").expect("nac"));
            assert_eq!(s.weeks_range(), Some((33.0, 55.0)), "{extra}");
            assert_eq!(s.weeks_span(), Some((33.0, 55.0)));
            assert_eq!(s.hours(), Some(264.0));
            assert_eq!(s.url(), Some("https://example.org/p"));
            assert_eq!(s.contact(), Some("Advising, 555-0100"));
        }
    }

    #[test]
    fn figures_beyond_any_real_one_are_refused_so_sums_stay_finite() {
        // 1e308 weeks summed over two stages was infinity: "inf weeks, $inf" (issue 14, item 11).
        let cases = [
            (
                r#""weeks": 1e308"#,
                "1e+308 is more than any real figure: give at most 10000",
            ),
            (r#""cost_usd": 10000001"#, "give at most 10000000"),
            (r#""hours": 1e6"#, "give at most 100000"),
            (r#""weeks_range": [1, 1e308]"#, "0 <= min <= max <= 10000"),
        ];
        for (fields, want) in cases {
            let errors = errors(&with_stage_fields(fields));
            assert!(errors.iter().any(|e| e.contains(want)), "{fields}: {errors:?}");
        }
        let at_the_limit = with_stage_fields(r#""weeks": 10000, "cost_usd": 10000000, "hours": 100000"#);
        assert!(errors(&at_the_limit).is_empty());
        let transition = GOOD.replace(
            r#""mode": "sequential", "weeks": 2"#,
            r#""mode": "sequential", "weeks": 1e300"#,
        );
        assert!(
            errors(&transition)
                .iter()
                .any(|e| e.contains("/transitions/1/weeks")),
            "{:?}",
            errors(&transition)
        );
    }

    /// A transition given twice loads, both copies kept (and exported): the audit warns of it
    /// (`duplicate-transition`, issue 18, item 3), as an error it blocked every other check.
    #[test]
    fn a_transition_given_twice_loads_and_is_left_to_the_audit() {
        let twice = GOOD.replace(
            r#"{"from": "nac", "to": "cna", "mode": "sequential", "weeks": 2}"#,
            r#"{"from": "nac", "to": "cna", "mode": "sequential", "weeks": 2},
    {"from": "nac", "to": "cna", "mode": "sequential"}"#,
        );
        let once = load(&[input("f.json", GOOD)]).expect("loads").pathways;
        let p = load(&[input("f.json", &twice)]).expect("loads").pathways;
        assert_eq!(p.transition_count(), once.transition_count() + 1);
    }

    #[test]
    fn bad_ranges_are_refused_where_they_are() {
        let cases = [
            (
                r#""weeks_range": [55, 33]"#,
                "expected [min, max] weeks with 0 <= min <= max <= 10000, found [55,33]",
            ),
            (r#""weeks_range": [1]"#, "expected [min, max] weeks"),
            (r#""weeks_range": "2 to 4 years""#, "expected [min, max] weeks"),
            (
                r#""weeks": 60, "weeks_range": [33, 55]"#,
                "the typical weeks 60 lies outside 33 to 55",
            ),
            (r#""hours": -1"#, "expected a number of 0 or more"),
        ];
        for (fields, want) in cases {
            let errors = errors(&with_stage_fields(fields));
            assert!(
                errors
                    .iter()
                    .any(|e| e.contains(want) && e.starts_with("f.json:")),
                "{fields}: {errors:?}"
            );
        }
    }

    #[test]
    fn big_files_build_in_file_order_whatever_the_chunks() {
        let n = 3 * 4096 + 17;
        let text = chain(n, &[], &[]);
        for workers in [1, 2, 3] {
            let loaded = parallel::with_workers(workers, || load(&[input("c.json", &text)]));
            check_chain(&loaded.expect("loads").pathways, n);
        }
    }

    fn check_chain(p: &Pathways, n: usize) {
        assert_eq!((p.stage_count(), p.transition_count()), (n, n - 1));
        for i in [0, 4095, 4096, 8192, n - 1] {
            assert_eq!(p.stage(NodeIndex::new(i)).id, format!("s{i}"));
        }
        for i in [0, 4096, n - 2] {
            let (from, to) = p
                .graph()
                .edge_endpoints(petgraph::graph::EdgeIndex::new(i))
                .expect("edge");
            assert_eq!((from.index(), to.index()), (i, i + 1));
        }
    }

    #[test]
    fn big_files_report_every_problem_in_file_order() {
        let n = 3 * 4096 + 17;
        let text = chain(n, &[10, 9000], &[20, 11_000]);
        let found = errors(&text);
        for workers in [1, 3] {
            assert_eq!(
                parallel::with_workers(workers, || errors(&text)),
                found,
                "{workers} workers"
            );
        }
        // Line 3 holds stage 0; transitions start two lines after the last stage.
        let t0 = 3 + n + 2;
        let expected = [
            format!("f.json:{}:", 3 + 10),
            format!("f.json:{}:", 3 + 9000),
            format!("f.json:{}:", t0 + 20),
            format!("f.json:{}:", t0 + 11_000),
        ];
        assert_eq!(found.len(), 4, "{found:#?}");
        for (message, at) in found.iter().zip(&expected) {
            assert!(
                message.starts_with(at.as_str()),
                "{message} should start with {at}"
            );
        }
        assert!(found[0].contains("unknown kind"), "{}", found[0]);
        assert!(
            found[3].contains("unknown stage id \"nowhere11000\""),
            "{}",
            found[3]
        );
        // Transitions into and out of the broken stages are not reported again.
        assert!(
            !found
                .iter()
                .any(|m| m.contains("\"s10\"") || m.contains("\"s9000\""))
        );
    }

    #[test]
    fn a_stage_too_deep_to_read_is_reported_once() {
        let deep = format!("{}1{}", "[".repeat(500), "]".repeat(500));
        let text = GOOD.replace(r#""future": [1]"#, &format!(r#""future": {deep}"#));
        let found = errors(&text);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("/stages/1"), "{}", found[0]);
        assert!(id_of(&format!(r#"{{"x": {deep}, "id": "nac"}}"#)).is_some_and(|id| id == "nac"));
    }

    #[test]
    fn problems_are_listed_in_the_order_the_file_gives_its_arrays() {
        let stages: Vec<String> = (0..250)
            .map(|i| format!(r#"{{"id": "s{i}", "title": "S", "kind": "school", "level": 1}}"#))
            .collect();
        let text = format!(
            "{{\"format\": \"pathways/1\", \"pathway\": {{\"id\": \"c\", \"title\": \"C\", \"sector\": \"C\"}},\n\
             \"transitions\": [{{\"from\": \"a\", \"to\": \"b\", \"mode\": \"sideways\"}}],\n\
             \"stages\": [\n{}\n]}}",
            stages.join(",\n")
        );
        let err = load(&[input("f.json", &text)]).expect_err("bad");
        assert_eq!(err.errors.len(), MAX_MESSAGES);
        assert!(
            err.errors[0].to_string().contains("unknown mode"),
            "{}",
            err.errors[0]
        );
        assert_eq!(err.omitted, 250 + 1 - MAX_MESSAGES);
        // A problem of the whole file is never among those left out.
        let text = text.replace("pathways/1", "pathways/2");
        let err = load(&[input("f.json", &text)]).expect_err("bad");
        assert!(
            err.errors[0].to_string().contains("unknown format"),
            "{}",
            err.errors[0]
        );
        assert_eq!(err.omitted, 250 + 1 + 1 - MAX_MESSAGES);
    }

    #[test]
    fn loads_a_good_file_and_keeps_unknown_fields() {
        let loaded = load(&[input("f.json", GOOD)]).expect("loads");
        let p = &loaded.pathways;
        assert_eq!(p.stage_count(), 3);
        assert_eq!(p.transition_count(), 2);
        let nac = p.find("nac").expect("nac");
        assert_eq!(
            p.stage(nac).extra().and_then(|e| e.get("future")),
            Some(&serde_json::json!([1]))
        );
        assert!(p.is_off_ramp(nac));
        assert_eq!(p.on_ramps().count(), 1);
    }

    #[test]
    fn reports_every_problem_with_line_column_and_path() {
        let bad = GOOD
            .replace("\"level\": 2, \"credential\"", "\"level\": 12, \"credential\"")
            .replace("\"mode\": \"integrated\"", "\"mode\": \"parallel\"")
            .replace("\"to\": \"cna\"", "\"to\": \"cnaa\"");
        let errs = errors(&bad);
        assert_eq!(errs.len(), 3, "{errs:#?}");
        assert_eq!(
            errs[0],
            "f.json:7:71: /stages/1/level: expected a whole number from 0 to 9, found the number 12"
        );
        assert!(
            errs[1].starts_with("f.json:12:44: /transitions/0/mode: unknown mode \"parallel\""),
            "{}",
            errs[1]
        );
        assert!(
            errs[2].starts_with("f.json:13:27: /transitions/1/to: unknown stage id \"cnaa\""),
            "{}",
            errs[2]
        );
    }

    #[test]
    fn explains_whole_file_problems() {
        assert!(errors("")[0].contains("the file is empty"));
        assert!(errors("   \n")[0].contains("the file is empty"));
        assert!(
            errors("[1, 2]")[0]
                .starts_with("f.json:1:1: /: expected a JSON object at the top level, found an array")
        );
        assert!(errors("{\"format\": \"pathways/2\"}")[0].contains("unknown format \"pathways/2\""));
        assert!(errors("{}")[0].contains("missing required field \"format\""));
        let syntax = &errors("{\n  \"format\": \"pathways/1\",,\n}")[0];
        assert!(syntax.starts_with("f.json:2:26: invalid JSON"), "{syntax}");
        for lone in [
            r#"{"x": "\udc00"}"#,
            r#"{"x": "\ud800\u0041"}"#,
            r#"{"x": "\ud800"}"#,
        ] {
            let said = &errors(lone)[0];
            assert!(said.contains("one half of a UTF-16 surrogate pair"), "{said}");
            assert!(!said.contains("leading"), "{said}");
        }
        let deep = format!("{{\"x\": {}{}}}", "[".repeat(5000), "]".repeat(5000));
        assert!(
            errors(&deep)[0].contains("nesting too deep"),
            "{:?}",
            errors(&deep)
        );
        let deep_in_stage = GOOD.replace(
            "\"future\": [1]",
            &format!("\"future\": {}{}", "[".repeat(5000), "]".repeat(5000)),
        );
        assert!(
            errors(&deep_in_stage)[0].contains("nesting too deep"),
            "{:?}",
            errors(&deep_in_stage)
        );
        let deep_in_pathway = GOOD.replace(
            "\"sector\": \"Healthcare\"",
            &format!("\"sector\": {}{}", "[".repeat(5000), "]".repeat(5000)),
        );
        assert!(
            errors(&deep_in_pathway)[0].contains("nesting too deep"),
            "{:?}",
            errors(&deep_in_pathway)
        );
        let eof = &errors("{\"format\": ")[0];
        assert!(eof.contains("ends too early"), "{eof}");
    }

    #[test]
    fn names_the_place_of_bytes_that_are_not_utf8() {
        let mut bytes = b"{\n \"format\": \"path".to_vec();
        bytes.push(0xff);
        let err = load(&[Input {
            name: "f.json".into(),
            bytes,
            origin: Origin::User,
        }])
        .expect_err("not utf-8");
        assert_eq!(
            err.errors[0].to_string(),
            "f.json:2:17: not UTF-8 text (byte 0xFF): save the file as UTF-8"
        );
    }

    #[test]
    fn conditions_must_be_declared_once_and_used_by_their_ids() {
        let a = r#"{"format": "pathways/1",
 "pathway": {"id": "a", "title": "A", "sector": "A",
  "conditions": [{"id": "hse", "title": "Diploma"}, {"id": "age-21", "title": "21", "implies": ["age-81"]}]},
 "stages": [{"id": "adn", "title": "ADN", "kind": "training", "level": 3, "requires": ["hes"], "awards": ["rn-license"]},
            {"id": "job", "title": "Job", "kind": "employment", "level": 4}],
 "transitions": [{"from": "adn", "to": "job", "mode": "sequential"}]}"#;
        let b = r#"{"format": "pathways/1", "pathway": {"id": "b", "title": "B", "sector": "B",
 "conditions": [{"id": "hse", "title": "Again"}]}, "stages": []}"#;
        let err = load(&[input("a.json", a), input("b.json", b)]).expect_err("bad conditions");
        let lines: Vec<String> = err.errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "b.json:2:24: /pathway/conditions/0/id: duplicate condition id \"hse\" (first declared at a.json:3:25)",
                "a.json:3:97: /pathway/conditions/1/implies/0: unknown condition \"age-81\": did you mean \"age-21\"?",
                "a.json:4:88: /stages/0/requires/0: unknown condition \"hes\": did you mean \"hse\"?",
                "a.json:4:107: /stages/0/awards/0: unknown condition \"rn-license\": declare it in some file's \
                 /pathway/conditions (`pathways levels` lists the declared ones)",
            ]
        );
        let good = a
            .replace("\"hes\"", "\"hse\"")
            .replace("age-81", "hse")
            .replace(", \"awards\": [\"rn-license\"]", "");
        let loaded = load(&[input("a.json", &good)]).expect("loads");
        let p = &loaded.pathways;
        let adn = p.find("adn").expect("adn");
        assert_eq!(p.conditions().ids(p.requires(adn)), ["hse"]);
        assert_eq!(
            p.conditions()
                .ids(&p.conditions().set_of(&["age-21"]).expect("known")),
            ["hse", "age-21"]
        );
    }

    #[test]
    fn duplicate_ids_name_both_places() {
        let other = r#"{"format": "pathways/1", "pathway": {"id": "b", "title": "B", "sector": "B"},
 "stages": [{"id": "nac", "title": "Other", "kind": "training", "level": 1}]}"#;
        let err = load(&[input("a.json", GOOD), input("b.json", other)]).expect_err("dup");
        assert_eq!(err.errors.len(), 1);
        assert_eq!(
            err.errors[0].to_string(),
            "b.json:2:20: /stages/0/id: duplicate stage id \"nac\" (first defined at a.json:7:12)"
        );
    }

    /// Every duplicate is counted, the first few listed with both places (issue 14: locating
    /// each one read the file up to it, 252 s for 40,000; the load bench has the case).
    #[test]
    fn many_duplicates_are_counted_and_a_few_listed() {
        let n = 5_000;
        let text = crate::domain::synthetic::duplicates(n);
        let err = load(&[input("d.json", &text)]).expect_err("duplicates");
        assert_eq!(err.errors.len(), MAX_MESSAGES);
        // The copies of the transition are not load errors: the audit warns of them.
        assert_eq!(err.errors.len() + err.omitted, n - 1, "stage ids");
        assert!(
            err.errors[0]
                .to_string()
                .contains("duplicate stage id \"s\" (first defined at d.json:1:")
        );
    }

    /// One element has a size limit and all list items together a count, checked as elements are
    /// read: 512 MiB of two-letter tags would take about 7 GB (issue 14, item 8).
    #[test]
    fn elements_and_list_items_are_bounded_while_read() {
        let big = GOOD.replace(
            "\"title\": \"I-BEST NAC\"",
            &format!(
                "\"title\": \"I-BEST NAC\", \"description\": \"{}\"",
                "x".repeat(MAX_ELEMENT_BYTES)
            ),
        );
        let said = errors(&big).join("\n");
        assert!(said.contains("/stages/1: this stage takes 1048"), "{said}");
        assert!(
            !said.contains("unknown stage id"),
            "its id is known, only broken: {said}"
        );
        let tags: Vec<String> = (0..40).map(|i| format!("\"t{i}\"")).collect();
        let tagged = GOOD.replace(
            "\"title\": \"I-BEST NAC\"",
            &format!("\"title\": \"I-BEST NAC\", \"tags\": [{}]", tags.join(",")),
        );
        let small = Limits {
            max_list_items: 30,
            ..Limits::DEFAULT
        };
        let loaded = load_with(
            &[input("f.json", &tagged)],
            Limits {
                max_list_items: 60,
                ..Limits::DEFAULT
            },
        );
        assert!(loaded.is_ok(), "{:?}", loaded.err());
        let err = load_with(
            &[
                input("a.json", &tagged),
                input("b.json", &tagged.replace("\"hc\"", "\"hc2\"")),
            ],
            small,
        )
        .expect_err("over the items");
        let said = err.to_string();
        assert!(
            said.contains("the files give more than 30 list items in all"),
            "{said}"
        );
        assert_eq!(
            said.matches("nothing after this is read").count(),
            1,
            "said once: {said}"
        );
    }

    /// Conditions and sources have a bound, and a long chain of implications closes in one walk
    /// each (a chain of 2,000 took 58 s, 100,000 plain conditions 5.6 GB).
    #[test]
    fn conditions_and_sources_are_bounded_and_chains_close() {
        let chain = |n: usize| {
            let conditions: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        r#"{{"id":"c{i}","title":"T","implies":["c{}"]}}"#,
                        (i + 1).min(n - 1)
                    )
                })
                .collect();
            format!(
                r#"{{"format":"pathways/1","pathway":{{"id":"p","title":"P","sector":"S","conditions":[{}]}},
 "stages":[{{"id":"a","title":"A","kind":"education","level":0,"entry":["any"],"awards":["c0"]}},
  {{"id":"j","title":"J","kind":"employment","level":1,"requires":["c{}"]}}],
 "transitions":[{{"from":"a","to":"j","mode":"sequential"}}]}}"#,
                conditions.join(","),
                n - 1
            )
        };
        let n = 300;
        let loaded = load(&[input("c.json", &chain(n))]).expect("loads");
        let p = &loaded.pathways;
        let first = p.conditions().set_of(&["c0"]).expect("known");
        let last = p.conditions().set_of(&[&format!("c{}", n - 1)]).expect("known");
        assert!(last.is_subset(&first), "c0 implies the whole chain");
        let said = errors(&chain(MAX_CONDITIONS + 1)).join("\n");
        assert!(
            said.contains("1001 conditions: the files together declare at most 1000"),
            "{said}"
        );
        let sources: Vec<String> = (0..=MAX_SOURCES)
            .map(|i| format!(r#"{{"id":"s{i}","title":"T","year":2000}}"#))
            .collect();
        let many = GOOD.replace(
            r#""sources": [{"id": "oews-2025", "title": "BLS OEWS May 2025", "year": 2025}]"#,
            &format!(r#""sources": [{}]"#, sources.join(",")),
        );
        assert!(
            errors(&many)
                .iter()
                .any(|e| e.contains("501 sources: a file lists at most 500")),
            "{:?}",
            &errors(&many)[..1]
        );
    }

    /// A key given twice in one stage or transition is a load error at the second (issue 18,
    /// item 3): JSON keeps the last in silence.
    #[test]
    fn duplicate_keys_in_elements_are_errors() {
        let twice = GOOD.replace("\"weeks\": 11", "\"weeks\": 11, \"weeks\": 44");
        let said = errors(&twice);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].contains("/stages/0/weeks: \"weeks\" is given twice in one object: give it once"),
            "{said:?}"
        );
        let in_wage = GOOD.replace(
            "\"soc\": \"31-1131\"",
            "\"soc\": \"31-1131\", \"soc\": \"31-1132\"",
        );
        assert!(
            errors(&in_wage)
                .iter()
                .any(|e| e.contains("/soc: \"soc\" is given twice")),
            "{:?}",
            errors(&in_wage)
        );
        // In the `pathway` object and at the top, too: a second `sector` or `format`.
        let in_pathway = GOOD.replace(
            "\"sector\": \"Healthcare\",",
            "\"sector\": \"Healthcare\", \"sector\": \"Care\",",
        );
        let said = errors(&in_pathway);
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].contains("f.json:3:"), "{said:?}");
        assert!(
            said[0].contains("/pathway/sector: \"sector\" is given twice"),
            "{said:?}"
        );
        let at_top = GOOD.replacen(
            "\"format\": \"pathways/1\",",
            "\"format\": \"pathways/1\", \"format\": \"pathways/1\",",
            1,
        );
        assert!(
            errors(&at_top)
                .iter()
                .any(|e| e.contains("/format: \"format\" is given twice")),
            "{:?}",
            errors(&at_top)
        );
    }

    /// The usual mistakes get their own words: a trailing comma at the comma, comments, curly
    /// quotes; an unknown stage id names the nearest one; a file that cannot be read causes no
    /// "unknown stage id" in the files linked to it (issue 18, items 3 and 4).
    #[test]
    fn usual_mistakes_are_named_where_they_are() {
        let trailing = "{\"format\": \"pathways/1\",\n  \"stages\": [],\n}";
        assert_eq!(
            errors(trailing),
            ["f.json:2:15: invalid JSON: a comma after the last item (remove it)"]
        );
        let comment = "{\"format\": \"pathways/1\", // mine\n}";
        assert!(errors(comment)[0].ends_with("JSON has no comments (remove it, or say it in a `note`)"));
        let curly = "{\"format\": \u{201C}pathways/1\u{201D}}";
        assert!(
            errors(curly)[0].contains("curly quotes are not JSON quotes"),
            "{:?}",
            errors(curly)
        );
        let typo = GOOD.replace("\"to\": \"cna\"", "\"to\": \"cnaa\"");
        assert!(
            errors(&typo).iter().any(|e| e
                .contains("unknown stage id \"cnaa\": no loaded file defines it (did you mean \"cna\"?)")),
            "{:?}",
            errors(&typo)
        );
        let linked = r#"{"format": "pathways/1", "pathway": {"id": "b", "title": "B", "sector": "B"},
 "stages": [{"id": "lpn", "title": "LPN", "kind": "training", "level": 3}],
 "transitions": [{"from": "cna", "to": "lpn", "mode": "sequential"}]}"#;
        let broken = GOOD.replacen('{', "{,", 1);
        let err = load(&[input("a.json", &broken), input("b.json", linked)]).expect_err("a.json is broken");
        assert_eq!(err.errors.len(), 1, "{err}");
        assert!(
            err.errors[0].to_string().starts_with("a.json:1:2: invalid JSON"),
            "{err}"
        );
    }

    /// A UTF-8 byte-order mark is accepted; UTF-16 and UTF-32 files are named (issue 18, item 4).
    #[test]
    fn a_byte_order_mark_is_accepted_and_wide_encodings_are_named() {
        let with_bom = [b"\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat();
        let loaded = load(&[Input {
            name: "bom.json".into(),
            bytes: with_bom.clone(),
            origin: Origin::User,
        }])
        .expect("a BOM is fine");
        assert!(loaded.pathways.find("nac").is_some());
        // Positions after the mark are as an editor shows them.
        let broken = [with_bom.as_slice(), b"x"].concat();
        let err = load(&[Input {
            name: "bom.json".into(),
            bytes: broken,
            origin: Origin::User,
        }])
        .expect_err("trailing x");
        assert!(err.errors[0].to_string().contains("invalid JSON"), "{err}");
        let utf16 = |big: bool, bom: bool| -> Vec<u8> {
            let mut out = Vec::new();
            if bom {
                out.extend(if big { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
            }
            for unit in GOOD.encode_utf16() {
                out.extend(if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                });
            }
            out
        };
        for (bytes, said) in [
            (utf16(false, true), "UTF-16 (little-endian)"),
            (utf16(false, false), "UTF-16 (little-endian)"),
            (utf16(true, true), "UTF-16 (big-endian)"),
            (utf16(true, false), "UTF-16 (big-endian)"),
            (
                GOOD.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect(),
                "UTF-32 (little-endian)",
            ),
        ] {
            let err = load(&[Input {
                name: "w.json".into(),
                bytes,
                origin: Origin::User,
            }])
            .expect_err("wide");
            assert_eq!(err.errors.len(), 1, "{err}");
            assert_eq!(
                err.errors[0].to_string(),
                format!("w.json:1:1: the file is saved as {said}: save it as UTF-8")
            );
        }
    }

    /// `explain` names finding codes it knows, never an error or `unsourced-figure`, and says
    /// why in words; a stage and a transition keep what it says (issue 18).
    #[test]
    fn explain_is_read_and_checked() {
        let with = GOOD.replace(
            "\"credential\": \"NAC\"",
            r#""credential": "NAC", "explain": {"level-jump": "Integrated.", "cycle": "On purpose."}"#,
        );
        let loaded = load(&[input("f.json", &with)]).expect("loads");
        let p = &loaded.pathways;
        let nac = p.stage(p.find("nac").expect("nac"));
        assert_eq!(
            nac.explain(),
            // In code order, as serde_json keeps object members.
            [
                ("cycle".to_string(), "On purpose.".to_string()),
                ("level-jump".to_string(), "Integrated.".to_string())
            ]
        );
        for (explain, said) in [
            (
                r#"{"level-jupm": "x"}"#,
                "unknown finding code \"level-jupm\": did you mean \"level-jump\"?",
            ),
            (
                r#"{"dead-end": "x"}"#,
                "dead-end is an error: fix it in the data, an explanation cannot excuse it",
            ),
            (
                r#"{"unsourced-figure": "x"}"#,
                "unsourced-figure cannot be explained",
            ),
            (r#"{"level-jump": " "}"#, "expected a non-empty string saying why"),
            (
                r#"{"level-jump": 3}"#,
                "expected a non-empty string saying why, found the number 3",
            ),
            (
                r#""level-jump""#,
                "expected an object of finding codes and reasons",
            ),
        ] {
            let bad = GOOD.replace(
                "\"credential\": \"NAC\"",
                &format!(r#""credential": "NAC", "explain": {explain}"#),
            );
            let errors = errors(&bad).join("\n");
            assert!(errors.contains(said), "{explain}: {errors}");
            assert!(errors.contains("/stages/1/explain"), "{errors}");
        }
    }

    /// Titles and ids have a bound, as findings quote them (issue 14, item 8): one stage's long
    /// title quoted in a finding per transition would otherwise take gigabytes.
    #[test]
    fn titles_and_ids_have_a_length_limit() {
        let long = "é".repeat(MAX_NAME_CHARS);
        assert!(
            load(&[input(
                "f.json",
                &GOOD.replace("\"I-BEST NAC\"", &format!("\"{long}\""))
            )])
            .is_ok()
        );
        let over = format!("\"{long}x\"");
        for (what, text) in [
            ("stage title", GOOD.replace("\"I-BEST NAC\"", &over)),
            (
                "credential",
                GOOD.replace("\"credential\": \"NAC\"", &format!("\"credential\": {over}")),
            ),
            (
                "sector",
                GOOD.replace("\"sector\": \"Healthcare\"", &format!("\"sector\": {over}")),
            ),
        ] {
            let said = errors(&text).join("\n");
            assert!(
                said.contains("301 characters: a ") && said.contains("has at most 300"),
                "{what}: {said}"
            );
        }
        let id = "i".repeat(MAX_ID_CHARS + 1);
        let said = errors(&GOOD.replace("\"cna\"", &format!("\"{id}\""))).join("\n");
        assert!(
            said.contains("the id has 201 characters: ids have at most 200"),
            "{said}"
        );
    }

    /// Ids that print the same are the same id: they are compared in Unicode NFC (issue 14).
    #[test]
    fn ids_equal_under_nfc_are_one_id() {
        let two = r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S"},
 "stages": [{"id": "caf\u00e9", "title": "A", "kind": "education", "level": 0, "entry": ["any"]},
  {"id": "cafe\u0301", "title": "B", "kind": "employment", "level": 1}]}"#;
        let err = load(&[input("n.json", two)]).expect_err("dup");
        assert_eq!(err.errors.len(), 1, "{err}");
        assert!(
            err.errors[0]
                .to_string()
                .contains("duplicate stage id \"caf\u{e9}\""),
            "{err}"
        );
        let linked = r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S"},
 "stages": [{"id": "caf\u00e9", "title": "A", "kind": "education", "level": 0, "entry": ["any"]},
  {"id": "jo\u0308b", "title": "B", "kind": "employment", "level": 1}],
 "transitions": [{"from": "cafe\u0301", "to": "j\u00f6b", "mode": "sequential"}]}"#;
        let loaded = load(&[input("n.json", linked)]).expect("loads");
        let p = &loaded.pathways;
        let job = p.find("j\u{f6}b").expect("the job, by its NFC id");
        assert_eq!(p.incoming(job).len(), 1);
        assert_eq!(p.stage(job).id, "j\u{f6}b");
        // Conditions and sources too: declared one way, named the other.
        let named = r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S",
   "conditions": [{"id": "caf\u00e9", "title": "C"}],
   "sources": [{"id": "s\u00e9", "title": "T", "year": 2024}]},
 "stages": [{"id": "a", "title": "A", "kind": "education", "level": 0, "entry": ["any"],
   "awards": ["cafe\u0301"], "weeks": 3, "sources": ["se\u0301"]},
  {"id": "b", "title": "B", "kind": "employment", "level": 1, "requires": ["caf\u00e9"]}],
 "transitions": [{"from": "a", "to": "b", "mode": "sequential"}]}"#;
        let loaded = load(&[input("n.json", named)]).expect("loads");
        let p = &loaded.pathways;
        assert!(
            p.conditions().find("cafe\u{301}").is_some(),
            "--has and learner holds resolve too"
        );
        let a = p.find("a").expect("a");
        assert_eq!(p.awards(a), p.requires(p.find("b").expect("b")));
    }

    #[test]
    fn transitions_may_point_into_another_file() {
        let other = r#"{"format": "pathways/1", "pathway": {"id": "b", "title": "B", "sector": "B"},
 "stages": [{"id": "lpn", "title": "LPN", "kind": "training", "level": 3}],
 "transitions": [{"from": "cna", "to": "lpn", "mode": "sequential"}]}"#;
        let loaded = load(&[input("a.json", GOOD), input("b.json", other)]).expect("loads");
        let cna = loaded.pathways.find("cna").expect("cna");
        let out = loaded.pathways.outgoing(cna);
        assert_eq!(out.len(), 1);
        assert_eq!(loaded.pathways.stage(out[0].other).id, "lpn");
        assert_eq!(loaded.pathways.sectors(), vec!["Healthcare", "B"]);
    }

    #[test]
    fn rejects_wrong_types_bad_numbers_tokens_and_sources() {
        let bad = GOOD
            .replace("\"weeks\": 11", "\"weeks\": -11")
            .replace("[\"ESL 3\"]", "[\"ESL 9\", 3]")
            .replace("\"kind\": \"training\"", "\"kind\": \"school\"")
            .replace("\"source\": \"oews-2025\"", "\"source\": \"oews-2024\"")
            .replace("\"title\": \"I-BEST NAC\",", "");
        let errs = errors(&bad);
        let all = errs.join("\n");
        for expected in [
            "/stages/0/weeks: expected a number of 0 or more, found -11",
            "/stages/0/entry/0: unknown entry level \"ESL 9\"",
            "/stages/0/entry/1: expected a non-empty string, found the number 3",
            "/stages/1/kind: unknown kind \"school\"",
            "/stages/1: missing required field \"title\"",
            "/stages/2/wage/source: unknown source \"oews-2024\"",
        ] {
            assert!(all.contains(expected), "missing {expected:?} in\n{all}");
        }
        // Bands run low to high within 1..6, and the message says how to write one.
        for band in ["ESL 4-2", "ESL 3-7", "ABE 2-HSE", "HSE-3"] {
            let errs = errors(&GOOD.replace("[\"ESL 3\"]", &format!("[\"{band}\"]")));
            let all = errs.join("\n");
            assert!(
                all.contains(&format!("/stages/0/entry/0: unknown entry level \"{band}\""))
                    && all.contains("a band ESL n-m or ABE n-m (levels n up to m, 1..6"),
                "{band}: {all}"
            );
        }
        assert!(errors(&GOOD.replace("[\"ESL 3\"]", "[\"ESL 2-4\", \"abe 3-3\"]")).is_empty());
    }

    /// `2.0` is the whole number 2, as JSON Schema's `integer` has it (issue 18, item 8): it was
    /// "expected a whole number from 0 to 9, found the number 2.0".
    #[test]
    fn whole_numbers_may_be_written_with_a_point_or_an_exponent() {
        let text = GOOD
            .replace("\"level\": 2, \"credential\"", "\"level\": 2.0, \"credential\"")
            .replace("\"year\": 2025, \"source\"", "\"year\": 2.025e3, \"source\"");
        let loaded = load(&[input("f.json", &text)]).expect("loads");
        let p = &loaded.pathways;
        assert_eq!(p.stage(p.find("nac").expect("nac")).level, 2);
        let cna = p.stage(p.find("cna").expect("cna"));
        assert_eq!(cna.wage.as_ref().map(|w| w.year), Some(2025));
        for level in ["2.5", "-1.0", "1e300"] {
            let said = errors(&GOOD.replace(
                "\"level\": 2, \"credential\"",
                &format!("\"level\": {level}, \"credential\""),
            ));
            assert!(
                said.iter()
                    .any(|e| e.contains("expected a whole number from 0 to 9")),
                "{level}: {said:?}"
            );
        }
    }

    fn table(subjects: &str) -> String {
        format!(
            r#"{{"format": "pathways-levels/1", "test": "t", "title": "T", "scale": "ESL",
 "source": {{"title": "S", "year": 2020, "publisher": "P"}},
 "subjects": {subjects}}}"#
        )
    }

    /// A test table gives subjects, each with its bands lowest level first and each level once
    /// (issue 18: `subjects: {}` and two "ESL 1" rows loaded), and says where bands leave a gap
    /// in words, not as Rust debug text ("ends at Some(190)").
    #[test]
    fn a_test_table_gives_each_level_once_lowest_first() {
        let good = r#"{"reading": [{"level": "ESL 1", "max": 180}, {"level": "esl2", "min": 181}]}"#;
        assert!(errors(&table(good)).is_empty(), "{:?}", errors(&table(good)));
        for (subjects, said) in [
            ("{}", "/subjects: a test table gives at least one subject"),
            (
                r#"{"reading": []}"#,
                "/subjects/reading: expected at least one level band",
            ),
            (
                r#"{"reading": [{"level": "ESL 1", "max": 180}, {"level": "ESL 1", "min": 181}]}"#,
                "/subjects/reading/1/level: ESL 1 is given twice: a subject gives each level once",
            ),
            (
                r#"{"reading": [{"level": "ESL 2", "max": 180}, {"level": "ESL 1", "min": 181}]}"#,
                "/subjects/reading/1/level: ESL 1 comes after ESL 2: give the bands lowest level first",
            ),
            (
                r#"{"reading": [{"level": "ESL 1", "max": 190}, {"level": "ESL 2", "min": 192}]}"#,
                "/subjects/reading/1: bands must be contiguous (each min one above the max before it): \
                 ESL 1 ends at 190 but ESL 2 starts at 192",
            ),
            (
                r#"{"reading": [{"level": "ESL 9"}, {"level": "ESL 1"}, {"level": "ESL 2", "min": 1}]}"#,
                "/subjects/reading/2: bands must be contiguous (each min one above the max before it): \
                 ESL 1 has no max but ESL 2 starts at 1",
            ),
        ] {
            let found = errors(&table(subjects)).join("\n");
            assert!(found.contains(said), "{subjects}: {found}");
            assert!(!found.contains("Some("), "{found}");
        }
        let publisher = table(good).replace("\"P\"", "5");
        assert!(
            errors(&publisher)
                .iter()
                .any(|e| e.contains("/source/publisher: expected a string"))
        );
    }

    mod fast_path {
        use super::super::*;
        use proptest::prelude::*;
        use serde_json::json;

        fn field(name: &'static str) -> BoxedStrategy<Value> {
            let anything = prop_oneof![
                Just(Value::Null),
                Just(json!("")),
                Just(json!(" ")),
                Just(json!(3)),
                Just(json!(-1.5)),
                Just(json!([])),
                Just(json!({})),
                Just(json!(["x", 2])),
            ];
            let fitting = match name {
                "kind" => {
                    prop::sample::select(vec!["education", "training", "work-based", "employment", "job"])
                        .prop_map(|s| json!(s))
                        .boxed()
                }
                "level" => (0u64..12).prop_map(|n| json!(n)).boxed(),
                "entry" => prop::collection::vec(
                    prop::sample::select(vec![
                        "ESL 3", "abe2", "any", "HSE", "ESL 9", "", "ESL 3", "ESL 2-4", "ABE 4-2", "esl-3",
                    ]),
                    0..3,
                )
                .prop_map(|v| json!(v))
                .boxed(),
                "weeks" | "cost_usd" => (-5.0f64..60.0).prop_map(|x| json!(x)).boxed(),
                "wage" => (0u64..90_000, 1890u64..2110, prop::sample::select(vec!["s", ""]))
                    .prop_map(|(m, y, s)| json!({"median_annual_usd": m, "year": y, "source": s}))
                    .boxed(),
                "services" | "tags" | "sources" | "requires" | "awards" => {
                    prop::collection::vec("[a-z ]{0,4}", 0..3)
                        .prop_map(|v| json!(v))
                        .boxed()
                }
                _ => "[a-z ]{0,5}".prop_map(|s| json!(s)).boxed(),
            };
            prop_oneof![4 => fitting, 1 => anything].boxed()
        }

        fn stage_like() -> impl Strategy<Value = Value> {
            let names = [
                "id",
                "title",
                "kind",
                "level",
                "entry",
                "credential",
                "weeks",
                "cost_usd",
                "wage",
                "soc",
                "description",
                "services",
                "tags",
                "sources",
                "note",
                "requires",
                "awards",
                "future",
            ];
            let fields: Vec<_> = names
                .iter()
                .map(|&n| prop::option::weighted(0.8, field(n)).prop_map(move |v| (n, v)))
                .collect();
            fields.prop_map(|pairs| {
                let map: Map<String, Value> = pairs
                    .into_iter()
                    .filter_map(|(n, v)| v.map(|v| (n.to_string(), v)))
                    .collect();
                Value::Object(map)
            })
        }

        proptest! {
            /// The typed fast path accepts only what the careful reader accepts, and builds the same stage.
            #[test]
            fn typed_stages_agree_with_the_careful_reader(value in stage_like()) {
                let text = value.to_string();
                let mut issues = Vec::new();
                let careful = read_stage(value, "/stages/0".into(), &mut Vec::new(), &mut issues);
                if let Some(fast) = typed::stage(&text) {
                    prop_assert!(issues.is_empty(), "fast path took what the careful one refuses: {text}");
                    prop_assert_eq!(careful, Some(fast));
                }
            }

            #[test]
            fn typed_transitions_agree_with_the_careful_reader(
                from in "[ab ]{0,2}", to in "[ab]{0,2}",
                mode in prop::sample::select(vec!["integrated", "sequential", "parallel"]),
                weeks in prop::option::of(-2.0f64..9.0),
                extra in prop::option::of(Just(json!(1))),
            ) {
                let mut value = json!({"from": from, "to": to, "mode": mode});
                if let Some(w) = weeks { value["weeks"] = json!(w); }
                if let Some(x) = extra { value["x"] = x; }
                let text = value.to_string();
                let mut issues = Vec::new();
                let careful = read_transition(value, "/transitions/0".into(), &mut issues);
                if let Some((from, to, t)) = typed::transition(&text) {
                    prop_assert!(issues.is_empty(), "{text}");
                    let careful = careful.expect("careful accepts");
                    prop_assert_eq!(careful, (from.into_owned(), to.into_owned(), t));
                }
            }
        }
    }

    #[test]
    fn nothing_is_half_loaded() {
        let bad = GOOD.replace("\"to\": \"cna\"", "\"to\": \"nobody\"");
        assert!(load(&[input("a.json", &bad)]).is_err());
    }
}
