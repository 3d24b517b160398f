//! Which format a file is in, told by its content: the `format` tag of a JSON document. Each
//! format is read by its own module; adding one is a variant here and an arm in `load`.

use serde_json::Value;

use super::json::short;

/// The format tag of pathway files.
pub const FORMAT: &str = "pathways/1";
/// The format tag of test benchmark tables.
pub const LEVELS_FORMAT: &str = "pathways-levels/1";

/// A format the loader reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `pathways/1`: a pathway's stages and transitions.
    Pathways,
    /// `pathways-levels/1`: a test's benchmark table.
    Levels,
}

impl Format {
    /// The format a document's `format` member names, or why it names none.
    pub fn of_tag(tag: Option<&Value>) -> Result<Format, String> {
        match tag {
            None => Err(format!(
                "missing required field \"format\" (expected \"{FORMAT}\")"
            )),
            Some(Value::String(s)) if s == FORMAT => Ok(Format::Pathways),
            Some(Value::String(s)) if s == LEVELS_FORMAT => Ok(Format::Levels),
            Some(other) => Err(format!(
                "unknown format {}: expected \"{FORMAT}\" (or \"{LEVELS_FORMAT}\" for a test table)",
                short(other)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn tags_name_their_format_and_anything_else_says_what_was_expected() {
        assert_eq!(Format::of_tag(Some(&json!("pathways/1"))), Ok(Format::Pathways));
        assert_eq!(
            Format::of_tag(Some(&json!("pathways-levels/1"))),
            Ok(Format::Levels)
        );
        let missing = Format::of_tag(None).unwrap_err();
        assert!(
            missing.starts_with("missing required field \"format\""),
            "{missing}"
        );
        let wrong = Format::of_tag(Some(&json!("pathways/2"))).unwrap_err();
        assert!(
            wrong.contains("\"pathways/2\"") && wrong.contains("pathways-levels/1"),
            "{wrong}"
        );
    }
}
