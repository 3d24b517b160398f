//! Synthetic `pathways/1` files of any size, for benchmarks and scale tests (`pathways gen`).
//!
//! Sectors of about 200 stages on levels 0..=6: foundational on-ramps at the bottom, training and
//! work-based stages in the middle, jobs with wages climbing to the top, a mix of integrated and
//! sequential transitions, about three transitions a stage. Deterministic for a seed.

use std::fmt::Write as _;

/// Stages per generated sector.
pub const SECTOR_SIZE: usize = 200;
const ENTRIES: [&str; 13] = [
    "ESL 1", "ESL 2", "ESL 3", "ESL 4", "ESL 5", "ESL 6", "ABE 1", "ABE 2", "ABE 3", "ABE 4", "ABE 5",
    "ABE 6", "HSE",
];
/// The conditions generated stages require and award (`age-21` implies `age-18`).
const CONDITIONS: [&str; 5] = ["hse", "age-18", "age-21", "license", "cert"];
const WORDS: [&str; 16] = [
    "Nursing",
    "Welding",
    "Network",
    "Logistics",
    "Carpentry",
    "Pharmacy",
    "Machining",
    "Electrical",
    "Dental",
    "Culinary",
    "Automotive",
    "Plumbing",
    "Medical",
    "Warehouse",
    "Solar",
    "Software",
];
const ROLES: [&str; 8] = [
    "Assistant",
    "Technician",
    "Specialist",
    "Operator",
    "Helper",
    "Coordinator",
    "Supervisor",
    "Installer",
];

/// A small, fast, seedable generator (xorshift64*); no statistical claims needed here.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        // n is small; the modulo bias is irrelevant for benchmark data.
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

/// One generated stage, before it is written out.
struct Node {
    level: usize,
    kind: &'static str,
}

/// The level of the `i`-th stage of a sector: a wide bottom, a narrow top.
fn level_of(i: usize) -> usize {
    match i * 100 / SECTOR_SIZE {
        0..=14 => 0,
        15..=27 => 1,
        28..=49 => 2,
        50..=67 => 3,
        68..=81 => 4,
        82..=92 => 5,
        _ => 6,
    }
}

/// `n` education stages sharing one title, each leading to one job: the duplicate-title audit's
/// worst case, for its bench and test.
pub fn one_title(n: usize) -> String {
    let stages: Vec<String> = (0..n)
        .map(|i| {
            format!(r#"{{"id":"s{i}","title":"Same title","kind":"education","level":0,"entry":["any"]}}"#)
        })
        .chain(std::iter::once(
            r#"{"id":"job","title":"Job","kind":"employment","level":1}"#.to_string(),
        ))
        .collect();
    let transitions: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"from":"s{i}","to":"job","mode":"sequential"}}"#))
        .collect();
    format!(
        r#"{{"format":"pathways/1","pathway":{{"id":"d","title":"D","sector":"S"}},"stages":[{}],"transitions":[{}]}}"#,
        stages.join(","),
        transitions.join(",")
    )
}

/// One on-ramp leading to `n` jobs: the explorer's worst case for one stage's transitions, for
/// the frame bench and its test.
pub fn hub(n: usize) -> String {
    let mut stages =
        vec![r#"{"id":"hub","title":"Hub","kind":"education","level":0,"entry":["any"]}"#.to_string()];
    stages.extend(
        (0..n).map(|i| format!(r#"{{"id":"j{i}","title":"Job {i}","kind":"employment","level":1}}"#)),
    );
    let transitions: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"from":"hub","to":"j{i}","mode":"sequential"}}"#))
        .collect();
    format!(
        r#"{{"format":"pathways/1","pathway":{{"id":"h","title":"H","sector":"S"}},"stages":[{}],"transitions":[{}]}}"#,
        stages.join(","),
        transitions.join(",")
    )
}

/// `n` stages sharing one id and `n` copies of one transition: the load's worst case for
/// duplicates, each of which once cost a read of the file up to it (for its bench and test).
pub fn duplicates(n: usize) -> String {
    let stages: Vec<&str> = std::iter::repeat_n(
        r#"{"id":"s","title":"Same","kind":"education","level":0,"entry":["any"]}"#,
        n,
    )
    .chain(std::iter::once(
        r#"{"id":"job","title":"Job","kind":"employment","level":1}"#,
    ))
    .collect();
    let transitions = vec![r#"{"from":"s","to":"job","mode":"sequential"}"#; n];
    format!(
        r#"{{"format":"pathways/1","pathway":{{"id":"d","title":"D","sector":"S"}},"stages":[{}],"transitions":[{}]}}"#,
        stages.join(","),
        transitions.join(",")
    )
}

/// A `pathways/1` document with `stages` stages (one file, several sectors).
pub fn generate(stages: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(stages * 330 + 512);
    let _ = write!(
        out,
        "{{\"format\":\"pathways/1\",\"pathway\":{{\"id\":\"synthetic-{seed}\",\"title\":\"Synthetic pathways ({stages} stages)\",\
\"sector\":\"Synthetic\",\"region\":\"Nowhere\",\"sources\":[{{\"id\":\"synthetic\",\"title\":\"Generated test data, not real figures\",\"year\":2026}}],\
\"conditions\":[{{\"id\":\"hse\",\"title\":\"High school diploma or equivalency\"}},{{\"id\":\"age-18\",\"title\":\"Age 18 or older\"}},\
{{\"id\":\"age-21\",\"title\":\"Age 21 or older\",\"implies\":[\"age-18\"]}},{{\"id\":\"license\",\"title\":\"A license\"}},\
{{\"id\":\"cert\",\"title\":\"A certificate\"}}]}},\n\"stages\":["
    );
    let mut nodes = Vec::with_capacity(stages);
    for i in 0..stages {
        let sector = i / SECTOR_SIZE;
        let level = level_of(i % SECTOR_SIZE);
        let kind = match (level, rng.below(10)) {
            (0 | 1, _) => "education",
            (_, 0..=3) => "employment",
            (_, 4..=5) => "work-based",
            _ => "training",
        };
        nodes.push(Node { level, kind });
        if i > 0 {
            out.push(',');
        }
        let word = WORDS[rng.below(WORDS.len())];
        let role = ROLES[rng.below(ROLES.len())];
        let _ = write!(
            out,
            "\n{{\"id\":\"s{i}\",\"title\":\"{word} {role} {sector}-{i}\",\"kind\":\"{kind}\",\"level\":{level}"
        );
        if level == 0 || (level == 1 && rng.below(3) == 0) {
            let entry = ENTRIES[rng.below(ENTRIES.len())];
            // Half the level classes take one level only, as real ones do.
            if level == 0 && entry != "HSE" && rng.below(2) == 0 {
                let n = entry.as_bytes()[entry.len() - 1] - b'0';
                let _ = write!(out, ",\"entry\":[\"{entry}-{n}\"]");
            } else {
                let _ = write!(out, ",\"entry\":[\"{entry}\"]");
            }
        }
        // A few percent of stages require a condition or award one (DESIGN's realistic rates).
        if level >= 2 && rng.below(30) == 0 {
            let _ = write!(
                out,
                ",\"requires\":[\"{}\"]",
                CONDITIONS[rng.below(CONDITIONS.len())]
            );
        }
        if kind != "employment" && rng.below(25) == 0 {
            let _ = write!(
                out,
                ",\"awards\":[\"{}\"]",
                CONDITIONS[rng.below(CONDITIONS.len())]
            );
        }
        if kind == "employment" {
            let wage = 30_000 + 8_000 * level + rng.below(20_000);
            let _ = write!(
                out,
                ",\"soc\":\"99-{:04}\",\"wage\":{{\"median_annual_usd\":{wage},\"year\":2025,\"source\":\"synthetic\"}}",
                i % 10_000
            );
        } else {
            let _ = write!(
                out,
                ",\"weeks\":{},\"cost_usd\":{},\"sources\":[\"synthetic\"]",
                4 + rng.below(40),
                rng.below(50) * 100
            );
            if rng.below(2) == 0 {
                let _ = write!(out, ",\"credential\":\"{word} certificate {i}\"");
            }
        }
        out.push('}');
    }
    out.push_str("],\n\"transitions\":[");
    let mut first = true;
    // The (to, mode) pairs already written from the current stage: a move is never given twice.
    let mut written: Vec<(usize, bool)> = Vec::new();
    for i in 0..stages {
        written.clear();
        let sector_start = i / SECTOR_SIZE * SECTOR_SIZE;
        let sector_end = (sector_start + SECTOR_SIZE).min(stages);
        let fan = if nodes[i].kind == "employment" {
            rng.below(3)
        } else {
            3 + rng.below(3)
        };
        // Shared foundation classes lead into other sectors too, as a statewide catalog's do: the
        // graph is one connected whole, so searches cannot stay inside one small sector.
        if nodes[i].level == 0 && stages > SECTOR_SIZE && rng.below(4) == 0 {
            let sector = rng.below(stages.div_ceil(SECTOR_SIZE));
            let start = sector * SECTOR_SIZE + SECTOR_SIZE * 15 / 100;
            let j = (start + rng.below(SECTOR_SIZE * 35 / 100)).min(stages - 1);
            if j != i && nodes[j].level <= 2 {
                written.push((j, true));
                if !first {
                    out.push(',');
                }
                first = false;
                let _ = write!(
                    out,
                    "\n{{\"from\":\"s{i}\",\"to\":\"s{j}\",\"mode\":\"integrated\"}}"
                );
            }
        }
        for _ in 0..fan {
            // Forward within the sector: a later stage on the same or the next levels.
            let span = sector_end.saturating_sub(i + 1);
            if span == 0 {
                break;
            }
            let j = i + 1 + rng.below(span.min(60));
            if nodes[j].level > nodes[i].level + 2 {
                continue;
            }
            let integrated = rng.below(3) == 0;
            let mode = if integrated { "integrated" } else { "sequential" };
            if written.contains(&(j, integrated)) {
                continue;
            }
            written.push((j, integrated));
            if !first {
                out.push(',');
            }
            first = false;
            let _ = write!(out, "\n{{\"from\":\"s{i}\",\"to\":\"s{j}\",\"mode\":\"{mode}\"");
            if rng.below(4) == 0 {
                // Sourced, as every figure must be (`unsourced-figure`).
                let _ = write!(out, ",\"weeks\":{},\"sources\":[\"synthetic\"]", 1 + rng.below(4));
            }
            out.push('}');
        }
    }
    out.push_str("]}\n");
    out
}

/// A CTDL JSON-LD pathway of `components` components, for the CTDL load bench: blocks of 200
/// components, each after the first in a block with `hasChild` links to the one before it and to
/// one seven back, every fifth with a `ComponentCondition` ("requires 1 of" two earlier ones),
/// the kinds in turn (course, credential, job, basic), and the last component the destination.
pub fn ctdl(components: usize) -> String {
    const TYPES: [&str; 4] = [
        "ceterms:CourseComponent",
        "ceterms:CredentialComponent",
        "ceterms:JobComponent",
        "ceterms:BasicComponent",
    ];
    let mut out = String::with_capacity(components * 420 + 512);
    let last = components.saturating_sub(1);
    let _ = write!(
        out,
        "{{\"@context\":\"https://credreg.net/ctdl/schema/context/json\",\"@graph\":[\
{{\"@id\":\"_:p\",\"@type\":\"ceterms:Pathway\",\"ceterms:ctid\":\"ce-pathway\",\
\"ceterms:name\":{{\"en-US\":\"Generated CTDL pathway ({components} components)\"}},\
\"ceterms:hasDestinationComponent\":\"_:c{last}\"}}"
    );
    for i in 0..components {
        let _ = write!(
            out,
            ",\n{{\"@id\":\"_:c{i}\",\"@type\":\"{}\",\"ceterms:ctid\":\"ce-{i:08}\",\
\"ceterms:name\":{{\"en-US\":\"Component {i}\"}}",
            TYPES[i % TYPES.len()]
        );
        let in_block = i % 200;
        if in_block > 0 {
            let _ = write!(out, ",\"ceterms:hasChild\":[\"_:c{}\"", i - 1);
            if in_block >= 7 {
                let _ = write!(out, ",\"_:c{}\"", i - 7);
            }
            out.push(']');
        }
        if in_block >= 3 && i % 5 == 0 {
            let _ = write!(
                out,
                ",\"ceterms:hasCondition\":[{{\"@type\":\"ceterms:ComponentCondition\",\
\"ceterms:name\":\"Core\",\"ceterms:requiredNumber\":1,\
\"ceterms:targetComponent\":[\"_:c{}\",\"_:c{}\"]}}]",
                i - 2,
                i - 3
            );
        }
        out.push('}');
    }
    out.push_str("]}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::{Input, Origin, load};

    #[test]
    fn generated_files_load_and_have_about_three_transitions_a_stage() {
        let text = generate(1_000, 7);
        let loaded = load(&[Input {
            name: "gen.json".into(),
            bytes: text.into_bytes(),
            origin: Origin::User,
        }])
        .expect("generated data loads");
        let p = loaded.pathways;
        assert_eq!(p.stage_count(), 1_000);
        assert!(
            (2_000..=4_000).contains(&p.transition_count()),
            "{}",
            p.transition_count()
        );
        assert!(p.on_ramps().count() > 100);
        assert!(p.off_ramps().count() > 50);
    }

    #[test]
    fn same_seed_same_file() {
        assert_eq!(generate(300, 1), generate(300, 1));
        assert_ne!(generate(300, 1), generate(300, 2));
    }
}
