//! Linking: ids resolved across every file, duplicate and unknown ids reported with the nearest
//! known id, conditions resolved, and the graph built.

use hashbrown::{HashMap, HashSet};
use petgraph::graph::{DiGraph, NodeIndex};

use super::error::Report;
use super::locate::locate;
use super::parallel;
use super::pathways::PathwayFile;
use super::{Origin, Unit};
use crate::domain::condition::{Condition, Conditions, Eligibility};
use crate::domain::graph::Pathways;
use crate::domain::model::{MAX_CONDITIONS, Pathway, Stage, Transition};

/// Where the value at `pointer` of a unit is, for a message naming it: `FILE:LINE:COLUMN`.
pub(super) fn place_of(unit: &Unit<'_>, text: &str, pointer: &str) -> String {
    if let Some(places) = &unit.ctdl {
        return format!("{} ({})", unit.name, places.describe(pointer));
    }
    let (file, position) = match &unit.layout {
        Some(layout) => {
            let spot = layout.spot(pointer);
            (spot.file, spot.position)
        }
        None => (unit.name.clone(), Some(locate(text, pointer))),
    };
    match position {
        Some(p) => format!("{file}:{}:{}", p.line, p.column),
        None => file,
    }
}

/// Resolves ids across files and builds the graph. Reports duplicate and unknown ids.
pub(super) fn count<T>(parts: &[Vec<T>]) -> usize {
    parts.iter().map(Vec::len).sum()
}

/// A user's file with the id of a shipped pathway replaces it, as a user's test table does: a
/// designer checks an edited copy of a shipped file with `--with-shipped`.
pub(super) fn drop_replaced_shipped(inputs: &[Unit<'_>], files: &mut Vec<(usize, PathwayFile<'_>)>) {
    let id_of = |f: &PathwayFile<'_>| f.pathway.as_ref().map(|m| m.id.clone());
    let users: HashSet<String> = files
        .iter()
        .filter(|(i, _)| inputs[*i].origin == Origin::User)
        .filter_map(|(_, f)| id_of(f))
        .collect();
    files.retain(|(i, f)| {
        inputs[*i].origin != Origin::Shipped || id_of(f).is_none_or(|id| !users.contains(&id))
    });
}

pub(super) fn link(
    inputs: &[Unit<'_>],
    mut files: Vec<(usize, PathwayFile<'_>)>,
    texts: &[&str],
    unread: &[&str],
    report: &mut Report,
) -> Pathways {
    drop_replaced_shipped(inputs, &mut files);
    let stage_total: usize = files.iter().map(|(_, f)| count(&f.stages)).sum();
    let transition_total: usize = files.iter().map(|(_, f)| count(&f.transitions)).sum();
    let mut graph = DiGraph::with_capacity(stage_total, transition_total);
    let mut index: HashMap<String, NodeIndex> = HashMap::with_capacity(stage_total);
    // Where each node was defined (input, index in its file), for duplicate-id messages.
    let mut defined_at: Vec<(usize, usize)> = Vec::with_capacity(stage_total);
    let mut pathway_ids: HashMap<String, usize> = HashMap::new();
    // Ids of stages with problems (already reported): transitions to them are not reported again.
    let broken: HashSet<String> = files
        .iter_mut()
        .flat_map(|(_, f)| std::mem::take(&mut f.broken_ids))
        .collect();
    for (p, (input, file)) in files.iter_mut().enumerate() {
        let input = *input;
        if let Some(meta) = &file.pathway {
            if let Some(&first) = pathway_ids.get(&meta.id) {
                let message = format!(
                    "duplicate pathway id \"{}\" (also in {})",
                    meta.id, inputs[first].name
                );
                report.at(&inputs[input], texts[input], "/pathway/id".into(), message);
            } else {
                pathway_ids.insert(meta.id.clone(), input);
            }
        }
        for (i, mut stage) in std::mem::take(&mut file.stages).into_iter().flatten() {
            stage.pathway = p;
            stage.at = u32::try_from(i).unwrap_or(u32::MAX);
            if let Some(node) = index.get(&stage.id) {
                if report.is_full() {
                    report.omitted += 1;
                    continue;
                }
                let (first_input, first_i) = defined_at[node.index()];
                let first = place_of(
                    &inputs[first_input],
                    texts[first_input],
                    &format!("/stages/{first_i}/id"),
                );
                let message = format!("duplicate stage id \"{}\" (first defined at {first})", stage.id);
                report.at(&inputs[input], texts[input], format!("/stages/{i}/id"), message);
                continue;
            }
            let id = stage.id.clone();
            let node = graph.add_node(stage);
            index.insert(id, node);
            defined_at.push((input, i));
        }
    }
    let (conditions, eligibility) = link_conditions(inputs, &files, &graph, &defined_at, texts, report);
    let mut pathways = Vec::with_capacity(files.len());
    let mut hinted = 0;
    for (p, (input, file)) in files.into_iter().enumerate() {
        // The ends are looked up side by side; the edges are added in file order.
        let ends = parallel::map(&file.transitions, |part| {
            let find = |id: &str| index.get(id).copied();
            part.iter()
                .map(|(_, raw)| (find(&raw.from), find(&raw.to)))
                .collect::<Vec<_>>()
        });
        for (part, ends) in file.transitions.into_iter().zip(ends) {
            for ((i, raw), (from, to)) in part.into_iter().zip(ends) {
                for (end, id, found) in [("from", &raw.from, from), ("to", &raw.to, to)] {
                    // A file that could not be read may define it: its own error says what to fix.
                    if found.is_none() && !broken.contains(id.as_ref()) && unread.is_empty() {
                        // Looking for the nearest id reads them all: only for the first few, and
                        // not among millions.
                        let near = (hinted < 20 && index.len() <= 200_000)
                            .then(|| crate::domain::condition::nearest(id, index.keys().map(String::as_str)))
                            .flatten();
                        hinted += 1;
                        let message = match near {
                            Some(n) => format!(
                                "unknown stage id \"{id}\": no loaded file defines it (did you mean \"{n}\"?)"
                            ),
                            None => format!("unknown stage id \"{id}\": no loaded file defines it"),
                        };
                        report.at(
                            &inputs[input],
                            texts[input],
                            format!("/transitions/{i}/{end}"),
                            message,
                        );
                    }
                }
                if let (Some(from), Some(to)) = (from, to) {
                    let mut transition = raw.transition;
                    transition.pathway = p;
                    transition.at = u32::try_from(i).unwrap_or(u32::MAX);
                    graph.add_edge(from, to, transition);
                }
            }
        }
        // A broken `pathway` object was reported; nothing will be built, so any stand-in will do.
        let mut meta = file.pathway.unwrap_or_else(|| Pathway {
            file: inputs[input].name.clone(),
            ..Pathway::default()
        });
        meta.ctdl.clone_from(&inputs[input].ctdl);
        pathways.push(meta);
    }
    if !report.errors.is_empty() {
        return Pathways::default();
    }
    Pathways::from_parts(pathways, graph, index, conditions, eligibility)
}

/// Declared conditions across files (an id declared twice is an error, as for stages), and each
/// stage's `requires` and `awards` resolved against them; an undeclared id names the nearest one.
pub(super) fn link_conditions(
    inputs: &[Unit<'_>],
    files: &[(usize, PathwayFile<'_>)],
    graph: &DiGraph<Stage, Transition>,
    defined_at: &[(usize, usize)],
    texts: &[&str],
    report: &mut Report,
) -> (Conditions, Eligibility) {
    let mut list: Vec<Condition> = Vec::new();
    // Where each declaration is: (input, index in its file's conditions).
    let mut declared_at: Vec<(usize, usize)> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (input, file) in files {
        let Some(meta) = &file.pathway else { continue };
        for (i, c) in meta.conditions.iter().enumerate() {
            if let Some(&k) = by_id.get(c.id.as_str()) {
                if report.is_full() {
                    report.omitted += 1;
                    continue;
                }
                let (first_input, first_i) = declared_at[k];
                let first = place_of(
                    &inputs[first_input],
                    texts[first_input],
                    &format!("/pathway/conditions/{first_i}/id"),
                );
                let message = format!("duplicate condition id \"{}\" (first declared at {first})", c.id);
                report.at(
                    &inputs[*input],
                    texts[*input],
                    format!("/pathway/conditions/{i}/id"),
                    message,
                );
                continue;
            }
            by_id.insert(&c.id, list.len());
            list.push(c.clone());
            declared_at.push((*input, i));
        }
    }
    if list.len() > MAX_CONDITIONS {
        let (input, i) = declared_at[MAX_CONDITIONS];
        report.at(
            &inputs[input],
            texts[input],
            format!("/pathway/conditions/{i}"),
            format!(
                "{} conditions in all: the files together declare at most {MAX_CONDITIONS}",
                list.len()
            ),
        );
        list.truncate(MAX_CONDITIONS);
    }
    let (conditions, unknown_implied) = Conditions::new(list);
    // "Did you mean" only for the problems listed: each search reads every declared id.
    let worded = |mut error: crate::domain::condition::UnknownCondition, report: &Report| {
        if !report.is_full() {
            error.nearest = conditions.nearest(&error.id);
        }
        error.to_string()
    };
    for (c, j, error) in unknown_implied {
        let (input, i) = declared_at[c];
        let pointer = format!("/pathway/conditions/{i}/implies/{j}");
        let message = worded(error, report);
        report.at(&inputs[input], texts[input], pointer, message);
    }
    let (eligibility, unknown) = Eligibility::build(&conditions, graph.node_weights());
    for u in unknown {
        let (input, i) = defined_at[u.stage];
        let pointer = format!("/stages/{i}/{}/{}", u.field, u.item);
        let message = worded(u.error, report);
        report.at(&inputs[input], texts[input], pointer, message);
    }
    (conditions, eligibility)
}
