//! Structures: requests with their constructors and setters, responses, shared structures.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, paragraphs, spec_text};
use super::{ident, rust_type, validate};
use crate::ir::ActionStatus;
use crate::ir::{Action, Field, NamedType, Primitive, Service, TypeKind, TypeRef};

/// The request of `action`, its constructor, setters, `validate()` and `Action` impl.
pub fn request(service: &Service, action: &Action) -> TokenStream {
    let name = ident(&action.request);
    let status = match action.status {
        ActionStatus::Online => "",
        ActionStatus::Deprecated => {
            "**Deprecated**: the service still answers this action, but it has been replaced."
        }
        ActionStatus::Offline => "**Offline**: the service no longer answers this action.",
    };
    let link = format!(
        "The request of the `{}` action; send it with [`{}::{}`].",
        action.wire_name, service.client, action.method
    );
    let docs = paragraphs(&[&spec_text(&action.description), status, &link]);
    let body = definition(service, &name, &action.input, docs);
    let methods = constructor_and_setters(service, &name, &action.input);
    let validate = validate::request(service, action);
    let wire_name = &action.wire_name;
    let service_name = &service.service;
    let version = &service.version;
    let rate_limit = match action.rate_limit {
        Some(limit) => {
            let limit = super::int(u64::from(limit));
            quote!(Some(#limit))
        }
        None => quote!(None),
    };
    let retry_safe = action.retry_safe;
    let response = ident(&action.response);
    let codes = ident(&action.errors.name);
    quote! {
        #body
        impl #name {
            #methods
            #validate
        }
        impl tc_runtime::Action for #name {
            const SERVICE: &'static str = #service_name;
            const VERSION: &'static str = #version;
            const NAME: &'static str = #wire_name;
            const RATE_LIMIT: Option<u32> = #rate_limit;
            const RETRY_SAFE: bool = #retry_safe;
            type Output = #response;
            type ErrorCode = #codes;
            fn validate(&self) -> Result<(), tc_runtime::InvalidRequest> {
                #name::validate(self)
            }
        }
    }
}

/// The response of `action`: every member the spec lists, and `RequestId`.
pub fn response(service: &Service, action: &Action) -> TokenStream {
    let name = ident(&action.response);
    let text = format!(
        "The answer to [`{}`]. Unknown members are ignored, so that a newer service still decodes.",
        action.request
    );
    let docs = doc(&text);
    let fields = action
        .output
        .iter()
        .map(|field| field_definition(service, field));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #( #fields )*
            /// The id of this request, to quote to Tencent Cloud support.
            #[serde(rename = "RequestId", default)]
            pub request_id: String,
        }
    }
}

/// A shared structure, with constructor and setters, or `None` for a value set.
pub fn shared_structure(service: &Service, ty: &NamedType) -> Option<TokenStream> {
    let TypeKind::Object { fields, has_limits } = &ty.kind else {
        return None;
    };
    let name = ident(&ty.rust_name);
    let body = definition(service, &name, fields, doc(&spec_text(&ty.description)));
    if !ty.in_requests {
        // Only the service makes these: callers read them and never build one.
        return Some(body);
    }
    let methods = constructor_and_setters(service, &name, fields);
    let check = has_limits.then(|| validate::structure(service, fields));
    Some(quote! {
        #body
        impl #name {
            #methods
            #check
        }
    })
}

/// The struct itself; `Debug` is written by hand when a member is secret.
fn definition(
    service: &Service,
    name: &proc_macro2::Ident,
    fields: &[Field],
    docs: TokenStream,
) -> TokenStream {
    let secret = fields.iter().any(|field| field.sensitive);
    let derive_debug = (!secret).then(|| quote!(Debug,));
    let derive_default = fields
        .iter()
        .all(Field::is_optional)
        .then(|| quote!(Default,));
    let definitions = fields.iter().map(|field| field_definition(service, field));
    let debug = secret.then(|| redacted_debug(name, fields));
    quote! {
        #docs
        #[derive(#derive_debug #derive_default Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #( #definitions )*
        }
        #debug
    }
}

fn redacted_debug(name: &proc_macro2::Ident, fields: &[Field]) -> TokenStream {
    let label = name.to_string();
    let entries = fields.iter().map(|field| {
        let member = ident(&field.rust_name);
        let shown = crate::naming::bare(&field.rust_name);
        if field.sensitive && field.is_optional() {
            quote! { .field(#shown, &self.#member.as_ref().map(|_| "***")) }
        } else if field.sensitive {
            quote! { .field(#shown, &"***") }
        } else {
            quote! { .field(#shown, &self.#member) }
        }
    });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #( #entries )* .finish()
            }
        }
    }
}

/// One member; an unset optional member is left out of the JSON, never sent as `null`.
fn field_definition(service: &Service, field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let wire = &field.wire_name;
    let ty = rust_type(service, &field.ty);
    let docs = field_docs(field);
    // Numbers are read leniently: the service sends some as strings (`"ProjectId": "0"`).
    let number = matches!(
        field.ty,
        TypeRef::Primitive(Primitive::I64 | Primitive::U64 | Primitive::F64)
    );
    if field.is_optional() {
        // serde reads a missing `Option` as `None` by itself, but not through `deserialize_with`.
        let lenient = number
            .then(|| quote!(, default, deserialize_with = "tc_runtime::lenient::optional_number"));
        quote! {
            #docs
            #[serde(rename = #wire, skip_serializing_if = "Option::is_none" #lenient)]
            pub #name: Option<#ty>,
        }
    } else {
        let lenient = number.then(|| quote!(, deserialize_with = "tc_runtime::lenient::number"));
        quote! {
            #docs
            #[serde(rename = #wire #lenient)]
            pub #name: #ty,
        }
    }
}

fn field_docs(field: &Field) -> TokenStream {
    let format = match innermost(&field.ty) {
        TypeRef::Primitive(Primitive::DateTime) => "Format: `YYYY-MM-DD hh:mm:ss`.",
        TypeRef::Primitive(Primitive::DateTimeIso) => {
            "Format: ISO 8601, `YYYY-MM-DDThh:mm:ss+08:00`."
        }
        TypeRef::Primitive(Primitive::Date) => "Format: `YYYY-MM-DD`.",
        _ => "",
    };
    let deprecated = if field.deprecated {
        "**Deprecated**: no longer to be used."
    } else {
        ""
    };
    let secret = if field.sensitive {
        "A secret: `Debug` output hides it."
    } else {
        ""
    };
    let wire = format!("Wire name: `{}`.", field.wire_name);
    let description = if field.description.is_empty() {
        wire
    } else {
        spec_text(&field.description)
    };
    paragraphs(&[&description, format, deprecated, secret])
}

fn innermost(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::List(inner) => innermost(inner),
        other => other,
    }
}

/// Whether a parameter of this type is taken as `impl Into<String>`.
fn takes_into_string(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Primitive(
            Primitive::String | Primitive::DateTime | Primitive::DateTimeIso | Primitive::Date
        )
    )
}

/// `new(required...)` and one setter per optional member.
fn constructor_and_setters(
    service: &Service,
    name: &proc_macro2::Ident,
    fields: &[Field],
) -> TokenStream {
    let required: Vec<&Field> = fields.iter().filter(|f| !f.is_optional()).collect();
    let params = required.iter().map(|field| {
        let param = ident(&field.rust_name);
        if takes_into_string(&field.ty) {
            quote!(#param: impl Into<String>)
        } else {
            let ty = rust_type(service, &field.ty);
            quote!(#param: #ty)
        }
    });
    let inits = fields.iter().map(|field| {
        let member = ident(&field.rust_name);
        if field.is_optional() {
            quote!(#member: None)
        } else if takes_into_string(&field.ty) {
            quote!(#member: #member.into())
        } else {
            quote!(#member)
        }
    });
    let new_docs = if required.is_empty() {
        doc(&format!(
            "An empty [`{name}`]; set members with the methods below."
        ))
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|f| format!("`{}`", f.wire_name))
            .collect();
        doc(&format!(
            "A [`{name}`] with its required members ({}); set optional ones with the methods below.",
            names.join(", ")
        ))
    };
    let setters = fields.iter().filter(|f| f.is_optional()).map(|field| {
        let member = ident(&field.rust_name);
        let summary = spec_text(&first_sentence(&field.description));
        let text = if summary.is_empty() {
            format!("Sets `{}`.", field.wire_name)
        } else {
            format!("Sets `{}`: {summary}", field.wire_name)
        };
        let docs = doc(&text);
        if takes_into_string(&field.ty) {
            quote! {
                #docs
                pub fn #member(mut self, #member: impl Into<String>) -> Self {
                    self.#member = Some(#member.into());
                    self
                }
            }
        } else {
            let ty = rust_type(service, &field.ty);
            quote! {
                #docs
                pub fn #member(mut self, #member: #ty) -> Self {
                    self.#member = Some(#member);
                    self
                }
            }
        }
    });
    let body = if required.is_empty() {
        quote!(Self::default())
    } else {
        quote!(Self { #( #inits ),* })
    };
    // Required members are the constructor's parameters, however many the spec lists.
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #new_docs
        #many
        pub fn new(#( #params ),*) -> Self {
            #body
        }
        #( #setters )*
    }
}

/// The first sentence (or line) of a description, for one-line summaries.
pub(crate) fn first_sentence(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or_default().trim();
    match line.find(". ") {
        Some(end) => line[..=end].to_owned(),
        None => line.to_owned(),
    }
}
