//! Regenerates the service bindings from `spec/` into `OUT_DIR` on every build that needs it.
//!
//! Only I/O lives here: finding the spec files of the enabled services, writing what
//! `tc_codegen` returns, and telling cargo which files to watch.
//!
//! In the workspace the specs are read from `../spec`. The published crate has no `spec/`:
//! each service feature pulls in a data crate `tencentcloud-spec-<service>` (made by
//! `generated/package.sh`) whose build script announces its folder through cargo's `links`
//! metadata, read here as `DEP_TENCENTCLOUD_SPEC_<SERVICE>_DIR`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let spec_root = manifest_dir.join("../spec");
    let packaged = packaged_spec_dirs();
    let specs = if !packaged.is_empty() {
        packaged_specs(&packaged)
    } else if spec_root.is_dir() {
        enabled_specs(&spec_root)
    } else {
        // The packaged crate with no service feature on: nothing to generate.
        Ok(Vec::new())
    };
    let specs = match specs {
        Ok(specs) => specs,
        Err(message) => {
            println!("cargo::error={message}");
            return ExitCode::FAILURE;
        }
    };
    // The `round-trip` feature: every type both `Serialize` and `Deserialize`.
    let round_trip = std::env::var_os("CARGO_FEATURE_ROUND_TRIP").is_some();
    let mut services = Vec::new();
    let mut failed = false;
    for spec in &specs {
        // `spec/<service>/<version>.json` keeps messages and the generated header short.
        let shown = shown_path(spec);
        println!("cargo::rerun-if-changed={}", spec.display());
        let settings = tc_codegen::Settings::default()
            .with_label(shown.display().to_string())
            .round_trip(round_trip);
        match tc_codegen::load_with(spec, &settings) {
            Ok(loaded) => {
                for input in &loaded.inputs {
                    println!("cargo::rerun-if-changed={}", input.display());
                }
                services.push(loaded.service);
            }
            Err(problems) => {
                failed = true;
                for problem in problems.iter() {
                    println!("cargo::error={problem}");
                }
            }
        }
    }
    if failed {
        return ExitCode::FAILURE;
    }
    let mut written = services
        .iter()
        .map(|service| (file_name(service), tc_codegen::source(service)))
        .collect::<Vec<_>>();
    written.push((
        "services.rs".to_owned(),
        tc_codegen::module_tree(&services, file_name),
    ));
    for (file, text) in written {
        if let Err(message) =
            tc_codegen::files::write_if_changed(&out_dir.join(file), text.as_bytes())
        {
            println!("cargo::error={message}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn file_name(service: &tc_codegen::ir::Service) -> String {
    format!("{}_{}.rs", service.module, service.version_module)
}

/// `spec/<service>/<file>` for a spec file anywhere.
fn shown_path(spec: &Path) -> PathBuf {
    let mut shown = PathBuf::from("spec");
    let parts: Vec<_> = spec.iter().collect();
    for part in &parts[parts.len().saturating_sub(2)..] {
        shown.push(part);
    }
    shown
}

/// The spec folders announced by the data crates of the enabled services (packaged form).
fn packaged_spec_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::vars_os()
        .filter(|(name, _)| {
            name.to_str().is_some_and(|name| {
                name.starts_with("DEP_TENCENTCLOUD_SPEC_") && name.ends_with("_DIR")
            })
        })
        .map(|(_, dir)| PathBuf::from(dir))
        .collect();
    dirs.sort();
    dirs
}

/// The spec files in the folders announced by the data crates.
fn packaged_specs(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut specs = Vec::new();
    for dir in dirs {
        specs.extend(tc_codegen::files::service_specs(dir)?);
    }
    Ok(specs)
}

/// The spec files (`spec/<service>/<version>.json`) of every service whose feature is on.
fn enabled_specs(spec_root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut specs = Vec::new();
    // A service folder without a feature would never be generated; say so instead of silently
    // leaving it out.
    let manifest = std::fs::read_to_string("Cargo.toml").unwrap_or_default();
    for dir in tc_codegen::files::service_dirs(spec_root)? {
        let Some(service) = dir.file_name().and_then(|name| name.to_str()) else {
            continue;
        };
        if !manifest
            .lines()
            .any(|line| line.trim_start().starts_with(&format!("{service} = ")))
        {
            println!(
                "cargo::warning=spec/{service} has no feature in generated/Cargo.toml, so it is \
                 not generated: run generated/features.sh"
            );
            continue;
        }
        let feature = format!("CARGO_FEATURE_{}", service.to_uppercase().replace('-', "_"));
        if std::env::var_os(&feature).is_none() {
            continue;
        }
        specs.extend(tc_codegen::files::service_specs(&dir)?);
    }
    Ok(specs)
}
