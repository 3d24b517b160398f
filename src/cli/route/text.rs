//! `pathways route` for people: numbered steps, the segment strip, totals and the jobs on the way.
//! Modes read without colour: the strip names them, route chains use `=>` (integrated) and `->`.

use std::io::Write;

use petgraph::graph::NodeIndex;

use super::{Answer, Plan, SortBy, StartArg};
use crate::cli::Failure;
use crate::cli::area::heading;
use crate::cli::show::mode_glyph;
use crate::domain::graph::Pathways;
use crate::domain::level::SkillLevel;
use crate::domain::model::Mode;
use crate::domain::route::{Found, Integration, Leg, Route, Segment};
use crate::domain::wages::{self, AreaId};
use crate::format::{cost_marked, weeks, weeks_marked};
use crate::route_words::{
    first_pay, has_earnings, integration_words, ladder, range_words, totals_marked, unsure_words,
};
use crate::sanitize::clean;

/// Longest line a route chain is wrapped to.
const WIDTH: usize = 100;

pub fn write(
    p: &Pathways,
    plan: &Plan,
    answer: &Answer,
    why: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    header(p, plan, out)?;
    if let Some(why) = why {
        writeln!(out, "\n{}", clean(why))?;
        return Ok(());
    }
    let marked = match answer {
        Answer::ToTarget { found, integration } => routes(p, plan, found, integration.as_ref(), out)?,
        Answer::Destinations { found, total } => jobs(p, plan, found, *total, out)?,
    };
    if marked {
        writeln!(
            out,
            "\n{} (and routes that tie rank by fewer steps).",
            crate::format::UNKNOWN_FIGURES
        )?;
    }
    if !answer.found().complete {
        writeln!(
            out,
            "Note: the search stopped after examining {} routes; more routes may fit.",
            plan.query.examine_limit
        )?;
    }
    Ok(())
}

fn header(p: &Pathways, plan: &Plan, out: &mut dyn Write) -> Result<(), Failure> {
    let from = match &plan.from {
        StartArg::Levels { levels, placements } => {
            let named: Vec<String> = levels
                .all()
                .iter()
                .map(|l| format!("{l} ({})", l.nrs_name()))
                .collect();
            let mut s = named.join(" and ");
            if s.is_empty() {
                s = "no level given".into();
            }
            let placed: Vec<String> = placements
                .iter()
                .map(|pl| format!("{} {} {}", pl.test, pl.subject, pl.score))
                .collect();
            if !placed.is_empty() {
                s.push_str(&format!(", placed by {}", placed.join(", ")));
            }
            s
        }
        StartArg::Stage { node, matched_from } => with_match(p, *node, matched_from.as_deref()),
    };
    writeln!(out, "From: {}", clean(&from))?;
    if !plan.holds.is_empty() {
        let titles: Vec<&str> = plan.holds.iter().map(|c| p.conditions().title(c)).collect();
        writeln!(out, "Holds: {}", clean(&titles.join("; ")))?;
    }
    if let Some(to) = &plan.to {
        writeln!(
            out,
            "To:   {}",
            clean(&with_match(p, to.node, to.matched_from.as_deref()))
        )?;
    }
    let limits = constraint_words(p, plan);
    let by = plan.query.measure.as_str();
    if limits.is_empty() {
        writeln!(out, "Best by {by}")?;
    } else {
        writeln!(out, "Best by {by}, with {}", clean(&limits.join(", ")))?;
    }
    writeln!(out, "{}", heading(plan.area))?;
    Ok(())
}

fn with_match(p: &Pathways, node: NodeIndex, matched_from: Option<&str>) -> String {
    let s = p.stage(node);
    match matched_from {
        Some(text) => format!("{} [{}], matched from \"{text}\"", s.title, s.id),
        None => format!("{} [{}]", s.title, s.id),
    }
}

/// Routes to one goal, then what integration saves. Returns whether a figure was missing.
fn routes(
    p: &Pathways,
    plan: &Plan,
    found: &Found,
    integration: Option<&Integration>,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    let mut marked = false;
    let count = found.routes.len();
    for (i, r) in found.routes.iter().enumerate() {
        let legs = r.legs(p);
        marked |= legs.iter().any(|l| l.weeks_unknown || l.cost_unknown);
        let of = if plan.k > 1 {
            format!(" of {count}")
        } else {
            String::new()
        };
        writeln!(out, "\nRoute {}{of}", i + 1)?;
        steps_list(p, plan.area, r, &legs, out)?;
        writeln!(out, "   Segments: {}", strip(&r.segments(p), r.steps))?;
        writeln!(out, "   Total: {}", totals_marked(r, &legs))?;
        writeln!(out, "   First pay: {}", clean(&first_pay(p, r)))?;
        if let Some(unsure) = unsure_words(p, r, &plan.query.constraints) {
            writeln!(out, "   {}", clean(&unsure))?;
        }
        if has_earnings(p, r) {
            writeln!(out, "   Earnings: {}", clean(&ladder(p, plan.area, r, true)))?;
        }
        if i == 0
            && let Some(integration) = integration
        {
            writeln!(out, "   {}", clean(&integration_words(p, r, integration)))?;
        }
    }
    if plan.k > count && count > 0 {
        writeln!(
            out,
            "\nOnly {count} route{} to the goal{}.",
            if count == 1 { "" } else { "s" },
            if constraint_words(p, plan).is_empty() {
                ""
            } else {
                " within these limits"
            }
        )?;
    }
    Ok(marked)
}

/// A stated range beside a typical figure: ` (44–90)`; nothing without one.
/// The numbered steps: title and id, then kind, how the learner gets there, what it adds, wage.
fn steps_list(
    p: &Pathways,
    area: AreaId,
    r: &Route,
    legs: &[Leg],
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let last = legs.len() - 1;
    for (i, leg) in legs.iter().enumerate() {
        let s = p.stage(leg.stage);
        writeln!(out, "  {:>2}. {}  [{}]", i + 1, clean(&s.title), s.id)?;
        let mut facts = vec![s.kind.as_str().to_string()];
        facts.push(match leg.mode {
            Some(mode) => format!("{} {}", mode_glyph(mode), mode.as_str()),
            None if r.starts_from_level() => "on-ramp: start here".to_string(),
            None => "you are here".to_string(),
        });
        let here = i == 0 && !r.starts_from_level();
        if s.is_employment() {
            match wages::of_stage(p, leg.stage, area) {
                Some(w) => {
                    let mut said = format!("median wage {}", w.amount_marked());
                    if let Some(jobs) = w.employment() {
                        said.push_str(&format!(", {jobs}"));
                    }
                    facts.push(said);
                }
                None => facts.push("wage not known".to_string()),
            }
            if i < last {
                let moving = leg.transition.and_then(|e| p.transition(e).weeks).unwrap_or(0.0) > 0.0;
                facts.push(format!(
                    "{} wk {}",
                    weeks_marked(leg.weeks, leg.weeks_unknown),
                    if moving {
                        "incl. time in the job"
                    } else {
                        "in the job"
                    }
                ));
            }
        } else if !here {
            facts.push(format!(
                "{} wk{}",
                weeks_marked(leg.weeks, leg.weeks_unknown),
                range_words(leg.weeks_range)
            ));
        }
        if !here && (!s.is_employment() || leg.cost_usd > 0.0) {
            facts.push(cost_marked(leg.cost_usd, leg.cost_unknown));
        }
        writeln!(out, "      {}", clean(&facts.join(" · ")))?;
        if let Some(c) = &s.credential {
            writeln!(out, "      credential: {}", clean(c))?;
        }
    }
    Ok(())
}

/// The segment strip: `[integrated 11 wk] -> [sequential 140 wk]`.
pub fn strip(segments: &[Segment], steps: usize) -> String {
    if steps == 0 {
        return "none: the route starts at the goal".to_string();
    }
    segments
        .iter()
        .map(crate::format::segment)
        .collect::<Vec<_>>()
        .join(" -> ")
}

/// The best route to every reachable job, as blocks.
fn jobs(
    p: &Pathways,
    plan: &Plan,
    found: &Found,
    total: usize,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    let order = match plan.sort {
        SortBy::Wage => "highest median wage first".to_string(),
        SortBy::Measure => format!("{} first", crate::format::best_by(plan.query.measure)),
    };
    let shown = found.routes.len();
    let count = if shown < total {
        format!("The first {shown} of {total} jobs reachable")
    } else {
        format!("{total} job{} reachable", if total == 1 { "" } else { "s" })
    };
    writeln!(out, "\n{count}, {order} (=> integrated, -> sequential):")?;
    let mut marked = false;
    for (i, r) in found.routes.iter().enumerate() {
        let legs = r.legs(p);
        marked |= legs.iter().any(|l| l.weeks_unknown || l.cost_unknown);
        let target = p.stage(r.target());
        let wage = wages::of_stage(p, r.target(), plan.area).map_or_else(
            || "  wage not known".to_string(),
            |w| format!("  {}", w.amount_marked()),
        );
        writeln!(
            out,
            "\n{:>3}. {}  [{}]{}",
            i + 1,
            clean(&target.title),
            target.id,
            clean(&wage)
        )?;
        writeln!(
            out,
            "     {} · {}",
            totals_marked(r, &legs),
            strip(&r.segments(p), r.steps)
        )?;
        for line in wrap(&chain(p, r), WIDTH - 5) {
            writeln!(out, "     {}", clean(&line))?;
        }
        let before = ladder(p, plan.area, r, false);
        if !before.is_empty() {
            writeln!(out, "     earn on the way: {}", clean(&before))?;
        }
    }
    if shown > 0 {
        writeln!(
            out,
            "\nFor step-by-step routes: pathways route --from \"{}\" --to <id> -k 3",
            from_words(p, &plan.from)
        )?;
    }
    Ok(marked)
}

/// The route's titles joined by `=>` (integrated) and `->` (sequential), as wrap-able pieces.
fn chain(p: &Pathways, r: &Route) -> Vec<String> {
    let mut pieces = vec![p.stage(r.first()).title.clone()];
    for (i, &e) in r.transitions().iter().enumerate() {
        let arrow = match p.transition(e).mode {
            Mode::Integrated => "=>",
            Mode::Sequential => "->",
        };
        pieces.push(format!("{arrow} {}", p.stage(r.stages()[i + 1]).title));
    }
    pieces
}

/// Lays pieces out in lines of at most `width` characters; continuation lines are indented.
fn wrap(pieces: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces {
        if line.is_empty() {
            line.push_str(piece);
        } else if line.chars().count() + 1 + piece.chars().count() <= width {
            line.push(' ');
            line.push_str(piece);
        } else {
            lines.push(std::mem::take(&mut line));
            line = format!("  {piece}");
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The start in a few words, for sentences.
pub fn from_words(p: &Pathways, from: &StartArg) -> String {
    match from {
        StartArg::Levels { levels, .. } => levels.to_string(),
        StartArg::Stage { node, .. } => p.stage(*node).title.clone(),
    }
}

/// The constraints in force, as the flags that set them.
pub fn constraint_words(p: &Pathways, plan: &Plan) -> Vec<String> {
    let c = &plan.query.constraints;
    let mut words: Vec<String> = c
        .avoid
        .iter()
        .map(|&n| format!("--avoid {}", p.stage(n).id))
        .collect();
    if let Some(w) = c.max_weeks {
        words.push(format!("--max-weeks {}", weeks(w)));
    }
    if let Some(m) = c.max_cost {
        words.push(format!("--max-cost {}", weeks(m)));
    }
    if c.integrated_only {
        words.push("--integrated-only".to_string());
    }
    if c.earn {
        words.push("--earn".to_string());
    }
    if let Some(w) = c.paid_within {
        words.push(format!("--paid-within {}", weeks(w)));
    }
    words
}

/// A route's totals in words, for sentences: `63 weeks, $1,825, 6 steps`.
pub fn totals_words(p: &Pathways, r: &Route) -> String {
    totals_marked(r, &r.legs(p))
}

/// Levels from which a goal is reachable, summarised per scale: `ESL 4 and up, ABE 3 and up, or HSE`.
pub fn level_ranges(levels: &[SkillLevel]) -> String {
    let lowest_esl = levels.iter().filter_map(|l| match l {
        SkillLevel::Esl(n) => Some(*n),
        _ => None,
    });
    let lowest_abe = levels.iter().filter_map(|l| match l {
        SkillLevel::Abe(n) => Some(*n),
        _ => None,
    });
    let mut parts = Vec::new();
    if let Some(n) = lowest_esl.min() {
        parts.push(if n == 6 {
            "ESL 6".to_string()
        } else {
            format!("ESL {n} and up")
        });
    }
    if let Some(n) = lowest_abe.min() {
        parts.push(if n == 6 {
            "ABE 6".to_string()
        } else {
            format!("ABE {n} and up")
        });
    }
    if levels.contains(&SkillLevel::Hse) {
        parts.push("HSE".to_string());
    }
    match parts.as_slice() {
        [] => "no skill level".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_ranges_read_as_a_counselor_would_say_them() {
        use SkillLevel::*;
        assert_eq!(
            level_ranges(&[Esl(4), Esl(5), Esl(6), Abe(3), Abe(4), Hse]),
            "ESL 4 and up, ABE 3 and up or HSE"
        );
        assert_eq!(level_ranges(&[Hse]), "HSE");
        assert_eq!(level_ranges(&[]), "no skill level");
    }

    #[test]
    fn route_chains_wrap_between_stages() {
        let pieces: Vec<String> = ["aaaa", "-> bbbb", "=> cccc"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(wrap(&pieces, 12), ["aaaa -> bbbb", "  => cccc"]);
        assert_eq!(wrap(&pieces, 100), ["aaaa -> bbbb => cccc"]);
    }
}
