//! Graphviz DOT: left to right, one rank per map column (a level, or a level's jobs), a heading
//! node per rank chained invisibly so the ranks keep their order, node shapes for on-ramps,
//! off-ramps and jobs, edge styles per mode, and a legend.

use std::fmt::Write as _;

use petgraph::graph::NodeIndex;

use super::{Selection, markers, printable};
use crate::domain::graph::Pathways;
use crate::domain::model::{Kind, Mode};

/// Fill colours by kind.
fn fill(kind: Kind) -> &'static str {
    match kind {
        Kind::Education => "#dbe9f6",
        Kind::Training => "#fff2cc",
        Kind::WorkBased => "#fde0c5",
        Kind::Employment => "#d9f0d3",
    }
}

/// Edge attributes per mode: integrated as a double line (two strokes with a gap), sequential as
/// a single one; readable without colour.
fn edge_style(mode: Mode) -> &'static str {
    match mode {
        Mode::Integrated => "color=\"#1f78b4:invis:#1f78b4\", penwidth=1.5, style=bold",
        Mode::Sequential => "color=\"#555555\", style=solid",
    }
}

/// A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`, nothing
/// unprintable.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in printable(text).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn column_name((level, jobs): (u8, bool)) -> String {
    if jobs {
        format!("Level {level} jobs")
    } else {
        format!("Level {level}")
    }
}

pub(super) fn render(pathways: &Pathways, sel: &Selection) -> String {
    let mut out = String::new();
    let (columns, column_of) = sel.columns(pathways);
    let title = sel.title(pathways);
    let _ = writeln!(
        out,
        "// pathways export: {}",
        printable(&title).replace('\n', " ")
    );
    let _ = writeln!(out, "digraph pathways {{");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.6, fontname=\"Helvetica\", label={}, labelloc=t];",
        quote(&title)
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=10];"
    );
    let _ = writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];");

    let _ = writeln!(out);
    let _ = writeln!(out, "  // One rank per column, left to right.");
    for &key in &columns {
        let name = column_name(key);
        let _ = writeln!(
            out,
            "  {} [shape=plaintext, style=\"\", fontsize=12, label={}];",
            quote(&format!("rank:{name}")),
            quote(&name)
        );
    }
    for pair in columns.windows(2) {
        let _ = writeln!(
            out,
            "  {} -> {} [style=invis];",
            quote(&format!("rank:{}", column_name(pair[0]))),
            quote(&format!("rank:{}", column_name(pair[1])))
        );
    }
    for (c, &key) in columns.iter().enumerate() {
        let mut members = vec![quote(&format!("rank:{}", column_name(key)))];
        members.extend(
            sel.nodes
                .iter()
                .zip(&column_of)
                .filter(|&(_, &col)| col == c)
                .map(|(&n, _)| quote(&pathways.stage(n).id)),
        );
        let _ = writeln!(out, "  {{ rank=same; {}; }}", members.join("; "));
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "  // Stages.");
    for &n in &sel.nodes {
        let _ = writeln!(out, "  {}", node_statement(pathways, sel, n));
    }

    let _ = writeln!(out);
    let _ = writeln!(out, "  // Transitions.");
    let column = |n: NodeIndex| sel.nodes.binary_search(&n).map(|i| column_of[i]).unwrap_or(0);
    for &e in &sel.edges {
        let Some((from, to)) = pathways.ends(e) else {
            continue;
        };
        let t = pathways.transition(e);
        let mut attrs = vec![edge_style(t.mode).to_string()];
        let mut tip = t.mode.as_str().to_string();
        if let Some(note) = t.note() {
            tip.push_str(": ");
            tip.push_str(note);
        }
        attrs.push(format!("tooltip={}", quote(&tip)));
        // A transition back to a lower column must not pull the ranks out of order.
        if column(to) < column(from) {
            attrs.push("constraint=false".to_string());
        }
        let _ = writeln!(
            out,
            "  {} -> {} [{}];",
            quote(&pathways.stage(from).id),
            quote(&pathways.stage(to).id),
            attrs.join(", ")
        );
    }

    let _ = writeln!(out);
    legend(&mut out, sel.sector.is_some());
    let _ = writeln!(out, "}}");
    out
}

fn node_statement(pathways: &Pathways, sel: &Selection, n: NodeIndex) -> String {
    let s = pathways.stage(n);
    let label = format!("{}\n{}", s.title, markers(pathways, n));
    let mut attrs = vec![format!("label={}", quote(&label))];
    if s.is_on_ramp() {
        attrs.push("shape=cds".to_string());
    } else if s.is_employment() {
        attrs.push("shape=house".to_string());
    }
    if pathways.is_off_ramp(n) {
        attrs.push("peripheries=2".to_string());
    }
    attrs.push(format!("fillcolor=\"{}\"", fill(s.kind)));
    if sel.is_linked(pathways, n) {
        attrs.push("style=\"rounded,filled,dashed\"".to_string());
        attrs.push(format!(
            "tooltip={}",
            quote(&format!("from {}", pathways.pathway_of(n).sector))
        ));
    }
    format!("{} [{}];", quote(&s.id), attrs.join(", "))
}

fn legend(out: &mut String, linked: bool) {
    let lines = [
        "  // Legend.".to_string(),
        "  subgraph cluster_legend {".to_string(),
        "    graph [label=\"Legend\", fontsize=10, style=rounded, color=\"#999999\"];".to_string(),
        "    node [fontsize=9];".to_string(),
        "    \"legend:on-ramp\" [label=\"on-ramp\\n(start here)\", shape=cds];".to_string(),
        "    \"legend:off-ramp\" [label=\"off-ramp\\n(leads to a job)\", peripheries=2];".to_string(),
        format!(
            "    \"legend:job\" [label=\"job\", shape=house, fillcolor=\"{}\"];",
            fill(Kind::Employment)
        ),
        format!(
            "    \"legend:on-ramp\" -> \"legend:off-ramp\" [label=\"integrated\\n(together)\", {}];",
            edge_style(Mode::Integrated)
        ),
        format!(
            "    \"legend:off-ramp\" -> \"legend:job\" [label=\"sequential\\n(one after the other)\", {}];",
            edge_style(Mode::Sequential)
        ),
    ];
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
    if linked {
        let _ = writeln!(
            out,
            "    \"legend:linked\" [label=\"stage of\\nanother sector\", style=\"rounded,filled,dashed\"];"
        );
    }
    let _ = writeln!(out, "  }}");
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quotes_escape_what_dot_needs() {
        assert_eq!(quote("plain"), "\"plain\"");
        assert_eq!(quote("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(quote("a\\b"), "\"a\\\\b\"");
        assert_eq!(quote("two\nlines"), "\"two\\nlines\"");
        assert_eq!(quote("bell\u{7}"), "\"bell\u{FFFD}\"");
    }
}
