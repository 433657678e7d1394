//! Constraints and limits: member limits (`min_length`, `maximum`, ...) and an action's
//! `constraints` (`when` / `then` tests over its request members).

use indexmap::IndexMap;

use crate::diagnostic::JsonPath;
use crate::ir::{
    Constraint, Field, Limits, NamedType, Primitive, Test, TestKind, TypeKind, TypeRef,
    refers_to_limits,
};
use crate::spec::model::{ActionSpec, MemberSpec, TestSpec};

use super::Checker;

impl Checker<'_> {
    /// The action's constraints; a constraint with a broken test is reported and left out.
    pub(super) fn constraints(
        &mut self,
        action: &ActionSpec,
        input: &[Field],
        types: &[NamedType],
        path: &JsonPath,
    ) -> Vec<Constraint> {
        action
            .constraints
            .iter()
            .enumerate()
            .filter_map(|(index, constraint)| {
                let at = path.key("constraints").index(index);
                let when = match &constraint.when {
                    Some(test) => {
                        Some(self.test(test, input, &action.input, types, &at.key("when"))?)
                    }
                    None => None,
                };
                let then = self.test(
                    &constraint.then,
                    input,
                    &action.input,
                    types,
                    &at.key("then"),
                )?;
                Some(Constraint {
                    when,
                    then,
                    description: constraint.description.clone(),
                })
            })
            .collect()
    }

    pub(super) fn test(
        &mut self,
        test: &TestSpec,
        input: &[Field],
        members: &IndexMap<String, MemberSpec>,
        types: &[NamedType],
        at: &JsonPath,
    ) -> Option<Test> {
        let Some(field) = members.get_index_of(&test.member) else {
            let known: Vec<&str> = members.keys().map(String::as_str).collect();
            self.problem(
                at.key("member"),
                format!("`{}` is not a member of this request", test.member),
                Some(&format!("one of {}", known.join(", "))),
            );
            return None;
        };
        let kind = match (test.present, &test.one_of, &test.not_in) {
            (Some(present), None, None) => TestKind::Present(present),
            (None, Some(values), None) => {
                TestKind::In(self.literals(values, &input[field], types, &at.key("in"))?)
            }
            (None, None, Some(values)) => {
                TestKind::NotIn(self.literals(values, &input[field], types, &at.key("not_in"))?)
            }
            _ => {
                self.problem(
                    at.clone(),
                    "a test needs exactly one of `present`, `in` and `not_in`",
                    Some("one test per object"),
                );
                return None;
            }
        };
        Some(Test { field, kind })
    }

    pub(super) fn limits(&mut self, member: &MemberSpec, ty: &TypeRef, at: &JsonPath) -> Limits {
        let text = matches!(
            ty,
            TypeRef::Primitive(
                Primitive::String | Primitive::DateTime | Primitive::DateTimeIso | Primitive::Date
            )
        );
        let number = matches!(
            ty,
            TypeRef::Primitive(Primitive::I64 | Primitive::U64 | Primitive::F64)
        );
        let list = matches!(ty, TypeRef::List(_));
        let (string, numeric, items) = ("a string member", "a number member", "a list member");
        Limits {
            min_length: self.limit(member.min_length, text, "min_length", string, member, at),
            max_length: self.limit(member.max_length, text, "max_length", string, member, at),
            minimum: self.limit(member.minimum, number, "minimum", numeric, member, at),
            maximum: self.limit(member.maximum, number, "maximum", numeric, member, at),
            min_items: self.limit(member.min_items, list, "min_items", items, member, at),
            max_items: self.limit(member.max_items, list, "max_items", items, member, at),
        }
    }

    /// A limit, kept when it applies to the member's type and reported when it does not.
    pub(super) fn limit<T>(
        &mut self,
        value: Option<T>,
        applies: bool,
        key: &str,
        expected: &str,
        member: &MemberSpec,
        at: &JsonPath,
    ) -> Option<T> {
        if value.is_some() && !applies {
            self.problem(
                at.key(key),
                format!("`{key}` does not apply to a member of type `{}`", member.ty),
                Some(expected),
            );
            return None;
        }
        value
    }
}

/// Marks structures that hold, directly or through other structures, members with limits.
pub(super) fn mark_types_with_limits(types: &mut [NamedType]) {
    loop {
        let mut changed = false;
        for index in 0..types.len() {
            let TypeKind::Object {
                fields,
                has_limits: false,
            } = &types[index].kind
            else {
                continue;
            };
            let nested = fields
                .iter()
                .any(|field| refers_to_limits(&field.ty, types));
            if nested {
                if let TypeKind::Object { has_limits, .. } = &mut types[index].kind {
                    *has_limits = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}
