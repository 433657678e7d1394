//! Values written in the spec (in tests and waiters) checked against a member's type.

use serde_json::Value;

use crate::diagnostic::JsonPath;
use crate::ir::{Field, Literal, NamedType, Primitive, TypeKind, TypeRef};

use super::Checker;

impl Checker<'_> {
    /// Values a test compares a member with; they must fit the member's type.
    pub(super) fn literals(
        &mut self,
        values: &[Value],
        field: &Field,
        types: &[NamedType],
        at: &JsonPath,
    ) -> Option<Vec<Literal>> {
        let mut literals = Vec::with_capacity(values.len());
        let mut ok = true;
        for (index, value) in values.iter().enumerate() {
            match literal_for(value, &field.ty, types) {
                Ok(literal) => literals.push(literal),
                Err(expected) => {
                    ok = false;
                    self.problem(
                        at.index(index),
                        format!("{value} cannot be a value of `{}`", field.wire_name),
                        Some(&expected),
                    );
                }
            }
        }
        ok.then_some(literals)
    }
}

/// The literal for `value` as a value of a member of type `ty`, or what was expected.
pub(super) fn literal_for(
    value: &Value,
    ty: &TypeRef,
    types: &[NamedType],
) -> Result<Literal, String> {
    match (ty, value) {
        (TypeRef::Primitive(Primitive::Bool), Value::Bool(b)) => Ok(Literal::Bool(*b)),
        (TypeRef::Primitive(Primitive::I64), Value::Number(n)) => n
            .as_i64()
            .map(Literal::I64)
            .ok_or_else(|| "a signed integer".to_owned()),
        (TypeRef::Primitive(Primitive::U64), Value::Number(n)) => n
            .as_u64()
            .map(Literal::U64)
            .ok_or_else(|| "an unsigned integer".to_owned()),
        (
            TypeRef::Primitive(
                Primitive::String | Primitive::Date | Primitive::DateTime | Primitive::DateTimeIso,
            ),
            Value::String(s),
        ) => Ok(Literal::String(s.clone())),
        (TypeRef::Enum(index), value) => {
            let TypeKind::Enum { variants, .. } = &types[*index].kind else {
                return Err("a value of the member's value set".to_owned());
            };
            variants
                .iter()
                .find(|variant| literal_matches(&variant.value, value))
                .map(|variant| variant.value.clone())
                .ok_or_else(|| {
                    let known: Vec<String> = variants.iter().map(|v| v.value.to_string()).collect();
                    format!("one of the documented values: {}", known.join(", "))
                })
        }
        (TypeRef::Primitive(primitive), _) => Err(match primitive {
            Primitive::Bool => "`true` or `false`",
            Primitive::I64 => "a signed integer",
            Primitive::U64 => "an unsigned integer",
            Primitive::F64 => {
                "an integer or string member: floating-point values cannot be compared exactly"
            }
            Primitive::String | Primitive::Date | Primitive::DateTime | Primitive::DateTimeIso => {
                "a string"
            }
        }
        .to_owned()),
        (TypeRef::List(_) | TypeRef::Object(_), _) => {
            Err("a scalar member: only `present` tests apply to lists and structures".to_owned())
        }
    }
}

fn literal_matches(literal: &Literal, value: &Value) -> bool {
    match (literal, value) {
        (Literal::String(a), Value::String(b)) => a == b,
        (Literal::I64(a), Value::Number(b)) => b.as_i64() == Some(*a),
        (Literal::U64(a), Value::Number(b)) => b.as_u64() == Some(*a),
        (Literal::Bool(a), Value::Bool(b)) => a == b,
        _ => false,
    }
}
