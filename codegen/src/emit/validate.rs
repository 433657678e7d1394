//! `validate()`: member limits and the rules between members, checked before sending.
//!
//! The valid path allocates nothing: a violation's path (`Tags[1].TagKey`) is formatted only
//! when the violation is pushed.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::conditions;
use super::ident;
use crate::ir::refers_to_limits;
use crate::ir::{Action, EnumBase, Field, Limits, Literal, Primitive, Service, TypeKind, TypeRef};

/// The checks of a request, split by where they go.
pub struct RequestChecks {
    /// `validate` (and `validate_with`) of the request's `tc_runtime::Action` impl; empty when
    /// there is nothing to check, since the trait's default is `Ok(())`.
    pub action_items: TokenStream,
    /// The inherent `validate_against` both call, when a rule tests a common parameter.
    pub inherent: TokenStream,
}

/// The request's checks: limits and rules, returning every violation with its member's wire
/// name.
pub fn request(service: &Service, action: &Action) -> RequestChecks {
    let limits: Vec<TokenStream> = action
        .input
        .iter()
        .map(|field| field_checks(service, field, &Path::top(&field.wire_name)))
        .collect();
    let rules = conditions::rules(service, action);
    let wire_name = &action.wire_name;
    if limits.iter().all(TokenStream::is_empty) && rules.is_empty() {
        return RequestChecks {
            action_items: TokenStream::new(),
            inherent: TokenStream::new(),
        };
    }
    // `violations` is a `&mut Vec`, as in a structure's `validate_at`.
    let body = quote! {
        let mut found = Vec::new();
        let violations = &mut found;
        #( #limits )*
        #rules
        tc_runtime::InvalidRequest::check(#wire_name, found)
    };
    if !conditions::uses_common(action) {
        return RequestChecks {
            action_items: quote! {
                fn validate(&self) -> Result<(), tc_runtime::InvalidRequest> {
                    #body
                }
            },
            inherent: TokenStream::new(),
        };
    }
    RequestChecks {
        action_items: quote! {
            fn validate(&self) -> Result<(), tc_runtime::InvalidRequest> {
                self.validate_against(None)
            }

            fn validate_with(
                &self,
                common: &tc_runtime::CommonParams<'_>,
            ) -> Result<(), tc_runtime::InvalidRequest> {
                self.validate_against(Some(common))
            }
        },
        inherent: quote! {
            /// The spec's limits and rules; the rules on common parameters (the region) only
            /// when `common` is given.
            fn validate_against(
                &self,
                common: Option<&tc_runtime::CommonParams<'_>>,
            ) -> Result<(), tc_runtime::InvalidRequest> {
                #body
            }
        },
    }
}

/// `validate_at()` of a structure that holds limits, for requests that contain it.
pub fn structure(service: &Service, fields: &[Field]) -> TokenStream {
    let checks = fields
        .iter()
        .map(|field| field_checks(service, field, &Path::nested(&field.wire_name)));
    quote! {
        /// Adds a violation for each limit this structure breaks, naming members under `at`
        /// (for example `Tags[0]`).
        pub fn validate_at(
            &self,
            at: &dyn std::fmt::Display,
            violations: &mut Vec<tc_runtime::Violation>,
        ) {
            #( #checks )*
        }
    }
}

/// A member's path as a format string with inline arguments (`{at}.TagKey`, `Tags[{index}]`),
/// formatted only when a violation is pushed.
#[derive(Clone)]
struct Path {
    format: String,
    /// How many list levels deep, to name each level's index variable.
    depth: usize,
}

impl Path {
    fn top(wire: &str) -> Self {
        Path {
            format: wire.to_owned(),
            depth: 0,
        }
    }

    fn nested(wire: &str) -> Self {
        Path {
            format: format!("{{at}}.{wire}"),
            depth: 0,
        }
    }

    /// The index variable of this level's items.
    fn index(&self) -> proc_macro2::Ident {
        if self.depth == 0 {
            format_ident!("index")
        } else {
            format_ident!("index{}", self.depth)
        }
    }

    fn item(&self) -> Self {
        Path {
            format: format!("{}[{{{}}}]", self.format, self.index()),
            depth: self.depth + 1,
        }
    }

    /// An expression for `Violation::new`: a literal when nothing is formatted.
    fn owned(&self) -> TokenStream {
        let format = &self.format;
        if format.contains('{') {
            quote!(format!(#format))
        } else {
            quote!(#format)
        }
    }

    /// An expression for `validate_at`'s `at`: formatted lazily by `Display`.
    fn display(&self) -> TokenStream {
        let format = &self.format;
        if format.contains('{') {
            quote!(&format_args!(#format))
        } else {
            quote!(&#format)
        }
    }

    fn push(&self, problem: &str) -> TokenStream {
        let path = self.owned();
        quote!(tc_runtime::Violation::add(violations, #path, #problem);)
    }
}

/// Checks of one member's limits and of structures inside it, bound to `value`.
fn field_checks(service: &Service, field: &Field, path: &Path) -> TokenStream {
    let nested = refers_to_limits(&field.ty, &service.types);
    if !field.limits.any() && !nested {
        return TokenStream::new();
    }
    let member = ident(&field.rust_name);
    let checks = value_checks(service, &field.limits, &field.ty, path);
    if field.is_optional() {
        quote! {
            if let Some(value) = &self.#member {
                #checks
            }
        }
    } else {
        quote! {
            {
                let value = &self.#member;
                #checks
            }
        }
    }
}

/// Checks of `value` (a `&T` of type `ty`): its own limits, then its items or members.
fn value_checks(service: &Service, limits: &Limits, ty: &TypeRef, path: &Path) -> TokenStream {
    match ty {
        TypeRef::List(item) => {
            let count = count_checks(limits, path);
            let item_limits = Limits {
                min_items: None,
                max_items: None,
                ..limits.clone()
            };
            let nested = refers_to_limits(item, &service.types);
            let item_path = path.item();
            let item_checks = (item_limits.any() || nested)
                .then(|| value_checks(service, &item_limits, item, &item_path));
            let index = path.index();
            let each = item_checks.map(|checks| {
                quote! {
                    for (#index, value) in value.iter().enumerate() {
                        #checks
                    }
                }
            });
            quote! { #count #each }
        }
        TypeRef::Object(_) => {
            let at = path.display();
            quote! { value.validate_at(#at, violations); }
        }
        TypeRef::Enum(_) | TypeRef::Primitive(_) => scalar_checks(service, limits, ty, path),
    }
}

fn count_checks(limits: &Limits, path: &Path) -> TokenStream {
    let min = limits.min_items.map(|min| {
        let push = path.push(&format!("must have at least {min} items"));
        let min = super::int(min);
        quote! { if value.len() < #min { #push } }
    });
    let max = limits.max_items.map(|max| {
        let push = path.push(&format!("must have at most {max} items"));
        let max = super::int(max);
        quote! { if value.len() > #max { #push } }
    });
    quote! { #min #max }
}

fn scalar_checks(service: &Service, limits: &Limits, ty: &TypeRef, path: &Path) -> TokenStream {
    let mut checks = Vec::new();
    if let Some(min) = limits.min_length {
        let text = if min == 1 {
            "must not be empty".to_owned()
        } else {
            format!("must have at least {min} characters")
        };
        let push = path.push(&text);
        // `is_empty` needs no count of the characters.
        checks.push(if min == 1 {
            quote! { if value.is_empty() { #push } }
        } else {
            let min = super::int(min);
            quote! { if value.chars().count() < #min { #push } }
        });
    }
    if let Some(max) = limits.max_length {
        let push = path.push(&format!("must have at most {max} characters"));
        let max = super::int(max);
        checks.push(quote! { if value.chars().count() > #max { #push } });
    }
    if limits.minimum.is_some() || limits.maximum.is_some() {
        checks.push(number_checks(limits, ty, path));
    }
    if let Some(allowed) = &limits.allowed {
        checks.push(allowed_check(service, ty, allowed, path));
    }
    quote! { #( #checks )* }
}

/// `minimum` and `maximum`; a string member is first read as the number it holds.
fn number_checks(limits: &Limits, ty: &TypeRef, path: &Path) -> TokenStream {
    let bound_checks = |value: TokenStream, ty: &TypeRef| {
        let min = limits.minimum.map(|min| {
            let push = path.push(&format!("must be at least {min}"));
            let (value, bound) = number_comparison(ty, &value, min);
            quote! { if #value < #bound { #push } }
        });
        let max = limits.maximum.map(|max| {
            let push = path.push(&format!("must be at most {max}"));
            let (value, bound) = number_comparison(ty, &value, max);
            quote! { if #value > #bound { #push } }
        });
        quote! { #min #max }
    };
    if matches!(ty, TypeRef::Primitive(Primitive::String)) {
        let checks = bound_checks(quote!(number), &TypeRef::Primitive(Primitive::F64));
        let not_number = path.push("must be a number");
        return quote! {
            match value.trim().parse::<f64>() {
                Ok(number) => { #checks }
                Err(_) => { #not_number }
            }
        };
    }
    bound_checks(quote!(*value), ty)
}

/// The value and the bound as two numbers of one type: integers stay integers when the bound is
/// a whole number that fits, otherwise both are compared as `f64`.
fn number_comparison(ty: &TypeRef, value: &TokenStream, bound: f64) -> (TokenStream, TokenStream) {
    let whole = bound.fract() == 0.0;
    match ty {
        TypeRef::Primitive(Primitive::I64) if whole && bound.abs() < 9.0e15 => {
            (value.clone(), super::signed(bound as i64))
        }
        TypeRef::Primitive(Primitive::U64) if whole && (0.0..9.0e15).contains(&bound) => {
            let bound = super::int(bound as u64);
            (value.clone(), quote!(#bound))
        }
        TypeRef::Primitive(Primitive::F64) => {
            let bound = proc_macro2::Literal::f64_unsuffixed(bound);
            (value.clone(), quote!(#bound))
        }
        _ => {
            let bound = proc_macro2::Literal::f64_unsuffixed(bound);
            (quote!((#value as f64)), quote!(#bound))
        }
    }
}

/// The member's own allowed subset of its values: enum variants compared by name.
fn allowed_check(service: &Service, ty: &TypeRef, allowed: &[Literal], path: &Path) -> TokenStream {
    let shown: Vec<String> = allowed.iter().map(literal_text).collect();
    let push = path.push(&format!("must be one of {}", shown.join(", ")));
    let (subject, patterns): (TokenStream, Vec<TokenStream>) = match ty {
        TypeRef::Enum(index) => {
            let named = &service.types[*index];
            let name = ident(&named.rust_name);
            let variants = match &named.kind {
                TypeKind::Enum { variants, .. } => variants.as_slice(),
                TypeKind::Object { .. } => &[],
            };
            let patterns = allowed
                .iter()
                .map(|value| match variants.iter().find(|v| v.value == *value) {
                    Some(variant) => {
                        let variant = ident(&variant.rust_name);
                        quote!(#name::#variant)
                    }
                    None => super::enums::literal(value),
                })
                .collect();
            (quote!(value), patterns)
        }
        TypeRef::Primitive(Primitive::I64 | Primitive::U64 | Primitive::Bool) => (
            quote!(*value),
            allowed.iter().map(super::enums::literal).collect(),
        ),
        _ => (
            quote!(value.as_str()),
            allowed.iter().map(super::enums::literal).collect(),
        ),
    };
    quote! {
        if !matches!(#subject, #( #patterns )|*) { #push }
    }
}

fn literal_text(literal: &Literal) -> String {
    match literal {
        Literal::String(text) => text.clone(),
        Literal::I64(n) => n.to_string(),
        Literal::U64(n) => n.to_string(),
        Literal::Bool(b) => b.to_string(),
    }
}

/// The member of `receiver` (an `Option` when optional) as something `matches!` compares
/// with literals.
pub(crate) fn comparable(service: &Service, field: &Field, receiver: &TokenStream) -> TokenStream {
    let member = ident(&field.rust_name);
    let optional = field.is_optional();
    match &field.ty {
        TypeRef::Enum(index) => {
            let accessor = match &service.types[*index].kind {
                TypeKind::Enum {
                    base: EnumBase::String,
                    ..
                } => quote!(as_str),
                _ => quote!(value),
            };
            if optional {
                quote!(#receiver.#member.as_ref().map(|value| value.#accessor()))
            } else {
                quote!(#receiver.#member.#accessor())
            }
        }
        TypeRef::Primitive(
            crate::ir::Primitive::I64 | crate::ir::Primitive::U64 | crate::ir::Primitive::Bool,
        ) => {
            quote!(#receiver.#member)
        }
        _ => {
            if optional {
                quote!(#receiver.#member.as_deref())
            } else {
                quote!(#receiver.#member.as_str())
            }
        }
    }
}
