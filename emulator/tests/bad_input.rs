//! Hostile requests over real HTTP: bodies and URLs over the real API's size limits, and
//! signed bodies that are not UTF-8, nest too deep, hold out-of-range numbers or duplicate
//! members. Each is answered with the API's error code, and the emulator keeps serving.

mod common;

use serde_json::Value;
use tc_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY, Emulator, RunningEmulator};
use tc_runtime::sign;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Sends `head` then `body` on a fresh connection, ignoring write errors (the emulator may
/// answer and close before an oversized body is through), and returns the answer's JSON.
async fn exchange(emulator: &RunningEmulator, head: String, body: &[u8]) -> Value {
    let mut stream = tokio::net::TcpStream::connect(emulator.addr())
        .await
        .unwrap();
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body).await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete HTTP answer");
    serde_json::from_slice(&answer[split + 4..]).unwrap_or(Value::Null)
}

/// A request for `DescribeCertificates` with `body` signed as sent.
async fn signed(emulator: &RunningEmulator, body: &[u8]) -> Value {
    let host = emulator.addr().to_string();
    let timestamp = common::now();
    let date = sign::utc_date(timestamp);
    let canonical = sign::canonical_request("application/json", &host, body);
    let to_sign = sign::string_to_sign(timestamp, &date, "ssl", &canonical);
    let signature = sign::signature(DEMO_SECRET_KEY, &date, "ssl", &to_sign);
    let authorization = sign::authorization(DEMO_SECRET_ID, &date, "ssl", &signature);
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
         X-TC-Action: DescribeCertificates\r\nX-TC-Version: 2019-12-05\r\n\
         X-TC-Timestamp: {timestamp}\r\nAuthorization: {authorization}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    exchange(emulator, head, body).await
}

fn code(answer: &Value) -> &str {
    common::code(answer).unwrap_or("(no error)")
}

async fn start() -> RunningEmulator {
    Emulator::builder()
        .rate_limits(false)
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_declared_body_over_10_mb_is_refused_before_it_is_read() {
    let emulator = start().await;
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        emulator.addr(),
        10 * 1024 * 1024 + 1
    );
    let answer = exchange(&emulator, head, b"{").await;
    assert_eq!(code(&answer), "RequestSizeLimitExceeded");
    assert!(answer["Response"]["RequestId"].is_string());
}

#[tokio::test]
async fn a_chunked_body_over_10_mb_is_cut_off() {
    let emulator = start().await;
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n",
        emulator.addr()
    );
    let chunk = vec![b' '; 1024 * 1024];
    let mut body = Vec::new();
    for _ in 0..11 {
        body.extend(format!("{:x}\r\n", chunk.len()).bytes());
        body.extend(&chunk);
        body.extend(b"\r\n");
    }
    body.extend(b"0\r\n\r\n");
    let answer = exchange(&emulator, head, &body).await;
    assert_eq!(code(&answer), "RequestSizeLimitExceeded");
}

#[tokio::test]
async fn a_get_over_32_kb_is_refused() {
    let emulator = start().await;
    let head = format!(
        "GET /?Action=DescribeCertificates&Padding={} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(32 * 1024),
        emulator.addr()
    );
    let answer = exchange(&emulator, head, b"").await;
    assert_eq!(code(&answer), "RequestSizeLimitExceeded");
}

#[tokio::test]
async fn hostile_bodies_are_answered_with_codes_and_the_emulator_keeps_serving() {
    let emulator = start().await;
    let deep = format!(
        "{{\"Limit\": {}1{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let cases: [(&[u8], &str); 6] = [
        (b"{\"SearchKey\": \"\xff\xfe\"}", "InvalidParameter"),
        (deep.as_bytes(), "InvalidParameter"),
        (
            b"{\"Limit\": 18446744073709551616}",
            "InvalidParameterValue",
        ),
        (b"{\"Limit\": -1e999}", "InvalidParameterValue"),
        (b"{\"Limit\": 10, \"Limit\": 20}", "InvalidParameter"),
        (b"{\"Limit\": 10", "InvalidParameter"),
    ];
    for (body, expected) in cases {
        let answer = signed(&emulator, body).await;
        assert_eq!(
            code(&answer),
            expected,
            "{}",
            String::from_utf8_lossy(&body[..body.len().min(80)])
        );
    }
    let answer = signed(&emulator, b"{\"Limit\": 10}").await;
    assert_eq!(code(&answer), "(no error)", "{answer}");
}
