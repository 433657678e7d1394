//! The whole catalog: imports every service version of tccli into spec files, or checks and
//! generates every spec file of a folder; reports counts, time and progress.
//!
//! ```text
//! cargo run --release -p tc-codegen --no-default-features --features import --example catalog -- \
//!     <tccli>/tccli/services [--sdk <sdk>/tencentcloud] [--english <tccli-intl-en>/tccli/services] \
//!     [--action-errors action-error-codes.json] [--common spec/common.json] \
//!     [--overlays spec] [--out spec] [--english-report spec/ENGLISH.md] [--only <service>] \
//!     [--generate] [-v]
//! cargo run --release -p tc-codegen --no-default-features --features import --example catalog -- --specs spec
//! ```
//!
//! `--overlays spec` merges `spec/<service>/<version>.overlay.json` where one exists; `--out`
//! writes `<dir>/<service>/<version>.json`; `--generate` checks and generates each import in
//! memory. `--specs DIR` imports nothing: it checks and generates every spec file under `DIR`.
//! Progress (`[done/total] service version`) goes to stderr. Exits non-zero if anything fails.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use tc_codegen::import::action_errors::ActionErrorCodes;
use tc_codegen::import::{self, ImportSource, Imported, english};

#[derive(Default)]
struct Args {
    services: Option<PathBuf>,
    specs: Option<PathBuf>,
    sdk: Option<PathBuf>,
    english: Option<PathBuf>,
    action_errors: Option<PathBuf>,
    common: Option<PathBuf>,
    only: Option<String>,
    overlays: Option<PathBuf>,
    out: Option<PathBuf>,
    english_report: Option<PathBuf>,
    generate: bool,
    verbose: bool,
}

const USAGE: &str = "usage: catalog <tccli services dir> [--sdk DIR] [--english DIR] [--action-errors FILE] [--common FILE] [--overlays DIR] [--out DIR] [--english-report FILE] [--only NAME] [--generate] [-v]\n       catalog --specs DIR [--only NAME]";

fn args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut parsed = Args::default();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--specs" => parsed.specs = Some(PathBuf::from(value()?)),
            "--sdk" => parsed.sdk = Some(PathBuf::from(value()?)),
            "--english" => parsed.english = Some(PathBuf::from(value()?)),
            "--action-errors" => parsed.action_errors = Some(PathBuf::from(value()?)),
            "--common" => parsed.common = Some(PathBuf::from(value()?)),
            "--only" => parsed.only = Some(value()?),
            "--overlays" => parsed.overlays = Some(PathBuf::from(value()?)),
            "--out" => parsed.out = Some(PathBuf::from(value()?)),
            "--english-report" => parsed.english_report = Some(PathBuf::from(value()?)),
            "--generate" => parsed.generate = true,
            "--verbose" | "-v" => parsed.verbose = true,
            _ if parsed.services.is_none() && !arg.starts_with('-') => {
                parsed.services = Some(PathBuf::from(arg));
            }
            _ => return Err(format!("unexpected argument {arg}\n{USAGE}")),
        }
    }
    if parsed.services.is_some() == parsed.specs.is_some() {
        return Err(USAGE.into());
    }
    Ok(parsed)
}

fn main() {
    let args = match args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    let failed = match &args.specs {
        Some(dir) => check_specs(dir, args.only.as_deref()),
        None => import_catalog(&args),
    };
    if let Err(message) = failed {
        eprintln!("{message}");
        std::process::exit(1);
    }
}

/// The service a tccli version directory (`.../services/ssl/v20191205`) belongs to.
fn service_of(source: &ImportSource) -> String {
    source
        .api
        .parent()
        .and_then(Path::parent)
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `2019-12-05` for a tccli version directory `v20191205`.
fn version_of(source: &ImportSource) -> String {
    let dir = source
        .api
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let digits = dir.trim_start_matches('v');
    match (digits.get(..4), digits.get(4..6), digits.get(6..8)) {
        (Some(y), Some(m), Some(d)) if digits.len() == 8 => format!("{y}-{m}-{d}"),
        _ => digits.to_owned(),
    }
}

fn import_catalog(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let services = args.services.as_deref().unwrap_or(Path::new("."));
    let mut sources = import::catalog(services, args.sdk.as_deref(), args.english.as_deref())
        .map_err(|e| e.to_string())?;
    if let Some(only) = &args.only {
        sources.retain(|s| service_of(s) == *only);
    }
    let action_errors = match &args.action_errors {
        Some(path) => Some(Arc::new(
            ActionErrorCodes::load(path).map_err(|e| e.to_string())?,
        )),
        None => None,
    };
    for source in &mut sources {
        if let Some(codes) = &action_errors {
            *source = source.clone().action_errors(Arc::clone(codes));
        }
        if let Some(common) = &args.common {
            *source = source.clone().common(common);
        }
        if let Some(dir) = &args.overlays {
            let overlay = dir
                .join(service_of(source))
                .join(format!("{}.overlay.json", version_of(source)));
            if overlay.is_file() {
                *source = source.clone().overlay(overlay);
            }
        }
    }
    let labels: Vec<String> = sources
        .iter()
        .map(|s| format!("{} {}", service_of(s), version_of(s)))
        .collect();
    let results = parallel(&sources, &labels, |source| run_one(args, source));

    let (mut ok, mut failed, mut actions, mut types, mut unsupported) = (0, 0, 0, 0, 0);
    let (mut warnings, mut examples, mut codes, mut english, mut described) = (0, 0, 0, 0, 0);
    let mut report = Vec::new();
    let mut generated_bytes = 0;
    for (source, result) in sources.iter().zip(&results) {
        match result {
            Ok((imported, generated)) => {
                ok += 1;
                let spec = &imported.spec;
                actions += spec.actions.len();
                types += spec.types.len();
                examples += spec
                    .actions
                    .values()
                    .map(|a| a.examples.len())
                    .sum::<usize>();
                codes += spec.actions.values().map(|a| a.errors.len()).sum::<usize>();
                unsupported += imported.unsupported.len();
                warnings += imported.warnings.len();
                generated_bytes += generated;
                for item in &imported.unsupported {
                    println!("unsupported: {item}");
                }
                if args.verbose {
                    for item in &imported.warnings {
                        println!("warning: {item}");
                    }
                }
                let share = english::share(spec);
                english += share.english;
                described += share.total;
                report.push((spec.service.clone(), spec.version.clone(), share));
            }
            Err(error) => {
                failed += 1;
                println!("error: {}: {error}", source.api.display());
            }
        }
    }
    println!(
        "imported {ok} service versions ({failed} failed): {actions} actions, {types} types, {examples} examples, {codes} action error codes; {unsupported} unsupported members, {warnings} warnings; English descriptions {english} of {described} ({:.1}%)",
        percent(english, described)
    );
    if args.generate {
        println!(
            "checked and generated: {:.1} MB of Rust",
            generated_bytes as f64 / 1e6
        );
    }
    println!("total {:.2} s", started.elapsed().as_secs_f64());
    if let Some(path) = &args.english_report {
        std::fs::write(path, english_report(&report))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if failed > 0 {
        return Err(format!("{failed} service versions failed"));
    }
    Ok(())
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// `spec/ENGLISH.md`: the English share of the descriptions of every service version.
fn english_report(rows: &[(String, String, english::Share)]) -> String {
    let (english, total) = rows.iter().fold((0, 0), |(e, t), (_, _, share)| {
        (e + share.english, t + share.total)
    });
    let mut text = String::from(
        "# English descriptions\n\nGenerated by `scripts/import-catalog.sh`; do not edit. For each service version: how many of its\ndescriptions (service, actions, members, structures, values, example titles) are English, from\ntccli-intl-en or the overlay; the others are tccli's Chinese text, marked `\"lang\": \"zh\"` in the spec.\n\n",
    );
    let _ = writeln!(
        text,
        "All: {english} of {total} descriptions in English ({:.1}%).\n",
        percent(english, total)
    );
    text.push_str("| service | version | English | descriptions | share |\n| --- | --- | ---: | ---: | ---: |\n");
    for (service, version, share) in rows {
        let _ = writeln!(
            text,
            "| {service} | {version} | {} | {} | {:.1}% |",
            share.english,
            share.total,
            percent(share.english, share.total)
        );
    }
    text
}

/// Runs `job` on every item on all cores, results in item order; prints `[done/total] label`
/// to stderr as each one ends.
fn parallel<T: Sync, R: Send>(
    items: &[T],
    labels: &[String],
    job: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else { break };
                    let result = job(item);
                    let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                    let label = labels.get(index).map_or("", String::as_str);
                    eprintln!("[{finished}/{}] {label}", items.len());
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

/// Checks and generates one spec file in memory; the generated source's size.
fn generate_one(path: &Path) -> Result<usize, String> {
    let (source, _) = tc_codegen::generate(path).map_err(|d| {
        let shown: Vec<String> = d.0.iter().take(3).map(|d| format!("{d:?}")).collect();
        format!("{} problems, first: {}", d.0.len(), shown.join("; "))
    })?;
    Ok(source.len())
}

/// Imports one service version, writes it under `--out` and, with `--generate`, checks and
/// generates the written file; the generated size.
fn run_one(args: &Args, source: &ImportSource) -> Result<(Imported, usize), String> {
    let mut imported = import::import_service(source).map_err(|e| e.to_string())?;
    imported
        .spec
        .schema
        .get_or_insert_with(|| "../schema.json".to_owned());
    let Some(out) = &args.out else {
        return Ok((imported, 0));
    };
    let path = out
        .join(service_of(source))
        .join(format!("{}.json", imported.spec.version));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&path, imported.to_json()).map_err(|e| format!("{}: {e}", path.display()))?;
    let generated = if args.generate {
        generate_one(&path)?
    } else {
        0
    };
    Ok((imported, generated))
}

/// Checks and generates every `<service>/<version>.json` under `dir`.
fn check_specs(dir: &Path, only: Option<&str>) -> Result<(), String> {
    let started = Instant::now();
    let mut files = Vec::new();
    let mut services: Vec<PathBuf> = read_dir(dir)?.into_iter().filter(|p| p.is_dir()).collect();
    services.sort();
    for service in services {
        if only.is_some_and(|only| service.file_name() != Some(only.as_ref())) {
            continue;
        }
        let mut versions: Vec<PathBuf> = read_dir(&service)?
            .into_iter()
            .filter(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                name.ends_with(".json") && !name.ends_with(".overlay.json")
            })
            .collect();
        versions.sort();
        files.extend(versions);
    }
    let labels: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let results = parallel(&files, &labels, |path| generate_one(path));
    let mut failed = 0;
    let mut bytes = 0;
    for (path, result) in files.iter().zip(&results) {
        match result {
            Ok(size) => bytes += size,
            Err(error) => {
                failed += 1;
                println!("error: {}: {error}", path.display());
            }
        }
    }
    println!(
        "checked and generated {} spec files ({failed} failed): {:.1} MB of Rust; {:.2} s",
        files.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    if failed > 0 {
        return Err(format!("{failed} spec files failed"));
    }
    Ok(())
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
}
