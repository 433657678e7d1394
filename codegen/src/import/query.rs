//! Examples written as GET URLs (`https://cvm.tencentcloudapi.com/?Action=X&Filters.0.Name=zone`)
//! turned into the JSON request body they stand for.
//!
//! Keys are flattened paths (`Filters.0.Values.1`); values are text. The action's input
//! members and the service's types say which values are numbers or booleans and which
//! segments index lists. Common parameters (`Action`, `Version`, `Region`, ...) and keys that
//! are not input members are left out.

use crate::spec::types::{Scalar, TypeExpr};
use serde_json::{Map, Value, json};

/// Common parameters that a GET example carries beside the action's own.
const COMMON: &[&str] = &[
    "Action",
    "Version",
    "Region",
    "Timestamp",
    "Nonce",
    "SecretId",
    "Signature",
    "SignatureMethod",
    "Token",
    "Language",
    "RequestClient",
];

/// The JSON body for a GET example URL, given the action's `input` members and the service's
/// `types` (both in spec form).
pub fn to_json(url: &str, input: &Value, types: &Map<String, Value>) -> Result<Value, String> {
    let query = url
        .split_once('?')
        .map(|(_, q)| q)
        .ok_or_else(|| "the request URL has no query".to_owned())?;
    let mut body = Value::Object(Map::new());
    for pair in query.split('&') {
        let pair = pair.trim();
        let Some((key, value)) = pair.split_once('=') else {
            continue;
        };
        let key = decode(key.trim());
        let value = decode(value.trim());
        let segments: Vec<&str> = key.split('.').collect();
        if segments.is_empty() || COMMON.contains(&segments[0]) {
            continue;
        }
        let Some(ty) = input
            .get(segments[0])
            .and_then(|m| m.get("type"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        let slot = match body.as_object_mut() {
            Some(map) => map.entry(segments[0].to_owned()).or_insert(Value::Null),
            None => continue,
        };
        place(slot, ty, &segments[1..], &value, types)?;
    }
    compact(&mut body);
    Ok(body)
}

/// Drops the holes that skipped list indexes leave (`Ids.1` without `Ids.0`).
fn compact(value: &mut Value) {
    match value {
        Value::Array(items) => {
            items.retain(|item| !item.is_null());
            items.iter_mut().for_each(compact);
        }
        Value::Object(map) => map.values_mut().for_each(compact),
        _ => {}
    }
}

/// Writes `value` at `segments` below `slot`, whose type is `ty`.
fn place(
    slot: &mut Value,
    ty: &str,
    segments: &[&str],
    value: &str,
    types: &Map<String, Value>,
) -> Result<(), String> {
    let Some((first, rest)) = segments.split_first() else {
        *slot = leaf(ty, value);
        return Ok(());
    };
    if let TypeExpr::List(item) = TypeExpr::parse(ty) {
        let item = item.to_string();
        let index: usize = first
            .parse()
            .ok()
            .filter(|i| *i < 10_000)
            .ok_or_else(|| format!("`{first}` does not index a list"))?;
        if !slot.is_array() {
            *slot = Value::Array(Vec::new());
        }
        let Value::Array(items) = slot else {
            return Ok(());
        };
        if items.len() <= index {
            items.resize(index + 1, Value::Null);
        }
        return place(&mut items[index], &item, rest, value, types);
    }
    let member_ty = types
        .get(ty)
        .and_then(|t| t.get("members"))
        .and_then(|m| m.get(*first))
        .and_then(|m| m.get("type"))
        .and_then(Value::as_str);
    let Some(member_ty) = member_ty else {
        // Not a member of the structure: left out, like unknown top-level keys.
        return Ok(());
    };
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    let Value::Object(map) = slot else {
        return Ok(());
    };
    place(
        map.entry((*first).to_owned()).or_insert(Value::Null),
        member_ty,
        rest,
        value,
        types,
    )
}

/// A text value read as the scalar type says; text when it does not parse.
fn leaf(ty: &str, value: &str) -> Value {
    Scalar::from_name(ty)
        .and_then(|scalar| scalar.parse_text(value))
        .unwrap_or_else(|| json!(value))
}

/// Percent-decoding; a malformed escape is kept as written.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}
