//! `validate()`: member limits and the rules between members, checked before sending.

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::literal;
use super::ident;
use crate::ir::refers_to_limits;
use crate::ir::{
    Action, EnumBase, Field, Limits, Literal, Service, Test, TestKind, TypeKind, TypeRef,
};

/// The request's inherent `validate()`.
pub fn request(service: &Service, action: &Action) -> TokenStream {
    let limits = action
        .input
        .iter()
        .map(|field| field_checks(service, field, None));
    let rules = action.constraints.iter().map(|constraint| {
        let then_field = &action.input[constraint.then.field];
        let member = &then_field.wire_name;
        let message = &constraint.description;
        let broken = broken(service, &action.input, &constraint.then);
        let condition = match &constraint.when {
            Some(when) => {
                let holds = holds(service, &action.input, when);
                quote!(#holds && #broken)
            }
            None => broken,
        };
        quote! {
            if #condition {
                violations.push(tc_runtime::Violation::new(#member, #message));
            }
        }
    });
    let wire_name = &action.wire_name;
    let uses = !action.input.is_empty()
        && (action
            .input
            .iter()
            .any(|f| f.limits.any() || refers_to_limits(&f.ty, &service.types))
            || !action.constraints.is_empty());
    let body = if uses {
        quote! {
            let mut found = Vec::new();
            let violations = &mut found;
            #( #limits )*
            #( #rules )*
            tc_runtime::InvalidRequest::check(#wire_name, found)
        }
    } else {
        quote! { tc_runtime::InvalidRequest::check(#wire_name, Vec::new()) }
    };
    quote! {
        /// Checks the spec's limits and rules, returning every violation with its member's
        /// wire name. The client calls it before anything is sent.
        pub fn validate(&self) -> Result<(), tc_runtime::InvalidRequest> {
            #body
        }
    }
}

/// `validate_at()` of a structure that holds limits, for requests that contain it.
pub fn structure(service: &Service, fields: &[Field]) -> TokenStream {
    let checks = fields
        .iter()
        .map(|field| field_checks(service, field, Some(quote!(at))));
    quote! {
        /// Adds a violation for each limit this structure breaks, naming members under `at`
        /// (for example `Tags[0]`).
        pub fn validate_at(&self, at: &str, violations: &mut Vec<tc_runtime::Violation>) {
            #( #checks )*
        }
    }
}

/// Checks of one member's limits and of structures inside it. `prefix` is an expression
/// naming the enclosing path (`None` in a request, whose members stand at the top).
fn field_checks(service: &Service, field: &Field, prefix: Option<TokenStream>) -> TokenStream {
    let nested = refers_to_limits(&field.ty, &service.types);
    if !field.limits.any() && !nested {
        return TokenStream::new();
    }
    let member = ident(&field.rust_name);
    let wire = &field.wire_name;
    let path = match prefix {
        None => quote!(#wire),
        Some(prefix) => quote!(&format!("{}.{}", #prefix, #wire)),
    };
    let limit_checks = limit_checks(&field.limits, &field.ty);
    let nested_checks = nested.then(|| nested_checks(&field.ty));
    let inner = quote! {
        let path = #path;
        #limit_checks
        #nested_checks
    };
    if field.is_optional() {
        quote! {
            if let Some(value) = &self.#member {
                #inner
            }
        }
    } else {
        quote! {
            {
                let value = &self.#member;
                #inner
            }
        }
    }
}

fn limit_checks(limits: &Limits, ty: &TypeRef) -> TokenStream {
    let mut checks = Vec::new();
    if let Some(min) = limits.min_length {
        let text = if min == 1 {
            "must not be empty".to_owned()
        } else {
            format!("must have at least {min} characters")
        };
        let min = super::int(min);
        checks.push(quote! { if value.chars().count() < #min { violations.push(tc_runtime::Violation::new(path, #text)); } });
    }
    if let Some(max) = limits.max_length {
        let max = super::int(max);
        let text = format!("must have at most {max} characters");
        checks.push(quote! { if value.chars().count() > #max { violations.push(tc_runtime::Violation::new(path, #text)); } });
    }
    if let Some(min) = limits.minimum {
        let text = format!("must be at least {min}");
        let (value, bound) = number_comparison(ty, min);
        checks.push(quote! { if #value < #bound { violations.push(tc_runtime::Violation::new(path, #text)); } });
    }
    if let Some(max) = limits.maximum {
        let text = format!("must be at most {max}");
        let (value, bound) = number_comparison(ty, max);
        checks.push(quote! { if #value > #bound { violations.push(tc_runtime::Violation::new(path, #text)); } });
    }
    if let Some(min) = limits.min_items {
        let min = super::int(min);
        let text = format!("must have at least {min} items");
        checks.push(quote! { if value.len() < #min { violations.push(tc_runtime::Violation::new(path, #text)); } });
    }
    if let Some(max) = limits.max_items {
        let max = super::int(max);
        let text = format!("must have at most {max} items");
        checks.push(quote! { if value.len() > #max { violations.push(tc_runtime::Violation::new(path, #text)); } });
    }
    quote! { #( #checks )* }
}

/// The value and the bound as two numbers of one type: integers stay integers when the bound is
/// a whole number that fits, otherwise both are compared as `f64`.
fn number_comparison(ty: &TypeRef, bound: f64) -> (TokenStream, TokenStream) {
    use crate::ir::Primitive;
    let whole = bound.fract() == 0.0;
    match ty {
        TypeRef::Primitive(Primitive::I64) if whole && bound.abs() < 9.0e15 => {
            (quote!(*value), super::signed(bound as i64))
        }
        TypeRef::Primitive(Primitive::U64) if whole && (0.0..9.0e15).contains(&bound) => {
            let bound = super::int(bound as u64);
            (quote!(*value), quote!(#bound))
        }
        TypeRef::Primitive(Primitive::F64) => {
            let bound = proc_macro2::Literal::f64_unsuffixed(bound);
            (quote!(*value), quote!(#bound))
        }
        _ => {
            let bound = proc_macro2::Literal::f64_unsuffixed(bound);
            (quote!((*value as f64)), quote!(#bound))
        }
    }
}

/// Recursion into structures (and lists of them) that hold limits.
fn nested_checks(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Object(_) => quote! { value.validate_at(path, violations); },
        TypeRef::List(inner) => {
            let inner_checks = nested_checks(inner);
            quote! {
                for (index, value) in value.iter().enumerate() {
                    let path = &format!("{path}[{index}]");
                    #inner_checks
                }
            }
        }
        TypeRef::Primitive(_) | TypeRef::Enum(_) => TokenStream::new(),
    }
}

/// An expression that is true when `test` holds.
fn holds(service: &Service, fields: &[Field], test: &Test) -> TokenStream {
    let field = &fields[test.field];
    let member = ident(&field.rust_name);
    match &test.kind {
        TestKind::Present(true) if field.is_optional() => quote!(self.#member.is_some()),
        TestKind::Present(false) if field.is_optional() => quote!(self.#member.is_none()),
        TestKind::Present(present) => quote!(#present),
        TestKind::In(values) => is_set_to(service, field, values, true),
        TestKind::NotIn(values) => is_set_to(service, field, values, false),
    }
}

/// An expression that is true when `test`, as a requirement, is broken: the opposite test
/// holds. A value test is broken only by a set value (an unset member passes both `in` and
/// `not_in`): whether the member must be set is a `present` test.
fn broken(service: &Service, fields: &[Field], test: &Test) -> TokenStream {
    let opposite = match &test.kind {
        TestKind::Present(present) => TestKind::Present(!present),
        TestKind::In(values) => TestKind::NotIn(values.clone()),
        TestKind::NotIn(values) => TestKind::In(values.clone()),
    };
    holds(
        service,
        fields,
        &Test {
            field: test.field,
            kind: opposite,
        },
    )
}

/// True when the member is set to one of `values` (`among`), or set to none of them (`!among`).
fn is_set_to(service: &Service, field: &Field, values: &[Literal], among: bool) -> TokenStream {
    if let Some(expected) = single_bool(values, among) {
        // A boolean compares directly; `matches!` on a bool reads oddly.
        let member = ident(&field.rust_name);
        return match (field.is_optional(), expected) {
            (true, _) => quote!(self.#member == Some(#expected)),
            (false, true) => quote!(self.#member),
            (false, false) => quote!(!self.#member),
        };
    }
    let value = comparable(service, field, &quote!(self));
    let values: Vec<TokenStream> = values.iter().map(literal).collect();
    // An optional member is tested inside `is_some_and`; a required one directly.
    let (subject, test) = if field.is_optional() {
        (quote!(value), quote!(#value.is_some_and))
    } else {
        (value, TokenStream::new())
    };
    let matched = if among {
        quote!(matches!(#subject, #( #values )|*))
    } else {
        quote!(!matches!(#subject, #( #values )|*))
    };
    if field.is_optional() {
        quote!(#test(|value| #matched))
    } else {
        matched
    }
}

/// The one boolean a test against `values` accepts (`among` them, or not), if the values are
/// booleans that leave exactly one.
fn single_bool(values: &[Literal], among: bool) -> Option<bool> {
    let has = |b: bool| values.contains(&Literal::Bool(b));
    if !values.iter().all(|value| matches!(value, Literal::Bool(_))) {
        return None;
    }
    match (has(true), has(false)) {
        (true, false) => Some(among),
        (false, true) => Some(!among),
        _ => None,
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
