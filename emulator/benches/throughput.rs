//! Requests per second the emulator sustains on one core, with every signature verified and
//! every body validated, driven by the Rust client at 1 and 16 requests in flight; the
//! client's and the emulator's CPU time per call.
//!
//! ```text
//! cargo bench -p tc-emulator --bench throughput            # 5 s per level
//! TC_BENCH_SECONDS=10 cargo bench -p tc-emulator --bench throughput
//! ```
//!
//! The emulator binary runs single-threaded (`--threads 1`), pinned to CPU 0 with `taskset`
//! when it is available; the client runs pinned to the other CPUs. Each call is a
//! DescribeCertificate of an issued certificate (no rate limit in the spec), the emulator's
//! full path: TC3 verification, spec validation, the stateful handler and the generated
//! response type.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tc_runtime::{Client, Credentials, RetryPolicy};
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, DescribeCertificateRequest, DvAuthMethod, SslClient,
};

/// User + system CPU seconds of a process (`self` or a pid), from /proc.
fn cpu_seconds(pid: &str) -> f64 {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return f64::NAN;
    };
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 =
        fields[11].parse::<f64>().unwrap_or(0.0) + fields[12].parse::<f64>().unwrap_or(0.0);
    ticks / 100.0
}

fn has_taskset() -> bool {
    Command::new("taskset")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let seconds: u64 = std::env::var("TC_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pin = has_taskset() && cpus >= 2;
    let binary = env!("CARGO_BIN_EXE_tc-emulator");
    let mut command = if pin {
        let mut c = Command::new("taskset");
        c.args(["-c", "0", binary]);
        c
    } else {
        Command::new(binary)
    };
    let mut emulator = command
        .args(["--port", "0", "--threads", "1", "--clock-speed", "1000"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start tc-emulator");
    if pin {
        let me = std::process::id().to_string();
        let others = format!("1-{}", cpus - 1);
        let _ = Command::new("taskset")
            .args(["-a", "-p", "-c", &others, &me])
            .stdout(Stdio::null())
            .status();
    }
    let mut line = String::new();
    BufReader::new(emulator.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_owned();
    let pid = emulator.id().to_string();

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = Client::builder()
            .credentials(
                Credentials::new(tc_emulator::DEMO_SECRET_ID, tc_emulator::DEMO_SECRET_KEY)
                    .unwrap(),
            )
            .base_url(&url)
            .unwrap()
            .retry(RetryPolicy::disabled())
            .build()
            .unwrap();
        let ssl = Arc::new(SslClient::new(client));
        let id = ssl
            .apply_certificate(ApplyCertificateRequest::new(DvAuthMethod::DnsAuto, "bench.example.com"))
            .await
            .unwrap()
            .certificate_id;
        // Issued after 60 clock seconds: 60 ms at --clock-speed 1000.
        tokio::time::sleep(Duration::from_millis(200)).await;
        let first = ssl
            .describe_certificate(DescribeCertificateRequest::new(id.as_str()))
            .await
            .unwrap();
        assert_eq!(first.status.map(|s| s.value()), Some(1));
        println!(
            "emulator: {url}, single-threaded{}; DescribeCertificate of an issued certificate, {seconds} s per level",
            if pin { ", pinned to CPU 0 (client on the others)" } else { "" }
        );
        for in_flight in [1usize, 16] {
            let calls = Arc::new(AtomicU64::new(0));
            let errors = Arc::new(AtomicU64::new(0));
            let deadline = Instant::now() + Duration::from_secs(seconds);
            let client_cpu = cpu_seconds("self");
            let emulator_cpu = cpu_seconds(&pid);
            let started = Instant::now();
            let mut tasks = tokio::task::JoinSet::new();
            for _ in 0..in_flight {
                let ssl = ssl.clone();
                let id = id.clone();
                let calls = calls.clone();
                let errors = errors.clone();
                tasks.spawn(async move {
                    while Instant::now() < deadline {
                        match ssl
                            .describe_certificate(DescribeCertificateRequest::new(id.as_str()))
                            .await
                        {
                            Ok(_) => calls.fetch_add(1, Ordering::Relaxed),
                            Err(_) => errors.fetch_add(1, Ordering::Relaxed),
                        };
                    }
                });
            }
            while tasks.join_next().await.is_some() {}
            let elapsed = started.elapsed().as_secs_f64();
            let client_cpu = cpu_seconds("self") - client_cpu;
            let emulator_cpu = cpu_seconds(&pid) - emulator_cpu;
            let calls = calls.load(Ordering::Relaxed) as f64;
            println!(
                "in flight {in_flight:>2}: {:>8.0} req/s ({} errors); client CPU {:>6.1} µs/call; emulator CPU {:>6.1} µs/request = {:>7.0} req/s per emulator core ({:.0}% busy)",
                calls / elapsed,
                errors.load(Ordering::Relaxed),
                client_cpu / calls * 1e6,
                emulator_cpu / calls * 1e6,
                calls / emulator_cpu,
                emulator_cpu / elapsed * 100.0,
            );
        }
    });
    let _ = emulator.kill();
    let _ = emulator.wait();
}
