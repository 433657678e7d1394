//! Error codes: the common spec's, the service's and each action's, named as enum variants.

use std::collections::HashMap;

use indexmap::IndexMap;

use crate::diagnostic::{Diagnostic, JsonPath};
use crate::ir::{ErrorCode, ErrorSet};
use crate::spec::ParsedCommon;
use crate::spec::model::ErrorCodeSpec;

use super::{Checker, naming};

/// The common spec's error codes, with the problems of that file (names that make no variant).
pub(super) fn common_error_set(common: &ParsedCommon) -> (ErrorSet, Vec<Diagnostic>) {
    let mut checker = Checker {
        source: &common.source,
        problems: Vec::new(),
        items: HashMap::new(),
        methods: HashMap::new(),
    };
    let set = checker.error_set(
        naming::COMMON_ERRORS,
        &common.spec.errors,
        &JsonPath::root().key("errors"),
        &[],
    );
    (set, checker.problems)
}

impl Checker<'_> {
    /// Checks error codes and names their variants; `reserved` are variant names taken already.
    pub(super) fn error_set(
        &mut self,
        name: &str,
        codes: &IndexMap<String, ErrorCodeSpec>,
        path: &JsonPath,
        reserved: &[&str],
    ) -> ErrorSet {
        let mut variants: HashMap<String, String> = HashMap::new();
        let mut out = Vec::with_capacity(codes.len());
        for (code, spec) in codes {
            let at = path.key(code);
            let Some(variant) = naming::type_name(spec.rust_name().unwrap_or(code)) else {
                self.problem(
                    at,
                    format!("`{code}` makes no Rust variant name"),
                    Some(naming::TYPE_NAME_RULE),
                );
                continue;
            };
            if reserved.contains(&variant.as_str()) {
                self.problem(
                    at,
                    format!("`{code}` would take the reserved variant `{variant}`"),
                    Some("another code"),
                );
                continue;
            }
            if let Some(first) = variants.insert(variant.clone(), code.clone()) {
                self.problem(
                    at,
                    format!("`{code}` and `{first}` both become the variant `{variant}`"),
                    Some("codes that differ beyond case and punctuation, or a `rust_name` for one"),
                );
                continue;
            }
            out.push(ErrorCode {
                code: code.clone(),
                variant,
                description: spec.description().to_owned(),
            });
        }
        ErrorSet {
            name: name.to_owned(),
            codes: out,
        }
    }
}
