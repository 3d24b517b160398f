//! The plan in every format and language: unknown figures said to be unknown, requirements still
//! to meet in the checklist, data that cannot inject markup, 80 columns for Markdown and text,
//! and the English template at a Flesch-Kincaid grade of 6 or less.

use petgraph::graph::{EdgeIndex, NodeIndex};
use unicode_width::UnicodeWidthStr;

use super::*;
use crate::domain::graph::Pathways;
use crate::domain::level::{Levels, SkillLevel};
use crate::domain::load::{Input, Origin, load};
use crate::domain::route::{self, Measure, Query, Start};
use crate::domain::wages;

/// The plain-language bar of issue 16: the English template reads at grade 6 or below.
const MAX_GRADE: f64 = 6.0;

const FIXTURE: &str = r#"{"format": "pathways/1",
 "pathway": {"id": "p", "title": "P", "sector": "S",
  "conditions": [{"id": "hse", "title": "High school diploma", "names": {"es": "Diploma de secundaria"}}],
  "sources": [{"id": "col", "title": "A | college (tuition page)", "year": 2024, "url": "https://college.example/tuition/"}]},
 "stages": [
  {"id": "esl", "title": "ESL 3 class", "names": {"es": "Clase de ESL 3"}, "kind": "education", "level": 0,
   "entry": ["ESL 3"], "services": ["navigator"]},
  {"id": "nac", "title": "I-BEST NAC", "kind": "training", "level": 2, "weeks": 11, "cost_usd": 1710,
   "credential": "NAC", "sources": ["col"], "contact": "Advising office", "url": "https://college.example/nac"},
  {"id": "cna", "title": "Nursing assistant", "kind": "employment", "level": 2, "soc": "31-1131"},
  {"id": "adn", "title": "Nursing degree", "kind": "training", "level": 3, "weeks": 104, "cost_usd": 9870,
   "requires": ["hse"], "sources": ["col"]},
  {"id": "rn", "title": "Registered nurse", "kind": "employment", "level": 4, "soc": "29-1141"}],
 "transitions": [
  {"from": "esl", "to": "nac", "mode": "integrated"},
  {"from": "nac", "to": "cna", "mode": "sequential"},
  {"from": "cna", "to": "adn", "mode": "sequential"},
  {"from": "adn", "to": "rn", "mode": "sequential"}]}"#;

fn loaded(text: &str) -> Pathways {
    let input = Input {
        name: "p.json".into(),
        bytes: text.as_bytes().to_vec(),
        origin: Origin::User,
    };
    load(&[input]).expect("loads").pathways
}

/// The route through `ids`, in order.
fn route_of(p: &Pathways, ids: &[&str]) -> Route {
    let nodes: Vec<NodeIndex> = ids.iter().map(|id| p.find(id).expect("id")).collect();
    let edges: Vec<EdgeIndex> = nodes
        .windows(2)
        .map(|w| p.graph().find_edge(w[0], w[1]).expect("edge"))
        .collect();
    Route::new(p, true, nodes, edges).expect("a route")
}

fn esl3() -> StartPoint {
    StartPoint::Levels {
        levels: Levels::of(SkillLevel::Esl(3)),
        placements: Vec::new(),
    }
}

fn input<'a>(_p: &Pathways, route: &'a Route, lang: Lang) -> PlanInput<'a> {
    PlanInput {
        name: Some("Ana".into()),
        start: esl3(),
        route,
        to_meet: Vec::new(),
        integration: None,
        others: false,
        date: "2026-12-03".into(),
        area: wages::layer().resolve("seattle").expect("Seattle"),
        lang,
        limits: Default::default(),
    }
}

/// The fixture's plan, where the nursing degree needs a diploma she does not hold yet.
fn needing<'a>(p: &Pathways, route: &'a Route, lang: Lang) -> PlanInput<'a> {
    let mut hse = crate::domain::condition::CondSet::new();
    hse.insert(p.conditions().find("hse").expect("hse"));
    PlanInput {
        to_meet: vec![(p.find("adn").expect("adn"), hse)],
        ..input(p, route, lang)
    }
}

fn fixture_plans() -> Vec<(Lang, Format, String)> {
    let p = loaded(FIXTURE);
    let route = route_of(&p, &["esl", "nac", "cna", "adn", "rn"]);
    let mut out = Vec::new();
    for lang in Lang::ALL {
        for format in Format::ALL {
            out.push((lang, format, render(&p, &needing(&p, &route, lang), format)));
        }
    }
    out
}

#[test]
fn every_format_and_language_has_the_whole_plan_in_order() {
    for (lang, format, text) in fixture_plans() {
        let words: [&str; 8] = match lang {
            Lang::En => [
                "Your career plan: ",
                "Ana",
                "December 3, 2026",
                "Your English is at a high beginning level (ESL 3).",
                "Your steps",
                "In all",
                "What to do next",
                "Where these facts come from",
            ],
            Lang::Es => [
                "Su plan de carrera: ",
                "Ana",
                "3 de diciembre de 2026",
                "Su inglés está en un nivel principiante alto (ESL 3).",
                "Sus pasos",
                "En total",
                "Qué hacer ahora",
                "De dónde vienen estos datos",
            ],
        };
        let mut at = 0;
        for w in words {
            let found = text[at..].find(w);
            assert!(
                found.is_some(),
                "{lang:?} {format:?}: {w:?} missing or out of order:\n{text}"
            );
            at += found.unwrap_or(0);
        }
        // The sources come last, the glossary before them.
        assert!(
            text.contains("A | college (2024) college.example")
                || text.contains("A \\| college (2024) college.example"),
            "{text}"
        );
        assert!(
            !text.contains("college.example/tuition"),
            "sources are printed short"
        );
        assert!(text.contains("Seattle-Tacoma-Bellevue, WA"), "{text}");
    }
}

#[test]
fn spanish_plans_use_the_spanish_names_of_the_data() {
    for (lang, _, text) in fixture_plans() {
        match lang {
            Lang::Es => {
                assert!(text.contains("Clase de ESL 3"), "{text}");
                assert!(text.contains("Diploma de secundaria"), "{text}");
                assert!(text.contains("un guía (navigator)"), "{text}");
                assert!(
                    !text.contains("You "),
                    "English template in a Spanish plan:\n{text}"
                );
            }
            Lang::En => {
                assert!(text.contains("ESL 3 class"));
                assert!(!text.contains("Clase de ESL 3"));
            }
        }
    }
}

#[test]
fn unknown_figures_are_never_zero() {
    for (lang, format, text) in fixture_plans() {
        for zero in ["0 weeks", "0 semanas", "$0"] {
            let found = text.match_indices(zero).any(|(i, _)| {
                // "110 weeks" is not "0 weeks".
                !text[..i].ends_with(|c: char| c.is_ascii_digit())
            });
            assert!(!found, "{lang:?} {format:?} says {zero:?}:\n{text}");
        }
        let unknown = match lang {
            Lang::En => "Not known yet. Ask the program.",
            Lang::Es => "Todavía no se sabe. Pregunte al programa.",
        };
        assert!(text.contains(unknown), "{lang:?} {format:?}:\n{text}");
    }
    let p = loaded(FIXTURE);
    let route = route_of(&p, &["esl", "nac", "cna", "adn", "rn"]);
    let text = render(&p, &input(&p, &route, Lang::En), Format::Text);
    assert!(text.contains("Time: 11 weeks"), "{text}");
    assert!(text.contains("Cost: $1,710 for tuition and fees"), "{text}");
    assert!(
        text.contains("- Cost: $11,580, plus step 1 (not known yet)"),
        "the total says which steps it leaves out:\n{text}"
    );
}

#[test]
fn requirements_still_to_meet_are_in_the_checklist() {
    let p = loaded(FIXTURE);
    let route = route_of(&p, &["esl", "nac", "cna", "adn", "rn"]);
    let en = render(&p, &needing(&p, &route, Lang::En), Format::Text);
    assert!(
        en.contains("[ ] Before step 4, you need: High school diploma."),
        "{en}"
    );
    let es = render(&p, &needing(&p, &route, Lang::Es), Format::Markdown);
    assert!(
        es.contains("- [ ] Antes del paso 4, usted necesita: Diploma de secundaria."),
        "{es}"
    );
    assert!(!render(&p, &input(&p, &route, Lang::En), Format::Text).contains("you need:"));
}

#[test]
fn a_title_cannot_inject_markup() {
    let evil = FIXTURE.replace(
        r#""title": "I-BEST NAC""#,
        r#""title": "<script>alert(1)</script> <img src=x onerror=y> **big** [link](http://e.example) # 1. `c`""#,
    );
    let p = loaded(&evil);
    let route = route_of(&p, &["esl", "nac", "cna", "adn", "rn"]);
    let plan = input(&p, &route, Lang::En);
    let html = render(&p, &plan, Format::Html);
    assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=y&gt;"),
        "{html}"
    );
    let md = render(&p, &plan, Format::Markdown);
    for escaped in [
        r"\<script\>alert(1)\</script\>",
        r"\<img",
        r"\*\*big\*\*",
        r"\[link\](http://e.example)",
        r"\# 1.",
        r"\`c\`",
    ] {
        assert!(md.contains(escaped), "{escaped} not in\n{md}");
    }
    let bare = |c: char| md.match_indices(c).any(|(i, _)| !md[..i].ends_with('\\'));
    assert!(!bare('<') && !bare('`'), "markup left bare:\n{md}");
    // The line that starts with the title cannot become a heading or a list.
    assert!(!md.lines().any(|l| l.starts_with("# 1.")), "{md}");
}

#[test]
fn html_is_one_file_that_prints() {
    let p = loaded(FIXTURE);
    let route = route_of(&p, &["esl", "nac", "cna", "adn", "rn"]);
    for lang in Lang::ALL {
        let html = render(&p, &input(&p, &route, lang), Format::Html);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains(&format!("<html lang=\"{}\">", lang.code())));
        assert!(html.contains("@media print") && html.contains("@page"));
        assert!(html.contains("default-src 'none'"), "the page fetches nothing");
        for fetch in ["<script", "<link", "src=", "@import", "url("] {
            assert!(!html.contains(fetch), "{fetch} in {html}");
        }
        // Integrated and sequential steps differ in their class (a double or dashed rule) and
        // in words.
        assert!(html.contains("<li class=\"step integrated\">"));
        assert!(html.contains("<li class=\"step sequential\">"));
        let together = lang.say("Together:", "Integrado:");
        assert!(html.contains(together), "{html}");
    }
}

#[test]
fn markdown_and_text_stay_within_80_columns() {
    let p = loaded(FIXTURE);
    let long = FIXTURE.replace(
        r#""title": "I-BEST NAC""#,
        r#""title": "An integrated basic education and skills training program for nursing assistants with a very long name and https://college.example/a/very/long/address/that/cannot/break/anywhere/at/all""#,
    );
    let pl = loaded(&long);
    for (paths, ids) in [
        (&p, ["esl", "nac", "cna", "adn", "rn"]),
        (&pl, ["esl", "nac", "cna", "adn", "rn"]),
    ] {
        let route = route_of(paths, &ids);
        for lang in Lang::ALL {
            for format in [Format::Markdown, Format::Text] {
                let text = render(paths, &input(paths, &route, lang), format);
                // Only a Markdown heading (one line by the format's rule) and a line that holds a
                // web address whole may be wider.
                let mut before = "";
                for line in text.lines() {
                    let heading = format == Format::Markdown && line.starts_with('#');
                    assert!(
                        line.width() <= 80 || heading || line.contains("://"),
                        "{lang:?} {format:?}: {} columns: {line}",
                        line.width()
                    );
                    // After a blank line or a heading, four spaces start a code block.
                    let opens_code = before.is_empty() || before.starts_with('#');
                    if format == Format::Markdown && opens_code {
                        assert!(!line.starts_with("    "), "{lang:?}: a code block: {line}");
                    }
                    before = line;
                }
                for url in [
                    "https://college.example/nac",
                    "college.example/a/very/long/address/that/cannot/break/anywhere/at/all",
                ] {
                    assert!(
                        text.contains(url) || !text.contains("college.example/a"),
                        "{url} whole: {text}"
                    );
                }
                assert!(
                    !text.lines().any(|l| l.trim_start().starts_with('|')),
                    "no tables"
                );
            }
        }
    }
}

#[test]
fn file_names_and_formats() {
    let p = loaded(FIXTURE);
    let rn = p.find("rn").expect("rn");
    assert_eq!(file_name(&p, rn, Format::Html), "plan-rn.html");
    assert_eq!(
        Format::of_path(std::path::Path::new("a/Plan.MD")),
        Some(Format::Markdown)
    );
    assert_eq!(
        Format::of_path(std::path::Path::new("plan.txt")),
        Some(Format::Text)
    );
    assert_eq!(Format::of_path(std::path::Path::new("plan")), None);
}

#[test]
fn civil_dates() {
    assert_eq!(civil_date(0), "1970-01-01");
    assert_eq!(civil_date(11_016), "2000-02-29");
    assert_eq!(civil_date(20_790), "2026-12-03");
}

/// Syllables of an English word: groups of vowels, less a silent final "e" (but not "-le"),
/// at least one. The usual counter of readability tools; good enough for a grade estimate.
fn syllables(word: &str) -> usize {
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect();
    if w.is_empty() {
        return 0;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let mut count = 0;
    let mut previous = false;
    for &c in &w {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    let n = w.len();
    let silent_e = n > 2 && w[n - 1] == 'e' && !vowel(w[n - 2]);
    let le = n > 2 && w[n - 2] == 'l' && !vowel(w[n - 3]);
    if silent_e && !le {
        count -= 1;
    }
    count.max(1)
}

/// Flesch-Kincaid grade: 0.39 × words per sentence + 11.8 × syllables per word − 15.59. A
/// sentence ends at `.`, `!`, `?` or the end of a line (a heading or a list item is read alone).
fn grade(text: &str) -> f64 {
    let mut sentences = 0usize;
    let mut words = 0usize;
    let mut syl = 0usize;
    for line in text.lines() {
        for sentence in line.split(['.', '!', '?']) {
            let ws: Vec<&str> = sentence
                .split(|c: char| c.is_whitespace() || c == '/')
                .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
                .collect();
            if ws.is_empty() {
                continue;
            }
            sentences += 1;
            words += ws.len();
            syl += ws.iter().map(|w| syllables(w)).sum::<usize>();
        }
    }
    if words == 0 {
        return 0.0;
    }
    0.39 * words as f64 / sentences as f64 + 11.8 * syl as f64 / words as f64 - 15.59
}

#[test]
fn the_counter_and_the_formula_agree_with_known_values() {
    for (word, n) in [
        ("cat", 1),
        ("table", 2),
        ("make", 1),
        ("education", 4),
        ("you", 1),
        ("the", 1),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
    // "The cat sat on the mat." 6 words, 6 syllables, 1 sentence: 0.39*6 + 11.8 - 15.59.
    assert!((grade("The cat sat on the mat.") - (0.39 * 6.0 + 11.8 - 15.59)).abs() < 1e-9);
    assert!(grade("Comprehensive institutional accreditation necessitates documentation.") > 12.0);
}

/// Only the plan's own words: data (titles, descriptions, credentials, sources) left out, and
/// the fact labels and headings in.
fn template(d: &doc::Doc) -> String {
    let mut out = Vec::new();
    for block in &d.blocks {
        match block {
            doc::Block::Heading(h) => out.push((*h).to_string()),
            doc::Block::Steps(steps) => out.extend(
                steps
                    .iter()
                    .flat_map(|s| s.facts.iter().map(|f| f.label.to_string())),
            ),
            doc::Block::Glossary(terms) => out.extend(terms.iter().map(|(t, _)| (*t).to_string())),
            doc::Block::Sources(_) => continue,
            _ => {}
        }
    }
    for block in &d.blocks {
        if !matches!(block, doc::Block::Sources(_)) {
            let one = doc::Doc {
                lang: d.lang,
                blocks: vec![block.clone()],
            };
            out.extend(one.lines().into_iter().map(doc::Line::template));
        }
    }
    out.join("\n")
}

#[test]
fn the_english_template_reads_at_grade_six_or_below() {
    let p = loaded(FIXTURE);
    let route = route_of(&p, &["esl", "nac", "cna", "adn", "rn"]);
    let mut all = template(&doc(&p, &input(&p, &route, Lang::En)));
    // With every limit set, so their sentences are measured too.
    let limited = PlanInput {
        limits: route::Constraints {
            avoid: vec![p.find("adn").expect("adn")],
            max_weeks: Some(200.0),
            max_cost: Some(20_000.0),
            integrated_only: true,
            earn: true,
            paid_within: Some(12.0),
            ..Default::default()
        },
        ..input(&p, &route, Lang::En)
    };
    all.push('\n');
    all.push_str(&template(&doc(&p, &limited)));
    // And on the shipped data, from ESL 3 to every reachable job, so every sentence the plan
    // can say is measured somewhere.
    let shipped = load(&crate::domain::shipped::inputs())
        .expect("shipped data loads")
        .pathways;
    let q = Query::new(Start::Levels(Levels::of(SkillLevel::Esl(3))), Measure::Weeks);
    let found = route::destinations(&shipped, &q);
    assert!(found.routes.len() > 10, "the shipped data has routes from ESL 3");
    for r in &found.routes {
        let plan = PlanInput {
            integration: Some(route::integration(&shipped, &q, r)),
            to_meet: Vec::new(),
            others: true,
            ..input(&shipped, r, Lang::En)
        };
        all.push('\n');
        all.push_str(&template(&doc(&shipped, &plan)));
    }
    let g = grade(&all);
    // Headings and labels ("Time", "In all") pull the grade down; the sentences alone must pass too.
    let sentences: String = all
        .lines()
        .filter(|l| l.trim_end().ends_with(['.', '?', '!']) && l.split_whitespace().count() >= 4)
        .collect::<Vec<_>>()
        .join("\n");
    let gs = grade(&sentences);
    eprintln!("Flesch-Kincaid grade of the English template: {g:.2}; of its sentences alone: {gs:.2}");
    assert!(g <= MAX_GRADE, "Flesch-Kincaid grade {g:.1} is above {MAX_GRADE}");
    assert!(
        gs <= MAX_GRADE,
        "Flesch-Kincaid grade of the sentences {gs:.1} is above {MAX_GRADE}"
    );
}

#[test]
fn a_plan_says_its_limits_and_which_ones_unknown_figures_may_break() {
    let p = loaded(FIXTURE);
    let limits = route::Constraints {
        max_weeks: Some(200.0),
        max_cost: Some(20_000.0),
        earn: true,
        paid_within: Some(12.0),
        ..Default::default()
    };
    // The ESL class has no length or cost in the data, so every limit on figures is unsure.
    let long = route_of(&p, &["esl", "nac", "cna", "adn", "rn"]);
    // From the I-BEST program, every figure before the first pay is known.
    let short = route_of(&p, &["nac", "cna"]);
    let say = |route: &Route, lang| {
        let plan = PlanInput {
            limits: limits.clone(),
            ..input(&p, route, lang)
        };
        render(&p, &plan, Format::Text).replace("\n  ", " ")
    };
    let en = say(&long, Lang::En);
    assert!(
        en.contains("You asked for: at most 200 weeks; at most $20,000; paid work before the goal; first pay within 12 weeks."),
        "{en}"
    );
    for words in [
        "at most 200 weeks",
        "at most $20,000",
        "first pay within 12 weeks",
    ] {
        assert!(
            en.contains(&format!("This plan may not keep to \"{words}\"")),
            "{words}: {en}"
        );
    }
    let es = say(&long, Lang::Es);
    assert!(es.contains("Usted pidió: como máximo 200 semanas;"), "{es}");
    assert!(
        es.contains("Puede que este plan no cumpla con \"primer sueldo en 12 semanas o menos\""),
        "{es}"
    );
    let sure = say(&short, Lang::En);
    assert!(sure.contains("first pay within 12 weeks."), "{sure}");
    assert!(!sure.contains("may not keep to \"first pay"), "{sure}");
    // No limits, no words about them.
    let none = render(&p, &input(&p, &long, Lang::En), Format::Text);
    assert!(!none.contains("You asked for"), "{none}");
}

#[test]
fn spanish_plans_name_the_nation_in_spanish_and_say_credentials_are_in_english() {
    let p = loaded(FIXTURE);
    let route = route_of(&p, &["esl", "nac", "cna", "adn", "rn"]);
    let plan = PlanInput {
        area: wages::layer().nation(),
        ..input(&p, &route, Lang::Es)
    };
    let es = render(&p, &plan, Format::Text);
    assert!(es.contains("Sueldos para: Estados Unidos"), "{es}");
    assert!(es.contains("sueldo mediano en Estados Unidos."), "{es}");
    assert!(!es.contains("United States"), "{es}");
    assert!(
        es.contains("Usted obtiene: NAC (nombre oficial en inglés)"),
        "{es}"
    );
    let en = render(
        &p,
        &PlanInput {
            lang: Lang::En,
            ..plan
        },
        Format::Text,
    );
    assert!(en.contains("median pay in the United States."), "{en}");
}
