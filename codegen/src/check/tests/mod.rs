//! Unit tests of the checker, one module per checker module, on specs written inline.

mod actions;
mod constraints;
mod errors;
mod members;
mod types;
mod waiters;

use std::path::Path;

use serde_json::{Value, json};

use crate::ir;
use crate::spec;

/// A minimal valid service with one action, `Ping`; `patch` is merged over it (a JSON Merge
/// Patch: objects merge, anything else replaces).
pub(super) fn spec_with(patch: Value) -> Value {
    let mut spec = json!({
        "service": "demo",
        "version": "2020-01-01",
        "name": "Demo",
        "endpoint": "demo.tencentcloudapi.com",
        "actions": {"Ping": {"description": "Pings."}}
    });
    merge(&mut spec, patch);
    spec
}

fn merge(target: &mut Value, patch: Value) {
    match (target, patch) {
        (Value::Object(target), Value::Object(patch)) => {
            for (key, value) in patch {
                merge(target.entry(key).or_insert(Value::Null), value);
            }
        }
        (target, patch) => *target = patch,
    }
}

/// Checks `spec` (without a common spec).
pub(super) fn check(spec: &Value) -> Result<ir::Service, Vec<String>> {
    let text = serde_json::to_string_pretty(spec).expect("a JSON value prints");
    let parsed = spec::parse_service(Path::new("test.json"), text).map_err(render)?;
    super::check(&parsed, None).map_err(render)
}

/// The problems of `spec`, each as `path: message (expected ...)`.
pub(super) fn problems(spec: &Value) -> Vec<String> {
    match check(spec) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

/// Asserts that `spec` has a problem at `path` whose text contains `words`.
pub(super) fn assert_problem(spec: &Value, path: &str, words: &str) {
    let problems = problems(spec);
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(&format!("{path}: ")) && p.contains(words)),
        "no problem at {path} mentioning {words:?} in {problems:#?}"
    );
}

fn render(problems: Vec<crate::Diagnostic>) -> Vec<String> {
    problems
        .into_iter()
        .map(|p| {
            let expected = p
                .expected
                .map(|e| format!(" (expected {e})"))
                .unwrap_or_default();
            format!("{}: {}{expected}", p.path, p.message)
        })
        .collect()
}

#[test]
fn the_minimal_spec_is_valid() {
    let service = check(&spec_with(json!({}))).expect("valid");
    assert_eq!(service.client, "DemoClient");
    assert_eq!(service.version_module, "v20200101");
    assert_eq!(service.actions[0].method, "ping");
}
