//! Each action's own error codes, and the rule that keeps common codes common.
//!
//! The codes come from a list made from Tencent's Go SDK, whose doc comment of each method
//! names the codes that action may return (`action-error-codes.json`: `source` says which
//! commit; `services.<service>.<YYYY-MM-DD>.<Action>` is a list of codes). Their descriptions
//! come from the Python SDK's `errorcodes.py` of the service.
//!
//! A code of `spec/common.json` (`InternalError`, `FailedOperation`, ...) is left out of every
//! service and action list, so that it always decodes as `Common(CommonErrorCode::X)` whatever
//! the action: a user matches it without knowing which action's list happens to name it.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use indexmap::IndexMap;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::{ImportError, read_json};

/// The codes of every action of every service version, as documented by the Go SDK.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
pub struct ActionErrorCodes {
    /// Where the list was taken from.
    pub source: Source,
    /// `service → version → action → codes`.
    pub services: BTreeMap<String, BTreeMap<String, BTreeMap<String, Vec<String>>>>,
}

/// The commit the list was taken from.
#[derive(Debug, Default, Clone, PartialEq, Eq, Deserialize)]
pub struct Source {
    /// `owner/name` on GitHub.
    pub repo: String,
    /// The commit.
    pub commit: String,
    /// The commit's date.
    #[serde(default)]
    pub date: String,
}

impl ActionErrorCodes {
    /// Reads `action-error-codes.json`.
    pub fn load(path: &Path) -> Result<ActionErrorCodes, ImportError> {
        serde_json::from_value(read_json(path)?)
            .map_err(|e| ImportError::new(path, "", format!("not an action error-code list: {e}")))
    }

    /// The codes of the actions of `service` (tccli's name) `version`, if the list has them.
    pub fn service(&self, service: &str, version: &str) -> Option<&BTreeMap<String, Vec<String>>> {
        // The Go SDK names Auto Scaling by its endpoint, `as`; tccli calls it `autoscaling`.
        let name = if service == "autoscaling" {
            "as"
        } else {
            service
        };
        self.services.get(name)?.get(version)
    }

    /// The note that records this list as the source of the actions' codes.
    pub fn note(&self) -> String {
        let commit: String = self.source.commit.chars().take(8).collect();
        let date = self.source.date.get(..10).unwrap_or(&self.source.date);
        format!(
            "Each action's `errors` are the codes that {} (commit {commit}, {date}) documents for its method; their descriptions are those of the service's errorcodes.py (Chinese). Common codes (spec/common.json) are left out of every list: they decode as Common(...).",
            self.source.repo
        )
    }
}

/// The codes of `spec/common.json`.
pub fn common_codes(path: &Path) -> Result<HashSet<String>, ImportError> {
    let common = read_json(path)?;
    let codes = common
        .get("errors")
        .and_then(Value::as_object)
        .ok_or_else(|| ImportError::new(path, "errors", "expected an object".into()))?;
    Ok(codes.keys().cloned().collect())
}

/// Gives each action of `spec` its own codes, described from `described` (the service's
/// `errorcodes.py`). A code that `errorcodes.py` lacks keeps an empty description.
pub fn assign(
    spec: &mut Map<String, Value>,
    codes: &BTreeMap<String, Vec<String>>,
    described: &IndexMap<String, String>,
) {
    let Some(Value::Object(actions)) = spec.get_mut("actions") else {
        return;
    };
    for (name, action) in actions.iter_mut() {
        let (Some(list), Some(action)) = (codes.get(name), action.as_object_mut()) else {
            continue;
        };
        let errors: Map<String, Value> = list
            .iter()
            .map(|code| {
                let description = described.get(code).cloned().unwrap_or_default();
                (code.clone(), json!(description))
            })
            .collect();
        if !errors.is_empty() {
            action.insert("errors".into(), Value::Object(errors));
        }
    }
}

/// Appends `note` to the spec's `notes`, unless it is there already.
pub fn add_note(spec: &mut Map<String, Value>, note: String) {
    let notes = spec
        .entry("notes")
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(notes) = notes
        && !notes.iter().any(|n| n.as_str() == Some(note.as_str()))
    {
        notes.push(json!(note));
    }
}

/// Removes the common codes from the service's and every action's `errors`; returns where
/// each removed code was (`actions.X.errors.InternalError`).
pub fn drop_common(spec: &mut Map<String, Value>, common: &HashSet<String>) -> Vec<String> {
    let mut dropped = Vec::new();
    let mut strip = |errors: Option<&mut Value>, at: &str| {
        let Some(Value::Object(errors)) = errors else {
            return;
        };
        errors.retain(|code, _| {
            let keep = !common.contains(code);
            if !keep {
                dropped.push(format!("{at}.{code}"));
            }
            keep
        });
    };
    strip(spec.get_mut("errors"), "errors");
    if let Some(Value::Object(actions)) = spec.get_mut("actions") {
        for (name, action) in actions.iter_mut() {
            strip(action.get_mut("errors"), &format!("actions.{name}.errors"));
        }
    }
    dropped
}
