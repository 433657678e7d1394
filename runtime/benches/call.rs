//! End-to-end cost of one call through the client against a keep-alive server on 127.0.0.1
//! (run in another thread): wall time per call with criterion, then the client thread's CPU
//! time per call from `/proc/thread-self/schedstat`.
//!
//! `CARGO_TARGET_DIR=/work/target-runtime cargo bench -p tc-runtime --bench call`

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use criterion::Criterion;
use serde::{Deserialize, Serialize};
use tc_runtime::{Action, Client, Credentials, InvalidRequest};

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ApplyCertificateRequest {
    dv_auth_method: String,
    domain_name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)]
struct ApplyCertificateResponse {
    certificate_id: String,
    request_id: String,
}

impl Action for ApplyCertificateRequest {
    const SERVICE: &'static str = "ssl";
    const VERSION: &'static str = "2019-12-05";
    const NAME: &'static str = "ApplyCertificate";
    const RATE_LIMIT: Option<u32> = Some(20);
    const RETRY_SAFE: bool = false;
    type Output = ApplyCertificateResponse;
    type ErrorCode = String;

    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

/// A blocking keep-alive HTTP/1.1 server answering every request with a fixed success.
fn serve(listener: TcpListener) {
    const BODY: &str = r#"{"Response":{"CertificateId":"cert-123","RequestId":"req-1"}}"#;
    let reply = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{BODY}",
        BODY.len()
    );
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else { return };
        let reply = reply.clone();
        std::thread::spawn(move || {
            let mut buffer = Vec::with_capacity(8192);
            let mut chunk = [0u8; 8192];
            loop {
                let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") else {
                    match stream.read(&mut chunk) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                    continue;
                };
                let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                while buffer.len() < end + 4 + length {
                    match stream.read(&mut chunk) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                }
                buffer.drain(..end + 4 + length);
                if stream.write_all(reply.as_bytes()).is_err() {
                    return;
                }
            }
        });
    }
}

/// CPU time this thread has used, from the kernel's scheduler statistics.
fn thread_cpu() -> Duration {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").unwrap_or_default();
    let nanos = text
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    Duration::from_nanos(nanos)
}

fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || serve(listener));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = Client::builder()
        .credentials(
            Credentials::new(
                "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
                "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            )
            .unwrap(),
        )
        .base_url(&url)
        .unwrap()
        .rate_limit(false)
        .build()
        .unwrap();
    let request = ApplyCertificateRequest {
        dv_auth_method: "DNS_AUTO".into(),
        domain_name: "www.example.com".into(),
    };
    let call = || runtime.block_on(client.call(&request)).unwrap();
    call();

    let mut criterion = Criterion::default().configure_from_args();
    criterion.bench_function("call/end_to_end_local", |b| b.iter(call));
    criterion.final_summary();

    const CALLS: u32 = 5_000;
    let (cpu, wall) = (thread_cpu(), Instant::now());
    for _ in 0..CALLS {
        call();
    }
    let (cpu, wall) = (thread_cpu() - cpu, wall.elapsed());
    println!(
        "client thread CPU per call: {:.1} µs (wall {:.1} µs, {CALLS} calls, current-thread runtime)",
        cpu.as_secs_f64() * 1e6 / f64::from(CALLS),
        wall.as_secs_f64() * 1e6 / f64::from(CALLS),
    );
}
