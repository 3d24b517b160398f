//! A Mermaid flowchart that renders on GitHub: left to right, a subgraph per map column, shapes
//! for on-ramps (flag), off-ramps (double sides) and jobs (stadium), classes per kind, and
//! integrated transitions as thick links, coloured with `linkStyle`.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use petgraph::graph::NodeIndex;

use super::{Selection, markers, printable};
use crate::domain::graph::Pathways;
use crate::domain::model::{Kind, Mode};

/// A label in double quotes, with Mermaid's entity codes for what would break it.
pub(crate) fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in printable(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            // `%%{init: ...}%%` in a label is read as a directive.
            '%' => out.push_str("#37;"),
            '\n' => out.push_str("<br/>"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Mermaid ids: `s_` and the stage id with everything but `[A-Za-z0-9_]` made `_`; a clash gets
/// `_2`, `_3`... The prefix keeps clear of keywords (`end`) and of `o`/`x` link endings.
fn ids(pathways: &Pathways, nodes: &[NodeIndex]) -> HashMap<NodeIndex, String> {
    let mut taken = HashSet::new();
    let mut out = HashMap::with_capacity(nodes.len());
    for &n in nodes {
        let base: String = std::iter::once("s_".to_string())
            .chain(pathways.stage(n).id.chars().map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' {
                    c.to_string()
                } else {
                    "_".to_string()
                }
            }))
            .collect();
        let mut id = base.clone();
        let mut k = 2;
        while !taken.insert(id.clone()) {
            id = format!("{base}_{k}");
            k += 1;
        }
        out.insert(n, id);
    }
    out
}

fn class(kind: Kind) -> &'static str {
    match kind {
        Kind::Education => "education",
        Kind::Training => "training",
        Kind::WorkBased => "workbased",
        Kind::Employment => "job",
    }
}

fn link(mode: Mode) -> &'static str {
    match mode {
        Mode::Integrated => "==>",
        Mode::Sequential => "-->",
    }
}

fn link_style(mode: Mode) -> &'static str {
    match mode {
        Mode::Integrated => "stroke:#1f78b4,stroke-width:4px",
        Mode::Sequential => "stroke:#555555,stroke-width:1.5px",
    }
}

pub(super) fn render(pathways: &Pathways, sel: &Selection) -> String {
    let mut out = String::new();
    let ids = ids(pathways, &sel.nodes);
    let (columns, column_of) = sel.columns(pathways);
    let _ = writeln!(out, "flowchart LR");
    let _ = writeln!(
        out,
        "  %% pathways export: {}",
        // No directive may start inside the comment either.
        printable(&sel.title(pathways)).replace(['\n', '%', '{', '}'], " ")
    );
    for (c, &(level, jobs)) in columns.iter().enumerate() {
        let (id, name) = if jobs {
            (format!("level_{level}_jobs"), format!("Level {level} jobs"))
        } else {
            (format!("level_{level}"), format!("Level {level}"))
        };
        let _ = writeln!(out, "  subgraph {id}[{}]", label(&name));
        let _ = writeln!(out, "    direction TB");
        for (&n, _) in sel.nodes.iter().zip(&column_of).filter(|&(_, &col)| col == c) {
            let _ = writeln!(out, "    {}", node(pathways, n, &ids[&n]));
        }
        let _ = writeln!(out, "  end");
    }

    let mut by_mode: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
    let mut count = 0;
    for &e in &sel.edges {
        let Some((from, to)) = pathways.ends(e) else {
            continue;
        };
        let mode = pathways.transition(e).mode;
        let _ = writeln!(out, "  {} {} {}", ids[&from], link(mode), ids[&to]);
        by_mode[usize::from(mode == Mode::Sequential)].push(count);
        count += 1;
    }

    let _ = writeln!(out, "  subgraph legend[\"Legend\"]");
    let _ = writeln!(out, "    direction LR");
    let _ = writeln!(out, "    legend_on>\"on-ramp: start here\"]");
    let _ = writeln!(out, "    legend_off[[\"off-ramp: leads to a job\"]]");
    let _ = writeln!(out, "    legend_job([\"job\"])");
    if sel.sector.is_some() {
        let _ = writeln!(out, "    legend_linked[\"stage of another sector\"]");
    }
    let _ = writeln!(out, "    legend_on ==>|\"integrated: together\"| legend_off");
    let _ = writeln!(
        out,
        "    legend_off -->|\"sequential: one after the other\"| legend_job"
    );
    let _ = writeln!(out, "  end");
    by_mode[0].push(count);
    by_mode[1].push(count + 1);

    let _ = writeln!(
        out,
        "  classDef education fill:#dbe9f6,stroke:#333333,color:#000000"
    );
    let _ = writeln!(
        out,
        "  classDef training fill:#fff2cc,stroke:#333333,color:#000000"
    );
    let _ = writeln!(
        out,
        "  classDef workbased fill:#fde0c5,stroke:#333333,color:#000000"
    );
    let _ = writeln!(out, "  classDef job fill:#d9f0d3,stroke:#333333,color:#000000");
    let _ = writeln!(out, "  classDef offramp stroke-width:3px");
    let _ = writeln!(out, "  classDef linked stroke-dasharray:5 3");
    let _ = writeln!(out, "  classDef legend fill:#ffffff,stroke:#999999,color:#000000");
    let mut classes: Vec<(&str, Vec<&str>)> =
        ["education", "training", "workbased", "job", "offramp", "linked"]
            .iter()
            .map(|&c| (c, Vec::new()))
            .collect();
    for &n in &sel.nodes {
        let id = ids[&n].as_str();
        let s = pathways.stage(n);
        let mut wanted = vec![class(s.kind)];
        if pathways.is_off_ramp(n) {
            wanted.push("offramp");
        }
        if sel.is_linked(pathways, n) {
            wanted.push("linked");
        }
        for (name, members) in &mut classes {
            if wanted.contains(name) {
                members.push(id);
            }
        }
    }
    for (name, members) in classes {
        if !members.is_empty() {
            let _ = writeln!(out, "  class {} {name}", members.join(","));
        }
    }
    let legend_nodes = if sel.sector.is_some() {
        "legend_on,legend_off,legend_job,legend_linked"
    } else {
        "legend_on,legend_off,legend_job"
    };
    let _ = writeln!(out, "  class {legend_nodes} legend");
    let _ = writeln!(out, "  class legend_off offramp");
    if sel.sector.is_some() {
        let _ = writeln!(out, "  class legend_linked linked");
    }
    for (mode, links) in [Mode::Integrated, Mode::Sequential].into_iter().zip(by_mode) {
        let list: Vec<String> = links.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "  linkStyle {} {}", list.join(","), link_style(mode));
    }
    out
}

fn node(pathways: &Pathways, n: NodeIndex, id: &str) -> String {
    let s = pathways.stage(n);
    let text = label(&format!("{}\n{}", s.title, markers(pathways, n)));
    if s.is_on_ramp() {
        format!("{id}>{text}]")
    } else if pathways.is_off_ramp(n) {
        format!("{id}[[{text}]]")
    } else if s.is_employment() {
        format!("{id}([{text}])")
    } else {
        format!("{id}[{text}]")
    }
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn labels_use_entity_codes() {
        assert_eq!(label("plain"), "\"plain\"");
        assert_eq!(
            label("a \"b\" #1 <i> & c"),
            "\"a #quot;b#quot; #35;1 #lt;i#gt; #amp; c\""
        );
        assert_eq!(label("two\nlines"), "\"two<br/>lines\"");
        assert_eq!(label("esc\u{1b}"), "\"esc\u{FFFD}\"");
        assert_eq!(
            label("%%{init: {'theme': 'dark'}}%%"),
            "\"#37;#37;{init: {'theme': 'dark'}}#37;#37;\""
        );
    }
}
