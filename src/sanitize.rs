//! Text from data files, made safe to print: no control characters or bidirectional overrides
//! reach the terminal, so a pathway file cannot move the cursor, change colours, set the
//! clipboard (OSC 52) or reorder what people read.

use std::borrow::Cow;

/// Whether a character must not reach a terminal as it is: controls, bidirectional overrides,
/// line and paragraph separators (terminals break lines on some), and the zero-width joiners and
/// spaces whose width terminals disagree on (tmux draws a ZWJ sequence wider than it counts it,
/// which broke the explorer's borders).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}'..='\u{200F}'
                | '\u{061C}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// `text` with every unsafe character replaced by U+FFFD; borrowed when nothing needs replacing.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// Whether the output writer replaces `c`: everything unsafe but line breaks and tabs.
fn replaced_in_output(c: char) -> bool {
    c != '\n' && c != '\t' && is_unsafe(c)
}

/// A writer for people's text output that cleans everything passing through it, keeping line
/// breaks and tabs: no command can print a data file's escape sequences, whatever it formats.
pub struct CleanWriter<W: std::io::Write> {
    inner: W,
}

impl<W: std::io::Write> CleanWriter<W> {
    pub fn new(inner: W) -> CleanWriter<W> {
        CleanWriter { inner }
    }
}

impl<W: std::io::Write> std::io::Write for CleanWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Most output is ASCII with nothing to replace, and passes straight through.
        if buf.is_ascii() && !buf.iter().any(|&b| replaced_in_output(char::from(b))) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        // Formatting writes whole `str` pieces, so a buffer is valid UTF-8 in practice.
        let text = String::from_utf8_lossy(buf);
        let safe: String = text
            .chars()
            .map(|c| if replaced_in_output(c) { '\u{FFFD}' } else { c })
            .collect();
        self.inner.write_all(safe.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Pretty JSON in which every character that must not reach a terminal raw (DEL, C1 controls,
/// bidirectional overrides, separators, zero-width joiners) is a `\u` escape: still the same
/// JSON to any parser, and safe when piped to a terminal.
pub fn json_pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut bytes, SafeFormatter::default());
    value.serialize(&mut ser)?;
    // The formatter writes only what serde_json gives it and ASCII escapes: valid UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// `json_pretty`, written straight to `w`: a million findings need not be held as one string.
pub fn write_json_pretty<W: std::io::Write, T: serde::Serialize + ?Sized>(
    w: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(w, SafeFormatter::default());
    value.serialize(&mut ser)
}

/// serde_json's pretty formatter, escaping unsafe characters inside strings.
#[derive(Default)]
struct SafeFormatter(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeFormatter {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if !fragment.chars().any(is_unsafe) {
            return w.write_all(fragment.as_bytes());
        }
        let mut buf = [0u8; 4];
        for c in fragment.chars() {
            if is_unsafe(c) {
                write!(w, "\\u{:04x}", u32::from(c))?;
            } else {
                w.write_all(c.encode_utf8(&mut buf).as_bytes())?;
            }
        }
        Ok(())
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_a_terminal_must_not_see_and_means_the_same() {
        let value = serde_json::json!({"t": "a\u{7f}b\u{9b}c\u{202E}d\u{2028}e\u{1b}f 护理"});
        let text = json_pretty(&value).expect("json");
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text:?}");
        assert!(
            text.contains("a\\u007fb\\u009bc\\u202ed\\u2028e\\u001bf 护理"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
        // Safe text is written exactly as serde_json's own pretty printer writes it.
        let safe = serde_json::json!({"a": [1, {"b": "护理 ok"}], "c": null});
        assert_eq!(json_pretty(&safe).ok(), serde_json::to_string_pretty(&safe).ok());
    }

    #[test]
    fn neutralises_separators_and_zero_width_joiners() {
        // A family emoji is four people joined by ZWJs; U+2028 and U+2029 break lines.
        let text = "Nurse\u{2028}Summary: 0 errors\u{2029} 👩\u{200D}👩\u{200D}👧 \u{200B}x\u{FEFF}";
        let safe = clean(text);
        assert!(
            !safe.contains(['\u{2028}', '\u{2029}', '\u{200D}', '\u{200B}', '\u{FEFF}']),
            "{safe:?}"
        );
        assert_eq!(safe.matches('\u{FFFD}').count(), 6);
        let mut out = CleanWriter::new(Vec::new());
        std::io::Write::write_all(&mut out, text.as_bytes()).expect("write");
        let written = String::from_utf8(out.inner).expect("utf-8");
        assert!(!written.contains('\u{2028}'), "{written:?}");
    }

    #[test]
    fn neutralises_escapes_controls_and_bidi_overrides() {
        let nasty = "Nurse\x1b[31m red\x1b]52;c;aGk=\x07 \r\x08 \u{202E}evil\u{2066} \u{9b}";
        let safe = clean(nasty);
        assert!(!safe.chars().any(is_unsafe), "{safe:?}");
        assert!(safe.starts_with("Nurse\u{FFFD}[31m red"));
    }

    #[test]
    fn the_writer_keeps_lines_and_drops_escapes() {
        use std::io::Write;
        let mut out = CleanWriter::new(Vec::new());
        writeln!(out, "a\x1b[2Jb\tc\r\u{202E}d").expect("write");
        assert_eq!(
            String::from_utf8(out.inner).expect("utf-8"),
            "a\u{FFFD}[2Jb\tc\u{FFFD}\u{FFFD}d\n"
        );
    }

    #[test]
    fn the_writer_lets_no_ascii_control_through() {
        use std::io::Write;
        for b in 0u8..0x80 {
            let mut out = CleanWriter::new(Vec::new());
            out.write_all(&[b'a', b, b'z']).expect("write");
            let text = String::from_utf8(out.inner).expect("utf-8");
            let kept = (b' '..0x7F).contains(&b) || b == b'\n' || b == b'\t';
            let expected = if kept { char::from(b) } else { '\u{FFFD}' };
            assert_eq!(text, format!("a{expected}z"), "byte {b:#04x}");
        }
    }

    #[test]
    fn leaves_ordinary_text_alone_and_borrowed() {
        for text in [
            "Certified Nursing Assistant",
            "Técnico de enfermería",
            "护理助理 🩺",
            "e\u{301}",
        ] {
            assert!(matches!(clean(text), Cow::Borrowed(t) if t == text));
        }
    }
}
