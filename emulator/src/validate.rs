//! Generic request validation from the checked spec (the IR), with the real API's codes.
//!
//! Every action's body is checked the same way: unknown members (`UnknownParameter`),
//! missing required members (`MissingParameter`), wrong JSON types (`InvalidParameter`), and
//! values that break a limit, a value set or a rule of the spec (`InvalidParameterValue`,
//! with the rule's own description as the message; `MissingParameter` when the rule asks for a
//! member or the region to be set). The first problem found is answered, as the real API answers
//! one error per request. Rules are read with the generated `validate()`'s meaning: a value test
//! of an unset member with no documented default is unknown, and a rule is broken only when its
//! condition certainly holds and its requirement certainly does not.

use serde_json::{Map, Value};
use tc_codegen::ir::{
    Action, CommonParameter, Condition, EnumBase, Field, Limits, Literal, Primitive, Service, Test,
    TestKind, TypeKind, TypeRef,
};

use crate::error::ApiError;

/// Checks `body` (the request's JSON object) against `action` of `service`, for a call to
/// `region` (the `X-TC-Region` header, if any).
pub fn validate(
    service: &Service,
    action: &Action,
    body: &Map<String, Value>,
    region: Option<&str>,
) -> Result<(), ApiError> {
    members(service, &action.input, body, "")?;
    let request = Request {
        fields: &action.input,
        body,
        region: region.filter(|region| !region.is_empty()),
    };
    for constraint in &action.constraints {
        let applies = match &constraint.when {
            Some(when) => request.holds(when) == Some(true),
            None => true,
        };
        if applies && request.holds(&constraint.then) == Some(false) {
            let member = match constraint.report {
                Some(field) => action.input[field].wire_name.as_str(),
                None => CommonParameter::Region.wire_name(),
            };
            return Err(if asks_for_a_member(&constraint.then) {
                ApiError::new(
                    crate::error::codes::MISSING_PARAMETER,
                    format!(
                        "The parameter `{member}` is missing: {}",
                        constraint.description
                    ),
                )
            } else {
                ApiError::invalid_value(member, &constraint.description)
            });
        }
    }
    Ok(())
}

/// Whether `condition` holds for `body` (a request of an action whose members are `fields`)
/// sent to `region`: `None` when it depends on an unset member's value. Tests use it to find
/// requests that keep or break a rule.
pub fn condition_holds(
    fields: &[Field],
    condition: &Condition,
    body: &Map<String, Value>,
    region: Option<&str>,
) -> Option<bool> {
    Request {
        fields,
        body,
        region: region.filter(|region| !region.is_empty()),
    }
    .holds(condition)
}

/// Whether a broken requirement means something unset must be set (`MissingParameter`), as
/// opposed to a value or a combination the service refuses (`InvalidParameterValue`).
fn asks_for_a_member(then: &Condition) -> bool {
    match then {
        Condition::Member(Test {
            kind: TestKind::Present(true),
            ..
        })
        | Condition::Common(_, TestKind::Present(true)) => true,
        Condition::All(list) | Condition::Any(list) => list.iter().all(asks_for_a_member),
        _ => false,
    }
}

/// A request body and its common parameters, as conditions see them.
struct Request<'a> {
    fields: &'a [Field],
    body: &'a Map<String, Value>,
    region: Option<&'a str>,
}

impl Request<'_> {
    /// Whether the condition holds: `None` when it depends on an unset member's value.
    fn holds(&self, condition: &Condition) -> Option<bool> {
        match condition {
            Condition::Member(test) => self.test(test),
            Condition::Common(CommonParameter::Region, kind) => {
                let region = self.region.map(Value::from);
                value_test(kind, region.as_ref(), None)
            }
            Condition::Not(inner) => self.holds(inner).map(|holds| !holds),
            Condition::All(list) => {
                // Kleene's `and`: false wins over unknown, unknown over true.
                let mut result = Some(true);
                for inner in list {
                    match self.holds(inner) {
                        Some(false) => return Some(false),
                        None => result = None,
                        Some(true) => {}
                    }
                }
                result
            }
            Condition::Any(list) => {
                let mut result = Some(false);
                for inner in list {
                    match self.holds(inner) {
                        Some(true) => return Some(true),
                        None => result = None,
                        Some(false) => {}
                    }
                }
                result
            }
        }
    }

    fn test(&self, test: &Test) -> Option<bool> {
        let value = present(self.body.get(&self.fields[test.field].wire_name));
        let default = test.default.as_ref().map(literal_json);
        value_test(&test.kind, value, default.as_ref())
    }
}

/// A test of one value (`None` when unset), seeing `default` when it is unset.
fn value_test(kind: &TestKind, value: Option<&Value>, default: Option<&Value>) -> Option<bool> {
    let among = |values: &[Literal], value: &Value| values.iter().any(|l| literal_equals(l, value));
    let seen = value.or(default);
    match kind {
        TestKind::Present(wanted) => Some(value.is_some() == *wanted),
        TestKind::In(values) => seen.map(|value| among(values, value)),
        TestKind::NotIn(values) => seen.map(|value| !among(values, value)),
        TestKind::Contains(values) => seen.map(|value| {
            value
                .as_array()
                .is_some_and(|items| items.iter().any(|item| among(values, item)))
        }),
    }
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
        TypeRef::Primitive(primitive) => {
            primitive_value(*primitive, limits, value, path)?;
            allowed(limits, value, path)
        }
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
                return allowed(limits, value, path);
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
            if primitive == Primitive::String
                && (limits.minimum.is_some() || limits.maximum.is_some())
            {
                let Ok(number) = text.trim().parse::<f64>() else {
                    return Err(ApiError::invalid_value(path, "must be a number."));
                };
                bounds(limits, number, path)?;
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
            bounds(limits, number, path)
        }
    }
}

/// `minimum` and `maximum` of a number (or of the number a string holds).
fn bounds(limits: &Limits, number: f64, path: &str) -> Result<(), ApiError> {
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

/// The member's own subset of its values, when its docs list fewer than its type.
fn allowed(limits: &Limits, value: &Value, path: &str) -> Result<(), ApiError> {
    let Some(allowed) = &limits.allowed else {
        return Ok(());
    };
    if allowed.iter().any(|literal| literal_equals(literal, value)) {
        return Ok(());
    }
    let shown: Vec<String> = allowed.iter().map(|literal| literal.to_string()).collect();
    Err(ApiError::invalid_value(
        path,
        format!("{value} is not one of {}.", shown.join(", ")),
    ))
}

/// Whether `text` has the shape of `pattern`, where `d` stands for an ASCII digit.
fn fits(text: &str, pattern: &str) -> bool {
    text.len() == pattern.len()
        && text.bytes().zip(pattern.bytes()).all(|(t, p)| match p {
            b'd' => t.is_ascii_digit(),
            other => t == other,
        })
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
