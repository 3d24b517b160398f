//! `pathways new SECTOR-ID -o FILE`: a starting file for a designer: a certificate and its job,
//! then a next certificate and its job, linked to the shipped adult education foundations, with `x-` notes saying what to
//! fill in. It passes `check --with-shipped` as written; every figure is left out on purpose (no
//! invented numbers), so the audit lists them as missing data until the designer adds them.

use std::path::Path;

use super::{DataOptions, Failure};
use crate::domain::graph::Pathways;

/// The longest sector id `new` takes: stage ids are made from it.
const MAX_SECTOR_ID: usize = 40;

/// What `new` was asked.
pub struct Request<'a> {
    pub id: &'a str,
    pub title: Option<&'a str>,
    pub output: &'a Path,
    pub force: bool,
    /// The designer's other files (`--data`): the new ids must not clash with theirs either.
    pub data: &'a DataOptions,
}

/// `-` is not standard output here: the starting file is meant to be edited. (A folder that
/// does not exist is refused by `write_output`, as for every file written.)
fn check_output(path: &std::path::Path) -> Result<(), Failure> {
    if path.as_os_str() == "-" {
        return Err(Failure::usage(
            "-o - would write a file named '-': give the file to create, such as mine/ece.json",
        ));
    }
    Ok(())
}

pub fn run(req: &Request<'_>, err: &mut dyn std::io::Write) -> Result<i32, Failure> {
    check_id(req.id)?;
    check_free(req.id, &beside(req.data, err)?)?;
    let title = match req.title {
        Some(t) if t.trim().is_empty() => return Err(Failure::usage("--title is empty")),
        Some(t) => t.trim().to_string(),
        None => title_of(req.id),
    };
    check_output(req.output)?;
    let text = starting_file(req.id, &title);
    super::write_output(req.output, &text, req.force)?;
    let others: String = req
        .data
        .paths
        .iter()
        .map(|p| format!(" --data {}", p.display()))
        .collect();
    let out = req.output.display();
    writeln!(
        err,
        "Wrote {out}. Check it with: pathways check --with-shipped{others} --data {out} --only {out}"
    )?;
    Ok(0)
}

/// Letters, digits, `-` and `_`, starting with a letter.
fn check_id(id: &str) -> Result<(), Failure> {
    let well_formed = id.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && id.len() <= MAX_SECTOR_ID
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !well_formed {
        return Err(Failure::usage(format!(
            "sector id \"{id}\": use lower-case letters, digits, - and _ (at most {MAX_SECTOR_ID}, starting with a letter), such as early-childhood"
        )));
    }
    Ok(())
}

/// What the new file will load beside: the shipped data and the `--data` files, which must load.
fn beside(data: &DataOptions, err: &mut dyn std::io::Write) -> Result<Pathways, Failure> {
    let options = DataOptions {
        files: super::inputs::Options {
            with_shipped: true,
            ..data.files
        },
        ..data.clone()
    };
    super::load_data_with(&options, err)
        .map(|l| l.pathways)
        .map_err(|e| Failure::lines(e.to_string()))
}

/// Neither the sector id nor a stage id the file makes is taken by what it loads beside.
fn check_free(id: &str, beside: &Pathways) -> Result<(), Failure> {
    if let Some(p) = beside.pathways().iter().find(|p| p.id == id) {
        return Err(Failure::usage(format!(
            "sector id \"{id}\" is the id of the pathway in {}: choose another, so the file loads beside it",
            p.file
        )));
    }
    for stage in stage_ids(id) {
        if let Some(v) = beside.find(&stage) {
            return Err(Failure::usage(format!(
                "sector id \"{id}\" would make the stage id \"{stage}\", which {} already defines: choose another",
                beside.pathway_of(v).file
            )));
        }
    }
    Ok(())
}

/// The stage ids the starting file makes for sector `id`.
fn stage_ids(id: &str) -> [String; 4] {
    ["certificate", "job", "next-certificate", "next-job"].map(|s| format!("{id}-{s}"))
}

/// `early-childhood` -> `Early childhood`.
fn title_of(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A JSON string literal.
fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}

/// The file, written by hand so that its members come in the order people read them.
fn starting_file(id: &str, title: &str) -> String {
    let q = |text: &str| quoted(text);
    let cert = format!("{id}-certificate");
    let job = format!("{id}-job");
    let next = format!("{id}-next-certificate");
    format!(
        r#"{{
  "format": "pathways/1",
  "x-start-here": [
    "A starting file from `pathways new`: a certificate and its job, then a next certificate and its job, linked to the shipped adult education foundations (f-esl-4, f-hse-prep).",
    "Rename the titles and credentials marked (rename), then add your own stages and transitions. Ids must stay unique across all files.",
    "Give weeks, cost_usd and wage only from a source you can cite: declare it in pathway.sources and name it in the stage's sources. Leave a figure out rather than guess; the audit lists it as missing.",
    "Members whose names start with x- are yours: the loader keeps them and the audit never reports them. Delete these notes when you are done.",
    "Check it with: pathways check --with-shipped --data FILE --only FILE"
  ],
  "pathway": {{
    "id": {id_q},
    "title": {title_q},
    "sector": {title_q},
    "sources": []
  }},
  "stages": [
    {{
      "id": {cert_q},
      "title": {cert_title},
      "kind": "training",
      "level": 1,
      "credential": {cert_title},
      "x-todo": "Add weeks and cost_usd with the program's page as a source, and url and contact for learners to ask."
    }},
    {{
      "id": {job_q},
      "title": {job_title},
      "kind": "employment",
      "level": 2,
      "x-todo": "Add the job's SOC code (soc, such as 39-9011) so its wage comes from the shipped BLS table, or a wage with its source."
    }},
    {{
      "id": {next_q},
      "title": {next_title},
      "kind": "training",
      "level": 3,
      "credential": {next_title},
      "x-todo": "The next rung, often taken while working. Delete it, its job and their transitions if your ladder has one rung."
    }},
    {{
      "id": {next_job_q},
      "title": {next_job_title},
      "kind": "employment",
      "level": 4
    }}
  ],
  "transitions": [
    {{
      "from": "f-esl-4",
      "to": {cert_q},
      "mode": "integrated",
      "x-todo": "Integrated (IET, I-BEST): English and job training in the same course. Make it sequential if your program is not integrated."
    }},
    {{
      "from": "f-hse-prep",
      "to": {cert_q},
      "mode": "sequential"
    }},
    {{
      "from": {cert_q},
      "to": {job_q},
      "mode": "sequential"
    }},
    {{
      "from": {job_q},
      "to": {next_q},
      "mode": "sequential"
    }},
    {{
      "from": {next_q},
      "to": {next_job_q},
      "mode": "sequential"
    }}
  ]
}}
"#,
        id_q = q(id),
        title_q = q(title),
        cert_q = q(&cert),
        job_q = q(&job),
        next_q = q(&next),
        next_job_q = q(&format!("{id}-next-job")),
        next_job_title = q(&format!("{title} job after the advanced certificate (rename)")),
        cert_title = q(&format!("{title} certificate (rename)")),
        job_title = q(&format!("{title} entry-level job (rename)")),
        next_title = q(&format!("{title} advanced certificate (rename)")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::{Options, Severity, audit};
    use crate::domain::load::{Input, Origin, load};

    #[test]
    fn the_starting_file_loads_beside_the_shipped_data_without_errors() {
        let mut inputs = crate::domain::shipped::inputs();
        inputs.push(Input {
            name: "mine.json".into(),
            bytes: starting_file("early-childhood", "Early \"ECE\" childhood").into_bytes(),
            origin: Origin::User,
        });
        let p = load(&inputs).expect("loads").pathways;
        assert!(p.find("early-childhood-job").is_some());
        let findings = audit(&p, &Options::default());
        let errors: Vec<_> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let mine: Vec<_> = findings
            .iter()
            .filter(|f| f.pathway.as_deref() == Some("early-childhood"))
            .filter(|f| f.severity == Severity::Warning)
            .collect();
        assert!(mine.is_empty(), "no warnings on a fresh file: {mine:#?}");
    }

    #[test]
    fn the_output_must_be_a_file_in_a_folder_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(check_output(std::path::Path::new("-")).unwrap_err().code, 2);
        let missing = dir.path().join("nowhere/ece.json");
        let req = Request {
            id: "ece",
            title: None,
            output: &missing,
            force: false,
            data: &DataOptions::default(),
        };
        let e = run(&req, &mut std::io::sink()).unwrap_err();
        assert_eq!(e.code, 2);
        assert!(e.message.contains("the folder does not exist"), "{}", e.message);
        assert!(!missing.exists());
    }

    #[test]
    fn ids_are_checked_and_titles_made_from_them() {
        assert_eq!(title_of("early-childhood_ed"), "Early childhood ed");
        assert!(check_id("early-childhood").is_ok());
        for bad in ["", "Early", "1st", "a b", "é", &"a".repeat(41)] {
            assert!(check_id(bad).is_err(), "{bad:?}");
        }
        let shipped = beside(&DataOptions::default(), &mut std::io::sink()).expect("shipped data loads");
        let taken = check_free("healthcare", &shipped).expect_err("shipped");
        assert!(
            taken.message.contains("data/healthcare.json"),
            "{}",
            taken.message
        );
        let taken = check_free("f-esl", &shipped);
        assert!(taken.is_ok(), "f-esl-certificate is free");
        assert!(check_free("early-childhood", &shipped).is_ok());
    }
}
