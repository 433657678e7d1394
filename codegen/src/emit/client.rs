//! The service client: one async method per action.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, paragraphs, spec_text};
use super::ident;
use super::structs::first_sentence;
use crate::ir::Service;

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
         another endpoint.",
        service.endpoint
    );
    let docs = paragraphs(&[&summary, &spec_text(&service.description), &usage]);
    let methods = service.actions.iter().map(|action| {
        let method = ident(&action.method);
        let request = ident(&action.request);
        let response = ident(&action.response);
        let codes = ident(&action.errors.name);
        let rate = match action.rate_limit {
            Some(limit) => format!("at most {limit} requests per second"),
            None => "no documented rate limit".to_owned(),
        };
        let retry = if action.retry_safe {
            "safe to retry, so ambiguous failures are retried"
        } else {
            "not safe to retry, so only failures known to have happened before sending are retried"
        };
        let facts = format!("`{}`: {rate}; {retry}.", action.wire_name);
        let docs = paragraphs(&[&spec_text(&first_sentence(&action.description)), &facts]);
        quote! {
            #docs
            pub async fn #method(&self, request: #request) -> Result<#response, tc_runtime::Error<#codes>> {
                self.client.call(&request).await
            }
        }
    });
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
        }
    }
}
