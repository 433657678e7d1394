//! Stage 3: the IR turned into tokens, one module per construct.
//!
//! Emitters make no decisions of their own: every name comes from the IR.

mod client;
pub mod docs;
mod enums;
mod errors;
pub mod modules;
mod structs;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Primitive, Service, TypeRef};

/// Every item of one service version: value sets, structures, requests, responses, error codes
/// and the client. The caller decides where they go (a module file, or a macro's expansion).
pub fn service(service: &Service) -> TokenStream {
    let enums = service.types.iter().filter_map(enums::value_set);
    let objects = service
        .types
        .iter()
        .filter_map(|ty| structs::shared_structure(service, ty));
    let actions = service.actions.iter().map(|action| {
        let request = structs::request(service, action);
        let response = structs::response(service, action);
        let codes = errors::action_codes(service, action);
        quote! { #request #response #codes }
    });
    let common = errors::code_set(
        &service.common_errors,
        "A common error code of Tencent Cloud API 3.0, which any action may return.",
    );
    let service_codes = (!service.service_errors.codes.is_empty()).then(|| {
        errors::code_set(
            &service.service_errors,
            &format!(
                "A business error code of {} that its actions may return.",
                service.name
            ),
        )
    });
    let client = client::client(service);
    quote! {
        #client
        #( #actions )*
        #( #objects )*
        #( #enums )*
        #common
        #service_codes
    }
}

/// An identifier from a name the IR chose (raw identifiers included).
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The Rust type of a member, without the `Option` of an optional one.
pub(crate) fn rust_type(service: &Service, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Primitive(primitive) => match primitive {
            Primitive::String | Primitive::DateTime | Primitive::DateTimeIso | Primitive::Date => {
                quote!(String)
            }
            Primitive::I64 => quote!(i64),
            Primitive::U64 => quote!(u64),
            Primitive::Bool => quote!(bool),
            Primitive::F64 => quote!(f64),
        },
        TypeRef::List(inner) => {
            let inner = rust_type(service, inner);
            quote!(Vec<#inner>)
        }
        TypeRef::Object(index) | TypeRef::Enum(index) => {
            let name = ident(&service.types[*index].rust_name);
            quote!(#name)
        }
    }
}
