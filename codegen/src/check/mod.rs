//! Stage 2: checking a parsed spec and resolving it into the IR ([`crate::ir`]): names, types,
//! constraints).
//!
//! Every problem is collected, never only the first, and each points at its place in the file.

mod actions;
mod constraints;
mod errors;
mod literals;
mod members;
mod service;
pub mod types;
mod waiters;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, JsonPath};
use crate::ir::{self, ErrorSet};
use crate::naming;
use crate::spec::{ParsedCommon, ParsedService, SourceFile};

/// Checks `service` (with the common spec it inherits) and resolves it into the IR, which names
/// the spec by the path it was read from.
pub fn check(
    service: &ParsedService,
    common: Option<&ParsedCommon>,
) -> Result<ir::Service, Vec<Diagnostic>> {
    let label = service.source.path().display().to_string();
    check_labelled(service, common, &label)
}

/// Like [`check`], with the name the generated code gives the spec (`spec/ssl/2019-12-05.json`).
pub fn check_labelled(
    service: &ParsedService,
    common: Option<&ParsedCommon>,
    label: &str,
) -> Result<ir::Service, Vec<Diagnostic>> {
    let (common_errors, common_problems) = match common {
        Some(common) => errors::common_error_set(common),
        None => (
            ErrorSet {
                name: naming::COMMON_ERRORS.to_owned(),
                codes: Vec::new(),
            },
            Vec::new(),
        ),
    };
    let mut checker = Checker {
        source: &service.source,
        problems: common_problems,
        items: HashMap::new(),
        methods: HashMap::new(),
    };
    let ir = checker.service(service, common_errors, label);
    if checker.problems.is_empty() {
        Ok(ir)
    } else {
        checker
            .problems
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        Err(checker.problems)
    }
}

struct Checker<'a> {
    source: &'a SourceFile,
    problems: Vec<Diagnostic>,
    /// Every item name in the generated module, with where it came from.
    items: HashMap<String, JsonPath>,
    /// Every client method name (actions and waiters), with where it came from.
    methods: HashMap<String, JsonPath>,
}

impl Checker<'_> {
    fn problem(&mut self, path: JsonPath, message: impl Into<String>, expected: Option<&str>) {
        let diagnostic = self
            .source
            .diagnostic(path, message, expected.map(str::to_owned));
        self.problems.push(diagnostic);
    }

    /// Claims a module-level item name; reports a clash with an earlier claim (and says whether
    /// the name was free).
    fn claim_item(&mut self, name: &str, path: JsonPath) -> bool {
        if naming::PRELUDE_TYPES.contains(&name) {
            self.problem(
                path,
                format!("`{name}` would shadow a Rust prelude type in the generated code"),
                Some("another name, or a `rust_name`"),
            );
            return false;
        }
        if let Some(first) = self.items.get(name) {
            let first = first.clone();
            self.problem(
                path,
                format!("this makes the Rust item `{name}`, which `{first}` already makes"),
                Some("names that stay distinct in Rust, or a `rust_name`"),
            );
            return false;
        }
        self.items.insert(name.to_owned(), path);
        true
    }

    /// Claims a method of the service client; reports a clash with an earlier claim.
    fn claim_method(&mut self, name: &str, path: JsonPath) {
        let bare = naming::bare(name);
        if naming::CLIENT_METHODS.contains(&bare) {
            self.problem(
                path,
                format!("this makes the client method `{bare}`, which every client has already"),
                Some("another name"),
            );
            return;
        }
        if let Some(first) = self.methods.get(name) {
            let first = first.clone();
            self.problem(
                path,
                format!("this makes the client method `{bare}`, which `{first}` already makes"),
                Some("names that stay distinct in snake case"),
            );
            return;
        }
        self.methods.insert(name.to_owned(), path);
    }
}
