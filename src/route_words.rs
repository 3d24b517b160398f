//! A route in words, written once for every front end: the command line's route text, the
//! explorer's route finder and comparison say the same things in the same words.

use crate::domain::graph::Pathways;
use crate::domain::route::{Constraints, Integration, Leg, Route, weeks_span};
use crate::domain::wages::{self, AreaId};
use crate::format::{cost_marked, usd, weeks, weeks_marked};

/// The limits a search keeps to, in words (`earn while learning`, `first pay within 12 wk`,
/// `at most 52 wk`, ...), in the order the learner panel lists them; empty when there are none.
pub fn limits_words(p: &Pathways, c: &Constraints) -> Vec<String> {
    limits_keyed(p, c).into_iter().map(|(_, words)| words).collect()
}

/// `limits_words` with each limit's key (`limit_key`), to tell which of them `unsure_limits`
/// names.
pub fn limits_keyed(p: &Pathways, c: &Constraints) -> Vec<(&'static str, String)> {
    let mut words = Vec::new();
    if c.earn {
        words.push((limit_key::EARN, "earn while learning".to_string()));
    }
    if c.integrated_only {
        words.push((limit_key::INTEGRATED_ONLY, "integrated training only".to_string()));
    }
    if let Some(w) = c.max_weeks {
        words.push((limit_key::MAX_WEEKS, max_weeks_words(w)));
    }
    if let Some(m) = c.max_cost {
        words.push((limit_key::MAX_COST, max_cost_words(m)));
    }
    if let Some(w) = c.paid_within {
        words.push((limit_key::PAID_WITHIN, paid_within_words(w)));
    }
    words.extend(
        c.avoid
            .iter()
            .map(|&n| (limit_key::AVOID, format!("not {}", p.stage(n).title))),
    );
    words
}

fn max_weeks_words(w: f64) -> String {
    format!("at most {} wk", weeks(w))
}

fn max_cost_words(m: f64) -> String {
    format!("at most {}", usd(m))
}

fn paid_within_words(w: f64) -> String {
    format!("first pay within {} wk", weeks(w))
}

/// The keys limits are named by: `unsure_limits` gives them (as `route --json`'s
/// `unsure_limits` does), and the plan matches its own words for the limits by them.
pub mod limit_key {
    pub const MAX_WEEKS: &str = "max_weeks";
    pub const MAX_COST: &str = "max_cost";
    pub const PAID_WITHIN: &str = "paid_within_weeks";
    pub const INTEGRATED_ONLY: &str = "integrated_only";
    pub const EARN: &str = "earn";
    pub const AVOID: &str = "avoid";
}

/// The limits `r` may break though its totals keep to them, as (the limit's JSON key, its
/// words): a length or cost the data does not give counts as 0, so a route can pass "at most
/// 20 wk" or "first pay within 4 wk" on figures that are not known.
pub fn unsure_limits(p: &Pathways, r: &Route, c: &Constraints) -> Vec<(&'static str, String)> {
    let legs = r.legs(p);
    let mut unsure = Vec::new();
    if let Some(w) = c.max_weeks
        && legs.iter().any(|l| l.weeks_unknown)
    {
        unsure.push((limit_key::MAX_WEEKS, max_weeks_words(w)));
    }
    if let Some(m) = c.max_cost
        && legs.iter().any(|l| l.cost_unknown)
    {
        unsure.push((limit_key::MAX_COST, max_cost_words(m)));
    }
    if let Some(w) = c.paid_within
        && r.first_paid(p).is_some_and(|f| f.weeks_unknown)
    {
        unsure.push((limit_key::PAID_WITHIN, paid_within_words(w)));
    }
    unsure
}

/// `May break the limit "first pay within 4 wk": ...`, when `unsure_limits` names any.
pub fn unsure_words(p: &Pathways, r: &Route, c: &Constraints) -> Option<String> {
    let unsure: Vec<String> = unsure_limits(p, r, c)
        .into_iter()
        .map(|(_, words)| format!("\"{words}\""))
        .collect();
    let limit = if unsure.len() == 1 { "limit" } else { "limits" };
    (!unsure.is_empty()).then(|| {
        format!(
            "May break the {limit} {}: a length or cost on the way is not in the data and \
             counts as 0. Ask the programs.",
            unsure.join(" and ")
        )
    })
}

/// ` (9–14)` after a total when some stage states a range of weeks; empty otherwise.
pub fn range_words(range: Option<(f64, f64)>) -> String {
    range.map_or_else(String::new, |(lo, hi)| format!(" ({}–{})", weeks(lo), weeks(hi)))
}

/// `11 weeks, $1,825, 2 steps`, with `?` where figures are missing.
pub fn totals_marked(r: &Route, legs: &[Leg]) -> String {
    let weeks_unknown = legs.iter().any(|l| l.weeks_unknown);
    let cost_unknown = legs.iter().any(|l| l.cost_unknown);
    format!(
        "{} weeks{}, {}, {}",
        weeks_marked(r.weeks, weeks_unknown),
        range_words(weeks_span(legs)),
        cost_marked(r.cost_usd, cost_unknown),
        crate::format::route_steps(r)
    )
}

/// Where a route pays her, in order: its jobs and its paid work-based learning (apprenticeships,
/// on-the-job training), with their median wages where the data has them:
/// `Registered apprenticeship: electrician (paid while learning) -> Electrician $65,000/yr`.
pub fn ladder(p: &Pathways, area: AreaId, r: &Route, with_target: bool) -> String {
    r.paid(p)
        .filter(|&n| with_target || n != r.target())
        .map(|n| {
            let s = p.stage(n);
            match wages::of_stage(p, n, area) {
                Some(w) => format!("{} {}", s.title, w.amount_marked()),
                None if s.is_employment() => format!("{} (wage not known)", s.title),
                None => format!("{} (paid while learning)", s.title),
            }
        })
        .collect::<Vec<_>>()
        .join(" -> ")
}

/// Whether a route's earnings are worth a line: it pays her somewhere before the goal.
pub fn has_earnings(p: &Pathways, r: &Route) -> bool {
    r.paid(p).any(|n| n != r.target())
}

/// What integrated programs change for the best route: `Integration: ...`.
pub fn integration_words(p: &Pathways, best: &Route, integration: &Integration) -> String {
    match integration {
        Integration::NotUsed => "Integration: this route has no integrated step.".to_string(),
        Integration::NoSequentialAlternative => format!(
            "Integration: without integrated programs there is no route to {} at all.",
            p.stage(best.target()).title
        ),
        Integration::Saves {
            sequential,
            weeks_saved,
        } => {
            let legs = sequential.legs(p);
            let unknown = legs.iter().chain(best.legs(p).iter()).any(|l| l.weeks_unknown);
            let difference = if unknown {
                "lengths are missing, so the saving cannot be told".to_string()
            } else if *weeks_saved > 0.0 {
                format!("integration saves {} weeks", weeks(*weeks_saved))
            } else if *weeks_saved < 0.0 {
                format!("{} weeks fewer than this route", weeks(-weeks_saved))
            } else {
                "no time saved".to_string()
            };
            format!(
                "Integration: the best all-sequential route takes {}: {difference}.",
                totals_marked(sequential, &legs)
            )
        }
    }
}

/// Where the route first pays her and after how many weeks: `step 3, Nursing assistant, after
/// 11+? wk`; `from the start: ...` when she is paid from her first stage.
pub fn first_pay(p: &Pathways, route: &Route) -> String {
    let Some(paid) = route.first_paid(p) else {
        return "no paid step on this route".into();
    };
    let title = &p.stage(paid.stage).title;
    if paid.step == 0 {
        return format!("from the start: {title}");
    }
    format!(
        "step {}, {title}, after {} wk",
        paid.step + 1,
        weeks_marked(paid.weeks_before, paid.weeks_unknown)
    )
}
