//! The data itself: `duplicate-title`, `duplicate-transition`, `missing-data`, `stale-wage`.
//!
//! Titles are compared ignoring case and spacing, so "Nursing  assistant" and "nursing assistant"
//! are the same to a learner. Each stage of a duplicate group gets its own finding, so each can be
//! renamed or explained on its own.

use std::collections::BTreeMap;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::{Code, Ctx, Sink, and_list};
use crate::domain::model::{Kind, Mode};
use crate::domain::wages;

pub(super) fn check(ctx: &Ctx<'_>, stale_years: u16, findings: &mut Sink) {
    duplicate_titles(ctx, findings);
    duplicate_transitions(ctx, findings);
    missing_data(ctx, findings);
    stale_wages(ctx, stale_years, findings);
}

/// At most this many other stages are named in a duplicate-title message.
const OTHERS_SHOWN: usize = 5;

/// Feeds a title as a learner reads it to `sink`: lower case, single spaces, trimmed.
fn normalized(title: &str, mut sink: impl FnMut(char)) {
    let mut space = false;
    let mut started = false;
    for c in title.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && started {
            sink(' ');
        }
        space = false;
        started = true;
        for lower in c.to_lowercase() {
            sink(lower);
        }
    }
}

/// A title as a learner reads it.
fn title_key(title: &str) -> String {
    let mut key = String::with_capacity(title.len());
    normalized(title, |c| key.push(c));
    key
}

/// A 64-bit FNV-1a hash of the title as a learner reads it, computed without allocating.
fn title_hash(title: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    normalized(title, |c| {
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    });
    hash
}

/// Groups stages by title with a sort on title hashes; only stages whose hashes collide have their
/// titles compared in full, so 100,000 distinct titles cost one sort and no allocation each.
fn duplicate_titles(ctx: &Ctx<'_>, findings: &mut Sink) {
    let g = ctx.p.graph();
    let mut hashed: Vec<(u64, NodeIndex)> = g.node_indices().map(|v| (title_hash(&g[v].title), v)).collect();
    hashed.sort_unstable();
    for run in hashed.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
        let mut groups: BTreeMap<String, Vec<NodeIndex>> = BTreeMap::new();
        for &(_, v) in run {
            groups.entry(title_key(&g[v].title)).or_default().push(v);
        }
        for group in groups.values().filter(|group| group.len() > 1) {
            report_duplicates(ctx, group, findings);
        }
    }
}

/// The same move (from, to and mode) written more than once: each copy after the first, which is
/// the one to delete. Found per stage by sorting its out-edges, in linear memory.
fn duplicate_transitions(ctx: &Ctx<'_>, findings: &mut Sink) {
    use petgraph::visit::EdgeRef;
    let g = ctx.p.graph();
    let mut out: Vec<(NodeIndex, bool, EdgeIndex)> = Vec::new();
    for v in g.node_indices() {
        out.clear();
        out.extend(
            g.edges(v)
                .map(|e| (e.target(), e.weight().mode == Mode::Sequential, e.id())),
        );
        if out.len() < 2 {
            continue;
        }
        out.sort_unstable();
        for run in out
            .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
            .filter(|run| run.len() > 1)
        {
            let (to, _, first) = run[0];
            let t = ctx.p.transition(first);
            let file = ctx.p.pathways().get(t.pathway).map_or("", |p| p.file.as_str());
            let times = match run.len() {
                2 => "twice".to_string(),
                n => format!("{n} times"),
            };
            for &(_, _, again) in &run[1..] {
                findings.push(ctx.transition_finding(
                    Code::DuplicateTransition,
                    v,
                    again,
                    format!(
                        "The {} transition from {} to {} is given {times} (the first at /transitions/{} \
                         in {file}): a copy offers the same move again and may contradict its weeks or cost.",
                        t.mode.as_str(),
                        ctx.label(v),
                        ctx.label(to),
                        t.at
                    ),
                    "Delete this copy, keeping the figures and sources in the first.".to_string(),
                ));
            }
        }
    }
}

fn report_duplicates(ctx: &Ctx<'_>, group: &[NodeIndex], findings: &mut Sink) {
    let g = ctx.p.graph();
    // Each finding names a few of the others and counts the rest: linear in the group's size
    // (naming every other stage made 40,000 stages of one title take 13 s).
    let others = group.len() - 1;
    for &v in group {
        let mut names: Vec<String> = group
            .iter()
            .filter(|&&o| o != v)
            .take(OTHERS_SHOWN)
            .map(|&o| format!("{} ({}, in {})", g[o].title, g[o].id, ctx.p.pathway_of(o).id))
            .collect();
        if others > OTHERS_SHOWN {
            names.push(format!("{} more", others - OTHERS_SHOWN));
        }
        findings.push(ctx.stage_finding(
            Code::DuplicateTitle,
            v,
            format!(
                "{} has the same title as {}: learners and counselors cannot tell them apart in search \
                 results and plans.",
                ctx.label(v),
                and_list(&names)
            ),
            format!(
                "Make the title of {} distinct (add the college, the program variant or the level), or \
                 merge the stages if they are the same program.",
                g[v].id
            ),
        ));
    }
}

fn missing_data(ctx: &Ctx<'_>, findings: &mut Sink) {
    let g = ctx.p.graph();
    for v in g.node_indices() {
        let s = &g[v];
        match s.kind {
            Kind::Training | Kind::WorkBased => {
                let missing: Vec<&str> = [("weeks", s.weeks.is_none()), ("cost_usd", s.cost_usd.is_none())]
                    .into_iter()
                    .filter(|(_, gone)| *gone)
                    .map(|(field, _)| field)
                    .collect();
                if missing.is_empty() {
                    continue;
                }
                let what = match missing.as_slice() {
                    ["weeks"] => {
                        "how long it takes (`weeks`), so routes through it show their length as not known"
                    }
                    ["cost_usd"] => {
                        "what it costs (`cost_usd`), so routes through it show their cost as not known"
                    }
                    _ => {
                        "how long it takes or what it costs (`weeks`, `cost_usd`), so routes through it \
                         show their length and cost as not known"
                    }
                };
                findings.push(ctx.stage_finding(
                    Code::MissingData,
                    v,
                    format!("{} does not say {what}.", ctx.label(v)),
                    format!(
                        "Add {} to {} with a source in its `sources`; where no source gives them, say why in \
                         its `explain` under `missing-data` (the finding stays, marked explained, so the gap \
                         stays in view).",
                        missing.join(" and "),
                        s.id
                    ),
                ));
            }
            Kind::Employment if wages::for_stage(s, wages::AreaId::NATION).is_none() => {
                let why = match &s.soc {
                    Some(soc) => format!(
                        "its SOC code {soc} has no national {} estimate",
                        wages::layer().citation()
                    ),
                    None => "it has neither a `soc` nor a `wage`".to_string(),
                };
                findings.push(ctx.stage_finding(
                    Code::MissingData,
                    v,
                    format!(
                        "{} is a job without a wage ({why}): routes and plans cannot show what it pays.",
                        ctx.label(v)
                    ),
                    format!(
                        "Give {} the SOC code of a detailed occupation (`pathways wages` looks one up), or a \
                         `wage` (median_annual_usd, year and source).",
                        s.id
                    ),
                ));
            }
            _ => {}
        }
    }
}

fn stale_wages(ctx: &Ctx<'_>, stale_years: u16, findings: &mut Sink) {
    let g = ctx.p.graph();
    let Some(newest) = g
        .node_weights()
        .filter_map(|s| s.wage.as_ref())
        .map(|w| w.year)
        .max()
    else {
        return;
    };
    for v in g.node_indices() {
        let Some(wage) = &g[v].wage else { continue };
        if newest.saturating_sub(wage.year) <= stale_years {
            continue;
        }
        findings.push(ctx.stage_finding(
            Code::StaleWage,
            v,
            format!(
                "The wage of {} is from {}, {} years older than the newest wage in the data ({newest}): \
                 comparing them misleads learners.",
                ctx.label(v),
                wage.year,
                newest - wage.year
            ),
            format!(
                "Update the wage of {} from a newer release of its source (for example BLS OEWS), with the \
                 new year.",
                g[v].id
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{codes, codes_with, pathways};
    use super::super::{Options, audit};
    use super::{title_hash, title_key};

    /// Each of n stages of one title names at most five others, so the findings' text grows with
    /// n (the time is measured by the `audit/one title` bench).
    #[test]
    fn a_big_group_of_one_title_costs_linear_text() {
        let n = 2_000;
        let input = crate::domain::load::Input {
            name: "one-title.json".into(),
            bytes: crate::domain::synthetic::one_title(n).into_bytes(),
            origin: crate::domain::load::Origin::User,
        };
        let p = crate::domain::load::load(&[input]).expect("loads").pathways;
        let found: Vec<_> = audit(&p, &Options::default())
            .into_iter()
            .filter(|f| f.code == super::Code::DuplicateTitle)
            .collect();
        assert_eq!(found.len(), n);
        let text: usize = found.iter().map(|f| f.message.len()).sum();
        assert!(text < n * 400, "{text} bytes of messages for {n} stages");
        assert!(found[0].message.contains("and 1994 more"), "{}", found[0].message);
    }

    #[test]
    fn titles_match_ignoring_case_and_spacing() {
        assert_eq!(title_key("  Nursing \t  Assistant "), "nursing assistant");
        assert_eq!(
            title_hash("  Nursing   ASSISTANT "),
            title_hash("nursing assistant")
        );
        assert_ne!(title_key("Nursing assistant"), title_key("Nursing assistants"));
        assert_ne!(title_hash("Nursing assistant"), title_hash("Nursing assistants"));
        assert_ne!(title_hash("ab c"), title_hash("a bc"));
    }

    #[test]
    fn missing_figures_and_old_wages_are_info() {
        let p = pathways(
            r#"{"id":"a","title":"A","kind":"education","level":0,"entry":["ESL 1"]},
               {"id":"t","title":"T","kind":"training","level":1,"credential":"C","weeks":4,"sources":["src"]},
               {"id":"j","title":"J","kind":"employment","level":1,"wage":{"median_annual_usd":1,"year":2020,"source":"src"}},
               {"id":"k","title":"K","kind":"employment","level":1,"wage":{"median_annual_usd":1,"year":2024,"source":"src"}}"#,
            r#"{"from":"a","to":"t","mode":"integrated"},{"from":"t","to":"j","mode":"sequential"},
               {"from":"t","to":"k","mode":"sequential"}"#,
        );
        let all = audit(&p, &Options::default());
        let info = |id: &str| -> Vec<&str> {
            all.iter()
                .filter(|f| f.stage.as_deref() == Some(id))
                .map(|f| f.code.as_str())
                .collect()
        };
        assert_eq!(info("t"), vec!["missing-data"]);
        assert!(all.iter().any(|f| f.message.contains("(`cost_usd`)")));
        assert_eq!(info("j"), vec!["stale-wage"]);
        assert_eq!(info("k"), Vec::<&str>::new());
        let lenient = Options {
            stale_years: 4,
            ..Options::default()
        };
        assert!(codes_with(&p, "j", &lenient).is_empty());
        assert!(codes(&p, "j").is_empty());
    }
}
