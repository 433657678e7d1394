//! Checks a request body against the spec before anything is sent, with the rules of the
//! generated `validate()` and the emulator's validator (unknown and missing members, JSON
//! types, limits, value sets, rules between members), and reports every violation at once.

use serde_json::{Map, Value};

use crate::model::{Action, Field, Limits, Literal, Schema, Test, TestKind, Ty, TypeKind};

/// Every violation of `body` against `action`, each as `Parameter.Path: problem`.
pub fn violations(schema: &Schema, action: &Action, body: &Map<String, Value>) -> Vec<String> {
    let mut found = Vec::new();
    members(schema, &action.input, body, "", &mut found);
    for rule in &action.rules {
        let applies = rule
            .when
            .as_ref()
            .is_none_or(|when| holds(&action.input, body, when));
        if applies && broken(&action.input, body, &rule.then) {
            let member = action
                .input
                .get(rule.then.field as usize)
                .map_or("(request)", |f| f.name.as_str());
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

fn member<'a>(fields: &[Field], body: &'a Map<String, Value>, test: &Test) -> Option<&'a Value> {
    let field = fields.get(test.field as usize)?;
    present(body.get(&field.name))
}

/// Whether a condition holds; `in` and `not_in` hold only for a member that is set.
fn holds(fields: &[Field], body: &Map<String, Value>, test: &Test) -> bool {
    let value = member(fields, body, test);
    match &test.kind {
        TestKind::Present(wanted) => value.is_some() == *wanted,
        TestKind::In(values) => value.is_some_and(|v| values.iter().any(|l| equals(l, v))),
        TestKind::NotIn(values) => value.is_some_and(|v| !values.iter().any(|l| equals(l, v))),
    }
}

/// Whether a requirement is broken.
fn broken(fields: &[Field], body: &Map<String, Value>, test: &Test) -> bool {
    let value = member(fields, body, test);
    match &test.kind {
        TestKind::Present(wanted) => value.is_some() != *wanted,
        TestKind::In(values) => value.is_some_and(|v| !values.iter().any(|l| equals(l, v))),
        TestKind::NotIn(values) => value.is_some_and(|v| values.iter().any(|l| equals(l, v))),
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
