//! The runtime's table macros (`value_set!`, `error_codes!`), printed as the enum they hold.
//!
//! prettyplease prints a macro's body as one flat run of tokens. These bodies are an enum
//! written as Rust, except for the `: base` after a value set's name, so they are printed as
//! that enum and put back inside the macro call.

use proc_macro2::{TokenStream, TokenTree};

/// The runtime macros whose body is an enum.
const TABLES: [&str; 2] = ["value_set", "error_codes"];

/// Whether `line` (at an item's indent) opens a table macro call.
pub fn starts(line: &str) -> bool {
    line.strip_suffix("! {")
        .and_then(|path| path.rsplit("::").next())
        .is_some_and(|name| TABLES.contains(&name))
}

/// `item` printed as a table macro call, or `None` when it is no such call (or its body is not
/// an enum, in which case prettyplease prints it as it can).
pub fn unparse(item: &syn::Item) -> Option<String> {
    let syn::Item::Macro(call) = item else {
        return None;
    };
    let name = call.mac.path.segments.last()?.ident.to_string();
    if !TABLES.contains(&name.as_str()) || !call.attrs.is_empty() {
        return None;
    }
    let (body, base) = without_base(call.mac.tokens.clone());
    let body: syn::ItemEnum = syn::parse2(body).ok()?;
    let text = prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![syn::Item::Enum(body)],
    });
    let path: Vec<String> = call
        .mac
        .path
        .segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect();
    let mut out = format!("{}! {{\n", path.join("::"));
    let mut named = false;
    for line in text.lines() {
        if line.is_empty() {
            out.push('\n');
            continue;
        }
        out.push_str("    ");
        match (&base, line.strip_suffix(" {")) {
            (Some(base), Some(head))
                if !named && !line.starts_with(' ') && head.contains("enum ") =>
            {
                named = true;
                out.push_str(&format!("{head}: {base} {{"));
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out.push_str("}\n");
    Some(out)
}

/// The body without the `: base` that follows the enum's name, and that base.
fn without_base(body: TokenStream) -> (TokenStream, Option<String>) {
    let mut tokens: Vec<TokenTree> = body.into_iter().collect();
    let at = tokens
        .iter()
        .position(|token| matches!(token, TokenTree::Ident(word) if word == "enum"));
    let colon = at.map(|at| at + 2).filter(|&colon| {
        matches!(tokens.get(colon), Some(TokenTree::Punct(punct)) if punct.as_char() == ':')
            && matches!(tokens.get(colon + 1), Some(TokenTree::Ident(_)))
    });
    let Some(colon) = colon else {
        return (tokens.into_iter().collect(), None);
    };
    let base = tokens[colon + 1].to_string();
    tokens.drain(colon..colon + 2);
    (tokens.into_iter().collect(), Some(base))
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn a_value_set_prints_as_its_enum_inside_the_call() {
        let item: syn::Item = syn::parse2(quote! {
            tc_runtime::value_set! {
                #[doc = " Key algorithm."]
                pub enum KeyAlgorithm: str {
                    #[doc = " RSA keys."]
                    Rsa = "RSA",
                    Ecc = "ECC",
                }
            }
        })
        .unwrap();
        let expected = "tc_runtime::value_set! {\n    /// Key algorithm.\n    pub enum KeyAlgorithm: str {\n        /// RSA keys.\n        Rsa = \"RSA\",\n        Ecc = \"ECC\",\n    }\n}\n";
        assert_eq!(super::unparse(&item).as_deref(), Some(expected));
        assert!(super::starts("tc_runtime::value_set! {"));
    }

    #[test]
    fn error_codes_keep_their_enum_and_other_macros_are_left_alone() {
        let item: syn::Item = syn::parse2(quote! {
            tc_runtime::error_codes! {
                pub enum ServiceErrorCode {
                    #[doc = " Nothing left."]
                    FailedOperationSoldOut = "FailedOperation.SoldOut",
                }
            }
        })
        .unwrap();
        let text = super::unparse(&item).unwrap();
        assert!(text.starts_with("tc_runtime::error_codes! {\n    pub enum ServiceErrorCode {\n"));
        let other: syn::Item = syn::parse2(quote!(println! { "x" })).unwrap();
        assert_eq!(super::unparse(&other), None);
        assert!(!super::starts("println! {"));
    }
}
