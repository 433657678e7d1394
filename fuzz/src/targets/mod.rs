//! One target per kind of input the project reads. Each runs an input through the real code
//! path and says how deep it got; any panic is a finding.

mod answer;
mod authorization;
mod profile;
mod request;
mod spec;

pub use answer::Answer;
pub use authorization::Authorization;
pub use profile::Profile;
pub use request::Request;
pub use spec::Spec;

/// A fuzz target.
pub trait Target {
    /// Its name, also the folder of its seeds under `fuzz/corpus/`.
    fn name(&self) -> &'static str;
    /// The deepest stage an input can reach (inputs that reach it seed later mutations).
    fn deepest(&self) -> u8;
    /// Runs one input; returns the stage reached (0: refused at once).
    fn run(&self, input: &[u8]) -> u8;
    /// The chance, in 256, of each byte edit on top of a tree edit (see [`crate::mutate`]).
    fn byte_edits(&self) -> u8 {
        96
    }
    /// Seeds beyond the committed corpus (for example every example answer of the spec).
    fn extra_seeds(&self) -> Vec<Vec<u8>> {
        Vec::new()
    }
}

/// The names of every target, in the order the script runs them.
pub const NAMES: &[&str] = &["spec", "answer", "request", "authorization", "profile"];

/// The target called `name`.
pub fn by_name(name: &str) -> Option<Box<dyn Target>> {
    Some(match name {
        "spec" => Box::new(Spec::new()),
        "answer" => Box::new(Answer),
        "request" => Box::new(Request::new()),
        "authorization" => Box::new(Authorization::new()),
        "profile" => Box::new(Profile::new()),
        _ => return None,
    })
}

/// Splits `name\nrest` (the first line names an action); inputs without a newline are all
/// rest.
pub(crate) fn split_header(input: &[u8]) -> (&str, &[u8]) {
    match input.iter().position(|b| *b == b'\n') {
        Some(end) => (
            std::str::from_utf8(&input[..end]).unwrap_or("").trim(),
            &input[end + 1..],
        ),
        None => ("", input),
    }
}

/// The action `name` among `names`, or one picked by a hash of the name when it is unknown, so
/// that a mutated name still reaches some action.
pub(crate) fn pick<'a, T>(items: &'a [(&'a str, T)], name: &str) -> Option<&'a (&'a str, T)> {
    if let Some(found) = items.iter().find(|(n, _)| *n == name) {
        return Some(found);
    }
    let hash = name.bytes().fold(0usize, |h, b| {
        h.wrapping_mul(31).wrapping_add(usize::from(b))
    });
    items.get(hash % items.len().max(1))
}

/// The ssl spec's documented examples: (action, request, response) as JSON text.
pub(crate) fn ssl_examples() -> Vec<(String, String, String)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/ssl/2019-12-05.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let Ok(parsed) = tc_codegen::spec::parse_service(&path, text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, action) in &parsed.spec.actions {
        for example in &action.examples {
            out.push((
                name.clone(),
                example.request.to_string(),
                example.response.to_string(),
            ));
        }
    }
    out
}
