//! Imports every service version of an installed tccli, and reports counts and time.
//!
//! ```text
//! cargo run --release -p tc-codegen --no-default-features --example catalog -- \
//!     <site-packages>/tccli/services [--sdk <site-packages>/tencentcloud] \
//!     [--only <service>] [--overlays <spec dir>] [--out <dir>]
//! ```
//!
//! `--overlays spec` merges `spec/<service>/<version>.overlay.json` where one exists; `--out`
//! writes `<dir>/<service>/<version>.json`. Exits non-zero if any import fails.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use tc_codegen::import::{self, ImportSource, Imported};

struct Args {
    services: PathBuf,
    sdk: Option<PathBuf>,
    only: Option<String>,
    overlays: Option<PathBuf>,
    out: Option<PathBuf>,
    verbose: bool,
}

fn args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut services = None;
    let (mut sdk, mut only, mut overlays, mut out, mut verbose) = (None, None, None, None, false);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--sdk" => sdk = Some(PathBuf::from(value()?)),
            "--only" => only = Some(value()?),
            "--overlays" => overlays = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--verbose" | "-v" => verbose = true,
            _ if services.is_none() && !arg.starts_with('-') => services = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    let services = services.ok_or("usage: catalog <tccli services dir> [--sdk DIR] [--only NAME] [--overlays DIR] [--out DIR] [-v]")?;
    Ok(Args {
        services,
        sdk,
        only,
        overlays,
        out,
        verbose,
    })
}

fn main() {
    let args = match args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let mut sources = match import::catalog(&args.services, args.sdk.as_deref()) {
        Ok(sources) => sources,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(1);
        }
    };
    if let Some(only) = &args.only {
        sources.retain(|s| {
            s.api
                .parent()
                .and_then(|v| v.parent())
                .and_then(|s| s.file_name())
                .is_some_and(|n| n == only.as_str())
        });
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Result<Imported, String>)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(source) = sources.get(index) else {
                        break;
                    };
                    let result = run_one(&args, source);
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((index, result));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.sort_by_key(|(index, _)| *index);

    let (
        mut ok,
        mut failed,
        mut actions,
        mut types,
        mut unsupported,
        mut warnings,
        mut examples,
        mut codes,
    ) = (0, 0, 0, 0, 0, 0, 0, 0);
    for (index, result) in &results {
        match result {
            Ok(imported) => {
                ok += 1;
                actions += imported.spec.actions.len();
                types += imported.spec.types.len();
                examples += imported
                    .spec
                    .actions
                    .values()
                    .map(|a| a.examples.len())
                    .sum::<usize>();
                codes += imported.spec.errors.len();
                unsupported += imported.unsupported.len();
                warnings += imported.warnings.len();
                for item in &imported.unsupported {
                    println!("unsupported: {item}");
                }
                if args.verbose {
                    for item in &imported.warnings {
                        println!("warning: {item}");
                    }
                }
            }
            Err(error) => {
                failed += 1;
                println!("error: {}: {error}", sources[*index].api.display());
            }
        }
    }
    let elapsed = started.elapsed();
    println!(
        "imported {ok} service versions ({failed} failed): {actions} actions, {types} types, {examples} examples, {codes} error codes; {unsupported} unsupported members, {warnings} warnings; {:.2} s",
        elapsed.as_secs_f64()
    );
    if failed > 0 {
        std::process::exit(1);
    }
}

fn run_one(args: &Args, source: &ImportSource) -> Result<Imported, String> {
    let mut source = source.clone();
    let version_dir = source
        .api
        .parent()
        .map(|p| p.to_owned())
        .unwrap_or_default();
    let service = version_dir
        .parent()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let imported = import::import_service(&source).map_err(|e| e.to_string())?;
    let version = imported.spec.version.clone();
    let imported = match &args.overlays {
        Some(dir) => {
            let overlay = dir.join(&service).join(format!("{version}.overlay.json"));
            if overlay.is_file() {
                source = source.overlay(overlay);
                import::import_service(&source).map_err(|e| e.to_string())?
            } else {
                imported
            }
        }
        None => imported,
    };
    if let Some(out) = &args.out {
        let path = out.join(&service).join(format!("{version}.json"));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, imported.to_json())
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(imported)
}
