//! Areas by name, loosely: `--area WA`, `--area washington`, `--area seattle`, `--area "Yakima"`,
//! `--area 0042660`. An ambiguous name is refused with the candidates.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{AreaId, AreaKind, Layer};

/// Why a name picks no single area.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum AreaError {
    #[error("unknown area \"{query}\"{}", nearest.as_ref().map_or_else(String::new, |n| format!(": did you mean \"{n}\"?")))]
    Unknown { query: String, nearest: Option<String> },
    #[error("area \"{query}\" is ambiguous: {}; give more of the name", candidates.join("; "))]
    Ambiguous { query: String, candidates: Vec<String> },
}

/// Lower case, punctuation to spaces, single spaces: "Seattle-Tacoma-Bellevue, WA" ->
/// "seattle tacoma bellevue wa".
fn normal(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

const NATION: [&str; 6] = ["us", "usa", "u s", "national", "nation", "united states"];

impl Layer {
    /// The one area a name means.
    pub fn resolve(&self, query: &str) -> Result<AreaId, AreaError> {
        let q = normal(query);
        if NATION.contains(&q.as_str()) {
            return Ok(self.nation());
        }
        let exact = self.areas().find(|(_, a)| {
            a.code == q
                || normal(a.name) == q
                || (a.kind == AreaKind::State && a.state.eq_ignore_ascii_case(&q))
        });
        if let Some((id, _)) = exact {
            return Ok(id);
        }
        let words: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
        let matches = self.matching(&words);
        match matches.as_slice() {
            [one] => Ok(*one),
            [] => Err(AreaError::Unknown {
                query: query.trim().to_string(),
                nearest: self
                    .suggest(query)
                    .first()
                    .map(|&id| self.area(id).name.to_string()),
            }),
            many => Err(AreaError::Ambiguous {
                query: query.trim().to_string(),
                candidates: many.iter().map(|&id| self.area(id).name.to_string()).collect(),
            }),
        }
    }

    /// Areas whose name has, for every word typed, a word starting with it.
    fn matching(&self, words: &[&str]) -> Vec<AreaId> {
        if words.is_empty() {
            return Vec::new();
        }
        self.areas()
            .filter(|(_, a)| {
                let name = normal(a.name);
                let have: Vec<&str> = name.split(' ').collect();
                words.iter().all(|w| have.iter().any(|h| h.starts_with(w)))
            })
            .map(|(id, _)| id)
            .collect()
    }

    /// Areas ranked for a picker as the user types: fuzzy on the name and postal code, states
    /// before metros on a tie; every area, in file order, for an empty query.
    pub fn suggest(&self, query: &str) -> Vec<AreaId> {
        let q = query.trim();
        if q.is_empty() {
            return self.areas().map(|(id, _)| id).collect();
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, AreaId)> = self
            .areas()
            .filter_map(|(id, a)| {
                let text = match a.kind {
                    AreaKind::State => format!("{} {}", a.name, a.state),
                    _ => a.name.to_string(),
                };
                matcher.fuzzy_match(&text, q).map(|score| (score, id))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, id)| id).collect()
    }
}
