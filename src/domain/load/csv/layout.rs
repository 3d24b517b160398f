//! Where each value of the document read from a CSV folder was written: the loader and the audit
//! name values by JSON pointer (`/stages/3/weeks`), and a designer looks for a file, a row and a
//! column (`stages.csv:5:9: weeks`).

use super::Part;
use crate::domain::load::LoadError;
use crate::domain::load::locate::Position;

/// The places of one CSV folder's values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub(super) folder: String,
    pub(super) sheets: Vec<Placed>,
}

/// One file's places.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Placed {
    pub part: Part,
    /// The file's name as messages show it.
    pub file: String,
    /// The column names of the header row (`pathway.csv`: `field`, `value`).
    pub header: Vec<String>,
    /// The row of each element (stage, transition, source, condition), in document order.
    pub rows: Vec<usize>,
    /// `pathway.csv`: the row of each field.
    pub fields: Vec<(String, usize)>,
}

/// A place in a CSV folder: the file, the row and column where known, and the column's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub file: String,
    pub position: Option<Position>,
    pub column: Option<String>,
}

impl Layout {
    /// The folder's name, as messages show it.
    pub fn folder(&self) -> &str {
        &self.folder
    }

    /// Where the value at `pointer` was written; the closest place known (the row, the file, the
    /// folder) when not that value itself.
    pub fn spot(&self, pointer: &str) -> Spot {
        let segments: Vec<String> = pointer
            .split('/')
            .skip(1)
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match segments.as_slice() {
            ["stages", i, rest @ ..] => self.cell(Part::Stages, i, rest),
            ["transitions", i, rest @ ..] => self.cell(Part::Transitions, i, rest),
            ["pathway", "sources", i, rest @ ..] => self.cell(Part::Sources, i, rest),
            ["pathway", "conditions", i, rest @ ..] => self.cell(Part::Conditions, i, rest),
            ["pathway", "sources"] => self.file(Part::Sources),
            ["pathway", "conditions"] => self.file(Part::Conditions),
            ["pathway", rest @ ..] if !rest.is_empty() => self.field(rest),
            _ => self.file(Part::Pathway),
        }
    }

    /// A loader's problem at `pointer`, placed in the CSV files.
    pub fn error(&self, pointer: &str, message: String) -> LoadError {
        // "missing required field": in a spreadsheet, an empty cell (or a missing column).
        if let Some(field) = missing_field(&message) {
            let spot = self.spot(&format!("{pointer}/{field}"));
            let column = self.spot(pointer).column.map_or(field.to_string(), |c| {
                format!("{}.{field}", c.split('.').next().unwrap_or(&c))
            });
            let exact = spot.column.as_deref().is_some_and(|c| c == field || c == column);
            return if exact {
                LoadError {
                    file: spot.file,
                    position: spot.position,
                    pointer: spot.column,
                    message: "required, but this cell is empty".to_string(),
                }
            } else {
                let row = self.spot(pointer);
                LoadError {
                    file: row.file,
                    position: row.position.map(|p| Position { column: 1, ..p }),
                    pointer: None,
                    message: format!("{message}: add the column \"{column}\" and fill it in"),
                }
            };
        }
        let spot = self.spot(pointer);
        LoadError {
            file: spot.file,
            position: spot.position,
            pointer: spot.column,
            message: self.in_csv_words(&message),
        }
    }

    /// A message that names this file's sources or conditions by JSON pointer, naming their CSV
    /// file and row instead: "declare it in sources.csv", "(also sources.csv row 4)".
    fn in_csv_words(&self, message: &str) -> String {
        let mut out = message.to_string();
        for part in [Part::Sources, Part::Conditions] {
            let pointer = match part {
                Part::Sources => "/pathway/sources",
                _ => "/pathway/conditions",
            };
            // Only this file's own: "some file's /pathway/conditions" may be any file.
            let Some(at) = out.find(pointer).filter(|&at| !out[..at].ends_with("file's ")) else {
                continue;
            };
            let after = &out[at + pointer.len()..];
            let digits: String = after
                .strip_prefix('/')
                .unwrap_or("")
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let row = digits
                .parse::<usize>()
                .ok()
                .and_then(|i| self.placed(part)?.rows.get(i).copied());
            let (words, taken) = match row {
                Some(row) => (
                    format!("{} row {row}", part.file_name()),
                    pointer.len() + 1 + digits.len(),
                ),
                None => (part.file_name().to_string(), pointer.len()),
            };
            out.replace_range(at..at + taken, &words);
        }
        out
    }

    fn placed(&self, part: Part) -> Option<&Placed> {
        self.sheets.iter().find(|s| s.part == part)
    }

    /// The file of `part`, with no row; the folder when there is no such file.
    fn file(&self, part: Part) -> Spot {
        let file = match self.placed(part) {
            Some(p) => p.file.clone(),
            None => self.folder.clone(),
        };
        Spot {
            file,
            position: None,
            column: None,
        }
    }

    /// The cell of element `i` of `part` that `rest` (a member, or a member of a member) names:
    /// `wage/year` is column `wage.year`, `entry/2` column `entry`.
    fn cell(&self, part: Part, i: &str, rest: &[&str]) -> Spot {
        let Some(placed) = self.placed(part) else {
            return self.file(part);
        };
        let Some(&row) = i.parse::<usize>().ok().and_then(|i| placed.rows.get(i)) else {
            return self.file(part);
        };
        let find = |name: &str| placed.header.iter().position(|h| h == name);
        let nested = rest.get(1).map(|m| format!("{}.{m}", rest[0]));
        let column = nested
            .as_deref()
            .and_then(find)
            .or_else(|| rest.first().and_then(|&m| find(m)))
            .or_else(|| {
                let prefix = format!("{}.", rest.first()?);
                placed.header.iter().position(|h| h.starts_with(&prefix))
            });
        Spot {
            file: placed.file.clone(),
            position: Some(Position {
                line: row,
                column: column.map_or(1, |c| c + 1),
            }),
            column: column.map(|c| placed.header[c].clone()),
        }
    }

    /// The row of a `pathway.csv` field (`region`, `explain.no-low-on-ramp`).
    fn field(&self, rest: &[&str]) -> Spot {
        let Some(placed) = self.placed(Part::Pathway) else {
            return self.file(Part::Pathway);
        };
        let nested = rest.get(1).map(|m| format!("{}.{m}", rest[0]));
        let found = [nested.as_deref(), Some(rest[0])]
            .into_iter()
            .flatten()
            .find_map(|name| placed.fields.iter().find(|(f, _)| f == name));
        match found {
            Some((name, row)) => Spot {
                file: placed.file.clone(),
                position: Some(Position {
                    line: *row,
                    column: 2,
                }),
                column: Some(name.clone()),
            },
            None => self.file(Part::Pathway),
        }
    }
}

/// The field a "missing required field" message names.
fn missing_field(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("missing required field \"")?;
    rest.split('"').next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        let sheet = |part: Part, header: &[&str], rows: Vec<usize>| Placed {
            part,
            file: format!("f/{}", part.file_name()),
            header: header.iter().map(|h| (*h).to_string()).collect(),
            rows,
            fields: Vec::new(),
        };
        let mut pathway = sheet(Part::Pathway, &["field", "value"], Vec::new());
        pathway.fields = vec![("id".into(), 2), ("explain.no-low-on-ramp".into(), 5)];
        Layout {
            folder: "f".into(),
            sheets: vec![
                pathway,
                sheet(
                    Part::Stages,
                    &[
                        "id",
                        "title",
                        "kind",
                        "level",
                        "entry",
                        "wage.year",
                        "explain.cycle",
                    ],
                    vec![2, 3, 5],
                ),
                sheet(Part::Sources, &["id", "title", "year"], vec![2]),
            ],
        }
    }

    fn at(pointer: &str) -> (String, Option<(usize, usize)>, Option<String>) {
        let s = layout().spot(pointer);
        (s.file, s.position.map(|p| (p.line, p.column)), s.column)
    }

    #[test]
    fn pointers_become_files_rows_and_columns() {
        let stages = "f/stages.csv".to_string();
        assert_eq!(
            at("/stages/2/level"),
            (stages.clone(), Some((5, 4)), Some("level".into()))
        );
        assert_eq!(
            at("/stages/1/entry/3"),
            (stages.clone(), Some((3, 5)), Some("entry".into()))
        );
        assert_eq!(
            at("/stages/0/wage/year"),
            (stages.clone(), Some((2, 6)), Some("wage.year".into()))
        );
        assert_eq!(
            at("/stages/0/wage/source"),
            (stages.clone(), Some((2, 6)), Some("wage.year".into()))
        );
        assert_eq!(
            at("/stages/0/explain/cycle"),
            (stages.clone(), Some((2, 7)), Some("explain.cycle".into()))
        );
        assert_eq!(at("/stages/0"), (stages, Some((2, 1)), None));
        assert_eq!(
            at("/pathway/sources/0/year"),
            ("f/sources.csv".into(), Some((2, 3)), Some("year".into()))
        );
        assert_eq!(
            at("/pathway/id"),
            ("f/pathway.csv".into(), Some((2, 2)), Some("id".into()))
        );
        assert_eq!(
            at("/pathway/explain/no-low-on-ramp"),
            (
                "f/pathway.csv".into(),
                Some((5, 2)),
                Some("explain.no-low-on-ramp".into())
            )
        );
        assert_eq!(at("/pathway/region"), ("f/pathway.csv".into(), None, None));
        assert_eq!(at("/pathway/conditions/0/id"), ("f".into(), None, None));
    }

    #[test]
    fn missing_fields_are_empty_cells_or_missing_columns() {
        let e = layout().error("/stages/1", "missing required field \"kind\"".into());
        assert_eq!(
            e.to_string(),
            "f/stages.csv:3:3: kind: required, but this cell is empty"
        );
        let e = layout().error("/stages/1/wage", "missing required field \"source\"".into());
        assert_eq!(
            e.to_string(),
            "f/stages.csv:3:1: missing required field \"source\": add the column \"wage.source\" and fill it in"
        );
        let e = layout().error(
            "/stages/0/sources/0",
            "unknown source \"x\": declare it in /pathway/sources".into(),
        );
        assert!(e.to_string().ends_with("declare it in sources.csv"), "{e}");
        let e = layout().error(
            "/pathway/sources/0/id",
            "duplicate source id \"s\" (also /pathway/sources/0)".into(),
        );
        assert!(e.to_string().ends_with("(also sources.csv row 2)"), "{e}");
        let e = layout().error(
            "/stages/0/requires/0",
            "declare it in some file's /pathway/conditions".into(),
        );
        assert!(e.to_string().ends_with("some file's /pathway/conditions"), "{e}");
        let e = layout().error("/stages/1/wage", "missing required field \"year\"".into());
        assert_eq!(
            e.to_string(),
            "f/stages.csv:3:6: wage.year: required, but this cell is empty"
        );
    }
}
