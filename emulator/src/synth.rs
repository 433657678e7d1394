//! Values synthesized from a service's output types, for actions without a stateful handler
//! and without an example in the spec. It reads the checked service only, so that the spec
//! set can use it while loading a service.

use serde_json::{Map, Value};
use tc_codegen::ir::{EnumBase, Field, Primitive, Service, TypeKind, TypeRef};

use crate::validate::literal_json;

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

/// The structure named `wire_name` in `service`, filled like a nested one; empty when the
/// service has no such structure.
pub fn named(service: &Service, wire_name: &str) -> Map<String, Value> {
    service
        .types
        .iter()
        .find(|ty| ty.wire_name == wire_name)
        .and_then(|ty| match &ty.kind {
            TypeKind::Object { fields, .. } => Some(object(service, fields, 1)),
            TypeKind::Enum { .. } => None,
        })
        .unwrap_or_default()
}
