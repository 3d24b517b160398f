//! What went wrong in a load: each problem with its file, place and JSON path, and the report
//! that gathers them (at most `MAX_MESSAGES`, the rest counted).

use std::fmt;

use super::locate::{Position, locate, locate_repeat};
use super::{MAX_MESSAGES, Unit};

/// One problem with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub position: Option<Position>,
    /// The JSON pointer of the offending value, when the problem is in a value.
    pub pointer: Option<String>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        if let Some(ptr) = &self.pointer {
            write!(f, ": {}", if ptr.is_empty() { "/" } else { ptr })?;
        }
        // One error, one line: a quoted id or source from the data cannot start another.
        write!(f, ": {}", crate::sanitize::clean(&self.message))
    }
}

/// Every problem found in a load; nothing was built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct LoadErrors {
    pub errors: Vec<LoadError>,
    /// Problems found beyond those listed.
    pub omitted: usize,
    /// What the user can do about it, said once after the problems.
    pub hint: Option<String>,
}

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if self.omitted > 0 {
            write!(f, "\n... and {} more problems", self.omitted)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n{hint}")?;
        }
        Ok(())
    }
}

impl LoadErrors {
    /// A single problem with a file as a whole (it cannot be read, say).
    pub fn file(file: &str, message: impl Into<String>) -> LoadErrors {
        LoadErrors {
            errors: vec![LoadError {
                file: file.to_string(),
                position: None,
                pointer: None,
                message: message.into(),
            }],
            omitted: 0,
            hint: None,
        }
    }
}

/// A problem found while reading values: where (pointer) and what.
pub(super) struct Issue {
    pub(super) pointer: String,
    pub(super) message: String,
    /// The problem is the second member of that name in its object (a key given twice), not the
    /// first that the pointer would find.
    pub(super) again: bool,
}

#[derive(Default)]
pub(super) struct Report {
    pub(super) errors: Vec<LoadError>,
    pub(super) omitted: usize,
}

impl Report {
    pub(super) fn push(&mut self, error: LoadError) {
        if self.errors.len() < MAX_MESSAGES {
            self.errors.push(error);
        } else {
            self.omitted += 1;
        }
    }

    pub(super) fn extend(&mut self, errors: Vec<LoadError>) {
        for e in errors {
            self.push(e);
        }
    }

    /// Whether every further problem is only counted.
    pub(super) fn is_full(&self) -> bool {
        self.errors.len() >= MAX_MESSAGES
    }

    pub(super) fn at(&mut self, input: &Unit<'_>, text: &str, pointer: String, message: String) {
        if self.is_full() {
            self.omitted += 1;
            return;
        }
        if let Some(layout) = &input.layout {
            self.push(layout.error(&pointer, message));
            return;
        }
        // A line of the generated text would send the user to the wrong place in her file.
        if let Some(places) = &input.ctdl {
            self.push(LoadError {
                file: input.name.clone(),
                position: None,
                pointer: Some(places.describe(&pointer)),
                message,
            });
            return;
        }
        let position = Some(locate(text, &pointer));
        self.push(LoadError {
            file: input.name.clone(),
            position,
            pointer: Some(pointer),
            message,
        });
    }

    /// An issue found reading `input`, placed in `text`.
    pub(super) fn issue(&mut self, input: &Unit<'_>, text: &str, issue: Issue) {
        if issue.again && input.layout.is_none() && input.ctdl.is_none() && !self.is_full() {
            let position = Some(locate_repeat(text, &issue.pointer));
            self.push(LoadError {
                file: input.name.clone(),
                position,
                pointer: Some(issue.pointer),
                message: issue.message,
            });
            return;
        }
        self.at(input, text, issue.pointer, issue.message);
    }

    pub(super) fn finish(self) -> LoadErrors {
        LoadErrors {
            errors: self.errors,
            omitted: self.omitted,
            hint: None,
        }
    }
}
