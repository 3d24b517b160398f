//! The shipped test benchmark tables against an independent transcription of
//! `shared/reference/nrs-levels.md`, and every boundary of every table placed through the library.

use pathways::domain::level::SkillLevel;
use pathways::domain::load::load;
use pathways::domain::shipped;

/// (test, subject, scale is ESL, cut scores as (min, max) per level 1..6; None = open end).
type Table = (&'static str, &'static str, bool, [(Option<u32>, Option<u32>); 6]);

const fn band(min: u32, max: u32) -> (Option<u32>, Option<u32>) {
    (Some(min), Some(max))
}

const EXPECTED: &[Table] = &[
    (
        "tabe11",
        "reading",
        false,
        [
            band(300, 441),
            band(442, 500),
            band(501, 535),
            band(536, 575),
            band(576, 616),
            band(617, 800),
        ],
    ),
    (
        "tabe11",
        "math",
        false,
        [
            band(300, 448),
            band(449, 495),
            band(496, 536),
            band(537, 595),
            band(596, 656),
            band(657, 800),
        ],
    ),
    (
        "tabe11",
        "language",
        false,
        [
            band(300, 457),
            band(458, 510),
            band(511, 546),
            band(547, 583),
            band(584, 630),
            band(631, 800),
        ],
    ),
    (
        "casas-abe",
        "reading",
        false,
        [
            (None, Some(200)),
            band(201, 210),
            band(211, 220),
            band(221, 235),
            band(236, 245),
            (Some(246), None),
        ],
    ),
    (
        "casas-abe",
        "math",
        false,
        [
            (None, Some(200)),
            band(201, 210),
            band(211, 220),
            band(221, 235),
            band(236, 245),
            (Some(246), None),
        ],
    ),
    (
        "casas-esl",
        "reading",
        true,
        [
            (None, Some(180)),
            band(181, 190),
            band(191, 200),
            band(201, 210),
            band(211, 220),
            band(221, 235),
        ],
    ),
    (
        "casas-esl",
        "listening",
        true,
        [
            (None, Some(180)),
            band(181, 190),
            band(191, 200),
            band(201, 210),
            band(211, 220),
            band(221, 235),
        ],
    ),
    (
        "best-plus",
        "speaking",
        true,
        [
            band(88, 361),
            band(362, 427),
            band(428, 452),
            band(453, 484),
            band(485, 524),
            band(525, 564),
        ],
    ),
];

fn level(esl: bool, n: u8) -> SkillLevel {
    if esl {
        SkillLevel::Esl(n)
    } else {
        SkillLevel::Abe(n)
    }
}

#[test]
fn shipped_tables_match_the_reference() {
    let loaded = load(&shipped::inputs()).expect("shipped data loads");
    let b = &loaded.benchmarks;
    let shipped_subjects: usize = b.tables().iter().map(|t| t.subjects.len()).sum();
    assert_eq!(
        shipped_subjects,
        EXPECTED.len(),
        "a shipped subject has no reference row"
    );
    for (test, subject, esl, cuts) in EXPECTED {
        let table = b.table(test).unwrap_or_else(|| panic!("{test} is shipped"));
        let s = table
            .subjects
            .iter()
            .find(|s| s.name == *subject)
            .unwrap_or_else(|| panic!("{test} {subject} is shipped"));
        assert_eq!(s.bands.len(), 6, "{test} {subject}");
        for (i, (band, (min, max))) in s.bands.iter().zip(cuts.iter()).enumerate() {
            let n = u8::try_from(i + 1).expect("six levels");
            assert_eq!(band.level, level(*esl, n), "{test} {subject} row {n}");
            assert_eq!(
                (band.min, band.max),
                (*min, *max),
                "{test} {subject} {}",
                band.level
            );
        }
    }
}

#[test]
fn every_boundary_places_at_its_level() {
    let loaded = load(&shipped::inputs()).expect("shipped data loads");
    let b = &loaded.benchmarks;
    for (test, subject, esl, cuts) in EXPECTED {
        let place = |score: u32| {
            b.place_text(&format!("{test} {subject} {score}"))
                .map(|p| p.level)
        };
        for (i, (min, max)) in cuts.iter().enumerate() {
            let n = u8::try_from(i + 1).expect("six levels");
            let here = Ok(level(*esl, n));
            if let Some(min) = min {
                assert_eq!(place(*min), here, "{test} {subject} {min}");
                if n == 1 {
                    assert!(place(min - 1).is_err(), "{test} {subject} below the scale");
                } else {
                    assert_eq!(
                        place(min - 1),
                        Ok(level(*esl, n - 1)),
                        "{test} {subject} {}",
                        min - 1
                    );
                }
            } else {
                assert_eq!(place(0), here, "{test} {subject} 0 is level 1 on an open scale");
            }
            if let Some(max) = max {
                assert_eq!(place(*max), here, "{test} {subject} {max}");
                if n == 6 {
                    assert!(place(max + 1).is_err(), "{test} {subject} above the scale");
                }
            } else {
                assert_eq!(place(9_999), here, "{test} {subject} open top");
            }
        }
    }
}

/// The JSON Schema in `assets/` names the same kinds, modes and finding codes as the code. (Entry
/// tokens are patterns of the loader's grammar: `tests/it/load_props.rs` checks them against it.)
#[test]
fn the_schema_agrees_with_the_code() {
    use pathways::domain::model::{Kind, Mode};
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../assets/pathways-1.schema.json")).expect("schema is JSON");
    let strings = |pointer: &str| -> Vec<String> {
        schema
            .pointer(pointer)
            .and_then(|v| v.as_array())
            .unwrap_or_else(|| panic!("{pointer} is an enum"))
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let kinds: Vec<String> = Kind::ALL.iter().map(|k| k.as_str().to_string()).collect();
    assert_eq!(strings("/$defs/stage/properties/kind/enum"), kinds);
    let modes: Vec<String> = Mode::ALL.iter().map(|m| m.as_str().to_string()).collect();
    assert_eq!(strings("/$defs/transition/properties/mode/enum"), modes);
    // Each object's `explain` takes every code found on that kind of object that is neither an
    // error nor unsourced-figure.
    use pathways::domain::audit::{Code, Severity, Subject};
    for (def, subject) in [
        ("stageExplain", Subject::Stage),
        ("transitionExplain", Subject::Transition),
        ("pathwayExplain", Subject::Sector),
    ] {
        let mut explainable: Vec<String> = Code::ALL
            .iter()
            .filter(|c| c.severity() != Severity::Error && **c != Code::UnsourcedFigure)
            .filter(|c| c.found_on().contains(&subject))
            .map(|c| c.as_str().to_string())
            .collect();
        let mut in_schema = strings(&format!("/$defs/{def}/propertyNames/enum"));
        in_schema.sort();
        explainable.sort();
        assert_eq!(in_schema, explainable, "{def}");
    }
}

/// The learner file's schema names the fields the reader takes, and the pathway schema knows
/// conditions.
#[test]
fn the_learner_schema_agrees_with_the_reader() {
    use pathways::domain::learner::{FIELDS, LIMIT_FIELDS};
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../assets/pathways-learner-1.schema.json"))
            .expect("schema is JSON");
    let keys = |pointer: &str| -> Vec<String> {
        let mut k: Vec<String> = schema
            .pointer(pointer)
            .and_then(|v| v.as_object())
            .unwrap_or_else(|| panic!("{pointer} is an object"))
            .keys()
            .cloned()
            .collect();
        k.sort();
        k
    };
    let sorted = |list: &[&str]| {
        let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(keys("/properties"), sorted(&FIELDS));
    assert_eq!(keys("/properties/limits/properties"), sorted(&LIMIT_FIELDS));
    let pathways: serde_json::Value =
        serde_json::from_str(include_str!("../../assets/pathways-1.schema.json")).expect("schema is JSON");
    for key in ["requires", "awards"] {
        assert!(
            pathways
                .pointer(&format!("/$defs/stage/properties/{key}"))
                .is_some(),
            "{key}"
        );
    }
    assert!(pathways.pointer("/$defs/pathway/properties/conditions").is_some());
}
