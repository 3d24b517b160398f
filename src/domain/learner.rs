//! The learner: what a counselor knows of one person (levels and test scores, conditions held,
//! limits, a goal, notes), how a `--from` value is read, and the learner file `pathways-learner/1`.
//!
//! A `Learner` keeps what was given, as given (levels, score texts, ids), so a file round-trips
//! and says what the counselor typed; `Learner::profile` resolves it against the loaded pathways
//! into what the route engine takes.

use std::path::Path;

use petgraph::graph::NodeIndex;
use serde_json::{Map, Value, json};

use super::benchmark::{Benchmarks, Placement, ScoreQuery};
use super::condition::CondSet;
use super::graph::Pathways;
use super::level::{Levels, SkillLevel};
use super::load::locate::locate;
use super::load::{LoadError, LoadErrors, syntax_message};
use super::route::{Constraints, HSE_CONDITION, Measure, Query, Start};
use super::search::{Resolved, resolve};
use crate::atomic::{self, Existing};

/// The learner file format.
pub const FORMAT: &str = "pathways-learner/1";

/// Limits on the routes a learner will take.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Limits {
    /// The route passes paid work (a job or paid work-based learning) before the goal.
    pub earn: bool,
    pub max_weeks: Option<f64>,
    pub max_cost: Option<f64>,
    /// The first paid step (paid work-based learning or a job) starts within this many weeks.
    pub paid_within: Option<f64>,
    /// Every move into a training program is integrated.
    pub integrated_only: bool,
    /// Stage ids the route must not pass.
    pub avoid: Vec<String>,
}

/// One learner, as given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Learner {
    pub name: Option<String>,
    /// Levels given directly (at most one per scale).
    pub levels: Vec<SkillLevel>,
    /// Test scores, `<test> <subject> <score>`; each scale's level is the lowest its scores place.
    pub scores: Vec<String>,
    /// The stage she is at now, by id (instead of levels: she starts there).
    pub at: Option<String>,
    /// Condition ids she holds.
    pub holds: Vec<String>,
    pub limits: Limits,
    /// The goal stage, by id.
    pub goal: Option<String>,
    /// The area for wages, as typed.
    pub area: Option<String>,
    /// The language of her plan (`en`, `es`).
    pub lang: Option<String>,
    pub notes: Option<String>,
}

/// What a `--from` value (or the explorer's start field) names.
#[derive(Debug, Clone, PartialEq)]
pub enum FromValue {
    Level(SkillLevel),
    Score(Placement),
    Stage {
        node: NodeIndex,
        /// The text, when it was not the stage's id (a title or fuzzy match was used).
        matched_from: Option<String>,
    },
}

/// Why a learner's inputs cannot be used: one line for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LearnerError(pub String);

/// Reads one `--from` value: a stage id first, then a test score, then a skill level, then a
/// stage by title. The CLI and the explorer both read starts here.
pub fn read_from(p: &Pathways, benchmarks: &Benchmarks, text: &str) -> Result<FromValue, LearnerError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(LearnerError(
            "--from needs a skill level (\"ESL 3\"), a test score (\"tabe11 reading 540\") or a stage".into(),
        ));
    }
    if let Some(node) = p.find(text) {
        return Ok(FromValue::Stage {
            node,
            matched_from: None,
        });
    }
    let mut score_error = None;
    if ScoreQuery::looks_like_score(text) {
        match ScoreQuery::parse(text) {
            Ok(query) if benchmarks.table(&query.test).is_some() => {
                return benchmarks
                    .place(&query)
                    .map(FromValue::Score)
                    .map_err(|e| LearnerError(e.0));
            }
            Ok(query) => score_error = benchmarks.place(&query).err().map(|e| e.0),
            Err(e) => score_error = Some(e.0),
        }
    }
    match SkillLevel::parse(text) {
        Ok(level) => return Ok(FromValue::Level(level)),
        Err(e) if looks_like_level(text) => return Err(LearnerError(e.to_string())),
        Err(_) => {}
    }
    match resolve(p, text) {
        Resolved::Exact(node) => Ok(FromValue::Stage {
            node,
            matched_from: None,
        }),
        Resolved::Named(node) => Ok(FromValue::Stage {
            node,
            matched_from: Some(text.to_string()),
        }),
        Resolved::Ambiguous(nodes) => Err(ambiguous(p, "--from", text, &nodes)),
        Resolved::Unknown => Err(LearnerError(score_error.unwrap_or_else(|| {
            format!(
                "--from '{text}' is not a skill level (ESL 1..ESL 6, ABE 1..ABE 6, HSE), a test score \
                 (\"tabe11 reading 540\") or a stage id or title"
            )
        }))),
    }
}

/// "`flag` 'text' could mean several stages: ...; give an id".
pub fn ambiguous(p: &Pathways, flag: &str, text: &str, nodes: &[NodeIndex]) -> LearnerError {
    let names: Vec<String> = nodes
        .iter()
        .map(|&n| format!("{} ({})", p.stage(n).title, p.stage(n).id))
        .collect();
    LearnerError(format!(
        "{flag} '{text}' could mean several stages: {}; give an id",
        names.join(", ")
    ))
}

/// Text that was meant as a level, such as `ESL 7` or `abe 0`: say so rather than search stages.
fn looks_like_level(text: &str) -> bool {
    let norm: String = text
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    ["esl", "ell", "abe", "ase"].iter().any(|prefix| {
        norm.strip_prefix(prefix).is_some_and(|rest| {
            let rest = rest.strip_prefix("level").unwrap_or(rest);
            !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

/// A learner resolved against the loaded pathways: what the route engine takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub levels: Levels,
    /// How each score placed her.
    pub placements: Vec<Placement>,
    /// The stage she is at, when she starts from one.
    pub at: Option<NodeIndex>,
    /// What she holds, closed under implication (`HSE` as a level adds `hse`).
    pub holds: CondSet,
    pub avoid: Vec<NodeIndex>,
    pub goal: Option<NodeIndex>,
}

impl Profile {
    pub fn start(&self) -> Start {
        match self.at {
            Some(node) => Start::Stage(node),
            None => Start::Levels(self.levels),
        }
    }

    /// The route question for this learner, by `measure`, with her limits.
    pub fn query(&self, learner: &Learner, measure: Measure) -> Query {
        Query {
            constraints: Constraints {
                avoid: self.avoid.clone(),
                max_weeks: learner.limits.max_weeks,
                max_cost: learner.limits.max_cost,
                integrated_only: learner.limits.integrated_only,
                sequential_only: false,
                earn: learner.limits.earn,
                paid_within: learner.limits.paid_within,
                ignore_requirements: false,
            },
            ..Query::new(self.start(), measure).holding(self.holds.clone())
        }
    }

    /// Whether she may start at `node` now: her levels meet its entry and she holds what it
    /// requires. `Err` says why not, in words.
    pub fn can_start(&self, p: &Pathways, node: NodeIndex) -> Result<(), String> {
        let s = p.stage(node);
        match self.at {
            Some(at) if at == node => return Ok(()),
            Some(at) => {
                return Err(format!(
                    "the learner is at {} and goes on from there",
                    p.stage(at).title
                ));
            }
            None => {}
        }
        if !s.is_on_ramp() {
            return Err("it is not an on-ramp: the learner gets there from an earlier stage".into());
        }
        if !self.levels.meets_any(&s.entry) {
            let entry: Vec<String> = s.entry.iter().map(|e| e.describe()).collect();
            return Err(format!(
                "it is for {}; the learner is at {}",
                entry.join(" or "),
                self.levels
            ));
        }
        self.missing(p, node).map_or(Ok(()), Err)
    }

    /// Whether she can start at `node`, and if not, the best route there open to her (by weeks, with
    /// her limits), or why none is.
    pub fn reach(&self, p: &Pathways, learner: &Learner, node: NodeIndex) -> Reach {
        let start_here = self.can_start(p, node);
        if start_here.is_ok() {
            return Reach {
                start_here,
                route: None,
                blocked: None,
            };
        }
        let q = self.query(learner, Measure::Weeks);
        let route = crate::domain::route::best_routes(p, &q, node, 1)
            .routes
            .into_iter()
            .next();
        let blocked = match route {
            Some(_) => None,
            None => crate::domain::route::blocked(p, &q, Some(node)).map(|b| b.words(p)),
        };
        Reach {
            start_here,
            route,
            blocked,
        }
    }

    /// What she lacks to enter `node`, in words, with where each missing condition is earned.
    pub fn missing(&self, p: &Pathways, node: NodeIndex) -> Option<String> {
        let missing = p.requires(node).difference(&self.holds);
        if missing.is_empty() {
            return None;
        }
        let parts: Vec<String> = missing.iter().map(|c| condition_words(p, c)).collect();
        Some(format!("it requires {}", parts.join("; and ")))
    }
}

/// Whether a learner can start at a stage, or how she gets there.
#[derive(Debug, Clone, PartialEq)]
pub struct Reach {
    /// `Err` says why she cannot start there now.
    pub start_here: Result<(), String>,
    /// The best route there open to her, when she cannot start there.
    pub route: Option<crate::domain::route::Route>,
    /// Why no route there is open to her, when a requirement blocks the nearest one.
    pub blocked: Option<String>,
}

impl Reach {
    /// One or two sentences for people.
    pub fn words(&self, p: &Pathways) -> String {
        let why = match &self.start_here {
            Ok(()) => return "This learner can start here.".to_string(),
            Err(why) => why,
        };
        let then = match (&self.route, &self.blocked) {
            (Some(r), _) => {
                let titles: Vec<&str> = r.stages().iter().map(|&n| p.stage(n).title.as_str()).collect();
                let steps = crate::format::route_steps(r);
                format!(" She can get there in {steps}: {}.", titles.join(" -> "))
            }
            (None, Some(b)) => format!(" No route there is open to her: {b}."),
            (None, None) => " No route leads there from where she is.".to_string(),
        };
        format!("This learner cannot start here: {why}.{then}")
    }
}

/// A condition's title, and which stages award it (or that only the learner can hold it).
pub fn condition_words(p: &Pathways, c: usize) -> String {
    let cond = p.conditions().get(c);
    let awarding: Vec<String> = p
        .stages()
        .filter(|&(n, _)| p.awards(n).contains(c))
        .take(3)
        .map(|(_, s)| format!("{} ({})", s.title, s.id))
        .collect();
    if awarding.is_empty() {
        format!(
            "{} ({}), which no stage awards: only the learner can hold it",
            cond.title, cond.id
        )
    } else {
        format!(
            "{} ({}), earned at {}",
            cond.title,
            cond.id,
            awarding.join(" or ")
        )
    }
}

impl Learner {
    /// Adds what a `--from` value names: a level, a placed score, or the stage she is at.
    pub fn add_from(&mut self, p: &Pathways, value: FromValue) -> Result<(), LearnerError> {
        match value {
            FromValue::Level(level) => self.levels.push(level),
            FromValue::Score(placement) => self.scores.push(format!(
                "{} {} {}",
                placement.test, placement.subject, placement.score
            )),
            FromValue::Stage { node, .. } => {
                let id = p.stage(node).id.clone();
                if self.at.as_ref().is_some_and(|a| *a != id) {
                    return Err(LearnerError(format!(
                        "--from names two stages ({} and {id}); a learner starts from one",
                        self.at.as_deref().unwrap_or_default()
                    )));
                }
                self.at = Some(id);
            }
        }
        Ok(())
    }

    /// Resolves levels, scores, ids and holds against the loaded data; every unknown id, score
    /// or condition and every contradiction is one line.
    pub fn profile(&self, p: &Pathways, benchmarks: &Benchmarks) -> Result<Profile, LearnerError> {
        let mut levels = Levels::default();
        for &level in &self.levels {
            levels.add(level).map_err(|e| LearnerError(e.to_string()))?;
        }
        let mut placed = Levels::default();
        let mut placements = Vec::new();
        for text in &self.scores {
            let placement = benchmarks.place_text(text).map_err(|e| LearnerError(e.0))?;
            placed.add_lowest(placement.level);
            placements.push(placement);
        }
        for level in placed.all() {
            let given = match level {
                SkillLevel::Esl(_) => levels.esl.map(SkillLevel::Esl),
                _ => levels
                    .abe
                    .map(SkillLevel::Abe)
                    .or(levels.hse.then_some(SkillLevel::Hse)),
            };
            match given {
                Some(g) if g != level => {
                    return Err(LearnerError(format!(
                        "contradictory levels: {g} was given and the scores place {level}; give one"
                    )));
                }
                Some(_) => {}
                None => levels.add(level).map_err(|e| LearnerError(e.to_string()))?,
            }
        }
        let at = self
            .at
            .as_deref()
            .map(|id| stage_id(p, "--from", id))
            .transpose()?;
        if at.is_some() && !levels.is_empty() {
            return Err(LearnerError(
                "--from takes levels and test scores, or the one stage the learner is at, not both".into(),
            ));
        }
        let conditions = p.conditions();
        let mut holds = conditions
            .set_of(&self.holds)
            .map_err(|e| LearnerError(format!("--has: {e}")))?;
        if let Some(hse) = conditions.find(HSE_CONDITION) {
            if levels.hse {
                holds = holds.union(conditions.implied_by(hse));
            } else if holds.contains(hse) {
                // Holding `hse` is the level HSE (DESIGN), beside any ABE level she tests at.
                levels.hse = true;
            }
        }
        let avoid = self
            .limits
            .avoid
            .iter()
            .map(|id| stage_id(p, "--avoid", id))
            .collect::<Result<_, _>>()?;
        let goal = self
            .goal
            .as_deref()
            .map(|id| stage_id(p, "--to", id))
            .transpose()?;
        Ok(Profile {
            levels,
            placements,
            at,
            holds,
            avoid,
            goal,
        })
    }

    /// The learner as a `pathways-learner/1` document.
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("format".into(), json!(FORMAT));
        let mut put = |k: &str, v: Value| {
            if !(v.is_null() || v.as_array().is_some_and(Vec::is_empty)) {
                m.insert(k.into(), v);
            }
        };
        put("name", json!(self.name));
        put(
            "levels",
            json!(self.levels.iter().map(ToString::to_string).collect::<Vec<_>>()),
        );
        put("scores", json!(self.scores));
        put("at", json!(self.at));
        put("holds", json!(self.holds));
        let l = &self.limits;
        let mut limits = Map::new();
        if l.earn {
            limits.insert("earn".into(), json!(true));
        }
        if let Some(w) = l.max_weeks {
            limits.insert("max_weeks".into(), json!(w));
        }
        if let Some(c) = l.max_cost {
            limits.insert("max_cost".into(), json!(c));
        }
        if let Some(w) = l.paid_within {
            limits.insert("paid_within_weeks".into(), json!(w));
        }
        if l.integrated_only {
            limits.insert("integrated_only".into(), json!(true));
        }
        if !l.avoid.is_empty() {
            limits.insert("avoid".into(), json!(l.avoid));
        }
        if !limits.is_empty() {
            put("limits", Value::Object(limits));
        }
        put("goal", json!(self.goal));
        put("area", json!(self.area));
        put("lang", json!(self.lang));
        put("notes", json!(self.notes));
        Value::Object(m)
    }

    /// Writes the learner to `path` atomically; an existing file is replaced only when `replace`
    /// says so (the caller asked the user).
    pub fn save(&self, path: &Path, replace: bool) -> Result<(), String> {
        let mut text = serde_json::to_string_pretty(&self.to_json()).map_err(|e| e.to_string())?;
        text.push('\n');
        let existing = if replace {
            Existing::Replace
        } else {
            Existing::Keep
        };
        atomic::write_private(path, text.as_bytes(), existing).map_err(|e| atomic::reason(path, &e))
    }

    /// Reads the learner file at `path` and checks it against the loaded data. A file that is not
    /// a regular file under 1 MiB (a folder, a FIFO, a device) is refused before it is opened, so
    /// nothing blocks. The error is one line per problem.
    pub fn load(path: &Path, p: &Pathways, benchmarks: &Benchmarks) -> Result<Learner, String> {
        const MAX: u64 = 1024 * 1024;
        // Every problem is one line of its own, so the name cannot break one.
        let name = crate::sanitize::clean(&path.display().to_string()).into_owned();
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => format!("{name}: no such file"),
            std::io::ErrorKind::PermissionDenied => format!("{name}: permission denied: cannot read it"),
            _ => format!("{name}: cannot read it: {e}"),
        })?;
        if meta.is_dir() {
            return Err(format!("{name}: a folder, not a learner file"));
        }
        if !meta.is_file() || meta.len() > MAX {
            return Err(format!(
                "{name}: not a learner file (a learner file is a JSON file under 1 MiB)"
            ));
        }
        // Opened as a regular file and read at most to the limit: it may have changed since.
        let mut bytes = Vec::new();
        {
            use std::io::Read;
            let file =
                crate::regular::open_regular(path).map_err(|e| format!("{name}: cannot read it: {e}"))?;
            file.take(MAX + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{name}: cannot read it: {e}"))?;
        }
        if bytes.len() as u64 > MAX {
            return Err(format!(
                "{name}: not a learner file (a learner file is a JSON file under 1 MiB)"
            ));
        }
        Learner::read_checked(&name, &bytes, p, benchmarks).map_err(|e| e.to_string())
    }

    /// Reads a learner file and checks it against the loaded data (levels, scores, conditions and
    /// stage ids); every problem is `FILE:LINE:COL: what is wrong`.
    pub fn read_checked(
        name: &str,
        bytes: &[u8],
        p: &Pathways,
        benchmarks: &Benchmarks,
    ) -> Result<Learner, LoadErrors> {
        let learner = Learner::read(name, bytes)?;
        let problems = learner.problems(p, benchmarks);
        if problems.is_empty() {
            return Ok(learner);
        }
        let text = String::from_utf8_lossy(bytes);
        Err(located(
            name,
            text.strip_prefix('\u{feff}').unwrap_or(&text),
            problems,
        ))
    }

    /// What in the learner does not fit the loaded data, by JSON pointer into her file.
    pub fn problems(&self, p: &Pathways, benchmarks: &Benchmarks) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut levels = Levels::default();
        for (i, &level) in self.levels.iter().enumerate() {
            if let Err(e) = levels.add(level) {
                out.push((format!("/levels/{i}"), e.to_string()));
            }
        }
        for (i, text) in self.scores.iter().enumerate() {
            if let Err(e) = benchmarks.place_text(text) {
                out.push((format!("/scores/{i}"), e.0));
            }
        }
        for (i, id) in self.holds.iter().enumerate() {
            if p.conditions().find(id).is_none() {
                out.push((format!("/holds/{i}"), p.conditions().unknown(id).to_string()));
            }
        }
        let mut stage = |pointer: String, id: &str| {
            if p.find(id).is_none() {
                out.push((
                    pointer,
                    format!("unknown stage id \"{id}\" (try `pathways search {id}`)"),
                ));
            }
        };
        if let Some(at) = &self.at {
            stage("/at".into(), at);
        }
        if let Some(goal) = &self.goal {
            stage("/goal".into(), goal);
        }
        for (i, id) in self.limits.avoid.iter().enumerate() {
            stage(format!("/limits/avoid/{i}"), id);
        }
        out
    }

    /// Reads a learner file; every problem is `FILE:LINE:COL: what is wrong`.
    pub fn read(name: &str, bytes: &[u8]) -> Result<Learner, LoadErrors> {
        let text =
            std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
                LoadErrors::file(
                    name,
                    format!("not UTF-8 text (bad byte at offset {})", e.valid_up_to()),
                )
            })?;
        let value: Value = serde_json::from_str(text).map_err(|e| LoadErrors {
            errors: vec![LoadError {
                file: name.to_string(),
                position: crate::domain::load::locate::of_json_error(text, &e),
                pointer: None,
                message: syntax_message(&e),
            }],
            omitted: 0,
            hint: None,
        })?;
        let mut problems: Vec<(String, String)> = Vec::new();
        let learner = read_learner(value, &mut problems);
        if problems.is_empty() {
            return Ok(learner);
        }
        Err(located(name, text, problems))
    }
}

/// Problems by JSON pointer, as `FILE:LINE:COL` errors in `text`.
fn located(name: &str, text: &str, problems: Vec<(String, String)>) -> LoadErrors {
    LoadErrors {
        errors: problems
            .into_iter()
            .map(|(pointer, message)| LoadError {
                file: name.to_string(),
                position: Some(locate(text, &pointer)),
                pointer: Some(pointer),
                message,
            })
            .collect(),
        omitted: 0,
        hint: None,
    }
}

fn stage_id(p: &Pathways, flag: &str, id: &str) -> Result<NodeIndex, LearnerError> {
    match resolve(p, id) {
        Resolved::Exact(n) | Resolved::Named(n) => Ok(n),
        Resolved::Ambiguous(nodes) => Err(ambiguous(p, flag, id, &nodes)),
        Resolved::Unknown => Err(LearnerError(crate::domain::search::no_match(p, flag, id))),
    }
}

/// The fields of a learner file (the schema in `assets/` names the same).
pub const FIELDS: [&str; 11] = [
    "format", "name", "levels", "scores", "at", "holds", "limits", "goal", "area", "lang", "notes",
];
/// The fields of a learner file's `limits`.
pub const LIMIT_FIELDS: [&str; 6] = [
    "earn",
    "max_weeks",
    "max_cost",
    "paid_within_weeks",
    "integrated_only",
    "avoid",
];

/// Reads a parsed learner document, noting each problem with its JSON pointer.
fn read_learner(value: Value, problems: &mut Vec<(String, String)>) -> Learner {
    let mut learner = Learner::default();
    let Value::Object(mut top) = value else {
        problems.push((String::new(), "a learner file is a JSON object".into()));
        return learner;
    };
    match top.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => {
            problems.push((
                "/format".into(),
                format!("this is a \"{other}\" file, not a learner file (\"format\": \"{FORMAT}\")"),
            ));
            return learner;
        }
        None => {
            problems.push((
                String::new(),
                format!("missing \"format\": \"{FORMAT}\" (is this a learner file?)"),
            ));
            return learner;
        }
    }
    for key in top.keys() {
        if !FIELDS.contains(&key.as_str()) && !key.starts_with("x-") {
            problems.push((format!("/{}", escape(key)), unknown_field(key, &FIELDS)));
        }
    }
    let text = |top: &mut Map<String, Value>, key: &str, problems: &mut Vec<(String, String)>| match top
        .remove(key)
    {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(_) => {
            problems.push((format!("/{key}"), "expected a non-empty string".into()));
            None
        }
    };
    learner.name = text(&mut top, "name", problems);
    learner.at = text(&mut top, "at", problems);
    learner.goal = text(&mut top, "goal", problems);
    learner.area = text(&mut top, "area", problems);
    learner.lang = text(&mut top, "lang", problems);
    learner.notes = text(&mut top, "notes", problems);
    if let Some(lang) = &learner.lang
        && !["en", "es"].contains(&lang.as_str())
    {
        problems.push((
            "/lang".into(),
            format!("unknown language \"{lang}\": use en or es"),
        ));
    }
    for (i, s) in strings(&mut top, "levels", "", problems) {
        match SkillLevel::parse(&s) {
            Ok(level) => learner.levels.push(level),
            Err(e) => problems.push((format!("/levels/{i}"), e.to_string())),
        }
    }
    for (i, s) in strings(&mut top, "scores", "", problems) {
        match ScoreQuery::parse(&s) {
            Ok(_) => learner.scores.push(s),
            Err(e) => problems.push((format!("/scores/{i}"), e.0)),
        }
    }
    learner.holds = strings(&mut top, "holds", "", problems)
        .into_iter()
        .map(|(_, s)| s)
        .collect();
    match top.remove("limits") {
        None | Some(Value::Null) => {}
        Some(Value::Object(mut limits)) => {
            for key in limits.keys() {
                if !LIMIT_FIELDS.contains(&key.as_str()) && !key.starts_with("x-") {
                    problems.push((
                        format!("/limits/{}", escape(key)),
                        unknown_field(key, &LIMIT_FIELDS),
                    ));
                }
            }
            let l = &mut learner.limits;
            l.earn = flag(&mut limits, "earn", problems);
            l.integrated_only = flag(&mut limits, "integrated_only", problems);
            l.max_weeks = amount(&mut limits, "max_weeks", problems);
            l.max_cost = amount(&mut limits, "max_cost", problems);
            l.paid_within = amount(&mut limits, "paid_within_weeks", problems);
            l.avoid = strings(&mut limits, "avoid", "/limits", problems)
                .into_iter()
                .map(|(_, s)| s)
                .collect();
        }
        Some(_) => problems.push(("/limits".into(), "expected an object".into())),
    }
    learner
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn unknown_field(key: &str, known: &[&str]) -> String {
    match super::condition::nearest(key, known.iter().copied()) {
        Some(n) => format!("unknown field \"{key}\": did you mean \"{n}\"?"),
        None => format!("unknown field \"{key}\": known fields are {}", known.join(", ")),
    }
}

fn strings(
    m: &mut Map<String, Value>,
    key: &str,
    base: &str,
    problems: &mut Vec<(String, String)>,
) -> Vec<(usize, String)> {
    match m.remove(key) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .filter_map(|(i, v)| match v {
                Value::String(s) if !s.trim().is_empty() => Some((i, s)),
                _ => {
                    problems.push((format!("{base}/{key}/{i}"), "expected a non-empty string".into()));
                    None
                }
            })
            .collect(),
        Some(_) => {
            problems.push((format!("{base}/{key}"), "expected an array of strings".into()));
            Vec::new()
        }
    }
}

fn flag(m: &mut Map<String, Value>, key: &str, problems: &mut Vec<(String, String)>) -> bool {
    match m.remove(key) {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => b,
        Some(_) => {
            problems.push((format!("/limits/{key}"), "expected true or false".into()));
            false
        }
    }
}

fn amount(m: &mut Map<String, Value>, key: &str, problems: &mut Vec<(String, String)>) -> Option<f64> {
    match m.remove(key) {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.as_f64().is_some_and(|x| x.is_finite() && x >= 0.0) => n.as_f64(),
        Some(_) => {
            problems.push((format!("/limits/{key}"), "expected a number, 0 or more".into()));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_learner_round_trips_through_its_file() {
        let learner = Learner {
            name: Some("Ana".into()),
            levels: vec![SkillLevel::Abe(4)],
            scores: vec!["casas-esl reading 195".into()],
            at: None,
            holds: vec!["drivers-license".into()],
            limits: Limits {
                earn: true,
                max_weeks: Some(80.0),
                max_cost: Some(2500.0),
                paid_within: Some(12.0),
                integrated_only: true,
                avoid: vec!["f-ielce".into()],
            },
            goal: Some("hc-rn-job".into()),
            area: Some("Seattle".into()),
            lang: Some("es".into()),
            notes: Some("Works nights; needs child care.".into()),
        };
        let text = serde_json::to_string_pretty(&learner.to_json()).expect("json");
        assert_eq!(Learner::read("a.json", text.as_bytes()), Ok(learner));
        assert_eq!(
            Learner::read("e.json", br#"{"format":"pathways-learner/1"}"#),
            Ok(Learner::default())
        );
    }

    #[test]
    fn bad_learner_files_say_file_line_and_column() {
        let text = "{\n  \"format\": \"pathways-learner/1\",\n  \"levels\": [\"ESL 9\"],\n  \"hold\": [],\n  \"limits\": {\"max_weeks\": -3}\n}";
        let errors = Learner::read("l.json", text.as_bytes()).expect_err("bad");
        let lines: Vec<String> = errors.errors.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines[0].starts_with("l.json:4:11: /hold: unknown field \"hold\": did you mean \"holds\"?"),
            "{lines:?}"
        );
        assert!(
            lines[1].starts_with("l.json:3:14: /levels/0: unknown skill level 'ESL 9'"),
            "{lines:?}"
        );
        assert!(
            lines[2].starts_with("l.json:5:27: /limits/max_weeks: expected a number"),
            "{lines:?}"
        );
        let other = Learner::read("p.json", br#"{"format": "pathways/1"}"#).expect_err("other");
        assert_eq!(
            other.to_string(),
            "p.json:1:12: /format: this is a \"pathways/1\" file, not a learner file (\"format\": \"pathways-learner/1\")"
        );
        let broken = Learner::read("b.json", b"{\"format\": ").expect_err("syntax");
        assert!(broken.to_string().starts_with("b.json:1:11: "), "{broken}");
    }
}
