//! Importing Tencent's machine-readable API descriptions into spec files.
//!
//! [`import_service`] reads one service version as tccli ships it
//! (`tccli/services/<service>/v<YYYYMMDD>/api.json`, with `examples.json` beside it), the
//! service's error codes from the Python SDK (`tencentcloud/<service>/v<YYYYMMDD>/errorcodes.py`),
//! and applies the hand curation of an overlay file ([`overlay`], an RFC 7396 merge patch).
//! The result is a [`ServiceSpec`] that [`Imported::to_json`] prints the same way every time,
//! so that a re-import of the same inputs changes no byte.
//!
//! Each module does one job: [`tccli`] reads the description, [`english`] the English
//! edition's descriptions, [`errorcodes`] the SDK's codes, [`action_errors`] each action's
//! codes, [`rate_limit`] limits stated in descriptions, [`sensitive`] which members are
//! secrets, [`html`] turns documentation into Markdown text, [`overlay`] merges curation.

pub mod action_errors;
pub mod english;
pub mod errorcodes;
pub mod html;
mod names;
pub mod overlay;
mod query;
pub mod rate_limit;
pub mod sensitive;
pub mod tccli;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use action_errors::ActionErrorCodes;
use english::English;

use serde_json::{Map, Value};

use crate::spec::model::ServiceSpec;

/// The files one import reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSource {
    /// tccli's `api.json`.
    pub api: PathBuf,
    /// tccli's `examples.json`; without it the actions have no examples.
    pub examples: Option<PathBuf>,
    /// The SDK's `errorcodes.py`; without it the service lists no error codes.
    pub errorcodes: Option<PathBuf>,
    /// Hand curation merged over the import (`spec/<service>/<version>.overlay.json`).
    pub overlay: Option<PathBuf>,
    /// tccli-intl-en's directory of the same service version, whose descriptions are
    /// preferred to the Chinese ones.
    pub english: Option<PathBuf>,
    /// Each action's own error codes (read once for the whole catalog).
    pub action_errors: Option<Arc<ActionErrorCodes>>,
    /// `spec/common.json`: its codes are left out of the service's and actions' lists.
    pub common: Option<PathBuf>,
}

impl ImportSource {
    /// The sources of a tccli version directory (`.../ssl/v20191205`) or of its `api.json`:
    /// `examples.json` is used when it is beside `api.json`. Error codes and overlay are added
    /// with [`Self::errorcodes`] and [`Self::overlay`].
    pub fn tccli(path: &Path) -> ImportSource {
        let api = if path.is_dir() {
            path.join("api.json")
        } else {
            path.to_owned()
        };
        let examples = api
            .parent()
            .map(|dir| dir.join("examples.json"))
            .filter(|p| p.is_file());
        ImportSource {
            api,
            examples,
            ..ImportSource::default()
        }
    }

    /// Prefers the English descriptions of tccli-intl-en's version directory `dir`.
    pub fn english(mut self, dir: impl Into<PathBuf>) -> ImportSource {
        self.english = Some(dir.into());
        self
    }

    /// Gives each action its own codes from `codes`.
    pub fn action_errors(mut self, codes: Arc<ActionErrorCodes>) -> ImportSource {
        self.action_errors = Some(codes);
        self
    }

    /// Leaves the codes of `spec/common.json` at `path` out of every list.
    pub fn common(mut self, path: impl Into<PathBuf>) -> ImportSource {
        self.common = Some(path.into());
        self
    }

    /// Reads error codes from `path`.
    pub fn errorcodes(mut self, path: impl Into<PathBuf>) -> ImportSource {
        self.errorcodes = Some(path.into());
        self
    }

    /// Merges the overlay at `path`.
    pub fn overlay(mut self, path: impl Into<PathBuf>) -> ImportSource {
        self.overlay = Some(path.into());
        self
    }
}

/// A finished import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The merged spec.
    pub spec: ServiceSpec,
    /// Members left out because the spec format cannot say what they are.
    pub unsupported: Vec<Unsupported>,
    /// Things skipped or read leniently: unreadable examples, unknown statuses.
    pub warnings: Vec<Warning>,
    /// Actions and members that the overlay adds rather than curates (`actions.X`,
    /// `actions.X.input.Y`, `types.T.members.Y`). Intended additions are fine; after a
    /// re-import they may also be curation of something the source renamed or removed.
    pub overlay_additions: Vec<String>,
}

impl Imported {
    /// The spec file's text: pretty JSON with two-space indents and a final newline, keys in
    /// the spec model's order, actions, members and types in the source's order.
    pub fn to_json(&self) -> String {
        to_json(&self.spec)
    }
}

/// Prints a spec as spec files are written.
pub fn to_json(spec: &ServiceSpec) -> String {
    // Serializing plain data structures with string keys cannot fail.
    let mut text = serde_json::to_string_pretty(spec).unwrap_or_default();
    text.push('\n');
    text
}

/// A member the import left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported {
    /// The description file.
    pub file: PathBuf,
    /// Where the member is in that file (`objects.UploadRequest.members[2]`).
    pub path: String,
    /// Where it would be in the spec (`actions.Upload.input.Data`).
    pub target: String,
    /// Why it is left out.
    pub reason: String,
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({}): unsupported: {}",
            self.file.display(),
            self.path,
            self.target,
            self.reason
        )
    }
}

/// Something read leniently or skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// The file it is in.
    pub file: PathBuf,
    /// Where in that file.
    pub path: String,
    /// What happened.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}: {}",
            self.file.display(),
            self.path,
            self.message
        )
    }
}

/// Why an import failed: a file that cannot be read, is not JSON, or does not have the shape
/// expected at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file at fault.
    pub file: PathBuf,
    /// Where in it (a JSON path such as `actions.Foo.input`; empty for the whole file).
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    fn new(file: &Path, path: &str, message: String) -> ImportError {
        ImportError {
            file: file.to_owned(),
            path: path.to_owned(),
            message,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}: at `{}`: {}",
                self.file.display(),
                self.path,
                self.message
            )
        }
    }
}

impl std::error::Error for ImportError {}

/// What a reader collects besides its result.
#[derive(Debug, Default)]
pub struct Report {
    /// Members left out.
    pub unsupported: Vec<Unsupported>,
    /// Lenient readings.
    pub warnings: Vec<Warning>,
}

impl Report {
    fn warn(&mut self, file: &Path, path: String, message: String) {
        self.warnings.push(Warning {
            file: file.to_owned(),
            path,
            message,
        });
    }
}

/// Imports one service version: description, examples, error codes, then the overlay.
pub fn import_service(source: &ImportSource) -> Result<Imported, ImportError> {
    let api = read_json(&source.api)?;
    let examples = source.examples.as_deref().map(read_json).transpose()?;
    let errorcodes = match &source.errorcodes {
        Some(path) => Some(errorcodes::parse(&read_text(path)?)),
        None => None,
    };
    let overlay = source.overlay.as_deref().map(read_json).transpose()?;
    import_values(
        source,
        &api,
        examples.as_ref(),
        errorcodes,
        overlay.as_ref(),
    )
}

/// [`import_service`] on contents already read; `source` names the files for messages.
pub fn import_values(
    source: &ImportSource,
    api: &Value,
    examples: Option<&Value>,
    errorcodes: Option<indexmap::IndexMap<String, String>>,
    overlay: Option<&Value>,
) -> Result<Imported, ImportError> {
    let mut report = Report::default();
    let english = read_english(source.english.as_deref())?;
    let mut spec = tccli::read_api(&source.api, api, english.as_ref(), &mut report)?;
    if let (Some(examples), Some(file)) = (examples, &source.examples) {
        tccli::read_examples(file, examples, english.as_ref(), &mut spec, &mut report)?;
    }
    let errorcodes = errorcodes.unwrap_or_default();
    if !errorcodes.is_empty() {
        let codes: Map<String, Value> = errorcodes
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        insert_after(&mut spec, "errors", Value::Object(codes), "description");
    }
    // Noted after the overlay, whose `notes` replace the imported ones whole.
    let mut provenance = None;
    if let Some(all) = &source.action_errors
        && let (Some(service), Some(version)) = (
            spec.get("service").and_then(Value::as_str),
            spec.get("version").and_then(Value::as_str),
        )
        && let Some(codes) = all.service(service, version)
    {
        let codes = codes.clone();
        action_errors::assign(&mut spec, &codes, &errorcodes);
        provenance = Some(all.note());
    }
    let common = match &source.common {
        Some(path) => action_errors::common_codes(path)?,
        None => Default::default(),
    };
    action_errors::drop_common(&mut spec, &common);
    let mut spec = Value::Object(spec);
    let mut overlay_additions = Vec::new();
    if let Some(patch) = overlay {
        let file = source.overlay.as_deref().unwrap_or(Path::new("overlay"));
        if !patch.is_object() {
            return Err(ImportError::new(
                file,
                "",
                "an overlay is a JSON object (a partial spec)".into(),
            ));
        }
        additions(&spec, patch, &mut overlay_additions);
        overlay::merge(&mut spec, &english_unless_said(patch));
    }
    if let Value::Object(map) = &mut spec {
        if let Some(note) = provenance {
            action_errors::add_note(map, note);
        }
        // Only the overlay can have put a common code back.
        let overlay_file = source.overlay.as_deref().unwrap_or(&source.api);
        for at in action_errors::drop_common(map, &common) {
            report.warn(
                overlay_file,
                at,
                "a common code, left out: it decodes as Common(...)".into(),
            );
        }
    }
    let mut parsed: ServiceSpec = serde_path_to_error::deserialize(&spec).map_err(|error| {
        let path = error.path().to_string();
        let in_overlay = overlay.is_some_and(|o| touches(o, error.path()));
        let file = match (&source.overlay, in_overlay) {
            (Some(overlay), true) => overlay.as_path(),
            _ => source.api.as_path(),
        };
        ImportError::new(
            file,
            &path,
            format!("the imported spec is not valid: {}", error.inner()),
        )
    })?;
    names::settle_clashes(&mut parsed, &source.api, &mut report);
    Ok(Imported {
        spec: parsed,
        unsupported: report.unsupported,
        warnings: report.warnings,
        overlay_additions,
    })
}

/// Imports and writes the spec file to `out` (creating its directory).
pub fn import_to_file(source: &ImportSource, out: &Path) -> Result<Imported, ImportError> {
    let imported = import_service(source)?;
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| ImportError::new(dir, "", format!("cannot create: {e}")))?;
    }
    std::fs::write(out, imported.to_json())
        .map_err(|e| ImportError::new(out, "", format!("cannot write: {e}")))?;
    Ok(imported)
}

/// Every service version of an installed tccli (`.../site-packages/tccli/services`), as
/// `(service, vYYYYMMDD directory)` in name order, with the SDK's `errorcodes.py` when
/// `sdk` (`.../site-packages/tencentcloud`) has it and tccli-intl-en's directory of the same
/// version when `english` (its `.../tccli/services`) has one.
pub fn catalog(
    services: &Path,
    sdk: Option<&Path>,
    english: Option<&Path>,
) -> Result<Vec<ImportSource>, ImportError> {
    let list = |dir: &Path| -> Result<Vec<PathBuf>, ImportError> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| ImportError::new(dir, "", format!("cannot list: {e}")))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        paths.sort();
        Ok(paths)
    };
    let mut sources = Vec::new();
    for service in list(services)? {
        for version in list(&service)? {
            if !version.join("api.json").is_file() {
                continue;
            }
            let mut source = ImportSource::tccli(&version);
            let (Some(service_name), Some(version_name)) =
                (service.file_name(), version.file_name())
            else {
                continue;
            };
            let beside = |root: Option<&Path>, file: &str| {
                let path = root?.join(service_name).join(version_name);
                path.join(file).is_file().then_some(path)
            };
            if let Some(dir) = beside(sdk, "errorcodes.py") {
                source = source.errorcodes(dir.join("errorcodes.py"));
            }
            if let Some(dir) = beside(english, "api.json") {
                source = source.english(dir);
            }
            sources.push(source);
        }
    }
    Ok(sources)
}

/// The English edition of a service version, from its directory.
fn read_english(dir: Option<&Path>) -> Result<Option<English>, ImportError> {
    let Some(dir) = dir else { return Ok(None) };
    let api = read_json(&dir.join("api.json"))?;
    let examples_path = dir.join("examples.json");
    let examples = match examples_path.is_file() {
        true => Some(read_json(&examples_path)?),
        false => None,
    };
    Ok(Some(English::new(&api, examples.as_ref())))
}

/// The overlay with `"lang": null` beside every `description` that sets no `lang` (outside
/// arrays): curated text is English unless the overlay says otherwise, so the imported
/// text's `lang` goes.
fn english_unless_said(patch: &Value) -> Value {
    match patch {
        Value::Object(map) => {
            let mut out: Map<String, Value> = map
                .iter()
                .map(|(k, v)| (k.clone(), english_unless_said(v)))
                .collect();
            if out.contains_key("description") && !out.contains_key("lang") {
                out.insert("lang".into(), Value::Null);
            }
            Value::Object(out)
        }
        // An array replaces the imported one whole: nothing imported is left to correct.
        other => other.clone(),
    }
}

fn read_text(path: &Path) -> Result<String, ImportError> {
    std::fs::read_to_string(path)
        .map_err(|e| ImportError::new(path, "", format!("cannot read: {e}")))
}

pub(crate) fn read_json(path: &Path) -> Result<Value, ImportError> {
    serde_json::from_str(&read_text(path)?)
        .map_err(|e| ImportError::new(path, "", format!("not JSON: {e}")))
}

/// Inserts `key` right after `after` (or at the end), keeping the other keys' order.
fn insert_after(map: &mut Map<String, Value>, key: &str, value: Value, after: &str) {
    let entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
    let mut placed = false;
    for (k, v) in entries {
        let here = k == after;
        map.insert(k, v);
        if here {
            map.insert(key.to_owned(), value.clone());
            placed = true;
        }
    }
    if !placed {
        map.insert(key.to_owned(), value);
    }
}

/// Whether `patch` reaches the place `path` (or a place above it).
fn touches(patch: &Value, path: &serde_path_to_error::Path) -> bool {
    let mut at = patch;
    for segment in path.iter() {
        let next = match segment {
            serde_path_to_error::Segment::Map { key } => at.get(key),
            serde_path_to_error::Segment::Seq { index } => at.get(index),
            _ => return true,
        };
        match next {
            Some(next) => at = next,
            // The patch holds a value above the path: it replaced (or made) what is there.
            None => return !at.is_object(),
        }
    }
    true
}

/// Where `patch` creates actions or members that `spec` does not have.
fn additions(spec: &Value, patch: &Value, out: &mut Vec<String>) {
    let keys = |v: &Value, key: &str| {
        v.get(key)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    };
    let present = |v: &Value| !v.is_null();
    for (name, action) in keys(patch, "actions") {
        let Some(existing) = spec.get("actions").and_then(|a| a.get(&name)) else {
            if present(&action) {
                out.push(format!("actions.{name}"));
            }
            continue;
        };
        for side in ["input", "output"] {
            for (member, value) in keys(&action, side) {
                if present(&value) && existing.get(side).and_then(|s| s.get(&member)).is_none() {
                    out.push(format!("actions.{name}.{side}.{member}"));
                }
            }
        }
    }
    for (name, ty) in keys(patch, "types") {
        let Some(existing) = spec.get("types").and_then(|t| t.get(&name)) else {
            continue;
        };
        for (member, value) in keys(&ty, "members") {
            if present(&value)
                && existing
                    .get("members")
                    .and_then(|m| m.get(&member))
                    .is_none()
            {
                out.push(format!("types.{name}.members.{member}"));
            }
        }
    }
}
