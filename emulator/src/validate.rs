//! Generic request validation from the checked spec (the IR), with the real API's codes.
//!
//! Every action's body is checked the same way: unknown members (`UnknownParameter`),
//! missing required members (`MissingParameter`), wrong JSON types (`InvalidParameter`), and
//! values that break a limit, a value set or a rule of the spec (`InvalidParameterValue`,
//! with the rule's own description as the message). The first problem found is answered, as
//! the real API answers one error per request.

use serde_json::{Map, Value};
use tc_codegen::ir::{
    Action, EnumBase, Field, Limits, Literal, Primitive, Service, Test, TestKind, TypeKind, TypeRef,
};

use crate::error::ApiError;

/// Checks `body` (the request's JSON object) against `action` of `service`.
pub fn validate(
    service: &Service,
    action: &Action,
    body: &Map<String, Value>,
) -> Result<(), ApiError> {
    members(service, &action.input, body, "")?;
    for constraint in &action.constraints {
        let holds = match &constraint.when {
            Some(when) => test_holds(&action.input, body, when),
            None => true,
        };
        if holds && test_broken(&action.input, body, &constraint.then) {
            let member = &action.input[constraint.then.field].wire_name;
            return Err(ApiError::invalid_value(member, &constraint.description));
        }
    }
    Ok(())
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
    service: &Service,
    fields: &[Field],
    object: &Map<String, Value>,
    prefix: &str,
) -> Result<(), ApiError> {
    for key in object.keys() {
        if !fields.iter().any(|f| &f.wire_name == key) {
            return Err(ApiError::unknown(&join(prefix, key)));
        }
    }
    for field in fields {
        let path = join(prefix, &field.wire_name);
        match present(object.get(&field.wire_name)) {
            None if field.required => return Err(ApiError::missing(&path)),
            None => {}
            Some(value) => value_of(service, &field.ty, &field.limits, value, &path)?,
        }
    }
    Ok(())
}

fn value_of(
    service: &Service,
    ty: &TypeRef,
    limits: &Limits,
    value: &Value,
    path: &str,
) -> Result<(), ApiError> {
    match ty {
        TypeRef::Primitive(primitive) => primitive_value(*primitive, limits, value, path),
        TypeRef::List(inner) => {
            let Value::Array(items) = value else {
                return Err(ApiError::invalid(path, "expected an array"));
            };
            if let Some(min) = limits.min_items
                && (items.len() as u64) < min
            {
                return Err(ApiError::invalid_value(
                    path,
                    format!("must have at least {min} items"),
                ));
            }
            if let Some(max) = limits.max_items
                && (items.len() as u64) > max
            {
                return Err(ApiError::invalid_value(
                    path,
                    format!("must have at most {max} items"),
                ));
            }
            let item_limits = Limits {
                min_items: None,
                max_items: None,
                ..limits.clone()
            };
            for (index, item) in items.iter().enumerate() {
                let at = format!("{path}[{index}]");
                if item.is_null() {
                    return Err(ApiError::invalid(&at, "null is not allowed in a list"));
                }
                value_of(service, inner, &item_limits, item, &at)?;
            }
            Ok(())
        }
        TypeRef::Object(index) => {
            let Value::Object(object) = value else {
                return Err(ApiError::invalid(path, "expected an object"));
            };
            match &service.types[*index].kind {
                TypeKind::Object { fields, .. } => members(service, fields, object, path),
                TypeKind::Enum { .. } => Ok(()),
            }
        }
        TypeRef::Enum(index) => {
            let TypeKind::Enum { base, variants } = &service.types[*index].kind else {
                return Ok(());
            };
            let matches = |literal: &Literal| literal_equals(literal, value);
            let typed = match base {
                EnumBase::String => value.is_string(),
                EnumBase::I64 => value.as_i64().is_some(),
                EnumBase::U64 => value.as_u64().is_some(),
            };
            if !typed {
                let expected = match base {
                    EnumBase::String => "expected a string",
                    EnumBase::I64 => "expected an integer",
                    EnumBase::U64 => "expected a non-negative integer",
                };
                return Err(ApiError::invalid(path, expected));
            }
            if variants.iter().any(|v| matches(&v.value)) {
                return Ok(());
            }
            let allowed: Vec<String> = variants.iter().map(|v| v.value.to_string()).collect();
            Err(ApiError::invalid_value(
                path,
                format!("{value} is not one of {}.", allowed.join(", ")),
            ))
        }
    }
}

fn primitive_value(
    primitive: Primitive,
    limits: &Limits,
    value: &Value,
    path: &str,
) -> Result<(), ApiError> {
    match primitive {
        Primitive::String | Primitive::DateTime | Primitive::DateTimeIso | Primitive::Date => {
            let Some(text) = value.as_str() else {
                return Err(ApiError::invalid(path, "expected a string"));
            };
            let chars = text.chars().count() as u64;
            if let Some(min) = limits.min_length
                && chars < min
            {
                let text = if min == 1 {
                    "must not be empty.".to_owned()
                } else {
                    format!("must have at least {min} characters.")
                };
                return Err(ApiError::invalid_value(path, text));
            }
            if let Some(max) = limits.max_length
                && chars > max
            {
                return Err(ApiError::invalid_value(
                    path,
                    format!("must have at most {max} characters."),
                ));
            }
            let shape = match primitive {
                Primitive::DateTime => Some(("YYYY-MM-DD hh:mm:ss", "dddd-dd-dd dd:dd:dd")),
                Primitive::Date => Some(("YYYY-MM-DD", "dddd-dd-dd")),
                _ => None,
            };
            if let Some((shown, pattern)) = shape
                && !fits(text, pattern)
            {
                return Err(ApiError::invalid_value(
                    path,
                    format!("expected the format {shown}."),
                ));
            }
            Ok(())
        }
        Primitive::Bool => {
            if value.is_boolean() {
                Ok(())
            } else {
                Err(ApiError::invalid(path, "expected a boolean"))
            }
        }
        Primitive::I64 | Primitive::U64 | Primitive::F64 => {
            let number = match primitive {
                Primitive::I64 => value.as_i64().map(|n| n as f64),
                Primitive::U64 => value.as_u64().map(|n| n as f64),
                _ => value.as_f64(),
            };
            let Some(number) = number else {
                let expected = match primitive {
                    Primitive::I64 => "expected an integer",
                    Primitive::U64 => "expected a non-negative integer",
                    _ => "expected a number",
                };
                return Err(ApiError::invalid(path, expected));
            };
            if let Some(min) = limits.minimum
                && number < min
            {
                return Err(ApiError::invalid_value(
                    path,
                    format!("must be at least {min}."),
                ));
            }
            if let Some(max) = limits.maximum
                && number > max
            {
                return Err(ApiError::invalid_value(
                    path,
                    format!("must be at most {max}."),
                ));
            }
            Ok(())
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

/// Whether the test holds for the body, with the generated `validate()`'s meaning: `in` and
/// `not_in` hold only for a member that is set.
fn test_holds(fields: &[Field], body: &Map<String, Value>, test: &Test) -> bool {
    let value = present(body.get(&fields[test.field].wire_name));
    match &test.kind {
        TestKind::Present(wanted) => value.is_some() == *wanted,
        TestKind::In(values) => value.is_some_and(|v| values.iter().any(|l| literal_equals(l, v))),
        TestKind::NotIn(values) => {
            value.is_some_and(|v| !values.iter().any(|l| literal_equals(l, v)))
        }
    }
}

/// Whether the requirement `test` is broken: a member set when it must not be (or the other way
/// round), or set to a value outside (or inside) the listed ones.
fn test_broken(fields: &[Field], body: &Map<String, Value>, test: &Test) -> bool {
    let value = present(body.get(&fields[test.field].wire_name));
    match &test.kind {
        TestKind::Present(wanted) => value.is_some() != *wanted,
        TestKind::In(values) => value.is_some_and(|v| !values.iter().any(|l| literal_equals(l, v))),
        TestKind::NotIn(values) => {
            value.is_some_and(|v| values.iter().any(|l| literal_equals(l, v)))
        }
    }
}

fn literal_equals(literal: &Literal, value: &Value) -> bool {
    match literal {
        Literal::String(s) => value.as_str() == Some(s.as_str()),
        Literal::I64(n) => value.as_i64() == Some(*n),
        Literal::U64(n) => value.as_u64() == Some(*n),
        Literal::Bool(b) => value.as_bool() == Some(*b),
    }
}

/// A literal as JSON.
pub fn literal_json(literal: &Literal) -> Value {
    match literal {
        Literal::String(s) => Value::from(s.as_str()),
        Literal::I64(n) => Value::from(*n),
        Literal::U64(n) => Value::from(*n),
        Literal::Bool(b) => Value::from(*b),
    }
}
