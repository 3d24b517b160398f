//! The pathway audit: where a pathway fails its learners, as findings a designer can act on.
//!
//! Pure: a `Pathways` in, sorted `Finding`s out. Every rule runs in time linear in the size of the
//! graph (one multi-source search per rule, never one search per on-ramp), so a 100,000-stage
//! graph is audited in a fraction of a second.
//!
//! The searches run on `adjacency`, a compact copy of the graph's shape built once per audit.
//! Rule groups, one module each:
//! - `structure`: `dead-end`, `isolated`, `unreachable`, `no-exit` (reachability);
//! - `ramps`: `no-low-on-ramp`, `sequential-only`, `off-ramp-without-credential`;
//! - `stretch`: `long-stretch` (multi-source Dijkstra over DESIGN's route weeks);
//! - `ladder`: `level-jump`, `cycle` (strongly connected components);
//! - `quality`: `duplicate-title`, `missing-data`, `stale-wage`;
//! - `eligibility`: `unmet-requirement`, `blocked-on-ramp`, `entry-gap`, `level-class-open-ended`
//!   (what `requires`, `awards` and entry bands do; `blocked-on-ramp` runs one route search per
//!   on-ramp, and only when some stage requires something).
//!
//! A warning or info finding whose subject's `explain` names its code (the transition's when a
//! transition is at fault, else the stage's; the pathway file's for a sector finding) is still
//! reported, marked explained, with the reason: the designer has said it is deliberate. Errors are
//! never explained away.

mod adjacency;
pub mod ctdl;
mod eligibility;
mod fields;
pub(crate) use fields::nearest_field;
mod figures;
mod kinds;
mod ladder;
mod quality;
mod ramps;
mod stretch;
mod structure;

use std::cmp::Ordering;
use std::fmt;

use petgraph::graph::{EdgeIndex, NodeIndex};

use self::adjacency::Adjacency;
use super::graph::Pathways;
use super::model::{Pathway, Stage};
use super::wages::AreaId;

/// How bad a finding is. Errors fail `check`; warnings fail it only with `--deny warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The token used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The stable code of a rule. Scripts match on these; they never change meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    DeadEnd,
    Unreachable,
    NoExit,
    Isolated,
    NoLowOnRamp,
    SequentialOnly,
    LongStretch,
    OffRampWithoutCredential,
    LevelJump,
    Cycle,
    DuplicateTitle,
    DuplicateTransition,
    MissingData,
    StaleWage,
    UnmetRequirement,
    BlockedOnRamp,
    EntryGap,
    LevelClassOpenEnded,
    UnsourcedFigure,
    WageFallback,
    UnknownField,
    IntegratedIntoJob,
    WageOnTraining,
    OrphanComponent,
    UnsatisfiableCondition,
    DestinationNotSink,
}

impl Code {
    pub const ALL: [Code; 26] = [
        Code::DeadEnd,
        Code::Unreachable,
        Code::NoExit,
        Code::Isolated,
        Code::NoLowOnRamp,
        Code::SequentialOnly,
        Code::LongStretch,
        Code::OffRampWithoutCredential,
        Code::LevelJump,
        Code::Cycle,
        Code::DuplicateTitle,
        Code::DuplicateTransition,
        Code::MissingData,
        Code::StaleWage,
        Code::UnmetRequirement,
        Code::BlockedOnRamp,
        Code::EntryGap,
        Code::LevelClassOpenEnded,
        Code::UnsourcedFigure,
        Code::WageFallback,
        Code::UnknownField,
        Code::IntegratedIntoJob,
        Code::WageOnTraining,
        Code::OrphanComponent,
        Code::UnsatisfiableCondition,
        Code::DestinationNotSink,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::DeadEnd => "dead-end",
            Code::Unreachable => "unreachable",
            Code::NoExit => "no-exit",
            Code::Isolated => "isolated",
            Code::NoLowOnRamp => "no-low-on-ramp",
            Code::SequentialOnly => "sequential-only",
            Code::LongStretch => "long-stretch",
            Code::OffRampWithoutCredential => "off-ramp-without-credential",
            Code::LevelJump => "level-jump",
            Code::Cycle => "cycle",
            Code::DuplicateTitle => "duplicate-title",
            Code::DuplicateTransition => "duplicate-transition",
            Code::MissingData => "missing-data",
            Code::StaleWage => "stale-wage",
            Code::UnmetRequirement => "unmet-requirement",
            Code::BlockedOnRamp => "blocked-on-ramp",
            Code::EntryGap => "entry-gap",
            Code::LevelClassOpenEnded => "level-class-open-ended",
            Code::UnsourcedFigure => "unsourced-figure",
            Code::WageFallback => "wage-fallback",
            Code::UnknownField => "unknown-field",
            Code::IntegratedIntoJob => "integrated-into-job",
            Code::WageOnTraining => "wage-on-training",
            Code::OrphanComponent => "orphan-component",
            Code::UnsatisfiableCondition => "unsatisfiable-condition",
            Code::DestinationNotSink => "destination-not-sink",
        }
    }

    pub fn parse(text: &str) -> Option<Code> {
        Code::ALL.into_iter().find(|c| c.as_str() == text)
    }

    /// Every finding of a rule has the rule's severity.
    pub fn severity(self) -> Severity {
        match self {
            Code::DeadEnd
            | Code::Unreachable
            | Code::NoExit
            | Code::Isolated
            | Code::UnsatisfiableCondition => Severity::Error,
            Code::NoLowOnRamp
            | Code::SequentialOnly
            | Code::LongStretch
            | Code::OffRampWithoutCredential
            | Code::LevelJump
            | Code::Cycle
            | Code::DuplicateTitle
            | Code::DuplicateTransition
            | Code::BlockedOnRamp
            | Code::EntryGap
            | Code::UnsourcedFigure
            | Code::UnknownField
            | Code::IntegratedIntoJob
            | Code::WageOnTraining
            | Code::OrphanComponent
            | Code::DestinationNotSink => Severity::Warning,
            Code::MissingData
            | Code::StaleWage
            | Code::UnmetRequirement
            | Code::LevelClassOpenEnded
            | Code::WageFallback => Severity::Info,
        }
    }
}

/// What a finding is about, and so whose `explain` can mark it deliberate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Stage,
    Transition,
    /// A sector, explained on the `pathway` object of one of its files.
    Sector,
}

impl Subject {
    /// The subject, in words.
    pub fn name(self) -> &'static str {
        match self {
            Subject::Stage => "a stage",
            Subject::Transition => "a transition",
            Subject::Sector => "a sector",
        }
    }

    /// The object whose `explain` marks findings about this subject.
    pub fn object(self) -> &'static str {
        match self {
            Subject::Stage => "the stage it is about",
            Subject::Transition => "the transition it is about",
            Subject::Sector => "the `pathway` object of a file of that sector",
        }
    }
}

impl Code {
    /// What findings of this code are about; an `explain` entry elsewhere could never mark one.
    pub fn found_on(self) -> &'static [Subject] {
        match self {
            Code::NoLowOnRamp => &[Subject::Sector],
            Code::LevelJump
            | Code::Cycle
            | Code::DuplicateTransition
            | Code::EntryGap
            | Code::IntegratedIntoJob => &[Subject::Transition],
            Code::UnknownField | Code::UnsourcedFigure => &[Subject::Stage, Subject::Transition],
            _ => &[Subject::Stage],
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A transition named by its ends' ids.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TransitionRef {
    pub from: String,
    pub to: String,
}

/// One problem the audit found.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub code: Code,
    /// The stage at fault (for a transition, the stage it leaves; for a cycle, the stage it returns
    /// to). `None` only for sector findings.
    pub stage: Option<String>,
    /// The transition at fault, where one is.
    pub transition: Option<TransitionRef>,
    /// The sector, for sector findings (`no-low-on-ramp`).
    pub sector: Option<String>,
    /// The id of the pathway file to edit.
    pub pathway: Option<String>,
    /// What is wrong, in plain language, with stage titles.
    pub message: String,
    /// A suggested fix.
    pub fix: String,
    /// The data's own explanation (its `explain` for the code), when the finding is a warning or info and its subject
    /// carries one: the finding is deliberate.
    pub note: Option<String>,
    /// Where in its file the finding's subject is written.
    pub place: Option<Place>,
}

/// What in a pathway file a finding is about, so that a tool can say on which line: the file (an
/// index into `Pathways::pathways`), the element, and the field where one is to blame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub file: usize,
    pub element: Element,
    pub field: Option<String>,
}

/// An element of a `pathways/1` file, by its index in its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Element {
    Stage(u32),
    Transition(u32),
    /// The file's `pathway` object (sector findings).
    Pathway,
    /// The file's top level, around `pathway`, `stages` and `transitions`.
    Top,
    /// The `i`-th of the `pathway` object's `sources` or `conditions`.
    Source(u32),
    Condition(u32),
    /// The `wage` of the `i`-th stage.
    Wage(u32),
}

impl Place {
    /// The JSON pointer of the subject: `/stages/3`, `/transitions/5/notes`, `/pathway`.
    pub fn pointer(&self) -> String {
        let mut pointer = match self.element {
            Element::Stage(i) => format!("/stages/{i}"),
            Element::Transition(i) => format!("/transitions/{i}"),
            Element::Pathway => "/pathway".to_string(),
            Element::Top => String::new(),
            Element::Source(i) => format!("/pathway/sources/{i}"),
            Element::Condition(i) => format!("/pathway/conditions/{i}"),
            Element::Wage(i) => format!("/stages/{i}/wage"),
        };
        if let Some(field) = &self.field {
            pointer.push('/');
            pointer.push_str(&field.replace('~', "~0").replace('/', "~1"));
        }
        pointer
    }
}

impl Finding {
    /// Whether the data explains this finding as deliberate (never true for errors).
    pub fn explained(&self) -> bool {
        self.severity != Severity::Error && self.note.is_some()
    }

    /// What identifies a finding across two versions of the data: its rule and its subject, not its
    /// wording (a message may quote figures that change).
    pub fn key(&self) -> (Code, Option<&str>, Option<&TransitionRef>, Option<&str>) {
        (
            self.code,
            self.stage.as_deref(),
            self.transition.as_ref(),
            self.sector.as_deref(),
        )
    }
}

/// Thresholds of the audit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Options {
    /// `long-stretch` when the fastest route from an on-ramp to a first exit into work takes longer.
    pub max_stretch_weeks: f64,
    /// `stale-wage` when a wage year is more than this many years older than the newest one.
    pub stale_years: u16,
    /// The area whose wages `wage-fallback` checks.
    pub area: AreaId,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_stretch_weeks: 52.0,
            stale_years: 3,
            area: AreaId::NATION,
        }
    }
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
    /// Warnings the data explains.
    pub explained_warnings: usize,
    /// Info findings the data explains.
    pub explained_info: usize,
}

impl Counts {
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            c.add(f);
        }
        c
    }

    fn add(&mut self, f: &Finding) {
        match f.severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => {
                self.warnings += 1;
                self.explained_warnings += usize::from(f.explained());
            }
            Severity::Info => {
                self.info += 1;
                self.explained_info += usize::from(f.explained());
            }
        }
    }

    /// Both counts together.
    pub fn plus(&self, other: &Counts) -> Counts {
        Counts {
            errors: self.errors + other.errors,
            warnings: self.warnings + other.warnings,
            info: self.info + other.info,
            explained_warnings: self.explained_warnings + other.explained_warnings,
            explained_info: self.explained_info + other.explained_info,
        }
    }

    /// How many in all.
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.info
    }

    /// Warnings the data does not explain.
    pub fn unexplained_warnings(&self) -> usize {
        self.warnings - self.explained_warnings
    }
}

/// Runs every rule; findings come sorted by severity, code (in the order of `Code::ALL`), stage id,
/// then transition.
pub fn audit(pathways: &Pathways, options: &Options) -> Vec<Finding> {
    report(pathways, options).findings
}

/// At most this many findings of one code are listed; the rest are only counted. A file within
/// the load limits can give several million findings (two for each of millions of transitions),
/// which held as text would take gigabytes; no one reads past the first thousands of one kind.
pub const MAX_LISTED_PER_CODE: usize = 20_000;

/// The audit's answer: the findings listed, and the counts of those only counted.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Findings past `MAX_LISTED_PER_CODE` of their code, by severity.
    pub unlisted: Counts,
}

impl Report {
    /// Counts of every finding, listed or not.
    pub fn counts(&self) -> Counts {
        Counts::of(&self.findings).plus(&self.unlisted)
    }
}

/// Every rule, in order; each rule's findings go through one sink that lists the first of each
/// code and counts the rest.
pub fn report(pathways: &Pathways, options: &Options) -> Report {
    let ctx = Ctx::new(pathways);
    let mut findings = Sink::default();
    structure::check(&ctx, &mut findings);
    ramps::check(&ctx, &mut findings);
    stretch::check(&ctx, options.max_stretch_weeks, &mut findings);
    ladder::check(&ctx, &mut findings);
    quality::check(&ctx, options.stale_years, &mut findings);
    eligibility::check(&ctx, &mut findings);
    figures::check(&ctx, options.area, &mut findings);
    fields::check(&ctx, &mut findings);
    kinds::check(&ctx, &mut findings);
    ctdl::check(&ctx, &mut findings);
    let mut report = findings.report;
    report.findings.sort_unstable_by(compare);
    report
}

/// Where rules put findings.
#[derive(Default)]
struct Sink {
    report: Report,
    listed: hashbrown::HashMap<Code, usize>,
}

impl Sink {
    fn push(&mut self, f: Finding) {
        let listed = self.listed.entry(f.code).or_default();
        if *listed < MAX_LISTED_PER_CODE {
            *listed += 1;
            self.report.findings.push(f);
        } else {
            self.report.unlisted.add(&f);
        }
    }
}

fn compare(a: &Finding, b: &Finding) -> Ordering {
    a.severity
        .cmp(&b.severity)
        .then_with(|| a.code.cmp(&b.code))
        .then_with(|| a.stage.cmp(&b.stage))
        .then_with(|| a.transition.cmp(&b.transition))
        .then_with(|| a.sector.cmp(&b.sector))
        .then_with(|| a.message.cmp(&b.message))
}

/// What every rule needs: the graph, its compact shape for searches, and helpers that word and
/// build findings alike.
struct Ctx<'a> {
    p: &'a Pathways,
    adj: Adjacency,
}

impl<'a> Ctx<'a> {
    fn new(p: &'a Pathways) -> Self {
        Ctx {
            p,
            adj: Adjacency::new(p),
        }
    }

    fn n(&self) -> usize {
        self.adj.len()
    }

    fn stage(&self, node: NodeIndex) -> &'a Stage {
        self.p.stage(node)
    }

    /// `Title (id)`, how findings name a stage.
    fn label(&self, node: NodeIndex) -> String {
        let s = self.stage(node);
        format!("{} ({})", s.title, s.id)
    }

    /// A finding about a stage; its note explains a warning or info.
    fn stage_finding(&self, code: Code, node: NodeIndex, message: String, fix: String) -> Finding {
        debug_assert!(code.found_on().contains(&Subject::Stage), "{code} on a stage");
        let s = self.stage(node);
        Finding {
            severity: code.severity(),
            code,
            stage: Some(s.id.clone()),
            transition: None,
            sector: None,
            pathway: Some(self.p.pathway_of(node).id.clone()),
            message,
            fix,
            note: explaining(code, s.explain()),
            place: Some(Place {
                file: s.pathway,
                element: Element::Stage(s.at),
                field: None,
            }),
        }
    }

    /// A finding about a transition, listed under `stage`; the transition's note explains it.
    fn transition_finding(
        &self,
        code: Code,
        stage: NodeIndex,
        edge: EdgeIndex,
        message: String,
        fix: String,
    ) -> Finding {
        debug_assert!(
            code.found_on().contains(&Subject::Transition),
            "{code} on a transition"
        );
        let (from, to) = self.p.ends(edge).unwrap_or((stage, stage));
        let t = self.p.transition(edge);
        Finding {
            severity: code.severity(),
            code,
            stage: Some(self.stage(stage).id.clone()),
            transition: Some(TransitionRef {
                from: self.stage(from).id.clone(),
                to: self.stage(to).id.clone(),
            }),
            sector: None,
            pathway: self.p.pathways().get(t.pathway).map(|p| p.id.clone()),
            message,
            fix,
            note: explaining(code, t.explain()),
            place: Some(Place {
                file: t.pathway,
                element: Element::Transition(t.at),
                field: None,
            }),
        }
    }

    /// A finding about a sector; an `explain` on the `pathway` object of one of its files explains it.
    fn sector_finding(&self, code: Code, sector: &str, message: String, fix: String) -> Finding {
        debug_assert!(code.found_on().contains(&Subject::Sector), "{code} on a sector");
        let files: Vec<(usize, &Pathway)> = (self.p.pathways().iter().enumerate())
            .filter(|(_, p)| p.sector == sector)
            .collect();
        let explain = files.iter().flat_map(|(_, p)| p.explain.iter());
        Finding {
            severity: code.severity(),
            code,
            stage: None,
            transition: None,
            sector: Some(sector.to_string()),
            pathway: files.first().map(|(_, p)| p.id.clone()),
            message,
            fix,
            note: explaining(code, explain),
            place: files.first().map(|&(file, _)| Place {
                file,
                element: Element::Pathway,
                field: None,
            }),
        }
    }
}

/// The data's reason why a finding of `code` is deliberate: its `explain` entry for that code
/// (the loader refuses entries for errors and for `unsourced-figure`).
fn explaining<'a>(code: Code, explain: impl IntoIterator<Item = &'a (String, String)>) -> Option<String> {
    match code.severity() {
        Severity::Error => None,
        _ if code == Code::UnsourcedFigure => None,
        _ => explain
            .into_iter()
            .find(|(c, _)| c == code.as_str())
            .map(|(_, why)| why.trim().to_string()),
    }
}

/// Weeks without a pointless `.0`, for messages.
fn weeks_text(w: f64) -> String {
    if w.fract() == 0.0 {
        format!("{w:.0}")
    } else {
        format!("{w:.1}")
    }
}

/// The most items a finding's message names; it counts the rest. A stage requiring a thousand
/// conditions, each quoted by a finding on each of thousands of on-ramps, once printed 733 MB.
const LISTED_ITEMS: usize = 6;

/// `a, b and c`; past `LISTED_ITEMS`, `a, b, c, d, e and 995 more`.
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        _ if items.len() > LISTED_ITEMS => format!(
            "{} and {} more",
            items[..LISTED_ITEMS - 1].join(", "),
            items.len() - (LISTED_ITEMS - 1)
        ),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Past `MAX_LISTED_PER_CODE` findings of one code, the rest are counted, not held: a file
    /// within the load limits once took 4.9 GB in `check --json` (issue 14, item 8).
    #[test]
    fn findings_past_the_limit_of_a_code_are_counted_not_listed() {
        let n = MAX_LISTED_PER_CODE + 1_500;
        let input = crate::domain::load::Input {
            name: "one-title.json".into(),
            bytes: crate::domain::synthetic::one_title(n).into_bytes(),
            origin: crate::domain::load::Origin::User,
        };
        let p = crate::domain::load::load(&[input]).expect("loads").pathways;
        let r = report(&p, &Options::default());
        let listed = r
            .findings
            .iter()
            .filter(|f| f.code == Code::DuplicateTitle)
            .count();
        assert_eq!(listed, MAX_LISTED_PER_CODE);
        let severity = Code::DuplicateTitle.severity();
        let unlisted = match severity {
            Severity::Error => r.unlisted.errors,
            Severity::Warning => r.unlisted.warnings,
            Severity::Info => r.unlisted.info,
        };
        // Each stage also leads into the job without a credential: a second code past the limit.
        assert!(unlisted >= 1_500, "{:?}", r.unlisted);
        assert_eq!(r.unlisted.total() % 1_500, 0, "{:?}", r.unlisted);
        assert_eq!(r.counts().total(), r.findings.len() + r.unlisted.total());
        assert_eq!(audit(&p, &Options::default()), r.findings);
    }

    #[test]
    fn codes_round_trip_and_have_fixed_severities() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(code));
        }
        assert_eq!(Code::DeadEnd.severity(), Severity::Error);
        assert_eq!(Code::LevelJump.severity(), Severity::Warning);
        assert_eq!(Code::StaleWage.severity(), Severity::Info);
    }

    #[test]
    fn only_the_code_explained_is_explained_and_never_an_error() {
        let explain = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(c, w)| (c.to_string(), w.to_string()))
                .collect()
        };
        let given = explain(&[("level-jump", " on purpose "), ("dead-end", "on purpose")]);
        assert_eq!(explaining(Code::DeadEnd, &given), None);
        assert_eq!(explaining(Code::LevelJump, &given).as_deref(), Some("on purpose"));
        assert_eq!(
            explaining(Code::Cycle, &given),
            None,
            "another warning is not explained"
        );
        let unsourced = explain(&[("unsourced-figure", "no source")]);
        assert_eq!(explaining(Code::UnsourcedFigure, &unsourced), None);
    }

    #[test]
    fn lists_read_as_english() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(and_list(&s(&["a"])), "a");
        assert_eq!(and_list(&s(&["a", "b"])), "a and b");
        assert_eq!(and_list(&s(&["a", "b", "c"])), "a, b and c");
        assert_eq!(
            and_list(&s(&["1", "2", "3", "4", "5", "6"])),
            "1, 2, 3, 4, 5 and 6"
        );
        let many: Vec<String> = (1..=1000).map(|i| i.to_string()).collect();
        assert_eq!(and_list(&many), "1, 2, 3, 4, 5 and 995 more");
        assert_eq!(weeks_text(52.0), "52");
        assert_eq!(weeks_text(1.5), "1.5");
    }
}

/// Small graphs for the rule modules' unit tests.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{Options, Severity, audit};
    use crate::domain::graph::Pathways;
    use crate::domain::load::{Input, Origin, load};

    fn file(id: &str, stages: &str, transitions: &str) -> Input {
        noted_file(id, "", stages, transitions)
    }

    /// A pathway file whose `pathway` object also has `fields` (raw JSON members, each followed
    /// by a comma).
    fn noted_file(id: &str, fields: &str, stages: &str, transitions: &str) -> Input {
        let text = format!(
            r#"{{"format":"pathways/1","pathway":{{"id":"{id}","title":"{id}","sector":"{id}",{fields}
                "sources":[{{"id":"src","title":"Test","year":2025}}]}},
                "stages":[{stages}],"transitions":[{transitions}]}}"#
        );
        Input {
            name: format!("{id}.json"),
            bytes: text.into_bytes(),
            origin: Origin::User,
        }
    }

    /// One pathway file (sector `t`, source `src`) with these stages and transitions.
    pub fn pathways(stages: &str, transitions: &str) -> Pathways {
        match load(&[file("t", stages, transitions)]) {
            Ok(loaded) => loaded.pathways,
            Err(e) => panic!("test data does not load: {e}"),
        }
    }

    /// One pathway file whose `pathway` object has these extra members (`"note":"...",`).
    pub fn with_pathway_fields(fields: &str, stages: &str, transitions: &str) -> Pathways {
        match load(&[noted_file("t", fields, stages, transitions)]) {
            Ok(loaded) => loaded.pathways,
            Err(e) => panic!("test data does not load: {e}"),
        }
    }

    /// A foundation file and a sector file, loaded together.
    pub fn two_files(f_stages: &str, f_transitions: &str, stages: &str, transitions: &str) -> Pathways {
        match load(&[
            file("foundations", f_stages, f_transitions),
            file("t", stages, transitions),
        ]) {
            Ok(loaded) => loaded.pathways,
            Err(e) => panic!("test data does not load: {e}"),
        }
    }

    /// The codes of the errors and warnings (not info) about stage `id`, default thresholds.
    pub fn codes(p: &Pathways, id: &str) -> Vec<&'static str> {
        audit(p, &Options::default())
            .into_iter()
            .filter(|f| f.stage.as_deref() == Some(id) && f.severity != Severity::Info)
            .map(|f| f.code.as_str())
            .collect()
    }

    /// The codes of every finding (info too) about stage `id`, with these thresholds.
    pub fn codes_with(p: &Pathways, id: &str, options: &Options) -> Vec<&'static str> {
        audit(p, options)
            .into_iter()
            .filter(|f| f.stage.as_deref() == Some(id))
            .map(|f| f.code.as_str())
            .collect()
    }
}
