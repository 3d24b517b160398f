//! Duplicate keys in a JSON object (`"weeks": 22, "weeks": 44`): JSON parsers keep one of them in
//! silence, so a designer's correction can be lost without a word. This walks a text once, keeping
//! nothing but the keys of the object it is in.

use std::collections::HashSet;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// At most this many duplicates are reported for one text.
const MAX_REPORTED: usize = 20;

/// The JSON pointer (below the text's root) and name of each key given twice in one object of
/// `text`, in the order they appear; empty when the text is not JSON (its parse reports that).
pub fn duplicate_keys(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let seed = Keyed {
        path: String::new(),
        found: &mut found,
    };
    if seed.deserialize(&mut de).is_err() {
        return Vec::new();
    }
    found
}

/// A value read with its duplicate keys noted: a seed for the one deserializer the whole file is
/// read with, so syntax errors keep their place in the file.
pub struct Keyed<'a> {
    /// The JSON pointer of the value.
    pub path: String,
    /// Where the duplicates found go, as `duplicate_keys` gives them.
    pub found: &'a mut Vec<(String, String)>,
}

impl<'de> DeserializeSeed<'de> for Keyed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Keyed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let found = self.found;
        let mut out = Map::new();
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = format!("{}/{}", self.path, key.replace('~', "~0").replace('/', "~1"));
            if seen.contains(&key) {
                if found.len() < MAX_REPORTED {
                    found.push((path.clone(), key.clone()));
                }
            } else {
                seen.insert(key.clone());
            }
            let value = map.next_value_seed(Keyed {
                path,
                found: &mut *found,
            })?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let found = self.found;
        let mut out = Vec::new();
        while let Some(value) = seq.next_element_seed(Keyed {
            path: format!("{}/{}", self.path, out.len()),
            found: &mut *found,
        })? {
            out.push(value);
        }
        Ok(Value::Array(out))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::duplicate_keys;

    #[test]
    fn finds_each_key_given_twice_where_it_is() {
        let text = r#"{"weeks": 22, "title": "A", "weeks": 44,
            "wage": {"year": 2024, "year": 2025}, "tags": [{"a": 1, "a": 2}, {"a": 1}]}"#;
        assert_eq!(
            duplicate_keys(text),
            [
                ("/weeks".to_string(), "weeks".to_string()),
                ("/wage/year".to_string(), "year".to_string()),
                ("/tags/0/a".to_string(), "a".to_string()),
            ]
        );
    }

    #[test]
    fn distinct_keys_and_broken_text_give_nothing() {
        assert!(duplicate_keys(r#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#).is_empty());
        assert!(duplicate_keys(r#"{"a": 1, "a""#).is_empty());
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert!(
            duplicate_keys(&deep).is_empty(),
            "too deep: refused, not overflowed"
        );
    }
}
