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

/// A token in a stage's `entry`: a level (that level or higher), a band of levels, or `any`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Entry {
    /// `ESL n`, `ABE n` (that level or higher on the same scale) or `HSE`.
    Level(SkillLevel),
    /// `ESL n-m`, `ABE n-m`: levels n through m of one scale only (a level class is `ESL 3-3`).
    Band {
        scale: Scale,
        low: u8,
        high: u8,
    },
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
            (
                SkillLevel::Esl(n),
                Entry::Band {
                    scale: Scale::Esl,
                    low,
                    high,
                },
            )
            | (
                SkillLevel::Abe(n),
                Entry::Band {
                    scale: Scale::Abe,
                    low,
                    high,
                },
            ) => (low..=high).contains(&n),
            (_, Entry::Band { .. }) => false,
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
            Entry::Level(l @ SkillLevel::Hse) => format!("{l} ({})", l.nrs_name()),
            Entry::Level(l) => format!("{l} or higher ({})", l.nrs_name()),
            Entry::Band { scale, low, high } if low == high => {
                let l = scale.level(low);
                format!("{l} only ({})", l.nrs_name())
            }
            Entry::Band { scale, low, high } => format!(
                "{} to {high} ({} to {})",
                scale.level(low),
                scale.level(low).nrs_name(),
                scale.level(high).nrs_name()
            ),
            Entry::Any => "any level".to_string(),
        }
    }

    /// Parses an entry token: a skill level, a band (`ESL 2-4`, `abe 3-3`), or `any`.
    pub fn parse(text: &str) -> Result<Entry, UnknownLevel> {
        if normalize(text) == "any" {
            return Ok(Entry::Any);
        }
        // A band: a level ending in a digit, a dash, a number ("ESL 2-4"; "esl-3" is a level).
        if let Some((a, b)) = text.split_once(['-', '\u{2013}'])
            && a.trim_end().ends_with(|c: char| c.is_ascii_digit())
            && !b.trim().is_empty()
            && b.trim().bytes().all(|c| c.is_ascii_digit())
        {
            let unknown = || UnknownLevel {
                text: text.to_string(),
            };
            let high = b.trim().parse::<u8>().map_err(|_| unknown())?;
            let (scale, low) = match SkillLevel::parse(a).map_err(|_| unknown())? {
                SkillLevel::Esl(n) => (Scale::Esl, n),
                SkillLevel::Abe(n) => (Scale::Abe, n),
                SkillLevel::Hse => return Err(unknown()),
            };
            if !(low..=6).contains(&high) {
                return Err(unknown());
            }
            return Ok(Entry::Band { scale, low, high });
        }
        SkillLevel::parse(text).map(Entry::Level)
    }

    /// The scale the token is on; `None` for `any`.
    pub fn scale(self) -> Option<Scale> {
        match self {
            Entry::Level(l) => Some(l.scale()),
            Entry::Band { scale, .. } => Some(scale),
            Entry::Any => None,
        }
    }

    /// The lowest level the token accepts.
    pub fn lowest(self) -> Option<SkillLevel> {
        match self {
            Entry::Level(l) => Some(l),
            Entry::Band { scale, low, .. } => Some(scale.level(low)),
            Entry::Any => None,
        }
    }

    /// The highest level on its scale the token accepts (`HSE` for open-ended ABE tokens).
    pub fn highest(self) -> Option<SkillLevel> {
        match self {
            Entry::Level(SkillLevel::Esl(_)) => Some(SkillLevel::Esl(6)),
            Entry::Level(_) => Some(SkillLevel::Hse),
            Entry::Band { scale, high, .. } => Some(scale.level(high)),
            Entry::Any => None,
        }
    }

    /// Whether the token is open-ended (a level and everything above it).
    pub fn is_open_ended(self) -> bool {
        matches!(self, Entry::Level(SkillLevel::Esl(_) | SkillLevel::Abe(_)))
    }
}

impl Scale {
    /// Level `n` of the scale.
    pub fn level(self, n: u8) -> SkillLevel {
        match self {
            Scale::Esl => SkillLevel::Esl(n),
            Scale::Abe => SkillLevel::Abe(n),
        }
    }
}

/// A learner's levels: at most one on each scale, and whether she holds a high-school diploma or
/// equivalency (which meets every open-ended ABE entry and `HSE`, but no band).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Levels {
    pub esl: Option<u8>,
    pub abe: Option<u8>,
    pub hse: bool,
}

/// Two levels given for one scale.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("contradictory levels: {first} and {second} are both on the {scale} scale; give one")]
pub struct Contradiction {
    pub first: SkillLevel,
    pub second: SkillLevel,
    pub scale: &'static str,
}

impl Levels {
    /// The levels of a learner at `level`.
    pub fn of(level: SkillLevel) -> Levels {
        let mut l = Levels::default();
        l.set(level);
        l
    }

    fn set(&mut self, level: SkillLevel) {
        match level {
            SkillLevel::Esl(n) => self.esl = Some(n),
            SkillLevel::Abe(n) => self.abe = Some(n),
            SkillLevel::Hse => self.hse = true,
        }
    }

    /// Adds a level; a second, different level on the same scale is a contradiction (`HSE` and an
    /// ABE level are both on the ABE scale).
    pub fn add(&mut self, level: SkillLevel) -> Result<(), Contradiction> {
        let clash = |first: SkillLevel, scale| Contradiction {
            first,
            second: level,
            scale,
        };
        match level {
            SkillLevel::Esl(n) => match self.esl {
                Some(m) if m != n => return Err(clash(SkillLevel::Esl(m), "ESL")),
                _ => {}
            },
            SkillLevel::Abe(n) => match (self.abe, self.hse) {
                (Some(m), _) if m != n => return Err(clash(SkillLevel::Abe(m), "ABE")),
                (_, true) => return Err(clash(SkillLevel::Hse, "ABE")),
                _ => {}
            },
            SkillLevel::Hse => {
                if let Some(m) = self.abe {
                    return Err(clash(SkillLevel::Abe(m), "ABE"));
                }
            }
        }
        self.set(level);
        Ok(())
    }

    /// Adds a placed level: on a scale that already has one, the lowest stands (NRS places by the
    /// lowest functioning level).
    pub fn add_lowest(&mut self, level: SkillLevel) {
        match level {
            SkillLevel::Esl(n) => self.esl = Some(self.esl.map_or(n, |m| m.min(n))),
            SkillLevel::Abe(n) => self.abe = Some(self.abe.map_or(n, |m| m.min(n))),
            SkillLevel::Hse => self.hse = true,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.esl.is_none() && self.abe.is_none() && !self.hse
    }

    /// Every level held, ESL first.
    pub fn all(&self) -> Vec<SkillLevel> {
        let mut out = Vec::new();
        out.extend(self.esl.map(SkillLevel::Esl));
        out.extend(self.abe.map(SkillLevel::Abe));
        if self.hse {
            out.push(SkillLevel::Hse);
        }
        out
    }

    /// Whether one of the levels may start at an on-ramp that accepts `entry`.
    pub fn meets(&self, entry: Entry) -> bool {
        entry == Entry::Any || self.all().into_iter().any(|l| l.meets(entry))
    }

    /// Whether one of the levels meets one of the tokens.
    pub fn meets_any(&self, entry: &[Entry]) -> bool {
        entry.iter().any(|&e| self.meets(e))
    }
}

impl fmt::Display for Levels {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all: Vec<String> = self.all().iter().map(ToString::to_string).collect();
        if all.is_empty() {
            f.write_str("no level")
        } else {
            f.write_str(&all.join(" and "))
        }
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
            Entry::Band { scale, low, high } => write!(f, "{}-{high}", scale.level(*low)),
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
    fn bands_hold_levels_n_through_m_and_hse_meets_none() {
        use SkillLevel::*;
        let band = Entry::parse("ESL 2-4").expect("band");
        assert_eq!(
            band,
            Entry::Band {
                scale: Scale::Esl,
                low: 2,
                high: 4
            }
        );
        assert_eq!(band.to_string(), "ESL 2-4");
        assert_eq!(Entry::parse(&band.to_string()), Ok(band));
        assert!(!Esl(1).meets(band) && Esl(2).meets(band) && Esl(4).meets(band) && !Esl(5).meets(band));
        assert!(!Abe(3).meets(band));
        let class = Entry::parse("abe 3-3").expect("class");
        assert!(Abe(3).meets(class) && !Abe(4).meets(class) && !Hse.meets(class));
        assert_eq!(class.describe(), "ABE 3 only (Low Intermediate Basic Education)");
        for bad in ["ESL 4-2", "ESL 3-7", "HSE-3", "ESL 0-2", "ESL 2-x"] {
            assert!(Entry::parse(bad).is_err(), "{bad}");
        }
        assert!(Entry::parse("ESL 3").expect("open").is_open_ended());
        assert!(!class.is_open_ended());
    }

    #[test]
    fn levels_hold_one_per_scale_and_meet_through_any_of_them() {
        let mut l = Levels::of(SkillLevel::Esl(3));
        assert!(l.add(SkillLevel::Esl(3)).is_ok());
        assert!(l.add(SkillLevel::Abe(4)).is_ok());
        let err = l.add(SkillLevel::Esl(4)).expect_err("two ESL levels");
        assert_eq!(
            err.to_string(),
            "contradictory levels: ESL 3 and ESL 4 are both on the ESL scale; give one"
        );
        assert!(l.add(SkillLevel::Hse).is_err());
        assert!(l.meets(Entry::parse("ABE 4-4").expect("band")));
        assert!(l.meets(Entry::parse("ESL 3-3").expect("band")));
        assert!(!l.meets(Entry::parse("ESL 4").expect("open")));
        assert_eq!(l.to_string(), "ESL 3 and ABE 4");
        let mut placed = Levels::default();
        placed.add_lowest(SkillLevel::Esl(4));
        placed.add_lowest(SkillLevel::Esl(2));
        assert_eq!(placed.esl, Some(2));
        let hse = Levels::of(SkillLevel::Hse);
        assert!(hse.meets(Entry::parse("ABE 2").expect("open")));
        assert!(!hse.meets(Entry::parse("ABE 5-6").expect("band")));
        assert!(Levels::default().meets(Entry::Any));
    }

    #[test]
    fn entry_accepts_any() {
        assert_eq!(Entry::parse("any"), Ok(Entry::Any));
        assert_eq!(Entry::parse("ANY"), Ok(Entry::Any));
        assert_eq!(Entry::parse("esl 2"), Ok(Entry::Level(SkillLevel::Esl(2))));
    }
}
