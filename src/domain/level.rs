//! NRS skill levels: what a learner is at, and what an on-ramp accepts.
//!
//! A learner is at `ESL n`, `ABE n` or `HSE`. An on-ramp's `entry` holds the same tokens plus `any`.
//! The meets-rules are DESIGN's: same scale and n >= m; `HSE` meets every `ABE` value and `HSE`;
//! ESL and ABE never meet each other.

use std::fmt;

/// The two NRS scales of educational functioning levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scale {
    /// English as a Second Language, levels 1..6.
    Esl,
    /// Adult Basic (1..4) and Adult Secondary (5..6) Education.
    Abe,
}

/// A learner's skill level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkillLevel {
    Esl(u8),
    Abe(u8),
    /// High-school diploma or equivalency.
    Hse,
}

/// A token in a stage's `entry`: a level, or `any`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    Level(SkillLevel),
    Any,
}

/// NRS level names (Technical Assistance Guide, Appendix A), index n-1.
const ABE_NAMES: [&str; 6] = [
    "Beginning ABE Literacy",
    "Beginning Basic Education",
    "Low Intermediate Basic Education",
    "High Intermediate Basic Education",
    "Low Adult Secondary Education",
    "High Adult Secondary Education",
];
const ESL_NAMES: [&str; 6] = [
    "Beginning ESL Literacy",
    "Low Beginning ESL",
    "High Beginning ESL",
    "Low Intermediate ESL",
    "High Intermediate ESL",
    "Advanced ESL",
];

/// Every learner level, lowest first within each scale.
pub const ALL_LEVELS: [SkillLevel; 13] = [
    SkillLevel::Esl(1),
    SkillLevel::Esl(2),
    SkillLevel::Esl(3),
    SkillLevel::Esl(4),
    SkillLevel::Esl(5),
    SkillLevel::Esl(6),
    SkillLevel::Abe(1),
    SkillLevel::Abe(2),
    SkillLevel::Abe(3),
    SkillLevel::Abe(4),
    SkillLevel::Abe(5),
    SkillLevel::Abe(6),
    SkillLevel::Hse,
];

/// The one-line reason given for a token that is not a level.
pub const VALID_LEVELS: &str =
    "ESL 1..ESL 6, ABE 1..ABE 6 or HSE (e.g. 'ESL 3', 'abe4', 'High Beginning ESL')";

/// Why a text is not a skill level.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown skill level '{text}': use {VALID_LEVELS}")]
pub struct UnknownLevel {
    pub text: String,
}

impl SkillLevel {
    /// Whether a learner at `self` may start at an on-ramp that accepts `entry`.
    pub fn meets(self, entry: Entry) -> bool {
        match (self, entry) {
            (_, Entry::Any) => true,
            (SkillLevel::Esl(n), Entry::Level(SkillLevel::Esl(m))) => n >= m,
            (SkillLevel::Abe(n), Entry::Level(SkillLevel::Abe(m))) => n >= m,
            (SkillLevel::Hse, Entry::Level(SkillLevel::Abe(_) | SkillLevel::Hse)) => true,
            _ => false,
        }
    }

    /// The NRS name of the level ("High Beginning ESL").
    pub fn nrs_name(self) -> &'static str {
        match self {
            SkillLevel::Esl(n) => ESL_NAMES[usize::from(n.clamp(1, 6)) - 1],
            SkillLevel::Abe(n) => ABE_NAMES[usize::from(n.clamp(1, 6)) - 1],
            SkillLevel::Hse => "High school diploma or equivalency",
        }
    }

    /// The scale of the level; `HSE` sits at the top of the ABE scale.
    pub fn scale(self) -> Scale {
        match self {
            SkillLevel::Esl(_) => Scale::Esl,
            SkillLevel::Abe(_) | SkillLevel::Hse => Scale::Abe,
        }
    }

    /// Parses a level forgivingly: `ESL 3`, `esl3`, `ESL level 3`, `esl-3`, `High Beginning ESL`,
    /// `ABE 4`, `ASE 1` (= ABE 5), `HSE`, `GED`, `high school diploma`.
    pub fn parse(text: &str) -> Result<SkillLevel, UnknownLevel> {
        let unknown = || UnknownLevel {
            text: text.to_string(),
        };
        let norm = normalize(text);
        if norm.is_empty() {
            return Err(unknown());
        }
        if matches!(
            norm.as_str(),
            "hse"
                | "ged"
                | "hiset"
                | "hsd"
                | "highschool"
                | "highschooldiploma"
                | "highschoolequivalency"
                | "highschooldiplomaorequivalency"
        ) {
            return Ok(SkillLevel::Hse);
        }
        for (i, name) in ESL_NAMES.iter().enumerate() {
            if normalize(name) == norm {
                return Ok(SkillLevel::Esl(level_number(i)));
            }
        }
        for (i, name) in ABE_NAMES.iter().enumerate() {
            if normalize(name) == norm {
                return Ok(SkillLevel::Abe(level_number(i)));
            }
        }
        let (scale, rest) = if let Some(rest) = norm.strip_prefix("esl").or_else(|| norm.strip_prefix("ell"))
        {
            (Scale::Esl, rest)
        } else if let Some(rest) = norm.strip_prefix("abe") {
            (Scale::Abe, rest)
        } else if let Some(rest) = norm.strip_prefix("ase") {
            // Adult Secondary Education 1..2 are NRS ABE levels 5..6.
            let n = parse_number(rest.strip_prefix("level").unwrap_or(rest)).ok_or_else(unknown)?;
            return match n {
                1 | 2 => Ok(SkillLevel::Abe(n + 4)),
                _ => Err(unknown()),
            };
        } else {
            return Err(unknown());
        };
        let n = parse_number(rest.strip_prefix("level").unwrap_or(rest)).ok_or_else(unknown)?;
        if !(1..=6).contains(&n) {
            return Err(unknown());
        }
        Ok(match scale {
            Scale::Esl => SkillLevel::Esl(n),
            Scale::Abe => SkillLevel::Abe(n),
        })
    }
}

impl Entry {
    /// The token with its NRS name, for people: "ESL 3 (High Beginning ESL)", "any level".
    pub fn describe(self) -> String {
        match self {
            Entry::Level(l) => format!("{l} ({})", l.nrs_name()),
            Entry::Any => "any level".to_string(),
        }
    }

    /// Parses an entry token: any skill level, or `any`.
    pub fn parse(text: &str) -> Result<Entry, UnknownLevel> {
        if normalize(text) == "any" {
            return Ok(Entry::Any);
        }
        SkillLevel::parse(text).map(Entry::Level)
    }
}

fn level_number(index: usize) -> u8 {
    // Indexes come from six-element tables, so this never saturates.
    u8::try_from(index + 1).unwrap_or(u8::MAX)
}

fn parse_number(text: &str) -> Option<u8> {
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Lower-case ASCII letters and digits only, so spacing and punctuation never matter.
fn normalize(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl fmt::Display for SkillLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkillLevel::Esl(n) => write!(f, "ESL {n}"),
            SkillLevel::Abe(n) => write!(f, "ABE {n}"),
            SkillLevel::Hse => f.write_str("HSE"),
        }
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Entry::Level(level) => level.fmt(f),
            Entry::Any => f.write_str("any"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forgiving_spellings_mean_the_same_level() {
        for text in [
            "ESL 3",
            "esl3",
            "ESL level 3",
            "esl-3",
            "High Beginning ESL",
            "  eSl  3 ",
            "ELL 3",
        ] {
            assert_eq!(SkillLevel::parse(text), Ok(SkillLevel::Esl(3)), "{text}");
        }
        for text in [
            "ABE 4",
            "abe4",
            "ABE Level 4",
            "High Intermediate Basic Education",
        ] {
            assert_eq!(SkillLevel::parse(text), Ok(SkillLevel::Abe(4)), "{text}");
        }
        assert_eq!(SkillLevel::parse("ASE 1"), Ok(SkillLevel::Abe(5)));
        assert_eq!(SkillLevel::parse("ase 2"), Ok(SkillLevel::Abe(6)));
        for text in ["HSE", "hse", "GED", "High school diploma"] {
            assert_eq!(SkillLevel::parse(text), Ok(SkillLevel::Hse), "{text}");
        }
    }

    #[test]
    fn wrong_tokens_are_refused_with_the_valid_ones() {
        for text in [
            "", "ESL 0", "ESL 7", "abe", "ESL 33", "nursing", "ASE 3", "any", "ESL 1.5",
        ] {
            let err = SkillLevel::parse(text).expect_err(text);
            assert!(
                err.to_string().contains("ESL 1..ESL 6, ABE 1..ABE 6 or HSE"),
                "{err}"
            );
        }
    }

    #[test]
    fn every_level_round_trips_through_its_token_and_its_nrs_name() {
        for level in ALL_LEVELS {
            assert_eq!(SkillLevel::parse(&level.to_string()), Ok(level));
            assert_eq!(SkillLevel::parse(level.nrs_name()), Ok(level));
        }
    }

    #[test]
    fn meets_follows_the_design_rules() {
        use SkillLevel::*;
        let e = Entry::Level;
        assert!(Esl(3).meets(e(Esl(3))));
        assert!(Esl(4).meets(e(Esl(3))));
        assert!(!Esl(2).meets(e(Esl(3))));
        assert!(Abe(5).meets(e(Abe(2))));
        assert!(!Abe(1).meets(e(Abe(2))));
        assert!(Hse.meets(e(Abe(6))));
        assert!(Hse.meets(e(Hse)));
        assert!(!Abe(6).meets(e(Hse)));
        assert!(!Esl(6).meets(e(Abe(1))));
        assert!(!Abe(6).meets(e(Esl(1))));
        assert!(!Hse.meets(e(Esl(1))));
        for level in ALL_LEVELS {
            assert!(level.meets(Entry::Any));
        }
    }

    #[test]
    fn entry_accepts_any() {
        assert_eq!(Entry::parse("any"), Ok(Entry::Any));
        assert_eq!(Entry::parse("ANY"), Ok(Entry::Any));
        assert_eq!(Entry::parse("esl 2"), Ok(Entry::Level(SkillLevel::Esl(2))));
    }
}
