//! `service!`: the bindings of one spec file, emitted in place.
//!
//! ```ignore
//! mod ssl {
//!     tc_macros::service!("spec/ssl/2019-12-05.json");
//! }
//! ```
//!
//! `tc_macros::service!("spec/ssl/2019-12-05.json", round_trip)` makes every type both
//! `Serialize` and `Deserialize` (see `tc_codegen::Settings::round_trip`), for code that reads
//! requests or writes answers.
//!
//! The path is relative to the calling crate's `Cargo.toml`. The expansion is exactly what
//! `tencentcloud`'s build script and `tc-codegen generate` write for the same spec; it names
//! `tc_runtime` and `serde`, so the calling crate depends on both. Editing the spec (or the
//! `common.json` it inherits) rebuilds the caller. A bad spec is a compile error naming the
//! file, line, column and JSON path of every problem.

use std::path::PathBuf;

use proc_macro::TokenStream;
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{Ident, LitStr, Token, parse_macro_input};

/// Emits the request, response, error and client types of the spec file at the given path.
#[proc_macro]
pub fn service(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as Input);
    expand(&input.path, input.round_trip).into()
}

/// `"path"` or `"path", round_trip`.
struct Input {
    path: LitStr,
    round_trip: bool,
}

impl Parse for Input {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path = input.parse()?;
        let mut round_trip = false;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            let option: Ident = input.parse()?;
            if option != "round_trip" {
                return Err(syn::Error::new(
                    option.span(),
                    "unknown option: expected `round_trip`",
                ));
            }
            round_trip = true;
            input.parse::<Option<Token![,]>>()?;
        }
        Ok(Input { path, round_trip })
    }
}

fn expand(literal: &LitStr, round_trip: bool) -> proc_macro2::TokenStream {
    // trybuild compiles its cases in a crate of its own; its tests name the real folder here.
    let manifest_dir = std::env::var_os("TC_MACROS_MANIFEST_DIR")
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"));
    let Some(manifest_dir) = manifest_dir.map(PathBuf::from) else {
        return syn::Error::new(
            literal.span(),
            "CARGO_MANIFEST_DIR is not set; build with cargo",
        )
        .to_compile_error();
    };
    let spec = manifest_dir.join(literal.value());
    let settings = tc_codegen::Settings::default()
        .with_label(literal.value())
        .round_trip(round_trip);
    let loaded = match tc_codegen::load_with(&spec, &settings) {
        Ok(loaded) => loaded,
        Err(mut problems) => {
            // Name files as the caller wrote them, not by absolute path.
            for problem in &mut problems.0 {
                if let Ok(relative) = problem.file.strip_prefix(&manifest_dir) {
                    problem.file = relative.to_owned();
                }
            }
            let message = format!("the spec has problems:\n{problems}");
            return syn::Error::new(literal.span(), message).to_compile_error();
        }
    };
    let items = tc_codegen::tokens(&loaded.service);
    // `include_bytes!` makes cargo rebuild the caller whenever a spec file it read changes.
    let watched = loaded.inputs.iter().map(|input| {
        let input = input.display().to_string();
        quote! { const _: &[u8] = include_bytes!(#input); }
    });
    quote! {
        #( #watched )*
        #items
    }
}
