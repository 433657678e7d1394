//! Closed value sets: `#[non_exhaustive]` enums that keep any value added by the cloud later.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, paragraphs, spec_text};
use super::ident;
use crate::ir::{EnumBase, Literal, NamedType, TypeKind};

/// The enum of a value set, or `None` for a structure.
pub fn value_set(ty: &NamedType) -> Option<TokenStream> {
    let TypeKind::Enum { base, variants } = &ty.kind else {
        return None;
    };
    let name = ident(&ty.rust_name);
    let example = variants
        .first()
        .map(|v| v.rust_name.as_str())
        .unwrap_or("Unknown");
    let guidance = format!(
        "Values the spec does not document decode into `{}::Unknown`, so a value added by the \
         cloud later is kept, not an error; match it with a wildcard arm, as in \
         `{}::{example} => ..., _ => ...`.",
        ty.rust_name, ty.rust_name
    );
    let docs = paragraphs(&[&spec_text(&ty.description), &guidance]);
    let variant_defs = variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let wire = literal_text(&variant.value);
        let text = if variant.description.is_empty() {
            format!("`{wire}`.")
        } else {
            format!("`{wire}`: {}", spec_text(&variant.description))
        };
        let docs = doc(&text);
        quote! { #docs #variant_name, }
    });
    let (wire_ty, accessor, accessor_doc) = match base {
        EnumBase::String => (
            quote!(String),
            quote!(as_str),
            "The value as sent on the wire.",
        ),
        EnumBase::I64 => (quote!(i64), quote!(value), "The value as sent on the wire."),
        EnumBase::U64 => (quote!(u64), quote!(value), "The value as sent on the wire."),
    };
    let accessor_doc = doc(accessor_doc);
    let to_wire = variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let value = literal(&variant.value);
        quote! { Self::#variant_name => #value, }
    });
    let from_wire = variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let value = literal(&variant.value);
        quote! { #value => Self::#variant_name, }
    });
    let code = match base {
        EnumBase::String => quote! {
            impl #name {
                #accessor_doc
                pub fn as_str(&self) -> &str {
                    match self {
                        #( #to_wire )*
                        Self::Unknown(value) => value.as_str(),
                    }
                }
            }
            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    match value {
                        #( #from_wire )*
                        other => Self::Unknown(tc_runtime::action::Unknown::new(other.to_owned())),
                    }
                }
            }
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(self.as_str())
                }
            }
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                    Ok(Self::from(value.as_ref()))
                }
            }
        },
        EnumBase::I64 | EnumBase::U64 => quote! {
            impl #name {
                #accessor_doc
                pub fn #accessor(&self) -> #wire_ty {
                    match self {
                        #( #to_wire )*
                        Self::Unknown(value) => *value.value(),
                    }
                }
            }
            impl From<#wire_ty> for #name {
                fn from(value: #wire_ty) -> Self {
                    match value {
                        #( #from_wire )*
                        other => Self::Unknown(tc_runtime::action::Unknown::new(other)),
                    }
                }
            }
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    write!(f, "{}", self.#accessor())
                }
            }
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    self.#accessor().serialize(serializer)
                }
            }
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    // Absent or `null` in an answer: the fallback, never a documented value.
                    Ok(match tc_runtime::absent::value_set_number::<D, #wire_ty>(deserializer)? {
                        Some(value) => Self::from(value),
                        None => Self::Unknown(tc_runtime::action::Unknown::new(0)),
                    })
                }
            }
        },
    };
    Some(quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variant_defs )*
            /// A value this spec does not document, kept as sent.
            Unknown(tc_runtime::action::Unknown<#wire_ty>),
        }
        #code
    })
}

/// A literal as a Rust expression or pattern.
pub(crate) fn literal(literal: &Literal) -> TokenStream {
    match literal {
        Literal::String(text) => quote!(#text),
        Literal::I64(n) => super::signed(*n),
        Literal::U64(n) => {
            let n = super::int(*n);
            quote!(#n)
        }
        Literal::Bool(b) => quote!(#b),
    }
}

/// A literal as the docs show it (`ECC`, `2`).
pub(crate) fn literal_text(literal: &Literal) -> String {
    match literal {
        Literal::String(text) => text.clone(),
        Literal::I64(n) => n.to_string(),
        Literal::U64(n) => n.to_string(),
        Literal::Bool(b) => b.to_string(),
    }
}
