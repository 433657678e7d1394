//! Request bodies through the emulator's intake: the strict body reader, then the validator
//! built from the checked ssl spec.

use std::sync::Arc;

use tc_codegen::ir;
use tc_emulator::specs::ServiceModel;
use tc_emulator::{SpecSet, body, validate};

/// `Action\nbody`: the body read and validated as a request of that action (an unknown name
/// picks one).
pub struct Request {
    model: Option<Arc<ServiceModel>>,
}

impl Request {
    /// Builds the validator's model from the embedded ssl spec.
    pub fn new() -> Self {
        let model = SpecSet::builtin()
            .ok()
            .and_then(|specs| specs.service("ssl", "2019-12-05")?.ok());
        Request { model }
    }
}

impl Default for Request {
    fn default() -> Self {
        Self::new()
    }
}

impl super::Target for Request {
    fn name(&self) -> &'static str {
        "request"
    }

    fn deepest(&self) -> u8 {
        2
    }

    fn run(&self, input: &[u8]) -> u8 {
        let Some(model) = &self.model else {
            return 0;
        };
        let (name, bytes) = super::split_header(input);
        let actions: Vec<(&str, &ir::Action)> = model
            .ir
            .actions
            .iter()
            .map(|a| (a.wire_name.as_str(), a))
            .collect();
        let Some((_, action)) = super::pick(&actions, name) else {
            return 0;
        };
        let Ok(map) = body::parse(bytes) else {
            return 0;
        };
        match validate::validate(model, action, &map, None) {
            Ok(()) => 2,
            Err(_) => 1,
        }
    }

    fn extra_seeds(&self) -> Vec<Vec<u8>> {
        super::ssl_examples()
            .into_iter()
            .map(|(name, request, _)| format!("{name}\n{request}").into_bytes())
            .collect()
    }
}
