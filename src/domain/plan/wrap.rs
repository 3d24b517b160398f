//! Word wrapping for the Markdown and text plans, which stay within 80 columns.

use unicode_width::UnicodeWidthStr;

/// The widest line a Markdown or text plan writes.
pub const WIDTH: usize = 80;

/// `text` broken between words into lines of at most `width` columns after the first line's
/// `first` prefix and the other lines' `rest` prefix. A word longer than a line is cut where it
/// must be, except a web address, which stays whole on a line of its own (the one kind of line
/// that may be wider).
pub fn wrap(text: &str, first: &str, rest: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = first.to_string();
    let mut empty = true;
    for word in text.split_whitespace() {
        let lead = if lines.is_empty() { first } else { rest };
        let room = width.saturating_sub(UnicodeWidthStr::width(lead)).max(10);
        let wide = UnicodeWidthStr::width(word);
        let used = UnicodeWidthStr::width(line.as_str()) - UnicodeWidthStr::width(lead);
        if !empty && used + 1 + wide <= room {
            line.push(' ');
            line.push_str(word);
            continue;
        }
        if !empty {
            lines.push(std::mem::replace(&mut line, rest.to_string()));
        }
        let lead = if lines.is_empty() { first } else { rest };
        let room = width.saturating_sub(UnicodeWidthStr::width(lead)).max(10);
        let mut word = word;
        // A web address cut in two leads nowhere: it keeps a line of its own, however long.
        if word.contains("://") {
            line.push_str(word);
            empty = false;
            continue;
        }
        while UnicodeWidthStr::width(word) > room {
            let cut = split_at_width(word, room);
            line.push_str(&word[..cut]);
            lines.push(std::mem::replace(&mut line, rest.to_string()));
            word = &word[cut..];
        }
        line.push_str(word);
        empty = word.is_empty();
    }
    if !empty || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The byte index where `word`'s first `width` columns end.
fn split_at_width(word: &str, width: usize) -> usize {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    for (i, c) in word.char_indices() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            return i.max(c.len_utf8());
        }
        used += w;
    }
    word.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_between_words_and_cuts_only_what_cannot_fit() {
        assert_eq!(wrap("one two three", "- ", "  ", 9), vec!["- one two", "  three"]);
        let url = "https://example.org/a/very/long/path/that/does/not/fit";
        assert_eq!(
            wrap(&format!("See {url} now"), "- ", "  ", 20),
            vec!["- See".to_string(), format!("  {url}"), "  now".to_string()],
            "an address is never cut"
        );
        let word = "Supercalifragilisticexpialidocious";
        let lines = wrap(word, "", "", 20);
        assert!(lines.iter().all(|l| l.len() <= 20), "{lines:?}");
        assert_eq!(lines.concat(), word);
        assert_eq!(wrap("", "x ", "  ", 80), vec!["x "]);
    }
}
