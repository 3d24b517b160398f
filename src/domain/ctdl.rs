//! What a CTDL import leaves on its stages (`x-ctdl-` fields, so that they survive a JSON
//! export), read back for the audit, `show` and the explorer: the pathway's destination, each
//! component's conditions in words, and the conditions no learner can meet.

use serde_json::Value;

use crate::domain::model::Stage;

/// The importer's marks on a stage.
pub const DESTINATION: &str = "x-ctdl-destination";
pub const CONDITIONS: &str = "x-ctdl-conditions";
pub const UNSATISFIABLE: &str = "x-ctdl-unsatisfiable";

/// Whether the importer marked the stage as its pathway's destination.
pub fn is_destination(stage: &Stage) -> bool {
    stage
        .extra()
        .and_then(|m| m.get(DESTINATION))
        .is_some_and(|v| v == &Value::Bool(true))
}

/// The texts of a list the importer left on the stage.
pub fn texts<'a>(stage: &'a Stage, key: &str) -> Vec<&'a str> {
    stage
        .extra()
        .and_then(|m| m.get(key))
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// The lines `show` and the explorer's details print for an imported stage: the destination
/// mark, then its conditions, nested ones indented two spaces a level.
pub fn detail_lines(stage: &Stage) -> Vec<String> {
    let mut lines = Vec::new();
    if is_destination(stage) {
        lines.push("The destination of this CTDL pathway.".to_string());
    }
    let conditions = texts(stage, CONDITIONS);
    if !conditions.is_empty() {
        lines.push("Conditions (CTDL):".to_string());
        lines.extend(conditions.into_iter().map(|c| format!("  {c}")));
    }
    lines
}
