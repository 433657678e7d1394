//! The `tc-emulator` binary: a local Tencent Cloud API 3.0 endpoint.
//!
//! ```text
//! tc-emulator --port 9000 --clock-speed 60 --state-file emulator-state.json
//! ```
//!
//! It prints `tc-emulator listening on http://127.0.0.1:<port>` once it accepts requests.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use tc_emulator::{
    Clock, Credential, DEMO_SECRET_ID, DEMO_SECRET_KEY, Emulator, FaultConfig, SpecSet, SslConfig,
};
use tracing_subscriber::layer::SubscriberExt as _;
use tracing_subscriber::util::SubscriberInitExt as _;

/// A local Tencent Cloud API 3.0 endpoint: signature checks, spec validation, rate limits, a
/// stateful ssl certificate lifecycle and seeded fault injection.
#[derive(Debug, Parser)]
#[command(name = "tc-emulator", version)]
struct Args {
    /// Port to listen on; 0 picks a free port (printed at start).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// Address to listen on (loopback by default).
    #[arg(long, default_value = "127.0.0.1")]
    host: std::net::IpAddr,
    /// SecretId accepted. The default is the emulator's demo key, not a real account's.
    #[arg(long, default_value = DEMO_SECRET_ID, env = "TC_EMULATOR_SECRET_ID")]
    secret_id: String,
    /// SecretKey accepted. The default is the emulator's demo key, not a real account's.
    #[arg(long, default_value = DEMO_SECRET_KEY, env = "TC_EMULATOR_SECRET_KEY")]
    secret_key: String,
    /// Session token that requests must carry (`X-TC-Token`), to emulate temporary credentials.
    #[arg(long)]
    token: Option<String>,
    /// Seed of the generated ids and of the fault draws.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Share of requests answered RequestLimitExceeded (0.0 to 1.0).
    #[arg(long, default_value_t = 0.0)]
    fault_throttle: f64,
    /// Share of requests answered InternalError.
    #[arg(long, default_value_t = 0.0)]
    fault_internal_error: f64,
    /// Share of requests answered HTTP 502.
    #[arg(long, default_value_t = 0.0)]
    fault_502: f64,
    /// Share of requests answered HTTP 503.
    #[arg(long, default_value_t = 0.0)]
    fault_503: f64,
    /// Share of requests delayed by --fault-delay-ms.
    #[arg(long, default_value_t = 0.0)]
    fault_delay: f64,
    /// Delay of a delayed request, in milliseconds.
    #[arg(long, default_value_t = 500)]
    fault_delay_ms: u64,
    /// Share of requests whose connection is dropped without an answer.
    #[arg(long, default_value_t = 0.0)]
    fault_drop: f64,
    /// Share of requests answered with malformed JSON.
    #[arg(long, default_value_t = 0.0)]
    fault_malformed: f64,
    /// Only these actions get faults (comma-separated; all when unset).
    #[arg(long, value_delimiter = ',')]
    fault_actions: Vec<String>,
    /// Saves the certificate state here after every change and resumes from it at start.
    #[arg(long)]
    state_file: Option<PathBuf>,
    /// How fast the lifecycle clock runs (60: a minute per second).
    #[arg(long, default_value_t = 1.0)]
    clock_speed: f64,
    /// Clock seconds from validation (DNS_AUTO: from the application) to issuance.
    #[arg(long, default_value_t = 60)]
    issue_after: u64,
    /// Clock seconds after which DNS and FILE validation records count as found
    /// (0: never by themselves).
    #[arg(long, default_value_t = 300)]
    validate_after: u64,
    /// Free certificates that may be applied for before FailedOperation.ExceedsFreeLimit.
    #[arg(long, default_value_t = 50)]
    free_quota: u32,
    /// Turns off the spec's rate limits.
    #[arg(long)]
    no_rate_limits: bool,
    /// Serves this service spec file too (repeatable), checked at start.
    #[arg(long = "spec")]
    specs: Vec<PathBuf>,
    /// Serves every service version of this folder (laid out like `spec/`), each read on its
    /// first request. Default: the workspace's `spec/` when it exists, else only the embedded
    /// specs (ssl, dnspod, cvm).
    #[arg(long)]
    spec_dir: Option<PathBuf>,
    /// Hosts this domain in the emulated DNSPod account from the start (repeatable).
    #[arg(long = "dnspod-domain")]
    dnspod_domains: Vec<String>,
    /// Worker threads (1: a single-threaded runtime).
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// What to log on stderr: a level (`debug` logs every answered request's action and
    /// outcome) or `target=level` pairs separated by commas. Bodies and keys are never logged.
    #[arg(long, default_value = "warn", env = "RUST_LOG")]
    log: tracing_subscriber::filter::Targets,
}

fn main() -> ExitCode {
    let args = Args::parse();
    // The fmt subscriber stops at INFO by itself; `--log` decides.
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .finish()
        .with(args.log.clone())
        .init();
    let runtime = if args.threads <= 1 {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
    } else {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(args.threads)
            .enable_all()
            .build()
    };
    let runtime = match runtime {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("tc-emulator: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run(args))
}

async fn run(args: Args) -> ExitCode {
    let mut specs = match SpecSet::builtin() {
        Ok(specs) => specs,
        Err(error) => {
            eprintln!("tc-emulator: the embedded spec is invalid:\n{error}");
            return ExitCode::FAILURE;
        }
    };
    let workspace_specs = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"));
    let spec_dir = args
        .spec_dir
        .clone()
        .or_else(|| workspace_specs.is_dir().then_some(workspace_specs));
    if let Some(dir) = &spec_dir {
        specs = match specs.with_spec_dir(dir) {
            Ok(specs) => specs,
            Err(error) => {
                eprintln!("tc-emulator: {error}");
                return ExitCode::FAILURE;
            }
        };
    }
    for path in &args.specs {
        specs = match specs.with_service_file(path) {
            Ok(specs) => specs,
            Err(error) => {
                eprintln!("tc-emulator: {}:\n{error}", path.display());
                return ExitCode::FAILURE;
            }
        };
    }
    let mut credential = Credential::new(&args.secret_id, &args.secret_key);
    if let Some(token) = &args.token {
        credential = credential.with_token(token);
    }
    let faults = FaultConfig {
        throttle: args.fault_throttle,
        internal_error: args.fault_internal_error,
        bad_gateway: args.fault_502,
        service_unavailable: args.fault_503,
        delay: args.fault_delay,
        delay_for: Duration::from_millis(args.fault_delay_ms),
        drop: args.fault_drop,
        malformed: args.fault_malformed,
        actions: args.fault_actions.clone(),
        seed: args.seed,
    };
    let clock = if args.clock_speed == 1.0 {
        Clock::real()
    } else {
        Clock::accelerated(args.clock_speed)
    };
    let ssl = SslConfig {
        free_quota: args.free_quota,
        issue_delay: Duration::from_secs(args.issue_after),
        validation_delay: (args.validate_after > 0)
            .then(|| Duration::from_secs(args.validate_after)),
        ..SslConfig::default()
    };
    let served = specs.len();
    let mut builder = Emulator::builder()
        .addr(std::net::SocketAddr::new(args.host, args.port))
        .credential(credential)
        .specs(specs)
        .faults(faults)
        .clock(clock)
        .ssl(ssl)
        .seed(args.seed)
        .rate_limits(!args.no_rate_limits);
    if let Some(path) = &args.state_file {
        builder = builder.state_file(path);
    }
    for domain in &args.dnspod_domains {
        builder = builder.dnspod_domain(domain);
    }
    let emulator = match builder.start().await {
        Ok(emulator) => emulator,
        Err(error) => {
            eprintln!("tc-emulator: {error}");
            return ExitCode::FAILURE;
        }
    };
    // One write, and errors ignored: a caller that reads only the first line and closes the
    // pipe must not stop the server (println! would panic on the closed pipe).
    let mut banner = format!("tc-emulator listening on {}\n", emulator.base_url());
    match &spec_dir {
        Some(dir) => banner.push_str(&format!(
            "serving {served} service versions from {} (each read on its first request)\n",
            dir.display()
        )),
        None => banner.push_str(&format!("serving the {served} embedded service versions\n")),
    }
    if args.secret_id == DEMO_SECRET_ID {
        banner.push_str(&format!(
            "credentials: SecretId {DEMO_SECRET_ID} with the demo SecretKey {DEMO_SECRET_KEY} (emulator only)\n"
        ));
    }
    let mut stdout = std::io::stdout();
    let _ = stdout.write_all(banner.as_bytes());
    let _ = stdout.flush();
    let _ = tokio::signal::ctrl_c().await;
    emulator.shutdown().await;
    ExitCode::SUCCESS
}
