//! The plan as plain text within 80 columns, for a terminal, an email or a plain printer.

use super::doc::{Block, Doc, Line};
use super::wrap::{WIDTH, wrap};
use crate::sanitize::clean;

/// Data text without control characters (a title cannot move a terminal's cursor).
fn plain(line: &Line) -> String {
    clean(&line.plain()).into_owned()
}

pub fn write(doc: &Doc) -> String {
    let mut out: Vec<String> = Vec::new();
    let para = |out: &mut Vec<String>, text: &str, first: &str, rest: &str| {
        out.extend(wrap(text, first, rest, WIDTH));
    };
    for block in &doc.blocks {
        match block {
            Block::Title(l) => {
                let lines = wrap(&plain(l), "", "", WIDTH);
                let wide = lines
                    .iter()
                    .map(|l| unicode_width::UnicodeWidthStr::width(l.as_str()))
                    .max()
                    .unwrap_or(0);
                out.extend(lines);
                out.push("=".repeat(wide.min(WIDTH)));
            }
            Block::Meta(ls) => ls.iter().for_each(|l| para(&mut out, &plain(l), "", "  ")),
            Block::Heading(h) => {
                out.push(String::new());
                out.push((*h).to_string());
                out.push("-".repeat(unicode_width::UnicodeWidthStr::width(*h)));
            }
            Block::Para(l) => para(&mut out, &plain(l), "", ""),
            Block::Steps(steps) => {
                for s in steps {
                    out.push(String::new());
                    // The first "about" line says in words how the step follows the one before.
                    para(&mut out, &plain(&s.title), &format!("{}. ", s.number), "    ");
                    for a in &s.about {
                        para(&mut out, &plain(a), "    ", "    ");
                    }
                    for f in &s.facts {
                        let first = format!("    {}: ", f.label);
                        para(&mut out, &plain(&f.value), &first, "      ");
                    }
                }
            }
            Block::List(ls) => ls.iter().for_each(|l| para(&mut out, &plain(l), "- ", "  ")),
            Block::Checklist(ls) => ls.iter().for_each(|l| para(&mut out, &plain(l), "[ ] ", "    ")),
            Block::Glossary(terms) => {
                for (term, l) in terms {
                    para(&mut out, &plain(l), &format!("{term}: "), "  ");
                }
            }
            Block::Sources(ls) => ls.iter().for_each(|l| para(&mut out, &plain(l), "- ", "  ")),
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}
