//! The route finder's state: the learner's start, the goal, the measure and k, and the routes
//! found. Pure functions of the loaded data; `App` wires them to keys.

use petgraph::graph::NodeIndex;

use crate::domain::benchmark::Benchmarks;
use crate::domain::graph::Pathways;
use crate::domain::learner::Profile;
use crate::domain::level::{ALL_LEVELS, Levels, SkillLevel};
use crate::domain::plan::StartPoint;
use crate::domain::route::{self, Constraints, Found, Measure, Query, Route, Start};
use crate::domain::wages::{self, AreaId};
use crate::format::plural;

/// Where the learner starts.
#[derive(Debug, Clone, PartialEq)]
pub enum StartChoice {
    /// One of `ALL_LEVELS`, by index.
    Level(usize),
    /// A test score, and the level it placed (`None` until a score is typed and placed).
    Score {
        text: String,
        level: Option<SkillLevel>,
        source: String,
    },
    /// A stage the learner is already at.
    Here(NodeIndex),
    /// The learner of the learner panel: her levels, holds and limits.
    Learner,
}

/// Where the learner wants to go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalChoice {
    AnyJob,
    Stage(NodeIndex),
}

/// The status once the learner changed under routes found from her.
pub const LEARNER_CHANGED: &str = "The learner changed: press Find to search again.";
/// The status once the form's question changed under routes found.
pub const QUESTION_CHANGED: &str = "The question changed: press Find to search again.";

/// The form's fields, top to bottom.
pub const FIELDS: [&str; 5] = ["Start", "Goal", "Measure", "Routes", "Find"];
/// The most routes the form asks for.
pub const MAX_K: usize = 10;

#[derive(Debug, Clone, PartialEq)]
pub struct RoutesState {
    /// The selected field of the form (index into `FIELDS`).
    pub field: usize,
    /// Whether the results list has the keyboard (else the form).
    pub in_results: bool,
    /// With `in_results`: the selected route's detail has the keyboard, and scrolls.
    pub in_detail: bool,
    /// How many lines the selected route's detail is scrolled down.
    pub detail_scroll: usize,
    pub start: StartChoice,
    pub goal: GoalChoice,
    /// The stage the explorer showed when the finder opened: "this stage" in the choices.
    pub here: NodeIndex,
    /// The goal picked by search (`/`) or given by the learner, so cycling the Goal field comes
    /// back to it.
    pub picked: Option<NodeIndex>,
    pub measure: Measure,
    /// The list of jobs (goal: any job) in order of the job's median wage, highest first; each
    /// job still by its best route by `measure`.
    pub by_wage: bool,
    pub k: usize,
    pub results: Vec<Route>,
    /// What integrated programs change for the best route to a goal (none for "any job").
    pub integration: Option<route::Integration>,
    pub selected: usize,
    /// What the last search found, or why it found nothing.
    pub status: Option<String>,
    /// The learner in words, while one is set (her levels or scores are given): then "the
    /// learner" is a start choice.
    pub learner: Option<String>,
}

impl RoutesState {
    /// A form with no learner: `set_learner` makes her the start once she is set.
    pub fn new(here: NodeIndex, goal: GoalChoice) -> RoutesState {
        RoutesState {
            field: 0,
            in_results: false,
            in_detail: false,
            detail_scroll: 0,
            // ESL 3: a common starting point in adult education, and the one DESIGN's example uses.
            start: StartChoice::Level(2),
            learner: None,
            goal,
            here,
            picked: match goal {
                GoalChoice::Stage(n) if n != here => Some(n),
                _ => None,
            },
            measure: Measure::Weeks,
            by_wage: false,
            k: 3,
            results: Vec::new(),
            integration: None,
            selected: 0,
            status: None,
        }
    }

    /// The question for the route engine: from a level, a score or a stage by `measure`, kept to
    /// the learner panel's `limits` (they are hers whatever start is tried); from the learner,
    /// `learner` (her profile's query, or why there is none). `Err` says what to do.
    pub fn query(&self, learner: Result<Query, String>, limits: &Constraints) -> Result<Query, String> {
        let start = match &self.start {
            StartChoice::Learner => return learner,
            StartChoice::Level(i) => ALL_LEVELS.get(*i).map(|l| Start::level(*l)),
            StartChoice::Score { level, .. } => level.map(Start::level),
            StartChoice::Here(node) => Some(Start::Stage(*node)),
        };
        start
            .map(|s| Query {
                constraints: limits.clone(),
                ..Query::new(s, self.measure)
            })
            .ok_or_else(|| "Type a test score first: Enter on the Start field.".to_string())
    }

    /// Sets or clears the learner; when one is first set she becomes the start, and when she
    /// is cleared the start falls back to ESL 3. A changed start forgets the routes found.
    pub fn set_learner(&mut self, learner: Option<String>) {
        let before = self.start.clone();
        match (&self.learner, &learner) {
            (None, Some(_)) => self.start = StartChoice::Learner,
            (Some(_), None) if self.start == StartChoice::Learner => self.start = StartChoice::Level(2),
            _ => {}
        }
        self.learner = learner;
        if self.start != before {
            self.forget(LEARNER_CHANGED);
        }
    }

    /// The learner was edited (a start, a hold, a limit, a file loaded): `learner` is her in
    /// words again. Routes found before no longer answer the question (her limits hold for every
    /// start), so they are forgotten and no plan can be written from them.
    pub fn learner_changed(&mut self, learner: Option<String>) {
        self.set_learner(learner);
        self.forget(LEARNER_CHANGED);
    }

    /// Forgets the routes found (and the selection) once the question they answer has changed;
    /// the status says why, when a search had been made.
    pub fn forget(&mut self, why: &str) {
        if self.results.is_empty() && self.status.is_none() {
            return;
        }
        self.results.clear();
        self.integration = None;
        self.selected = 0;
        self.in_results = false;
        self.in_detail = false;
        self.detail_scroll = 0;
        self.status = Some(why.to_string());
    }

    /// Sets the goal; another goal forgets the routes found.
    pub fn set_goal(&mut self, goal: GoalChoice) {
        if let GoalChoice::Stage(n) = goal
            && n != self.here
        {
            self.picked = Some(n);
        }
        if goal != self.goal {
            self.goal = goal;
            self.forget(QUESTION_CHANGED);
        }
    }

    /// Moves the selected field's choice by one (`forward` or back); a changed question
    /// forgets the routes found.
    pub fn cycle(&mut self, forward: bool) {
        let before = (self.start.clone(), self.goal, self.measure, self.by_wage, self.k);
        self.cycle_field(forward);
        if self.goal != GoalChoice::AnyJob {
            // One goal: its routes all end at one wage, so there is nothing to order by wage.
            self.by_wage = false;
        }
        if (self.start.clone(), self.goal, self.measure, self.by_wage, self.k) != before {
            self.forget(QUESTION_CHANGED);
        }
    }

    /// What Space offers on the Goal field: any job, the stage the finder opened at, and the
    /// goal picked by search, once there is one.
    pub fn goal_choices(&self) -> Vec<GoalChoice> {
        let mut choices = vec![GoalChoice::AnyJob, GoalChoice::Stage(self.here)];
        choices.extend(self.picked.filter(|&n| n != self.here).map(GoalChoice::Stage));
        choices
    }

    fn cycle_field(&mut self, forward: bool) {
        match self.field {
            0 => self.start = next_start(&self.start, self.here, self.learner.is_some(), forward),
            1 => {
                let choices = self.goal_choices();
                let i = choices.iter().position(|g| *g == self.goal).unwrap_or(0);
                let n = choices.len();
                self.goal = choices[if forward { (i + 1) % n } else { (i + n - 1) % n }];
            }
            2 => {
                // The measures, and for the list of jobs one more: by wage (each job by weeks).
                let n = Measure::ALL.len() + usize::from(self.goal == GoalChoice::AnyJob);
                let i = if self.by_wage {
                    Measure::ALL.len()
                } else {
                    Measure::ALL.iter().position(|m| *m == self.measure).unwrap_or(0)
                };
                let next = if forward { (i + 1) % n } else { (i + n - 1) % n };
                self.by_wage = next == Measure::ALL.len();
                self.measure = Measure::ALL.get(next).copied().unwrap_or(Measure::Weeks);
            }
            3 => {
                self.k = if forward {
                    self.k % MAX_K + 1
                } else {
                    (self.k + MAX_K - 2) % MAX_K + 1
                };
            }
            _ => {}
        }
    }

    /// Runs the search the form describes; `learner` is the learner's query, for that start, and
    /// `limits` the panel's limits for the other starts; the list of jobs in wage order uses the
    /// wages of `area`.
    pub fn find(&mut self, p: &Pathways, learner: Result<Query, String>, limits: &Constraints, area: AreaId) {
        self.results.clear();
        self.integration = None;
        self.selected = 0;
        self.in_detail = false;
        self.detail_scroll = 0;
        let query = match self.query(learner, limits) {
            Ok(query) => query,
            Err(why) => {
                self.status = Some(why);
                self.in_results = false;
                return;
            }
        };
        let Found { mut routes, complete } = match self.goal {
            GoalChoice::Stage(target) => route::best_routes(p, &query, target, self.k),
            GoalChoice::AnyJob => route::destinations(p, &query),
        };
        let by_wage = self.by_wage && self.goal == GoalChoice::AnyJob;
        if by_wage {
            let wage = |n| wages::of_stage(p, n, area).and_then(|w| w.annual());
            route::sort_by_wage(p, &mut routes, self.measure, wage);
        }
        let total = routes.len();
        self.integration = match (self.goal, routes.first()) {
            (GoalChoice::Stage(_), Some(best)) => Some(route::integration(p, &query, best)),
            _ => None,
        };
        self.results = routes;
        self.status = Some(match (self.goal, total) {
            (_, 0) => nothing_found(p, &query, self.goal),
            (GoalChoice::Stage(_), n) => format!(
                "{}, {} first",
                plural(n, "route", "routes"),
                crate::format::best_by(self.measure)
            ),
            (GoalChoice::AnyJob, n) if by_wage => format!(
                "{}, each by its best route ({}), highest wage first",
                plural(n, "reachable job", "reachable jobs"),
                crate::format::best_by(self.measure)
            ),
            (GoalChoice::AnyJob, n) => format!(
                "{}, each by its best route, {} first",
                plural(n, "reachable job", "reachable jobs"),
                crate::format::best_by(self.measure)
            ),
        });
        if !complete && let Some(s) = &mut self.status {
            s.push_str(" (search stopped early: more routes may exist)");
        }
        self.in_results = total > 0;
    }

    /// The start in words, for the form and the plan.
    pub fn start_text(&self, p: &Pathways) -> String {
        match &self.start {
            StartChoice::Level(i) => ALL_LEVELS
                .get(*i)
                .map_or_else(String::new, |l| format!("{l} ({})", l.nrs_name())),
            StartChoice::Score {
                text,
                level: Some(l),
                source,
            } => {
                format!("{l} ({}), placed by {text} ({source})", l.nrs_name())
            }
            StartChoice::Score { .. } => "a test score (Enter to type it)".into(),
            StartChoice::Here(n) => format!("already at {}", p.stage(*n).title),
            StartChoice::Learner => format!(
                "the learner: {}",
                self.learner
                    .as_deref()
                    .unwrap_or("none set (L opens the learner panel)")
            ),
        }
    }

    /// Where the plan says she starts: the level, the score's placement, the stage, or the
    /// learner's profile; `None` while the start is a score not yet placed.
    pub fn start_point(&self, benchmarks: &Benchmarks, learner: Option<&Profile>) -> Option<StartPoint> {
        match &self.start {
            StartChoice::Level(i) => ALL_LEVELS.get(*i).map(|l| StartPoint::Levels {
                levels: Levels::of(*l),
                placements: Vec::new(),
            }),
            StartChoice::Score { text, .. } => {
                let placement = benchmarks.place_text(text).ok()?;
                Some(StartPoint::Levels {
                    levels: Levels::of(placement.level),
                    placements: vec![placement],
                })
            }
            StartChoice::Here(n) => Some(StartPoint::Stage(*n)),
            StartChoice::Learner => learner.map(|profile| match profile.at {
                Some(n) => StartPoint::Stage(n),
                None => StartPoint::Levels {
                    levels: profile.levels,
                    placements: profile.placements.clone(),
                },
            }),
        }
    }

    /// Places a typed score; the error is one line for the prompt.
    pub fn place(&mut self, benchmarks: &Benchmarks, text: &str) -> Result<(), String> {
        let placement = benchmarks.place_text(text).map_err(|e| e.0)?;
        let start = StartChoice::Score {
            text: text.trim().to_string(),
            level: Some(placement.level),
            source: placement.source,
        };
        if start != self.start {
            self.start = start;
            self.forget(QUESTION_CHANGED);
        }
        Ok(())
    }
}

fn next_start(start: &StartChoice, here: NodeIndex, learner: bool, forward: bool) -> StartChoice {
    // The ring: every level, then a test score, then this stage, then the learner when one is set.
    let ring = ALL_LEVELS.len() + 2 + usize::from(learner);
    let at = match start {
        StartChoice::Level(i) => *i,
        StartChoice::Score { .. } => ALL_LEVELS.len(),
        StartChoice::Here(_) => ALL_LEVELS.len() + 1,
        StartChoice::Learner => ALL_LEVELS.len() + 2,
    };
    let at = at.min(ring - 1);
    let next = if forward {
        (at + 1) % ring
    } else {
        (at + ring - 1) % ring
    };
    match next {
        i if i < ALL_LEVELS.len() => StartChoice::Level(i),
        i if i == ALL_LEVELS.len() => match start {
            StartChoice::Score { .. } => start.clone(),
            _ => StartChoice::Score {
                text: String::new(),
                level: None,
                source: String::new(),
            },
        },
        i if i == ALL_LEVELS.len() + 1 => StartChoice::Here(here),
        _ => StartChoice::Learner,
    }
}

/// Why nothing was found, in words a counselor can act on: no on-ramp for her level, or the
/// nearest route and what blocks it (the same words as the command line's).
fn nothing_found(p: &Pathways, query: &Query, goal: GoalChoice) -> String {
    if let Start::Levels(levels) = query.start
        && let Some(level) = levels.all().first().copied()
        && route::on_ramps_for(p, &levels).is_empty()
    {
        let lowest = route::lowest_entry(p, level.scale())
            .and_then(|l| l.stages.first().map(|&n| (l.level, n)))
            .map(|(l, n)| format!("; the lowest entry on that scale is {l} at {}", p.stage(n).title))
            .unwrap_or_default();
        return format!("No on-ramp accepts {level} in these pathways{lowest}.");
    }
    let target = match goal {
        GoalChoice::Stage(target) => Some(target),
        GoalChoice::AnyJob => None,
    };
    if let Some(b) = route::blocked(p, query, target) {
        return format!("No route is open to her from this start: {}.", b.words(p));
    }
    match target {
        Some(target) => format!("No route reaches {} from this start.", p.stage(target).title),
        None => "No job can be reached from this start.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycling_the_goal_comes_back_to_the_goal_picked_by_search() {
        let (here, picked) = (NodeIndex::new(0), NodeIndex::new(7));
        let mut form = RoutesState::new(here, GoalChoice::AnyJob);
        form.field = 1;
        form.cycle(true);
        assert_eq!(form.goal, GoalChoice::Stage(here));
        form.cycle(true);
        assert_eq!(form.goal, GoalChoice::AnyJob, "nothing picked yet: two choices");
        form.set_goal(GoalChoice::Stage(picked));
        let seen: Vec<GoalChoice> = (0..3)
            .map(|_| {
                form.cycle(true);
                form.goal
            })
            .collect();
        assert_eq!(
            seen,
            [
                GoalChoice::AnyJob,
                GoalChoice::Stage(here),
                GoalChoice::Stage(picked)
            ]
        );
        form.cycle(false);
        assert_eq!(form.goal, GoalChoice::Stage(here));
    }
}
