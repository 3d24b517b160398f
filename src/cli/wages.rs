//! `pathways wages SOC-OR-TITLE`: an occupation's median wage and employment in an area, its state
//! and the nation, or (`--compare`) in every area of a state, best paid first.

use std::io::Write;

use serde::Serialize;

use super::area::AreaArg;
use super::{Failure, write_json};
use crate::domain::graph::Pathways;
use crate::domain::search::{Resolved, resolve};
use crate::domain::wages::{Amount, AreaId, AreaKind, Estimate, Layer, layer};
use crate::format::{count, fit};
use crate::sanitize::clean;

#[derive(Debug, clap::Args)]
pub struct WagesArgs {
    /// A SOC code ("31-1131"), a BLS occupation title, or a job of the loaded pathways.
    #[arg(required = true, num_args = 1..)]
    occupation: Vec<String>,
    #[command(flatten)]
    area: AreaArg,
    /// Every area of the state (of every state, for the nation), highest median wage first.
    #[arg(long)]
    compare: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct WagesJson<'a> {
    soc: &'a str,
    title: &'a str,
    release: &'a str,
    areas: Vec<RowJson>,
    notice: String,
}

#[derive(Serialize)]
struct RowJson {
    area: &'static str,
    area_code: &'static str,
    kind: &'static str,
    median_annual_usd: Option<f64>,
    median_hourly_usd: Option<f64>,
    at_least: bool,
    employment: Option<u32>,
}

pub fn run(p: &Pathways, args: &WagesArgs, out: &mut dyn Write) -> Result<i32, Failure> {
    let l = layer();
    let (soc, title) = occupation(p, l, &args.occupation.join(" "))?;
    let area = args.area.resolve(None)?;
    let areas = if args.compare {
        compared(l, soc, area)
    } else {
        let mut chain = vec![area];
        chain.extend(l.state_of(area).filter(|s| *s != area));
        if area != l.nation() {
            chain.push(l.nation());
        }
        chain
    };
    let rows: Vec<(AreaId, Option<&Estimate>)> = areas.iter().map(|&a| (a, l.estimate(a, soc))).collect();
    if args.json {
        let areas = rows.iter().map(|&(a, e)| row_json(l, a, e)).collect();
        let doc = WagesJson {
            soc,
            title,
            release: l.release(),
            areas,
            notice: l.attribution(),
        };
        write_json(out, &doc)?;
        return Ok(0);
    }
    writeln!(out, "{} (SOC {soc}): median pay, {}", clean(title), l.citation())?;
    let width = rows
        .iter()
        .map(|(a, _)| unicode_width::UnicodeWidthStr::width(l.label(*a)))
        .max()
        .unwrap_or(0);
    for (a, e) in &rows {
        let (pay, jobs) = match e {
            Some(e) => (
                pay_words(l, e),
                e.employment.map_or_else(
                    || "jobs not released".to_string(),
                    |n| format!("about {} jobs", count(u64::from(n))),
                ),
            ),
            None => ("no estimate".to_string(), String::new()),
        };
        writeln!(out, "  {}  {:<22} {jobs}", fit(l.label(*a), width), pay)?;
    }
    writeln!(out, "\nSource: {}", l.attribution())?;
    Ok(0)
}

/// The annual and hourly median side by side: "$51,990/yr  $25.00/hr".
fn pay_words(l: &Layer, e: &Estimate) -> String {
    match (e.annual, e.hourly) {
        (Amount::Usd(a), Amount::Usd(h)) => format!("{}/yr  ${h:.2}/hr", crate::format::usd(a)),
        (Amount::NotReleased, Amount::NotReleased) => "wage not released".to_string(),
        _ => l.amount_words(e),
    }
}

/// The areas to compare: every area of `area`'s state (every state, for the nation), best paid
/// first, those without a wage last.
fn compared(l: &Layer, soc: &str, area: AreaId) -> Vec<AreaId> {
    let mut areas: Vec<AreaId> = match l.state_of(area) {
        Some(state) => l.within(state),
        None => l
            .areas()
            .filter(|(_, a)| matches!(a.kind, AreaKind::Nation | AreaKind::State))
            .map(|(id, _)| id)
            .collect(),
    };
    let pay = |a: &AreaId| {
        l.estimate(*a, soc).and_then(|e| match (e.annual, e.hourly) {
            (Amount::Usd(v) | Amount::AtLeast(v), _) => Some(v),
            (_, Amount::Usd(h) | Amount::AtLeast(h)) => Some(h * 2080.0),
            _ => None,
        })
    };
    areas.sort_by(|a, b| match (pay(a), pay(b)) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.cmp(b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(b),
    });
    areas
}

fn row_json(l: &Layer, a: AreaId, e: Option<&Estimate>) -> RowJson {
    let area = l.area(a);
    let value = |x: Amount| match x {
        Amount::Usd(v) | Amount::AtLeast(v) => Some(v),
        _ => None,
    };
    RowJson {
        area: area.name,
        area_code: area.code,
        kind: match area.kind {
            AreaKind::Nation => "nation",
            AreaKind::State => "state",
            AreaKind::Metro => "metro",
            AreaKind::Nonmetro => "nonmetro",
        },
        median_annual_usd: e.and_then(|e| value(e.annual)),
        median_hourly_usd: e.and_then(|e| value(e.hourly)),
        at_least: e.is_some_and(|e| matches!(e.annual, Amount::AtLeast(_))),
        employment: e.and_then(|e| e.employment),
    }
}

/// The occupation named: a SOC code, a job of the loaded pathways (by id or title), or a BLS
/// title (exact, or the only one containing the text).
fn occupation(p: &Pathways, l: &Layer, text: &str) -> Result<(&'static str, &'static str), Failure> {
    let text = text.trim();
    let by_soc = |soc: &str| {
        l.occupations()
            .iter()
            .find(|(s, _)| crate::domain::wages::same_soc(s, soc))
            .copied()
    };
    if let Some(found) = by_soc(text) {
        return Ok(found);
    }
    if let Resolved::Exact(n) | Resolved::Named(n) = resolve(p, text)
        && let Some(soc) = &p.stage(n).soc
    {
        return by_soc(soc).ok_or_else(|| {
            Failure::usage(format!(
                "{} has SOC code {soc}, which is not a detailed occupation of {}",
                p.stage(n).title,
                l.citation()
            ))
        });
    }
    let lower = text.to_lowercase();
    if let Some(found) = l.occupations().iter().find(|(_, t)| t.to_lowercase() == lower) {
        return Ok(*found);
    }
    let containing: Vec<(&str, &str)> = l
        .occupations()
        .iter()
        .filter(|(_, t)| t.to_lowercase().contains(&lower))
        .copied()
        .collect();
    match containing.as_slice() {
        [one] => Ok(*one),
        [] => Err(Failure::usage(format!(
            "unknown occupation '{text}': give a SOC code such as 31-1131, a BLS title, or a job id (`pathways search`)"
        ))),
        many => {
            let listed: Vec<String> = many.iter().take(8).map(|(s, t)| format!("{t} ({s})")).collect();
            Err(Failure::usage(format!(
                "'{text}' could mean {} occupations: {}{}; give the SOC code",
                many.len(),
                listed.join("; "),
                if many.len() > 8 { "; ..." } else { "" }
            )))
        }
    }
}
