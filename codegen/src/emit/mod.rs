//! Stage 3: the IR turned into tokens, one module per construct.
//!
//! Emitters make no decisions of their own: every name comes from the IR.

mod client;
mod conditions;
pub mod docs;
mod enums;
mod errors;
pub mod modules;
mod paginate;
mod structs;
mod validate;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Primitive, Service, TypeRef};

/// Every item of one service version: the client, then each action's request, response and
/// error codes, then shared structures, value sets and the service's error codes.
/// The caller decides where they go (a module file, or a macro's expansion).
pub fn service(service: &Service) -> TokenStream {
    parts(service)
        .iter()
        .map(|part| part.emit(service))
        .collect()
}

/// One group of items, emitted on its own so that groups can be formatted in parallel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The service client.
    Client,
    /// An action's request, response and error codes, by index.
    Action(usize),
    /// A shared structure or value set, by index.
    Type(usize),
    /// The service's business error codes.
    ErrorSets,
}

/// The parts of a service, in output order.
pub fn parts(service: &Service) -> Vec<Part> {
    let structures = (0..service.types.len())
        .filter(|&index| !matches!(service.types[index].kind, crate::ir::TypeKind::Enum { .. }));
    let value_sets = (0..service.types.len())
        .filter(|&index| matches!(service.types[index].kind, crate::ir::TypeKind::Enum { .. }));
    std::iter::once(Part::Client)
        .chain((0..service.actions.len()).map(Part::Action))
        .chain(structures.chain(value_sets).map(Part::Type))
        .chain(std::iter::once(Part::ErrorSets))
        .collect()
}

impl Part {
    /// The tokens of this part.
    pub fn emit(self, service: &Service) -> TokenStream {
        match self {
            Part::Client => client::client(service),
            Part::Action(index) => {
                let action = &service.actions[index];
                let request = structs::request(service, action);
                let response = structs::response(service, action);
                let codes = errors::action_error(service, action);
                let paginated = paginate::paginated(service, action);
                quote! { #request #paginated #response #codes }
            }
            Part::Type(index) => {
                let ty = &service.types[index];
                let structure = structs::shared_structure(service, ty);
                let value_set = enums::value_set(ty);
                quote! { #structure #value_set }
            }
            Part::ErrorSets => errors::code_set(service),
        }
    }
}

/// An integer literal without a type suffix (`20`, not `20u32`), as a person writes it.
pub(crate) fn int(value: u64) -> proc_macro2::Literal {
    proc_macro2::Literal::u64_unsuffixed(value)
}

/// A signed integer without a type suffix; negative values are a minus sign and a literal.
pub(crate) fn signed(value: i64) -> TokenStream {
    let magnitude = int(value.unsigned_abs());
    if value < 0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
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
