//! The type expressions of the spec format (`string`, `list<Tag>`, `DvAuthMethod`), parsed in
//! one place, and the reading of scalar values written as text (query strings, tccli examples).
//!
//! The spec files keep types as text (`"type": "list<Tag>"`); this is the one parser of that
//! text, shared by the checker and the importers.

use std::fmt;

use serde_json::Value;

/// A member's type as written in a spec, before names are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// A built-in scalar (`string`, `u64`).
    Scalar(Scalar),
    /// `list<T>`.
    List(Box<TypeExpr>),
    /// Any other text: the name of a type under `types` (resolved, or rejected, by the checker).
    Named(String),
}

/// The scalars of the spec format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// `string`.
    String,
    /// `i64`.
    I64,
    /// `u64`.
    U64,
    /// `bool`.
    Bool,
    /// `f64`.
    F64,
    /// `datetime`: text of the form `2019-12-05 17:04:05`.
    DateTime,
    /// `datetime_iso`: text of the form `2019-12-05T17:04:05+08:00`.
    DateTimeIso,
    /// `date`: text of the form `2019-12-05`.
    Date,
}

impl Scalar {
    /// Every scalar, in the order the docs list them.
    pub const ALL: [Scalar; 8] = [
        Scalar::String,
        Scalar::I64,
        Scalar::U64,
        Scalar::Bool,
        Scalar::F64,
        Scalar::DateTime,
        Scalar::DateTimeIso,
        Scalar::Date,
    ];

    /// The scalar's name in the spec format.
    pub fn name(self) -> &'static str {
        match self {
            Scalar::String => "string",
            Scalar::I64 => "i64",
            Scalar::U64 => "u64",
            Scalar::Bool => "bool",
            Scalar::F64 => "f64",
            Scalar::DateTime => "datetime",
            Scalar::DateTimeIso => "datetime_iso",
            Scalar::Date => "date",
        }
    }

    /// The scalar a spec name stands for.
    pub fn from_name(name: &str) -> Option<Scalar> {
        Scalar::ALL.into_iter().find(|scalar| scalar.name() == name)
    }

    /// Whether values of the scalar are text on the wire.
    pub fn is_text(self) -> bool {
        matches!(
            self,
            Scalar::String | Scalar::DateTime | Scalar::DateTimeIso | Scalar::Date
        )
    }

    /// A value written as text (`83`, `TRUE`) read as this scalar; `None` when it does not
    /// parse. Booleans are `true`/`false` in any of the spellings the sources use.
    pub fn parse_text(self, text: &str) -> Option<Value> {
        match self {
            Scalar::String | Scalar::DateTime | Scalar::DateTimeIso | Scalar::Date => {
                Some(Value::from(text))
            }
            Scalar::I64 => text.parse::<i64>().ok().map(Value::from),
            Scalar::U64 => text.parse::<u64>().ok().map(Value::from),
            Scalar::F64 => text
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Value::from),
            Scalar::Bool => match text {
                "true" | "True" | "TRUE" => Some(Value::Bool(true)),
                "false" | "False" | "FALSE" => Some(Value::Bool(false)),
                _ => None,
            },
        }
    }

    /// Whether a JSON value has the scalar's shape.
    pub fn fits(self, value: &Value) -> bool {
        match self {
            Scalar::String | Scalar::DateTime | Scalar::DateTimeIso | Scalar::Date => {
                value.is_string()
            }
            Scalar::Bool => value.is_boolean(),
            Scalar::I64 => value.is_i64(),
            Scalar::U64 => value.is_u64(),
            Scalar::F64 => value.is_number(),
        }
    }
}

impl TypeExpr {
    /// Parses a type as a spec writes it. Never fails: text that is neither a scalar nor
    /// `list<...>` is a [`TypeExpr::Named`] (possibly empty), for the checker to resolve.
    pub fn parse(text: &str) -> TypeExpr {
        let text = text.trim();
        if let Some(inner) = text
            .strip_prefix("list<")
            .and_then(|rest| rest.strip_suffix('>'))
        {
            return TypeExpr::List(Box::new(TypeExpr::parse(inner)));
        }
        match Scalar::from_name(text) {
            Some(scalar) => TypeExpr::Scalar(scalar),
            None => TypeExpr::Named(text.to_owned()),
        }
    }

    /// A list of `item`.
    pub fn list(item: TypeExpr) -> TypeExpr {
        TypeExpr::List(Box::new(item))
    }

    /// The item type, when this is a list.
    pub fn item(&self) -> Option<&TypeExpr> {
        match self {
            TypeExpr::List(item) => Some(item),
            TypeExpr::Scalar(_) | TypeExpr::Named(_) => None,
        }
    }

    /// Whether a JSON value has the shape of this type (a named type: any object).
    pub fn fits(&self, value: &Value) -> bool {
        match self {
            TypeExpr::Scalar(scalar) => scalar.fits(value),
            TypeExpr::List(item) => value
                .as_array()
                .is_some_and(|values| values.iter().all(|v| item.fits(v))),
            TypeExpr::Named(_) => value.is_object(),
        }
    }
}

/// The type as the spec writes it (`list<Tag>`).
impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::Scalar(scalar) => f.write_str(scalar.name()),
            TypeExpr::List(item) => write!(f, "list<{item}>"),
            TypeExpr::Named(name) => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn types_parse_and_print_back() {
        for text in ["string", "list<list<Tag>>", "list<u64>", "DvAuthMethod", ""] {
            assert_eq!(TypeExpr::parse(text).to_string(), text);
        }
        assert_eq!(
            TypeExpr::parse(" list<datetime_iso> "),
            TypeExpr::list(TypeExpr::Scalar(Scalar::DateTimeIso))
        );
        assert_eq!(
            TypeExpr::parse("list<"),
            TypeExpr::Named("list<".to_owned())
        );
    }

    #[test]
    fn scalar_text_reads_every_spelling_the_sources_use() {
        for text in ["true", "True", "TRUE"] {
            assert_eq!(Scalar::Bool.parse_text(text), Some(json!(true)));
        }
        for text in ["false", "False", "FALSE"] {
            assert_eq!(Scalar::Bool.parse_text(text), Some(json!(false)));
        }
        assert_eq!(Scalar::Bool.parse_text("yes"), None);
        assert_eq!(Scalar::U64.parse_text("83"), Some(json!(83)));
        assert_eq!(Scalar::U64.parse_text("-1"), None);
        assert_eq!(Scalar::I64.parse_text("-1"), Some(json!(-1)));
        assert_eq!(Scalar::F64.parse_text("NaN"), None);
        assert_eq!(
            Scalar::Date.parse_text("2019-12-05"),
            Some(json!("2019-12-05"))
        );
    }

    #[test]
    fn values_fit_their_types() {
        let tags = TypeExpr::parse("list<Tag>");
        assert!(tags.fits(&json!([{"TagKey": "a"}])));
        assert!(!tags.fits(&json!(["a"])));
        assert!(TypeExpr::parse("i64").fits(&json!(-1)));
        assert!(!TypeExpr::parse("u64").fits(&json!(-1)));
    }
}
