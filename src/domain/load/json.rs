//! JSON text: the bytes a file must be (UTF-8, a byte-order mark allowed), syntax errors in the
//! words of the usual mistakes, and short descriptions of values for messages.

use serde_json::Value;

use super::error::Issue;
use super::locate::{Position, position_of};

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

/// The offset of a comma just before a closing bracket or brace, where a parser stopped. serde_json
/// says "trailing comma" only where it builds values; where it skips them (inside a streamed
/// stage) the same comma reads "expected value" or "key must be a string".
fn trailing_comma(message: &str, before: &str, after: &str) -> Option<usize> {
    let kinds = ["trailing comma", "expected value", "key must be a string"];
    if !kinds.iter().any(|k| message.contains(k)) {
        return None;
    }
    let mut head = before.trim_end();
    if !after.trim_start().starts_with([']', '}']) {
        head = head.strip_suffix([']', '}'])?.trim_end();
    }
    head.strip_suffix(',').map(str::len)
}

/// Where a syntax error is and what it is, in the words of the usual mistakes: a trailing comma
/// is shown at the comma, a `//` comment and curly quotes are named.
pub(super) fn syntax_error(text: &str, e: &serde_json::Error) -> (Option<Position>, String) {
    let message = syntax_message(e);
    let Some(offset) = crate::domain::load::locate::json_error_offset(text, e) else {
        return (None, message);
    };
    let mut at = offset;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let (before, after) = text.split_at(at);
    if let Some(comma) = trailing_comma(&message, before, after) {
        return (
            Some(position_of(text, comma)),
            "invalid JSON: a comma after the last item (remove it)".to_string(),
        );
    }
    if message.contains("unexpected end of hex escape") && ends_with_leading_surrogate(before) {
        return (
            crate::domain::load::locate::of_json_error(text, e),
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
    let position = crate::domain::load::locate::of_json_error(text, e);
    (position, said.map_or(message, str::to_string))
}

/// Whether `text` ends with `\uD800` to `\uDBFF` (give or take the character after it): the first
/// half of a surrogate pair whose second half is missing.
pub(super) fn ends_with_leading_surrogate(text: &str) -> bool {
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
pub(super) fn describe(v: &Value) -> String {
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
pub(super) fn short(v: &Value) -> String {
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
pub(super) fn whole(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| {
        let x = v.as_f64()?;
        // The cast saturates at the top of the range, which no bound checked here reaches.
        (x.fract() == 0.0 && (0.0..=u64::MAX as f64).contains(&x)).then_some(x as u64)
    })
}

/// The message for a key given twice in one object.
pub(super) fn given_twice(key: &str) -> String {
    format!("\"{key}\" is given twice in one object: give it once")
}

/// An element's text as a value, for the field-by-field reader. The text is valid JSON, but a
/// value nested too deeply is refused here rather than recursed into.
pub(super) fn careful(text: &str, pointer: &str, issues: &mut Vec<Issue>) -> Option<Value> {
    match serde_json::from_str(text) {
        Ok(value) => {
            // A parse keeps the last of two equal keys in silence; the careful path says so.
            for (at, key) in crate::domain::keys::duplicate_keys(text) {
                issues.push(Issue {
                    pointer: format!("{pointer}{at}"),
                    message: given_twice(&key),
                    again: true,
                });
            }
            Some(value)
        }
        Err(e) => {
            issues.push(Issue {
                pointer: pointer.to_string(),
                message: syntax_message(&e),
                again: false,
            });
            None
        }
    }
}
