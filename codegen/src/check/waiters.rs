//! Waiters: an action polled until a member of its output reaches a success or failure value.

use crate::diagnostic::JsonPath;
use crate::ir::{self, NamedType, Waiter};
use crate::spec::model::{ServiceSpec, WaiterSpec};

use super::{Checker, naming};

impl Checker<'_> {
    pub(super) fn waiter(
        &mut self,
        name: &str,
        waiter: &WaiterSpec,
        spec: &ServiceSpec,
        actions: &[ir::Action],
        types: &[NamedType],
        at: &JsonPath,
    ) -> Option<Waiter> {
        let Some(method) = naming::waiter_method(name) else {
            self.problem(
                at.clone(),
                format!("`{name}` makes no Rust method name"),
                Some(naming::FIELD_RULE),
            );
            return None;
        };
        self.claim_method(&method, at.clone());
        let Some(action) = spec.actions.get_index_of(&waiter.action) else {
            self.problem(
                at.key("action"),
                format!("`{}` is not an action of this service", waiter.action),
                Some("the name of an action under `actions`"),
            );
            return None;
        };
        let output = &actions[action].output;
        let Some(status) = output.iter().position(|f| f.wire_name == waiter.status) else {
            self.problem(
                at.key("status"),
                format!(
                    "`{}` is not a member of {}'s output",
                    waiter.status, waiter.action
                ),
                Some("an output member"),
            );
            return None;
        };
        if waiter.success.is_empty() {
            // A waiter with no success state could only ever time out.
            self.problem(
                at.key("success"),
                "a waiter needs at least one success state",
                Some("a non-empty list of values of the status member"),
            );
            return None;
        }
        let success = self.literals(&waiter.success, &output[status], types, &at.key("success"))?;
        let failure = self.literals(&waiter.failure, &output[status], types, &at.key("failure"))?;
        if waiter.delay_seconds == 0 || waiter.timeout_seconds < waiter.delay_seconds {
            self.problem(
                at.key("timeout_seconds"),
                "the waiter's delay must be positive and no longer than its timeout",
                Some("0 < delay_seconds <= timeout_seconds"),
            );
        }
        Some(Waiter {
            wire_name: name.to_owned(),
            method,
            description: waiter.description.clone(),
            action,
            status,
            success,
            failure,
            delay_seconds: waiter.delay_seconds,
            timeout_seconds: waiter.timeout_seconds,
        })
    }
}
