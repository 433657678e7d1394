//! Member type strings (`string`, `list<Tag>`, `DvAuthMethod`) resolved against the spec.

use std::collections::HashMap;

use crate::ir::{Primitive, TypeRef};

/// The primitive type names of the spec format, for messages.
pub const PRIMITIVES: &str = "string, i64, u64, bool, f64, datetime, datetime_iso, date";

/// What a named type is, as far as resolution needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// A structure.
    Object,
    /// A value set.
    Enum,
}

/// Resolves `text` against the primitives and the spec's named types (`name → (index, kind)`).
///
/// On failure returns what was wrong and what was expected.
pub fn resolve(
    text: &str,
    named: &HashMap<&str, (usize, NamedKind)>,
) -> Result<TypeRef, (String, String)> {
    let text = text.trim();
    if let Some(inner) = text
        .strip_prefix("list<")
        .and_then(|rest| rest.strip_suffix('>'))
    {
        return resolve(inner, named).map(|inner| TypeRef::List(Box::new(inner)));
    }
    if let Some(primitive) = primitive(text) {
        return Ok(TypeRef::Primitive(primitive));
    }
    match named.get(text) {
        Some((index, NamedKind::Object)) => Ok(TypeRef::Object(*index)),
        Some((index, NamedKind::Enum)) => Ok(TypeRef::Enum(*index)),
        None if text.is_empty() => Err((
            "the type is empty".to_owned(),
            format!("one of {PRIMITIVES}, list<T>, or a type declared under `types`"),
        )),
        None => Err((
            format!("unknown type `{text}`"),
            format!("one of {PRIMITIVES}, list<T>, or a type declared under `types`"),
        )),
    }
}

fn primitive(text: &str) -> Option<Primitive> {
    Some(match text {
        "string" => Primitive::String,
        "i64" => Primitive::I64,
        "u64" => Primitive::U64,
        "bool" => Primitive::Bool,
        "f64" => Primitive::F64,
        "datetime" => Primitive::DateTime,
        "datetime_iso" => Primitive::DateTimeIso,
        "date" => Primitive::Date,
        _ => return None,
    })
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
            resolve("list<list<Tag>>", &named),
            Ok(TypeRef::List(Box::new(TypeRef::List(Box::new(
                TypeRef::Object(0)
            )))))
        );
        assert_eq!(resolve("Algo", &named), Ok(TypeRef::Enum(1)));
        assert_eq!(
            resolve("u64", &named),
            Ok(TypeRef::Primitive(Primitive::U64))
        );
        assert!(resolve("Strin", &named).is_err());
        assert!(resolve("list<Nope>", &named).is_err());
    }
}
