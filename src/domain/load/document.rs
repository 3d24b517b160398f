//! Reads a file's top-level JSON object in one pass, handing the elements of its big arrays
//! (`stages`, `transitions`) to a callback one at a time, as their text.
//!
//! A whole-file `serde_json::Value` costs a map allocation per object: for 100,000 stages and
//! 300,000 transitions that is hundreds of megabytes and most of the load time. Streaming the
//! arrays lets each element be read straight into its typed form.

use std::fmt;

use serde::Deserializer as _;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// The top-level object, less the streamed arrays.
#[derive(Debug, Default)]
pub struct Document {
    /// Every other member, as values.
    pub rest: Map<String, Value>,
    /// Streamed keys that were present, with a description of what was found when it was not an array.
    pub streamed: Vec<(String, Option<String>)>,
    /// A description of the top-level value when it is not an object.
    pub not_an_object: Option<String>,
    /// Keys given twice, at the top or inside a non-streamed member (the `pathway` object), as the
    /// JSON pointer of the second and the key: the parse would keep one of the two in silence.
    pub duplicate_keys: Vec<(String, String)>,
}

/// Parses `text`; members named in `streamed` must be arrays, whose elements go to `each`.
/// The elements' texts are slices of `text`.
pub fn read<'t>(
    text: &'t str,
    streamed: &[&str],
    each: &mut dyn FnMut(&str, usize, &'t str),
) -> Result<Document, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let doc = de.deserialize_any(Top { streamed, each })?;
    de.end()?;
    Ok(doc)
}

struct Top<'a, 'f, 't> {
    streamed: &'a [&'a str],
    each: &'f mut dyn FnMut(&str, usize, &'t str),
}

/// What a non-container value is, for "expected X, found Y".
macro_rules! found_scalars {
    ($out:ty, $wrap:expr) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<$out, E> {
            Ok($wrap(format!("{v}")))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<$out, E> {
            Ok($wrap(format!("the number {v}")))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<$out, E> {
            Ok($wrap(format!("the number {v}")))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<$out, E> {
            Ok($wrap(format!("the number {v}")))
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<$out, E> {
            Ok($wrap("a string".to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<$out, E> {
            Ok($wrap("null".to_string()))
        }
    };
}

fn not_an_object(found: String) -> Document {
    Document {
        not_an_object: Some(found),
        ..Document::default()
    }
}

impl<'de> Visitor<'de> for Top<'_, '_, 'de> {
    type Value = Document;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    found_scalars!(Document, not_an_object);

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(not_an_object("an array".to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut doc = Document::default();
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                doc.duplicate_keys.push((format!("/{escaped}"), key.clone()));
            }
            if self.streamed.contains(&key.as_str()) {
                let found = map.next_value_seed(Elements {
                    key: &key,
                    each: &mut *self.each,
                })?;
                doc.streamed.push((key, found));
            } else {
                let escaped = key.replace('~', "~0").replace('/', "~1");
                let value = map.next_value_seed(crate::domain::keys::Keyed {
                    path: format!("/{escaped}"),
                    found: &mut doc.duplicate_keys,
                })?;
                doc.rest.insert(key, value);
            }
        }
        Ok(doc)
    }
}

/// One streamed array: `None` when it was an array, else what it was.
struct Elements<'a, 'f, 't> {
    key: &'a str,
    each: &'f mut dyn FnMut(&str, usize, &'t str),
}

impl<'de> DeserializeSeed<'de> for Elements<'_, '_, 'de> {
    type Value = Option<String>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Elements<'_, '_, 'de> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    found_scalars!(Option<String>, Some);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Some("an object".to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<String>, A::Error> {
        let mut i = 0;
        while let Some(raw) = seq.next_element::<&'de RawValue>()? {
            (self.each)(self.key, i, raw.get());
            i += 1;
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_arrays_and_keeps_the_rest() {
        let mut seen = Vec::new();
        let doc = read(
            r#"{"a": 1, "items": [{"x": 1}, 2, "three"], "b": {"c": [true]}}"#,
            &["items", "more"],
            &mut |key, i, v| seen.push((key.to_string(), i, v.to_string())),
        )
        .expect("parses");
        assert_eq!(seen.len(), 3);
        assert_eq!(seen[0], ("items".to_string(), 0, "{\"x\": 1}".to_string()));
        assert_eq!(seen[2], ("items".to_string(), 2, "\"three\"".to_string()));
        assert_eq!(doc.rest.len(), 2);
        assert_eq!(doc.streamed, vec![("items".to_string(), None)]);
        assert_eq!(doc.not_an_object, None);
    }

    #[test]
    fn says_what_was_found_instead() {
        let mut none = |_: &str, _: usize, _: &str| panic!("no elements expected");
        let doc = read(r#"{"items": {"x": [1]}}"#, &["items"], &mut none).expect("parses");
        assert_eq!(
            doc.streamed,
            vec![("items".to_string(), Some("an object".to_string()))]
        );
        let doc = read("[1, 2]", &["items"], &mut none).expect("parses");
        assert_eq!(doc.not_an_object.as_deref(), Some("an array"));
        let doc = read("12", &["items"], &mut none).expect("parses");
        assert_eq!(doc.not_an_object.as_deref(), Some("the number 12"));
    }

    #[test]
    fn syntax_errors_keep_their_position() {
        let mut none = |_: &str, _: usize, _: &str| {};
        let err = read("{\"items\": [1,,2]}", &["items"], &mut none).expect_err("bad");
        assert_eq!((err.line(), err.column()), (1, 14));
        let err = read("{} x", &["items"], &mut none).expect_err("trailing");
        assert_eq!(err.line(), 1);
    }
}
