//! Closed value sets: `#[non_exhaustive]` enums that keep any value added by the cloud later.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, spec_text};
use super::ident;
use crate::ir::{EnumBase, Literal, NamedType, TypeKind};

/// The enum of a value set, or `None` for a structure: a `tc_runtime::value_set!` that lists
/// each documented value once; the macro adds `Unknown`, the conversions and serde.
pub fn value_set(ty: &NamedType) -> Option<TokenStream> {
    let TypeKind::Enum { base, variants } = &ty.kind else {
        return None;
    };
    let name = ident(&ty.rust_name);
    let docs = doc(&spec_text(&ty.description));
    let base = match base {
        EnumBase::String => quote!(str),
        EnumBase::I64 => quote!(i64),
        EnumBase::U64 => quote!(u64),
    };
    let variants = variants.iter().map(|variant| {
        let variant_name = ident(&variant.rust_name);
        let value = literal(&variant.value);
        let docs = doc(&spec_text(&variant.description));
        quote! { #docs #variant_name = #value, }
    });
    Some(quote! {
        tc_runtime::value_set! {
            #docs
            pub enum #name: #base {
                #( #variants )*
            }
        }
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
