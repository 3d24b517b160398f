//! Any text as a test score or a skill level: a placement or a one-line reason, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pathways::domain::benchmark::Benchmarks;
use pathways::domain::level::{Entry, SkillLevel};
use pathways::domain::load::load;
use pathways::domain::shipped;

fn tables() -> &'static Benchmarks {
    static TABLES: OnceLock<Benchmarks> = OnceLock::new();
    TABLES.get_or_init(|| load(&shipped::level_inputs()).map(|l| l.benchmarks).unwrap_or_default())
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match tables().place_text(text) {
        Ok(p) => assert!(matches!(p.level, SkillLevel::Esl(1..=6) | SkillLevel::Abe(1..=6))),
        Err(e) => assert!(!e.0.is_empty() && !e.0.contains('\n') || text.contains('\n')),
    }
    if let Ok(level) = SkillLevel::parse(text) {
        assert_eq!(SkillLevel::parse(&level.to_string()), Ok(level));
    }
    let _ = Entry::parse(text);
});
