//! `tc-bench-load`: the load run (see `bench/load/run.sh`).
//!
//! Starts the emulator binary, then keeps `--conns` connections busy for `--seconds`: each
//! connection belongs to one task with a client of its own (so one pooled connection), which
//! sends its next call as soon as the last is answered, with retries off so that every failure
//! counts. A sampler reads the emulator's resident memory from `/proc` once a second.

mod memory;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

use clap::Parser;
use tc_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tc_runtime::{Client, Credentials, RetryPolicy};
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, DescribeCertificateRequest, DescribeCertificatesRequest, DvAuthMethod,
    SslClient,
};

#[derive(Debug, Parser)]
#[command(name = "tc-bench-load")]
struct Args {
    /// Connections, each with one request always in flight.
    #[arg(long, default_value_t = 256)]
    conns: usize,
    /// Length of the run.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// The emulator's worker threads.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// The tc-emulator binary to load (a release build).
    #[arg(long)]
    emulator: PathBuf,
    /// Most growth of the emulator's memory allowed from a quarter into the run to its end, in
    /// percent.
    #[arg(long, default_value_t = 10.0)]
    max_growth_percent: f64,
}

/// Every this many calls, a connection lists certificates instead of describing one.
const LIST_EVERY: u64 = 16;
/// Failures printed in full (the rest are counted).
const SHOWN_FAILURES: usize = 5;

/// What one connection did.
#[derive(Default)]
struct Tally {
    ok: u64,
    failed: u64,
    failures: Vec<String>,
    latencies_us: Vec<u32>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut emulator = match start_emulator(&args) {
        Ok(started) => started,
        Err(error) => {
            eprintln!(
                "tc-bench-load: cannot start {}: {error}",
                args.emulator.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let verdict = runtime.block_on(run(&args, &emulator.1, emulator.0.id()));
    let _ = emulator.0.kill();
    let _ = emulator.0.wait();
    if verdict {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The emulator process and the URL it listens on.
fn start_emulator(args: &Args) -> Result<(Child, String), String> {
    let threads = args.threads.to_string();
    let mut child = Command::new(&args.emulator)
        .args([
            "--port",
            "0",
            "--threads",
            &threads,
            "--clock-speed",
            "1000",
        ])
        // The spec's rate limits (10/s per action) would refuse nearly every call.
        .arg("--no-rate-limits")
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|error| error.to_string())?;
    let mut banner = String::new();
    let stdout = child.stdout.take().ok_or("no stdout")?;
    BufReader::new(stdout)
        .read_line(&mut banner)
        .map_err(|error| error.to_string())?;
    match banner.trim().strip_prefix("tc-emulator listening on ") {
        Some(url) => Ok((child, url.to_owned())),
        None => {
            let _ = child.kill();
            Err(format!("unexpected first line {banner:?}"))
        }
    }
}

fn client(url: &str) -> SslClient {
    let client = Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY).expect("demo keys"))
        .base_url(url)
        .expect("the emulator's URL")
        .retry(RetryPolicy::disabled())
        .rate_limit(false)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("a client");
    SslClient::new(client)
}

/// Runs the load and prints the report; whether the run kept every rule.
async fn run(args: &Args, url: &str, pid: u32) -> bool {
    let setup = client(url);
    let certificate = match setup
        .apply_certificate(ApplyCertificateRequest::new(
            DvAuthMethod::DnsAuto,
            "load.example.com",
        ))
        .await
    {
        Ok(applied) => applied.certificate_id,
        Err(error) => {
            eprintln!("tc-bench-load: ApplyCertificate failed: {error}");
            return false;
        }
    };
    let run_for = Duration::from_secs(args.seconds);
    let sampler = tokio::spawn(memory::sample(pid, run_for));
    let started = Instant::now();
    let deadline = started + run_for;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..args.conns {
        let ssl = client(url);
        let certificate = certificate.clone();
        tasks.spawn(async move { drive(ssl, certificate, deadline).await });
    }
    let mut total = Tally::default();
    while let Some(joined) = tasks.join_next().await {
        let tally = joined.unwrap_or_else(|error| Tally {
            failed: 1,
            failures: vec![format!("a connection's task ended: {error}")],
            ..Tally::default()
        });
        total.ok += tally.ok;
        total.failed += tally.failed;
        total.failures.extend(tally.failures);
        total.latencies_us.extend(tally.latencies_us);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let samples = sampler.await.unwrap_or_default();
    report(args, &mut total, elapsed, &samples)
}

/// One connection: calls until `deadline`, each sent when the last is answered.
async fn drive(ssl: SslClient, certificate: String, deadline: Instant) -> Tally {
    let mut tally = Tally::default();
    let mut calls = 0u64;
    while Instant::now() < deadline {
        calls += 1;
        let sent = Instant::now();
        let result = if calls % LIST_EVERY == 0 {
            let request = DescribeCertificatesRequest::new().limit(10u64);
            ssl.describe_certificates(request)
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        } else {
            let request = DescribeCertificateRequest::new(certificate.as_str());
            ssl.describe_certificate(request)
                .await
                .map(drop)
                .map_err(|e| e.to_string())
        };
        let latency = sent.elapsed().as_micros();
        tally
            .latencies_us
            .push(u32::try_from(latency).unwrap_or(u32::MAX));
        match result {
            Ok(()) => tally.ok += 1,
            Err(error) => {
                tally.failed += 1;
                if tally.failures.len() < SHOWN_FAILURES {
                    tally.failures.push(error);
                }
            }
        }
    }
    tally
}

fn percentile(sorted: &[u32], share: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let index = ((sorted.len() - 1) as f64 * share).round() as usize;
    f64::from(sorted[index]) / 1000.0
}

fn report(args: &Args, total: &mut Tally, elapsed: f64, samples: &memory::Samples) -> bool {
    total.latencies_us.sort_unstable();
    let requests = total.ok + total.failed;
    println!(
        "load: {} connections for {elapsed:.1} s against {} ({} worker thread(s), rate limits off); \
         DescribeCertificate, and DescribeCertificates every {LIST_EVERY}th call",
        args.conns,
        args.emulator.display(),
        args.threads,
    );
    println!(
        "requests: {requests} ({} ok, {} failed), {:.0} requests/s; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        total.ok,
        total.failed,
        requests as f64 / elapsed,
        percentile(&total.latencies_us, 0.5),
        percentile(&total.latencies_us, 0.99),
        percentile(&total.latencies_us, 1.0),
    );
    for failure in total.failures.iter().take(SHOWN_FAILURES) {
        println!("  failed: {failure}");
    }
    println!("{}", samples.summary());
    let growth = samples.growth_after_warm_up();
    let flat = growth.is_some_and(|percent| percent <= args.max_growth_percent);
    match growth {
        Some(percent) => println!(
            "memory from a quarter into the run to its end: {percent:+.1}% (at most {:+.1}% allowed)",
            args.max_growth_percent
        ),
        None => println!("memory: too few samples to judge (run for 4 s or more)"),
    }
    let passed = total.failed == 0 && flat;
    println!("{}", if passed { "PASS" } else { "FAIL" });
    passed
}
