//! Checks a request body against the spec before anything is sent, with the interpreter the
//! emulator uses (`tc_rules`): unknown and missing members, JSON types, limits, value sets and
//! rules between members, all reported at once.

use serde_json::{Map, Value};

use crate::model::{Action, Schema};

/// Every violation of `body` against `action` for a call to `region` (rules on the region do
/// not fire when it is unknown), each as `Parameter.Path: problem`.
pub fn violations(
    schema: &Schema,
    action: &Action,
    body: &Map<String, Value>,
    region: Option<&str>,
) -> Vec<String> {
    tc_rules::check(&schema.types, &action.input, &action.rules, body, region)
        .iter()
        .map(ToString::to_string)
        .collect()
}
