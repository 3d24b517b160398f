//! A plan for a learner, as Markdown: where they start, each step with its time, cost,
//! credential and wage, the integrated and sequential stretches, totals, support services, and
//! where every figure comes from. Unknown figures are said to be unknown, never guessed.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use petgraph::graph::{EdgeIndex, NodeIndex};

use super::graph::Pathways;
use super::model::Kind;
use super::route::Route;
use super::wages::{self, AreaId};
use crate::format::{usd, weeks};
use crate::sanitize::clean;

/// What a plan is made from.
#[derive(Debug, Clone)]
pub struct PlanInput<'a> {
    /// Where the learner starts, in words ("ESL 3 (High Beginning ESL), from CASAS ...").
    pub start: String,
    pub route: &'a Route,
    /// The day the plan was made (YYYY-MM-DD).
    pub date: String,
    /// The area whose wages the plan shows.
    pub area: AreaId,
}

/// Data text for the plan: no control characters or line breaks, and nothing Markdown or HTML
/// would read as markup: no raw HTML (`<img>` would load a tracking pixel), links, images,
/// emphasis, code or table pipes; the text shows as written.
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// The plan, as Markdown.
pub fn markdown(p: &Pathways, input: &PlanInput<'_>) -> String {
    let route = input.route;
    let nodes = route.stages();
    let goal = route.target();
    let mut md = String::new();
    let _ = writeln!(md, "# Career plan: {}\n", cell(&p.stage(goal).title));
    let _ = writeln!(md, "Prepared on {} with `pathways`.\n", input.date);
    let _ = writeln!(
        md,
        "Wages are median pay in {} ({}), unless a step says otherwise.\n",
        cell(wages::layer().place(input.area)),
        wages::layer().citation()
    );
    let _ = writeln!(md, "## Where you start\n\n{}\n", cell(&input.start));
    let _ = writeln!(md, "## Your steps\n");
    let _ = writeln!(
        md,
        "| # | Step | Kind | How you get there | Weeks | Cost | Credential | Median wage |"
    );
    let _ = writeln!(
        md,
        "|---|------|------|-------------------|-------|------|------------|-------------|"
    );
    let mut unknown: Vec<String> = Vec::new();
    for (i, leg) in route.legs(p).iter().enumerate() {
        let s = p.stage(leg.stage);
        let how = match leg.mode {
            Some(mode) => mode.as_str().to_string(),
            None if route.starts_from_level() => "start here".to_string(),
            None => "you are here".to_string(),
        };
        if leg.weeks_unknown {
            unknown.push(format!("weeks of {}", cell(&s.title)));
        }
        if leg.cost_unknown {
            unknown.push(format!("cost of {}", cell(&s.title)));
        }
        let w = figure(leg.weeks, leg.weeks_unknown, weeks);
        let cost = figure(leg.cost_usd, leg.cost_unknown, usd);
        let credential = s.credential.as_deref().map_or_else(|| "–".to_string(), cell);
        let wage = match wages::of_stage(p, leg.stage, input.area) {
            Some(w) => cell(&w.words(p, leg.stage)),
            None if s.kind == Kind::Employment => {
                unknown.push(format!("wage of {}", cell(&s.title)));
                "not known".to_string()
            }
            None => "–".to_string(),
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {how} | {w} | {cost} | {credential} | {wage} |",
            i + 1,
            cell(&s.title),
            s.kind
        );
    }
    let _ = writeln!(md, "\n## Integrated and sequential stretches\n");
    let segments = route.segments(p);
    if segments.is_empty() {
        let _ = writeln!(md, "This plan has a single step.");
    }
    for seg in &segments {
        let titles: Vec<String> = seg.stages.iter().map(|&n| cell(&p.stage(n).title)).collect();
        let why = match seg.mode {
            super::model::Mode::Integrated => "basic skills and job training together",
            super::model::Mode::Sequential => "one step after the other",
        };
        let more = if seg.weeks_unknown {
            " (and some not known)"
        } else {
            ""
        };
        let _ = writeln!(
            md,
            "- **{}** ({why}), {} weeks{more}: {}",
            seg.mode.as_str(),
            weeks(seg.weeks),
            titles.join(" → ")
        );
    }
    let _ = writeln!(md, "\n## Totals\n");
    let _ = writeln!(md, "- Time: {} weeks", weeks(route.weeks));
    let _ = writeln!(md, "- Cost: {}", usd(route.cost_usd));
    let _ = writeln!(md, "- Steps: {}", route.steps);
    if !unknown.is_empty() {
        let _ = writeln!(
            md,
            "- Not included because no source gives them yet: {}. Ask the college or program.",
            unknown.join("; ")
        );
    }
    let earning: Vec<String> = nodes
        .iter()
        .filter(|&&n| matches!(p.stage(n).kind, Kind::Employment | Kind::WorkBased))
        .map(|&n| cell(&p.stage(n).title))
        .collect();
    if !earning.is_empty() {
        let _ = writeln!(md, "- Where you can earn along the way: {}", earning.join(", "));
    }
    write_services(p, nodes, &mut md);
    write_sources(p, nodes, route.transitions(), input.area, &mut md);
    md
}

/// A figure a step adds: the number, "not known" when the data lacks it, or "–" when nothing counts.
fn figure(value: f64, missing: bool, text: fn(f64) -> String) -> String {
    match (value > 0.0, missing) {
        (true, true) => format!("{} + not known", text(value)),
        (false, true) => "not known".to_string(),
        (true, false) => text(value),
        (false, false) => "–".to_string(),
    }
}

fn write_services(p: &Pathways, nodes: &[NodeIndex], md: &mut String) {
    let with: Vec<_> = nodes
        .iter()
        .map(|&n| p.stage(n))
        .filter(|s| !s.services().is_empty())
        .collect();
    let _ = writeln!(md, "\n## Support services\n");
    if with.is_empty() {
        let _ = writeln!(
            md,
            "None are listed for these steps; ask an advisor about what is offered."
        );
    }
    for s in with {
        let _ = writeln!(md, "- {}: {}", cell(&s.title), cell(&s.services().join(", ")));
    }
}

/// Every source behind the plan's figures, with its year.
fn write_sources(p: &Pathways, nodes: &[NodeIndex], edges: &[EdgeIndex], area: AreaId, md: &mut String) {
    let mut cited: BTreeSet<(String, String)> = BTreeSet::new();
    let mut cite = |pathway: usize, id: &str| {
        if let Some(src) = p.pathways()[pathway].source(id) {
            let year = src
                .year
                .map_or_else(|| "year not given".to_string(), |y| y.to_string());
            cited.insert((cell(&src.title), year));
        }
    };
    let mut oews = false;
    for &n in nodes {
        let s = p.stage(n);
        for id in &s.sources {
            cite(s.pathway, id);
        }
        match wages::of_stage(p, n, area) {
            Some(wages::JobWage::File(w)) => cite(s.pathway, &w.source),
            Some(wages::JobWage::Oews(_)) => oews = true,
            None => {}
        }
    }
    for &e in edges {
        let t = p.transition(e);
        for id in t.sources() {
            cite(t.pathway, id);
        }
    }
    if oews {
        let l = wages::layer();
        cited.insert((cell(&l.attribution()), l.year().to_string()));
    }
    let _ = writeln!(md, "\n## Where these figures come from\n");
    if cited.is_empty() {
        let _ = writeln!(md, "No sourced figures on this route.");
    }
    for (title, year) in cited {
        let _ = writeln!(md, "- {title} ({year})");
    }
}

/// The default file name for a plan: `plan-<goal>.md`, with the goal's id made file-safe.
pub fn file_name(p: &Pathways, goal: NodeIndex) -> String {
    let slug: String = p
        .stage(goal)
        .id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("plan-{slug}.md")
}

/// Today's date (UTC) as YYYY-MM-DD, from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date(i64::try_from(secs / 86_400).unwrap_or(0))
}

/// Days since 1970-01-01 -> YYYY-MM-DD (proleptic Gregorian; Howard Hinnant's algorithm).
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::{Input, Origin, load};

    #[test]
    fn data_text_is_never_markup() {
        assert_eq!(
            cell("<img src=https://t.example/p.gif>"),
            "&lt;img src=https://t.example/p.gif&gt;"
        );
        assert_eq!(cell("[click](http://e.example)"), "\\[click\\](http://e.example)");
        assert_eq!(
            cell("![x](y) **b** _i_ `c` a|b ~s~ #h"),
            "\\!\\[x\\](y) \\*\\*b\\*\\* \\_i\\_ \\`c\\` a\\|b \\~s\\~ \\#h"
        );
        assert_eq!(cell("A & B\nC"), "A &amp; B\u{FFFD}C");
        assert_eq!(
            cell("Nursing assistant (NA-C), $1,710.14"),
            "Nursing assistant (NA-C), $1,710.14"
        );
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_785), "2026-11-28");
    }

    #[test]
    fn a_plan_shows_the_area_wage_and_cites_bls() {
        let p = pathways_with_soc();
        let nodes: Vec<NodeIndex> = ["nac", "cna"].iter().map(|id| p.find(id).expect("id")).collect();
        let edges = vec![p.graph().find_edge(nodes[0], nodes[1]).expect("e")];
        let route = Route::new(&p, true, nodes, edges).expect("a route");
        let area = wages::layer().resolve("seattle").expect("Seattle");
        let md = markdown(
            &p,
            &PlanInput {
                start: "HSE".into(),
                route: &route,
                date: "2026-12-02".into(),
                area,
            },
        );
        assert!(
            md.contains("Wages are median pay in Seattle-Tacoma-Bellevue, WA (BLS OEWS May 2025)"),
            "{md}"
        );
        assert!(
            md.contains("| $51,990/yr (Seattle-Tacoma-Bellevue, WA, BLS OEWS May 2025) |"),
            "{md}"
        );
        assert!(md.contains("BLS.gov cannot vouch for the data"), "{md}");
    }

    fn loaded(text: &str) -> Pathways {
        let input = Input {
            name: "p.json".into(),
            bytes: text.as_bytes().to_vec(),
            origin: Origin::User,
        };
        load(&[input]).expect("loads").pathways
    }

    /// A pathway whose job's wage is left to the OEWS layer by its SOC code.
    fn pathways_with_soc() -> Pathways {
        let text = r#"{"format": "pathways/1",
 "pathway": {"id": "p", "title": "P", "sector": "S", "sources": [{"id": "col", "title": "A college", "year": 2024}]},
 "stages": [
  {"id": "nac", "title": "NAC program", "kind": "training", "level": 2, "entry": ["HSE"], "weeks": 11, "sources": ["col"]},
  {"id": "cna", "title": "CNA", "kind": "employment", "level": 2, "soc": "31-1131"}],
 "transitions": [{"from": "nac", "to": "cna", "mode": "sequential"}]}"#;
        loaded(text)
    }

    fn pathways() -> Pathways {
        let text = r#"{"format": "pathways/1",
 "pathway": {"id": "p", "title": "P", "sector": "S", "sources": [
   {"id": "oews", "title": "BLS OEWS May 2025", "year": 2025}, {"id": "col", "title": "A | college", "year": 2024}]},
 "stages": [
  {"id": "esl", "title": "ESL 3 class", "kind": "education", "level": 0, "entry": ["ESL 3"], "services": ["childcare"]},
  {"id": "nac", "title": "I-BEST NAC", "kind": "training", "level": 2, "weeks": 11, "credential": "NAC", "sources": ["col"]},
  {"id": "cna", "title": "CNA", "kind": "employment", "level": 2,
   "wage": {"median_annual_usd": 42260, "year": 2025, "source": "oews"}}],
 "transitions": [
  {"from": "esl", "to": "nac", "mode": "integrated"},
  {"from": "nac", "to": "cna", "mode": "sequential"}]}"#;
        loaded(text)
    }

    #[test]
    fn a_plan_has_steps_stretches_totals_services_and_sources() {
        let p = pathways();
        let nodes: Vec<NodeIndex> = ["esl", "nac", "cna"]
            .iter()
            .map(|id| p.find(id).expect("id"))
            .collect();
        let edges: Vec<EdgeIndex> = nodes
            .windows(2)
            .map(|w| p.graph().find_edge(w[0], w[1]).expect("e"))
            .collect();
        let route = Route::new(&p, true, nodes.clone(), edges).expect("a route");
        let md = markdown(
            &p,
            &PlanInput {
                start: "ESL 3 (High Beginning ESL)".into(),
                route: &route,
                date: "2026-11-28".into(),
                area: crate::domain::wages::layer().nation(),
            },
        );
        assert!(md.starts_with("# Career plan: CNA\n"), "{md}");
        assert!(
            md.contains("| 1 | ESL 3 class | education | start here | not known | not known | – | – |"),
            "{md}"
        );
        assert!(
            md.contains("| 2 | I-BEST NAC | training | integrated | 11 | not known | NAC | – |"),
            "{md}"
        );
        assert!(
            md.contains("| 3 | CNA | employment | sequential | – | – | – | $42,260/yr (from the pathway file, 2025, BLS OEWS May 2025) |"),
            "{md}"
        );
        assert!(md.contains(
            "- **integrated** (basic skills and job training together), 11 weeks (and some not known): ESL 3 class → I-BEST NAC"
        ));
        assert!(md.contains("- Time: 11 weeks"));
        assert!(
            md.contains("weeks of ESL 3 class; cost of ESL 3 class; cost of I-BEST NAC"),
            "{md}"
        );
        assert!(md.contains("- Where you can earn along the way: CNA"));
        assert!(md.contains("- ESL 3 class: childcare"));
        assert!(md.contains("- A \\| college (2024)"), "{md}");
        assert!(md.contains("- BLS OEWS May 2025 (2025)"));
        assert_eq!(file_name(&p, nodes[2]), "plan-cna.md");
    }
}
