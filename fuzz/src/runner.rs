//! Runs a target over mutants of its seeds: counts inputs per second, catches every panic and
//! keeps each distinct one (by its message's first line) with the input that caused it.

use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::mutate::Mutator;
use crate::targets::Target;

/// The message of the last panic, recorded by the hook (panics in a generator's worker thread
/// reach the runner through `resume_unwind`, which carries no message of its own).
static LAST_PANIC: Mutex<String> = Mutex::new(String::new());

/// Whether the hook keeps quiet (during [`run`]; a test replaying the corpus wants the
/// messages printed).
static QUIET: AtomicBool = AtomicBool::new(false);

/// Wraps the panic hook so that it records each message for [`run_one`] (and prints it only
/// outside [`run`], which would otherwise print every caught panic).
pub fn install_quiet_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let message = match info.payload().downcast_ref::<&str>() {
            Some(text) => (*text).to_owned(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "a panic without a message".to_owned()),
        };
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = format!("{message}{place}");
        if !QUIET.load(Ordering::Relaxed) {
            previous(info);
        }
    }));
}

/// One distinct panic found.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The panic's message and place.
    pub message: String,
    /// The input that caused it first.
    pub input: Vec<u8>,
    /// How many inputs caused it.
    pub count: u64,
}

/// What a run did.
#[derive(Debug)]
pub struct Report {
    /// Inputs tried.
    pub inputs: u64,
    /// Wall time.
    pub elapsed: Duration,
    /// Inputs that panicked.
    pub panics: u64,
    /// Inputs per depth reached (index: depth).
    pub depths: Vec<u64>,
    /// The distinct panics.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Inputs per second.
    pub fn rate(&self) -> f64 {
        self.inputs as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Runs `input` through `target`, turning a panic into its message.
pub fn run_one(target: &dyn Target, input: &[u8]) -> Result<u8, String> {
    match panic::catch_unwind(AssertUnwindSafe(|| target.run(input))) {
        Ok(depth) => Ok(depth),
        Err(_) => Err(LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).clone()),
    }
}

/// Settings of a run.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Mutants to try.
    pub inputs: u64,
    /// Seed of the mutation draws.
    pub seed: u64,
    /// Where to write each distinct panicking input (none: keep them in memory only).
    pub crash_dir: Option<PathBuf>,
    /// Print progress every this many inputs (0: never).
    pub progress_every: u64,
    /// Stops after this long even when fewer inputs were tried (a long run on a shared
    /// machine reports what fitted).
    pub time_limit: Option<Duration>,
}

/// The most inputs that reached the deepest stage kept as extra starting points.
const POOL: usize = 512;

/// Mutates `seeds` `settings.inputs` times through `target`.
pub fn run(target: &dyn Target, seeds: &[Vec<u8>], settings: &Settings) -> Report {
    let mut mutator = Mutator::new(settings.seed);
    let mut pool: Vec<Vec<u8>> = Vec::new();
    let mut findings: Vec<Finding> = Vec::new();
    let mut depths = vec![0u64; usize::from(target.deepest()) + 1];
    let mut panics = 0;
    QUIET.store(true, Ordering::Relaxed);
    let started = Instant::now();
    let empty = Vec::new();
    let mut tried = 0;
    for done in 0..settings.inputs {
        if settings
            .time_limit
            .is_some_and(|limit| started.elapsed() >= limit)
        {
            break;
        }
        tried = done + 1;
        let from_pool = !pool.is_empty() && mutator.rng().u8(..4) == 0;
        // Indexes, not copies: a spec seed is tens of kilobytes.
        let seed_index = mutator
            .rng()
            .usize(..(if from_pool { pool.len() } else { seeds.len() }).max(1));
        let other_index = mutator.rng().usize(..seeds.len().max(1));
        let source = if from_pool { &pool } else { seeds };
        let seed = source.get(seed_index).unwrap_or(&empty);
        let other = seeds.get(other_index).unwrap_or(&empty);
        let input = mutator.mutate(seed, other, target.byte_edits());
        let changed = input != *seed;
        match run_one(target, &input) {
            Ok(depth) => {
                let depth = depth.min(target.deepest());
                depths[usize::from(depth)] += 1;
                if depth == target.deepest() && changed {
                    if pool.len() < POOL {
                        pool.push(input);
                    } else {
                        let slot = mutator.rng().usize(..POOL);
                        pool[slot] = input;
                    }
                }
            }
            Err(message) => {
                panics += 1;
                let key = message.lines().next().unwrap_or("").to_owned();
                match findings.iter_mut().find(|f| f.message == key) {
                    Some(finding) => finding.count += 1,
                    None => {
                        if let Some(dir) = &settings.crash_dir {
                            save(
                                dir,
                                target.name(),
                                &format!("crash-s{}-{}", settings.seed, findings.len()),
                                &input,
                            );
                        }
                        findings.push(Finding {
                            message: key,
                            input,
                            count: 1,
                        });
                    }
                }
            }
        }
        if settings.progress_every > 0 && (done + 1) % settings.progress_every == 0 {
            let secs = started.elapsed().as_secs_f64();
            eprintln!(
                "{}: {} inputs, {:.0}/s, {panics} panics",
                target.name(),
                done + 1,
                (done + 1) as f64 / secs.max(1e-9)
            );
        }
    }
    QUIET.store(false, Ordering::Relaxed);
    Report {
        inputs: tried,
        elapsed: started.elapsed(),
        panics,
        depths,
        findings,
    }
}

fn save(dir: &std::path::Path, target: &str, name: &str, input: &[u8]) {
    let dir = dir.join(target);
    let written =
        std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join(name), input));
    if let Err(error) = written {
        eprintln!(
            "cannot keep the crashing input in {}: {error}",
            dir.display()
        );
    }
}
