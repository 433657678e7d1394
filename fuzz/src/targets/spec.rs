//! Spec text through every stage of the generator: parse, check, emit, format.
//!
//! Formatting (parsing the tokens back with `syn` and printing them) is most of the time per
//! input, and a mutant differs from its seed in one place: each part of the service (the
//! client, an action, a type, the error codes) is formatted the way `format::service` does it,
//! but only when its tokens were never formatted before. The rest is done for every input.

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use tc_codegen::spec::{self, ParsedCommon};

/// Parts whose tokens were formatted, by the hash of their text.
type Formatted = RefCell<HashSet<u64>>;

/// The most hashes kept before the set starts over (about 16 MB).
const FORMATTED_CAPACITY: usize = 1 << 20;

/// Spec text → parse → check → emit → format (stages 1 to 4).
pub struct Spec {
    common: Option<ParsedCommon>,
    formatted: Formatted,
}

impl Spec {
    /// Reads the repository's `spec/common.json`, which every service inherits.
    pub fn new() -> Self {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/common.json");
        let common = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| spec::parse_common(&path, text).ok());
        Spec {
            common,
            formatted: RefCell::default(),
        }
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
        for part in tc_codegen::emit::parts(&service) {
            let tokens = part.emit(&service);
            let mut hasher = DefaultHasher::new();
            tokens.to_string().hash(&mut hasher);
            let key = hasher.finish();
            if self.formatted.borrow().contains(&key) {
                continue;
            }
            // A checked spec must always give code that parses: an error here is a generator
            // bug.
            if let Err(error) = tc_codegen::format::items(tokens) {
                panic!("a checked spec gave code that does not parse ({part:?}): {error}");
            }
            let mut formatted = self.formatted.borrow_mut();
            if formatted.len() >= FORMATTED_CAPACITY {
                formatted.clear();
            }
            formatted.insert(key);
        }
        3
    }
}
