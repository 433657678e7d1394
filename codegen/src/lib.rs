//! The generator library: spec, check, IR, emit, format.
//!
//! Each stage lives in its own module and hands the next a plain value:
//! [`spec`] reads files into the spec model, [`check`] validates it and resolves it into the
//! [`ir`], [`emit`] turns the IR into tokens, and [`format`](mod@format) prints them as Rust source.
//! The build script, the proc macro and the command-line tool all go through [`load`] and
//! [`generate`], so they emit the same code.

pub mod check;
pub mod diagnostic;
pub mod emit;
pub mod files;
pub mod format;
#[cfg(feature = "import")]
pub mod import;
pub mod ir;
pub mod naming;
pub mod spec;

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;

pub use diagnostic::{Diagnostic, Diagnostics, JsonPath};

/// The name of the file every service inherits, in the spec root above the service folders.
pub const COMMON_FILE: &str = "common.json";

/// A checked service, with every file that was read to make it.
#[derive(Debug)]
pub struct Loaded {
    /// The service, ready to emit.
    pub service: ir::Service,
    /// The spec files read, for `rerun-if-changed` and `include_bytes!`.
    pub inputs: Vec<PathBuf>,
}

/// Where the common spec of `spec` lives: `common.json` in the folder above the service's.
pub fn common_path(spec: &Path) -> PathBuf {
    let service_dir = spec.parent().unwrap_or(Path::new("."));
    service_dir
        .parent()
        .unwrap_or(Path::new("."))
        .join(COMMON_FILE)
}

/// How [`load_with`] reads a spec, beyond its path.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    label: Option<String>,
    round_trip: bool,
}

impl Settings {
    /// Names the spec `label` in the generated code's header (a path relative to the
    /// workspace, say) instead of the path it was read from.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Makes every generated type both `Serialize` and `Deserialize`, for programs that read
    /// requests or write answers: an emulator, a recorder, tests. By default a request is only
    /// `Serialize` and a response only `Deserialize`, which is all a client needs and spares
    /// it that much of serde's derived code (a third of vpc's check time).
    pub fn round_trip(mut self, round_trip: bool) -> Self {
        self.round_trip = round_trip;
        self
    }
}

/// Reads and checks the service spec at `spec` and the common spec it inherits (when present).
pub fn load(spec: &Path) -> Result<Loaded, Diagnostics> {
    load_with(spec, &Settings::default())
}

/// [`load`], with [`Settings`].
pub fn load_with(spec: &Path, settings: &Settings) -> Result<Loaded, Diagnostics> {
    let mut inputs = vec![spec.to_owned()];
    let text = read(spec)?;
    let common_file = common_path(spec);
    let common = if common_file.is_file() {
        inputs.push(common_file.clone());
        let text = read(&common_file)?;
        Some(spec::parse_common(&common_file, text).map_err(Diagnostics)?)
    } else {
        None
    };
    let parsed = spec::parse_service(spec, text).map_err(Diagnostics)?;
    let label = match &settings.label {
        Some(label) => label.clone(),
        None => spec.display().to_string(),
    };
    let mut service =
        check::check_labelled(&parsed, common.as_ref(), &label).map_err(Diagnostics)?;
    service.round_trip = settings.round_trip;
    Ok(Loaded { service, inputs })
}

/// The items of a checked service, as tokens (what the proc macro expands to).
pub fn tokens(service: &ir::Service) -> TokenStream {
    emit::service(service)
}

/// The formatted source of a checked service's items, under a "generated" header.
pub fn source(service: &ir::Service) -> String {
    // The emitters build every item with `quote!` from checked names, so the tokens always
    // parse; a failure here is a generator bug, reported as such.
    format::service(service)
        .unwrap_or_else(|error| panic!("tc-codegen emitted code that does not parse: {error}"))
}

/// Reads, checks and generates the service at `spec`: its formatted source and the files read.
pub fn generate(spec: &Path) -> Result<(String, Vec<PathBuf>), Diagnostics> {
    let loaded = load(spec)?;
    Ok((source(&loaded.service), loaded.inputs))
}

fn read(path: &Path) -> Result<String, Diagnostics> {
    std::fs::read_to_string(path).map_err(|error| {
        Diagnostics(vec![Diagnostic {
            file: path.to_owned(),
            line: 1,
            column: 1,
            path: JsonPath::root(),
            message: format!("cannot read the file: {error}"),
            expected: None,
        }])
    })
}

/// The module tree of a crate of generated services: `pub mod <service> { pub mod <version> {
/// include!(...) } }`, one `include!` per service version.
///
/// `file_of` names the file (in `OUT_DIR`) that holds each service version's [`source`].
pub fn module_tree(services: &[ir::Service], file_of: impl Fn(&ir::Service) -> String) -> String {
    emit::modules::tree(services, file_of)
}
