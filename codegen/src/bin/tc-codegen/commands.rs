//! What each subcommand does; `main.rs` only reads the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tc_codegen::import::{self, ImportSource};

/// `generate`: the formatted bindings of one spec, to `out` or standard output.
pub fn generate(spec: PathBuf, out: Option<PathBuf>, round_trip: bool) -> ExitCode {
    let settings = tc_codegen::Settings::default().round_trip(round_trip);
    let code = match tc_codegen::load_with(&spec, &settings) {
        Ok(loaded) => tc_codegen::source(&loaded.service),
        Err(problems) => {
            eprintln!("{problems}");
            return ExitCode::FAILURE;
        }
    };
    let written = match &out {
        Some(path) => {
            std::fs::write(path, &code).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        None => std::io::stdout()
            .write_all(code.as_bytes())
            .map_err(|e| format!("cannot write the code: {e}")),
    };
    match written {
        Ok(()) => {
            if let Some(path) = out {
                eprintln!("wrote {} ({} lines)", path.display(), code.lines().count());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// `check`: every problem of every spec, and a one-line summary of each good one.
pub fn check(specs: &[PathBuf]) -> ExitCode {
    let mut failed = 0;
    for spec in specs {
        match tc_codegen::load(spec) {
            Ok(loaded) => {
                let service = &loaded.service;
                eprintln!(
                    "ok: {} ({} {}): {} actions, {} types",
                    spec.display(),
                    service.service,
                    service.version,
                    service.actions.len(),
                    service.types.len()
                );
            }
            Err(problems) => {
                failed += 1;
                eprintln!("{problems}");
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("{failed} of {} specs have problems", specs.len());
        ExitCode::FAILURE
    }
}

/// `schema`: the JSON Schema of service specs, or of `common.json`.
pub fn schema(common: bool) -> ExitCode {
    let schema = if common {
        tc_codegen::spec::common_schema()
    } else {
        tc_codegen::spec::service_schema()
    };
    print!("{schema}");
    ExitCode::SUCCESS
}

/// `import`: a spec written from Tencent's descriptions, with what could not be imported.
pub fn import(source: &ImportSource, out: &Path) -> ExitCode {
    match import::import_to_file(source, out) {
        Ok(imported) => {
            for unsupported in &imported.unsupported {
                eprintln!("unsupported: {unsupported}");
            }
            for warning in &imported.warnings {
                eprintln!("warning: {warning}");
            }
            for addition in &imported.overlay_additions {
                eprintln!("note: the overlay adds {addition}");
            }
            eprintln!(
                "wrote {}: {} actions, {} types",
                out.display(),
                imported.spec.actions.len(),
                imported.spec.types.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
