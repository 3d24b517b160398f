//! Pathways in spreadsheets: a folder holding `stages.csv` and `transitions.csv` (and, if it
//! likes, `pathway.csv`, `sources.csv` and `conditions.csv`) is one `pathways/1` file. The CSV
//! files are read into the very document a JSON file gives, which the loader then checks as it
//! checks any file, so a CSV folder and its JSON equivalent load to the same stages, transitions
//! and findings; only the places in messages differ (`stages.csv:4:9`, row 4, column 9).
//!
//! The columns are in `columns`, the cell encodings in `cells`; README, "Spreadsheets (CSV)",
//! documents both for designers.

pub mod cells;
pub mod columns;
pub mod layout;
pub mod parse;
pub mod read;
pub mod write;

use std::path::Path;

use super::Input;

pub use layout::Layout;

/// One file of a CSV pathway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    Pathway,
    Sources,
    Conditions,
    Stages,
    Transitions,
}

impl Part {
    /// In the order `export` writes them and messages list them.
    pub const ALL: [Part; 5] = [
        Part::Pathway,
        Part::Sources,
        Part::Conditions,
        Part::Stages,
        Part::Transitions,
    ];

    pub fn file_name(self) -> &'static str {
        match self {
            Part::Pathway => "pathway.csv",
            Part::Sources => "sources.csv",
            Part::Conditions => "conditions.csv",
            Part::Stages => "stages.csv",
            Part::Transitions => "transitions.csv",
        }
    }

    /// The part a file is, by its name in any case (`Stages.CSV` too: spreadsheets on some
    /// systems capitalise).
    pub fn of_file(path: &str) -> Option<Part> {
        let name = Path::new(path).file_name()?.to_str()?;
        Part::ALL
            .into_iter()
            .find(|p| p.file_name().eq_ignore_ascii_case(name))
    }

    /// Whether a folder holding this part is a CSV pathway: the parts that cannot be left out.
    pub fn makes_a_pathway(self) -> bool {
        matches!(self, Part::Stages | Part::Transitions)
    }
}

/// Whether a file name ends in `.csv` (any case).
pub fn is_csv(path: &str) -> bool {
    Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// The inputs as the loader takes them: other files one by one, the CSV files of one folder
/// together, at the place of the first of them.
#[derive(Debug)]
pub enum Unit<'a> {
    File(&'a Input),
    Folder {
        name: String,
        files: Vec<read::File<'a>>,
    },
    /// A `.csv` file that is none of the five names: what it holds cannot be told.
    Stray(&'a Input),
}

/// Groups `inputs` into units: CSV files by the folder they are in.
pub fn units(inputs: &[Input]) -> Vec<Unit<'_>> {
    let mut units: Vec<Unit<'_>> = Vec::with_capacity(inputs.len());
    for input in inputs {
        let Some(part) = Part::of_file(&input.name) else {
            units.push(if is_csv(&input.name) {
                Unit::Stray(input)
            } else {
                Unit::File(input)
            });
            continue;
        };
        let folder = folder_of(&input.name);
        let file = read::File {
            part,
            name: &input.name,
            bytes: &input.bytes,
        };
        let known = units.iter_mut().find_map(|u| match u {
            Unit::Folder { name, files } if *name == folder => Some(files),
            _ => None,
        });
        match known {
            Some(files) => files.push(file),
            None => units.push(Unit::Folder {
                name: folder,
                files: vec![file],
            }),
        }
    }
    units
}

/// The folder a file is in, as its name shows it (`.` for a bare name).
fn folder_of(name: &str) -> String {
    match Path::new(name).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.display().to_string(),
        _ => ".".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::load::Origin;

    fn input(name: &str) -> Input {
        Input {
            name: name.into(),
            bytes: Vec::new(),
            origin: Origin::User,
        }
    }

    fn folder(files: &[(&str, &str)]) -> Vec<Input> {
        files
            .iter()
            .map(|(name, text)| Input {
                name: format!("mine/{name}"),
                bytes: text.as_bytes().to_vec(),
                origin: Origin::User,
            })
            .collect()
    }

    fn load_errors(files: &[(&str, &str)]) -> Vec<String> {
        match crate::domain::load::load(&folder(files)) {
            Ok(_) => Vec::new(),
            Err(e) => e.errors.iter().map(ToString::to_string).collect(),
        }
    }

    const PATHWAY: &str = "field,value\nid,care\ntitle,Care\nsector,Care\n";
    const SOURCES: &str = "id,title,year\nsc,Seattle Central College,2025\n";
    const STAGES: &str = "id,title,kind,level,entry,weeks,sources\n\
                          esl,ESL 3,education,0,ESL 3-3,,\n\
                          nac,NA-C,training,2,,11,sc\n\
                          job,Nursing assistant,employment,2,,,\n";
    const TRANSITIONS: &str = "from,to,mode\nesl,nac,integrated\nnac,job,sequential\n";

    #[test]
    fn a_folder_loads_as_one_pathway_file() {
        let loaded = crate::domain::load::load(&folder(&[
            ("pathway.csv", PATHWAY),
            ("sources.csv", SOURCES),
            ("stages.csv", STAGES),
            ("transitions.csv", TRANSITIONS),
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
        let p = &loaded.pathways;
        assert_eq!((p.stage_count(), p.transition_count()), (3, 2));
        assert_eq!(p.pathways()[0].file, "mine");
        assert_eq!(p.pathways()[0].sector, "Care");
        let nac = p.stage(p.find("nac").expect("nac"));
        assert_eq!(
            (nac.weeks, nac.sources.as_slice(), nac.at),
            (Some(11.0), ["sc".to_string()].as_slice(), 1)
        );
    }

    #[test]
    fn the_loaders_problems_are_told_at_rows_and_columns() {
        let stages = STAGES
            .replace("2,,11,sc", "2,,ten,sc")
            .replace("education,0", "school,0")
            .replace("employment,2,,,", "employment,2,ABE 9,,");
        let transitions = TRANSITIONS.replace("nac,job", "nac,jobb") + "esl,esl,sequential\n";
        let found = load_errors(&[
            ("pathway.csv", PATHWAY),
            ("sources.csv", SOURCES),
            ("stages.csv", &stages),
            ("transitions.csv", &transitions),
        ]);
        assert_eq!(
            found,
            [
                "mine/stages.csv:2:3: kind: unknown kind \"school\": expected education, training, work-based or employment",
                "mine/stages.csv:3:6: weeks: expected a number, found the string \"ten\"",
                "mine/stages.csv:4:5: entry: unknown entry level \"ABE 9\": expected ESL n or ABE n (n 1..6, that level or higher), \
                 a band ESL n-m or ABE n-m (levels n up to m, 1..6; a level class is ESL 3-3), HSE or any",
                "mine/transitions.csv:4:2: to: a transition from \"esl\" to itself",
                // Ends are resolved after every file is read, as for JSON.
                "mine/transitions.csv:3:2: to: unknown stage id \"jobb\": no loaded file defines it",
            ],
        );
        // With the stages right, the nearest id is suggested, and an unknown source is placed.
        let found = load_errors(&[
            ("stages.csv", &STAGES.replace("11,sc", "11,sx")),
            ("transitions.csv", &transitions),
        ]);
        assert_eq!(
            found,
            [
                "mine/stages.csv:3:7: sources: unknown source \"sx\": declare it in sources.csv",
                "mine/transitions.csv:4:2: to: a transition from \"esl\" to itself",
                "mine/transitions.csv:3:2: to: unknown stage id \"jobb\": no loaded file defines it (did you mean \"job\"?)",
            ]
        );
    }

    #[test]
    fn empty_required_cells_and_duplicates_name_both_places() {
        let stages = STAGES.replace("NA-C,training", "NA-C,") + "esl,Again,education,0,,,\n";
        let found = load_errors(&[("stages.csv", &stages), ("transitions.csv", TRANSITIONS)]);
        assert_eq!(
            found,
            [
                "mine/stages.csv:3:3: kind: required, but this cell is empty",
                "mine/stages.csv:5:1: id: duplicate stage id \"esl\" (first defined at mine/stages.csv:2:1)",
            ]
        );
    }

    #[test]
    fn a_csv_of_no_known_part_is_refused_by_name() {
        let inputs = [Input {
            name: "notes.csv".into(),
            bytes: b"a,b\n".to_vec(),
            origin: Origin::User,
        }];
        let e = crate::domain::load::load(&inputs).expect_err("not a pathway");
        assert!(
            e.to_string()
                .starts_with("notes.csv: a CSV file of no known part"),
            "{e}"
        );
    }

    #[test]
    fn csv_files_group_by_folder_in_order() {
        let inputs = [
            input("a.json"),
            input("mine/Stages.CSV"),
            input("other/stages.csv"),
            input("mine/transitions.csv"),
            input("notes.csv"),
            input("stages.csv"),
        ];
        let got: Vec<String> = units(&inputs)
            .iter()
            .map(|u| match u {
                Unit::File(i) => format!("file {}", i.name),
                Unit::Stray(i) => format!("stray {}", i.name),
                Unit::Folder { name, files } => format!("folder {name} {}", files.len()),
            })
            .collect();
        assert_eq!(
            got,
            [
                "file a.json",
                "folder mine 2",
                "folder other 1",
                "stray notes.csv",
                "folder . 1"
            ]
        );
    }
}
