//! Actions: their item names, request and response members, constraints and error codes.

use std::collections::HashMap;

use crate::diagnostic::JsonPath;
use crate::ir::{self, NamedType};
use crate::spec::model::{ActionSpec, ActionStatus};

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
        // A nameless action is still checked (its members, constraints and codes), but
        // claims no names.
        let (base, method) = match naming::type_name(name).zip(naming::method(name)) {
            Some(names) => names,
            None => {
                self.problem(
                    path.clone(),
                    format!("`{name}` makes no Rust name"),
                    Some(naming::TYPE_NAME_RULE),
                );
                (String::new(), String::new())
            }
        };
        let items = naming::action_items(&base);
        if !base.is_empty() {
            let mut items_free = true;
            for item in &items {
                items_free &= self.claim_item(item, path.clone());
            }
            // Two actions that make the same items make the same method too: reported once.
            if items_free {
                self.claim_method(&method, path.clone());
            }
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
            pagination: ir::Pagination::detect(&input, &output),
            wire_name: name.to_owned(),
            method,
            request,
            response,
            description: action.description.clone(),
            status: match action.status {
                ActionStatus::Online => ir::ActionStatus::Online,
                ActionStatus::Deprecated => ir::ActionStatus::Deprecated,
                ActionStatus::Offline => ir::ActionStatus::Offline,
            },
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
