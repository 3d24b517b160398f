//! Test benchmark tables: which NRS level a CASAS, TABE or BEST Plus scale score places a learner at.
//!
//! Cut scores change over the years, so the tables are data files (`data/levels/`), loaded like
//! pathway files; this module only holds them and answers placements.

use std::fmt::Write as _;

use super::level::{Scale, SkillLevel};

/// One row of a table: the scores (inclusive) that place a learner at `level`.
/// An open end (`None`) means the source gives only "<= max" or ">= min".
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    pub level: SkillLevel,
    pub min: Option<u32>,
    pub max: Option<u32>,
}

impl Band {
    fn contains(&self, score: u32) -> bool {
        self.min.is_none_or(|m| score >= m) && self.max.is_none_or(|m| score <= m)
    }
}

/// One tested subject of a table, bands lowest level first.
#[derive(Debug, Clone, PartialEq)]
pub struct Subject {
    pub name: String,
    pub bands: Vec<Band>,
}

impl Subject {
    /// The scale's range for people: "300–800"; an open end shows the first or last cut ("≤180–235").
    pub fn range_text(&self) -> String {
        let (Some(first), Some(last)) = (self.bands.first(), self.bands.last()) else {
            return "no bands".to_string();
        };
        let lo = match (first.min, first.max) {
            (Some(lo), _) => lo.to_string(),
            (None, Some(hi)) => format!("≤{hi}"),
            (None, None) => "any".to_string(),
        };
        let hi = match (last.max, last.min) {
            (Some(hi), _) => hi.to_string(),
            (None, Some(lo)) => format!("≥{lo}"),
            (None, None) => "any".to_string(),
        };
        format!("{lo}–{hi}")
    }
}

/// Where a table's figures come from.
#[derive(Debug, Clone, PartialEq)]
pub struct TableSource {
    pub title: String,
    pub year: u16,
    pub url: Option<String>,
}

/// A test's benchmark table (`tabe11`, `casas-esl`, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct BenchmarkTable {
    pub test: String,
    pub title: String,
    pub scale: Scale,
    pub effective: Option<String>,
    pub source: TableSource,
    pub subjects: Vec<Subject>,
    pub file: String,
}

/// A parsed `<test> <subject> <score>` query, before it is matched to a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreQuery {
    pub test: String,
    pub subject: String,
    pub score: u32,
}

/// The level a score places a learner at, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub level: SkillLevel,
    pub test: String,
    pub subject: String,
    pub score: u32,
    pub source: String,
}

/// Why a score could not be placed: one line, for people.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ScoreError(pub String);

/// Every loaded benchmark table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Benchmarks {
    tables: Vec<BenchmarkTable>,
}

impl ScoreQuery {
    /// Parses `<test> <subject> <score>`; the test name may hold spaces (`casas esl reading 195`).
    pub fn parse(text: &str) -> Result<ScoreQuery, ScoreError> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let usage = || {
            ScoreError(format!(
                "'{text}' is not a test score: write <test> <subject> <score>, e.g. 'tabe11 reading 540'"
            ))
        };
        let [test @ .., subject, score] = words.as_slice() else {
            return Err(usage());
        };
        if test.is_empty() {
            return Err(usage());
        }
        let score = parse_score(score)?;
        Ok(ScoreQuery {
            test: test.join(" "),
            subject: (*subject).to_string(),
            score,
        })
    }

    /// Whether a text looks like a score query (ends in a number after two or more words).
    pub fn looks_like_score(text: &str) -> bool {
        let words: Vec<&str> = text.split_whitespace().collect();
        words.len() >= 3
            && words
                .last()
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit() || c == '-'))
    }
}

fn parse_score(word: &str) -> Result<u32, ScoreError> {
    if let Ok(score) = word.parse::<u32>() {
        return Ok(score);
    }
    match word.parse::<f64>() {
        Ok(x) if x < 0.0 => Err(ScoreError(format!(
            "score {word} is negative: scale scores are whole numbers from 0"
        ))),
        Ok(_) => Err(ScoreError(format!(
            "score {word} is not a whole number: scale scores are whole numbers"
        ))),
        Err(_) => Err(ScoreError(format!(
            "'{word}' is not a score: expected a whole number such as 540"
        ))),
    }
}

/// Lower-case letters and digits only: `TABE 11`, `tabe-11` and `tabe11` are one name.
fn fold(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn subject_alias(folded: &str) -> &str {
    match folded {
        "mathematics" | "totalmath" | "maths" => "math",
        "listeningandspeaking" | "oral" => "speaking",
        other => other,
    }
}

impl Benchmarks {
    pub fn new(tables: Vec<BenchmarkTable>) -> Benchmarks {
        Benchmarks { tables }
    }

    pub fn tables(&self) -> &[BenchmarkTable] {
        &self.tables
    }

    pub fn table(&self, test: &str) -> Option<&BenchmarkTable> {
        let wanted = fold(test);
        self.tables.iter().find(|t| fold(&t.test) == wanted)
    }

    /// Places a `<test> <subject> <score>` text.
    pub fn place_text(&self, text: &str) -> Result<Placement, ScoreError> {
        self.place(&ScoreQuery::parse(text)?)
    }

    /// The level the query's score places a learner at.
    pub fn place(&self, query: &ScoreQuery) -> Result<Placement, ScoreError> {
        let table = self.table(&query.test).ok_or_else(|| {
            let known: Vec<&str> = self.tables.iter().map(|t| t.test.as_str()).collect();
            ScoreError(format!(
                "unknown test '{}': known tests are {}",
                query.test,
                known.join(", ")
            ))
        })?;
        let wanted = fold(&query.subject);
        let subject = table
            .subjects
            .iter()
            .find(|s| fold(&s.name) == subject_alias(&wanted))
            .ok_or_else(|| {
                let names: Vec<&str> = table.subjects.iter().map(|s| s.name.as_str()).collect();
                ScoreError(format!(
                    "{} has no subject '{}': use {}",
                    table.test,
                    query.subject,
                    names.join(", ")
                ))
            })?;
        let band = subject
            .bands
            .iter()
            .find(|b| b.contains(query.score))
            .ok_or_else(|| {
                let mut msg = format!(
                    "score {} is outside the {} {} table ({})",
                    query.score,
                    table.test,
                    subject.name,
                    subject.range_text()
                );
                if table.scale == Scale::Esl
                    && subject
                        .bands
                        .last()
                        .and_then(|b| b.max)
                        .is_some_and(|m| query.score > m)
                {
                    let _ = write!(
                        msg,
                        "; a score above the ESL levels means the learner has completed them"
                    );
                }
                ScoreError(msg)
            })?;
        Ok(Placement {
            level: band.level,
            test: table.test.clone(),
            subject: subject.name.clone(),
            score: query.score,
            source: format!("{} ({})", table.source.title, table.source.year),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Benchmarks {
        Benchmarks::new(vec![BenchmarkTable {
            test: "casas-esl".into(),
            title: "CASAS ESL".into(),
            scale: Scale::Esl,
            effective: None,
            source: TableSource {
                title: "NRS".into(),
                year: 2006,
                url: None,
            },
            subjects: vec![Subject {
                name: "reading".into(),
                bands: vec![
                    Band {
                        level: SkillLevel::Esl(1),
                        min: None,
                        max: Some(180),
                    },
                    Band {
                        level: SkillLevel::Esl(2),
                        min: Some(181),
                        max: Some(190),
                    },
                ],
            }],
            file: "t.json".into(),
        }])
    }

    #[test]
    fn places_scores_at_band_edges() {
        let b = table();
        assert_eq!(
            b.place_text("casas-esl reading 0").map(|p| p.level),
            Ok(SkillLevel::Esl(1))
        );
        assert_eq!(
            b.place_text("casas-esl reading 180").map(|p| p.level),
            Ok(SkillLevel::Esl(1))
        );
        assert_eq!(
            b.place_text("CASAS ESL Reading 181").map(|p| p.level),
            Ok(SkillLevel::Esl(2))
        );
        assert_eq!(
            b.place_text("casas-esl reading 190").map(|p| p.level),
            Ok(SkillLevel::Esl(2))
        );
    }

    #[test]
    fn explains_every_bad_query_in_one_line() {
        let b = table();
        let err = |t: &str| b.place_text(t).expect_err(t).0;
        assert!(err("casas-esl reading 191").contains("outside the casas-esl reading table (≤180–190)"));
        assert!(err("casas-esl reading 191").contains("completed them"));
        assert!(err("tabe11 reading 540").contains("unknown test 'tabe11': known tests are casas-esl"));
        assert!(err("casas-esl writing 200").contains("has no subject 'writing': use reading"));
        assert!(err("casas-esl reading -4").contains("negative"));
        assert!(err("casas-esl reading 19.5").contains("not a whole number"));
        assert!(err("casas-esl reading abc").contains("not a score"));
        assert!(err("reading 195").contains("<test> <subject> <score>"));
        for text in ["", "195", "casas-esl reading 195 extra"] {
            assert!(!err(text).is_empty());
        }
    }

    #[test]
    fn recognises_score_shaped_text() {
        assert!(ScoreQuery::looks_like_score("tabe11 reading 540"));
        assert!(ScoreQuery::looks_like_score("casas esl reading 195"));
        assert!(!ScoreQuery::looks_like_score("ESL 3"));
        assert!(!ScoreQuery::looks_like_score("esl-3-class"));
    }
}
