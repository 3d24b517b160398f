//! Finds where a JSON pointer (`/transitions/12/to`) lies in a file's text, for error messages.
//!
//! serde_json's `Value` carries no positions, and tracking them for every value would slow the
//! happy path; so we parse without positions and, only when something is wrong, walk the text
//! once more to the offending value. The text is already known to be valid JSON.

/// A position in a text: 1-based line, and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// The position of the value at `pointer` in `text`, or of the deepest enclosing value found.
pub fn locate(text: &str, pointer: &str) -> Position {
    let offset = Walker {
        bytes: text.as_bytes(),
        i: 0,
    }
    .find(pointer);
    position_of(text, offset)
}

/// The position of the second member named as `pointer`'s last segment in the object it points
/// into: where a key given twice is given again. Else where `locate` finds it.
pub fn locate_repeat(text: &str, pointer: &str) -> Position {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    let key = unescape_segment(key);
    let mut w = Walker {
        bytes: text.as_bytes(),
        i: 0,
    };
    w.i = Walker { i: 0, ..w }.find(parent);
    // Past the first `key`'s value, the rest of the object reads as an object of its own (its
    // comma in the place of the brace): its first `key` is the second.
    if w.peek() == Some(b'{') && w.enter_member(&key) {
        w.skip_value();
        w.skip_ws();
        if w.peek() == Some(b',') && w.enter_member(&key) {
            return position_of(text, w.i);
        }
    }
    locate(text, pointer)
}

/// The byte offset of each element of the top-level array `member` (`"stages"`), in order; empty
/// when there is no such array. One walk over the text, however many elements are wanted.
pub fn element_offsets(text: &str, member: &str) -> Vec<usize> {
    let mut w = Walker {
        bytes: text.as_bytes(),
        i: 0,
    };
    w.skip_ws();
    let mut offsets = Vec::new();
    if w.peek() != Some(b'{') || !w.enter_member(member) || w.peek() != Some(b'[') {
        return offsets;
    }
    w.i += 1;
    loop {
        w.skip_ws();
        if matches!(w.peek(), Some(b']') | None) {
            return offsets;
        }
        offsets.push(w.i);
        w.skip_value();
        w.skip_ws();
        match w.peek() {
            Some(b',') => w.i += 1,
            _ => return offsets,
        }
    }
}

/// The byte offset of the value at `pointer` below the value that starts at `start`.
pub fn offset_below(text: &str, start: usize, pointer: &str) -> usize {
    Walker {
        bytes: text.as_bytes(),
        i: start.min(text.len()),
    }
    .find(pointer)
}

/// The positions of many byte offsets, in one pass over the text (finding each alone would read
/// a one-line file once per offset).
pub fn positions_of(text: &str, offsets: &[usize]) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&k| offsets[k]);
    let mut out = vec![Position { line: 1, column: 1 }; offsets.len()];
    let (mut at, mut here) = (0usize, Position { line: 1, column: 1 });
    for k in order {
        let mut end = offsets[k].min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        for c in text[at..end].chars() {
            if c == '\n' {
                here = Position {
                    line: here.line + 1,
                    column: 1,
                };
            } else {
                here.column += 1;
            }
        }
        at = end.max(at);
        out[k] = here;
    }
    out
}

/// Where serde_json found a syntax error, with the column in characters: serde_json counts
/// bytes, so "Café" before the error would move it three columns right. `None` when the error
/// has no place in the text.
pub fn of_json_error(text: &str, e: &serde_json::Error) -> Option<Position> {
    let offset = json_error_offset(text, e)?;
    let mut position = position_of(text, offset);
    position.line = e.line();
    position.column = position.column.max(1);
    Some(position)
}

/// The byte offset serde_json stopped at, or `None` when the error has no place in the text.
pub fn json_error_offset(text: &str, e: &serde_json::Error) -> Option<usize> {
    if e.line() == 0 {
        return None;
    }
    let line_start = match e.line() {
        1 => 0,
        n => text
            .match_indices('\n')
            .nth(n - 2)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    // serde_json's column is the count of bytes read on the line, 1-based at the first byte.
    Some((line_start + e.column().saturating_sub(1)).min(text.len()))
}

/// The line and column of a byte offset.
pub fn position_of(text: &str, offset: usize) -> Position {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    Position { line, column }
}

struct Walker<'a> {
    bytes: &'a [u8],
    i: usize,
}

impl Walker<'_> {
    /// Byte offset of the value at `pointer`; stops at the deepest value it can reach.
    fn find(mut self, pointer: &str) -> usize {
        self.skip_ws();
        let segments = pointer.split('/').skip(1).map(unescape_segment);
        for segment in segments {
            let start = self.i;
            let found = match self.peek() {
                Some(b'{') => self.enter_member(&segment),
                Some(b'[') => segment
                    .parse::<usize>()
                    .ok()
                    .is_some_and(|n| self.enter_element(n)),
                _ => false,
            };
            if !found {
                return start;
            }
        }
        self.i
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// At `{`: moves to the value of member `key`.
    fn enter_member(&mut self, key: &str) -> bool {
        self.i += 1;
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'"') => {}
                _ => return false,
            }
            let name = self.string();
            self.skip_ws();
            if self.peek() != Some(b':') {
                return false;
            }
            self.i += 1;
            self.skip_ws();
            if name == key {
                return true;
            }
            self.skip_value();
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                _ => return false,
            }
        }
    }

    /// At `[`: moves to element `n`.
    fn enter_element(&mut self, n: usize) -> bool {
        self.i += 1;
        for _ in 0..n {
            self.skip_ws();
            if self.peek() == Some(b']') {
                return false;
            }
            self.skip_value();
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.i += 1,
                _ => return false,
            }
        }
        self.skip_ws();
        !matches!(self.peek(), Some(b']') | None)
    }

    /// Skips one value, iteratively, so nesting depth cannot exhaust the stack.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        loop {
            self.skip_ws();
            match self.peek() {
                None => return,
                Some(b'"') => {
                    self.string();
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.i += 1;
                    continue;
                }
                Some(b'}' | b']') => {
                    depth = depth.saturating_sub(1);
                    self.i += 1;
                }
                Some(b',' | b':') if depth > 0 => {
                    self.i += 1;
                    continue;
                }
                Some(_) => {
                    while !matches!(
                        self.peek(),
                        None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                    ) {
                        self.i += 1;
                    }
                }
            }
            if depth == 0 {
                return;
            }
        }
    }

    /// At `"`: reads a string, decoding escapes, and moves past its closing quote.
    fn string(&mut self) -> String {
        self.i += 1;
        let mut out = Vec::new();
        while let Some(b) = self.peek() {
            self.i += 1;
            match b {
                b'"' => break,
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.i += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'u' => {
                            let hex = self.bytes.get(self.i..self.i + 4).unwrap_or_default();
                            self.i += hex.len();
                            let code = std::str::from_utf8(hex)
                                .ok()
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                                .and_then(char::from_u32)
                                .unwrap_or(char::REPLACEMENT_CHARACTER);
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(code.encode_utf8(&mut buf).as_bytes());
                        }
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

fn unescape_segment(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"format\": \"pathways/1\",\n  \"stages\": [\n    {\"id\": \"a\", \"level\": 1},\n    {\"id\": \"b\",\n     \"level\": \"two\"}\n  ],\n  \"a/b\": {\"x\\\"y\": [1, [2, 3], {\"z\": 4}]}\n}";

    fn at(pointer: &str) -> (usize, usize) {
        let p = locate(TEXT, pointer);
        (p.line, p.column)
    }

    #[test]
    fn finds_members_and_elements() {
        assert_eq!(at(""), (1, 1));
        assert_eq!(at("/format"), (2, 13));
        assert_eq!(at("/stages"), (3, 13));
        assert_eq!(at("/stages/0"), (4, 5));
        assert_eq!(at("/stages/0/level"), (4, 26));
        assert_eq!(at("/stages/1/level"), (6, 15));
    }

    #[test]
    fn handles_escapes_in_keys_and_pointers() {
        assert_eq!(at("/a~1b/x\"y/1/0"), (8, 24));
        assert_eq!(at("/a~1b/x\"y/2/z"), (8, 37));
    }

    #[test]
    fn missing_members_point_at_the_deepest_enclosing_value() {
        assert_eq!(at("/stages/1/weeks"), (5, 5));
        assert_eq!(at("/stages/9"), (3, 13));
        assert_eq!(at("/format/deeper"), (2, 13));
    }

    #[test]
    fn elements_are_found_in_one_walk() {
        let stages = element_offsets(TEXT, "stages");
        assert_eq!(positions_of(TEXT, &stages), vec![at_pos(4, 5), at_pos(5, 5)]);
        assert!(element_offsets(TEXT, "transitions").is_empty());
        assert!(element_offsets(TEXT, "format").is_empty());
        assert!(element_offsets("[1, 2]", "stages").is_empty());
        let level = offset_below(TEXT, stages[1], "/level");
        assert_eq!(positions_of(TEXT, &[level]), vec![at_pos(6, 15)]);
        // Out of order and repeated offsets get their own positions.
        let offsets = [stages[1], 0, stages[1], stages[0]];
        assert_eq!(
            positions_of(TEXT, &offsets),
            vec![at_pos(5, 5), at_pos(1, 1), at_pos(5, 5), at_pos(4, 5)]
        );
        for &o in &[0, 7, 40, TEXT.len()] {
            assert_eq!(positions_of(TEXT, &[o]), vec![position_of(TEXT, o)]);
        }
    }

    fn at_pos(line: usize, column: usize) -> Position {
        Position { line, column }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\"ä\": \"é\", \"k\": 1}";
        assert_eq!(locate(text, "/k"), Position { line: 1, column: 17 });
    }

    #[test]
    fn syntax_errors_count_characters_too() {
        let at = |text: &str| {
            let e = serde_json::from_str::<serde_json::Value>(text).expect_err("invalid");
            of_json_error(text, &e).map(|p| (p.line, p.column))
        };
        // serde_json says column 15 here: the three accents take two bytes each.
        assert_eq!(at("{\"ééé\": 1, x}"), Some((1, 12)));
        assert_eq!(at("{\n\"a\": \"ü\",\n \"é\": 1, ,}"), Some((3, 10)));
        assert_eq!(at("{\"a\": 1, x}").map(|p| p.1), Some(10));
    }
}
