//! The services the emulator serves, read from the same specs as the generated clients.
//!
//! The ssl spec and the common spec are embedded in the binary, so it runs anywhere; more
//! services (or other versions) can be added from text or files through [`SpecSet`].

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde_json::Value;
use tc_codegen::ir;
use tc_codegen::spec::ParsedCommon;

/// The embedded ssl spec (`spec/ssl/2019-12-05.json`).
pub const SSL_SPEC: &str = include_str!("../../spec/ssl/2019-12-05.json");
/// The embedded common spec (`spec/common.json`).
pub const COMMON_SPEC: &str = include_str!("../../spec/common.json");

/// A spec that could not be read or checked, with every problem found.
#[derive(Debug, Clone)]
pub struct SpecError(pub String);

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SpecError {}

fn diagnostics(problems: Vec<tc_codegen::Diagnostic>) -> SpecError {
    SpecError(
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// One checked service version and what the emulator needs from it.
#[derive(Debug)]
pub struct ServiceModel {
    /// The checked service.
    pub ir: ir::Service,
    /// Each action's first example response (the contents of `Response`), by action name.
    pub examples: HashMap<String, Value>,
    /// Each action's response synthesized from its output types, by action name.
    pub synthesized: HashMap<String, serde_json::Map<String, Value>>,
    actions: HashMap<String, usize>,
}

impl ServiceModel {
    /// The action named `name` on the wire.
    pub fn action(&self, name: &str) -> Option<&ir::Action> {
        self.actions.get(name).map(|&index| &self.ir.actions[index])
    }
}

/// A set of service versions, each from its spec, with the common spec they inherit.
#[derive(Debug, Clone)]
pub struct SpecSet {
    services: Vec<Arc<ServiceModel>>,
    common_errors: Arc<HashMap<String, String>>,
    common: Arc<String>,
}

impl SpecSet {
    /// No services yet; the embedded common spec.
    pub fn empty() -> Self {
        let common = COMMON_SPEC.to_owned();
        let errors =
            match tc_codegen::spec::parse_common(Path::new("spec/common.json"), common.clone()) {
                Ok(parsed) => parsed
                    .spec
                    .errors
                    .into_iter()
                    .map(|(code, spec)| (code, spec.description().to_owned()))
                    .collect(),
                Err(_) => HashMap::new(),
            };
        SpecSet {
            services: Vec::new(),
            common_errors: Arc::new(errors),
            common: Arc::new(common),
        }
    }

    /// The embedded specs: ssl 2019-12-05.
    pub fn builtin() -> Result<Self, SpecError> {
        SpecSet::empty().with_service_text("spec/ssl/2019-12-05.json", SSL_SPEC)
    }

    /// Adds the service in `text` (a spec file's contents, named `label` in messages).
    pub fn with_service_text(mut self, label: &str, text: &str) -> Result<Self, SpecError> {
        let common = self.parse_common()?;
        let parsed = tc_codegen::spec::parse_service(Path::new(label), text.to_owned())
            .map_err(diagnostics)?;
        let examples = parsed
            .spec
            .actions
            .iter()
            .filter_map(|(name, action)| {
                let response = action.examples.first()?.response.get("Response")?.clone();
                response.is_object().then(|| (name.clone(), response))
            })
            .collect();
        let service = tc_codegen::check::check(&parsed, Some(&common)).map_err(diagnostics)?;
        let actions = service
            .actions
            .iter()
            .enumerate()
            .map(|(index, action)| (action.wire_name.clone(), index))
            .collect();
        self.services
            .retain(|s| !(s.ir.service == service.service && s.ir.version == service.version));
        let synthesized = service
            .actions
            .iter()
            .map(|action| {
                let map = crate::synth::object(&service, &action.output, 0);
                (action.wire_name.clone(), map)
            })
            .collect();
        self.services.push(Arc::new(ServiceModel {
            ir: service,
            examples,
            synthesized,
            actions,
        }));
        Ok(self)
    }

    /// Adds the service in the spec file at `path`.
    pub fn with_service_file(self, path: &Path) -> Result<Self, SpecError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| SpecError(format!("cannot read {}: {e}", path.display())))?;
        self.with_service_text(&path.display().to_string(), &text)
    }

    fn parse_common(&self) -> Result<ParsedCommon, SpecError> {
        tc_codegen::spec::parse_common(Path::new("spec/common.json"), self.common.to_string())
            .map_err(diagnostics)
    }

    /// The service `service` at `version`.
    pub fn service(&self, service: &str, version: &str) -> Option<&Arc<ServiceModel>> {
        self.services
            .iter()
            .find(|s| s.ir.service == service && s.ir.version == version)
    }

    /// Whether any version of `service` is served.
    pub fn has_service(&self, service: &str) -> bool {
        self.services.iter().any(|s| s.ir.service == service)
    }

    /// The versions of `service` that are served.
    pub fn versions(&self, service: &str) -> Vec<&str> {
        self.services
            .iter()
            .filter(|s| s.ir.service == service)
            .map(|s| s.ir.version.as_str())
            .collect()
    }

    /// Every service version served.
    pub fn services(&self) -> impl Iterator<Item = &Arc<ServiceModel>> {
        self.services.iter()
    }

    /// The common spec's message for `code`, if it documents the code.
    pub fn common_message(&self, code: &str) -> Option<&str> {
        self.common_errors.get(code).map(String::as_str)
    }
}
