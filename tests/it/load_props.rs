//! Property tests: whatever bytes, JSON or CSV the loader is fed, it answers with data or with
//! located messages, and never panics. `PATHWAYS_LONG_TESTS=1` runs many more cases.

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

const CSV_STAGES: &str = "id,title,kind,level,entry,weeks,wage.median_annual_usd,wage.year,wage.source,explain.long-stretch\n\
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

/// The JSON Schemas in `assets/` against the loaders (issue 18, item 8): generated documents,
/// valid and then broken one change at a time, are accepted by the schema exactly when the loader
/// accepts them. The rules a schema cannot state are named in `broken_rules` and listed in the
/// README ("Where the schema and the loader differ"); a case that breaks one only asks the loader
/// to refuse it.
mod schemas {
    use std::sync::LazyLock;

    use pathways::domain::audit::{Code, Severity, Subject};
    use pathways::domain::learner::Learner;
    use pathways::domain::level::SkillLevel;
    use pathways::domain::load::{Input, Origin, load};
    use pathways::domain::model::normal_id;
    use proptest::prelude::*;
    use serde_json::{Map, Value, json};
    use unicode_normalization::UnicodeNormalization;

    static PATHWAY_SCHEMA: LazyLock<Value> =
        LazyLock::new(|| schema(include_str!("../../assets/pathways-1.schema.json")));
    static LEVELS_SCHEMA: LazyLock<Value> =
        LazyLock::new(|| schema(include_str!("../../assets/pathways-levels-1.schema.json")));
    static LEARNER_SCHEMA: LazyLock<Value> =
        LazyLock::new(|| schema(include_str!("../../assets/pathways-learner-1.schema.json")));
    static VALIDATORS: LazyLock<[jsonschema::Validator; 3]> = LazyLock::new(|| {
        [&*PATHWAY_SCHEMA, &*LEVELS_SCHEMA, &*LEARNER_SCHEMA]
            .map(|s| jsonschema::validator_for(s).expect("the schema compiles"))
    });

    fn schema(text: &str) -> Value {
        serde_json::from_str(text).expect("the schema is JSON")
    }

    /// The three file formats, each with its schema and its loader.
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Format {
        Pathway,
        Levels,
        Learner,
    }

    impl Format {
        fn validator(self) -> &'static jsonschema::Validator {
            &VALIDATORS[self as usize]
        }

        fn schema_accepts(self, doc: &Value) -> bool {
            self.validator().is_valid(doc)
        }

        /// Whether the loader accepts the document: `load` gives data (a pathway or a test table),
        /// `Learner::read` a learner. Audit findings are not refusals: an unknown field's warning
        /// or a dead end is what `check` says of data that loaded.
        fn loader_accepts(self, doc: &Value) -> bool {
            self.loader_errors(doc).is_none()
        }

        fn loader_errors(self, doc: &Value) -> Option<String> {
            let bytes = doc.to_string().into_bytes();
            let result = match self {
                Format::Learner => Learner::read("doc.json", &bytes).map(|_| ()),
                _ => load(&[Input {
                    name: "doc.json".into(),
                    bytes,
                    origin: Origin::User,
                }])
                .map(|_| ()),
            };
            result.err().map(|e| e.to_string())
        }

        fn schema_errors(self, doc: &Value) -> String {
            let errors: Vec<String> = self
                .validator()
                .iter_errors(doc)
                .take(5)
                .map(|e| format!("{}: {e}", e.instance_path()))
                .collect();
            errors.join("\n")
        }

        fn valid(self, r: &mut Rng) -> Value {
            match self {
                Format::Pathway => pathway_doc(r),
                Format::Levels => levels_doc(r),
                Format::Learner => learner_doc(r),
            }
        }
    }

    /// SplitMix64: a case is its seed, and every choice in it is drawn from that.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn chance(&mut self, percent: u64) -> bool {
            self.next() % 100 < percent
        }

        fn pick<T: Clone>(&mut self, items: &[T]) -> T {
            items[self.below(items.len())].clone()
        }
    }

    /// Puts `value` in `object` under `key`, some of the time: optional fields come and go.
    fn maybe(r: &mut Rng, object: &mut Value, key: &str, value: Value) {
        if r.chance(60) {
            object[key] = value;
        }
    }

    /// The finding codes an `explain` on `subject` may name: found there, not errors, not
    /// `unsourced-figure`.
    fn explainable(subject: Subject) -> Vec<&'static str> {
        Code::ALL
            .into_iter()
            .filter(|c| c.severity() != Severity::Error && *c != Code::UnsourcedFigure)
            .filter(|c| c.found_on().contains(&subject))
            .map(Code::as_str)
            .collect()
    }

    fn explain(r: &mut Rng, subject: Subject) -> Value {
        let codes = explainable(subject);
        let mut map = Map::new();
        for _ in 0..1 + r.below(2) {
            map.insert(r.pick(&codes).to_string(), json!("Deliberate, and why."));
        }
        Value::Object(map)
    }

    /// Stage ids: one is not ASCII, so its decomposed spelling (NFD) is the same id written otherwise.
    const STAGE_IDS: [&str; 4] = ["f-esl-3", "caf\u{e9}-prep", "hc-nac", "hc-nac-job"];
    const KINDS: [&str; 4] = ["education", "training", "work-based", "employment"];
    const ENTRIES: [&str; 9] = [
        "ESL 3",
        "ESL 3-3",
        "ABE 2",
        "HSE",
        "any",
        "abe 4-6",
        "esl2",
        "High Beginning ESL",
        "GED",
    ];

    /// A valid `pathways/1` document: 2 to 4 stages in a chain, with the optional fields of each
    /// object coming and going, its sources and conditions declared in the file.
    fn pathway_doc(r: &mut Rng) -> Value {
        let sources: Vec<String> = (0..1 + r.below(2)).map(|i| format!("src-{i}")).collect();
        let conditions: Vec<String> = ["hse", "age-18"][..1 + r.below(2)]
            .iter()
            .map(|c| c.to_string())
            .collect();
        let mut pathway = json!({"id": "hc", "title": "Healthcare", "sector": "Healthcare"});
        let declared: Vec<Value> = sources.iter().map(|id| source(r, id)).collect();
        pathway["sources"] = json!(declared);
        let declared: Vec<Value> = conditions
            .iter()
            .enumerate()
            .map(|(i, id)| condition(r, i, id, &conditions))
            .collect();
        maybe(r, &mut pathway, "conditions", json!(declared));
        let conditions = if pathway.get("conditions").is_some() {
            conditions
        } else {
            Vec::new()
        };
        maybe(r, &mut pathway, "region", json!("Washington State"));
        maybe(
            r,
            &mut pathway,
            "explain",
            json!({"no-low-on-ramp": "The foundations file has them."}),
        );
        maybe(r, &mut pathway, "note", json!("Kept aside."));
        maybe(r, &mut pathway, "x-owner", json!({"college": "SCC"}));
        let n = 2 + r.below(3);
        let stages: Vec<Value> = (0..n).map(|i| stage(r, i, &sources, &conditions)).collect();
        let transitions: Vec<Value> = (1..n).map(|i| transition(r, i, &sources)).collect();
        let mut doc = json!({"format": "pathways/1", "pathway": pathway, "stages": stages});
        // A file may give no transitions, or no `transitions` at all: they may live in another file.
        match r.below(10) {
            0 => {}
            1 => doc["transitions"] = json!([]),
            _ => doc["transitions"] = json!(transitions),
        }
        maybe(r, &mut doc, "x-generated-by", json!("a test"));
        doc
    }

    fn source(r: &mut Rng, id: &str) -> Value {
        let mut s = json!({"id": id, "title": format!("Source {id}")});
        let year = json!(2000 + r.below(26));
        maybe(r, &mut s, "year", year);
        maybe(r, &mut s, "url", json!("https://example.org/program"));
        maybe(r, &mut s, "publisher", json!("A college"));
        s
    }

    fn condition(r: &mut Rng, i: usize, id: &str, all: &[String]) -> Value {
        let mut c = json!({"id": id, "title": format!("Condition {id}")});
        maybe(r, &mut c, "description", json!("Held by some learners."));
        if i > 0 {
            maybe(r, &mut c, "implies", json!([all[0]]));
        }
        c
    }

    fn stage(r: &mut Rng, i: usize, sources: &[String], conditions: &[String]) -> Value {
        let mut s = json!({"id": STAGE_IDS[i], "title": format!("Stage {i}"), "kind": r.pick(&KINDS), "level": r.below(10)});
        let entry: Vec<&str> = (0..r.below(3)).map(|_| r.pick(&ENTRIES)).collect();
        maybe(r, &mut s, "entry", json!(entry));
        let weeks = r.below(200) as f64 + if r.chance(30) { 0.5 } else { 0.0 };
        maybe(r, &mut s, "weeks", json!(weeks));
        if s.get("weeks").is_some() {
            maybe(
                r,
                &mut s,
                "weeks_range",
                json!([(weeks / 2.0).floor(), weeks * 2.0]),
            );
        }
        let hours = json!(r.below(3000));
        maybe(r, &mut s, "hours", hours);
        let cost_usd = json!(r.below(20_000));
        maybe(r, &mut s, "cost_usd", cost_usd);
        let cites = json!([r.pick(sources)]);
        maybe(r, &mut s, "sources", cites);
        let (median, year, cited) = (20_000 + r.below(80_000), 1990 + r.below(40), r.pick(sources));
        let wage = json!({"median_annual_usd": median, "year": year, "source": cited});
        maybe(r, &mut s, "wage", wage);
        let soc = json!(r.pick(&["31-1131", "311131", "25-2011.00"]));
        maybe(r, &mut s, "soc", soc);
        maybe(
            r,
            &mut s,
            "credential",
            json!("Nursing Assistant Certified (NA-C)"),
        );
        maybe(r, &mut s, "description", json!("A program."));
        maybe(r, &mut s, "services", json!(["navigator", "childcare referral"]));
        maybe(r, &mut s, "tags", json!(["health"]));
        maybe(r, &mut s, "note", json!("Weeks derived from quarters."));
        maybe(r, &mut s, "url", json!("https://example.org/p"));
        maybe(r, &mut s, "contact", json!("Advising, 555-0100"));
        if !conditions.is_empty() {
            let requires = json!([r.pick(conditions)]);
            maybe(r, &mut s, "requires", requires);
            let awards = json!([r.pick(conditions)]);
            maybe(r, &mut s, "awards", awards);
        }
        maybe(r, &mut s, "names", json!({"es": "Etapa"}));
        let why = explain(r, Subject::Stage);
        maybe(r, &mut s, "explain", why);
        maybe(r, &mut s, "x-room", json!(12));
        s
    }

    fn transition(r: &mut Rng, i: usize, sources: &[String]) -> Value {
        let mode = r.pick(&["integrated", "sequential"]);
        let mut t = json!({"from": STAGE_IDS[i - 1], "to": STAGE_IDS[i], "mode": mode});
        let weeks = json!(r.below(20));
        maybe(r, &mut t, "weeks", weeks);
        let cost_usd = json!(r.below(500) as f64 + 0.25);
        maybe(r, &mut t, "cost_usd", cost_usd);
        maybe(r, &mut t, "note", json!("Advising between the two."));
        let cites = json!([r.pick(sources)]);
        maybe(r, &mut t, "sources", cites);
        let why = explain(r, Subject::Transition);
        maybe(r, &mut t, "explain", why);
        maybe(r, &mut t, "x-checked", json!(true));
        t
    }

    /// A level as a table or a learner may spell it.
    fn level_spelling(r: &mut Rng, esl: bool, n: u8) -> String {
        let level = if esl {
            SkillLevel::Esl(n)
        } else {
            SkillLevel::Abe(n)
        };
        let scale = if esl { "ESL" } else { "ABE" };
        match r.below(4) {
            0 => level.to_string(),
            1 => format!("{}{n}", scale.to_lowercase()),
            2 => format!("{scale} level {n}"),
            _ => level.nrs_name().to_string(),
        }
    }

    /// A valid `pathways-levels/1` table: one or two subjects of contiguous bands.
    fn levels_doc(r: &mut Rng) -> Value {
        let esl = r.chance(50);
        let mut subjects = Map::new();
        for name in ["reading", "math"][..1 + r.below(2)].iter() {
            let count = 1 + r.below(6);
            let first = 1 + r.below(7 - count);
            let mut min = 100 + r.below(100);
            let mut bands = Vec::new();
            for k in 0..count {
                let max = min + r.below(30);
                let level = level_spelling(r, esl, (first + k) as u8);
                let mut band = json!({"level": level, "min": min, "max": max});
                if k == 0 && r.chance(30) {
                    band.as_object_mut().expect("object").remove("min");
                }
                if k + 1 == count && r.chance(30) {
                    band.as_object_mut().expect("object").remove("max");
                }
                bands.push(band);
                min = max + 1;
            }
            subjects.insert(name.to_string(), json!(bands));
        }
        let mut source = json!({"title": "NRS Technical Assistance Guide", "year": 2014});
        maybe(r, &mut source, "publisher", json!("U.S. Department of Education"));
        maybe(r, &mut source, "url", json!("https://example.org/nrs"));
        let mut doc = json!({
            "format": "pathways-levels/1", "test": r.pick(&["casas-esl", "my-test", "TABE 11"]),
            "title": "A test", "scale": if esl { "ESL" } else { "ABE" }, "source": source,
            "subjects": subjects,
        });
        maybe(r, &mut doc, "effective", json!("From July 2026"));
        maybe(r, &mut doc, "x-note", json!("Ours."));
        doc
    }

    /// A valid `pathways-learner/1` document.
    fn learner_doc(r: &mut Rng) -> Value {
        let mut doc = json!({"format": "pathways-learner/1"});
        maybe(r, &mut doc, "name", json!("Ana"));
        let level = level_spelling(r, true, 3);
        maybe(r, &mut doc, "levels", json!([level, "HSE"]));
        maybe(
            r,
            &mut doc,
            "scores",
            json!(["casas-esl reading 195", "tabe 11 math 540"]),
        );
        maybe(r, &mut doc, "at", json!("f-esl-3"));
        maybe(r, &mut doc, "holds", json!(["hse", "drivers-license"]));
        let mut limits = json!({});
        let earn = json!(r.chance(50));
        maybe(r, &mut limits, "earn", earn);
        maybe(r, &mut limits, "max_weeks", json!(80));
        maybe(r, &mut limits, "max_cost", json!(2500.5));
        let integrated_only = json!(r.chance(50));
        maybe(r, &mut limits, "integrated_only", integrated_only);
        maybe(r, &mut limits, "avoid", json!(["f-ielce"]));
        maybe(r, &mut limits, "x-why", json!("Works nights."));
        maybe(r, &mut doc, "limits", limits);
        maybe(r, &mut doc, "goal", json!("hc-rn-job"));
        maybe(r, &mut doc, "area", json!("Seattle"));
        let lang = json!(r.pick(&["en", "es"]));
        maybe(r, &mut doc, "lang", lang);
        maybe(r, &mut doc, "notes", json!("Needs child care."));
        maybe(r, &mut doc, "x-case", json!(17));
        doc
    }

    /// Where one change goes: a member of an object (its pointer and key), an item of an array (the
    /// array's pointer, the index and the array's key), or a new member or item.
    enum Place {
        Member(String, String),
        Item(String, usize, String),
        NewMember(String),
        NewItem(String, String),
    }

    fn places(v: &Value, pointer: &str, key: &str, out: &mut Vec<Place>) {
        match v {
            Value::Object(map) => {
                out.push(Place::NewMember(pointer.to_string()));
                for (k, child) in map {
                    out.push(Place::Member(pointer.to_string(), k.clone()));
                    let escaped = k.replace('~', "~0").replace('/', "~1");
                    places(child, &format!("{pointer}/{escaped}"), k, out);
                }
            }
            Value::Array(items) => {
                out.push(Place::NewItem(pointer.to_string(), key.to_string()));
                for (i, child) in items.iter().enumerate() {
                    out.push(Place::Item(pointer.to_string(), i, key.to_string()));
                    places(child, &format!("{pointer}/{i}"), key, out);
                }
            }
            _ => {}
        }
    }

    /// Whether the place holds a level spelling or a score, whose grammars are the schema's longest.
    fn is_spelt(place: &Place) -> bool {
        let key = match place {
            Place::Member(_, key) | Place::Item(_, _, key) | Place::NewItem(_, key) => key,
            Place::NewMember(_) => return false,
        };
        matches!(key.as_str(), "entry" | "levels" | "level" | "scores")
    }

    /// Every member name the formats define, some near misses and extensions: what a new member is
    /// called.
    const FIELD_NAMES: [&str; 66] = [
        "id",
        "title",
        "kind",
        "level",
        "entry",
        "credential",
        "weeks",
        "weeks_range",
        "hours",
        "cost_usd",
        "wage",
        "soc",
        "description",
        "services",
        "tags",
        "sources",
        "note",
        "requires",
        "awards",
        "url",
        "contact",
        "names",
        "explain",
        "from",
        "to",
        "mode",
        "sector",
        "region",
        "conditions",
        "implies",
        "year",
        "publisher",
        "median_annual_usd",
        "source",
        "format",
        "pathway",
        "stages",
        "transitions",
        "test",
        "scale",
        "effective",
        "subjects",
        "min",
        "max",
        "name",
        "levels",
        "scores",
        "at",
        "holds",
        "limits",
        "earn",
        "max_weeks",
        "max_cost",
        "integrated_only",
        "avoid",
        "goal",
        "area",
        "lang",
        "notes",
        "entries",
        "cost",
        "hold",
        "x-note",
        "X-note",
        "reading",
        "",
    ];

    /// Members whose strings name something else in the file (or in the loaded data).
    const REFERENCES: [&str; 12] = [
        "id", "from", "to", "source", "sources", "requires", "awards", "implies", "holds", "avoid", "at",
        "goal",
    ];

    /// Applies one change, drawn from `r`, and says what it was.
    fn mutate(doc: &mut Value, format: Format, r: &mut Rng) -> String {
        let mut all = Vec::new();
        places(doc, "", "", &mut all);
        let strings = referenced_strings(doc);
        // The spelling grammars are few places among many: a third of the changes go there.
        let spelt: Vec<usize> = (0..all.len()).filter(|&i| is_spelt(&all[i])).collect();
        let at = if !spelt.is_empty() && r.chance(33) {
            r.pick(&spelt)
        } else {
            r.below(all.len())
        };
        let place = all.swap_remove(at);
        match place {
            Place::Member(at, key) => {
                let parent = doc
                    .pointer_mut(&at)
                    .and_then(Value::as_object_mut)
                    .expect("an object");
                if r.chance(30) {
                    parent.remove(&key);
                    return format!("removed {at}/{key}");
                }
                let value = candidate(r, &key, parent.get(&key), &strings);
                let said = format!("set {at}/{key} to {value}");
                parent.insert(key, value);
                said
            }
            Place::Item(at, i, key) => {
                let items = doc
                    .pointer_mut(&at)
                    .and_then(Value::as_array_mut)
                    .expect("an array");
                if r.chance(25) {
                    items.remove(i);
                    return format!("removed {at}/{i}");
                }
                if r.chance(15) {
                    let copy = items[i].clone();
                    items.insert(i, copy);
                    return format!("gave {at}/{i} twice");
                }
                let value = candidate(r, &key, items.get(i), &strings);
                let said = format!("set {at}/{i} to {value}");
                items[i] = value;
                said
            }
            Place::NewMember(at) => {
                let codes = Code::ALL.map(Code::as_str);
                let key = if at.ends_with("/explain") && r.chance(70) {
                    r.pick(&codes).to_string()
                } else {
                    r.pick(&FIELD_NAMES).to_string()
                };
                // A table's `stages` and `transitions` are read as a pathway file's: listed, not generated.
                if format == Format::Levels && at.is_empty() && (key == "stages" || key == "transitions") {
                    return "nothing".to_string();
                }
                let value = candidate(r, &key, None, &strings);
                let said = format!("added {at}/{key}: {value}");
                let parent = doc
                    .pointer_mut(&at)
                    .and_then(Value::as_object_mut)
                    .expect("an object");
                parent.insert(key, value);
                said
            }
            Place::NewItem(at, key) => {
                let items = doc
                    .pointer_mut(&at)
                    .and_then(Value::as_array_mut)
                    .expect("an array");
                let value = candidate(r, &key, items.first(), &strings);
                let said = format!("appended {value} to {at}");
                items.push(value);
                said
            }
        }
    }

    /// The strings of the document that name something (ids, references), so that a change can
    /// make an id twice, a reference dangle or a transition loop onto its stage.
    fn referenced_strings(doc: &Value) -> Vec<String> {
        let mut out = Vec::new();
        walk(doc, "", &mut |key, v| {
            if REFERENCES.contains(&key)
                && let Some(s) = v.as_str()
            {
                out.push(s.to_string());
                out.push(s.nfd().collect());
            }
        });
        out
    }

    /// Calls `each` with every value below `v` and the key it is under (an item: its array's key).
    fn walk(v: &Value, key: &str, each: &mut dyn FnMut(&str, &Value)) {
        each(key, v);
        match v {
            Value::Object(map) => map.iter().for_each(|(k, child)| walk(child, k, each)),
            Value::Array(items) => items.iter().for_each(|child| walk(child, key, each)),
            _ => {}
        }
    }

    /// A new value for a member `key` whose value was `current`: sometimes one that fits the
    /// member (a level spelling for an entry, a finding code, a bound and its neighbour), sometimes
    /// a change of the value there, sometimes anything.
    fn candidate(r: &mut Rng, key: &str, current: Option<&Value>, strings: &[String]) -> Value {
        // A reference most often names another thing of the file: ids twice, loops, dangling ends.
        if REFERENCES.contains(&key) && !strings.is_empty() && r.chance(50) {
            return json!(r.pick(strings));
        }
        match r.below(10) {
            0..6 => {
                let fitting = fitting(r, key);
                if !fitting.is_empty() {
                    return r.pick(&fitting);
                }
                r.pick(&anything())
            }
            6..8 => match current {
                Some(v) => r.pick(&changed(v)),
                None => r.pick(&anything()),
            },
            8 if !strings.is_empty() => json!(r.pick(strings)),
            _ => r.pick(&anything()),
        }
    }

    fn anything() -> Vec<Value> {
        vec![
            Value::Null,
            json!(true),
            json!(0),
            json!(-1),
            json!(2.5),
            json!(2.0),
            json!(-0.0),
            json!(1e308),
            json!(u64::MAX),
            json!(""),
            json!(" "),
            json!("\u{85}"),
            json!("\u{feff}"),
            json!("\u{a0}x"),
            json!("x"),
            json!([]),
            json!({}),
            json!(["x"]),
            json!([null]),
            json!([""]),
            json!({"x-a": 1}),
            json!([3, 1]),
        ]
    }

    /// Variations on a value: the bounds of numbers and of lengths, blank and unsafe characters,
    /// the same id written in another normal form, a list emptied or given twice over.
    fn changed(v: &Value) -> Vec<Value> {
        match v {
            Value::Number(n) => {
                let x = n.as_f64().unwrap_or(0.0);
                let mut out = vec![
                    json!(x * 2.0),
                    json!(x + 0.5),
                    json!(-x),
                    json!(x + 1.0),
                    json!(x - 1.0),
                    json!(x),
                ];
                out.extend(
                    [9, 10, 1899, 1900, 2100, 2101, 10_000, 10_001, 100_000, 100_001].map(|b| json!(b)),
                );
                out.extend([10_000.5, 1e7, 1e7 + 1.0, 9.0, 1e20].map(|b| json!(b)));
                out
            }
            Value::String(s) => vec![
                json!(s.to_uppercase()),
                json!(format!("{s}\n")),
                json!(format!("\u{202e}{s}")),
                json!(format!(" {s} ")),
                json!(s.nfd().collect::<String>()),
                json!(format!("{s}\u{200b}")),
                json!(format!("{s}x")),
                json!(s.chars().rev().collect::<String>()),
                json!("i".repeat(200)),
                json!("i".repeat(201)),
                json!("\u{e9}".repeat(300)),
                json!("\u{e9}".repeat(301)),
                json!("e\u{301}".repeat(150)),
                json!("e\u{301}".repeat(151)),
                json!(s.replace(' ', "")),
            ],
            Value::Array(items) => {
                let twice: Vec<Value> = items.iter().chain(items).cloned().collect();
                let mut more = items.clone();
                more.push(json!(" "));
                vec![
                    json!([]),
                    json!(twice),
                    json!(more),
                    json!(items.iter().rev().collect::<Vec<_>>()),
                ]
            }
            Value::Object(_) => vec![json!({}), Value::Null, json!([v])],
            _ => anything(),
        }
    }

    /// Values made for the member `key`: level spellings, codes, enum neighbours, formats, scores.
    fn fitting(r: &mut Rng, key: &str) -> Vec<Value> {
        let words: Vec<String> = match key {
            "entry" | "levels" | "level" => (0..4).map(|_| spelling(r)).collect(),
            "kind" => [
                "education",
                "training",
                "work-based",
                "employment",
                "job",
                "Education",
            ]
            .map(String::from)
            .to_vec(),
            "mode" => ["integrated", "sequential", "parallel", "Integrated"]
                .map(String::from)
                .to_vec(),
            "format" => [
                "pathways/1",
                "pathways-levels/1",
                "pathways-learner/1",
                "pathways/2",
                "pathways/1 ",
            ]
            .map(String::from)
            .to_vec(),
            "lang" => ["en", "es", "fr", "EN"].map(String::from).to_vec(),
            "scale" => ["ESL", "ABE", "esl", "HSE"].map(String::from).to_vec(),
            "soc" => ["31-1131", "311131", "25-2011.00", "banana"]
                .map(String::from)
                .to_vec(),
            "scores" => [
                "tabe11 reading 540",
                "reading 540",
                "casas esl reading 195",
                "tabe11 reading -4",
                "tabe11 reading 5.5",
                "tabe11 reading +540",
                "x y 4294967295",
                "x y 4294967296",
                "x \u{a0}y\u{2003}007 ",
                "x y z",
                "x y 04294967295",
                "x\ty 1e3",
            ]
            .map(String::from)
            .to_vec(),
            _ => Vec::new(),
        };
        let mut out: Vec<Value> = words.iter().map(|w| json!(w)).collect();
        if matches!(key, "entry" | "levels") {
            out.push(json!(words));
        }
        if key == "explain" {
            let codes = Code::ALL.map(Code::as_str);
            out.push(json!({ r.pick(&codes): "why" }));
            out.push(json!({"level-jupm": "why"}));
            out.push(json!({"cycle": " "}));
        }
        out
    }

    /// A skill level or entry token as a person may type it, right or wrong: a word of the
    /// loader's grammar or one beside it, in any case, with noise between its characters.
    fn spelling(r: &mut Rng) -> String {
        let prefix = |r: &mut Rng| {
            let scale = r.pick(&["esl", "ell", "abe", "ase", "hse", "es", "abes"]);
            let word = if r.chance(25) { "level" } else { "" };
            let zero = if r.chance(10) { "0" } else { "" };
            format!("{scale}{word}{zero}")
        };
        let level = |r: &mut Rng| {
            let digit = r.pick(&["1", "2", "3", "5", "6", "0", "7", "03", "06", "10"]);
            format!("{}{digit}", prefix(r))
        };
        let word = match r.below(6) {
            0 | 1 => level(r),
            2 => {
                let n = 1 + r.below(6) as u8;
                let named = [SkillLevel::Esl(n).nrs_name(), SkillLevel::Abe(n).nrs_name()];
                let other = [
                    "HSE",
                    "GED",
                    "HiSET",
                    "HSD",
                    "high school",
                    "high school diploma",
                    "high school equivalency",
                    "high school diploma or equivalency",
                    "high schools",
                    "diploma",
                    "any",
                    "anything",
                    "Beginning ESL",
                ];
                if r.chance(40) {
                    r.pick(&named)
                } else {
                    r.pick(&other)
                }
                .to_string()
            }
            _ => {
                // The top of a band about its bottom, where the rules are: below, equal, above, past 6.
                let low = if r.chance(80) {
                    1 + r.below(6)
                } else {
                    r.pick(&[0, 7])
                };
                let high = r.pick(&[low.saturating_sub(1), low, low + 1, 6, 7]);
                let sep = r.pick(&["-", "-", "\u{2013}", " - ", "\u{2014}", "--"]);
                let zeros = if r.chance(15) { "00" } else { "" };
                format!("{}{low}{sep}{zeros}{high}", prefix(r))
            }
        };
        spell(r, &word)
    }

    /// `word` with its letters in either case and, now and then, noise between its characters.
    fn spell(r: &mut Rng, word: &str) -> String {
        const NOISE: [&str; 12] = [
            " ", "  ", "-", ".", "_", "\t", "\u{e9}", "\u{2013}", "\u{a0}", "/", "\u{85}", "\u{2003}",
        ];
        let mut out = String::new();
        if r.chance(10) {
            out.push_str(r.pick(&NOISE));
        }
        for c in word.chars() {
            out.push(if r.chance(50) { c.to_ascii_uppercase() } else { c });
            if r.chance(20) {
                out.push_str(r.pick(&NOISE));
            }
        }
        out
    }

    // The rules the loader checks and a schema cannot state: each is a line of the README's
    // "Where the schema and the loader differ".
    const UNIQUE_IDS: &str = "ids unique (stages, sources, conditions; compared in NFC)";
    const STAGES_DEFINED: &str = "transition ends name a stage of the loaded files";
    const NO_SELF_LOOP: &str = "no transition from a stage to itself";
    const SOURCES_DECLARED: &str = "cited sources declared in the file's pathway.sources";
    const CONDITIONS_DECLARED: &str = "conditions declared in some loaded file";
    const RANGE_IN_ORDER: &str = "weeks_range in order, the typical weeks inside it";
    const BANDS_IN_ORDER: &str = "level bands rising, contiguous, min <= max";

    /// The loader's rules beyond the schema that `doc` breaks.
    fn broken_rules(format: Format, doc: &Value) -> Vec<&'static str> {
        let mut broken = match format {
            Format::Pathway => pathway_rules(doc),
            Format::Levels => band_rules(doc),
            // `Learner::read` checks nothing a schema cannot; the loaded data checks the rest.
            Format::Learner => Vec::new(),
        };
        broken.dedup();
        broken
    }

    fn items<'a>(doc: &'a Value, pointer: &str) -> &'a [Value] {
        doc.pointer(pointer)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }

    fn normal(v: &Value) -> Option<String> {
        v.as_str().map(|s| normal_id(s.to_string()))
    }

    /// The NFC ids of the objects at `pointer`.
    fn ids(doc: &Value, pointer: &str) -> Vec<String> {
        items(doc, pointer)
            .iter()
            .filter_map(|x| normal(x.get("id")?))
            .collect()
    }

    fn has_duplicates(ids: &[String]) -> bool {
        let mut seen = std::collections::HashSet::new();
        !ids.iter().all(|id| seen.insert(id))
    }

    /// The NFC strings of `object`'s list `key`, and of its string `key`.
    fn named(object: &Value, key: &str) -> Vec<String> {
        match object.get(key) {
            Some(Value::Array(list)) => list.iter().filter_map(normal).collect(),
            Some(v) => normal(v).into_iter().collect(),
            None => Vec::new(),
        }
    }

    fn pathway_rules(doc: &Value) -> Vec<&'static str> {
        let (stages, sources, conditions) = (
            ids(doc, "/stages"),
            ids(doc, "/pathway/sources"),
            ids(doc, "/pathway/conditions"),
        );
        let mut broken = Vec::new();
        if has_duplicates(&stages) || has_duplicates(&sources) || has_duplicates(&conditions) {
            broken.push(UNIQUE_IDS);
        }
        let (stage_list, transitions) = (items(doc, "/stages"), items(doc, "/transitions"));
        for t in transitions {
            let ends: Vec<String> = ["from", "to"].iter().filter_map(|k| normal(t.get(*k)?)).collect();
            if ends.iter().any(|e| !stages.contains(e)) {
                broken.push(STAGES_DEFINED);
            }
            if ends.len() == 2 && ends[0] == ends[1] {
                broken.push(NO_SELF_LOOP);
            }
        }
        let cited = stage_list
            .iter()
            .chain(transitions)
            .flat_map(|x| named(x, "sources"));
        let wages = stage_list
            .iter()
            .filter_map(|s| s.get("wage"))
            .flat_map(|w| named(w, "source"));
        if cited.chain(wages).any(|id| !sources.contains(&id)) {
            broken.push(SOURCES_DECLARED);
        }
        let needed = stage_list
            .iter()
            .flat_map(|s| [named(s, "requires"), named(s, "awards")].concat());
        let implied = items(doc, "/pathway/conditions")
            .iter()
            .flat_map(|c| named(c, "implies"));
        if needed.chain(implied).any(|id| !conditions.contains(&id)) {
            broken.push(CONDITIONS_DECLARED);
        }
        for s in stage_list {
            let range: Option<Vec<f64>> = s
                .get("weeks_range")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_f64).collect());
            if let Some([lo, hi]) = range.as_deref() {
                let weeks = s.get("weeks").and_then(Value::as_f64);
                if lo > hi || weeks.is_some_and(|w| w < *lo || w > *hi) {
                    broken.push(RANGE_IN_ORDER);
                }
            }
        }
        broken
    }

    fn band_rules(doc: &Value) -> Vec<&'static str> {
        let Some(subjects) = doc.get("subjects").and_then(Value::as_object) else {
            return Vec::new();
        };
        let number = |row: &Value, key: &str| row.get(key).and_then(Value::as_f64);
        for rows in subjects.values().filter_map(Value::as_array) {
            // (level, min, max) of the rows whose level the loader reads.
            let bands: Vec<(SkillLevel, Option<f64>, Option<f64>)> = rows
                .iter()
                .filter_map(|row| {
                    let level = SkillLevel::parse(row.get("level")?.as_str()?).ok()?;
                    Some((level, number(row, "min"), number(row, "max")))
                })
                .collect();
            let inverted = bands
                .iter()
                .any(|(_, min, max)| matches!((min, max), (Some(lo), Some(hi)) if lo > hi));
            let apart = bands.windows(2).any(|pair| {
                let ((low, _, end), (high, start, _)) = (pair[0], pair[1]);
                high <= low || !matches!((end, start), (Some(e), Some(s)) if s == e + 1.0)
            });
            if inverted || apart {
                return vec![BANDS_IN_ORDER];
            }
        }
        Vec::new()
    }

    fn cases(default: u32) -> u32 {
        if std::env::var_os("PATHWAYS_LONG_TESTS").is_some() {
            default * 30
        } else {
            default
        }
    }

    /// One case: a valid document of `format`, one change, and the two verdicts.
    fn agree(format: Format, seed: u64) -> Result<(), TestCaseError> {
        let mut r = Rng(seed);
        let mut doc = format.valid(&mut r);
        let change = mutate(&mut doc, format, &mut r);
        let loader = format.loader_errors(&doc);
        let broken = broken_rules(format, &doc);
        if !broken.is_empty() {
            prop_assert!(
                loader.is_some(),
                "{change} breaks {broken:?}, yet the document loads:\n{doc}"
            );
            return Ok(());
        }
        let schema = format.schema_accepts(&doc);
        prop_assert!(
            schema == loader.is_none(),
            "after \"{change}\" the schema {} and the loader {} a {format:?} document\nschema: {}\nloader: {}\n{doc}",
            if schema { "accepts" } else { "refuses" },
            if loader.is_none() { "accepts" } else { "refuses" },
            format.schema_errors(&doc),
            loader.unwrap_or_default(),
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(200), ..ProptestConfig::default() })]

        /// The generator's documents are valid, or the cases below would test little.
        #[test]
        fn generated_documents_are_valid(seed in any::<u64>()) {
            for format in [Format::Pathway, Format::Levels, Format::Learner] {
                let doc = format.valid(&mut Rng(seed));
                prop_assert_eq!(format.loader_errors(&doc), None, "{}", doc);
                prop_assert!(format.schema_accepts(&doc), "{}\n{}", format.schema_errors(&doc), doc);
                prop_assert!(broken_rules(format, &doc).is_empty());
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(3000), ..ProptestConfig::default() })]

        #[test]
        fn the_pathway_schema_accepts_what_the_loader_accepts(seed in any::<u64>()) {
            agree(Format::Pathway, seed)?;
        }

        #[test]
        fn the_levels_schema_accepts_what_the_loader_accepts(seed in any::<u64>()) {
            agree(Format::Levels, seed)?;
        }

        #[test]
        fn the_learner_schema_accepts_what_the_reader_accepts(seed in any::<u64>()) {
            agree(Format::Learner, seed)?;
        }
    }

    // ---- Fixed cases ---------------------------------------------------------------------------

    const NOISE: &str = "[^A-Za-z0-9]*";

    /// A grammar over the loader's normalised text (lower-case ASCII letters and digits) spread
    /// over raw text: each letter in either case, and noise allowed after every character, since
    /// `SkillLevel::parse` ignores case and every character but ASCII letters and digits.
    fn spread(grammar: &str) -> String {
        let mut out = String::new();
        let mut rest = grammar;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix("(?:") {
                out.push_str("(?:");
                rest = after;
                continue;
            }
            if c == '[' {
                let end = rest.find(']').expect("a class ends") + 1;
                out.push_str(&rest[..end]);
                out.push_str(NOISE);
                rest = &rest[end..];
                continue;
            }
            match c {
                ')' | '|' | '?' => out.push(c),
                'a'..='z' => out.push_str(&format!("[{}{c}]{NOISE}", c.to_ascii_uppercase())),
                _ => out.push_str(&format!("{c}{NOISE}")),
            }
            rest = &rest[1..];
        }
        out
    }

    fn spread_whole(grammar: &str) -> String {
        format!("^{NOISE}(?:{})$", spread(grammar))
    }

    /// `SkillLevel::parse`'s grammar, normalised; the NRS names as `nrs_name` gives them.
    const ESL_GRAMMAR: &str = "(?:esl|ell)(?:level)?(?:0)?[1-6]|beginningeslliteracy|(?:low|high)(?:beginning|intermediate)esl|advancedesl";
    const ABE_GRAMMAR: &str = "abe(?:level)?(?:0)?[1-6]|ase(?:level)?(?:0)?[12]|beginning(?:abeliteracy|basiceducation)|(?:low|high)(?:intermediatebasic|adultsecondary)education";
    const HSE_GRAMMAR: &str = "hse|ged|hiset|hsd|highschool(?:diploma(?:orequivalency)?|equivalency)?";

    /// A band `ESL n-m` (`Entry::parse`), for text already of a band's shape: the low level,
    /// then a top no lower and at most 6.
    fn band_pattern() -> String {
        let tops = |pairs: &[(u8, u8)]| -> String {
            let alternatives: Vec<String> = pairs
                .iter()
                .map(|&(low, high)| {
                    if high < 6 {
                        format!("{low}[^0-9]*0*[{high}-6]")
                    } else {
                        format!("{low}[^0-9]*0*6")
                    }
                })
                .collect();
            alternatives.join("|")
        };
        let same: Vec<(u8, u8)> = (1..=6).map(|n| (n, n)).collect();
        format!(
            "^{NOISE}(?:{}(?:{})|{}(?:{}))[^0-9]*$",
            spread("(?:esl|ell|abe)(?:level)?(?:0)?"),
            tops(&same),
            spread("ase(?:level)?(?:0)?"),
            tops(&[(1, 5), (2, 6)])
        )
    }

    /// A regex class of the characters `pick` takes, as the schemas write it.
    fn class_of(pick: impl Fn(char) -> bool, named: bool) -> String {
        let chars: Vec<char> = (0..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|&c| pick(c))
            .collect();
        let escape = |c: char| match c {
            '\t' if named => "\\t".to_string(),
            '\n' if named => "\\n".to_string(),
            '\u{b}' if named => "\\v".to_string(),
            '\u{c}' if named => "\\f".to_string(),
            '\r' if named => "\\r".to_string(),
            ' ' if named => " ".to_string(),
            c => format!("\\u{:04x}", u32::from(c)),
        };
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let mut j = i;
            while j + 1 < chars.len() && u32::from(chars[j + 1]) == u32::from(chars[j]) + 1 {
                j += 1;
            }
            // A run of three or more is a range; named (ASCII) characters are listed one by one.
            if j - i >= 2 && !(named && chars[j].is_ascii()) {
                out.push_str(&format!("{}-{}", escape(chars[i]), escape(chars[j])));
            } else {
                chars[i..=j].iter().for_each(|&c| out.push_str(&escape(c)));
            }
            i = j + 1;
        }
        out
    }

    /// Every pattern of the three schemas is written from the loader's own definitions: white
    /// space as `str::trim` knows it, unsafe id characters as `sanitize::is_unsafe`, levels as
    /// `SkillLevel::parse` and bands as `Entry::parse` read them. When one changes, this test
    /// prints the pattern to paste (as JSON).
    #[test]
    fn the_schemas_patterns_are_written_from_the_loaders_definitions() {
        let white = format!("[{}]", class_of(char::is_whitespace, true));
        let shaped = format!("^[^\\-\u{2013}]*[0-9]{white}*[\\-\u{2013}]{white}*[0-9]+{white}*$");
        let expected = [
            ("/$defs/text/pattern", format!("[^{}", &white[1..])),
            (
                "/$defs/id/pattern",
                format!("^[^{}]*$", class_of(pathways::sanitize::is_unsafe, false)),
            ),
            ("/$defs/esl/pattern", spread_whole(ESL_GRAMMAR)),
            ("/$defs/abe/pattern", spread_whole(ABE_GRAMMAR)),
            ("/$defs/hse/pattern", spread_whole(HSE_GRAMMAR)),
            ("/$defs/any/pattern", spread_whole("any")),
            ("/$defs/entryToken/if/pattern", shaped),
            ("/$defs/entryToken/then/pattern", band_pattern()),
        ];
        let mut wrong = Vec::new();
        for (file, schema) in [
            ("pathways-1", &*PATHWAY_SCHEMA),
            ("pathways-levels-1", &*LEVELS_SCHEMA),
            ("pathways-learner-1", &*LEARNER_SCHEMA),
        ] {
            let mut found = 0;
            for (pointer, pattern) in &expected {
                if let Some(written) = schema.pointer(pointer) {
                    found += 1;
                    if written != pattern {
                        wrong.push(format!("{file} {pointer} should be {}", json!(pattern)));
                    }
                }
            }
            assert!(found >= 3, "{file}: its patterns moved");
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    fn one_stage(entry: &str) -> Value {
        json!({"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S"},
               "stages": [{"id": "a", "title": "A", "kind": "education", "level": 0, "entry": [entry]}]})
    }

    /// Every small spelling of a level and a band, tried as an on-ramp's entry and as a learner's
    /// level: the random cases seldom meet a band one level off or a zero out of place.
    #[test]
    fn every_small_spelling_gets_one_answer() {
        let mut tokens: Vec<String> = [
            "HSE",
            "g.e.d.",
            "HiSET",
            "High School Diploma",
            "high-school",
            "any",
            "A N Y",
            "anyone",
        ]
        .map(String::from)
        .to_vec();
        tokens.extend(
            (1..=6)
                .flat_map(|n| [SkillLevel::Esl(n).nrs_name(), SkillLevel::Abe(n).nrs_name()])
                .map(String::from),
        );
        for scale in ["ESL", "ell", "Abe", "ASE", "hse", "es"] {
            for word in ["", " level "] {
                for zero in ["", "0"] {
                    for low in ["0", "1", "2", "5", "6", "7", "10"] {
                        tokens.push(format!("{scale}{word}{zero}{low}"));
                        for sep in ["-", " \u{2013} ", "\u{2014}", "-\u{85}", "-x"] {
                            for high in ["0", "1", "2", "5", "6", "7", "006"] {
                                tokens.push(format!("{scale} {word}{zero}{low}{sep}{high}"));
                            }
                        }
                    }
                }
            }
        }
        let mut differ = Vec::new();
        for token in &tokens {
            let learner = json!({"format": "pathways-learner/1", "levels": [token]});
            for (format, doc) in [(Format::Pathway, one_stage(token)), (Format::Learner, learner)] {
                if format.schema_accepts(&doc) != format.loader_accepts(&doc) {
                    differ.push(format!("{format:?} {token:?}"));
                }
            }
        }
        assert!(
            differ.is_empty(),
            "{} of {} spellings differ: {differ:?}",
            differ.len(),
            tokens.len()
        );
    }

    fn two_stages() -> Value {
        json!({"format": "pathways/1",
               "pathway": {"id": "p", "title": "P", "sector": "S", "sources": [{"id": "s", "title": "S", "year": 2025}],
                           "conditions": [{"id": "hse", "title": "Diploma"}]},
               "stages": [{"id": "a", "title": "A", "kind": "education", "level": 0, "entry": ["ESL 3"]},
                          {"id": "b", "title": "B", "kind": "employment", "level": 2}],
               "transitions": [{"from": "a", "to": "b", "mode": "sequential"}]})
    }

    /// `doc` with the value at `pointer` set (or removed, for `None`; an index one past the end
    /// appends).
    fn with(mut doc: Value, pointer: &str, value: Option<Value>) -> Value {
        let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
        let slot = doc.pointer_mut(parent).expect("the parent");
        match (slot, value) {
            (Value::Object(map), Some(v)) => {
                map.insert(key.to_string(), v);
            }
            (Value::Object(map), None) => {
                map.remove(key);
            }
            (Value::Array(items), Some(v)) => match key.parse::<usize>().expect("an index") {
                i if i == items.len() => items.push(v),
                i => items[i] = v,
            },
            _ => panic!("no place {pointer}"),
        }
        doc
    }

    /// The disagreements issue 18 found, each now answered alike: the schema accepted `level:
    /// 2.0` and a pathway without `sector`, and refused `entry: []`, forgiving level spellings, a
    /// file without `transitions` and SOC codes like `25-2011.00`.
    #[test]
    fn the_disagreements_issue_18_found_are_gone() {
        let cases = [
            (
                "level 2.0",
                with(two_stages(), "/stages/1/level", Some(json!(2.0))),
                true,
            ),
            (
                "a pathway without sector",
                with(two_stages(), "/pathway/sector", None),
                false,
            ),
            (
                "entry []",
                with(two_stages(), "/stages/0/entry", Some(json!([]))),
                true,
            ),
            (
                "forgiving spellings",
                with(
                    two_stages(),
                    "/stages/0/entry",
                    Some(json!([
                        "esl3",
                        "ESL level 3",
                        "High Beginning ESL",
                        "abe 3-3",
                        "GED"
                    ])),
                ),
                true,
            ),
            (
                "no transitions",
                with(
                    with(two_stages(), "/transitions", None),
                    "/stages/1/entry",
                    Some(json!(["any"])),
                ),
                true,
            ),
            (
                "SOC 25-2011.00",
                with(two_stages(), "/stages/1/soc", Some(json!("25-2011.00"))),
                true,
            ),
            (
                "weeks 1e300",
                with(two_stages(), "/stages/0/weeks", Some(json!(1e300))),
                false,
            ),
            (
                "a source without a year",
                with(two_stages(), "/pathway/sources/0/year", None),
                true,
            ),
            (
                "a blank title",
                with(two_stages(), "/stages/0/title", Some(json!(" "))),
                false,
            ),
            (
                "null for an optional member",
                with(two_stages(), "/stages/0/weeks", Some(Value::Null)),
                true,
            ),
        ];
        for (what, doc, accepted) in cases {
            assert_eq!(Format::Pathway.loader_accepts(&doc), accepted, "loader, {what}");
            assert_eq!(
                Format::Pathway.schema_accepts(&doc),
                accepted,
                "schema, {what}: {}",
                Format::Pathway.schema_errors(&doc)
            );
        }
    }

    /// The documents of each difference the README lists: valid by the schema, refused by the
    /// loader (or, for learners, by the check against the loaded data), and named by
    /// `broken_rules` where the property tests meet them.
    #[test]
    fn the_differences_the_readme_lists_are_the_loaders_own_rules() {
        let table = json!({"format": "pathways-levels/1", "test": "t", "title": "T", "scale": "ESL",
                           "source": {"title": "S", "year": 2020},
                           "subjects": {"reading": [{"level": "ESL 1", "max": 180}, {"level": "ESL 2", "min": 181}]}});
        let long = "x".repeat(1024 * 1024);
        let third = |id: &str| json!({"id": id, "title": "C", "kind": "training", "level": 1});
        let cases = [
            (
                Format::Pathway,
                "a stage id twice",
                with(two_stages(), "/stages/2", Some(third("a"))),
                Some(UNIQUE_IDS),
            ),
            (
                Format::Pathway,
                "ids the same in NFC",
                {
                    let doc = with(two_stages(), "/stages/0/id", Some(json!("caf\u{e9}")));
                    let doc = with(doc, "/transitions/0/from", Some(json!("caf\u{e9}")));
                    with(doc, "/stages/2", Some(third("cafe\u{301}")))
                },
                Some(UNIQUE_IDS),
            ),
            (
                Format::Pathway,
                "a source id twice",
                with(
                    two_stages(),
                    "/pathway/sources/1",
                    Some(json!({"id": "s", "title": "Again"})),
                ),
                Some(UNIQUE_IDS),
            ),
            (
                Format::Pathway,
                "a condition id twice",
                with(
                    two_stages(),
                    "/pathway/conditions/1",
                    Some(json!({"id": "hse", "title": "Again"})),
                ),
                Some(UNIQUE_IDS),
            ),
            (
                Format::Pathway,
                "an unknown stage",
                with(two_stages(), "/transitions/0/to", Some(json!("c"))),
                Some(STAGES_DEFINED),
            ),
            (
                Format::Pathway,
                "a self-loop",
                with(two_stages(), "/transitions/0/to", Some(json!("a"))),
                Some(NO_SELF_LOOP),
            ),
            (
                Format::Pathway,
                "an undeclared source",
                with(two_stages(), "/stages/0/sources", Some(json!(["t"]))),
                Some(SOURCES_DECLARED),
            ),
            (
                Format::Pathway,
                "an undeclared wage source",
                with(
                    two_stages(),
                    "/stages/1/wage",
                    Some(json!({"median_annual_usd": 1, "year": 2025, "source": "t"})),
                ),
                Some(SOURCES_DECLARED),
            ),
            (
                Format::Pathway,
                "an undeclared condition",
                with(two_stages(), "/stages/1/requires", Some(json!(["nac"]))),
                Some(CONDITIONS_DECLARED),
            ),
            (
                Format::Pathway,
                "a range upside down",
                with(two_stages(), "/stages/0/weeks_range", Some(json!([9, 3]))),
                Some(RANGE_IN_ORDER),
            ),
            (
                Format::Pathway,
                "weeks outside the range",
                with(
                    with(two_stages(), "/stages/0/weeks_range", Some(json!([3, 9]))),
                    "/stages/0/weeks",
                    Some(json!(12)),
                ),
                Some(RANGE_IN_ORDER),
            ),
            (
                Format::Pathway,
                "a stage over 1 MiB",
                with(two_stages(), "/stages/0/description", Some(json!(long))),
                None,
            ),
            (
                Format::Levels,
                "bands apart",
                with(table.clone(), "/subjects/reading/1/min", Some(json!(182))),
                Some(BANDS_IN_ORDER),
            ),
            (
                Format::Levels,
                "bands upside down",
                with(table.clone(), "/subjects/reading/0/level", Some(json!("ESL 3"))),
                Some(BANDS_IN_ORDER),
            ),
            (
                Format::Levels,
                "min over max",
                with(table.clone(), "/subjects/reading/0/min", Some(json!(190))),
                Some(BANDS_IN_ORDER),
            ),
        ];
        for (format, what, doc, rule) in cases {
            assert!(
                format.schema_accepts(&doc),
                "{what}: {}",
                format.schema_errors(&doc)
            );
            assert!(!format.loader_accepts(&doc), "{what} loads");
            assert_eq!(broken_rules(format, &doc), Vec::from_iter(rule), "{what}");
        }
        // What no schema sees: a key given twice (a parse keeps one), a number beyond f64 (no
        // parse at all), and the one-table-per-test rule across files.
        let twice = r#"{"format": "pathways/1", "pathway": {"id": "p", "title": "P", "sector": "S"},
                        "stages": [{"id": "a", "title": "A", "kind": "employment", "level": 2, "weeks": 22, "weeks": 44}]}"#;
        let parsed: Value = serde_json::from_str(twice).expect("JSON parsers take it");
        assert!(Format::Pathway.schema_accepts(&parsed));
        let huge = twice.replace(r#""weeks": 22, "weeks": 44"#, r#""weeks": 1e400"#);
        assert!(serde_json::from_str::<Value>(&huge).is_err(), "no f64 holds it");
        for text in [twice, huge.as_str()] {
            let loaded = load(&[Input {
                name: "t.json".into(),
                bytes: text.as_bytes().to_vec(),
                origin: Origin::User,
            }]);
            assert!(loaded.is_err(), "{text}");
        }
        let tables = [table.clone(), table.clone()].map(|t| Input {
            name: "t.json".into(),
            bytes: t.to_string().into_bytes(),
            origin: Origin::User,
        });
        assert!(
            Format::Levels.loader_accepts(&table) && load(&tables).is_err(),
            "one table per test"
        );
        // A learner's file is read alone, then checked against the loaded data.
        let data = load(&pathways::domain::shipped::inputs()).expect("the shipped data loads");
        for (what, learner) in [
            (
                "two ESL levels",
                json!({"format": "pathways-learner/1", "levels": ["ESL 3", "ESL 4"]}),
            ),
            (
                "a score no table places",
                json!({"format": "pathways-learner/1", "scores": ["tabe11 reading 9999"]}),
            ),
            (
                "an unknown condition",
                json!({"format": "pathways-learner/1", "holds": ["nac-2"]}),
            ),
            (
                "an unknown stage",
                json!({"format": "pathways-learner/1", "goal": "hc-astronaut"}),
            ),
        ] {
            let bytes = learner.to_string().into_bytes();
            assert!(
                Format::Learner.schema_accepts(&learner) && Format::Learner.loader_accepts(&learner),
                "{what}"
            );
            assert!(
                Learner::read_checked("l.json", &bytes, &data.pathways, &data.benchmarks).is_err(),
                "{what}"
            );
        }
    }

    /// The shipped files, and the fixtures meant to load, are valid by their schemas.
    #[test]
    fn the_shipped_data_and_the_good_fixtures_are_valid() {
        // Fixtures that are broken on purpose: the schema refuses them too.
        const BROKEN: [&str; 1] = ["audit/broken.json"];
        let format_of = |doc: &Value| match doc.get("format").and_then(Value::as_str) {
            Some("pathways-levels/1") => Format::Levels,
            _ => Format::Pathway,
        };
        let mut files: Vec<(String, Vec<u8>)> = pathways::domain::shipped::inputs()
            .into_iter()
            .map(|i| (i.name, i.bytes))
            .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut folders = vec![root.clone()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("a folder") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    let name = path
                        .strip_prefix(&root)
                        .expect("below")
                        .to_string_lossy()
                        .into_owned();
                    files.push((name, std::fs::read(&path).expect("readable")));
                }
            }
        }
        assert!(files.len() > 60, "{} files", files.len());
        for (name, bytes) in files {
            let doc: Value = serde_json::from_slice(&bytes).expect("JSON");
            let format = format_of(&doc);
            let broken = BROKEN.contains(&name.as_str());
            assert_eq!(
                format.schema_accepts(&doc),
                !broken,
                "{name}: {}",
                format.schema_errors(&doc)
            );
        }
    }
}
