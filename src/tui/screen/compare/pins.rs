//! Two routes side by side: the trail or a found route pinned with `c`, compared with `C` on
//! weeks, cost, integrated weeks, the first paid step, the wages on the way and the segments.
//! Pure: the facts are words, `view::compare` lays them out.

use crate::domain::graph::Pathways;
use crate::domain::model::Mode;
use crate::domain::route::{Constraints, Route};
use crate::domain::wages::{self, AreaId};
use crate::format::{cost_marked, weeks_marked};

/// The most routes pinned at once: a side-by-side comparison has two sides.
pub const MAX_PINS: usize = 2;

/// A route pinned for comparison, with where it came from ("the trail", "route 2").
#[derive(Debug, Clone, PartialEq)]
pub struct Pin {
    pub route: Route,
    pub from: String,
    /// The limits it was found under (none for a trail walked by hand).
    pub limits: Constraints,
}

/// The pinned routes, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Pins {
    pub pins: Vec<Pin>,
}

/// What `C` says with nothing pinned.
/// Short enough for an 80-column hint bar.
pub const NOTHING_PINNED: &str = "Nothing pinned: c pins the trail here, or a route in the route finder.";
/// What the empty side of a comparison says.
pub const PIN_ANOTHER: &str = "Pin another: c on a trail in the explorer, or on a route in the route finder.";
/// What `c` on a trail of one stage says.
pub const NOTHING_WALKED: &str = "Walk a step first: a trail of one stage is not a route to compare.";

impl Pins {
    /// Pins `route`, or unpins it when it is pinned already; a third pin replaces the oldest,
    /// and says so.
    /// Returns what to tell the user.
    pub fn toggle(&mut self, p: &Pathways, route: Route, from: String, limits: Constraints) -> String {
        let name = name(p, &route);
        if let Some(i) = self.pins.iter().position(|pin| pin.route == route) {
            self.pins.remove(i);
            return format!("Unpinned {name}.");
        }
        // Two sides at most: the oldest pin makes room, and the message says which went and
        // which is where now, in words short enough for 80 columns.
        let dropped = (self.pins.len() == MAX_PINS).then(|| self.pins.remove(0));
        self.pins.push(Pin { route, from, limits });
        if let (Some(old), [a, b]) = (dropped, &self.pins[..]) {
            let short = |from: &str| from.trim_end_matches(" of the finder").to_string();
            return format!(
                "Two fit: unpinned {}; now A {}, B {}; C compares: {name}",
                short(&old.from),
                short(&a.from),
                short(&b.from)
            );
        }
        let label = side(self.pins.len() - 1);
        // What to do next first: a long route name is what a narrow bar cuts.
        let next = match self.pins.len() {
            1 => "pin another with c, then C compares",
            _ => "C compares A and B",
        };
        format!("Pinned as {label}; {next}: {name}")
    }

    pub fn clear(&mut self) {
        self.pins.clear();
    }
}

/// The letter of the side at `i`.
pub fn side(i: usize) -> char {
    if i == 0 { 'A' } else { 'B' }
}

/// A route in a few words: "ESL Level 3 class → Registered nurse (RN)".
pub fn name(p: &Pathways, route: &Route) -> String {
    format!(
        "{} → {}",
        p.stage(route.first()).title,
        p.stage(route.target()).title
    )
}

/// One side of the comparison, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts {
    pub title: String,
    /// Label and value, the same labels in the same order for every route, so the sides line up.
    pub rows: Vec<(&'static str, String)>,
    pub segments: Vec<String>,
    /// Each step, with the wage of each job on the way.
    pub steps: Vec<String>,
}

/// The facts of `pin`, and `other` (the other side, if any) to say which is shorter or cheaper:
/// only when both figures are whole, as a `+?` total may be longer than it looks.
pub fn facts(p: &Pathways, pin: &Pin, other: Option<&Pin>, area: AreaId) -> Facts {
    let route = &pin.route;
    let legs = route.legs(p);
    let w_unknown = legs.iter().any(|l| l.weeks_unknown);
    let c_unknown = legs.iter().any(|l| l.cost_unknown);
    let whole = |r: &Route| {
        let l = r.legs(p);
        (
            !l.iter().any(|l| l.weeks_unknown),
            !l.iter().any(|l| l.cost_unknown),
        )
    };
    let (mut shorter, mut cheaper) = ("", "");
    if let Some(o) = other {
        let (ow, oc) = whole(&o.route);
        if !w_unknown && ow && route.weeks < o.route.weeks {
            shorter = " (shorter)";
        }
        if !c_unknown && oc && route.cost_usd < o.route.cost_usd {
            cheaper = " (lower)";
        }
    }
    let start = if route.starts_from_level() {
        format!("enters {}", p.stage(route.first()).title)
    } else {
        format!(
            "already at {} (nothing added for it)",
            p.stage(route.first()).title
        )
    };
    let rows = vec![
        ("From", pin.from.clone()),
        ("Start", start),
        ("Steps", crate::format::route_steps(route)),
        (
            "Weeks",
            format!("{} wk{shorter}", weeks_marked(route.weeks, w_unknown)),
        ),
        (
            "Cost",
            format!("{}{cheaper}", cost_marked(route.cost_usd, c_unknown)),
        ),
        ("Integrated", integrated(p, route)),
        ("First pay", crate::route_words::first_pay(p, route)),
        ("Limits", limits(p, pin)),
        (
            "Goal wage",
            match wages::of_stage(p, route.target(), area) {
                Some(w) => w.amount(),
                None if p.stage(route.target()).is_employment() => "not in the data".into(),
                None => "not a job".into(),
            },
        ),
    ];
    let segments = route.segments(p).iter().map(crate::format::segment).collect();
    let steps = route
        .stages()
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let wage = wages::of_stage(p, n, area).map_or_else(String::new, |w| format!(" · {}", w.amount()));
            format!("{}. {}{wage}", i + 1, p.stage(n).title)
        })
        .collect();
    Facts {
        title: name(p, route),
        rows,
        segments,
        steps,
    }
}

/// The limits a pin was found under, each it may break marked (a length or cost it needs is not
/// in the data): "first pay within 12 wk (may break it: a figure is not in the data)".
fn limits(p: &Pathways, pin: &Pin) -> String {
    let words = crate::route_words::limits_keyed(p, &pin.limits);
    if words.is_empty() {
        return "none".into();
    }
    let unsure = crate::route_words::unsure_limits(p, &pin.route, &pin.limits);
    words
        .into_iter()
        .map(|(key, w)| match unsure.iter().any(|(k, _)| *k == key) {
            true => format!("{w} (may break it: a figure is not in the data)"),
            false => w,
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The weeks of integrated segments against the route's, "11 of 115+? wk", or "none".
fn integrated(p: &Pathways, route: &Route) -> String {
    let segments = route.segments(p);
    let mut done = segments.iter().filter(|s| s.mode == Mode::Integrated).peekable();
    if done.peek().is_none() {
        return "none: every step sequential".into();
    }
    let (mut w, mut unknown) = (0.0, false);
    for s in done {
        w += s.weeks;
        unknown |= s.weeks_unknown;
    }
    let total_unknown = segments.iter().any(|s| s.weeks_unknown);
    format!(
        "{} of {} wk",
        weeks_marked(w, unknown),
        weeks_marked(route.weeks, total_unknown)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::level::SkillLevel;
    use crate::domain::route::{self, Measure, Query, Start};

    /// A route found under "first pay within 12 wk" whose first stage has no length in the data
    /// passes that limit only on an unknown figure: its side of the comparison says so.
    #[test]
    fn the_limits_row_says_which_limit_an_unknown_figure_may_break() {
        let p = crate::domain::load::load(&crate::domain::shipped::inputs())
            .expect("shipped data loads")
            .pathways;
        let limits = Constraints {
            paid_within: Some(12.0),
            ..Constraints::default()
        };
        let q = Query {
            constraints: limits.clone(),
            ..Query::new(Start::level(SkillLevel::Esl(3)), Measure::Weeks)
        };
        let rn = p.find("hc-rn-job").expect("the RN job");
        let found = route::best_routes(&p, &q, rn, 1).routes;
        let route = found.first().expect("a route").clone();
        let pin = |limits: Constraints| Pin {
            route: route.clone(),
            from: "route 1 of the finder".into(),
            limits,
        };
        let row = |pin: &Pin| {
            facts(&p, pin, None, AreaId::NATION)
                .rows
                .into_iter()
                .find(|(label, _)| *label == "Limits")
                .map(|(_, v)| v)
                .expect("a Limits row")
        };
        assert_eq!(
            row(&pin(limits.clone())),
            "first pay within 12 wk (may break it: a figure is not in the data)"
        );
        // Only the limit an unknown figure may break is marked.
        let both = Constraints {
            earn: true,
            ..limits.clone()
        };
        assert_eq!(
            row(&pin(both)),
            "earn while learning, first pay within 12 wk (may break it: a figure is not in the data)"
        );
        assert_eq!(row(&pin(Constraints::default())), "none");
    }
}
