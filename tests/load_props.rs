//! Property tests: whatever bytes, JSON or CSV the loader is fed, it answers with data or with
//! located messages, and never panics. `PATHWAYS_LONG_TESTS=1` runs many more cases.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use pathways::domain::load::{Input, Origin, load};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

const GOOD: &str = r#"{
  "format": "pathways/1",
  "pathway": {"id": "hc", "title": "Healthcare", "sector": "Healthcare",
              "sources": [{"id": "oews", "title": "BLS OEWS May 2025", "year": 2025}]},
  "stages": [
    {"id": "esl", "title": "ESL 3", "kind": "education", "level": 0, "entry": ["ESL 3"], "weeks": 11},
    {"id": "nac", "title": "I-BEST NAC", "kind": "training", "level": 2, "credential": "NAC"},
    {"id": "cna", "title": "CNA", "kind": "employment", "level": 2,
     "wage": {"median_annual_usd": 42260, "year": 2025, "source": "oews"}}
  ],
  "transitions": [
    {"from": "esl", "to": "nac", "mode": "integrated"},
    {"from": "nac", "to": "cna", "mode": "sequential", "weeks": 2}
  ]
}"#;

fn cases() -> u32 {
    if std::env::var_os("PATHWAYS_LONG_TESTS").is_some() {
        20_000
    } else {
        300
    }
}

fn run(name: &str, bytes: Vec<u8>) {
    match load(&[Input {
        name: name.into(),
        bytes,
        origin: Origin::User,
    }]) {
        Ok(_) => {}
        Err(errors) => {
            assert!(!errors.errors.is_empty());
            for e in &errors.errors {
                assert_eq!(e.file, name);
                assert!(!e.message.is_empty());
                if let Some(p) = e.position {
                    assert!(p.line >= 1 && p.column >= 1, "{e}");
                }
                assert!(!e.to_string().contains('\n'), "one line per problem: {e}");
            }
        }
    }
}

/// A CSV folder's two files: every problem names one of them (or their folder), in one line.
fn run_csv(stages: Vec<u8>, transitions: Vec<u8>) {
    let inputs =
        [("csv/stages.csv", stages), ("csv/transitions.csv", transitions)].map(|(name, bytes)| Input {
            name: name.into(),
            bytes,
            origin: Origin::User,
        });
    if let Err(errors) = load(&inputs) {
        assert!(!errors.errors.is_empty());
        for e in &errors.errors {
            assert!(e.file.starts_with("csv"), "{e}");
            assert!(!e.message.is_empty());
            if let Some(p) = e.position {
                assert!(p.line >= 1 && p.column >= 1, "{e}");
            }
            assert!(!e.to_string().contains('\n'), "one line per problem: {e}");
        }
    }
}

const CSV_STAGES: &str = "id,title,kind,level,entry,weeks,wage.median_annual_usd,wage.year,wage.source,explain.cycle\n\
                          esl,ESL 3,education,0,ESL 3,11,,,,\n\
                          cna,CNA,employment,2,,,42260,2025,oews,\n";
const CSV_TRANSITIONS: &str = "from,to,mode,weeks\nesl,cna,sequential,2\n";

/// Rows of cells made of what CSV and the cell encodings give meaning to.
fn csv_text() -> impl Strategy<Value = String> {
    let cell = "[a-z0-9 ,;\"\\\\\n\r.{}\\[\\]-]{0,6}";
    prop::collection::vec(prop::collection::vec(cell, 1..6), 0..5).prop_map(|rows| {
        rows.iter()
            .map(|cells| cells.join(","))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "[a-zA-Z0-9 \\-/~\"\\\\]{0,10}".prop_map(Value::String),
        prop::sample::select(vec![
            "ESL 3",
            "any",
            "education",
            "employment",
            "integrated",
            "pathways/1",
            "esl",
            "nac"
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "format",
                    "pathway",
                    "stages",
                    "transitions",
                    "id",
                    "title",
                    "sector",
                    "kind",
                    "level",
                    "entry",
                    "from",
                    "to",
                    "mode",
                    "weeks",
                    "wage",
                    "source",
                    "sources",
                    "x",
                ]),
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(
                m.into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect::<Map<_, _>>()
            )),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        run("bytes.json", bytes);
    }

    #[test]
    fn mangled_good_files_never_panic(cut in 0..GOOD.len(), at in 0..GOOD.len(), insert in "[\\[\\]{}\",:0-9a-z\\\\ ]{0,3}") {
        let mut text = GOOD.as_bytes().to_vec();
        text.truncate(cut.max(at));
        let at = at.min(text.len());
        text.splice(at..at, insert.bytes());
        run("mangled.json", text);
    }

    #[test]
    fn arbitrary_json_values_never_panic(value in json_value()) {
        run("value.json", value.to_string().into_bytes());
    }

    #[test]
    fn arbitrary_values_in_every_field_never_panic(
        path in prop::sample::select(vec![
            "/pathway", "/pathway/id", "/pathway/sources", "/pathway/sources/0/year", "/stages", "/stages/0",
            "/stages/0/level", "/stages/0/entry", "/stages/0/entry/0", "/stages/1/kind", "/stages/2/wage",
            "/stages/2/wage/year", "/transitions", "/transitions/0", "/transitions/0/mode", "/transitions/1/to",
            "/transitions/1/weeks", "/format",
        ]),
        value in json_value(),
    ) {
        let mut doc: Value = serde_json::from_str(GOOD).expect("GOOD parses");
        if let Some(slot) = doc.pointer_mut(path) {
            *slot = value;
        }
        run("field.json", doc.to_string().into_bytes());
    }

    #[test]
    fn arbitrary_bytes_in_csv_files_never_panic(
        stages in prop::collection::vec(any::<u8>(), 0..512),
        transitions in prop::collection::vec(any::<u8>(), 0..128),
    ) {
        run_csv(stages, transitions);
    }

    #[test]
    fn arbitrary_csv_rows_never_panic(rows in csv_text(), header in any::<bool>()) {
        // With the good header, the rows reach the loader's checks of each cell.
        let stages = if header { format!("{}{rows}", &CSV_STAGES[..CSV_STAGES.find('\n').unwrap_or(0) + 1]) } else { rows };
        run_csv(stages.into_bytes(), CSV_TRANSITIONS.as_bytes().to_vec());
    }

    #[test]
    fn mangled_good_csv_never_panics(cut in 0..CSV_STAGES.len(), at in 0..CSV_STAGES.len(), insert in "[,;\"\n\\\\a-z0-9 ]{0,3}") {
        let mut text = CSV_STAGES.as_bytes().to_vec();
        text.truncate(cut.max(at));
        let at = at.min(text.len());
        text.splice(at..at, insert.bytes());
        run_csv(text, CSV_TRANSITIONS.as_bytes().to_vec());
    }
}
