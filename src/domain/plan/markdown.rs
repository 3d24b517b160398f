//! The plan as Markdown within 80 columns: headings and lists, no tables, so it reads as well
//! raw (pasted into an email) as rendered.

use super::doc::{Block, Doc, Line, Piece};
use super::wrap::{WIDTH, wrap};
use crate::sanitize::clean;

/// Data text that Markdown shows as written: every character Markdown could read as markup
/// (raw HTML, links, images, emphasis, code, tables) behind a backslash.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The line in Markdown; data that starts the line cannot start a list, quote or heading.
fn md(line: &Line) -> String {
    let mut out = String::new();
    for p in &line.0 {
        match p {
            Piece::Say(s) => out.push_str(s),
            Piece::Data(s) => out.push_str(&escape(s)),
        }
    }
    if matches!(line.0.first(), Some(Piece::Data(_))) {
        if out.starts_with(['-', '+', '=', '>']) {
            out.insert(0, '\\');
        } else if let Some(end) = out.find(|c: char| !c.is_ascii_digit()).filter(|&i| i > 0)
            && out[end..].starts_with(['.', ')'])
        {
            out.insert(end, '\\');
        }
    }
    out
}

pub fn write(doc: &Doc) -> String {
    let mut out: Vec<String> = Vec::new();
    let blank = |out: &mut Vec<String>| {
        if out.last().is_some_and(|l| !l.is_empty()) {
            out.push(String::new());
        }
    };
    for block in &doc.blocks {
        match block {
            Block::Title(l) => {
                // A Markdown heading is one line: wrapped, the rest would be a paragraph.
                out.push(format!("# {}", md(l)));
                blank(&mut out);
            }
            Block::Meta(ls) => {
                ls.iter()
                    .for_each(|l| out.extend(wrap(&md(l), "- ", "  ", WIDTH)));
                blank(&mut out);
            }
            Block::Heading(h) => {
                blank(&mut out);
                out.push(format!("## {h}"));
                out.push(String::new());
            }
            Block::Para(l) => {
                out.extend(wrap(&md(l), "", "", WIDTH));
                blank(&mut out);
            }
            Block::Steps(steps) => {
                for s in steps {
                    // How the step follows the one before is said in words, in its first lines.
                    // One line, however long: a wrapped heading's indented rest reads as code.
                    out.push(format!("### {}. {}", s.number, md(&s.title)));
                    out.push(String::new());
                    let about: Vec<String> = s.about.iter().map(md).collect();
                    out.extend(wrap(&about.join(" "), "", "", WIDTH));
                    out.push(String::new());
                    for f in &s.facts {
                        out.extend(wrap(&md(&f.value), &format!("- {}: ", f.label), "  ", WIDTH));
                    }
                    out.push(String::new());
                }
            }
            Block::List(ls) => {
                ls.iter()
                    .for_each(|l| out.extend(wrap(&md(l), "- ", "  ", WIDTH)));
                blank(&mut out);
            }
            Block::Checklist(ls) => {
                ls.iter()
                    .for_each(|l| out.extend(wrap(&md(l), "- [ ] ", "      ", WIDTH)));
                blank(&mut out);
            }
            Block::Glossary(terms) => {
                for (term, l) in terms {
                    out.extend(wrap(&md(l), &format!("- **{term}**: "), "  ", WIDTH));
                }
                blank(&mut out);
            }
            Block::Sources(ls) => {
                ls.iter()
                    .for_each(|l| out.extend(wrap(&md(l), "- ", "  ", WIDTH)));
                blank(&mut out);
            }
        }
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}
