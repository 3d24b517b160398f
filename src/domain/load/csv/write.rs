//! A `pathways/1` document -> the five CSV files that read back to it: every documented column
//! always (so an export is also a template), then the `explain.CODE` and `names.LANG` columns and
//! the designer's own in the order the rows first give them. Each file starts with the UTF-8
//! byte-order mark, without which Excel takes UTF-8 for the local code page.

use serde_json::{Map, Value};

use super::Part;
use super::cells;
use super::columns::{PATHWAY_HEADER, Sheet, sheet};
use super::parse::line;

/// What Excel needs to read the file as UTF-8.
const BOM: &str = "\u{feff}";

/// The files of `doc`, in `Part::ALL` order.
pub fn write(doc: &Value) -> Vec<(Part, String)> {
    let empty = Map::new();
    let object = |v: &Value| v.as_object().unwrap_or(&empty).clone();
    let list = |v: &Value| -> Vec<Map<String, Value>> {
        v.as_array()
            .map(|items| items.iter().map(object).collect())
            .unwrap_or_default()
    };
    let mut pathway = object(&doc["pathway"]);
    let sources = pathway.remove("sources").map(|v| list(&v)).unwrap_or_default();
    let conditions = pathway.remove("conditions").map(|v| list(&v)).unwrap_or_default();
    Part::ALL
        .into_iter()
        .map(|part| {
            let text = match part {
                Part::Pathway => fields(&pathway),
                Part::Sources => table(&sources, sheet(part)),
                Part::Conditions => table(&conditions, sheet(part)),
                Part::Stages => table(&list(&doc["stages"]), sheet(part)),
                Part::Transitions => table(&list(&doc["transitions"]), sheet(part)),
            };
            (part, format!("{BOM}{text}"))
        })
        .collect()
}

/// The value at `path` (one member, or a member of a member) of `object`.
fn at<'a>(object: &'a Map<String, Value>, path: &[&str]) -> Option<&'a Value> {
    match path {
        [member] => object.get(*member),
        [outer, inner] => object.get(*outer)?.as_object()?.get(*inner),
        _ => None,
    }
}

/// Whether an object member can be spread over `member.KEY` columns of text: every value is
/// text a cell keeps (not blank).
fn spreads(value: &Value) -> bool {
    value.as_object().is_some_and(|m| {
        m.values()
            .all(|v| v.as_str().is_some_and(|s| !s.trim().is_empty()))
    })
}

/// The columns for `rows`: the documented ones, then the others in order of first use.
fn header(rows: &[Map<String, Value>], sheet: Sheet) -> Vec<String> {
    let mut names: Vec<String> = sheet.columns.iter().map(|c| c.name.to_string()).collect();
    let documented = |key: &str| sheet.columns.iter().any(|c| sheet.path(c.name)[0] == key);
    // An object is spread only when every row's can be, so that each reads back the same.
    let spread: Vec<&str> = sheet
        .spread
        .iter()
        .copied()
        .filter(|o| rows.iter().all(|r| r.get(*o).is_none_or(spreads)))
        .collect();
    for row in rows {
        for (key, value) in row {
            let mut add = |name: String| {
                if !names.contains(&name) {
                    names.push(name);
                }
            };
            if documented(key) {
                continue;
            }
            if spread.contains(&key.as_str()) {
                for member in value.as_object().into_iter().flat_map(Map::keys) {
                    add(format!("{key}.{member}"));
                }
            } else {
                add(key.clone());
            }
        }
    }
    names
}

/// A file of one row per element.
fn table(rows: &[Map<String, Value>], sheet: Sheet) -> String {
    let names = header(rows, sheet);
    let paths: Vec<Vec<&str>> = names.iter().map(|n| sheet.path(n)).collect();
    let mut out = line(&names);
    for row in rows {
        let cells: Vec<String> = names
            .iter()
            .zip(&paths)
            .map(|(name, path)| {
                // A column named like a spread member but holding the whole object (not spread).
                let value = at(row, path).or_else(|| row.get(name.as_str()));
                value.map_or_else(String::new, |v| cells::write(sheet.kind_of(name), v))
            })
            .collect();
        out.push_str(&line(&cells));
    }
    out
}

/// `pathway.csv`: one `field,value` row per member of the `pathway` object.
fn fields(pathway: &Map<String, Value>) -> String {
    let sheet = sheet(Part::Pathway);
    let mut out = line(&PATHWAY_HEADER);
    let rows = std::slice::from_ref(pathway);
    for name in header(rows, sheet) {
        let path = sheet.path(&name);
        if let Some(value) = at(pathway, &path).or_else(|| pathway.get(&name)) {
            out.push_str(&line(&[name.clone(), cells::write(sheet.kind_of(&name), value)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::csv::read::{File, read};
    use serde_json::json;

    #[test]
    fn documents_write_files_that_read_back() {
        let doc = json!({
            "format": "pathways/1",
            "pathway": {"id": "care", "title": "Care", "sector": "Care", "region": "WA",
                        "explain": {"no-low-on-ramp": "by design"}, "x-owner": {"team": "p"},
                        "sources": [{"id": "s", "title": "A, \"quoted\" source", "year": 2025}],
                        "conditions": [{"id": "hse", "title": "Diploma", "implies": ["age-18"]}]},
            "stages": [
                {"id": "a", "title": "A", "kind": "training", "level": 2, "entry": ["ESL 3", "ABE 2"],
                 "weeks": 11, "weeks_range": [11, 22], "cost_usd": 1710.5, "sources": ["s"],
                 "note": "two\nlines; and a comma,", "explain": {"level-jump": "I-BEST"},
                 "names": {"es": "Á"}, "x-color": "teal", "x-n": "12"},
                {"id": "j", "title": "J", "kind": "employment", "level": 2, "soc": "31-1131",
                 "wage": {"median_annual_usd": 42260, "year": 2025, "source": "s"},
                 "services": ["childcare; referral"]}
            ],
            "transitions": [{"from": "a", "to": "j", "mode": "sequential", "weeks": 2,
                             "explain": {"cycle": "why"}, "x-why": [1, 2]}]
        });
        let written = write(&doc);
        let names: Vec<&str> = written.iter().map(|(p, _)| p.file_name()).collect();
        assert_eq!(
            names,
            [
                "pathway.csv",
                "sources.csv",
                "conditions.csv",
                "stages.csv",
                "transitions.csv"
            ]
        );
        assert!(written.iter().all(|(_, text)| text.starts_with(BOM)));
        let stages = &written[3].1;
        assert!(
            stages.starts_with(
                "\u{feff}id,title,kind,level,entry,credential,awards,requires,weeks,weeks_range,hours,\
                 cost_usd,wage.median_annual_usd,wage.year,wage.source,soc,description,services,url,\
                 contact,tags,sources,note,explain.level-jump,names.es,x-color,x-n\n"
            ),
            "{stages}"
        );
        assert!(stages.contains("\"two\nlines; and a comma,\""), "{stages}");
        assert!(
            stages.contains(",\"\"\"12\"\"\"\n"),
            "x-n is text that looks like a number: {stages}"
        );
        let files: Vec<File<'_>> = written
            .iter()
            .map(|(part, text)| File {
                part: *part,
                name: part.file_name(),
                bytes: text.as_bytes(),
            })
            .collect();
        let (text, _) = read("care", &files).unwrap_or_else(|e| panic!("{e:?}"));
        let back: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(back, doc);
    }
}
