//! A CSV folder's files -> the `pathways/1` document they stand for, as JSON text, and where each
//! of its values was written. Problems of the files themselves (encoding, quoting, the header,
//! the number of cells in a row) are reported here, each at its file, row and column; whether a
//! cell's value is right (a number, a known kind, a declared source) is left to the loader, which
//! says it as it says it for JSON.

use serde_json::{Map, Value};

use super::Part;
use super::columns::{PATHWAY_HEADER, Sheet, sheet};
use super::layout::{Layout, Placed};
use super::parse::{Mistake, Row, Rows};
use crate::domain::load::locate::{Position, position_of};
use crate::domain::load::{FORMAT, LoadError};

/// One CSV file of a folder: which part it is, its name as messages show it, and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    pub part: Part,
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The document as JSON text and where its values are, or every problem of the files.
pub fn read(folder: &str, files: &[File<'_>]) -> Result<(String, Layout), Vec<LoadError>> {
    let mut errors = Vec::new();
    for part in Part::ALL.into_iter().filter(|p| p.makes_a_pathway()) {
        if !files.iter().any(|f| f.part == part) {
            errors.push(missing(folder, part, files));
        }
    }
    let mut unique: Vec<File<'_>> = Vec::new();
    for f in files {
        match unique.iter().find(|u| u.part == f.part) {
            Some(first) => errors.push(whole(
                f.name,
                format!(
                    "{} is given twice in this folder (also as {}): keep one",
                    f.part.file_name(),
                    first.name
                ),
            )),
            None => unique.push(*f),
        }
    }
    unique.sort_by_key(|f| f.part);
    let mut layout = Layout {
        folder: folder.to_string(),
        sheets: Vec::new(),
    };
    let mut pathway = defaults(folder);
    // Each file's elements as JSON text, written row by row: no file is held as rows or values.
    let mut texts: Vec<(Part, String)> = Vec::new();
    let mut size = Size {
        used: 0,
        max: files
            .iter()
            .map(|f| f.bytes.len())
            .sum::<usize>()
            .saturating_mul(4)
            + (1 << 20),
    };
    for f in &unique {
        let mut rows = match text_of(f) {
            Ok(text) => Rows::new(text),
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let placed = match f.part {
            Part::Pathway => read_fields(f.name, &mut rows, &mut pathway, &mut size),
            part => {
                let mut text = String::new();
                let placed = read_table(f.name, &mut rows, part, &mut size, &mut text);
                texts.push((part, text));
                placed
            }
        };
        match placed {
            Ok(placed) => layout.sheets.push(placed),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        // In the order of the files, then top down.
        errors.sort_by_key(|e| (Part::of_file(&e.file), e.position.map(|p| (p.line, p.column))));
        return Err(errors);
    }
    Ok((document(pathway, texts), layout))
}

/// The document's text: the `pathway` object with the sources and conditions, then the stages
/// and transitions, from the text of each file's elements.
fn document(pathway: Map<String, Value>, texts: Vec<(Part, String)>) -> String {
    let array =
        |part: Part| -> Option<&str> { texts.iter().find(|(p, _)| *p == part).map(|(_, t)| t.as_str()) };
    let total: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mut out = String::with_capacity(total + 256);
    out.push_str(&format!("{{\"format\":\"{FORMAT}\",\"pathway\":"));
    let header = Value::Object(pathway).to_string();
    // `{...}` with its last brace taken off, to add the arrays of sources and conditions.
    out.push_str(header.strip_suffix('}').unwrap_or("{"));
    let mut first = header.len() <= 2;
    for (key, part) in [("sources", Part::Sources), ("conditions", Part::Conditions)] {
        if let Some(items) = array(part) {
            out.push_str(if first { "" } else { "," });
            out.push_str(&format!("\"{key}\":[{items}]"));
            first = false;
        }
    }
    out.push('}');
    for (key, part) in [("stages", Part::Stages), ("transitions", Part::Transitions)] {
        out.push_str(&format!(",\"{key}\":[{}]", array(part).unwrap_or("")));
    }
    out.push('}');
    out
}

/// The `pathway` object before `pathway.csv` is read: without it, the folder's name is the
/// pathway's id, title and sector.
fn defaults(folder: &str) -> Map<String, Value> {
    let name = std::path::Path::new(folder)
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or("pathway");
    ["id", "title", "sector"]
        .into_iter()
        .map(|k| (k.to_string(), Value::String(name.to_string())))
        .collect()
}

/// A problem at a row and column of a file.
fn at(file: &str, row: usize, column: usize, message: String) -> LoadError {
    LoadError {
        file: file.to_string(),
        position: Some(Position { line: row, column }),
        pointer: None,
        message,
    }
}

/// A problem of a file as a whole.
fn whole(file: &str, message: String) -> LoadError {
    LoadError {
        file: file.to_string(),
        position: None,
        pointer: None,
        message,
    }
}

/// The problem of a folder without `stages.csv` or `transitions.csv`.
fn missing(folder: &str, part: Part, files: &[File<'_>]) -> LoadError {
    let name = std::path::Path::new(folder).join(part.file_name());
    let has: Vec<&str> = files.iter().map(|f| f.part.file_name()).collect();
    whole(
        &name.display().to_string(),
        format!(
            "missing: a CSV pathway is a folder with both stages.csv and transitions.csv, and \
             this one has {} without it",
            has.join(", ")
        ),
    )
}

/// A file's text: UTF-8, without the byte-order mark Excel writes.
fn text_of<'a>(f: &File<'a>) -> Result<&'a str, LoadError> {
    if let Some(encoding) = crate::domain::load::wide_encoding(f.bytes) {
        return Err(at(
            f.name,
            1,
            1,
            format!("the file is saved as {encoding}: save it as CSV UTF-8"),
        ));
    }
    let bytes = crate::domain::load::without_bom(f.bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = e.valid_up_to();
        let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let p = position_of(prefix, valid);
        at(
            f.name,
            p.line,
            p.column,
            format!(
                "not UTF-8 text (byte 0x{:02X}): save the file as CSV UTF-8 (in Excel: Save As, \
                 CSV UTF-8)",
                bytes.get(valid).copied().unwrap_or(0)
            ),
        )
    })?;
    if text.trim().is_empty() {
        return Err(whole(
            f.name,
            "the file is empty: its first row names the columns".to_string(),
        ));
    }
    Ok(text)
}

/// The most columns a file may have: the documented ones, an `explain.CODE` column for each
/// finding code, translations and the designer's own fit many times over.
const MAX_COLUMNS: usize = 1000;

/// The most rows `pathway.csv` may have (one a field).
const MAX_FIELDS: usize = 1000;

/// A quoting mistake as a problem of `file`.
fn mistake(file: &str, m: Mistake) -> LoadError {
    at(file, m.row, m.cell, m.message)
}

/// The first row that holds something: the header. `None` when there is none (an empty file).
fn header_row(file: &str, rows: &mut Rows<'_>) -> Result<Option<Row>, Vec<LoadError>> {
    loop {
        match rows.next_row(MAX_COLUMNS + 1) {
            None => return Ok(None),
            Some(Err(m)) => return Err(vec![mistake(file, m)]),
            Some(Ok(row)) if row.is_blank() => {}
            Some(Ok(row)) if row.count > MAX_COLUMNS => {
                return Err(vec![at(
                    file,
                    row.number,
                    MAX_COLUMNS + 1,
                    format!("{} columns: a file has at most {MAX_COLUMNS}", row.count),
                )]);
            }
            Some(Ok(row)) => return Ok(Some(row)),
        }
    }
}

/// The problem of a row with another number of cells than the header.
fn cell_count(file: &str, row: &Row, wanted: usize) -> Option<LoadError> {
    let n = row.count;
    if n == wanted {
        return None;
    }
    let hint = if n > wanted {
        " (a cell holding a comma must be in quotes)"
    } else {
        ""
    };
    Some(at(
        file,
        row.number,
        n.min(wanted + 1),
        format!("{n} cells, but the header row names {wanted} columns{hint}"),
    ))
}

/// The columns of a header row, checked against the file's sheet; one name per cell (empty
/// for a cell with no name, whose column must stay empty).
fn read_header(file: &str, header: &Row, sheet: Sheet) -> Result<Vec<String>, Vec<LoadError>> {
    let names: Vec<String> = header.cells.iter().map(|c| c.trim().to_string()).collect();
    let mut errors = Vec::new();
    let err = |column: usize, message: String| at(file, header.number, column, message);
    if let [one] = names.as_slice()
        && let Some(sep) = [';', '\t'].into_iter().find(|s| one.contains(*s))
    {
        let sep = if sep == ';' { ";" } else { "tabs" };
        return Err(vec![err(
            1,
            format!("the header row is one cell with {sep} in it: save the file with commas between cells"),
        )]);
    }
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        if names[..i].contains(name) {
            errors.push(err(
                i + 1,
                format!("the column \"{name}\" is given twice: keep one"),
            ));
            continue;
        }
        // `wage` given whole (as JSON) and `wage.year` too would each give the wage.
        if let [object, _] = sheet.path(name).as_slice()
            && let Some(j) = names.iter().position(|n| n == object)
        {
            errors.push(err(
                i + 1,
                format!(
                    "the columns \"{object}\" (column {}) and \"{name}\" both give {object}: keep one",
                    j + 1
                ),
            ));
        }
    }
    let absent: Vec<String> = sheet
        .required
        .iter()
        .filter(|r| !names.iter().any(|n| n == *r))
        .map(|r| format!("\"{r}\""))
        .collect();
    if !absent.is_empty() {
        let needed: Vec<&str> = sheet.required.to_vec();
        errors.push(err(
            1,
            format!(
                "missing required column{} {}: the first row names the columns, and every file of \
                 this kind needs {}",
                if absent.len() == 1 { "" } else { "s" },
                absent.join(", "),
                needed.join(", ")
            ),
        ));
    }
    if errors.is_empty() { Ok(names) } else { Err(errors) }
}

/// How many bytes the document may take, and has taken so far. Each cell repeats its column's
/// name in the document: a header of long names over rows of one-letter cells would otherwise
/// make a small file a document of gigabytes. Real files give one 1.2 to 2 times their size.
struct Size {
    used: usize,
    max: usize,
}

/// The rows after the header as the elements of the document, written to `out` as JSON text
/// (`{...},{...}`); where each one is.
fn read_table(
    file: &str,
    rows: &mut Rows<'_>,
    part: Part,
    size: &mut Size,
    out: &mut String,
) -> Result<Placed, Vec<LoadError>> {
    let sheet = sheet(part);
    let Some(header) = header_row(file, rows)? else {
        return Err(vec![whole(
            file,
            "the file is empty: its first row names the columns".into(),
        )]);
    };
    let names = read_header(file, &header, sheet)?;
    let kinds: Vec<_> = names.iter().map(|n| sheet.kind_of(n)).collect();
    let paths: Vec<Vec<&str>> = names.iter().map(|n| sheet.path(n)).collect();
    let mut errors = Vec::new();
    let mut numbers = Vec::new();
    while let Some(row) = rows.next_row(names.len() + 1) {
        let row = match row {
            Ok(row) => row,
            Err(m) => {
                errors.push(mistake(file, m));
                break;
            }
        };
        if row.is_blank() {
            continue;
        }
        if let Some(e) = cell_count(file, &row, names.len()) {
            errors.push(e);
            continue;
        }
        let mut object = Map::new();
        for (i, cell) in row.cells.iter().enumerate() {
            if names[i].is_empty() {
                if !cell.trim().is_empty() {
                    errors.push(at(
                        file,
                        row.number,
                        i + 1,
                        "a value in a column with no name: name the column in the first row, or \
                         empty the cell"
                            .to_string(),
                    ));
                }
                continue;
            }
            if let Some(value) = super::cells::read(kinds[i], cell) {
                put(&mut object, &paths[i], value);
            }
        }
        let before = out.len();
        if !numbers.is_empty() {
            out.push(',');
        }
        out.push_str(&Value::Object(object).to_string());
        size.used += out.len() - before;
        if size.used > size.max {
            errors.push(at(
                file,
                row.number,
                1,
                format!(
                    "the CSV files make a pathway document of more than {} MiB, four times their \
                     size (are the column names very long?): nothing after this row is read",
                    size.max >> 20
                ),
            ));
            break;
        }
        numbers.push(row.number);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Placed {
        part,
        file: file.to_string(),
        header: names,
        rows: numbers,
        fields: Vec::new(),
    })
}

/// Puts `value` at `path` (one member, or a member of a member) in `object`.
fn put(object: &mut Map<String, Value>, path: &[&str], value: Value) {
    match path {
        [member] => {
            object.insert((*member).to_string(), value);
        }
        [outer, inner, ..] => {
            let entry = object
                .entry((*outer).to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(map) = entry {
                map.insert((*inner).to_string(), value);
            }
        }
        [] => {}
    }
}

/// `pathway.csv`: rows of `field,value` into the `pathway` object; the row of each field.
fn read_fields(
    file: &str,
    rows: &mut Rows<'_>,
    pathway: &mut Map<String, Value>,
    size: &mut Size,
) -> Result<Placed, Vec<LoadError>> {
    let mut placed = Placed {
        part: Part::Pathway,
        file: file.to_string(),
        header: PATHWAY_HEADER.iter().map(|h| (*h).to_string()).collect(),
        rows: Vec::new(),
        fields: Vec::new(),
    };
    let Some(header) = header_row(file, rows)? else {
        return Ok(placed);
    };
    let names: Vec<String> = header.cells.iter().map(|c| c.trim().to_lowercase()).collect();
    if names != PATHWAY_HEADER {
        return Err(vec![at(
            file,
            header.number,
            1,
            format!(
                "the first row must be \"field,value\", found \"{}\"",
                header.cells.join(",")
            ),
        )]);
    }
    let sheet = sheet(Part::Pathway);
    let mut errors = Vec::new();
    let fields = &mut placed.fields;
    while let Some(row) = rows.next_row(3) {
        let row = match row {
            Ok(row) => row,
            Err(m) => {
                errors.push(mistake(file, m));
                break;
            }
        };
        if row.is_blank() {
            continue;
        }
        if let Some(e) = cell_count(file, &row, 2) {
            errors.push(e);
            continue;
        }
        let (field, cell) = (row.cells[0].trim(), &row.cells[1]);
        let err = |column: usize, message: String| at(file, row.number, column, message);
        if fields.len() == MAX_FIELDS {
            errors.push(err(
                1,
                format!("more than {MAX_FIELDS} fields: nothing after this row is read"),
            ));
            break;
        }
        if field.is_empty() {
            errors.push(err(
                1,
                "a value without a field name: name it in the first cell".into(),
            ));
            continue;
        }
        if let Some((_, first)) = fields.iter().find(|(f, _)| f == field) {
            errors.push(err(
                1,
                format!("\"{field}\" is given twice (also in row {first}): give it once"),
            ));
            continue;
        }
        let elsewhere = match field {
            "sources" | "conditions" => Some(format!("{field}.csv, one a row")),
            "stages" | "transitions" => Some(format!("{field}.csv")),
            "format" => Some("no file: a CSV folder is always pathways/1".to_string()),
            _ => None,
        };
        if let Some(place) = elsewhere {
            errors.push(err(
                1,
                format!("\"{field}\" is not a field of pathway.csv: it goes in {place}"),
            ));
            continue;
        }
        fields.push((field.to_string(), row.number));
        size.used += field.len() + cell.len() + 8;
        if let Some(value) = super::cells::read(sheet.kind_of(field), cell) {
            put(pathway, &sheet.path(field), value);
        }
    }
    if errors.is_empty() {
        Ok(placed)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn files<'a>(list: &'a [(Part, &'a str)]) -> Vec<File<'a>> {
        list.iter()
            .map(|(part, text)| File {
                part: *part,
                name: part.file_name(),
                bytes: text.as_bytes(),
            })
            .collect()
    }

    fn doc(list: &[(Part, &str)]) -> Value {
        let (text, _) = read("mine", &files(list)).unwrap_or_else(|e| panic!("{e:?}"));
        serde_json::from_str(&text).expect("JSON")
    }

    fn problems(list: &[(Part, &str)]) -> Vec<String> {
        match read("mine", &files(list)) {
            Ok(_) => Vec::new(),
            Err(e) => e.iter().map(ToString::to_string).collect(),
        }
    }

    const STAGES: &str = "id,title,kind,level,entry,weeks_range,wage.year,explain.cycle,x-color,\n\
                          a,A,training,2,ESL 3; ABE 2,33;55,2025,why,teal,\n\
                          ,,,,,,,,,\n\
                          j,J,employment,3,,,,,\"{\"\"k\"\": 1}\",\n";
    const TRANSITIONS: &str = "from,to,mode\na,j,sequential\n";

    #[test]
    fn rows_become_the_document() {
        let d = doc(&[
            (Part::Stages, STAGES),
            (Part::Transitions, TRANSITIONS),
            (
                Part::Pathway,
                "field,value\nsector,Care\nexplain.no-low-on-ramp,by design\n",
            ),
            (Part::Sources, "id,title,year\ns,Source,2025\n"),
        ]);
        assert_eq!(
            d["pathway"],
            json!({"id": "mine", "title": "mine", "sector": "Care",
                   "explain": {"no-low-on-ramp": "by design"},
                   "sources": [{"id": "s", "title": "Source", "year": 2025}]})
        );
        assert_eq!(
            d["stages"][0],
            json!({"id": "a", "title": "A", "kind": "training", "level": 2,
                   "entry": ["ESL 3", "ABE 2"], "weeks_range": [33, 55], "wage": {"year": 2025},
                   "explain": {"cycle": "why"}, "x-color": "teal"})
        );
        assert_eq!(d["stages"][1]["x-color"], json!({"k": 1}));
        assert_eq!(d["stages"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            d["transitions"],
            json!([{"from": "a", "to": "j", "mode": "sequential"}])
        );
        assert_eq!(d["format"], "pathways/1");
    }

    #[test]
    fn the_files_own_problems_are_placed() {
        let found = problems(&[(Part::Stages, STAGES)]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("mine/transitions.csv: missing:"),
            "{}",
            found[0]
        );
        let found = problems(&[
            (Part::Stages, "id,title,kind\na,A,training,2\n"),
            (Part::Transitions, "from,to,mode\n\"a,j,sequential\n"),
        ]);
        assert_eq!(
            found,
            [
                "stages.csv:1:1: missing required column \"level\": the first row names the columns, \
                 and every file of this kind needs id, title, kind, level",
                "transitions.csv:2:1: a quoted cell is never closed: add the closing quote (\")",
            ]
        );
        let found = problems(&[
            (Part::Stages, "id,title,kind,level\n"),
            (Part::Transitions, "from,to,mode,from\n"),
        ]);
        assert_eq!(
            found,
            ["transitions.csv:1:4: the column \"from\" is given twice: keep one"]
        );
        let found = problems(&[
            (
                Part::Stages,
                "id,title,kind,level,\na,A,training,2,1,x,y,z\nb,B,training,2,oops\n",
            ),
            (Part::Transitions, "from;to;mode\n"),
        ]);
        assert_eq!(
            found,
            [
                "stages.csv:2:6: 8 cells, but the header row names 5 columns (a cell holding a comma must be in quotes)",
                "stages.csv:3:5: a value in a column with no name: name the column in the first row, or empty the cell",
                "transitions.csv:1:1: the header row is one cell with ; in it: save the file with commas between cells",
            ]
        );
    }

    #[test]
    fn encodings_are_named() {
        let latin1 = [
            b"id,title,kind,level\na,Caf".as_slice(),
            &[0xE9],
            b",training,1\n",
        ]
        .concat();
        let files = [
            File {
                part: Part::Stages,
                name: "m/stages.csv",
                bytes: &latin1,
            },
            File {
                part: Part::Transitions,
                name: "m/transitions.csv",
                bytes: b"\xFF\xFEf\0r\0",
            },
        ];
        let found: Vec<String> = read("m", &files)
            .expect_err("bad")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert!(
            found[0].starts_with("m/stages.csv:2:6: not UTF-8 text (byte 0xE9)"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("m/transitions.csv:1:1: the file is saved as UTF-16"),
            "{found:?}"
        );
        let bom = doc(&[
            (Part::Stages, "\u{feff}id,title,kind,level\na,A,training,1\n"),
            (Part::Transitions, "\u{feff}from,to,mode\n"),
        ]);
        assert_eq!(bom["stages"][0]["id"], "a");
    }

    #[test]
    fn long_column_names_cannot_make_a_small_file_a_huge_document() {
        let name = "n".repeat(100_000);
        let stages = format!(
            "id,title,kind,level,x-{name}\n{}",
            "a,A,training,1,1\n".repeat(100)
        );
        let found = problems(&[(Part::Stages, &stages), (Part::Transitions, "from,to,mode\n")]);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("stages.csv:"), "{}", found[0]);
        assert!(
            found[0].contains("nothing after this row is read"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn pathway_fields_are_rows() {
        let found = problems(&[
            (Part::Stages, "id,title,kind,level\n"),
            (Part::Transitions, "from,to,mode\n"),
            (Part::Pathway, "field,value\nid,a\nid,b\nsources,x\n,v\n"),
        ]);
        assert_eq!(
            found,
            [
                "pathway.csv:3:1: \"id\" is given twice (also in row 2): give it once",
                "pathway.csv:4:1: \"sources\" is not a field of pathway.csv: it goes in sources.csv, one a row",
                "pathway.csv:5:1: a value without a field name: name it in the first cell",
            ]
        );
    }
}
