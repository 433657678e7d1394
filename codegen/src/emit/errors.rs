//! Error codes: the service's business codes, listed once in one enum, and each action's alias
//! of [`tc_runtime::Code`] over that enum, documented with the codes the action lists.
//!
//! The common codes are the runtime's `CommonErrorCode`: a code in `spec/common.json` decodes
//! the same way whichever action answers it.

use std::collections::{BTreeSet, HashSet};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, paragraphs, spec_text, string_literal};
use super::ident;
use crate::ir::{Action, ErrorCode, Service};

/// Every business code of the service: its own list first, then any code that only an action's
/// page lists. Common codes are left out: they decode as `Common` everywhere.
pub fn service_codes(service: &Service) -> Vec<&ErrorCode> {
    let common: HashSet<&str> = common_codes(service);
    let mut seen_codes = HashSet::new();
    let mut seen_variants = BTreeSet::new();
    service
        .service_errors
        .codes
        .iter()
        .chain(service.actions.iter().flat_map(|a| &a.errors.codes))
        .filter(|code| !common.contains(code.code.as_str()))
        .filter(|code| seen_codes.insert(code.code.as_str()))
        // Two spellings of one code name one variant; the first keeps it.
        .filter(|code| seen_variants.insert(code.variant.as_str()))
        .collect()
}

fn common_codes(service: &Service) -> HashSet<&str> {
    service
        .common_errors
        .codes
        .iter()
        .map(|code| code.code.as_str())
        .collect()
}

/// The service's code enum and its table.
pub fn code_set(service: &Service) -> TokenStream {
    let name = ident(&service.service_errors.name);
    let codes = service_codes(service);
    let example = codes.first().map_or_else(
        || "Common(CommonErrorCode::ResourceNotFound)".to_owned(),
        |code| format!("Service({}::{})", service.service_errors.name, code.variant),
    );
    let docs = paragraphs(&[
        &format!(
            "A business error code of {}, listed once for all its actions; each action's \
             `...ErrorCode` names the ones its page documents.",
            service.name
        ),
        &format!(
            "Errors carry a [`tc_runtime::Code`]: a common code, one of these, or a code no spec \
             documents yet, so match with a wildcard arm: `Code::{example} => ..., _ => ...`."
        ),
    ]);
    let variants = codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let docs = doc(&format!(
            "`{}`: {}",
            code.code,
            spec_text(&code.description)
        ));
        quote! { #docs #variant, }
    });
    let rows = codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let wire = &code.code;
        let text = string_literal(&code.description);
        quote! { (Self::#variant, #wire, #text), }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #variants )*
        }
        impl tc_runtime::CodeSet for #name {
            const CODES: &'static [(Self, &'static str, &'static str)] = &[
                #( #rows )*
            ];
        }
    }
}

/// `<Action>ErrorCode`, documented with the codes the action's page lists, and `<Action>Error`,
/// the error of a call.
pub fn action_codes(service: &Service, action: &Action) -> TokenStream {
    let name = ident(&action.errors.name);
    let alias = ident(&action.error);
    let set = ident(&service.service_errors.name);
    // Plain code spans: each code is a variant of the one service enum (or a common code), named
    // after the code, so a link per code would spell every code twice.
    let listed: Vec<String> = action
        .errors
        .codes
        .iter()
        .map(|code| format!("`{}`", code.code))
        .collect();
    let listed = if listed.is_empty() {
        "Its page lists no codes of its own.".to_owned()
    } else {
        format!("Its page lists {}.", listed.join(", "))
    };
    let docs = paragraphs(&[
        &format!(
            "The error codes of `{}`: common, [`{}`] or undocumented.",
            action.wire_name, service.service_errors.name
        ),
        &listed,
    ]);
    let alias_docs = doc(&format!("Why a call of `{}` failed.", action.wire_name));
    quote! {
        #docs
        pub type #name = tc_runtime::Code<#set>;
        #alias_docs
        pub type #alias = tc_runtime::Error<#name>;
    }
}
