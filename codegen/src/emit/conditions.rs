//! The rules between members (`constraints`) as Rust conditions.
//!
//! A value test of an unset member with no documented default is unknown, and so is a test of
//! a common parameter that the caller did not pass. Each condition is emitted twice over: as
//! "certainly holds" (unknown counts as false) and as "possibly holds" (unknown counts as true).
//! A rule is broken when its `when` certainly holds and its `then` certainly does not, which is
//! "not possibly". Negations are pushed down to the tests, so the output reads as written by
//! hand: `matches!(self.kind, Some(Kind::Ecc))`, `self.key.is_none()`.

use proc_macro2::TokenStream;
use quote::quote;

use super::enums::literal;
use super::ident;
use crate::ir::{
    Action, CommonParameter, Condition, Field, Literal, Primitive, Service, Test, TestKind,
    TypeKind, TypeRef,
};

/// Whether any rule of `action` tests a common parameter (so `validate_with` is needed).
pub fn uses_common(action: &Action) -> bool {
    fn names_common(condition: &Condition) -> bool {
        match condition {
            Condition::Common(..) => true,
            Condition::Member(_) => false,
            Condition::All(list) | Condition::Any(list) => list.iter().any(names_common),
            Condition::Not(inner) => names_common(inner),
        }
    }
    action.constraints.iter().any(|constraint| {
        names_common(&constraint.then) || constraint.when.as_ref().is_some_and(names_common)
    })
}

/// One `if` per rule, pushing the rule's description onto `violations` when it is broken.
pub fn rules(service: &Service, action: &Action) -> TokenStream {
    let emitter = Emitter {
        service,
        fields: &action.input,
    };
    let checks = action.constraints.iter().filter_map(|constraint| {
        let when = match &constraint.when {
            Some(when) => emitter.condition(when, Polarity::Certain, false),
            None => Expr::Const(true),
        };
        let broken = emitter.condition(&constraint.then, Polarity::Possible, true);
        let member = match constraint.report {
            Some(field) => action.input[field].wire_name.as_str(),
            None => CommonParameter::Region.wire_name(),
        };
        let message = &constraint.description;
        match and(vec![when, broken]) {
            Expr::Const(false) => None,
            Expr::Const(true) => Some(quote! {
                tc_runtime::Violation::add(violations, #member, #message);
            }),
            condition => {
                let condition = condition.tokens();
                Some(quote! {
                    if #condition {
                        tc_runtime::Violation::add(violations, #member, #message);
                    }
                })
            }
        }
    });
    quote! { #( #checks )* }
}

/// Whether unknown counts as true (possibly holds) or false (certainly holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Polarity {
    Certain,
    Possible,
}

impl Polarity {
    fn flip(self) -> Self {
        match self {
            Polarity::Certain => Polarity::Possible,
            Polarity::Possible => Polarity::Certain,
        }
    }

    /// What an unknown test counts as.
    fn unknown(self) -> bool {
        self == Polarity::Possible
    }
}

/// A boolean expression, kept as a tree so that constants fold away.
enum Expr {
    Const(bool),
    Code(TokenStream),
    All(Vec<Expr>),
    Any(Vec<Expr>),
}

fn and(parts: Vec<Expr>) -> Expr {
    combine(parts, true)
}

fn or(parts: Vec<Expr>) -> Expr {
    combine(parts, false)
}

/// `all` (`neutral` true) or `any` (`neutral` false) of `parts`, with constants folded.
fn combine(parts: Vec<Expr>, neutral: bool) -> Expr {
    let mut kept = Vec::with_capacity(parts.len());
    for part in parts {
        match part {
            Expr::Const(value) if value == neutral => {}
            Expr::Const(value) => return Expr::Const(value),
            Expr::All(inner) if neutral => kept.extend(inner),
            Expr::Any(inner) if !neutral => kept.extend(inner),
            other => kept.push(other),
        }
    }
    match kept.len() {
        0 => Expr::Const(neutral),
        1 => kept.pop().unwrap_or(Expr::Const(neutral)),
        _ if neutral => Expr::All(kept),
        _ => Expr::Any(kept),
    }
}

impl Expr {
    fn tokens(&self) -> TokenStream {
        match self {
            Expr::Const(value) => quote!(#value),
            Expr::Code(code) => code.clone(),
            Expr::All(parts) => {
                let parts = parts.iter().map(Expr::operand);
                quote!(#( #parts )&&*)
            }
            Expr::Any(parts) => {
                let parts = parts.iter().map(Expr::operand);
                quote!(#( #parts )||*)
            }
        }
    }

    /// The expression as an operand of `&&` or `||`: combinations in parentheses.
    fn operand(&self) -> TokenStream {
        let tokens = self.tokens();
        match self {
            Expr::All(_) | Expr::Any(_) => quote!((#tokens)),
            Expr::Const(_) | Expr::Code(_) => tokens,
        }
    }
}

struct Emitter<'a> {
    service: &'a Service,
    fields: &'a [Field],
}

impl Emitter<'_> {
    /// The condition (or, with `negate`, its opposite) where unknown tests count as `polarity`
    /// says.
    fn condition(&self, condition: &Condition, polarity: Polarity, negate: bool) -> Expr {
        match condition {
            Condition::Member(test) => self.member(test, polarity, negate),
            Condition::Common(parameter, kind) => common(*parameter, kind, polarity, negate),
            Condition::Not(inner) => self.condition(inner, polarity.flip(), !negate),
            Condition::All(list) | Condition::Any(list) => {
                let parts = list
                    .iter()
                    .map(|inner| self.condition(inner, polarity, negate))
                    .collect();
                // De Morgan: the opposite of `all` is `any` of the opposites.
                if matches!(condition, Condition::All(_)) != negate {
                    and(parts)
                } else {
                    or(parts)
                }
            }
        }
    }

    fn member(&self, test: &Test, polarity: Polarity, negate: bool) -> Expr {
        let field = &self.fields[test.field];
        let member = ident(&field.rust_name);
        let optional = field.is_optional();
        // What the test counts as when the member is unset: its value on the documented
        // default, or unknown.
        let unset = match &test.default {
            Some(default) => default_passes(&test.kind, default),
            None => polarity.unknown(),
        };
        match &test.kind {
            TestKind::Present(present) => {
                let wanted = *present != negate;
                match (optional, wanted) {
                    (true, true) => Expr::Code(quote!(self.#member.is_some())),
                    (true, false) => Expr::Code(quote!(self.#member.is_none())),
                    (false, wanted) => Expr::Const(wanted),
                }
            }
            TestKind::In(values) | TestKind::NotIn(values) => {
                let among = matches!(test.kind, TestKind::In(_));
                self.value_test(field, values, among, unset, negate)
            }
            TestKind::Contains(values) => {
                let TypeRef::List(item) = &field.ty else {
                    return Expr::Const(unset != negate);
                };
                let pattern = self.patterns(item, values);
                let item_value = match item.as_ref() {
                    TypeRef::Primitive(
                        Primitive::String
                        | Primitive::Date
                        | Primitive::DateTime
                        | Primitive::DateTimeIso,
                    ) => quote!(item.as_str()),
                    TypeRef::Enum(_) => quote!(item),
                    _ => quote!(*item),
                };
                let any = |items: TokenStream| {
                    let any = quote!(#items.iter().any(|item| matches!(#item_value, #pattern)));
                    if negate { quote!(!#any) } else { any }
                };
                if !optional {
                    return Expr::Code(any(quote!(self.#member)));
                }
                let held = any(quote!(items));
                // Unset counts as `unset`; negated, as its opposite.
                let code = if unset != negate {
                    quote!(self.#member.as_ref().is_none_or(|items| #held))
                } else {
                    quote!(self.#member.as_ref().is_some_and(|items| #held))
                };
                Expr::Code(code)
            }
        }
    }

    /// `member` is among `values` (or, `!among`, none of them); unset counts as `unset`.
    fn value_test(
        &self,
        field: &Field,
        values: &[Literal],
        among: bool,
        unset: bool,
        negate: bool,
    ) -> Expr {
        let member = ident(&field.rust_name);
        // The test holds for the member's value `v` when `matched(v) == among`.
        let among = among != negate;
        let unset = unset != negate;
        if let TypeRef::Primitive(Primitive::Bool) = field.ty {
            return bool_test(field, values, among, unset);
        }
        let pattern = self.patterns(&field.ty, values);
        let subject = match (&field.ty, field.is_optional()) {
            (TypeRef::Enum(_), _) => quote!(self.#member),
            (TypeRef::Primitive(Primitive::I64 | Primitive::U64), _) => quote!(self.#member),
            (_, true) => quote!(self.#member.as_deref()),
            (_, false) => quote!(self.#member.as_str()),
        };
        if !field.is_optional() {
            return Expr::Code(if among {
                quote!(matches!(#subject, #pattern))
            } else {
                quote!(!matches!(#subject, #pattern))
            });
        }
        // `None` is matched when unset counts the same as a listed value would.
        let code = match (among, unset) {
            (true, false) => quote!(matches!(#subject, Some(#pattern))),
            (true, true) => quote!(matches!(#subject, None | Some(#pattern))),
            (false, false) => quote!(!matches!(#subject, None | Some(#pattern))),
            (false, true) => quote!(!matches!(#subject, Some(#pattern))),
        };
        Expr::Code(code)
    }

    /// `values` as one pattern (`A | B`): enum variants by name, other literals as written.
    fn patterns(&self, ty: &TypeRef, values: &[Literal]) -> TokenStream {
        let patterns = values.iter().map(|value| self.pattern(ty, value));
        quote!(#( #patterns )|*)
    }

    fn pattern(&self, ty: &TypeRef, value: &Literal) -> TokenStream {
        if let TypeRef::Enum(index) = ty {
            let named = &self.service.types[*index];
            if let TypeKind::Enum { variants, .. } = &named.kind
                && let Some(variant) = variants.iter().find(|variant| variant.value == *value)
            {
                let name = ident(&named.rust_name);
                let variant = ident(&variant.rust_name);
                return quote!(#name::#variant);
            }
        }
        literal(value)
    }
}

/// A test of a boolean member: it holds for the values in `values` (`among`) or outside them.
fn bool_test(field: &Field, values: &[Literal], among: bool, unset: bool) -> Expr {
    let member = ident(&field.rust_name);
    let accepts = |b: bool| values.contains(&Literal::Bool(b)) == among;
    match (accepts(true), accepts(false), field.is_optional()) {
        (true, true, false) => Expr::Const(true),
        (false, false, false) => Expr::Const(false),
        (true, false, false) => Expr::Code(quote!(self.#member)),
        (false, true, false) => Expr::Code(quote!(!self.#member)),
        (true, true, true) if unset => Expr::Const(true),
        (true, true, true) => Expr::Code(quote!(self.#member.is_some())),
        (false, false, true) if unset => Expr::Code(quote!(self.#member.is_none())),
        (false, false, true) => Expr::Const(false),
        (accept_true, _, true) => {
            // Exactly one value passes.
            let rejected = !accept_true;
            if unset {
                Expr::Code(quote!(self.#member != Some(#rejected)))
            } else {
                Expr::Code(quote!(self.#member == Some(#accept_true)))
            }
        }
    }
}

/// A test of a common parameter passed to `validate_with` as `common` (`None` in `validate`).
fn common(parameter: CommonParameter, kind: &TestKind, polarity: Polarity, negate: bool) -> Expr {
    let CommonParameter::Region = parameter;
    let inner = match kind {
        TestKind::Present(present) => {
            if *present != negate {
                quote!(common.region.is_some())
            } else {
                quote!(common.region.is_none())
            }
        }
        TestKind::In(values) | TestKind::NotIn(values) => {
            let among = matches!(kind, TestKind::In(_)) != negate;
            // An unset region is as unknown as a missing `common`.
            let unset = polarity.unknown() != negate;
            let pattern = values.iter().map(literal);
            let pattern = quote!(#( #pattern )|*);
            match (among, unset) {
                (true, false) => quote!(matches!(common.region, Some(#pattern))),
                (true, true) => quote!(matches!(common.region, None | Some(#pattern))),
                (false, false) => quote!(!matches!(common.region, None | Some(#pattern))),
                (false, true) => quote!(!matches!(common.region, Some(#pattern))),
            }
        }
        TestKind::Contains(_) => return Expr::Const(polarity.unknown() != negate),
    };
    if polarity.unknown() != negate {
        Expr::Code(quote!(common.is_none_or(|common| #inner)))
    } else {
        Expr::Code(quote!(common.is_some_and(|common| #inner)))
    }
}

/// Whether a value test holds for the member's documented default.
fn default_passes(kind: &TestKind, default: &Literal) -> bool {
    match kind {
        TestKind::In(values) => values.contains(default),
        TestKind::NotIn(values) => !values.contains(default),
        TestKind::Present(_) | TestKind::Contains(_) => false,
    }
}
