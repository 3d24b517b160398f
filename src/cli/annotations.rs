//! Findings where a pull request shows them, on the lines that cause them: SARIF 2.1.0 for code
//! scanning, and workflow command lines (`::error file=F,line=L,col=C::message`) for GitHub
//! Actions.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use super::Failure;
use super::places::Located;
use crate::domain::audit::{Code, Finding, Severity};
use crate::domain::load::LoadError;

/// One thing to annotate: a finding or a load error, worded, and where it is.
pub struct Annotation<'a> {
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    /// Why the data says the finding is deliberate: SARIF marks it suppressed, GitHub skips it.
    pub explained: Option<&'a str>,
    pub file: Option<Cow<'a, str>>,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// A finding, with its fix, as an annotation.
pub fn of_finding<'a>(f: &'a Finding, at: Option<Located<'a>>) -> Annotation<'a> {
    Annotation {
        severity: f.severity,
        code: f.code.as_str(),
        message: format!("{} Fix: {}", f.message, f.fix),
        explained: f.explained().then_some(f.note.as_deref()).flatten(),
        file: at.as_ref().map(|l| l.file.clone()),
        line: at.as_ref().map(|l| l.line),
        column: at.as_ref().map(|l| l.column),
    }
}

/// A load error as an annotation: nothing is audited until every file loads.
pub fn of_load_error(e: &LoadError) -> Annotation<'_> {
    Annotation {
        severity: Severity::Error,
        code: "load-error",
        message: e.message.clone(),
        explained: None,
        file: Some(Cow::Borrowed(&e.file)),
        line: e.position.map(|p| p.line),
        column: e.position.map(|p| p.column),
    }
}

/// GitHub's word for a severity.
fn github_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Workflow commands, one line each; explained findings are deliberate and left out.
pub fn write_github(out: &mut dyn Write, annotations: &[Annotation<'_>]) -> Result<(), Failure> {
    for a in annotations.iter().filter(|a| a.explained.is_none()) {
        let mut props = Vec::new();
        if let Some(file) = &a.file {
            props.push(format!("file={}", escape_property(file)));
        }
        if let Some(line) = a.line {
            props.push(format!("line={line}"));
        }
        if let Some(column) = a.column {
            props.push(format!("col={column}"));
        }
        props.push(format!(
            "title={}",
            escape_property(&format!("pathways {}", a.code))
        ));
        writeln!(
            out,
            "::{} {}::{}",
            github_level(a.severity),
            props.join(","),
            escape_data(&a.message)
        )?;
    }
    Ok(())
}

/// GitHub's escaping of a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping of a command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[derive(Serialize)]
struct Sarif<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
struct Run<'a> {
    tool: Tool,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression<'a>>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: Physical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
}

#[derive(Serialize)]
struct Suppression<'a> {
    kind: &'static str,
    justification: &'a str,
}

/// A file name as a URI reference: relative names stay relative (code scanning resolves them
/// against the checkout), absolute ones become `file://` URIs; anything else is percent-encoded.
fn uri_of(file: &str) -> String {
    let mut uri = String::new();
    if file.starts_with('/') {
        uri.push_str("file://");
    }
    for b in file.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(b));
            }
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}

/// SARIF's word for a severity.
fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// One SARIF 2.1.0 log with one run; every rule is declared, `load-error` too.
pub fn write_sarif(out: &mut dyn Write, annotations: &[Annotation<'_>]) -> Result<(), Failure> {
    let mut rules: Vec<Rule> = Code::ALL
        .iter()
        .map(|c| Rule {
            id: c.as_str(),
            default_configuration: Configuration {
                level: sarif_level(c.severity()),
            },
        })
        .collect();
    rules.push(Rule {
        id: "load-error",
        default_configuration: Configuration { level: "error" },
    });
    let results = annotations
        .iter()
        .map(|a| SarifResult {
            rule_id: a.code,
            level: sarif_level(a.severity),
            message: Text {
                text: a.message.clone(),
            },
            locations: a
                .file
                .as_deref()
                .map(|file| Location {
                    physical_location: Physical {
                        artifact_location: Artifact { uri: uri_of(file) },
                        region: a.line.map(|start_line| Region {
                            start_line,
                            start_column: a.column,
                        }),
                    },
                })
                .into_iter()
                .collect(),
            suppressions: a
                .explained
                .map(|justification| Suppression {
                    kind: "inSource",
                    justification,
                })
                .into_iter()
                .collect(),
        })
        .collect();
    let log = Sarif {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "pathways",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results,
        }],
    };
    super::write_json(out, &log)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(severity: Severity, explained: Option<&str>) -> Annotation<'_> {
        Annotation {
            severity,
            code: "dead-end",
            message: "50% done,\nnext: x".into(),
            explained,
            file: Some("my data/a,b:c.json".into()),
            line: Some(3),
            column: Some(7),
        }
    }

    #[test]
    fn github_lines_escape_what_the_runner_would_misread() {
        let mut out = Vec::new();
        let list = [one(Severity::Info, None), one(Severity::Warning, Some("why"))];
        write_github(&mut out, &list).expect("writes");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "::notice file=my data/a%2Cb%3Ac.json,line=3,col=7,title=pathways dead-end::50%25 done,%0Anext: x\n"
        );
    }

    #[test]
    fn sarif_has_a_result_per_annotation_with_its_region() {
        let mut out = Vec::new();
        let list = [one(Severity::Error, None), one(Severity::Warning, Some("why"))];
        write_sarif(&mut out, &list).expect("writes");
        let log: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(log["version"], "2.1.0");
        let results = log["runs"][0]["results"].as_array().expect("results");
        assert_eq!(results.len(), 2);
        let region = &results[0]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(
            (region["startLine"].as_u64(), region["startColumn"].as_u64()),
            (Some(3), Some(7))
        );
        assert_eq!(results[0]["level"], "error");
        assert_eq!(results[1]["suppressions"][0]["justification"], "why");
        let uri = &results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
        assert_eq!(uri, "my%20data/a%2Cb%3Ac.json");
        assert_eq!(uri_of("/tmp/é.json"), "file:///tmp/%C3%A9.json");
        let rules = log["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules");
        assert_eq!(rules.len(), Code::ALL.len() + 1);
    }
}
