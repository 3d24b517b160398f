//! Reading the members of one JSON object field by field, noting every problem and every member
//! nobody asked for.

use serde_json::{Map, Value};

use super::error::Issue;
use super::json::{describe, short, whole};
use crate::domain::audit::{Code, Subject};
use crate::domain::model::{Explain, MAX_ID_CHARS, MAX_NAME_CHARS, within_chars};

/// An `explain` entry on an object its code is never found on: a `level-jump` is about a
/// transition, so a stage's entry for it would mark nothing.
fn misplaced(code: Code, subject: Subject) -> String {
    let on = code.found_on();
    let about: Vec<&str> = on.iter().map(|s| s.name()).collect();
    let objects: Vec<&str> = on.iter().map(|s| s.object()).collect();
    format!(
        "{code} is about {}, not {}: put this entry in the `explain` of {}",
        about.join(" or "),
        subject.name(),
        objects.join(" or ")
    )
}

/// Reads the fields of one JSON object, noting every problem instead of stopping at the first.
pub(super) struct Fields<'a> {
    pub(super) map: Map<String, Value>,
    pub(super) pointer: String,
    pub(super) issues: &'a mut Vec<Issue>,
}

impl<'a> Fields<'a> {
    pub(super) fn new(
        value: Value,
        pointer: String,
        what: &str,
        issues: &'a mut Vec<Issue>,
    ) -> Option<Fields<'a>> {
        match value {
            Value::Object(map) => Some(Fields { map, pointer, issues }),
            other => {
                issues.push(Issue {
                    message: format!("expected {what} (a JSON object), found {}", describe(&other)),
                    pointer,
                    again: false,
                });
                None
            }
        }
    }

    pub(super) fn path(&self, key: &str) -> String {
        format!("{}/{}", self.pointer, key.replace('~', "~0").replace('/', "~1"))
    }

    pub(super) fn problem(&mut self, key: &str, message: String) {
        let pointer = self.path(key);
        self.issues.push(Issue {
            pointer,
            message,
            again: false,
        });
    }

    pub(super) fn missing(&mut self, key: &str) {
        self.issues.push(Issue {
            pointer: self.pointer.clone(),
            message: format!("missing required field \"{key}\""),
            again: false,
        });
    }

    pub(super) fn take(&mut self, key: &str) -> Option<Value> {
        match self.map.remove(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    pub(super) fn required(&mut self, key: &str) -> Option<Value> {
        let v = self.take(key);
        if v.is_none() {
            self.missing(key);
        }
        v
    }

    pub(super) fn string(&mut self, key: &str, v: Value) -> Option<String> {
        match v {
            Value::String(s) if !s.trim().is_empty() => Some(s),
            Value::String(_) => {
                self.problem(key, "expected a non-empty string, found an empty one".into());
                None
            }
            other => {
                self.problem(key, format!("expected a string, found {}", describe(&other)));
                None
            }
        }
    }

    pub(super) fn req_str(&mut self, key: &str) -> Option<String> {
        let v = self.required(key)?;
        self.string(key, v)
    }

    /// A title, sector or credential: at most `MAX_NAME_CHARS` characters.
    pub(super) fn name(&mut self, key: &str, text: Option<String>) -> Option<String> {
        let text = text?;
        if within_chars(&text, MAX_NAME_CHARS) {
            return Some(text);
        }
        self.problem(
            key,
            format!(
                "{} characters: a {key} has at most {MAX_NAME_CHARS} (put the rest in the description)",
                text.chars().count()
            ),
        );
        None
    }

    pub(super) fn req_name(&mut self, key: &str) -> Option<String> {
        let text = self.req_str(key);
        self.name(key, text)
    }

    /// An id: text without line breaks or control characters, which would let a file forge the
    /// lines of a message that quotes it.
    pub(super) fn req_id(&mut self, key: &str) -> Option<String> {
        let id = self.req_str(key)?;
        if !within_chars(&id, MAX_ID_CHARS) {
            self.problem(
                key,
                format!(
                    "the id has {} characters: ids have at most {MAX_ID_CHARS}",
                    id.chars().count()
                ),
            );
            return None;
        }
        if id.chars().any(crate::sanitize::is_unsafe) {
            let shown = crate::sanitize::clean(&id).into_owned();
            self.problem(
                key,
                format!("the id \"{shown}\" has a line break or control character: ids are plain text"),
            );
            return None;
        }
        Some(crate::domain::model::normal_id(id))
    }

    pub(super) fn opt_str(&mut self, key: &str) -> Option<String> {
        let v = self.take(key)?;
        self.string(key, v)
    }

    /// A number from 0 to `max` (weeks, costs, wages, hours).
    pub(super) fn opt_amount(&mut self, key: &str, max: f64) -> Option<f64> {
        let v = self.take(key)?;
        match v.as_f64() {
            Some(x) if x.is_finite() && (0.0..=max).contains(&x) => Some(x),
            Some(x) if x.is_finite() && x > max => {
                let given = short(&v);
                self.problem(
                    key,
                    format!("{given} is more than any real figure: give at most {max}"),
                );
                None
            }
            Some(x) => {
                self.problem(key, format!("expected a number of 0 or more, found {x}"));
                None
            }
            None => {
                self.problem(key, format!("expected a number, found {}", describe(&v)));
                None
            }
        }
    }

    /// A whole number in `lo..=hi`.
    pub(super) fn int_in(&mut self, key: &str, v: Value, lo: u64, hi: u64) -> Option<u64> {
        match whole(&v) {
            Some(n) if (lo..=hi).contains(&n) => Some(n),
            _ => {
                self.problem(
                    key,
                    format!(
                        "expected a whole number from {lo} to {hi}, found {}",
                        describe(&v)
                    ),
                );
                None
            }
        }
    }

    pub(super) fn strings(&mut self, key: &str) -> Vec<String> {
        let Some(v) = self.take(key) else {
            return Vec::new();
        };
        let Value::Array(items) = v else {
            self.problem(
                key,
                format!("expected an array of strings, found {}", describe(&v)),
            );
            return Vec::new();
        };
        let base = self.path(key);
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Value::String(s) if !s.trim().is_empty() => out.push(s),
                other => self.issues.push(Issue {
                    pointer: format!("{base}/{i}"),
                    message: format!("expected a non-empty string, found {}", describe(&other)),
                    again: false,
                }),
            }
        }
        out
    }

    /// `explain`: `{"<finding code>": "why it is deliberate"}`. Codes must be known and found on
    /// this kind of object (`subject`), and errors cannot be explained away.
    pub(super) fn explain(&mut self, subject: Subject) -> Explain {
        use crate::domain::audit::{Code, Severity};
        let Some(v) = self.take("explain") else {
            return Explain::new();
        };
        let Value::Object(map) = v else {
            self.problem(
                "explain",
                format!(
                    "expected an object of finding codes and reasons, such as {{\"level-jump\": \"why\"}}, found {}",
                    describe(&v)
                ),
            );
            return Explain::new();
        };
        let base = self.path("explain");
        let mut out = Explain::new();
        for (code, why) in map {
            let pointer = format!("{base}/{}", code.replace('~', "~0").replace('/', "~1"));
            let problem = match (Code::parse(&code), &why) {
                (None, _) => {
                    let near = crate::domain::condition::nearest(&code, Code::ALL.iter().map(|c| c.as_str()));
                    Some(match near {
                        Some(n) => format!("unknown finding code \"{code}\": did you mean \"{n}\"?"),
                        None => format!("unknown finding code \"{code}\" (the README's audit table lists them)"),
                    })
                }
                (Some(c), _) if c.severity() == Severity::Error => Some(format!(
                    "{code} is an error: fix it in the data, an explanation cannot excuse it"
                )),
                (Some(c), _) if !c.found_on().contains(&subject) => Some(misplaced(c, subject)),
                (Some(Code::UnsourcedFigure), _) => Some(
                    "unsourced-figure cannot be explained: name the figure's source in `sources`, or leave the figure out"
                        .to_string(),
                ),
                (Some(_), Value::String(s)) if !s.trim().is_empty() => None,
                (Some(_), other) => Some(format!(
                    "expected a non-empty string saying why, found {}",
                    describe(other)
                )),
            };
            match problem {
                Some(message) => self.issues.push(Issue {
                    pointer,
                    message,
                    again: false,
                }),
                None => {
                    if let Value::String(s) = why {
                        out.push((code, s));
                    }
                }
            }
        }
        out
    }

    pub(super) fn rest(self) -> Map<String, Value> {
        self.map
    }

    /// Members left after reading `known` are errors, `x-` members aside: in a test table a
    /// misspelt `max` would move scores to another level without a word.
    pub(super) fn refuse_rest(mut self, known: &[&str], what: &str) {
        let rest = std::mem::take(&mut self.map);
        for key in rest.keys().filter(|k| !k.starts_with("x-")) {
            let near = crate::domain::audit::nearest_field(key, known)
                .map(|n| format!(" (did you mean \"{n}\"?)"))
                .unwrap_or_default();
            self.problem(
                key,
                format!(
                    "unknown field \"{key}\" in {what}{near}: rename it, or start it with x- to keep it as your own"
                ),
            );
        }
    }
}
