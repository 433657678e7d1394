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

use std::path::{Path, PathBuf};
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
    generate: bool,
    verbose: bool,
}

fn args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut services = None;
    let (mut sdk, mut only, mut overlays, mut out) = (None, None, None, None);
    let (mut generate, mut verbose) = (false, false);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--sdk" => sdk = Some(PathBuf::from(value()?)),
            "--only" => only = Some(value()?),
            "--overlays" => overlays = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--generate" => generate = true,
            "--verbose" | "-v" => verbose = true,
            _ if services.is_none() && !arg.starts_with('-') => services = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg}")),
        }
    }
    let services = services.ok_or("usage: catalog <tccli services dir> [--sdk DIR] [--only NAME] [--overlays DIR] [--out DIR [--generate]] [-v]")?;
    if generate && out.is_none() {
        return Err("--generate needs --out".into());
    }
    Ok(Args {
        services,
        sdk,
        only,
        overlays,
        out,
        generate,
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
    let results = parallel(&sources, |source| run_one(&args, source));

    let (mut ok, mut failed, mut actions, mut types, mut unsupported) = (0, 0, 0, 0, 0);
    let (mut warnings, mut examples, mut codes) = (0, 0, 0);
    let mut written = Vec::new();
    for (source, result) in sources.iter().zip(&results) {
        match result {
            Ok((imported, path)) => {
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
                written.extend(path.clone());
            }
            Err(error) => {
                failed += 1;
                println!("error: {}: {error}", source.api.display());
            }
        }
    }
    let imported_in = started.elapsed();
    println!(
        "imported {ok} service versions ({failed} failed): {actions} actions, {types} types, {examples} examples, {codes} error codes; {unsupported} unsupported members, {warnings} warnings; {:.2} s",
        imported_in.as_secs_f64()
    );
    if args.generate {
        let started = Instant::now();
        let generated = parallel(&written, |path| generate_one(path));
        let mut bytes = 0;
        let mut generate_failed = 0;
        for (path, result) in written.iter().zip(&generated) {
            match result {
                Ok(size) => bytes += size,
                Err(error) => {
                    generate_failed += 1;
                    println!("generate error: {}: {error}", path.display());
                }
            }
        }
        println!(
            "checked and generated {} service versions ({generate_failed} failed): {:.1} MB of Rust; {:.2} s",
            written.len() - generate_failed,
            bytes as f64 / 1e6,
            started.elapsed().as_secs_f64()
        );
        failed += generate_failed;
    }
    println!("total {:.2} s", started.elapsed().as_secs_f64());
    if failed > 0 {
        std::process::exit(1);
    }
}

/// Runs `job` on every item on all cores, results in item order.
fn parallel<T: Sync, R: Send>(items: &[T], job: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let result = job(item);
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
    results.into_iter().map(|(_, r)| r).collect()
}

/// Checks and generates one written spec, writing `<version>.rs` beside it; the source's size.
fn generate_one(path: &Path) -> Result<usize, String> {
    let (source, _) = tc_codegen::generate(path).map_err(|d| {
        let shown: Vec<String> = d.0.iter().take(3).map(|d| format!("{d:?}")).collect();
        format!("{} problems, first: {}", d.0.len(), shown.join("; "))
    })?;
    std::fs::write(path.with_extension("rs"), &source).map_err(|e| e.to_string())?;
    Ok(source.len())
}

fn run_one(args: &Args, source: &ImportSource) -> Result<(Imported, Option<PathBuf>), String> {
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
    let mut written = None;
    if let Some(out) = &args.out {
        let path = out.join(&service).join(format!("{version}.json"));
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(&path, imported.to_json())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written = Some(path);
    }
    Ok((imported, written))
}
