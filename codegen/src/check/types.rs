//! Named types (structures and value sets), and member type strings (`string`, `list<Tag>`,
//! `DvAuthMethod`) resolved against them.

use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostic::JsonPath;
use crate::ir::{self, EnumBase, Literal, NamedType, Primitive, TypeKind, TypeRef, Variant};
use crate::spec::ParsedService;
use crate::spec::model::{EnumValueSpec, TypeSpec};
use crate::spec::types::{Scalar, TypeExpr};

use super::members::Role;
use super::{Checker, naming};

/// What a named type is, as far as resolution needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// A structure.
    Object,
    /// A value set.
    Enum,
}

/// Resolves a member's type against the spec's named types (`name → (index, kind)`).
///
/// On failure returns what was wrong and what was expected.
pub fn resolve(
    ty: &TypeExpr,
    named: &HashMap<&str, (usize, NamedKind)>,
) -> Result<TypeRef, (String, String)> {
    let expected = || {
        let scalars: Vec<&str> = Scalar::ALL.iter().map(|s| s.name()).collect();
        format!(
            "one of {}, list<T>, or a type declared under `types`",
            scalars.join(", ")
        )
    };
    match ty {
        TypeExpr::List(item) => resolve(item, named).map(|item| TypeRef::List(Box::new(item))),
        TypeExpr::Scalar(scalar) => Ok(TypeRef::Primitive(primitive(*scalar))),
        TypeExpr::Named(name) => match named.get(name.as_str()) {
            Some((index, NamedKind::Object)) => Ok(TypeRef::Object(*index)),
            Some((index, NamedKind::Enum)) => Ok(TypeRef::Enum(*index)),
            None if name.is_empty() => Err(("the type is empty".to_owned(), expected())),
            None => Err((format!("unknown type `{name}`"), expected())),
        },
    }
}

/// The IR's primitive for a spec scalar.
fn primitive(scalar: Scalar) -> Primitive {
    match scalar {
        Scalar::String => Primitive::String,
        Scalar::I64 => Primitive::I64,
        Scalar::U64 => Primitive::U64,
        Scalar::Bool => Primitive::Bool,
        Scalar::F64 => Primitive::F64,
        Scalar::DateTime => Primitive::DateTime,
        Scalar::DateTimeIso => Primitive::DateTimeIso,
        Scalar::Date => Primitive::Date,
    }
}

impl Checker<'_> {
    /// Names every type before any member refers to one.
    pub(super) fn declare_types<'s>(
        &mut self,
        parsed: &'s ParsedService,
    ) -> HashMap<&'s str, (usize, NamedKind)> {
        let mut named = HashMap::new();
        for (index, (name, ty)) in parsed.spec.types.iter().enumerate() {
            let path = JsonPath::root().key("types").key(name);
            let kind = match (&ty.members, &ty.values) {
                (Some(_), None) => NamedKind::Object,
                (None, Some(_)) => NamedKind::Enum,
                (Some(_), Some(_)) => {
                    self.problem(
                        path.clone(),
                        "a type has either `members` or `values`, not both",
                        Some("one of `members` (a structure) or `values` (a value set)"),
                    );
                    NamedKind::Object
                }
                (None, None) => {
                    self.problem(
                        path.clone(),
                        "the type has neither `members` nor `values`",
                        Some("one of `members` (a structure) or `values` (a value set)"),
                    );
                    NamedKind::Object
                }
            };
            match naming::type_name(ty.rust_name.as_deref().unwrap_or(name)) {
                Some(rust) => {
                    self.claim_item(&rust, path);
                }
                None => self.problem(
                    path,
                    format!("`{name}` makes no Rust type name"),
                    Some(naming::TYPE_NAME_RULE),
                ),
            }
            named.insert(name.as_str(), (index, kind));
        }
        named
    }

    pub(super) fn named_type(
        &mut self,
        name: &str,
        ty: &TypeSpec,
        named: &HashMap<&str, (usize, NamedKind)>,
        path: &JsonPath,
    ) -> NamedType {
        let rust_name =
            naming::type_name(ty.rust_name.as_deref().unwrap_or(name)).unwrap_or_default();
        let kind = if let Some(values) = &ty.values {
            if ty.members.is_none() {
                self.enum_type(ty.ty.as_deref(), values, path)
            } else {
                TypeKind::Object {
                    fields: Vec::new(),
                    has_limits: false,
                }
            }
        } else {
            if ty.ty.is_some() {
                self.problem(
                    path.key("type"),
                    "only value sets have a `type`",
                    Some("no `type` on a structure"),
                );
            }
            let members = ty.members.clone().unwrap_or_default();
            let fields = self.fields(&members, named, &path.key("members"), Role::Object);
            let has_limits = fields.iter().any(|f| f.limits.any());
            TypeKind::Object { fields, has_limits }
        };
        NamedType {
            wire_name: name.to_owned(),
            rust_name,
            description: ty.description.clone(),
            in_requests: false,
            in_responses: false,
            kind,
        }
    }

    pub(super) fn enum_type(
        &mut self,
        base: Option<&str>,
        values: &[EnumValueSpec],
        path: &JsonPath,
    ) -> TypeKind {
        let base = match base.unwrap_or("string") {
            "string" => EnumBase::String,
            "i64" => EnumBase::I64,
            "u64" => EnumBase::U64,
            other => {
                self.problem(
                    path.key("type"),
                    format!("a value set cannot hold `{other}` values"),
                    Some("`string`, `i64` or `u64`"),
                );
                EnumBase::String
            }
        };
        if values.is_empty() {
            self.problem(
                path.key("values"),
                "the value set is empty",
                Some("at least one value"),
            );
        }
        let mut names: HashMap<String, usize> = HashMap::new();
        let mut seen_values: Vec<&Value> = Vec::new();
        let mut variants = Vec::with_capacity(values.len());
        for (index, value) in values.iter().enumerate() {
            let at = path.key("values").index(index);
            let literal = match (base, &value.value) {
                (EnumBase::String, Value::String(text)) => Some(Literal::String(text.clone())),
                (EnumBase::I64, Value::Number(n)) => n.as_i64().map(Literal::I64),
                (EnumBase::U64, Value::Number(n)) => n.as_u64().map(Literal::U64),
                _ => None,
            };
            let Some(literal) = literal else {
                let expected = match base {
                    EnumBase::String => "a string",
                    EnumBase::I64 => "a signed 64-bit integer",
                    EnumBase::U64 => "an unsigned 64-bit integer",
                };
                self.problem(
                    at.key("value"),
                    format!("`{}` does not fit the value set's type", value.value),
                    Some(expected),
                );
                continue;
            };
            if seen_values.contains(&&value.value) {
                self.problem(
                    at.key("value"),
                    format!("the value {} is listed twice", value.value),
                    Some("each value once"),
                );
            }
            seen_values.push(&value.value);
            let rust_name = match (&value.name, &literal) {
                (Some(name), _) => naming::type_name(name),
                (None, Literal::String(text)) => naming::type_name(text),
                (None, _) => None,
            };
            let Some(rust_name) = rust_name else {
                let message = match &value.name {
                    Some(name) => format!("the name `{name}` makes no Rust variant name"),
                    None => format!(
                        "the value {} makes no Rust variant name; give it a `name`",
                        value.value
                    ),
                };
                self.problem(at.clone(), message, Some(naming::TYPE_NAME_RULE));
                continue;
            };
            if rust_name == "Unknown" {
                self.problem(
                    at.clone(),
                    "`Unknown` is the fallback variant of every value set",
                    Some("another `name`"),
                );
            }
            if let Some(first) = names.insert(rust_name.clone(), index) {
                self.problem(
                    at.clone(),
                    format!("this value makes the variant `{rust_name}`, as value {first} does"),
                    Some("a distinct `name`"),
                );
            }
            variants.push(Variant {
                rust_name,
                value: literal,
                description: value.description.clone(),
            });
        }
        TypeKind::Enum { base, variants }
    }
}

/// Marks the types that requests hold and those that responses hold, directly or inside other
/// structures.
pub(super) fn mark_types_in_requests(types: &mut [NamedType], actions: &[ir::Action]) {
    let inputs = actions.iter().flat_map(|action| &action.input);
    mark(types, inputs, |ty| &mut ty.in_requests);
    let outputs = actions.iter().flat_map(|action| &action.output);
    mark(types, outputs, |ty| &mut ty.in_responses);
}

/// Sets `flag` on every type `fields` hold, and on every type those hold in turn.
fn mark<'a>(
    types: &mut [NamedType],
    fields: impl Iterator<Item = &'a ir::Field>,
    flag: impl Fn(&mut NamedType) -> &mut bool,
) {
    let mut pending: Vec<usize> = Vec::new();
    for field in fields {
        named_in(&field.ty, &mut pending);
    }
    while let Some(index) = pending.pop() {
        let marked = flag(&mut types[index]);
        if *marked {
            continue;
        }
        *marked = true;
        if let TypeKind::Object { fields, .. } = &types[index].kind {
            for field in fields {
                named_in(&field.ty, &mut pending);
            }
        }
    }
}

pub(super) fn named_in(ty: &TypeRef, found: &mut Vec<usize>) {
    match ty {
        TypeRef::List(inner) => named_in(inner, found),
        TypeRef::Object(index) | TypeRef::Enum(index) => found.push(*index),
        TypeRef::Primitive(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_nested_lists_and_named_types() {
        let named = HashMap::from([
            ("Tag", (0, NamedKind::Object)),
            ("Algo", (1, NamedKind::Enum)),
        ]);
        assert_eq!(
            resolve(&TypeExpr::parse("list<list<Tag>>"), &named),
            Ok(TypeRef::List(Box::new(TypeRef::List(Box::new(
                TypeRef::Object(0)
            )))))
        );
        assert_eq!(
            resolve(&TypeExpr::parse("Algo"), &named),
            Ok(TypeRef::Enum(1))
        );
        assert_eq!(
            resolve(&TypeExpr::parse("u64"), &named),
            Ok(TypeRef::Primitive(Primitive::U64))
        );
        assert!(resolve(&TypeExpr::parse("Strin"), &named).is_err());
        assert!(resolve(&TypeExpr::parse("list<Nope>"), &named).is_err());
    }
}
