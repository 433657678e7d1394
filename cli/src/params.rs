//! Action parameters from the command line to the request's JSON body: typed scalars, JSON for
//! structures and lists, tccli's dotted `--cli-unfold-argument` form, `--cli-input-json`, and
//! `file://path` or `-` (stdin) for any value.

use std::io::Read;

use serde_json::{Map, Value};

use crate::error::Failure;
use crate::model::{Action, Schema, Ty};
use tc_rules::TypeKind;

/// Reads a parameter's text: the contents of `file://path`, all of stdin for `-`, or the word
/// itself. `stdin_used` makes a second `-` an error instead of an empty value.
pub fn read_value(raw: &str, name: &str, stdin_used: &mut bool) -> Result<String, Failure> {
    if let Some(path) = raw.strip_prefix("file://") {
        return std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("argument --{name}: cannot read {path}: {e}")));
    }
    if raw == "-" {
        if std::mem::replace(stdin_used, true) {
            return Err(Failure::usage(format!(
                "argument --{name}: standard input was already read by another parameter"
            )));
        }
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::usage(format!("argument --{name}: cannot read stdin: {e}")))?;
        return Ok(text);
    }
    Ok(raw.to_owned())
}

/// Converts `text` to a JSON value of type `ty`; `name` is the option as shown in errors.
pub fn convert(schema: &Schema, ty: &Ty, text: &str, name: &str) -> Result<Value, Failure> {
    let invalid =
        |kind: &str| Failure::usage(format!("argument --{name}: invalid {kind} value: {text:?}"));
    match ty {
        Ty::String | Ty::DateTime | Ty::DateTimeIso | Ty::Date => Ok(Value::from(text)),
        Ty::Int => text
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| invalid("int")),
        Ty::Uint => text
            .trim()
            .parse::<u64>()
            .map(Value::from)
            .map_err(|_| invalid("int")),
        Ty::Float => text
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(|n| serde_json::Number::from_f64(n).map(Value::Number))
            .ok_or_else(|| invalid("float")),
        Ty::Bool => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "t" | "1" => Ok(Value::Bool(true)),
            "false" | "f" | "0" => Ok(Value::Bool(false)),
            _ => Err(Failure::usage(format!(
                "argument --{name}: Value of Boolean must be true/false, t/f, 1/0, got {text:?}"
            ))),
        },
        Ty::Named(index) => match schema.types.get(*index as usize).map(|t| &t.kind) {
            Some(TypeKind::Strings(_)) => Ok(Value::from(text)),
            Some(TypeKind::Integers(_)) => text
                .trim()
                .parse::<i64>()
                .map(Value::from)
                .map_err(|_| invalid("int")),
            _ => json(text, name),
        },
        Ty::List(_) => json(text, name),
    }
}

fn json(text: &str, name: &str) -> Result<Value, Failure> {
    serde_json::from_str(text).map_err(|e| {
        Failure::usage(format!(
            "argument --{name}: Invalid JSON: {e}\n JSON received: {text}"
        ))
    })
}

/// The body from parameters given one value each (`--Name value`).
pub fn from_options(
    schema: &Schema,
    action: &Action,
    params: &[(String, Vec<String>)],
) -> Result<Map<String, Value>, Failure> {
    let mut body = Map::new();
    let mut stdin_used = false;
    let mut unknown = Vec::new();
    for (name, values) in params {
        let Some(field) = action.input.iter().find(|f| &f.name == name) else {
            unknown.push(format!("--{name}"));
            continue;
        };
        let [raw] = values.as_slice() else {
            return Err(Failure::usage(format!(
                "argument --{name}: expected one argument"
            )));
        };
        let text = read_value(raw, name, &mut stdin_used)?;
        body.insert(name.clone(), convert(schema, &field.ty, &text, name)?);
    }
    if !unknown.is_empty() {
        return Err(Failure::usage(format!(
            "Unknown options: {}",
            unknown.join(", ")
        )));
    }
    Ok(body)
}

/// One step of a dotted path.
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The body from tccli's dotted form: `--Filters.0.Name zone --Filters.0.Values a b`.
pub fn from_unfolded(
    schema: &Schema,
    action: &Action,
    params: &[(String, Vec<String>)],
) -> Result<Map<String, Value>, Failure> {
    let mut root = Value::Object(Map::new());
    let mut stdin_used = false;
    for (name, values) in params {
        let mut fields = &action.input;
        let mut ty: Option<&Ty> = None;
        let mut steps = Vec::new();
        for segment in name.split('.') {
            let next = match ty {
                Some(Ty::List(inner)) => {
                    let index = segment.parse::<usize>().map_err(|_| {
                        Failure::usage(format!(
                            "argument --{name}: {segment:?} is not a list index"
                        ))
                    })?;
                    steps.push(Step::Index(index));
                    inner.as_ref()
                }
                Some(Ty::Named(index)) => {
                    match schema.types.get(*index as usize).map(|t| &t.kind) {
                        Some(TypeKind::Object(members)) => {
                            fields = members;
                            field_type(fields, segment, name, &mut steps)?
                        }
                        _ => return Err(Failure::usage(format!("Unknown options: --{name}"))),
                    }
                }
                Some(_) => return Err(Failure::usage(format!("Unknown options: --{name}"))),
                None => field_type(fields, segment, name, &mut steps)?,
            };
            ty = Some(next);
        }
        let Some(ty) = ty else { continue };
        let value = match (ty, values.as_slice()) {
            (Ty::List(inner), _) if is_scalar(schema, inner) => {
                let mut items = Vec::new();
                for raw in values {
                    let text = read_value(raw, name, &mut stdin_used)?;
                    items.push(convert(schema, inner, &text, name)?);
                }
                Value::Array(items)
            }
            (_, [raw]) => convert(schema, ty, &read_value(raw, name, &mut stdin_used)?, name)?,
            _ => {
                return Err(Failure::usage(format!(
                    "argument --{name}: expected one argument"
                )));
            }
        };
        insert(&mut root, &steps, value, name)?;
    }
    // The root starts as an object and is only ever indexed by key.
    let body = match root {
        Value::Object(body) => body,
        _ => Map::new(),
    };
    for (key, value) in &body {
        if contains_gap(value) {
            return Err(Failure::usage(format!(
                "argument --{key}: list indices must start at 0 and have no gaps"
            )));
        }
    }
    Ok(body)
}

fn field_type<'a>(
    fields: &'a [crate::model::Field],
    segment: &'a str,
    name: &str,
    steps: &mut Vec<Step<'a>>,
) -> Result<&'a Ty, Failure> {
    let field = fields
        .iter()
        .find(|f| f.name == segment)
        .ok_or_else(|| Failure::usage(format!("Unknown options: --{name}")))?;
    steps.push(Step::Key(segment));
    Ok(&field.ty)
}

fn is_scalar(schema: &Schema, ty: &Ty) -> bool {
    match ty {
        Ty::List(_) => false,
        Ty::Named(index) => !matches!(
            schema.types.get(*index as usize).map(|t| &t.kind),
            Some(TypeKind::Object(_))
        ),
        _ => true,
    }
}

fn insert(root: &mut Value, steps: &[Step<'_>], value: Value, name: &str) -> Result<(), Failure> {
    let clash = || {
        Failure::usage(format!(
            "argument --{name}: conflicts with another argument"
        ))
    };
    let mut slot = root;
    for step in steps {
        slot = match step {
            Step::Key(key) => {
                if slot.is_null() {
                    *slot = Value::Object(Map::new());
                }
                let Value::Object(map) = slot else {
                    return Err(clash());
                };
                map.entry(key.to_string()).or_insert(Value::Null)
            }
            Step::Index(index) => {
                if slot.is_null() {
                    *slot = Value::Array(Vec::new());
                }
                let Value::Array(items) = slot else {
                    return Err(clash());
                };
                if items.len() <= *index {
                    items.resize(index + 1, Value::Null);
                }
                &mut items[*index]
            }
        };
    }
    if !slot.is_null() {
        return Err(clash());
    }
    *slot = value;
    Ok(())
}

fn contains_gap(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.iter().any(|i| i.is_null() || contains_gap(i)),
        Value::Object(map) => map.values().any(contains_gap),
        _ => false,
    }
}

/// The body from `--cli-input-json`: `file://path`, `-` or the JSON text itself.
pub fn from_input_json(raw: &str) -> Result<Map<String, Value>, Failure> {
    let text = read_value(raw, "cli-input-json", &mut false)?;
    match json(&text, "cli-input-json")? {
        Value::Object(body) => Ok(body),
        other => Err(Failure::usage(format!(
            "argument --cli-input-json: Invalid type: expecting a JSON object, received {}",
            kind_name(&other)
        ))),
    }
}

fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
