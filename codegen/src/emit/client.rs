//! The service client: one async method per action.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, first_sentence, paragraphs, spec_text};
use super::enums::literal;
use super::ident;
use super::validate::comparable;
use crate::ir::{Literal, Service, Waiter};

/// The client struct and its methods.
pub fn client(service: &Service) -> TokenStream {
    let name = ident(&service.client);
    let summary = format!(
        "Client of {} (`{}`, version {}), one method per action.",
        service.name, service.service, service.version
    );
    let usage = format!(
        "Wraps a [`tc_runtime::Client`], which signs, sends, retries and rate-limits; clones share \
         its connections and rate limits. Requests go to `{}` unless the runtime client names \
         another endpoint. Answers may hold members this spec does not know yet: they are \
         ignored, so that a newer service still decodes.",
        service.endpoint
    );
    let retries = "# Retries\n\nA throttled call, and a failure known to have happened before the request \
         was sent, is retried for every action. An ambiguous failure (a timeout after sending, \
         HTTP 5xx, `InternalError`) may have taken effect, so it is retried only for actions that \
         are safe to repeat (reads, checks, downloads); each method says which kind it is.";
    let docs = paragraphs(&[&summary, &spec_text(&service.description), &usage, retries]);
    let client = &service.client;
    let methods = service.actions.iter().map(|action| {
        let method = ident(&action.method);
        let request = ident(&action.request);
        let response = ident(&action.response);
        let error = ident(&action.error);
        let pages = super::paginate::client_method(action);
        let rate = match action.rate_limit {
            Some(limit) => format!(", at most {limit} requests per second"),
            None => String::new(),
        };
        let retry = if action.retry_safe {
            "safe to repeat"
        } else {
            "not safe to repeat"
        };
        let facts = format!(
            "Sends [`{}`]{rate}; [{retry}]({client}#retries).",
            action.request
        );
        let docs = paragraphs(&[&spec_text(&first_sentence(&action.description)), &facts]);
        quote! {
            #docs
            pub async fn #method(&self, request: #request) -> Result<#response, #error> {
                self.client.call(&request).await
            }
            #pages
        }
    });
    let waiters = service
        .waiters
        .iter()
        .map(|waiter| waiter_method(service, waiter));
    let new_docs = doc("A service client over `client`.");
    quote! {
        #docs
        #[derive(Debug, Clone)]
        pub struct #name {
            client: tc_runtime::Client,
        }
        impl #name {
            #new_docs
            pub fn new(client: tc_runtime::Client) -> Self {
                Self { client }
            }
            /// The runtime client underneath, for its settings.
            pub fn runtime(&self) -> &tc_runtime::Client {
                &self.client
            }
            #( #methods )*
            #( #waiters )*
        }
    }
}

/// `wait_until_<name>`: polls the waiter's action until its status is final.
fn waiter_method(service: &Service, waiter: &Waiter) -> TokenStream {
    let action = &service.actions[waiter.action];
    let field = &action.output[waiter.status];
    let method = ident(&waiter.method);
    let request = ident(&action.request);
    let response = ident(&action.response);
    let codes = ident(&service.service_errors.name);
    let list = |values: &[Literal]| {
        values
            .iter()
            .map(Literal::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let facts = format!(
        "Polls [`{}`]({}::{}) every {} s until `{}` is {} (success){}, for at most {} s. \
         `on_poll` sees every answer, for progress; the client's `waiter_delay` overrides the delay.",
        action.wire_name,
        service.client,
        action.method,
        waiter.delay_seconds,
        field.wire_name,
        list(&waiter.success),
        if waiter.failure.is_empty() {
            String::new()
        } else {
            format!(" or {} (failure)", list(&waiter.failure))
        },
        waiter.timeout_seconds,
    );
    let docs = paragraphs(&[&spec_text(&waiter.description), &facts]);
    let member = ident(&field.rust_name);
    // A value-set status is matched by its variants (`CertificateStatus::Issued`), any other by
    // its value.
    let variants = |values: &[Literal]| -> Option<Vec<TokenStream>> {
        values
            .iter()
            .map(|value| {
                let (set, variant) = service.variant_of(&field.ty, value)?;
                let set = ident(&set.rust_name);
                let variant = ident(&variant.rust_name);
                Some(quote!(#set::#variant))
            })
            .collect()
    };
    let by_variant = variants(&waiter.success).is_some() && variants(&waiter.failure).is_some();
    let value = if by_variant {
        quote!(&response.#member)
    } else {
        comparable(service, field, &quote!(response))
    };
    // An optional status is matched inside `Some(...)`; a required one directly.
    let arm = |values: &[Literal]| {
        let values = match variants(values) {
            Some(variants) if by_variant => variants,
            _ => values.iter().map(literal).collect(),
        };
        if field.is_optional() {
            quote!(Some(#( #values )|*))
        } else {
            quote!(#( #values )|*)
        }
    };
    let shown = if field.is_optional() {
        quote! { response.#member.as_ref().map_or_else(|| "unset".to_owned(), |status| status.to_string()) }
    } else {
        quote! { response.#member.to_string() }
    };
    let success = arm(&waiter.success);
    let failure_arm = (!waiter.failure.is_empty()).then(|| {
        let failure = arm(&waiter.failure);
        quote! { #failure => tc_runtime::waiter::Poll::Failure, }
    });
    let delay = super::int(waiter.delay_seconds);
    let timeout = super::int(waiter.timeout_seconds);
    quote! {
        #docs
        pub async fn #method(
            &self,
            request: #request,
            on_poll: impl FnMut(&#response),
        ) -> Result<#response, tc_runtime::waiter::WaitError<tc_runtime::Code<#codes>, #response>> {
            let schedule = tc_runtime::waiter::Schedule {
                delay: std::time::Duration::from_secs(#delay),
                timeout: std::time::Duration::from_secs(#timeout),
            };
            let check = |response: &#response| {
                let poll = match #value {
                    #success => tc_runtime::waiter::Poll::Success,
                    #failure_arm
                    _ => tc_runtime::waiter::Poll::Pending,
                };
                (poll, #shown)
            };
            self.client.wait(&request, schedule, check, on_poll).await
        }
    }
}
