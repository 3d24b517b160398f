//! How one cell gives one value of the `pathways/1` document, and back: text as it is, numbers,
//! lists separated by `;`, and, in columns `pathways/1` does not define, JSON where the cell is
//! JSON. An empty cell (or one of spaces only) gives nothing: the field is left out.

use serde_json::Value;

/// What a column's cells hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text as it is, spaces and line breaks kept.
    Text,
    /// A number: `11`, `1.5`, `1710`.
    Number,
    /// Text items separated by `;` (`ESL 3; ABE 2`); `\;` is a `;` inside an item, `\\` a `\`.
    List,
    /// Numbers separated by `;` (`weeks_range`: `33;55`).
    Numbers,
    /// A column of the designer's own (`x-...`) or one `pathways/1` does not define: JSON where the
    /// cell is JSON (`12`, `true`, `[1,2]`, `{"a":1}`, `"quoted text"`), else the text.
    Loose,
}

/// The value of a cell, or `None` when it is empty. A number that does not read as one is kept
/// as text, for the loader to report with the same words as in a JSON file.
pub fn read(kind: Kind, cell: &str) -> Option<Value> {
    if cell.trim().is_empty() {
        return None;
    }
    let cell = unguarded(cell);
    Some(match kind {
        Kind::Text => Value::String(cell.to_string()),
        Kind::Number => number(cell),
        Kind::List => Value::Array(items(cell).into_iter().map(Value::String).collect()),
        Kind::Numbers => Value::Array(items(cell).iter().map(|i| number(i)).collect()),
        Kind::Loose => loose(cell),
    })
}

/// The cell that gives `value` back through `read`, guarded against formula injection.
pub fn write(kind: Kind, value: &Value) -> String {
    guarded(match (kind, value) {
        (Kind::Text, Value::String(s)) => s.clone(),
        (Kind::List | Kind::Numbers, Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => escape(s),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(";"),
        (Kind::Number, Value::Number(n)) => n.to_string(),
        (_, other) => write_loose(other),
    })
}

/// Whether a spreadsheet would read a cell as a formula: `=`, `+`, `-`, `@`, a tab or a carriage
/// return first, behind any `'` (which is how the guard is written), unless it is a plain number.
fn triggers(cell: &str) -> bool {
    let bare = cell.trim_start_matches('\'');
    bare.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.trim().parse::<f64>().is_err()
}

/// A cell a spreadsheet would run as a formula (`=HYPERLINK(...)` in a title) is written behind a
/// `'`, which spreadsheets show as text (OWASP, "CSV Injection"); `unguarded` takes it off again.
fn guarded(cell: String) -> String {
    if triggers(&cell) { format!("'{cell}") } else { cell }
}

fn unguarded(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if triggers(cell) => rest,
        _ => cell,
    }
}

/// A cell of a number column: the number it reads as (whole numbers as integers, so that `2`
/// is a level), else its text.
fn number(cell: &str) -> Value {
    let t = cell.trim();
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e15 => Value::from(x as i64),
        Ok(x) if x.is_finite() => {
            serde_json::Number::from_f64(x).map_or_else(|| Value::String(cell.into()), Value::Number)
        }
        _ => Value::String(cell.to_string()),
    }
}

/// The items of a list cell, trimmed; empty items (`ESL 3;`) are dropped.
fn items(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut item = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some(';' | '\\')) => item.extend(chars.next()),
            ';' => out.push(std::mem::take(&mut item)),
            c => item.push(c),
        }
    }
    out.push(item);
    out.into_iter()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty())
        .collect()
}

/// A list item as written in a cell: `;` and `\` escaped with `\`.
fn escape(item: &str) -> String {
    item.replace('\\', "\\\\").replace(';', "\\;")
}

/// A cell of a column of the designer's own: JSON when it parses as JSON, else its text.
fn loose(cell: &str) -> Value {
    serde_json::from_str(cell).unwrap_or_else(|_| Value::String(cell.to_string()))
}

/// A value of a column of the designer's own: text that would read as other JSON (or as an
/// empty cell) is written as a JSON string, in quotes.
fn write_loose(value: &Value) -> String {
    match value {
        Value::String(s) if !s.trim().is_empty() && loose(s) == *value => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cells_give_values() {
        assert_eq!(read(Kind::Text, "  "), None);
        assert_eq!(read(Kind::Text, " A, b "), Some(json!(" A, b ")));
        assert_eq!(read(Kind::Number, " 11 "), Some(json!(11)));
        assert_eq!(read(Kind::Number, "1.5"), Some(json!(1.5)));
        assert_eq!(read(Kind::Number, "ten"), Some(json!("ten")));
        assert_eq!(read(Kind::Number, "inf"), Some(json!("inf")));
        assert_eq!(read(Kind::List, "ESL 3; ABE 2;"), Some(json!(["ESL 3", "ABE 2"])));
        assert_eq!(
            read(Kind::List, r"a\;b;c\\;d\x"),
            Some(json!(["a;b", "c\\", "d\\x"]))
        );
        assert_eq!(read(Kind::Numbers, "33;55"), Some(json!([33, 55])));
        assert_eq!(read(Kind::Loose, "12"), Some(json!(12)));
        assert_eq!(read(Kind::Loose, "{\"team\": \"p\"}"), Some(json!({"team": "p"})));
        assert_eq!(read(Kind::Loose, "teal"), Some(json!("teal")));
        assert_eq!(read(Kind::Loose, "\"12\""), Some(json!("12")));
    }

    #[test]
    fn no_cell_written_reads_as_a_formula() {
        for text in ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "'=x"] {
            let cell = write(Kind::Text, &json!(text));
            assert!(
                cell.starts_with('\'') && cell.len() == text.len() + 1,
                "{text:?} as {cell:?}"
            );
        }
        assert_eq!(write(Kind::Number, &json!(-5)), "-5");
        assert_eq!(write(Kind::Text, &json!("'plain")), "'plain");
        assert_eq!(read(Kind::Text, "'=x"), Some(json!("=x")));
        assert_eq!(read(Kind::Text, "'x"), Some(json!("'x")));
    }

    #[test]
    fn values_give_cells_that_read_back() {
        let cases = [
            (Kind::Text, json!(" two\nlines ")),
            (Kind::Number, json!(42260)),
            (Kind::Number, json!(0.1)),
            (Kind::List, json!(["a;b", "c\\d", "ESL 3"])),
            (Kind::Numbers, json!([33, 55.5])),
            (Kind::Loose, json!("teal")),
            (Kind::Loose, json!("12")),
            (Kind::Loose, json!(" ")),
            (Kind::Loose, json!(null)),
            (Kind::Loose, json!({"team": ["a", 1]})),
            (Kind::Text, json!("=HYPERLINK(\"http://x\",\"y\")")),
            (Kind::Text, json!("+1 555 0100")),
            (Kind::Text, json!("'=already quoted")),
            (Kind::Text, json!("''@twice")),
            (Kind::Text, json!("'plain")),
            (Kind::List, json!(["@SUM(A1)", "b"])),
            (Kind::Loose, json!("-cmd")),
            (Kind::Loose, json!(-5)),
        ];
        for (kind, value) in cases {
            let cell = write(kind, &value);
            assert_eq!(
                read(kind, &cell),
                Some(value.clone()),
                "{kind:?} {value} as {cell:?}"
            );
        }
    }
}
