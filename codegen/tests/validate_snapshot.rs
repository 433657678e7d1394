//! A snapshot of the generated `validate()` of the five ssl actions with the most rules and
//! limits, so that a change to how rules are emitted shows as a readable diff.

use std::fmt::Write as _;
use std::path::Path;

use syn::{ImplItem, Item};

const SSL: &str = "../spec/ssl/2019-12-05.json";

#[test]
fn the_richest_validators_match_the_snapshot() {
    let loaded = tc_codegen::load(Path::new(SSL)).expect("the ssl spec checks");
    let service = &loaded.service;
    let mut ranked: Vec<(usize, &str, &str)> = service
        .actions
        .iter()
        .map(|action| {
            let limited = action.input.iter().filter(|f| f.limits.any()).count();
            let weight = action.constraints.len() + limited;
            (weight, action.wire_name.as_str(), action.request.as_str())
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let chosen: Vec<&str> = ranked
        .iter()
        .take(5)
        .map(|(_, _, request)| *request)
        .collect();

    let (code, _) = tc_codegen::generate(Path::new(SSL)).expect("generates");
    let file = syn::parse_file(&code).expect("the generated code parses");
    let mut out = String::new();
    for request in chosen {
        let methods: Vec<ImplItem> = file
            .items
            .iter()
            .filter_map(|item| match item {
                // `validate` is in the `Action` impl; `validate_against` in the inherent one.
                Item::Impl(block) => Some(block),
                _ => None,
            })
            .filter(|block| matches!(&*block.self_ty, syn::Type::Path(path) if path.path.is_ident(request)))
            .flat_map(|block| block.items.iter())
            .filter(|item| {
                matches!(item, ImplItem::Fn(method) if method.sig.ident.to_string().starts_with("validate"))
            })
            .cloned()
            .collect();
        assert!(!methods.is_empty(), "{request} has a validate()");
        let name = syn::Ident::new(request, proc_macro2::Span::call_site());
        let block: syn::File = syn::parse_quote! {
            impl #name {
                #( #methods )*
            }
        };
        writeln!(out, "{}", prettyplease::unparse(&block)).expect("writing to a String");
    }
    insta::assert_snapshot!("richest_validators", out);
}
