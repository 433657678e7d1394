//! The module tree that holds generated services in a crate.

use std::collections::BTreeMap;

use quote::quote;

use super::docs::{paragraphs, spec_text};
use super::ident;
use crate::ir::Service;

/// `pub mod <service> { pub mod <version> { include!(...) } }` for every service version,
/// services in name order and versions in date order, each documented from its spec.
pub fn tree(services: &[Service], file_of: impl Fn(&Service) -> String) -> String {
    let mut by_service: BTreeMap<&str, Vec<&Service>> = BTreeMap::new();
    for service in services {
        by_service
            .entry(service.module.as_str())
            .or_default()
            .push(service);
    }
    let modules = by_service.into_values().map(|mut versions| {
        versions.sort_by(|a, b| a.version.cmp(&b.version));
        let first = versions[0];
        let module = ident(&first.module);
        let title = format!("{} (`{}`).", first.name, first.service);
        let docs = paragraphs(&[&title, &spec_text(&first.description)]);
        let inner = versions.iter().map(|service| {
            let version = ident(&service.version_module);
            let docs = paragraphs(&[&format!(
                "Version {} of {}; start with [`{}`]({}::{}).",
                service.version,
                service.name,
                service.client,
                service.version_module,
                service.client
            )]);
            let file = file_of(service);
            quote! {
                #docs
                pub mod #version {
                    include!(concat!(env!("OUT_DIR"), "/", #file));
                }
            }
        });
        quote! {
            #docs
            pub mod #module {
                #( #inner )*
            }
        }
    });
    let tokens = quote! { #( #modules )* };
    match syn::parse2::<syn::File>(tokens) {
        Ok(file) => prettyplease::unparse(&file),
        Err(error) => panic!("tc-codegen emitted a module tree that does not parse: {error}"),
    }
}
