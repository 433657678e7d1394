//! `tc-codegen`: generate bindings from specs, check specs, import Tencent's descriptions.

mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tc_codegen::import::ImportSource;

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
        /// Make every type both Serialize and Deserialize (for emulators and tests).
        #[arg(long)]
        round_trip: bool,
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
        /// tccli-intl-en's version directory: its English descriptions are preferred.
        #[arg(long)]
        english: Option<PathBuf>,
        /// Each action's own error codes (spec/action-error-codes.json).
        #[arg(long)]
        action_errors: Option<PathBuf>,
        /// spec/common.json: its codes are left out of the service's and actions' lists.
        #[arg(long)]
        common: Option<PathBuf>,
        /// The spec file to write, e.g. spec/ssl/2019-12-05.json.
        #[arg(long, short)]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Generate {
            spec,
            out,
            round_trip,
        } => commands::generate(spec, out, round_trip),
        Command::Check { specs } => commands::check(&specs),
        Command::Schema { common } => commands::schema(common),
        Command::Import {
            source,
            errorcodes,
            overlay,
            english,
            action_errors,
            common,
            out,
        } => {
            let mut source = ImportSource::tccli(&source);
            source.errorcodes = errorcodes;
            source.overlay = overlay;
            source.english = english;
            source.common = common;
            if let Some(path) = action_errors {
                match tc_codegen::import::action_errors::ActionErrorCodes::load(&path) {
                    Ok(codes) => source.action_errors = Some(std::sync::Arc::new(codes)),
                    Err(error) => {
                        eprintln!("error: {error}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            commands::import(&source, &out)
        }
    }
}
