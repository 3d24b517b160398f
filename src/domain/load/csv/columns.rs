//! The documented columns of each CSV file, in the order `export` writes them: the `pathways/1`
//! fields of a stage, a transition, a source and a condition. A nested object is spread over
//! columns named `object.member`: `wage.year`, `explain.level-jump`, `names.es`.

use super::Part;
use super::cells::Kind;

/// One documented column: its header and what its cells hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
}

const fn col(name: &'static str, kind: Kind) -> Column {
    Column { name, kind }
}

/// `stages.csv`: DESIGN's stage fields (`wage` spread over three columns).
pub const STAGES: &[Column] = &[
    col("id", Kind::Text),
    col("title", Kind::Text),
    col("kind", Kind::Text),
    col("level", Kind::Number),
    col("entry", Kind::List),
    col("credential", Kind::Text),
    col("awards", Kind::List),
    col("requires", Kind::List),
    col("weeks", Kind::Number),
    col("weeks_range", Kind::Numbers),
    col("hours", Kind::Number),
    col("cost_usd", Kind::Number),
    col("wage.median_annual_usd", Kind::Number),
    col("wage.year", Kind::Number),
    col("wage.source", Kind::Text),
    col("soc", Kind::Text),
    col("description", Kind::Text),
    col("services", Kind::List),
    col("url", Kind::Text),
    col("contact", Kind::Text),
    col("tags", Kind::List),
    col("sources", Kind::List),
    col("note", Kind::Text),
];

/// `transitions.csv`.
pub const TRANSITIONS: &[Column] = &[
    col("from", Kind::Text),
    col("to", Kind::Text),
    col("mode", Kind::Text),
    col("weeks", Kind::Number),
    col("cost_usd", Kind::Number),
    col("sources", Kind::List),
    col("note", Kind::Text),
];

/// `sources.csv`: the file's `pathway.sources`.
pub const SOURCES: &[Column] = &[
    col("id", Kind::Text),
    col("title", Kind::Text),
    col("year", Kind::Number),
    col("url", Kind::Text),
    col("publisher", Kind::Text),
];

/// `conditions.csv`: the file's `pathway.conditions`.
pub const CONDITIONS: &[Column] = &[
    col("id", Kind::Text),
    col("title", Kind::Text),
    col("description", Kind::Text),
    col("implies", Kind::List),
];

/// The rows of `pathway.csv` (`field,value`): the `pathway` object's own fields.
pub const PATHWAY: &[Column] = &[
    col("id", Kind::Text),
    col("title", Kind::Text),
    col("sector", Kind::Text),
    col("region", Kind::Text),
    col("note", Kind::Text),
];

/// The header of `pathway.csv`.
pub const PATHWAY_HEADER: [&str; 2] = ["field", "value"];

/// What one file holds: its documented columns, those every row needs, the objects spread over
/// `object.member` columns of text (`wage`'s members are fixed columns). Other columns are kept,
/// and left to the `unknown-field` audit.
#[derive(Debug, Clone, Copy)]
pub struct Sheet {
    pub columns: &'static [Column],
    pub required: &'static [&'static str],
    pub spread: &'static [&'static str],
}

/// The columns of each file.
pub fn sheet(part: Part) -> Sheet {
    match part {
        Part::Stages => Sheet {
            columns: STAGES,
            required: &["id", "title", "kind", "level"],
            spread: &["explain", "names"],
        },
        Part::Transitions => Sheet {
            columns: TRANSITIONS,
            required: &["from", "to", "mode"],
            spread: &["explain"],
        },
        Part::Pathway => Sheet {
            columns: PATHWAY,
            required: &[],
            spread: &["explain"],
        },
        Part::Sources => Sheet {
            columns: SOURCES,
            required: &["id", "title"],
            spread: &[],
        },
        Part::Conditions => Sheet {
            columns: CONDITIONS,
            required: &["id", "title"],
            spread: &[],
        },
    }
}

impl Sheet {
    /// Where a column's value goes in its object: `["weeks"]`, `["wage", "year"]`,
    /// `["explain", "level-jump"]`.
    pub fn path<'a>(&self, name: &'a str) -> Vec<&'a str> {
        let nested = |object: &str| {
            self.spread.contains(&object)
                || self
                    .columns
                    .iter()
                    .any(|c| c.name.split_once('.').is_some_and(|(o, _)| o == object))
        };
        match name.split_once('.') {
            Some((object, member)) if !member.is_empty() && nested(object) => vec![object, member],
            _ => vec![name],
        }
    }

    /// What the cells of a column hold: documented columns by their kind, spread members as
    /// text, any other column loosely.
    pub fn kind_of(&self, name: &str) -> Kind {
        if let Some(c) = self.columns.iter().find(|c| c.name == name) {
            return c.kind;
        }
        match self.path(name).as_slice() {
            [object, _] if self.spread.contains(object) => Kind::Text,
            _ => Kind::Loose,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_find_their_place_in_the_object() {
        let stages = sheet(Part::Stages);
        assert_eq!(stages.path("weeks"), ["weeks"]);
        assert_eq!(stages.path("wage.year"), ["wage", "year"]);
        assert_eq!(stages.path("wage.yaer"), ["wage", "yaer"]);
        assert_eq!(stages.path("explain.level-jump"), ["explain", "level-jump"]);
        assert_eq!(stages.path("x-owner.team"), ["x-owner.team"]);
        assert_eq!(sheet(Part::Transitions).path("wage.year"), ["wage.year"]);
        assert_eq!(stages.kind_of("names.es"), Kind::Text);
        assert_eq!(stages.kind_of("x-color"), Kind::Loose);
        assert_eq!(stages.kind_of("entry"), Kind::List);
    }
}
