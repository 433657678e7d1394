//! Responses for actions without a stateful handler: the spec's example response, or one
//! synthesized from the action's output types.

use serde_json::{Map, Value};
use tc_codegen::ir::{Action, EnumBase, Field, Primitive, Service, TypeKind, TypeRef};

use crate::specs::ServiceModel;
use crate::validate::literal_json;

/// The contents of `Response` for `action` (without `RequestId`): the spec's first example
/// when it has one, else every always-sent member with a value of its type.
pub fn response(model: &ServiceModel, action: &Action) -> Map<String, Value> {
    if let Some(Value::Object(example)) = model.examples.get(&action.wire_name) {
        let mut example = example.clone();
        example.remove("RequestId");
        if !example.contains_key("Error") {
            return example;
        }
    }
    match model.synthesized.get(&action.wire_name) {
        Some(map) => map.clone(),
        None => object(&model.ir, &action.output, 0),
    }
}

/// Every member of `fields` that is always sent, with a value of its type.
pub fn object(service: &Service, fields: &[Field], depth: usize) -> Map<String, Value> {
    fields
        .iter()
        .filter(|field| field.required)
        .map(|field| {
            let value = if field.nullable && depth > 0 {
                Value::Null
            } else {
                value(service, &field.ty, depth)
            };
            (field.wire_name.clone(), value)
        })
        .collect()
}

/// A value of type `ty`: empty text, zero, false, an empty list, the first documented value of
/// a value set, or a structure filled the same way (nested structures stop at a small depth).
pub fn value(service: &Service, ty: &TypeRef, depth: usize) -> Value {
    match ty {
        TypeRef::Primitive(primitive) => match primitive {
            Primitive::String => Value::from(""),
            Primitive::I64 | Primitive::U64 => Value::from(0),
            Primitive::F64 => Value::from(0.0),
            Primitive::Bool => Value::from(false),
            Primitive::DateTime => Value::from("2019-12-05 17:04:05"),
            Primitive::DateTimeIso => Value::from("2019-12-05T17:04:05+08:00"),
            Primitive::Date => Value::from("2019-12-05"),
        },
        TypeRef::List(_) => Value::Array(Vec::new()),
        TypeRef::Object(index) => match &service.types[*index].kind {
            TypeKind::Object { fields, .. } if depth < 4 => {
                Value::Object(object(service, fields, depth + 1))
            }
            _ => Value::Null,
        },
        TypeRef::Enum(index) => match &service.types[*index].kind {
            TypeKind::Enum { variants, base } => match variants.first() {
                Some(variant) => literal_json(&variant.value),
                None if *base == EnumBase::String => Value::from(""),
                None => Value::from(0),
            },
            TypeKind::Object { .. } => Value::Null,
        },
    }
}
