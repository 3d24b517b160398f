//! Any bytes, loaded as a pathway file next to a good one: data or located messages, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathways::domain::load::{Input, Origin, load};

fuzz_target!(|data: &[u8]| {
    let input = Input {
        name: "fuzz.json".into(),
        bytes: data.to_vec(),
        origin: Origin::User,
    };
    if let Err(errors) = load(&[input]) {
        for e in &errors.errors {
            assert_eq!(e.file, "fuzz.json");
            assert!(!e.message.is_empty());
        }
    }
});
