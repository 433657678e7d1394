//! Actions: their item names, request and response members, constraints and error codes.

use std::collections::HashMap;

use crate::diagnostic::JsonPath;
use crate::ir::{self, NamedType};
use crate::spec::model::ActionSpec;

use super::members::Role;
use super::types::NamedKind;
use super::{Checker, naming};

impl Checker<'_> {
    pub(super) fn action(
        &mut self,
        name: &str,
        action: &ActionSpec,
        named: &HashMap<&str, (usize, NamedKind)>,
        types: &[NamedType],
        path: &JsonPath,
    ) -> ir::Action {
        let base = naming::type_name(name).unwrap_or_else(|| {
            self.problem(
                path.clone(),
                format!("`{name}` makes no Rust name"),
                Some("an action name starting with a letter"),
            );
            String::new()
        });
        let items = naming::action_items(&base);
        for item in &items {
            self.claim_item(item, path.clone());
        }
        let [request, response, error_name, error_alias] = items;
        let input = self.fields(&action.input, named, &path.key("input"), Role::Input);
        let output = self.fields(&action.output, named, &path.key("output"), Role::Output);
        let constraints = self.constraints(action, &input, types, path);
        let errors = self.error_set(
            &error_name,
            &action.errors,
            &path.key("errors"),
            &["Common", "Service", "Unknown"],
        );
        ir::Action {
            wire_name: name.to_owned(),
            method: naming::method(name),
            request,
            response,
            description: action.description.clone(),
            status: action.status,
            rate_limit: action.rate_limit,
            retry_safe: action.retry_safe,
            input,
            output,
            constraints,
            errors,
            error: error_alias,
        }
    }
}
