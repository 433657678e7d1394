//! `tc-codegen`: generate bindings from specs, check specs, import Tencent's descriptions.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tc_codegen::import::{self, ImportSource};

/// Generate Rust bindings for Tencent Cloud API 3.0 from JSON specs.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write the Rust bindings of one spec (to standard output, or to --out).
    Generate {
        /// The service spec, e.g. spec/ssl/2019-12-05.json.
        spec: PathBuf,
        /// Where to write the code; standard output when absent.
        #[arg(long, short)]
        out: Option<PathBuf>,
    },
    /// Check specs and report every problem with its file, line, column and JSON path.
    Check {
        /// Service specs to check.
        #[arg(required = true)]
        specs: Vec<PathBuf>,
    },
    /// Print the JSON Schema of spec files (spec/schema.json), or of common.json.
    Schema {
        /// The schema of common.json instead.
        #[arg(long)]
        common: bool,
    },
    /// Turn a tccli API description (api.json, examples.json) into a spec.
    Import {
        /// tccli's version directory (.../tccli/services/ssl/v20191205) or its api.json.
        source: PathBuf,
        /// The SDK's errorcodes.py for the service's business error codes.
        #[arg(long)]
        errorcodes: Option<PathBuf>,
        /// Hand curation merged over the import (a JSON Merge Patch).
        #[arg(long)]
        overlay: Option<PathBuf>,
        /// The spec file to write, e.g. spec/ssl/2019-12-05.json.
        #[arg(long, short)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate { spec, out } => generate(spec, out),
        Command::Check { specs } => check(&specs),
        Command::Schema { common } => {
            let schema = if common {
                tc_codegen::spec::common_schema()
            } else {
                tc_codegen::spec::service_schema()
            };
            print!("{schema}");
            ExitCode::SUCCESS
        }
        Command::Import {
            source,
            errorcodes,
            overlay,
            out,
        } => {
            let mut source = ImportSource::tccli(&source);
            source.errorcodes = errorcodes;
            source.overlay = overlay;
            run_import(&source, &out)
        }
    }
}

fn generate(spec: PathBuf, out: Option<PathBuf>) -> ExitCode {
    let code = match tc_codegen::generate(&spec) {
        Ok((code, _inputs)) => code,
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

fn check(specs: &[PathBuf]) -> ExitCode {
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

fn run_import(source: &ImportSource, out: &std::path::Path) -> ExitCode {
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
