//! The members of requests, responses and structures: Rust field names and types.

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::diagnostic::JsonPath;
use crate::ir::{Field, Primitive, TypeRef};
use crate::spec::model::MemberSpec;

use super::types::{self, NamedKind};
use super::{Checker, naming};

impl Checker<'_> {
    pub(super) fn fields(
        &mut self,
        members: &IndexMap<String, MemberSpec>,
        named: &HashMap<&str, (usize, NamedKind)>,
        path: &JsonPath,
        role: Role,
    ) -> Vec<Field> {
        let mut rust_names: HashMap<String, String> = HashMap::new();
        let mut fields = Vec::with_capacity(members.len());
        for (wire, member) in members {
            let at = path.key(wire);
            if role == Role::Output && wire == "RequestId" {
                self.problem(
                    at,
                    "`RequestId` is part of every response and must not be listed",
                    Some("no `RequestId` member"),
                );
                continue;
            }
            // A member without a usable name is kept (nameless), so that tests find members
            // at their spec positions; the problem stops generation anyway.
            let mut rust_name = match naming::field(member.rust_name.as_deref().unwrap_or(wire)) {
                Some(name) => name,
                None => {
                    let (at, what) = match &member.rust_name {
                        Some(chosen) => (at.key("rust_name"), chosen),
                        None => (at.clone(), wire),
                    };
                    self.problem(
                        at,
                        format!("`{what}` makes no Rust field name"),
                        Some(naming::FIELD_RULE),
                    );
                    String::new()
                }
            };
            if let Some(chosen) = &member.rust_name {
                if !rust_name.is_empty() && naming::bare(&rust_name) != chosen.as_str() {
                    self.problem(
                        at.key("rust_name"),
                        format!("`{chosen}` is not a snake-case Rust name"),
                        Some("lower-case words joined by `_`"),
                    );
                }
            }
            if role != Role::Output && naming::REQUEST_METHODS.contains(&rust_name.as_str()) {
                rust_name.push_str("_value");
            }
            let first = if rust_name.is_empty() {
                None
            } else {
                rust_names.insert(rust_name.clone(), wire.clone())
            };
            if let Some(first) = first {
                self.problem(
                    at.clone(),
                    format!(
                        "`{wire}` and `{first}` both become the Rust field `{}`",
                        naming::bare(&rust_name)
                    ),
                    Some("member names that differ in snake case, or a `rust_name` for one"),
                );
            }
            let ty = match types::resolve(&member.type_expr(), named) {
                Ok(ty) => ty,
                Err((message, expected)) => {
                    self.problem(at.key("type"), message, Some(&expected));
                    TypeRef::Primitive(Primitive::String)
                }
            };
            if role == Role::Input && member.nullable {
                self.problem(
                    at.key("nullable"),
                    "only response members can be nullable",
                    Some("`nullable` only under `output` or in structures returned by the service"),
                );
            }
            let limits = self.limits(member, &ty, &at);
            fields.push(Field {
                wire_name: wire.clone(),
                rust_name,
                ty,
                required: member.required,
                nullable: member.nullable,
                deprecated: member.deprecated,
                sensitive: member.sensitive,
                description: member.description.clone(),
                limits,
            });
        }
        fields
    }
}

/// Which struct a member belongs to; requests and responses follow different rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Input,
    Output,
    Object,
}
