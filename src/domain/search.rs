//! Fuzzy search over stages: title, id, credential, SOC code and tags, best match first.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use petgraph::graph::NodeIndex;

use super::graph::Pathways;
use super::model::Stage;

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

impl Searcher {
    /// The best match of `query` in one stage, if any field matches.
    pub fn score(&self, node: NodeIndex, stage: &Stage, query: &str) -> Option<Hit> {
        let mut best: Option<Hit> =
            self.matcher
                .fuzzy_indices(&stage.title, query)
                .map(|(score, title_matches)| Hit {
                    node,
                    // A title match ranks above an equal match in another field.
                    score: score + 1,
                    field: Field::Title,
                    title_matches,
                });
        let others = [
            (Field::Id, Some(&stage.id)),
            (Field::Credential, stage.credential.as_ref()),
            (Field::Soc, stage.soc.as_ref()),
        ];
        let tags = stage.tags().iter().map(|t| (Field::Tag, Some(t)));
        for (field, text) in others.into_iter().chain(tags) {
            let Some(text) = text else { continue };
            if let Some(score) = self.matcher.fuzzy_match(text, query)
                && best.as_ref().is_none_or(|b| score > b.score)
            {
                best = Some(Hit {
                    node,
                    score,
                    field,
                    title_matches: Vec::new(),
                });
            }
        }
        best
    }

    /// Every stage matching `query`, best first (ties by title, then id); at most `limit`.
    pub fn search(&self, pathways: &Pathways, query: &str, limit: usize) -> Vec<Hit> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<Hit> = pathways
            .stages()
            .filter_map(|(node, stage)| self.score(node, stage, query))
            .collect();
        sort_hits(pathways, &mut hits);
        hits.truncate(limit);
        hits
    }
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
    let hits = Searcher::default().search(pathways, text, usize::MAX);
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

    fn stage(id: &str, title: &str, credential: Option<&str>, soc: Option<&str>, tags: &[&str]) -> Stage {
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
        assert_eq!(Searcher::default().search(&p, "e", 2).len(), 2);
    }
}
