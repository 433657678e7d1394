//! Spec text through every stage of the generator: parse, check, emit, format.

use std::path::Path;

use tc_codegen::spec::{self, ParsedCommon};

/// Spec text → parse → check → emit → format (stages 1 to 4).
pub struct Spec {
    common: Option<ParsedCommon>,
}

impl Spec {
    /// Reads the repository's `spec/common.json`, which every service inherits.
    pub fn new() -> Self {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/common.json");
        let common = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| spec::parse_common(&path, text).ok());
        Spec { common }
    }
}

impl Default for Spec {
    fn default() -> Self {
        Self::new()
    }
}

impl super::Target for Spec {
    fn name(&self) -> &'static str {
        "spec"
    }

    fn deepest(&self) -> u8 {
        3
    }

    fn byte_edits(&self) -> u8 {
        // Most byte edits make the text invalid JSON, refused at once: keep the trees whole.
        24
    }

    fn run(&self, input: &[u8]) -> u8 {
        let Ok(text) = std::str::from_utf8(input) else {
            return 0;
        };
        let Ok(parsed) = spec::parse_service(Path::new("fuzz.json"), text.to_owned()) else {
            return 0;
        };
        let Ok(service) = tc_codegen::check::check(&parsed, self.common.as_ref()) else {
            return 1;
        };
        // A checked spec must always give code that parses: an error here is a generator bug.
        if let Err(error) = tc_codegen::format::service(&service) {
            panic!("a checked spec gave code that does not parse: {error}");
        }
        3
    }
}
