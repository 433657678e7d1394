//! Client CPU per call, side by side in one run, against the emulator (a separate process):
//! the generated client, a minimal hyper client sending the same pre-signed request, and
//! `ab -k` when installed, each at 1 and 16 requests in flight. User and kernel time are
//! reported apart: on loopback the kernel's share is most of it.
//!
//! Two more contenders split the generated client's extra cost: the minimal hyper client that
//! also decodes each answer into the typed response (the decoding), and a plain reqwest client
//! sending the pre-signed request (reqwest's layers over hyper). The rest is the client's own:
//! serializing, signing, headers, retry bookkeeping and the span.
//!
//! ```text
//! cargo bench -p tc-emulator --bench client_cpu                 # 3 s per contender and level
//! TC_BENCH_SECONDS=10 cargo bench -p tc-emulator --bench client_cpu
//! ```

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use tc_runtime::sign::{Signer, SigningInput};
use tc_runtime::{Client, Credentials, RetryPolicy};
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, DescribeCertificateRequest, DescribeCertificateResponse, DvAuthMethod,
    ServiceErrorCode, SslClient,
};

/// (user, system) CPU seconds of a process, from /proc.
fn cpu(pid: &str) -> (f64, f64) {
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return (f64::NAN, f64::NAN);
    };
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 100.0
    };
    (ticks(11), ticks(12))
}

/// One contender's result at one level.
struct Measured {
    calls: f64,
    errors: u64,
    seconds: f64,
    user: f64,
    system: f64,
}

impl Measured {
    fn show(&self, name: &str, in_flight: usize) {
        let per = |s: f64| s / self.calls * 1e6;
        println!(
            "{name:<19} {in_flight:>2} in flight: {:>7.0} calls/s, {:>3} errors; client CPU {:>6.1} µs/call (user {:>5.1}, kernel {:>5.1})",
            self.calls / self.seconds,
            self.errors,
            per(self.user + self.system),
            per(self.user),
            per(self.system),
        );
    }
}

/// Runs `in_flight` copies of `call` for `seconds`, measuring this process's CPU.
async fn drive<F, Fut>(in_flight: usize, seconds: u64, call: F) -> Measured
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let before = cpu("self");
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for index in 0..in_flight {
        tasks.spawn(call(index));
    }
    while tasks.join_next().await.is_some() {}
    let after = cpu("self");
    Measured {
        calls: 0.0,
        errors: 0,
        seconds: started.elapsed().as_secs_f64().min(seconds as f64 + 1.0),
        user: after.0 - before.0,
        system: after.1 - before.1,
    }
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let seconds: u64 = std::env::var("TC_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let mut emulator = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_tc-emulator"))
            // ssl allows 10 calls/s: the limits are switched off on both sides to measure CPU.
            .args([
                "--port",
                "0",
                "--threads",
                "1",
                "--clock-speed",
                "1000",
                "--no-rate-limits",
            ])
            .stdout(Stdio::piped())
            .spawn()
            .expect("start tc-emulator"),
    );
    let mut stdout = BufReader::new(emulator.0.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_owned();
    // Keep reading: the emulator logs to stdout and would fail on a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run(&url, seconds));
}

/// The emulator process, stopped however the bench ends (a panic included).
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn run(url: &str, seconds: u64) {
    let credentials =
        Credentials::new(tc_emulator::DEMO_SECRET_ID, tc_emulator::DEMO_SECRET_KEY).unwrap();
    let client = Client::builder()
        .credentials(credentials.clone())
        .base_url(url)
        .unwrap()
        .retry(RetryPolicy::disabled())
        .rate_limit(false)
        .build()
        .unwrap();
    let ssl = Arc::new(SslClient::new(client));
    let id = ssl
        .apply_certificate(ApplyCertificateRequest::new(
            DvAuthMethod::DnsAuto,
            "bench.example.com",
        ))
        .await
        .unwrap()
        .certificate_id;
    // Issued after 60 clock seconds: 60 ms at --clock-speed 1000.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let request = DescribeCertificateRequest::new(id.as_str());
    let body = Bytes::from(serde_json::to_vec(&request).unwrap());
    let host = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let authorization = Signer::new().authorization(
        &credentials,
        &SigningInput {
            service: "ssl",
            host: &host,
            content_type: "application/json",
            payload: &body,
            timestamp,
        },
    );
    let headers: Vec<(&str, String)> = vec![
        ("Authorization", authorization),
        ("X-TC-Action", "DescribeCertificate".into()),
        ("X-TC-Version", "2019-12-05".into()),
        ("X-TC-Timestamp", timestamp.to_string()),
    ];
    println!(
        "DescribeCertificate of an issued certificate against the emulator ({url}, one thread), {seconds} s each"
    );
    for in_flight in [1usize, 16] {
        let generated = generated(&ssl, &id, in_flight, seconds).await;
        generated.show("generated client", in_flight);
        let minimal = hyper_client(&host, &headers, &body, in_flight, seconds, false).await;
        minimal.show("minimal hyper", in_flight);
        hyper_client(&host, &headers, &body, in_flight, seconds, true)
            .await
            .show("hyper + decode", in_flight);
        reqwest_client(url, &headers, &body, in_flight, seconds)
            .await
            .show("reqwest, pre-signed", in_flight);
        match ab(url, &headers, &body, in_flight, seconds) {
            Some(ab) => ab.show("ab -k", in_flight),
            None => println!("ab -k               not installed (apt-get install apache2-utils)"),
        }
        println!(
            "ratio generated/minimal at {in_flight}: {:.2}x CPU per call",
            (generated.user + generated.system)
                / generated.calls
                / ((minimal.user + minimal.system) / minimal.calls)
        );
    }
}

async fn generated(ssl: &Arc<SslClient>, id: &str, in_flight: usize, seconds: u64) -> Measured {
    let calls = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut measured = drive(in_flight, seconds, |_| {
        let (ssl, id, calls, errors) = (ssl.clone(), id.to_owned(), calls.clone(), errors.clone());
        async move {
            while Instant::now() < deadline {
                match ssl
                    .describe_certificate(DescribeCertificateRequest::new(id.as_str()))
                    .await
                {
                    Ok(_) => calls.fetch_add(1, Ordering::Relaxed),
                    Err(_) => errors.fetch_add(1, Ordering::Relaxed),
                };
            }
        }
    })
    .await;
    measured.calls = calls.load(Ordering::Relaxed) as f64;
    measured.errors = errors.load(Ordering::Relaxed);
    measured
}

/// One keep-alive connection per task, sending the pre-signed request and reading the body,
/// and with `decode` decoding it into the typed response as the generated client does.
async fn hyper_client(
    host: &str,
    headers: &[(&str, String)],
    body: &Bytes,
    in_flight: usize,
    seconds: u64,
    decode: bool,
) -> Measured {
    let calls = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let headers: Arc<Vec<(String, String)>> = Arc::new(
        headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), v.clone()))
            .collect(),
    );
    let mut measured = drive(in_flight, seconds, |_| {
        let (host, headers, body) = (host.to_owned(), headers.clone(), body.clone());
        let (calls, errors) = (calls.clone(), errors.clone());
        async move {
            let stream = tokio::net::TcpStream::connect(&host).await.unwrap();
            stream.set_nodelay(true).unwrap();
            let (mut sender, connection) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream))
                    .await
                    .unwrap();
            tokio::spawn(connection);
            while Instant::now() < deadline {
                let mut request = hyper::Request::post("/")
                    .header("host", host.as_str())
                    .header("content-type", "application/json");
                for (name, value) in headers.iter() {
                    request = request.header(name.as_str(), value.as_str());
                }
                let request = request.body(Full::new(body.clone())).unwrap();
                let ok = match sender.send_request(request).await {
                    Ok(response) if response.status().is_success() => {
                        match response.into_body().collect().await {
                            Ok(answer) if decode => decodes(200, &answer.to_bytes()),
                            Ok(_) => true,
                            Err(_) => false,
                        }
                    }
                    _ => false,
                };
                if ok {
                    calls.fetch_add(1, Ordering::Relaxed);
                } else {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    })
    .await;
    measured.calls = calls.load(Ordering::Relaxed) as f64;
    measured.errors = errors.load(Ordering::Relaxed);
    measured
}

fn decodes(status: u16, body: &[u8]) -> bool {
    matches!(
        tc_runtime::response::decode::<
            DescribeCertificateResponse,
            tc_runtime::Code<ServiceErrorCode>,
        >(status, body),
        tc_runtime::response::Decoded::Output(..)
    )
}

/// One reqwest client (its own pool) sending the pre-signed request and reading the body.
async fn reqwest_client(
    url: &str,
    headers: &[(&str, String)],
    body: &Bytes,
    in_flight: usize,
    seconds: u64,
) -> Measured {
    let calls = Arc::new(AtomicU64::new(0));
    let errors = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    // The runtime's own builder: the same TLS set-up and pool settings as the generated client.
    let client = tc_runtime::transport::http_builder()
        .unwrap()
        .build()
        .unwrap();
    let url = reqwest::Url::parse(url).unwrap();
    let mut header_map = reqwest::header::HeaderMap::new();
    header_map.insert(
        reqwest::header::CONTENT_TYPE,
        reqwest::header::HeaderValue::from_static("application/json"),
    );
    for (name, value) in headers {
        header_map.insert(
            reqwest::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    let mut measured = drive(in_flight, seconds, |_| {
        let (client, url, headers, body) = (
            client.clone(),
            url.clone(),
            header_map.clone(),
            body.clone(),
        );
        let (calls, errors) = (calls.clone(), errors.clone());
        async move {
            while Instant::now() < deadline {
                let sent = client
                    .post(url.clone())
                    .headers(headers.clone())
                    .body(body.clone())
                    .send()
                    .await;
                let ok = match sent {
                    Ok(response) => {
                        response.status().is_success() && response.bytes().await.is_ok()
                    }
                    Err(_) => false,
                };
                if ok {
                    calls.fetch_add(1, Ordering::Relaxed);
                } else {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    })
    .await;
    measured.calls = calls.load(Ordering::Relaxed) as f64;
    measured.errors = errors.load(Ordering::Relaxed);
    measured
}

/// `ab -k` with the same request; its CPU from the shell's `times` (children's user/system).
fn ab(
    url: &str,
    headers: &[(&str, String)],
    body: &Bytes,
    in_flight: usize,
    seconds: u64,
) -> Option<Measured> {
    Command::new("ab")
        .arg("-V")
        .stdout(Stdio::null())
        .status()
        .ok()?;
    let file = std::env::temp_dir().join(format!("tc-bench-body-{}.json", std::process::id()));
    std::fs::write(&file, body).ok()?;
    let mut script = format!(
        "ab -k -q -t {seconds} -n 100000000 -c {in_flight} -p {} -T application/json",
        file.display()
    );
    for (name, value) in headers {
        script.push_str(&format!(" -H '{name}: {value}'"));
    }
    script.push_str(&format!(" {url}/; times"));
    let output = Command::new("bash").args(["-c", &script]).output().ok()?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let number = |label: &str| -> Option<f64> {
        text.lines()
            .find(|l| l.starts_with(label))?
            .split_whitespace()
            .find_map(|w| w.parse().ok())
    };
    // `times` prints the shell's then the children's "XmY.YYYs XmY.YYYs".
    let children = text.lines().last()?;
    let parse = |t: &str| -> Option<f64> {
        let (minutes, rest) = t.split_once('m')?;
        Some(minutes.parse::<f64>().ok()? * 60.0 + rest.trim_end_matches('s').parse::<f64>().ok()?)
    };
    let mut parts = children.split_whitespace();
    let user = parse(parts.next()?)?;
    let system = parse(parts.next()?)?;
    Some(Measured {
        calls: number("Complete requests:")?,
        errors: number("Failed requests:").unwrap_or(0.0) as u64
            + number("Non-2xx responses:").unwrap_or(0.0) as u64,
        seconds: number("Time taken for tests:")?,
        user,
        system,
    })
}
