//! The plan as a document, before it is written as HTML, Markdown or text: blocks of lines, each
//! line made of template words and data text. Keeping the two apart lets each writer escape data
//! (a title cannot inject markup) and lets a test measure the template's reading level alone.

/// A piece of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// The plan's own words.
    Say(String),
    /// Text from the data (a title, a credential, a contact), written as it is, escaped.
    Data(String),
}

/// One line or sentence.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line(pub Vec<Piece>);

impl Line {
    pub fn new() -> Line {
        Line::default()
    }

    /// Template words.
    pub fn say(mut self, text: impl Into<String>) -> Line {
        let text = text.into();
        if !text.is_empty() {
            self.0.push(Piece::Say(text));
        }
        self
    }

    /// Data text.
    pub fn data(mut self, text: impl Into<String>) -> Line {
        let text = text.into();
        if !text.is_empty() {
            self.0.push(Piece::Data(text));
        }
        self
    }

    /// The line as plain text, unescaped.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|p| match p {
                Piece::Say(s) | Piece::Data(s) => s.as_str(),
            })
            .collect()
    }

    /// Only the template words (data replaced by nothing), for measuring readability.
    pub fn template(&self) -> String {
        self.0
            .iter()
            .filter_map(|p| match p {
                Piece::Say(s) => Some(s.as_str()),
                Piece::Data(_) => None,
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A line from template words only.
pub fn say(text: impl Into<String>) -> Line {
    Line::new().say(text)
}

/// A labelled fact of a step: "Time: 11 weeks".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub label: &'static str,
    pub value: Line,
}

/// How a step follows the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// The first step.
    Start,
    Integrated,
    Sequential,
}

/// One step of the route.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub number: usize,
    pub title: Line,
    pub join: Join,
    /// What it is and how it follows the step before, in plain words.
    pub about: Vec<Line>,
    pub facts: Vec<Fact>,
}

/// A part of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// The plan's title.
    Title(Line),
    /// Who, when, where: small lines under the title.
    Meta(Vec<Line>),
    Heading(&'static str),
    Para(Line),
    Steps(Vec<Step>),
    List(Vec<Line>),
    /// Things to do, ticked on paper.
    Checklist(Vec<Line>),
    /// Term and meaning.
    Glossary(Vec<(&'static str, Line)>),
    /// The sources, in small print.
    Sources(Vec<Line>),
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub lang: super::Lang,
    pub blocks: Vec<Block>,
}

impl Doc {
    /// Every line of the plan, in order (titles, facts and glossary included).
    pub fn lines(&self) -> Vec<&Line> {
        let mut out = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Title(l) | Block::Para(l) => out.push(l),
                Block::Meta(ls) | Block::List(ls) | Block::Checklist(ls) | Block::Sources(ls) => {
                    out.extend(ls.iter());
                }
                Block::Heading(_) => {}
                Block::Steps(steps) => {
                    for s in steps {
                        out.push(&s.title);
                        out.extend(s.about.iter());
                        out.extend(s.facts.iter().map(|f| &f.value));
                    }
                }
                Block::Glossary(terms) => out.extend(terms.iter().map(|(_, l)| l)),
            }
        }
        out
    }
}
