//! The plan as one HTML file made to print: inline CSS with a print stylesheet (Letter or A4),
//! no scripts, no fonts or images to fetch, readable in grey scale. Integrated and sequential
//! steps differ in words and in the style of their left rule (double or dashed), never in
//! colour alone.

use std::fmt::Write as _;

use super::doc::{Block, Doc, Join, Line};
use crate::sanitize::clean;

const STYLE: &str = "
:root { color-scheme: light; }
body { font: 10pt/1.3 \"Liberation Sans\", Arial, Helvetica, sans-serif; color: #000; background: #fff;
  max-width: 46em; margin: 0 auto; padding: 1.2em; }
h1 { font-size: 16pt; margin: 0 0 .2em; }
h2 { font-size: 12pt; margin: .6em 0 .2em; padding-bottom: .1em; border-bottom: 1.5pt solid #000;
  break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 0; }
p { margin: .15em 0; }
.meta { list-style: none; margin: 0; padding: 0; color: #222; }
.meta li { display: inline; margin-right: 1.2em; }
ol.steps { list-style: none; margin: 0; padding: 0; }
.step { margin: .35em 0; padding: .1em 0 .1em .7em; border-left: 3pt solid #000;
  break-inside: avoid; page-break-inside: avoid; }
.step.integrated { border-left: 6pt double #000; }
.step.sequential { border-left: 3pt dashed #000; }
.step .how { font-style: italic; }
.facts { margin: .2em 0 0; }
.facts span { white-space: normal; }
.facts b { font-weight: bold; }
ul:not(.check) { break-inside: avoid; page-break-inside: avoid; }
ul.check { list-style: none; padding-left: 0; margin: .2em 0; }
.key { font-size: 9pt; }
ul.check li { margin: .05em 0; }
ul.check li::before { content: \"\\2610\\00a0\\00a0\"; font-size: 10.5pt; line-height: 1; }
dl.words { margin: .2em 0; columns: 2; column-gap: 1.5em; }
dl.words div { break-inside: avoid; page-break-inside: avoid; }
dl.words dt { font-weight: bold; display: inline; }
dl.words dd { display: inline; margin: 0; }
dl.words dd::after { content: \"\"; display: block; margin-bottom: .05em; }
.sources { font-size: 7pt; line-height: 1.2; color: #222; padding-left: 1.6em; margin: .2em 0;
  columns: 2; column-gap: 1.5em; }
.sources li { margin: 0; overflow-wrap: anywhere; break-inside: avoid; }
@page { margin: 11mm 12mm; }
@media print {
  body { max-width: none; padding: 0; }
  a { color: #000; text-decoration: none; }
}
";

/// Text made safe inside HTML elements and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn h(line: &Line) -> String {
    escape(&line.plain())
}

pub fn write(doc: &Doc) -> String {
    let l = doc.lang;
    let title = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(h(t)),
            _ => None,
        })
        .unwrap_or_default();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        l.code()
    );
    for block in &doc.blocks {
        match block {
            Block::Title(t) => {
                let _ = writeln!(out, "<h1>{}</h1>", h(t));
            }
            Block::Meta(ls) => {
                let items: String = ls.iter().map(|x| format!("<li>{}</li>", h(x))).collect();
                let _ = writeln!(out, "<ul class=\"meta\">{items}</ul>");
            }
            Block::Heading(text) => {
                let _ = writeln!(out, "<h2>{}</h2>", escape(text));
            }
            Block::Para(x) => {
                let _ = writeln!(out, "<p>{}</p>", h(x));
            }
            Block::Steps(steps) => {
                // What the left rules mean, in words (they are the only non-verbal mark).
                let _ = writeln!(
                    out,
                    "<p class=\"key\">{}</p>",
                    l.say(
                        "A double line marks a together (integrated) step; a dashed line, a step you take after the one before.",
                        "Una línea doble marca un paso integrado; una línea de guiones, un paso que se toma después del anterior.",
                    )
                );
                let _ = writeln!(out, "<ol class=\"steps\">");
                for s in steps {
                    let class = match s.join {
                        Join::Start => "start",
                        Join::Integrated => "integrated",
                        Join::Sequential => "sequential",
                    };
                    let _ = writeln!(
                        out,
                        "<li class=\"step {class}\"><h3>{} {}. {}</h3>",
                        l.say("Step", "Paso"),
                        s.number,
                        h(&s.title)
                    );
                    let (how, rest) = s.about.split_at(s.about.len().min(2));
                    let how: Vec<String> = how.iter().map(h).collect();
                    let _ = writeln!(out, "<p class=\"how\">{}</p>", how.join(" "));
                    for x in rest {
                        let _ = writeln!(out, "<p>{}</p>", h(x));
                    }
                    let facts: Vec<String> = s
                        .facts
                        .iter()
                        .map(|f| format!("<span><b>{}:</b> {}</span>", escape(f.label), h(&f.value)))
                        .collect();
                    let _ = writeln!(out, "<p class=\"facts\">{}</p></li>", facts.join(" &middot; "));
                }
                let _ = writeln!(out, "</ol>");
            }
            Block::List(ls) => {
                let items: String = ls.iter().map(|x| format!("<li>{}</li>\n", h(x))).collect();
                let _ = writeln!(out, "<ul>\n{items}</ul>");
            }
            Block::Checklist(ls) => {
                let items: String = ls.iter().map(|x| format!("<li>{}</li>\n", h(x))).collect();
                let _ = writeln!(out, "<ul class=\"check\">\n{items}</ul>");
            }
            Block::Glossary(terms) => {
                let items: String = terms
                    .iter()
                    .map(|(t, x)| format!("<div><dt>{}:</dt> <dd>{}</dd></div>\n", escape(t), h(x)))
                    .collect();
                let _ = writeln!(out, "<dl class=\"words\">\n{items}</dl>");
            }
            Block::Sources(ls) => {
                let items: String = ls.iter().map(|x| format!("<li>{}</li>\n", h(x))).collect();
                let _ = writeln!(out, "<ol class=\"sources\">\n{items}</ol>");
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}
