//! Helpers shared by the emulator's integration tests: clients for a running emulator and a
//! raw signed request for the cases a client would not send.

#![allow(dead_code)]

use serde_json::Value;
use tc_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY, RunningEmulator};
use tc_runtime::{Client, Credentials, RetryPolicy, sign};
use tencentcloud::ssl::v20191205::SslClient;

/// A generated ssl client on the demo credentials, with the given retry policy and without
/// the client-side rate limit.
pub fn ssl_client(emulator: &RunningEmulator, retry: RetryPolicy) -> SslClient {
    let client = Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY).unwrap())
        .base_url(emulator.base_url())
        .unwrap()
        .retry(retry)
        .rate_limit(false)
        .build()
        .unwrap();
    SslClient::new(client)
}

/// Fast retries for tests.
pub fn quick_retries(attempts: u32) -> RetryPolicy {
    RetryPolicy::new()
        .with_max_attempts(attempts)
        .with_base_delay(std::time::Duration::from_millis(1))
        .with_max_delay(std::time::Duration::from_millis(5))
}

/// Now, Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// One raw request, signed by hand.
pub struct Raw<'a> {
    pub action: &'a str,
    pub version: &'a str,
    pub body: &'a str,
    pub secret_id: &'a str,
    pub secret_key: &'a str,
    pub timestamp: i64,
    pub token: Option<&'a str>,
    pub service: &'a str,
    /// Sign this body but send `body`.
    pub signed_body: Option<&'a str>,
    pub content_type: &'a str,
}

impl<'a> Raw<'a> {
    pub fn new(action: &'a str, body: &'a str) -> Self {
        Raw {
            action,
            version: "2019-12-05",
            body,
            secret_id: DEMO_SECRET_ID,
            secret_key: DEMO_SECRET_KEY,
            timestamp: now(),
            token: None,
            service: "ssl",
            signed_body: None,
            content_type: "application/json",
        }
    }

    /// Sends the request; returns the HTTP status and the decoded body.
    pub async fn send(&self, base_url: &str) -> (u16, Value) {
        let host = base_url.trim_start_matches("http://").trim_end_matches('/');
        let date = sign::utc_date(self.timestamp);
        let signed = self.signed_body.unwrap_or(self.body);
        let canonical = sign::canonical_request(self.content_type, host, signed.as_bytes());
        let to_sign = sign::string_to_sign(self.timestamp, &date, self.service, &canonical);
        let signature = sign::signature(self.secret_key, &date, self.service, &to_sign);
        let authorization = sign::authorization(self.secret_id, &date, self.service, &signature);
        let mut headers = vec![
            ("Host", host.to_owned()),
            ("Content-Type", self.content_type.to_owned()),
            ("X-TC-Action", self.action.to_owned()),
            ("X-TC-Version", self.version.to_owned()),
            ("X-TC-Timestamp", self.timestamp.to_string()),
            ("Authorization", authorization),
        ];
        if let Some(token) = self.token {
            headers.push(("X-TC-Token", token.to_owned()));
        }
        post(host, &headers, self.body.as_bytes()).await
    }
}

/// The error code of a raw answer, if it is an error.
pub fn code(body: &Value) -> Option<&str> {
    body["Response"]["Error"]["Code"].as_str()
}

/// A minimal HTTP/1.1 POST to `/` on `host` with `Connection: close`: the HTTP status and the
/// body decoded as JSON.
pub async fn post(host: &str, headers: &[(&str, String)], body: &[u8]) -> (u16, Value) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(host).await.unwrap();
    let mut request = String::from("POST / HTTP/1.1\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    stream.write_all(request.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete HTTP answer");
    let head = String::from_utf8_lossy(&answer[..split]);
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = &answer[split + 4..];
    (status, serde_json::from_slice(body).unwrap_or(Value::Null))
}
