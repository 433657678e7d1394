//! Stage 1: reading spec files into the [`model`], with a precise position for every problem.

pub mod model;
mod source;
pub mod types;

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

pub use source::SourceFile;

use crate::diagnostic::{Diagnostic, JsonPath};
use model::{ActionSpec, CommonSpec, ServiceSpec, TypeSpec};

/// A service spec as read, with the file it came from.
#[derive(Debug)]
pub struct ParsedService {
    /// The service's contents.
    pub spec: ServiceSpec,
    /// The file, for positions of later problems.
    pub source: SourceFile,
}

/// The common spec as read, with the file it came from.
#[derive(Debug)]
pub struct ParsedCommon {
    /// The common parameters and error codes.
    pub spec: CommonSpec,
    /// The file, for positions of later problems.
    pub source: SourceFile,
}

/// Reads a service spec; every action and type is read on its own so that all of their
/// problems are reported at once.
pub fn parse_service(path: &Path, text: String) -> Result<ParsedService, Vec<Diagnostic>> {
    let (document, source) = SourceFile::parse(path, text)?;
    let mut problems = Vec::new();
    let root = JsonPath::root();
    let raw: Option<ServiceSpec<Value, Value>> = deserialize_at(document, &root, &source)
        .map_err(|d| problems.push(d))
        .ok();
    let Some(raw) = raw else {
        return Err(problems);
    };
    let actions =
        read_each::<ActionSpec>(raw.actions, &root.key("actions"), &source, &mut problems);
    let types = read_each::<TypeSpec>(raw.types, &root.key("types"), &source, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let spec = ServiceSpec {
        schema: raw.schema,
        service: raw.service,
        version: raw.version,
        name: raw.name,
        endpoint: raw.endpoint,
        description: raw.description,
        lang: raw.lang,
        notes: raw.notes,
        rate_limit: raw.rate_limit,
        errors: raw.errors,
        actions,
        types,
        waiters: raw.waiters,
    };
    Ok(ParsedService { spec, source })
}

/// Reads the common spec that every service inherits.
pub fn parse_common(path: &Path, text: String) -> Result<ParsedCommon, Vec<Diagnostic>> {
    let (document, source) = SourceFile::parse(path, text)?;
    let spec = deserialize_at(document, &JsonPath::root(), &source).map_err(|d| vec![d])?;
    Ok(ParsedCommon { spec, source })
}

fn read_each<T: DeserializeOwned>(
    raw: indexmap::IndexMap<String, Value>,
    at: &JsonPath,
    source: &SourceFile,
    problems: &mut Vec<Diagnostic>,
) -> indexmap::IndexMap<String, T> {
    let mut read = indexmap::IndexMap::with_capacity(raw.len());
    for (name, value) in raw {
        match deserialize_at(value, &at.key(&name), source) {
            Ok(item) => {
                read.insert(name, item);
            }
            Err(problem) => problems.push(problem),
        }
    }
    read
}

/// Deserializes `value`, found at `at` in `source`, turning a serde error into a diagnostic
/// that points at the offending key.
fn deserialize_at<T: DeserializeOwned>(
    value: Value,
    at: &JsonPath,
    source: &SourceFile,
) -> Result<T, Diagnostic> {
    // The common case, a valid spec, needs no path bookkeeping.
    if let Ok(read) = T::deserialize(&value) {
        return Ok(read);
    }
    serde_path_to_error::deserialize(&value).map_err(|error| {
        let mut path = at.clone();
        for segment in error.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => path = path.index(*index),
                serde_path_to_error::Segment::Map { key } => path = path.key(key),
                serde_path_to_error::Segment::Enum { .. }
                | serde_path_to_error::Segment::Unknown => {}
            }
        }
        let text = error.into_inner().to_string();
        let (message, expected) = match text.split_once(", expected ") {
            Some((message, expected)) => (message.to_owned(), Some(expected.to_owned())),
            None => (text, None),
        };
        // serde names an unknown key in its message but puts the path on its parent object.
        if let Some(key) = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
        {
            let key_path = path.key(key);
            if source.contains(&key_path) {
                path = key_path;
            }
        }
        source.diagnostic(path, message, expected)
    })
}

/// The JSON Schema of service spec files (`spec/schema.json`), derived from the model.
#[cfg(feature = "schema")]
pub fn service_schema() -> String {
    schema_text(schemars::schema_for!(ServiceSpec))
}

/// The JSON Schema of the common spec file (`spec/common.schema.json`), derived from the model.
#[cfg(feature = "schema")]
pub fn common_schema() -> String {
    schema_text(schemars::schema_for!(CommonSpec))
}

#[cfg(feature = "schema")]
fn schema_text(schema: schemars::Schema) -> String {
    // A schema is plain JSON data; printing it cannot fail.
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
