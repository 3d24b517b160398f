//! Search over stages as learners type: by the words of the title, credential, tags, SOC code
//! and id, forgiving plurals, word endings, typos and initials (`words`); a job first when the
//! query names a job rather than a program; and, when no word matches, a fuzzy subsequence match
//! on titles (fuzzy-matcher) that must be close to the query to count. Below that there is no
//! match, and `suggest` offers the nearest word the data has.

mod index;
mod words;

pub use index::Index;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use petgraph::graph::NodeIndex;

use super::graph::Pathways;
use super::model::Stage;
use words::{distance, initials};

/// Which field of a stage matched best.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Id,
    Credential,
    Soc,
    Tag,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Id => "id",
            Field::Credential => "credential",
            Field::Soc => "soc",
            Field::Tag => "tag",
        }
    }

    /// How much a word matched in this field counts, in percent of a title word: a learner
    /// types what a stage is called.
    fn weight(self) -> u32 {
        match self {
            Field::Title => 100,
            Field::Credential => 90,
            Field::Tag | Field::Soc => 80,
            Field::Id => 60,
        }
    }
}

/// One matching stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub node: NodeIndex,
    pub score: i64,
    pub field: Field,
    /// Character positions in the title that matched (empty when another field matched).
    pub title_matches: Vec<usize>,
}

/// Words that name a program rather than a job: a query with one of them is not looking for a
/// job first.
const PROGRAM_WORDS: [&str; 24] = [
    "program",
    "programs",
    "certificate",
    "cert",
    "class",
    "course",
    "degree",
    "training",
    "apprenticeship",
    "apprentice",
    "prep",
    "preparation",
    "esl",
    "abe",
    "hse",
    "ged",
    "ibest",
    "best",
    "iet",
    "bridge",
    "aas",
    "school",
    "college",
    "diploma",
];

/// Extra points for a job when the query names no program, so that `welding` shows the welder
/// job above the welding certificate (an exact title word is worth 100).
const JOB_BONUS: u32 = 20;

/// A fuzzy title match counts only when it scores at least this share (in percent) of the query
/// matched against itself: scattered letters (`teacher` in "Registered apprenticeship: heavy
/// truck driver") fall below it.
const FUZZY_SHARE: i64 = 70;

/// A query, read once for all the stages it is scored against.
#[derive(Debug, Clone)]
pub struct Query {
    text: String,
    words: Vec<String>,
    job_like: bool,
    /// Whether a word one or two typos away counts: in search, yes; naming a stage on the
    /// command line, no (a typo there gets "did you mean", not another stage).
    typos: bool,
}

impl Query {
    pub fn new(text: &str) -> Query {
        let words: Vec<String> = words::words(text).collect();
        let job_like = !words.iter().any(|w| {
            PROGRAM_WORDS
                .iter()
                .any(|p| p.starts_with(w.as_str()) && w.len() >= 3)
        });
        Query {
            text: text.trim().to_string(),
            words,
            job_like,
            typos: true,
        }
    }

    /// The query with typos not forgiven.
    pub fn exact(text: &str) -> Query {
        Query {
            typos: false,
            ..Query::new(text)
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Scores stages against a query; holds the matcher so repeated searches reuse it.
pub struct Searcher {
    matcher: SkimMatcherV2,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }
}

/// A query compared once with every distinct word of the data, ready to score stages.
pub struct Scorer<'a> {
    index: &'a Index,
    query: &'a Query,
    /// For each query word, its similarity to each word of the vocabulary.
    similar: Vec<Vec<u8>>,
}

impl<'a> Scorer<'a> {
    /// `query` ready to score the stages of `pathways`.
    pub fn new(pathways: &'a Pathways, query: &'a Query) -> Scorer<'a> {
        let index = pathways.search_index();
        let similar = (query.words.iter())
            .map(|q| index.similarities(q, query.typos))
            .collect();
        Scorer {
            index,
            query,
            similar,
        }
    }

    /// How well `stage` (at `node`) matches every word of the query, if it does.
    pub fn score(&self, node: NodeIndex, stage: &Stage) -> Option<Hit> {
        let query = self.query;
        if query.is_empty() {
            return None;
        }
        let words = self.index.stage(node.index());
        let titles = words.starts.len();
        let mut total = 0u32;
        let mut by_field = [0u32; 5];
        let mut matched_title: Vec<usize> = Vec::new();
        for (q, similar) in query.words.iter().zip(&self.similar) {
            // The best (points, field, title word) for this query word; the first of equals.
            let mut best: (u32, Field, Option<usize>) = (0, Field::Title, None);
            for (k, &(field, id)) in words.words.iter().enumerate() {
                let points = u32::from(similar[id as usize]) * field.weight() / 100;
                if points > best.0 {
                    best = (points, field, (field == Field::Title).then_some(k));
                }
                // Initials are weighed after the last word of the title and of the credential.
                let last_of = |f: Field| field == f && words.words.get(k + 1).is_none_or(|n| n.0 != f);
                for (f, firsts) in [
                    (Field::Title, words.title_firsts),
                    (Field::Credential, words.credential_firsts),
                ] {
                    if last_of(f) && initials(q, firsts) {
                        let points = 75 * f.weight() / 100;
                        if points > best.0 {
                            best = (points, f, None);
                        }
                    }
                }
            }
            // Hyphenated words typed whole ("ibest") count as the title word they start.
            if best.0 == 0 {
                let points = (words.joined.iter())
                    .map(|&id| u32::from(similar[id as usize]))
                    .max()
                    .unwrap_or(0);
                best = (points * 9 / 10, Field::Title, None);
            }
            if best.0 == 0 {
                return None;
            }
            total += best.0;
            by_field[best.1 as usize] += best.0;
            if let Some(k) = best.2 {
                matched_title.push(k);
            }
        }
        // Ties go to the title most of whose words were asked for ("Registered nurse" before
        // "Internationally educated nurse bridge ..."), and to a job if a job is what was asked.
        matched_title.sort_unstable();
        matched_title.dedup();
        if let Some(share) = (10 * matched_title.len()).checked_div(titles) {
            total += share as u32;
        }
        if query.job_like && stage.is_employment() {
            total += JOB_BONUS;
        }
        let mut field = [Field::Title, Field::Id, Field::Credential, Field::Soc, Field::Tag]
            .into_iter()
            .max_by_key(|f| (by_field[*f as usize], *f == Field::Title))
            .unwrap_or(Field::Title);
        // An id typed whole is meant.
        if stage.id.eq_ignore_ascii_case(&query.text) {
            total += 100;
            field = Field::Id;
        }
        let title_matches = matched_title
            .iter()
            .flat_map(|&k| {
                let start = words.starts[k] as usize;
                let word = self.index.word(words.words[k].1);
                let q_len = (query.words.iter())
                    .filter(|q| word.starts_with(q.as_str()))
                    .map(|q| q.chars().count())
                    .max()
                    .unwrap_or_else(|| word.chars().count());
                start..start + q_len
            })
            .collect();
        Some(Hit {
            node,
            score: i64::from(total),
            field,
            title_matches,
        })
    }
}

impl Searcher {
    /// `query` ready for fuzzy subsequence matches on titles.
    pub fn fuzzy<'a>(&'a self, query: &'a Query) -> Fuzzy<'a> {
        Fuzzy {
            matcher: &self.matcher,
            text: &query.text,
            least: self.matcher.fuzzy_match(&query.text, &query.text),
        }
    }

    /// Every stage matching `text`, best first (ties by title, then id); at most `limit`. Word
    /// matches when there are any, else close fuzzy ones.
    pub fn search(&self, pathways: &Pathways, text: &str, limit: usize) -> Vec<Hit> {
        self.search_for(pathways, &Query::new(text), limit)
    }

    /// Every stage matching `query`, as `search` does.
    pub fn search_for(&self, pathways: &Pathways, query: &Query, limit: usize) -> Vec<Hit> {
        if query.is_empty() {
            return Vec::new();
        }
        let scorer = Scorer::new(pathways, query);
        let mut hits: Vec<Hit> = pathways
            .stages()
            .filter_map(|(node, stage)| scorer.score(node, stage))
            .collect();
        if hits.is_empty() {
            let fuzzy = self.fuzzy(query);
            hits = pathways
                .stages()
                .filter_map(|(node, stage)| fuzzy.hit(node, stage))
                .collect();
        }
        sort_hits(pathways, &mut hits);
        hits.truncate(limit);
        hits
    }
}

/// Fuzzy subsequence matches of a query on titles, close enough to the query to count.
pub struct Fuzzy<'a> {
    matcher: &'a SkimMatcherV2,
    text: &'a str,
    /// The query matched against itself: a title's score must reach `FUZZY_SHARE` of it.
    least: Option<i64>,
}

impl Fuzzy<'_> {
    /// The stage's title matched, if it is close enough.
    pub fn hit(&self, node: NodeIndex, stage: &Stage) -> Option<Hit> {
        let perfect = self.least?;
        let close = |score: i64| score * 100 >= perfect * FUZZY_SHARE;
        // The score alone first: most titles fall short, and the positions cost more.
        if !close(self.matcher.fuzzy_match(&stage.title, self.text)?) {
            return None;
        }
        let (score, title_matches) = self.matcher.fuzzy_indices(&stage.title, self.text)?;
        close(score).then_some(Hit {
            node,
            score,
            field: Field::Title,
            title_matches,
        })
    }
}

/// What to say when nothing matches `text`, in the CLI and the explorer alike.
pub fn nothing_found(pathways: &Pathways, text: &str) -> String {
    let text = crate::sanitize::clean(text.trim());
    match suggest(pathways, &text) {
        Some(word) => format!("No stage matches '{text}'. Did you mean '{word}'?"),
        None => format!("No stage matches '{text}'. Try one word of a job's or a program's name."),
    }
}

/// When nothing matches `text`: for a word of it that matches no word of the data's titles and
/// credentials, the nearest such word (`lpumber` -> `welding`), if one is a typo or two away.
pub fn suggest(pathways: &Pathways, text: &str) -> Option<String> {
    // The index holds each title and credential word once; only words of a query word's first
    // letter can be similar to it (`Index::similarities`).
    let index = pathways.search_index();
    let query: Vec<String> = words::words(text)
        .filter(|q| {
            let similar = index.similarities(q, true);
            index.shown_words().all(|(id, _)| similar[id as usize] == 0)
        })
        .collect();
    let mut best: Option<(usize, &str)> = None;
    for (_, t) in index.shown_words() {
        for q in &query {
            let max = if q.chars().count() >= 5 { 2 } else { 1 };
            let d = distance(q, t, max);
            if d <= max && d > 0 && best.is_none_or(|(b, w)| (d, t) < (b, w)) {
                best = Some((d, t));
            }
        }
    }
    best.map(|(_, w)| w.to_string())
}

/// Best first; equal scores by title, then id, so results never shuffle.
pub fn sort_hits(pathways: &Pathways, hits: &mut [Hit]) {
    hits.sort_by(|a, b| {
        let (sa, sb) = (pathways.stage(a.node), pathways.stage(b.node));
        b.score
            .cmp(&a.score)
            .then_with(|| sa.title.cmp(&sb.title))
            .then_with(|| sa.id.cmp(&sb.id))
    });
}

/// What a stage name typed by a person resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// The text is a stage id.
    Exact(NodeIndex),
    /// One stage fits the text by title or fuzzy match; say which one was used.
    Named(NodeIndex),
    /// Several fit; the best few, best first.
    Ambiguous(Vec<NodeIndex>),
    /// Nothing fits.
    Unknown,
}

/// Why `text` names no stage, for `what` (`unknown stage`, `--to`): the nearest stage id when it
/// looks like a typo of one, else where to look.
pub fn no_match(pathways: &Pathways, what: &str, text: &str) -> String {
    let ids = pathways.stages().map(|(_, s)| s.id.as_str());
    match crate::domain::condition::nearest(text.trim(), ids) {
        Some(id) => {
            format!("{what} '{text}': no stage id, title or credential matches it (did you mean '{id}'?)")
        }
        None => format!(
            "{what} '{text}': no stage id, title or credential matches it (try `pathways search {text}`)"
        ),
    }
}

/// Resolves a stage named by id, by title, or fuzzily: an exact id wins; then a unique title
/// (ignoring case); then a unique fuzzy match or a unique title containing the text.
pub fn resolve(pathways: &Pathways, text: &str) -> Resolved {
    // Ids are held in NFC, so an id typed with combining accents finds its stage.
    let normal = crate::domain::model::normal_id(text.trim().to_string());
    let text = normal.as_str();
    if let Some(node) = pathways.find(text) {
        return Resolved::Exact(node);
    }
    let lower = text.to_lowercase();
    let same: Vec<NodeIndex> = pathways
        .stages()
        .filter(|(_, s)| s.id.to_lowercase() == lower || s.title.to_lowercase() == lower)
        .map(|(n, _)| n)
        .collect();
    match same.as_slice() {
        [one] => return Resolved::Named(*one),
        [_, _, ..] => return Resolved::Ambiguous(same),
        [] => {}
    }
    let hits = Searcher::default().search_for(pathways, &Query::exact(text), usize::MAX);
    match hits.as_slice() {
        [] => return Resolved::Unknown,
        [one] => return Resolved::Named(one.node),
        _ => {}
    }
    let containing: Vec<NodeIndex> = hits
        .iter()
        .map(|h| h.node)
        .filter(|&n| pathways.stage(n).title.to_lowercase().contains(&lower))
        .collect();
    if let [one] = containing.as_slice() {
        return Resolved::Named(*one);
    }
    Resolved::Ambiguous(hits.iter().take(8).map(|h| h.node).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Pathway, StageDetails};

    pub(super) fn stage(
        id: &str,
        title: &str,
        credential: Option<&str>,
        soc: Option<&str>,
        tags: &[&str],
    ) -> Stage {
        Stage {
            id: id.into(),
            title: title.into(),
            kind: Kind::Training,
            level: 2,
            entry: vec![],
            credential: credential.map(Into::into),
            weeks: None,
            cost_usd: None,
            wage: None,
            soc: soc.map(Into::into),
            sources: vec![],
            pathway: 0,
            at: 0,
            details: StageDetails {
                tags: tags.iter().map(|t| (*t).into()).collect(),
                ..StageDetails::default()
            }
            .boxed(),
        }
    }

    fn pathways() -> Pathways {
        let meta = Pathway {
            id: "p".into(),
            title: "P".into(),
            sector: "S".into(),
            region: None,
            sources: vec![],
            conditions: Vec::new(),
            file: "p.json".into(),
            explain: Default::default(),
            extra: Default::default(),
            ..Default::default()
        };
        Pathways::new(
            vec![meta],
            vec![
                stage("rn-job", "Registered Nurse", None, Some("29-1141"), &[]),
                stage(
                    "cna",
                    "Certified Nursing Assistant",
                    Some("NAC"),
                    Some("31-1131"),
                    &["healthcare"],
                ),
                stage("weld", "Welding certificate", Some("AWS"), None, &["metal"]),
            ],
            vec![],
        )
    }

    /// What `suggest` gave before it read the index: every title and credential word split
    /// again, each compared with every query word.
    fn suggest_by_splitting(pathways: &Pathways, text: &str) -> Option<String> {
        let vocabulary: Vec<String> = pathways
            .stages()
            .flat_map(|(_, s)| [Some(s.title.as_str()), s.credential.as_deref()])
            .flatten()
            .flat_map(words::words)
            .collect();
        let query: Vec<String> = words::words(text)
            .filter(|q| vocabulary.iter().all(|t| words::similarity(q, t, true) == 0))
            .collect();
        let mut best: Option<(usize, String)> = None;
        for t in vocabulary {
            for q in &query {
                let max = if q.chars().count() >= 5 { 2 } else { 1 };
                let d = distance(q, &t, max);
                if d <= max && d > 0 && best.as_ref().is_none_or(|(b, w)| (d, &t) < (*b, w)) {
                    best = Some((d, t.clone()));
                }
            }
        }
        best.map(|(_, w)| w)
    }

    proptest::proptest! {
        /// The suggestion read from the index is the one the old way of splitting every title
        /// and credential again gave, for typed text close to the data's words and far from it.
        #[test]
        fn suggestions_from_the_index_are_those_of_splitting_every_title(
            text in "[a-z]?(nurs|weld|cert|regi|asst|aws|nac|metal|29|x)[a-z]{0,5}( [a-z]{1,8})?",
        ) {
            let p = pathways();
            proptest::prop_assert_eq!(suggest(&p, &text), suggest_by_splitting(&p, &text));
        }
    }

    #[test]
    fn suggests_the_nearest_title_or_credential_word_and_never_an_id_or_tag() {
        let p = pathways();
        // Words that start with another letter match nothing, so a suggestion is due.
        assert_eq!(suggest(&p, "qelding").as_deref(), Some("welding"));
        assert_eq!(suggest(&p, "tegistered").as_deref(), Some("registered"));
        // "metl" is a typo away from the tag "metal", which is not a word people see.
        assert_eq!(suggest(&p, "metl"), None);
    }

    #[test]
    fn ranks_title_matches_and_marks_matched_characters() {
        let p = pathways();
        let hits = Searcher::default().search(&p, "nurse", 10);
        assert_eq!(p.stage(hits[0].node).id, "rn-job");
        assert_eq!(hits[0].field, Field::Title);
        assert_eq!(hits[0].title_matches, vec![11, 12, 13, 14, 15]);
        assert!(hits.iter().all(|h| p.stage(h.node).id != "weld"));
    }

    #[test]
    fn matches_ids_credentials_soc_codes_and_tags() {
        let p = pathways();
        let s = Searcher::default();
        let first = |q: &str| {
            s.search(&p, q, 1)
                .first()
                .map(|h| (p.stage(h.node).id.clone(), h.field))
        };
        assert_eq!(first("31-1131"), Some(("cna".into(), Field::Soc)));
        assert_eq!(first("metal"), Some(("weld".into(), Field::Tag)));
        assert_eq!(first("AWS"), Some(("weld".into(), Field::Credential)));
        assert_eq!(first("rn-job"), Some(("rn-job".into(), Field::Id)));
    }

    #[test]
    fn resolves_ids_titles_and_fuzzy_names() {
        let p = pathways();
        let id = |r: Resolved| match r {
            Resolved::Exact(n) | Resolved::Named(n) => p.stage(n).id.clone(),
            other => format!("{other:?}"),
        };
        assert_eq!(resolve(&p, "cna"), Resolved::Exact(p.find("cna").expect("cna")));
        assert_eq!(id(resolve(&p, "registered nurse")), "rn-job");
        assert_eq!(id(resolve(&p, "welding")), "weld");
        assert_eq!(id(resolve(&p, "Nursing Assist")), "cna");
        assert!(matches!(resolve(&p, "nurs"), Resolved::Ambiguous(v) if v.len() == 2));
        assert_eq!(resolve(&p, "astronaut"), Resolved::Unknown);
    }

    #[test]
    fn empty_query_and_limit() {
        let p = pathways();
        assert!(Searcher::default().search(&p, "  ", 10).is_empty());
        assert_eq!(Searcher::default().search(&p, "n", 10).len(), 2);
        assert_eq!(Searcher::default().search(&p, "n", 1).len(), 1);
    }

    /// What learners type, on the shipped data (issue 15, item 6).
    #[test]
    fn learners_find_what_they_type_in_the_shipped_data() {
        let loaded =
            crate::domain::load::load(&crate::domain::shipped::inputs()).expect("shipped data loads");
        let p = &loaded.pathways;
        let ids = |q: &str, n: usize| -> Vec<String> {
            Searcher::default()
                .search(p, q, n)
                .iter()
                .map(|h| p.stage(h.node).id.clone())
                .collect()
        };
        // A job first for a job-like query; its programs follow.
        assert_eq!(ids("welding", 4)[0], "mfg-welder-job");
        assert!(ids("welding", 4).contains(&"mfg-welding-cert".to_string()));
        assert_eq!(ids("weldr", 1), ["mfg-welder-job"]);
        let nurse = ids("nurse", 20);
        assert_eq!(nurse[0], "hc-rn-job", "{nurse:?}");
        assert!(nurse.contains(&"hc-nac-job".to_string()), "{nurse:?}");
        assert_eq!(ids("nurses", 1), ["hc-rn-job"]);
        assert!(ids("nurce", 3).contains(&"hc-rn-job".to_string()));
        // Initials as people say them, not letters scattered through another title.
        let cna = ids("cna", 3);
        assert_eq!(cna[0], "hc-nac-job", "the job people call CNA first: {cna:?}");
        assert!(cna.contains(&"hc-nac-program".to_string()), "{cna:?}");
        assert!(!cna.contains(&"mfg-cnc-cert".to_string()), "{cna:?}");
        // A program word puts programs first.
        assert_eq!(
            p.stage(p.find(&ids("nursing program", 1)[0]).expect("found"))
                .kind,
            crate::domain::model::Kind::Training
        );
        // Nothing close: no match, rather than unrelated stages.
        for q in ["teacher", "astronaut"] {
            assert!(ids(q, 10).is_empty(), "{q}: {:?}", ids(q, 10));
            assert!(nothing_found(p, q).starts_with(&format!("No stage matches '{q}'.")));
        }
        assert_eq!(
            nothing_found(p, "lpumber"),
            "No stage matches 'lpumber'. Did you mean 'plumber'?"
        );
        assert!(
            !nothing_found(p, "nurze xyzzy").contains("Did you mean"),
            "nurze matches"
        );
    }
}
