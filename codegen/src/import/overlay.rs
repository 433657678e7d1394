//! Hand curation as an RFC 7396 JSON Merge Patch over the imported spec.
//!
//! An overlay is a partial spec: an object merges into the object at the same place, key by
//! key and recursively; any other value (string, number, array) replaces what is there; `null`
//! deletes the key. Arrays are replaced whole, so an overlay that sets `values`, `constraints`,
//! `examples` or `notes` owns the whole list.

use serde_json::{Map, Value};

/// Applies `patch` to `target` as RFC 7396 says. Keys new to `target` are appended, so the
/// imported order is kept and curated additions follow it.
pub fn merge(target: &mut Value, patch: &Value) {
    let Value::Object(patch) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Value::Object(target) = target else {
        return;
    };
    for (key, value) in patch {
        if value.is_null() {
            target.shift_remove(key);
        } else {
            merge(target.entry(key.clone()).or_insert(Value::Null), value);
        }
    }
}

/// The smallest merge patch that turns `from` into `to`: `merge(from, diff(from, to)) == to`,
/// provided `to` holds no `null` (merge patches cannot set one). Used to move hand edits of a
/// spec file into its overlay.
pub fn diff(from: &Value, to: &Value) -> Option<Value> {
    match (from, to) {
        (Value::Object(from), Value::Object(to)) => {
            let mut patch = Map::new();
            for (key, old) in from {
                match to.get(key) {
                    None => {
                        patch.insert(key.clone(), Value::Null);
                    }
                    Some(new) => {
                        if let Some(change) = diff(old, new) {
                            patch.insert(key.clone(), change);
                        }
                    }
                }
            }
            for (key, new) in to {
                if !from.contains_key(key) {
                    patch.insert(key.clone(), new.clone());
                }
            }
            (!patch.is_empty()).then_some(Value::Object(patch))
        }
        _ if from == to => None,
        _ => Some(to.clone()),
    }
}
