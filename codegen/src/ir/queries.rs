//! Questions the emitters (and the emulator) ask of a checked service, answered once here so
//! that none of them reaches back into the checker or the spec model.

use std::fmt;

use super::{Literal, NamedType, Service, TypeKind, TypeRef, Variant};

/// Whether a value of `ty` holds a structure with limits (directly or inside a list).
///
/// Takes the types rather than a [`Service`] because the checker asks it while the service is
/// still being built.
pub fn refers_to_limits(ty: &TypeRef, types: &[NamedType]) -> bool {
    match ty {
        TypeRef::List(inner) => refers_to_limits(inner, types),
        TypeRef::Object(index) => matches!(
            types[*index].kind,
            TypeKind::Object {
                has_limits: true,
                ..
            }
        ),
        TypeRef::Primitive(_) | TypeRef::Enum(_) => false,
    }
}

impl Service {
    /// Whether a value of `ty` holds a structure with limits.
    pub fn refers_to_limits(&self, ty: &TypeRef) -> bool {
        refers_to_limits(ty, &self.types)
    }

    /// The value set of a member of type `ty` and its variant that `literal` stands for; `None`
    /// when `ty` is not a value set. The checker accepts a literal for a value-set member only
    /// when it is one of the documented values, so for such members this always finds one.
    pub fn variant_of(&self, ty: &TypeRef, literal: &Literal) -> Option<(&NamedType, &Variant)> {
        let TypeRef::Enum(index) = ty else {
            return None;
        };
        let named = &self.types[*index];
        let TypeKind::Enum { variants, .. } = &named.kind else {
            return None;
        };
        let variant = variants.iter().find(|variant| variant.value == *literal)?;
        Some((named, variant))
    }
}

/// A literal as written in the spec's JSON (`"ECC"`, `-1`, `true`), for messages and docs.
impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::String(text) => {
                let quoted = serde_json::to_string(text).map_err(|_| fmt::Error)?;
                f.write_str(&quoted)
            }
            Literal::I64(n) => write!(f, "{n}"),
            Literal::U64(n) => write!(f, "{n}"),
            Literal::Bool(b) => write!(f, "{b}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{EnumBase, Primitive};
    use super::*;

    fn service(types: Vec<NamedType>) -> Service {
        let errors = super::super::ErrorSet {
            name: String::new(),
            codes: Vec::new(),
        };
        Service {
            service: "demo".into(),
            version: "2020-01-01".into(),
            name: "Demo".into(),
            endpoint: "demo.example".into(),
            description: String::new(),
            source: String::new(),
            module: "demo".into(),
            version_module: "v20200101".into(),
            client: "DemoClient".into(),
            common_errors: errors.clone(),
            service_errors: errors,
            types,
            actions: Vec::new(),
            waiters: Vec::new(),
            round_trip: false,
        }
    }

    fn named(rust_name: &str, kind: TypeKind) -> NamedType {
        NamedType {
            wire_name: rust_name.into(),
            rust_name: rust_name.into(),
            description: String::new(),
            in_requests: true,
            in_responses: false,
            kind,
        }
    }

    #[test]
    fn literals_print_as_the_spec_writes_them() {
        assert_eq!(Literal::String("ECC".into()).to_string(), "\"ECC\"");
        assert_eq!(Literal::String("a\"b".into()).to_string(), "\"a\\\"b\"");
        assert_eq!(Literal::I64(-3).to_string(), "-3");
        assert_eq!(Literal::U64(83).to_string(), "83");
        assert_eq!(Literal::Bool(true).to_string(), "true");
    }

    #[test]
    fn a_literal_finds_its_variant_only_in_a_value_set() {
        let algo = named(
            "CsrEncryptAlgo",
            TypeKind::Enum {
                base: EnumBase::String,
                variants: vec![
                    Variant {
                        rust_name: "Rsa".into(),
                        value: Literal::String("RSA".into()),
                        description: String::new(),
                    },
                    Variant {
                        rust_name: "Ecc".into(),
                        value: Literal::String("ECC".into()),
                        description: String::new(),
                    },
                ],
            },
        );
        let service = service(vec![algo]);
        let ecc = Literal::String("ECC".into());
        let (ty, variant) = service
            .variant_of(&TypeRef::Enum(0), &ecc)
            .expect("ECC is documented");
        assert_eq!(
            (ty.rust_name.as_str(), variant.rust_name.as_str()),
            ("CsrEncryptAlgo", "Ecc")
        );
        assert!(
            service
                .variant_of(&TypeRef::Enum(0), &Literal::String("DSA".into()))
                .is_none()
        );
        let text = TypeRef::Primitive(Primitive::String);
        assert!(service.variant_of(&text, &ecc).is_none());
    }

    #[test]
    fn limits_are_found_through_lists_of_structures() {
        let limited = named(
            "Tag",
            TypeKind::Object {
                fields: Vec::new(),
                has_limits: true,
            },
        );
        let plain = named(
            "Plain",
            TypeKind::Object {
                fields: Vec::new(),
                has_limits: false,
            },
        );
        let service = service(vec![limited, plain]);
        let list_of_tags = TypeRef::List(Box::new(TypeRef::Object(0)));
        assert!(service.refers_to_limits(&list_of_tags));
        assert!(!service.refers_to_limits(&TypeRef::Object(1)));
        assert!(!service.refers_to_limits(&TypeRef::Primitive(Primitive::String)));
    }
}
