//! The whole service: its header fields, then types, actions and waiters in that order.

use crate::diagnostic::JsonPath;
use crate::ir::{self, ErrorSet};
use crate::spec::ParsedService;

use super::{Checker, constraints, naming, types};

impl Checker<'_> {
    pub(super) fn service(
        &mut self,
        parsed: &ParsedService,
        common_errors: ErrorSet,
        label: &str,
    ) -> ir::Service {
        let spec = &parsed.spec;
        let root = JsonPath::root();
        let module = naming::field(&spec.service).unwrap_or_default();
        if spec.service.is_empty() || naming::bare(&module) != spec.service {
            self.problem(
                root.key("service"),
                format!("`{}` is not a usable service name", spec.service),
                Some("lower-case letters and digits, as in the endpoint host (`ssl`)"),
            );
        }
        let version_module = naming::version_module(&spec.version).unwrap_or_else(|| {
            self.problem(
                root.key("version"),
                format!("`{}` is not an API version", spec.version),
                Some("a date such as `2019-12-05`"),
            );
            String::new()
        });
        if spec.endpoint.trim().is_empty() {
            self.problem(
                root.key("endpoint"),
                "the endpoint is empty",
                Some("a host such as `ssl.tencentcloudapi.com`"),
            );
        }
        if spec.actions.is_empty() {
            self.problem(
                root.key("actions"),
                "the service has no actions",
                Some("at least one action"),
            );
        }
        let client = naming::client(&spec.service);
        self.claim_item(&client, root.key("service"));
        self.claim_item(naming::COMMON_ERRORS, root.key("service"));
        self.claim_item(naming::SERVICE_ERRORS, root.key("errors"));
        let service_errors = self.error_set(
            naming::SERVICE_ERRORS,
            &spec.errors,
            &root.key("errors"),
            &[],
        );

        let named = self.declare_types(parsed);
        let mut types = Vec::with_capacity(spec.types.len());
        for (name, ty) in &spec.types {
            types.push(self.named_type(name, ty, &named, &root.key("types").key(name)));
        }
        constraints::mark_types_with_limits(&mut types);

        let mut actions = Vec::with_capacity(spec.actions.len());
        for (name, action) in &spec.actions {
            let mut checked =
                self.action(name, action, &named, &types, &root.key("actions").key(name));
            // An action without a documented limit of its own keeps to the service's.
            checked.rate_limit = checked.rate_limit.or(spec.rate_limit);
            actions.push(checked);
        }
        self.member_values(spec, &mut types, &mut actions);
        types::mark_types_in_requests(&mut types, &actions);
        let waiters = spec
            .waiters
            .iter()
            .filter_map(|(name, waiter)| {
                self.waiter(
                    name,
                    waiter,
                    spec,
                    &actions,
                    &types,
                    &root.key("waiters").key(name),
                )
            })
            .collect();
        ir::Service {
            service: spec.service.clone(),
            version: spec.version.clone(),
            name: spec.name.clone(),
            endpoint: spec.endpoint.clone(),
            description: spec.description.clone(),
            source: label.to_owned(),
            module,
            version_module,
            client,
            common_errors,
            service_errors,
            types,
            actions,
            waiters,
            round_trip: false,
        }
    }
}
