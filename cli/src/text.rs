//! `--output text`: tab-separated lines, as tccli writes them. Scalars of an object go on one
//! line in member-name order; nested lists and objects follow, each under its member name in
//! capitals.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::output::python_str;

/// The text form of `value`.
pub fn render(value: &Value) -> String {
    let mut out = String::new();
    item(value, None, None, &mut out);
    out
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

fn item(value: &Value, identifier: Option<&str>, scalar_keys: Option<&[String]>, out: &mut String) {
    match value {
        Value::Object(map) => object(map, identifier, scalar_keys, out),
        Value::Array(items) => list(items, identifier, out),
        scalar => {
            out.push_str(&python_str(scalar));
            out.push('\n');
        }
    }
}

fn list(items: &[Value], identifier: Option<&str>, out: &mut String) {
    if items.is_empty() {
        return;
    }
    if items.iter().any(Value::is_object) {
        let keys: Vec<String> = items
            .iter()
            .filter_map(Value::as_object)
            .flat_map(|map| {
                map.iter()
                    .filter(|(_, v)| is_scalar(v))
                    .map(|(k, _)| k.clone())
            })
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        for element in items {
            item(element, identifier, Some(&keys), out);
        }
    } else if items.iter().any(Value::is_array) {
        let (scalars, nested): (Vec<&Value>, Vec<&Value>) =
            items.iter().partition(|v| is_scalar(v));
        if !scalars.is_empty() {
            scalar_list(&scalars, identifier, out);
        }
        for element in nested {
            item(element, identifier, None, out);
        }
    } else {
        scalar_list(&items.iter().collect::<Vec<_>>(), identifier, out);
    }
}

fn scalar_list(items: &[&Value], identifier: Option<&str>, out: &mut String) {
    match identifier {
        Some(identifier) => {
            for value in items {
                out.push_str(&format!(
                    "{}\t{}\n",
                    identifier.to_uppercase(),
                    python_str(value)
                ));
            }
        }
        None => {
            let words: Vec<String> = items.iter().map(|v| python_str(v)).collect();
            out.push_str(&words.join("\t"));
            out.push('\n');
        }
    }
}

fn object(
    map: &Map<String, Value>,
    identifier: Option<&str>,
    scalar_keys: Option<&[String]>,
    out: &mut String,
) {
    let mut scalars = Vec::new();
    let mut nested: Vec<(&str, &Value)> = Vec::new();
    match scalar_keys {
        None => {
            let mut sorted: Vec<(&String, &Value)> = map.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(b.0));
            for (key, value) in sorted {
                if is_scalar(value) {
                    scalars.push(python_str(value));
                } else {
                    nested.push((key, value));
                }
            }
        }
        Some(keys) => {
            for key in keys {
                scalars.push(map.get(key).map_or_else(String::new, python_str));
            }
            let mut rest: Vec<(&String, &Value)> =
                map.iter().filter(|(k, _)| !keys.contains(k)).collect();
            rest.sort_by(|a, b| a.0.cmp(b.0));
            nested.extend(rest.into_iter().map(|(k, v)| (k.as_str(), v)));
        }
    }
    if !scalars.is_empty() {
        if let Some(identifier) = identifier {
            scalars.insert(0, identifier.to_uppercase());
        }
        out.push_str(&scalars.join("\t"));
        out.push('\n');
    }
    for (key, value) in nested {
        item(value, Some(key), None, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_sorted_then_nested_lists_by_name() {
        let value = serde_json::json!({
            "TotalCount": 2,
            "Certificates": [{"Id": "a", "Tags": ["x"]}, {"Id": "b", "Alias": null}],
            "RequestId": "r"
        });
        assert_eq!(
            render(&value),
            "r\t2\nCERTIFICATES\t\ta\nTAGS\tx\nCERTIFICATES\tNone\tb\n"
        );
    }
}
