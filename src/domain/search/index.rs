//! The words of every stage, read once per graph so that a keystroke never splits or lower-cases
//! a title again: each distinct word is held once (`vocabulary`), stages point at theirs, and a
//! query word is compared with each distinct word once, and only with words of its first letter
//! (no similarity holds between words that start differently, see `words::similarity`).

use std::collections::HashMap;
use std::ops::Range;

use super::Field;
use super::words::{self, similarity};
use crate::domain::model::Stage;

/// One stage's words, as ranges into the index's flat lists.
#[derive(Debug, Clone)]
struct Entry {
    /// Into `Index::words`: title words first (`titles` of them), then credential, SOC, id and
    /// tag words, in the order a tie is broken in.
    words: Range<u32>,
    /// Into `Index::starts`: one per title word.
    starts: Range<u32>,
    /// Into `Index::joined`: neighbouring title words joined as a hyphen splits them.
    joined: Range<u32>,
    /// Into `Index::firsts`: initials of the title, then of the credential.
    title_firsts: Range<u32>,
    credential_firsts: Range<u32>,
}

/// Every stage's words, by node index.
#[derive(Debug, Clone, Default)]
pub struct Index {
    vocabulary: Vec<String>,
    /// By word id: the word is in some title or credential, words people see and may mistype
    /// (ids, SOC codes and tags are not offered as suggestions).
    shown: Vec<bool>,
    /// Word ids by the word's first character.
    by_first: HashMap<char, Vec<u32>>,
    words: Vec<(Field, u32)>,
    /// For each title word in `words`, the character position it starts at in the title.
    starts: Vec<u32>,
    joined: Vec<u32>,
    firsts: Vec<char>,
    entries: Vec<Entry>,
}

/// Interns words while the index is built.
#[derive(Default)]
struct Builder {
    ids: HashMap<String, u32>,
    index: Index,
}

impl Builder {
    fn intern(&mut self, word: String, shown: bool) -> u32 {
        if let Some(&id) = self.ids.get(&word) {
            self.index.shown[id as usize] |= shown;
            return id;
        }
        let id = self.index.vocabulary.len() as u32;
        if let Some(first) = word.chars().next() {
            self.index.by_first.entry(first).or_default().push(id);
        }
        self.index.vocabulary.push(word.clone());
        self.index.shown.push(shown);
        self.ids.insert(word, id);
        id
    }

    fn push_firsts(&mut self, ws: &[String]) -> Range<u32> {
        let from = self.index.firsts.len() as u32;
        self.index.firsts.extend(words::firsts(ws));
        from..self.index.firsts.len() as u32
    }

    fn add(&mut self, stage: &Stage) {
        let title = title_words(&stage.title);
        let title_text: Vec<String> = title.iter().map(|(_, w)| w.clone()).collect();
        let from = self.index.words.len() as u32;
        let starts_from = self.index.starts.len() as u32;
        for (start, word) in title {
            let id = self.intern(word, true);
            self.index.words.push((Field::Title, id));
            self.index.starts.push(start as u32);
        }
        let mut credential = Vec::new();
        for (field, text) in [
            (Field::Credential, stage.credential.as_deref()),
            (Field::Soc, stage.soc.as_deref()),
            (Field::Id, Some(stage.id.as_str())),
        ]
        .into_iter()
        .chain(stage.tags().iter().map(|t| (Field::Tag, Some(t.as_str()))))
        {
            for word in text.into_iter().flat_map(words::words) {
                if field == Field::Credential {
                    credential.push(word.clone());
                }
                let id = self.intern(word, field == Field::Credential);
                self.index.words.push((field, id));
            }
        }
        let words = from..self.index.words.len() as u32;
        let joined_from = self.index.joined.len() as u32;
        for word in words::joined(&title_text) {
            let id = self.intern(word, false);
            self.index.joined.push(id);
        }
        let joined = joined_from..self.index.joined.len() as u32;
        let title_firsts = self.push_firsts(&title_text);
        let credential_firsts = self.push_firsts(&credential);
        self.index.entries.push(Entry {
            words,
            starts: starts_from..starts_from + title_text.len() as u32,
            joined,
            title_firsts,
            credential_firsts,
        });
    }
}

/// The words of a title with the character position each starts at.
pub fn title_words(title: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut word = String::new();
    for (i, c) in title.chars().enumerate() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            word.extend(c.to_lowercase());
        } else if let Some(s) = start.take() {
            out.push((s, std::mem::take(&mut word)));
        }
    }
    if let Some(s) = start {
        out.push((s, word));
    }
    out
}

/// One stage's words as the scorer reads them.
pub struct StageWords<'a> {
    /// Every word with its field, title words first.
    pub words: &'a [(Field, u32)],
    /// How many of `words` are the title's, and where each starts in it.
    pub starts: &'a [u32],
    pub joined: &'a [u32],
    pub title_firsts: &'a [char],
    pub credential_firsts: &'a [char],
}

impl Index {
    /// The index of `stages`, in node order.
    pub fn new<'a>(stages: impl Iterator<Item = &'a Stage>) -> Index {
        let mut builder = Builder::default();
        for stage in stages {
            builder.add(stage);
        }
        builder.index
    }

    /// The words of the stage at node index `node`.
    pub fn stage(&self, node: usize) -> StageWords<'_> {
        let e = &self.entries[node];
        let range = |r: &Range<u32>| r.start as usize..r.end as usize;
        StageWords {
            words: &self.words[range(&e.words)],
            starts: &self.starts[range(&e.starts)],
            joined: &self.joined[range(&e.joined)],
            title_firsts: &self.firsts[range(&e.title_firsts)],
            credential_firsts: &self.firsts[range(&e.credential_firsts)],
        }
    }

    /// The word with id `id`.
    pub fn word(&self, id: u32) -> &str {
        &self.vocabulary[id as usize]
    }

    /// The words of titles and credentials, each once, with their ids.
    pub fn shown_words(&self) -> impl Iterator<Item = (u32, &str)> {
        self.vocabulary
            .iter()
            .zip(&self.shown)
            .enumerate()
            .filter(|(_, (_, shown))| **shown)
            .map(|(id, (word, _))| (id as u32, word.as_str()))
    }

    /// How well `q` matches each word of the vocabulary (0..=100, by word id).
    pub fn similarities(&self, q: &str, typos: bool) -> Vec<u8> {
        let mut out = vec![0u8; self.vocabulary.len()];
        let Some(first) = q.chars().next() else {
            return out;
        };
        for &id in self.by_first.get(&first).into_iter().flatten() {
            out[id as usize] = similarity(q, &self.vocabulary[id as usize], typos) as u8;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The index compares a query word only with words of its first letter: that must be
        /// every word it is at all similar to.
        #[test]
        fn only_words_of_the_same_first_letter_are_similar(
            q in "[a-cé]{1,8}",
            t in "[a-cé]{1,10}",
            typos: bool,
        ) {
            if similarity(&q, &t, typos) > 0 {
                prop_assert_eq!(q.chars().next(), t.chars().next());
            }
        }
    }

    #[test]
    fn a_query_word_is_compared_with_every_word_of_the_data() {
        let stage = |id: &str, title: &str| super::super::tests::stage(id, title, None, None, &[]);
        let stages = [stage("a1", "Nursing assistant I-BEST"), stage("b2", "Nurse")];
        let index = Index::new(stages.iter());
        let all = |q: &str| -> Vec<(String, u8)> {
            let similar = index.similarities(q, true);
            (0..index.vocabulary.len() as u32)
                .filter(|&id| similar[id as usize] > 0)
                .map(|id| (index.word(id).to_string(), similar[id as usize]))
                .collect()
        };
        assert_eq!(all("nurse"), [("nursing".into(), 85), ("nurse".into(), 100)]);
        assert_eq!(
            all("ibest"),
            [("ibest".into(), 100)],
            "joined words are words too"
        );
        let a1 = index.stage(0);
        assert_eq!(a1.starts, [0, 8, 18, 20]);
        assert_eq!(a1.title_firsts, ['n', 'a', 'b']);
        assert_eq!(index.word(a1.words[4].1), "a1", "the id after the title");
        assert!(index.stage(1).joined.is_empty());
    }
}
