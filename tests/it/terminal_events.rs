//! The explorer reads the terminal through crossterm's poll(2) event source (feature
//! `use-dev-tty`): the default mio source drops a key that arrives with a resize. The feature is
//! asked for on our own `crossterm` dependency and reaches ratatui's only while both are the same
//! crossterm, so a ratatui upgrade that brings another crossterm must fail here, not in a session.

fn read(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name))
        .expect("read the manifest")
}

/// The versions of `crossterm` in the lockfile.
fn locked_crossterm_versions(lock: &str) -> Vec<String> {
    let mut versions = Vec::new();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"crossterm\"" {
            let version = lines.next().unwrap_or_default();
            versions.push(
                version
                    .trim_start_matches("version = ")
                    .trim_matches('"')
                    .to_string(),
            );
        }
    }
    versions
}

#[test]
fn one_crossterm_and_it_is_the_one_with_the_poll_source() {
    let versions = locked_crossterm_versions(&read("Cargo.lock"));
    assert_eq!(
        versions.len(),
        1,
        "crossterm versions in Cargo.lock: {versions:?}"
    );
    let manifest = read("Cargo.toml");
    let ours = manifest
        .lines()
        .find(|l| l.starts_with("crossterm = "))
        .expect("a crossterm dependency in Cargo.toml");
    assert!(ours.contains("\"use-dev-tty\""), "{ours}");
    let wanted = ours
        .split("version = \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a version");
    assert!(
        versions[0] == wanted || versions[0].starts_with(&format!("{wanted}.")),
        "Cargo.toml asks for crossterm {wanted}, the lockfile has {}",
        versions[0]
    );
}

#[test]
fn the_lockfile_reader_sees_every_version() {
    let lock = "[[package]]\nname = \"crossterm\"\nversion = \"0.28.1\"\n\n[[package]]\nname = \"crossterm\"\nversion = \"0.29.0\"\n";
    assert_eq!(locked_crossterm_versions(lock), ["0.28.1", "0.29.0"]);
}
