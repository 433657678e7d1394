//! Constraints and limits: member limits (`min_length`, `maximum`, `allowed`, ...), documented
//! defaults, and an action's `constraints` (conditions over its request members and common
//! parameters, combined with `all`, `any` and `not`).

use indexmap::IndexMap;
use serde_json::Value;

use crate::diagnostic::JsonPath;
use crate::ir;
use crate::ir::{
    CommonParameter, Condition, Constraint, Field, Limits, Literal, NamedType, Primitive, Test,
    TestKind, TypeKind, TypeRef, refers_to_limits,
};
use crate::spec::model::{ActionSpec, ConditionSpec, MemberSpec, ServiceSpec};

use super::Checker;
use super::literals::literal_for;

/// What a condition can name: the request's members as written and as resolved.
struct Scope<'a> {
    members: &'a IndexMap<String, MemberSpec>,
    input: &'a [Field],
    types: &'a [NamedType],
}

impl Checker<'_> {
    /// The action's constraints; a constraint with a broken condition is reported and left out.
    pub(super) fn constraints(
        &mut self,
        action: &ActionSpec,
        input: &[Field],
        types: &[NamedType],
        path: &JsonPath,
    ) -> Vec<Constraint> {
        let scope = Scope {
            members: &action.input,
            input,
            types,
        };
        action
            .constraints
            .iter()
            .enumerate()
            .filter_map(|(index, constraint)| {
                let at = path.key("constraints").index(index);
                let when = match &constraint.when {
                    Some(when) => Some(self.condition(when, &scope, &at.key("when"))?),
                    None => None,
                };
                let then = self.condition(&constraint.then, &scope, &at.key("then"))?;
                let report = match &constraint.report {
                    Some(member) => Some(self.member_index(member, &scope, &at.key("report"))?),
                    None => first_member(&then),
                };
                if constraint.description.trim().is_empty() {
                    self.problem(
                        at.key("description"),
                        "a constraint needs a description",
                        Some("the rule in the docs' words, shown to users who break it"),
                    );
                    return None;
                }
                Some(Constraint {
                    when,
                    then,
                    report,
                    description: constraint.description.clone(),
                })
            })
            .collect()
    }

    /// One condition, resolved against the request's members.
    fn condition(
        &mut self,
        spec: &ConditionSpec,
        scope: &Scope<'_>,
        at: &JsonPath,
    ) -> Option<Condition> {
        let tests = [
            spec.present.is_some(),
            spec.one_of.is_some(),
            spec.not_in.is_some(),
            spec.contains.is_some(),
        ];
        let combinators = [spec.all.is_some(), spec.any.is_some(), spec.not.is_some()];
        let subjects = [spec.member.is_some(), spec.common.is_some()];
        let count = |flags: &[bool]| flags.iter().filter(|set| **set).count();
        let shape = (count(&subjects), count(&tests), count(&combinators));
        match shape {
            (1, 1, 0) => {}
            (0, 0, 1) => return self.combination(spec, scope, at),
            _ => {
                self.problem(
                    at.clone(),
                    "a condition is either a test or a combination of conditions",
                    Some(
                        "`member` or `common` with exactly one of `present`, `in`, `not_in` and \
                         `contains`; or exactly one of `all`, `any` and `not`",
                    ),
                );
                return None;
            }
        }
        if let Some(name) = &spec.common {
            return self.common_test(name, spec, at);
        }
        let name = spec.member.as_deref().unwrap_or_default();
        let field = self.member_index(name, scope, &at.key("member"))?;
        let member = &scope.input[field];
        let item = match &member.ty {
            TypeRef::List(item) => Some(item.as_ref()),
            _ => None,
        };
        let kind = if let Some(present) = spec.present {
            TestKind::Present(present)
        } else if let Some(values) = &spec.contains {
            let Some(item) = item else {
                self.problem(
                    at.key("contains"),
                    format!("`contains` tests a list, and `{name}` is not one"),
                    Some("a member of type list<T>"),
                );
                return None;
            };
            TestKind::Contains(self.values(values, item, name, scope, &at.key("contains"))?)
        } else {
            let (key, values) = match (&spec.one_of, &spec.not_in) {
                (Some(values), _) => ("in", values),
                (None, Some(values)) => ("not_in", values),
                (None, None) => return None,
            };
            let literals = self.values(values, &member.ty, name, scope, &at.key(key))?;
            if key == "in" {
                TestKind::In(literals)
            } else {
                TestKind::NotIn(literals)
            }
        };
        let default = scope.members[field]
            .default
            .as_ref()
            .and_then(|value| literal_for(value, &member.ty, scope.types).ok());
        Some(Condition::Member(Test {
            field,
            kind,
            default,
        }))
    }

    fn combination(
        &mut self,
        spec: &ConditionSpec,
        scope: &Scope<'_>,
        at: &JsonPath,
    ) -> Option<Condition> {
        if let Some(inner) = &spec.not {
            let inner = self.condition(inner, scope, &at.key("not"))?;
            return Some(Condition::Not(Box::new(inner)));
        }
        let (key, list) = match (&spec.all, &spec.any) {
            (Some(list), _) => ("all", list),
            (None, Some(list)) => ("any", list),
            (None, None) => return None,
        };
        if list.len() < 2 {
            self.problem(
                at.key(key),
                format!(
                    "`{key}` combines conditions, and this one has {}",
                    list.len()
                ),
                Some("two or more conditions (write a single condition directly)"),
            );
            return None;
        }
        let mut conditions = Vec::with_capacity(list.len());
        for (index, inner) in list.iter().enumerate() {
            // Check every part, so that all problems are reported at once.
            if let Some(condition) = self.condition(inner, scope, &at.key(key).index(index)) {
                conditions.push(condition);
            }
        }
        (conditions.len() == list.len()).then(|| {
            if key == "all" {
                Condition::All(conditions)
            } else {
                Condition::Any(conditions)
            }
        })
    }

    /// A test of a common parameter: only `Region` can be named, with `present`, `in` or `not_in`.
    fn common_test(
        &mut self,
        name: &str,
        spec: &ConditionSpec,
        at: &JsonPath,
    ) -> Option<Condition> {
        if name != CommonParameter::Region.wire_name() {
            self.problem(
                at.key("common"),
                format!("`{name}` is not a common parameter a rule can test"),
                Some("`Region`"),
            );
            return None;
        }
        let text = TypeRef::Primitive(Primitive::String);
        let kind = match (spec.present, &spec.one_of, &spec.not_in) {
            (Some(present), _, _) => TestKind::Present(present),
            (None, Some(values), _) => {
                TestKind::In(self.common_values(values, &text, &at.key("in"))?)
            }
            (None, None, Some(values)) => {
                TestKind::NotIn(self.common_values(values, &text, &at.key("not_in"))?)
            }
            (None, None, None) => {
                self.problem(
                    at.key("contains"),
                    "`contains` tests a list, and `Region` is not one",
                    Some("`present`, `in` or `not_in`"),
                );
                return None;
            }
        };
        Some(Condition::Common(CommonParameter::Region, kind))
    }

    fn common_values(
        &mut self,
        values: &[Value],
        ty: &TypeRef,
        at: &JsonPath,
    ) -> Option<Vec<Literal>> {
        self.typed_values(values, ty, &[], "Region", at)
    }

    fn values(
        &mut self,
        values: &[Value],
        ty: &TypeRef,
        member: &str,
        scope: &Scope<'_>,
        at: &JsonPath,
    ) -> Option<Vec<Literal>> {
        self.typed_values(values, ty, scope.types, member, at)
    }

    /// Values compared with something of type `ty`; each must be a value of it.
    fn typed_values(
        &mut self,
        values: &[Value],
        ty: &TypeRef,
        types: &[NamedType],
        member: &str,
        at: &JsonPath,
    ) -> Option<Vec<Literal>> {
        if values.is_empty() {
            self.problem(
                at.clone(),
                "an empty list of values makes a test that never holds",
                Some("one or more values"),
            );
            return None;
        }
        let mut literals = Vec::with_capacity(values.len());
        let mut ok = true;
        for (index, value) in values.iter().enumerate() {
            match literal_for(value, ty, types) {
                Ok(literal) => literals.push(literal),
                Err(expected) => {
                    ok = false;
                    self.problem(
                        at.index(index),
                        format!("{value} cannot be a value of `{member}`"),
                        Some(&expected),
                    );
                }
            }
        }
        ok.then_some(literals)
    }

    fn member_index(&mut self, name: &str, scope: &Scope<'_>, at: &JsonPath) -> Option<usize> {
        let index = scope.members.get_index_of(name);
        if index.is_none() {
            let known: Vec<&str> = scope.members.keys().map(String::as_str).collect();
            self.problem(
                at.clone(),
                format!("`{name}` is not a member of this request"),
                Some(&format!("one of {}", known.join(", "))),
            );
        }
        index
    }

    /// A member's limits, each checked against its type (`allowed` is filled in by
    /// [`Checker::member_values`] once every value set is known).
    pub(super) fn limits(&mut self, member: &MemberSpec, ty: &TypeRef, at: &JsonPath) -> Limits {
        let text = matches!(
            ty,
            TypeRef::Primitive(
                Primitive::String | Primitive::DateTime | Primitive::DateTimeIso | Primitive::Date
            )
        );
        // A string member may hold a number (tccli types some `Limit`s as strings).
        let number = matches!(
            ty,
            TypeRef::Primitive(
                Primitive::I64 | Primitive::U64 | Primitive::F64 | Primitive::String
            )
        );
        let list = matches!(ty, TypeRef::List(_));
        let (string, numeric, items) = (
            "a string member",
            "a number member, or a string member that holds a number",
            "a list member",
        );
        Limits {
            min_length: self.limit(member.min_length, text, "min_length", string, member, at),
            max_length: self.limit(member.max_length, text, "max_length", string, member, at),
            minimum: self.limit(member.minimum, number, "minimum", numeric, member, at),
            maximum: self.limit(member.maximum, number, "maximum", numeric, member, at),
            min_items: self.limit(member.min_items, list, "min_items", items, member, at),
            max_items: self.limit(member.max_items, list, "max_items", items, member, at),
            allowed: None,
        }
    }

    /// A limit, kept when it applies to the member's type and reported when it does not.
    fn limit<T>(
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

impl Checker<'_> {
    /// Checks every member's `allowed` values and `default` against its type, now that every
    /// value set is known, and records the allowed values in the member's limits.
    pub(super) fn member_values(
        &mut self,
        spec: &ServiceSpec,
        types: &mut [NamedType],
        actions: &mut [ir::Action],
    ) {
        let root = JsonPath::root();
        let mut found = Vec::new();
        for (index, (name, ty)) in spec.types.iter().enumerate() {
            if let (Some(members), TypeKind::Object { fields, .. }) =
                (&ty.members, &types[index].kind)
            {
                let at = root.key("types").key(name).key("members");
                self.allowed_of(members, fields, types, &at, &mut |field, allowed| {
                    found.push((Place::Type(index), field, allowed));
                });
            }
        }
        for (index, (name, action)) in spec.actions.iter().enumerate() {
            let at = root.key("actions").key(name);
            let input = &actions[index].input;
            self.allowed_of(
                &action.input,
                input,
                types,
                &at.key("input"),
                &mut |field, allowed| {
                    found.push((Place::Input(index), field, allowed));
                },
            );
            let output = &actions[index].output;
            self.allowed_of(
                &action.output,
                output,
                types,
                &at.key("output"),
                &mut |field, allowed| {
                    found.push((Place::Output(index), field, allowed));
                },
            );
        }
        for (place, field, allowed) in found {
            let fields = match place {
                Place::Type(index) => match &mut types[index].kind {
                    TypeKind::Object { fields, has_limits } => {
                        *has_limits = true;
                        fields
                    }
                    TypeKind::Enum { .. } => continue,
                },
                Place::Input(index) => &mut actions[index].input,
                Place::Output(index) => &mut actions[index].output,
            };
            fields[field].limits.allowed = Some(allowed);
        }
        mark_types_with_limits(types);
    }

    /// Checks the `allowed` and `default` of `members`, calling `found` with each member's
    /// index and allowed values.
    fn allowed_of(
        &mut self,
        members: &IndexMap<String, MemberSpec>,
        fields: &[Field],
        types: &[NamedType],
        at: &JsonPath,
        found: &mut dyn FnMut(usize, Vec<Literal>),
    ) {
        for (index, field) in fields.iter().enumerate() {
            let Some(member) = members.get(&field.wire_name) else {
                continue;
            };
            let at = at.key(&field.wire_name);
            if let Some(default) = &member.default
                && let Err(expected) = literal_for(default, &field.ty, types)
            {
                self.problem(
                    at.key("default"),
                    format!("{default} cannot be a value of `{}`", field.wire_name),
                    Some(&expected),
                );
            }
            let Some(values) = &member.allowed else {
                continue;
            };
            let item = match &field.ty {
                TypeRef::List(item) => item.as_ref(),
                other => other,
            };
            if let Some(allowed) =
                self.typed_values(values, item, types, &field.wire_name, &at.key("allowed"))
            {
                found(index, allowed);
            }
        }
    }
}

/// Where a member's fields live.
#[derive(Clone, Copy)]
enum Place {
    Type(usize),
    Input(usize),
    Output(usize),
}

/// The first request member a condition names, where a violation of it is reported.
fn first_member(condition: &Condition) -> Option<usize> {
    match condition {
        Condition::Member(test) => Some(test.field),
        Condition::Common(..) => None,
        Condition::All(list) | Condition::Any(list) => list.iter().find_map(first_member),
        Condition::Not(inner) => first_member(inner),
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
