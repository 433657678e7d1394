//! `tc-fuzz`: runs fuzz targets over mutants of the seed corpus and reports inputs per second
//! and panics found.
//!
//! ```text
//! tc-fuzz answer --inputs 1000000 --seed 1
//! tc-fuzz all --inputs 2000 --seed 7          # a short slice of every target (CI)
//! tc-fuzz spec --replay fuzz/corpus/spec/     # every file once, no mutation
//! ```
//!
//! It exits with status 1 when any input panicked, after writing each distinct one to
//! `--crashes <dir>/<target>/` (move it into `fuzz/corpus/<target>/` to keep it as a regression).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use tc_fuzz::runner::{self, Settings};
use tc_fuzz::{corpus, targets};

#[derive(Debug, Parser)]
#[command(name = "tc-fuzz")]
struct Args {
    /// The target (`spec`, `answer`, `request`, `authorization`, `profile`), or `all`.
    target: String,
    /// Mutants to try per target.
    #[arg(long, default_value_t = 10_000)]
    inputs: u64,
    /// Seed of the mutation draws.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The corpus folder (one sub-folder per target).
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Where each distinct panicking input is written.
    #[arg(long, default_value = "fuzz/crashes")]
    crashes: PathBuf,
    /// Prints progress every this many inputs (0: never).
    #[arg(long, default_value_t = 0)]
    progress: u64,
    /// Stops each target after this many seconds, even short of `--inputs`.
    #[arg(long)]
    max_seconds: Option<u64>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let names: Vec<&str> = if args.target == "all" {
        targets::NAMES.to_vec()
    } else {
        vec![args.target.as_str()]
    };
    let root = args.corpus.clone().unwrap_or_else(corpus::default_root);
    runner::install_quiet_hook();
    let mut failed = false;
    for name in names {
        let Some(target) = targets::by_name(name) else {
            eprintln!(
                "tc-fuzz: no target `{name}` (targets: {}, or all)",
                targets::NAMES.join(", ")
            );
            return ExitCode::FAILURE;
        };
        let mut seeds: Vec<Vec<u8>> = match corpus::load(&root, name) {
            Ok(files) => files.into_iter().map(|(_, bytes)| bytes).collect(),
            Err(error) => {
                eprintln!("tc-fuzz: cannot read {}/{name}: {error}", root.display());
                return ExitCode::FAILURE;
            }
        };
        seeds.extend(target.extra_seeds());
        let settings = Settings {
            inputs: args.inputs,
            seed: args.seed,
            crash_dir: Some(args.crashes.clone()),
            progress_every: args.progress,
            time_limit: args.max_seconds.map(std::time::Duration::from_secs),
        };
        let report = runner::run(target.as_ref(), &seeds, &settings);
        println!(
            "{name}: {} inputs in {:.1} s, {:.0} inputs/s, {} seeds, depths {:?}, {} panics ({} distinct)",
            report.inputs,
            report.elapsed.as_secs_f64(),
            report.rate(),
            seeds.len(),
            report.depths,
            report.panics,
            report.findings.len()
        );
        for finding in &report.findings {
            failed = true;
            println!("  {}x {}", finding.count, finding.message);
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
