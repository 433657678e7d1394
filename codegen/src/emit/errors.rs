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
             `...Error` names the ones its page documents.",
            service.name
        ),
        &format!(
            "Errors carry a [`tc_runtime::Code`]: a common code, one of these, or a code no spec \
             documents yet, so match with a wildcard arm: `Code::{example} => ..., _ => ...`."
        ),
    ]);
    // The variant's one doc line is also the description its table row holds.
    let variants = codes.iter().map(|code| {
        let variant = ident(&code.variant);
        let wire = &code.code;
        let description = spec_text(&code.description)
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let description = string_literal(format!(" {description}").trim_end());
        quote! { #[doc = #description] #variant = #wire, }
    });
    quote! {
        tc_runtime::error_codes! {
            #docs
            pub enum #name {
                #( #variants )*
            }
        }
    }
}

/// `<Action>Error`, the error of a call, documented with the codes the action's page lists.
///
/// One alias per action: its code is the service's [`tc_runtime::Code`] whichever the action, so
/// the action's own list lives in the docs, where a reader looks for it.
pub fn action_error(service: &Service, action: &Action) -> TokenStream {
    let alias = ident(&action.error);
    let set = ident(&service.service_errors.name);
    let listed = if action.errors.codes.is_empty() {
        "its page lists no codes of its own".to_owned()
    } else {
        let codes = action.errors.codes.iter().map(|code| code.code.as_str());
        format!("its page lists {}", grouped(codes))
    };
    let docs = doc(&format!(
        "Why a call of `{}` failed: a common code, a [`{}`] ({listed}) or an undocumented one.",
        action.wire_name, service.service_errors.name
    ));
    quote! {
        #docs
        pub type #alias = tc_runtime::Error<tc_runtime::Code<#set>>;
    }
}

/// Codes as plain code spans, those of one class together (`FailedOperation.{AuthError,
/// NetworkError}`): each code is a variant of the one service enum, named after the code, so a
/// link per code would spell every code twice, and the class once per code.
fn grouped<'a>(codes: impl IntoIterator<Item = &'a str>) -> String {
    let mut classes: Vec<(&str, Vec<&str>)> = Vec::new();
    for code in codes {
        let (class, rest) = code.split_once('.').unwrap_or((code, ""));
        match classes.iter_mut().find(|(seen, _)| *seen == class) {
            Some((_, rests)) => rests.push(rest),
            None => classes.push((class, vec![rest])),
        }
    }
    let spans: Vec<String> = classes
        .into_iter()
        .flat_map(|(class, rests)| match rests.as_slice() {
            [""] => vec![format!("`{class}`")],
            [rest] => vec![format!("`{class}.{rest}`")],
            _ => {
                // A bare class listed with its sub-codes stays a span of its own.
                let (bare, subs): (Vec<&str>, Vec<&str>) =
                    rests.iter().partition(|rest| rest.is_empty());
                let mut spans: Vec<String> = bare.iter().map(|_| format!("`{class}`")).collect();
                spans.push(match subs.as_slice() {
                    [one] => format!("`{class}.{one}`"),
                    _ => format!("`{class}.{{{}}}`", subs.join(", ")),
                });
                spans
            }
        })
        .collect();
    match spans.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => spans.concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn codes_of_one_class_are_listed_together() {
        let codes = [
            "FailedOperation.AuthError",
            "AuthFailure",
            "FailedOperation.NetworkError",
            "InvalidParameter.PackageIdsInvalid",
            "FailedOperation",
        ];
        assert_eq!(
            grouped(codes),
            "`FailedOperation`, `FailedOperation.{AuthError, NetworkError}`, `AuthFailure` and \
             `InvalidParameter.PackageIdsInvalid`"
        );
        assert_eq!(grouped(["AuthFailure"]), "`AuthFailure`");
    }
}
