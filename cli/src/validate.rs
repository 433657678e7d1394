//! Checks a request body against the spec before anything is sent, with the rules of the
//! generated `validate()` and the emulator's validator (unknown and missing members, JSON
//! types, limits, value sets, rules between members), and reports every violation at once.

use serde_json::{Map, Value};

use crate::model::{Action, Condition, Field, Limits, Literal, Schema, TestKind, Ty, TypeKind};

/// Every violation of `body` against `action`, each as `Parameter.Path: problem`.
pub fn violations(schema: &Schema, action: &Action, body: &Map<String, Value>) -> Vec<String> {
    let mut found = Vec::new();
    members(schema, &action.input, body, "", &mut found);
    for rule in &action.rules {
        // The region is not known here: rules on it are left to the service.
        let applies = rule
            .when
            .as_ref()
            .is_none_or(|when| holds(&action.input, body, when) == Some(true));
        if applies && holds(&action.input, body, &rule.then) == Some(false) {
            let member = rule
                .report
                .and_then(|field| action.input.get(field as usize))
                .map_or("Region", |f| f.name.as_str());
            found.push(format!("{member}: {}", rule.description));
        }
    }
    found
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !v.is_null())
}

fn members(
    schema: &Schema,
    fields: &[Field],
    object: &Map<String, Value>,
    prefix: &str,
    found: &mut Vec<String>,
) {
    for key in object.keys() {
        if !fields.iter().any(|f| &f.name == key) {
            found.push(format!(
                "{}: is not a parameter of this action",
                join(prefix, key)
            ));
        }
    }
    for field in fields {
        let path = join(prefix, &field.name);
        match present(object.get(&field.name)) {
            None if field.required => found.push(format!("{path}: is required")),
            None => {}
            Some(value) => value_of(schema, &field.ty, &field.limits, value, &path, found),
        }
    }
}

fn value_of(
    schema: &Schema,
    ty: &Ty,
    limits: &Limits,
    value: &Value,
    path: &str,
    found: &mut Vec<String>,
) {
    if let Some(allowed) = &limits.allowed
        && !matches!(ty, Ty::List(_))
        && !allowed.iter().any(|literal| equals(literal, value))
    {
        let shown: Vec<String> = allowed
            .iter()
            .map(|l| literal_value(l).to_string())
            .collect();
        found.push(format!(
            "{path}: {value} is not one of {}",
            shown.join(", ")
        ));
    }
    let mut problem = |text: String| found.push(format!("{path}: {text}"));
    match ty {
        Ty::List(inner) => {
            let Value::Array(items) = value else {
                return problem("expected a list".to_owned());
            };
            let count = items.len() as u64;
            if let Some(min) = limits.min_items.filter(|min| count < *min) {
                problem(format!("must have at least {min} items"));
            }
            if let Some(max) = limits.max_items.filter(|max| count > *max) {
                problem(format!("must have at most {max} items"));
            }
            let item_limits = Limits {
                min_items: None,
                max_items: None,
                ..limits.clone()
            };
            for (index, item) in items.iter().enumerate() {
                let at = format!("{path}.{index}");
                if item.is_null() {
                    found.push(format!("{at}: null is not allowed in a list"));
                } else {
                    value_of(schema, inner, &item_limits, item, &at, found);
                }
            }
        }
        Ty::Named(index) => match schema.types.get(*index as usize).map(|t| &t.kind) {
            Some(TypeKind::Object(fields)) => match value {
                Value::Object(object) => members(schema, fields, object, path, found),
                _ => problem("expected an object".to_owned()),
            },
            Some(TypeKind::Strings(allowed)) => match value.as_str() {
                None => problem("expected a string".to_owned()),
                Some(text) if !allowed.iter().any(|a| a == text) => {
                    problem(format!("{value} is not one of {}", allowed.join(", ")))
                }
                Some(_) => {}
            },
            Some(TypeKind::Integers(allowed)) => match value.as_i64() {
                None => problem("expected an integer".to_owned()),
                Some(n) if !allowed.contains(&n) => {
                    let allowed: Vec<String> = allowed.iter().map(i64::to_string).collect();
                    problem(format!("{n} is not one of {}", allowed.join(", ")))
                }
                Some(_) => {}
            },
            None => problem("has a type missing from the embedded spec".to_owned()),
        },
        Ty::Bool if !value.is_boolean() => problem("expected a boolean".to_owned()),
        Ty::Bool => {}
        Ty::Int | Ty::Uint | Ty::Float => {
            let number = match ty {
                Ty::Int => value.as_i64().map(|n| n as f64),
                Ty::Uint => value.as_u64().map(|n| n as f64),
                _ => value.as_f64(),
            };
            let Some(number) = number else {
                let expected = match ty {
                    Ty::Int => "expected an integer",
                    Ty::Uint => "expected a non-negative integer",
                    _ => "expected a number",
                };
                return problem(expected.to_owned());
            };
            if let Some(min) = limits.minimum.filter(|min| number < *min) {
                problem(format!("must be at least {min}"));
            }
            if let Some(max) = limits.maximum.filter(|max| number > *max) {
                problem(format!("must be at most {max}"));
            }
        }
        Ty::String | Ty::DateTime | Ty::DateTimeIso | Ty::Date => {
            let Some(text) = value.as_str() else {
                return problem("expected a string".to_owned());
            };
            let chars = text.chars().count() as u64;
            if let Some(min) = limits.min_length.filter(|min| chars < *min) {
                problem(if min == 1 {
                    "must not be empty".to_owned()
                } else {
                    format!("must have at least {min} characters")
                });
            }
            if let Some(max) = limits.max_length.filter(|max| chars > *max) {
                problem(format!("must have at most {max} characters"));
            }
            // A number held by a string (tccli types some `Limit`s as strings).
            if *ty == Ty::String && (limits.minimum.is_some() || limits.maximum.is_some()) {
                match text.trim().parse::<f64>() {
                    Err(_) => problem("must be a number".to_owned()),
                    Ok(number) => {
                        if let Some(min) = limits.minimum.filter(|min| number < *min) {
                            problem(format!("must be at least {min}"));
                        }
                        if let Some(max) = limits.maximum.filter(|max| number > *max) {
                            problem(format!("must be at most {max}"));
                        }
                    }
                }
            }
            let shape = match ty {
                Ty::DateTime => Some(("YYYY-MM-DD hh:mm:ss", "dddd-dd-dd dd:dd:dd")),
                Ty::Date => Some(("YYYY-MM-DD", "dddd-dd-dd")),
                _ => None,
            };
            if let Some((shown, pattern)) = shape
                && !fits(text, pattern)
            {
                problem(format!("expected the format {shown}"));
            }
        }
    }
}

/// Whether `text` has the shape of `pattern`, where `d` stands for an ASCII digit.
fn fits(text: &str, pattern: &str) -> bool {
    text.len() == pattern.len()
        && text.bytes().zip(pattern.bytes()).all(|(t, p)| match p {
            b'd' => t.is_ascii_digit(),
            other => t == other,
        })
}

/// Whether a condition holds: `None` when it depends on an unset member's value (without a
/// documented default) or on the region.
fn holds(fields: &[Field], body: &Map<String, Value>, condition: &Condition) -> Option<bool> {
    match condition {
        Condition::Member(test) => {
            let value = fields
                .get(test.field as usize)
                .and_then(|field| present(body.get(&field.name)));
            let default = test.default.as_ref().map(literal_value);
            test_holds(&test.kind, value, default.as_ref())
        }
        // The region travels outside the body: unknown here.
        Condition::Region(_) => None,
        Condition::Not(inner) => holds(fields, body, inner).map(|holds| !holds),
        Condition::All(list) => {
            let results: Vec<Option<bool>> = list.iter().map(|c| holds(fields, body, c)).collect();
            if results.contains(&Some(false)) {
                Some(false)
            } else if results.contains(&None) {
                None
            } else {
                Some(true)
            }
        }
        Condition::Any(list) => {
            let results: Vec<Option<bool>> = list.iter().map(|c| holds(fields, body, c)).collect();
            if results.contains(&Some(true)) {
                Some(true)
            } else if results.contains(&None) {
                None
            } else {
                Some(false)
            }
        }
    }
}

fn test_holds(kind: &TestKind, value: Option<&Value>, default: Option<&Value>) -> Option<bool> {
    let among = |values: &[Literal], value: &Value| values.iter().any(|l| equals(l, value));
    let seen = value.or(default);
    match kind {
        TestKind::Present(wanted) => Some(value.is_some() == *wanted),
        TestKind::In(values) => seen.map(|v| among(values, v)),
        TestKind::NotIn(values) => seen.map(|v| !among(values, v)),
        TestKind::Contains(values) => seen.map(|v| {
            v.as_array()
                .is_some_and(|items| items.iter().any(|item| among(values, item)))
        }),
    }
}

fn literal_value(literal: &Literal) -> Value {
    match literal {
        Literal::String(s) => Value::from(s.as_str()),
        Literal::Int(n) => Value::from(*n),
        Literal::Uint(n) => Value::from(*n),
        Literal::Bool(b) => Value::from(*b),
    }
}

/// Whether a JSON value equals a literal of the spec.
pub fn equals(literal: &Literal, value: &Value) -> bool {
    match literal {
        Literal::String(s) => value.as_str() == Some(s.as_str()),
        Literal::Int(n) => value.as_i64() == Some(*n),
        Literal::Uint(n) => value.as_u64() == Some(*n),
        Literal::Bool(b) => value.as_bool() == Some(*b),
    }
}
