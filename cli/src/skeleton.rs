//! `--generate-cli-skeleton`: the request's shape with type names for values, as tccli prints
//! it, ready to fill in and pass back with `--cli-input-json file://...`.

use serde_json::{Map, Value};

use crate::model::{Action, Field, Schema, Ty};
use crate::output;
use tc_rules::TypeKind;

/// The input skeleton of `action`, followed by a newline.
pub fn input(schema: &Schema, action: &Action) -> String {
    let mut visited = Vec::new();
    output::json(&Value::Object(object(schema, &action.input, &mut visited))) + "\n"
}

fn object(schema: &Schema, fields: &[Field], visited: &mut Vec<u32>) -> Map<String, Value> {
    fields
        .iter()
        .map(|field| (field.name.clone(), value(schema, field, &field.ty, visited)))
        .collect()
}

fn value(schema: &Schema, field: &Field, ty: &Ty, visited: &mut Vec<u32>) -> Value {
    let name = match ty {
        Ty::String => "String",
        Ty::Int | Ty::Uint => "Integer",
        Ty::Float => "Float",
        Ty::Bool => "Boolean",
        Ty::DateTime | Ty::DateTimeIso | Ty::Date => "Timestamp",
        Ty::List(inner) => return Value::Array(vec![value(schema, field, inner, visited)]),
        Ty::Named(index) => match schema.types.get(*index as usize) {
            Some(named) => match &named.kind {
                TypeKind::Strings(_) => "String",
                TypeKind::Integers(_) => "Integer",
                // A structure that contains itself is named, not expanded forever.
                TypeKind::Object(_) if visited.contains(index) => {
                    return Value::from(format!(
                        "<recursive: fill '{}' with a JSON object of type {} (self-referenced)>",
                        field.name, named.name
                    ));
                }
                TypeKind::Object(fields) => {
                    visited.push(*index);
                    let inner = object(schema, fields, visited);
                    visited.pop();
                    return Value::Object(inner);
                }
            },
            None => "Object",
        },
    };
    Value::from(name)
}
