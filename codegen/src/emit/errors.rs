//! Error codes: the common set, the service's set, and each action's own.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, paragraphs, spec_text};
use super::ident;
use crate::ir::{Action, ErrorSet, Service};

/// A standalone set (common or service-wide): variants, `parse`, `as_str`, `description`.
pub fn code_set(set: &ErrorSet, summary: &str) -> TokenStream {
    let name = ident(&set.name);
    let docs = doc(summary);
    let variants = set.codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let docs = variant_docs(&code.code, &code.description);
        quote! { #docs #variant, }
    });
    let parse = set.codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let wire = &code.code;
        quote! { #wire => Self::#variant, }
    });
    let as_str = set.codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let wire = &code.code;
        quote! { Self::#variant => #wire, }
    });
    let descriptions = set.codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let text = super::docs::string_literal(&code.description);
        quote! { Self::#variant => #text, }
    });
    let body = if set.codes.is_empty() {
        quote! {
            /// The variant of `code`, if this set documents it.
            pub fn parse(_code: &str) -> Option<Self> {
                None
            }
        }
    } else {
        quote! {
            /// The variant of `code`, if this set documents it.
            pub fn parse(code: &str) -> Option<Self> {
                Some(match code {
                    #( #parse )*
                    _ => return None,
                })
            }
            /// The code as the service sends it.
            pub fn as_str(&self) -> &'static str {
                match self {
                    #( #as_str )*
                }
            }
            /// What the code means, as documented.
            pub fn description(&self) -> &'static str {
                match self {
                    #( #descriptions )*
                }
            }
        }
    };
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
        }
        impl #name {
            #body
        }
    }
}

/// The codes of one action: its own, then the service's and the common ones, then the fallback.
pub fn action_codes(service: &Service, action: &Action) -> TokenStream {
    let name = ident(&action.errors.name);
    let alias = ident(&action.error);
    let common = ident(&service.common_errors.name);
    let first = action
        .errors
        .codes
        .first()
        .map_or("FailedOperation", |c| c.variant.as_str());
    let guidance = format!(
        "Codes decode from the service's answer; a code the spec does not document is kept in \
         `Unknown`, so match with a wildcard arm: `{}::{first} => ..., _ => ...`.",
        action.errors.name
    );
    let docs = paragraphs(&[
        &format!("The error codes of `{}`.", action.wire_name),
        &guidance,
    ]);
    let own = action.errors.codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let docs = variant_docs(&code.code, &code.description);
        quote! { #docs #variant, }
    });
    let parse = action.errors.codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let wire = &code.code;
        quote! { #wire => Self::#variant, }
    });
    let as_str = action.errors.codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let wire = &code.code;
        quote! { Self::#variant => #wire, }
    });
    let descriptions = action.errors.codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let text = super::docs::string_literal(&code.description);
        quote! { Self::#variant => Some(#text), }
    });
    let has_service = !service.service_errors.codes.is_empty();
    let service_set = ident(&service.service_errors.name);
    let service_variant = has_service.then(|| {
        quote! {
            /// A business code of the service that this action's page does not list.
            Service(#service_set),
        }
    });
    let service_parse = has_service.then(|| {
        quote! {
            if let Some(code) = #service_set::parse(code) {
                return Self::Service(code);
            }
        }
    });
    let service_as_str = has_service.then(|| quote! { Self::Service(code) => code.as_str(), });
    let service_description =
        has_service.then(|| quote! { Self::Service(code) => Some(code.description()), });
    let common_as_str = (!service.common_errors.codes.is_empty())
        .then(|| quote! { Self::Common(code) => code.as_str(), });
    let common_description = (!service.common_errors.codes.is_empty())
        .then(|| quote! { Self::Common(code) => Some(code.description()), });
    let empty_common = service
        .common_errors
        .codes
        .is_empty()
        .then(|| quote! { Self::Common(code) => match *code {}, });
    // A code of the service or a common one, or the fallback.
    let shared = quote! {
        #service_parse
        match #common::parse(code) {
            Some(code) => Self::Common(code),
            None => Self::Unknown(tc_runtime::action::Unknown::new(code.to_owned())),
        }
    };
    let from_code = if action.errors.codes.is_empty() {
        shared
    } else {
        quote! {
            match code {
                #( #parse )*
                _ => { #shared }
            }
        }
    };
    let alias_docs = doc(&format!(
        "An error answered to `{}`: its code, message and request id.",
        action.wire_name
    ));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum #name {
            #( #own )*
            #service_variant
            /// A common code of Tencent Cloud API 3.0.
            Common(#common),
            /// A code the spec does not document, kept as sent.
            Unknown(tc_runtime::action::Unknown<String>),
        }
        impl #name {
            /// What the code means, as documented; `None` for an undocumented code.
            pub fn description(&self) -> Option<&'static str> {
                match self {
                    #( #descriptions )*
                    #service_description
                    #common_description
                    #empty_common
                    Self::Unknown(_) => None,
                }
            }
        }
        impl tc_runtime::ErrorCode for #name {
            fn from_code(code: &str) -> Self {
                #from_code
            }
            fn as_str(&self) -> &str {
                match self {
                    #( #as_str )*
                    #service_as_str
                    #common_as_str
                    #empty_common
                    Self::Unknown(code) => code.as_str(),
                }
            }
        }
        #alias_docs
        pub type #alias = tc_runtime::ServiceError<#name>;
    }
}

fn variant_docs(code: &str, description: &str) -> TokenStream {
    doc(&format!("`{code}`: {}", spec_text(description)))
}
