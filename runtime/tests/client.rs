//! End-to-end calls through the client to a local server that verifies every request, with
//! fault injection; each case asserts the outcome and the number of attempts.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::{Reply, Server};
use serde::{Deserialize, Serialize};
use tc_runtime::credentials::CredentialsFuture;
use tc_runtime::{
    Action, CallOptions, Client, Credentials, CredentialsError, Error, ErrorCode, InvalidRequest,
    Language, ProvideCredentials, RetryPolicy, TransportErrorKind, Violation,
};

const SECRET_ID: &str = "AKIDtestsecretidEXAMPLE";
const SECRET_KEY: &str = "testSecretKeyEXAMPLEdonotleak";
const TOKEN: &str = "sessionTokenEXAMPLEdonotleak";

// ---- stand-ins for generated code ----

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ApplyCertificateRequest {
    dv_auth_method: String,
    domain_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    alias: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ApplyCertificateResponse {
    certificate_id: String,
    request_id: String,
}

#[derive(Debug, Clone, PartialEq)]
enum ApplyCertificateErrorCode {
    ExceedsFreeLimit,
    RequestLimitExceeded,
    Other(String),
}

impl ErrorCode for ApplyCertificateErrorCode {
    fn from_code(code: &str) -> Self {
        match code {
            "FailedOperation.ExceedsFreeLimit" => Self::ExceedsFreeLimit,
            "RequestLimitExceeded" => Self::RequestLimitExceeded,
            other => Self::Other(other.to_owned()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            Self::ExceedsFreeLimit => "FailedOperation.ExceedsFreeLimit",
            Self::RequestLimitExceeded => "RequestLimitExceeded",
            Self::Other(code) => code,
        }
    }
}

impl Action for ApplyCertificateRequest {
    const SERVICE: &'static str = "ssl";
    const VERSION: &'static str = "2019-12-05";
    const NAME: &'static str = "ApplyCertificate";
    const RATE_LIMIT: Option<u32> = Some(20);
    const RETRY_SAFE: bool = false;
    type Output = ApplyCertificateResponse;
    type ErrorCode = ApplyCertificateErrorCode;

    fn validate(&self) -> Result<(), InvalidRequest> {
        let mut violations = Vec::new();
        if self.domain_name.is_empty() {
            violations.push(Violation::new("DomainName", "must not be empty"));
        }
        if !["DNS_AUTO", "DNS", "FILE"].contains(&self.dv_auth_method.as_str()) {
            violations.push(Violation::new(
                "DvAuthMethod",
                "must be DNS_AUTO, DNS or FILE",
            ));
        }
        InvalidRequest::check(Self::NAME, violations)
    }
}

/// A read-only action: safe to retry, with a low rate limit.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct DescribeCertificateRequest {
    certificate_id: String,
}

impl Action for DescribeCertificateRequest {
    const SERVICE: &'static str = "ssl";
    const VERSION: &'static str = "2019-12-05";
    const NAME: &'static str = "DescribeCertificate";
    const RATE_LIMIT: Option<u32> = Some(5);
    const RETRY_SAFE: bool = true;
    type Output = ApplyCertificateResponse;
    type ErrorCode = String;

    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

fn apply() -> ApplyCertificateRequest {
    ApplyCertificateRequest {
        dv_auth_method: "DNS_AUTO".into(),
        domain_name: "www.例子.com".into(),
        alias: Some("证书 ✓".into()),
    }
}

fn describe() -> DescribeCertificateRequest {
    DescribeCertificateRequest {
        certificate_id: "cert-123".into(),
    }
}

/// Counts how often credentials are asked for: once per attempt.
#[derive(Debug)]
struct Counting {
    inner: Credentials,
    count: AtomicUsize,
}

impl ProvideCredentials for Counting {
    fn credentials(&self) -> CredentialsFuture<'_> {
        self.count.fetch_add(1, Ordering::SeqCst);
        self.inner.credentials()
    }
}

fn fast_retry() -> RetryPolicy {
    RetryPolicy::new()
        .with_max_attempts(3)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(5))
}

fn client_for(server: &Server) -> Client {
    Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY).unwrap())
        .base_url(&server.url())
        .unwrap()
        .retry(fast_retry())
        .build()
        .unwrap()
}

async fn server(script: Vec<Reply>) -> Server {
    Server::start(SECRET_KEY, script).await
}

// ---- success paths ----

#[tokio::test]
async fn apply_certificate_goes_through_and_is_verified() {
    let server = server(vec![]).await;
    let client = client_for(&server);
    let output = client.call(&apply()).await.unwrap();
    assert_eq!(output.certificate_id, "cert-123");
    assert_eq!(output.request_id, "req-ok");
    assert_eq!(server.attempts(), 1);
    server.assert_all_valid();
    let request = &server.requests()[0];
    assert_eq!(request.header("x-tc-action"), Some("ApplyCertificate"));
    assert_eq!(request.header("x-tc-version"), Some("2019-12-05"));
    assert_eq!(
        request.header("host"),
        Some(server.addr.to_string().as_str())
    );
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert!(
        request
            .header("x-tc-requestclient")
            .unwrap()
            .starts_with("SDK_RUST")
    );
    assert!(
        request
            .header("user-agent")
            .unwrap()
            .contains(env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(request.header("x-tc-region"), None, "ssl needs no region");
    assert_eq!(request.header("x-tc-token"), None);
    assert_eq!(request.header("x-tc-language"), None);
    let timestamp: i64 = request.header("x-tc-timestamp").unwrap().parse().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!((timestamp - now).abs() < 60);
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body["DomainName"], "www.例子.com");
}

#[tokio::test]
async fn region_token_and_language_headers() {
    let server = server(vec![]).await;
    let client = Client::builder()
        .credentials(Credentials::temporary(SECRET_ID, SECRET_KEY, TOKEN).unwrap())
        .base_url(&server.url())
        .unwrap()
        .region("ap-guangzhou")
        .language(Language::EnUs)
        .request_client("my-app")
        .build()
        .unwrap();
    client.call(&describe()).await.unwrap();
    client
        .call_with(&describe(), &CallOptions::new().region("ap-shanghai"))
        .await
        .unwrap();
    server.assert_all_valid();
    let requests = server.requests();
    assert_eq!(requests[0].header("x-tc-region"), Some("ap-guangzhou"));
    assert_eq!(requests[1].header("x-tc-region"), Some("ap-shanghai"));
    assert_eq!(requests[0].header("x-tc-token"), Some(TOKEN));
    assert_eq!(requests[0].header("x-tc-language"), Some("en-US"));
    assert!(
        requests[0]
            .header("x-tc-requestclient")
            .unwrap()
            .ends_with("; my-app")
    );
}

// ---- throttling: retried for any action ----

#[tokio::test]
async fn throttling_is_retried_even_for_apply_certificate() {
    let server = server(vec![
        Reply::error(200, "RequestLimitExceeded"),
        Reply::error(200, "RequestLimitExceeded.UinLimitExceeded"),
    ])
    .await;
    let output = client_for(&server).call(&apply()).await.unwrap();
    assert_eq!(output.certificate_id, "cert-123");
    assert_eq!(server.attempts(), 3);
    server.assert_all_valid();
}

#[tokio::test]
async fn throttling_gives_up_after_max_attempts() {
    let server = server(vec![
        Reply::error(200, "LimitExceeded.RateLimitExceeded"),
        Reply::error(200, "RequestLimitExceeded"),
        Reply::error(429, "RequestLimitExceeded.IPLimitExceeded"),
    ])
    .await;
    let error = client_for(&server).call(&apply()).await.unwrap_err();
    assert_eq!(server.attempts(), 3);
    assert!(error.is_throttling());
    assert!(error.is_retryable());
    assert_eq!(error.code(), Some("RequestLimitExceeded.IPLimitExceeded"));
    assert_eq!(
        error.request_id(),
        Some("req-RequestLimitExceeded.IPLimitExceeded")
    );
}

#[tokio::test]
async fn retries_can_be_switched_off() {
    let server = server(vec![Reply::error(200, "RequestLimitExceeded")]).await;
    let client = client_for(&server);
    let error = client
        .call_with(&apply(), &CallOptions::new().retry(RetryPolicy::disabled()))
        .await
        .unwrap_err();
    assert!(matches!(
        &error,
        Error::Service(e) if e.code == ApplyCertificateErrorCode::RequestLimitExceeded
    ));
    assert_eq!(server.attempts(), 1);
}

// ---- ambiguous failures: retried only for retry-safe actions ----

fn bad_gateway() -> Reply {
    Reply::Http {
        status: 502,
        content_type: "text/html",
        body: "<html>502 Bad Gateway</html>".into(),
        date: None,
    }
}

#[tokio::test]
async fn http_5xx_is_not_retried_for_apply_certificate() {
    let server = server(vec![bad_gateway(), bad_gateway()]).await;
    let error = client_for(&server).call(&apply()).await.unwrap_err();
    assert_eq!(server.attempts(), 1);
    match &error {
        Error::Decode(e) => {
            assert_eq!(e.status, 502);
            assert!(e.snippet.contains("Bad Gateway"));
        }
        other => panic!("{other:?}"),
    }
    assert!(error.is_ambiguous() && !error.is_retryable());
    assert!(error.to_string().contains("502"));
}

#[tokio::test]
async fn http_5xx_is_retried_for_safe_actions() {
    let server = server(vec![bad_gateway(), Reply::error(503, "InternalError")]).await;
    client_for(&server).call(&describe()).await.unwrap();
    assert_eq!(server.attempts(), 3);
}

#[tokio::test]
async fn apply_certificate_retries_ambiguous_failures_only_when_opted_in() {
    let server = server(vec![bad_gateway()]).await;
    let options = CallOptions::new().retry(fast_retry().retry_ambiguous(true));
    client_for(&server)
        .call_with(&apply(), &options)
        .await
        .unwrap();
    assert_eq!(server.attempts(), 2);
}

#[tokio::test]
async fn internal_error_with_http_200() {
    let server = server(vec![
        Reply::error(200, "InternalError"),
        Reply::error(200, "InternalError"),
    ])
    .await;
    let client = client_for(&server);
    let error = client.call(&apply()).await.unwrap_err();
    assert_eq!(error.code(), Some("InternalError"));
    assert_eq!(server.attempts(), 1);
    client.call(&describe()).await.unwrap();
    assert_eq!(server.attempts(), 3);
}

#[tokio::test]
async fn connection_reset() {
    let server = server(vec![Reply::Reset, Reply::Reset]).await;
    let client = client_for(&server);
    let error = client.call(&apply()).await.unwrap_err();
    assert_eq!(server.attempts(), 1);
    match &error {
        Error::Transport(e) => assert!(e.maybe_sent, "{e}"),
        other => panic!("{other:?}"),
    }
    client.call(&describe()).await.unwrap();
    assert_eq!(server.attempts(), 3);
}

#[tokio::test]
async fn slow_answer_past_the_timeout() {
    let slow = || Reply::Delay(Duration::from_secs(2), Box::new(Reply::ok()));
    let server = server(vec![slow(), slow()]).await;
    let client = client_for(&server);
    let options = CallOptions::new().timeout(Duration::from_millis(200));
    let error = client.call_with(&apply(), &options).await.unwrap_err();
    assert_eq!(server.attempts(), 1);
    match &error {
        Error::Transport(e) => {
            assert_eq!(e.kind, TransportErrorKind::Timeout);
            assert!(e.maybe_sent);
        }
        other => panic!("{other:?}"),
    }
    client.call_with(&describe(), &options).await.unwrap();
    assert_eq!(server.attempts(), 3);
}

#[tokio::test]
async fn connect_errors_are_retried_for_any_action() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let provider = Arc::new(Counting {
        inner: Credentials::new(SECRET_ID, SECRET_KEY).unwrap(),
        count: AtomicUsize::new(0),
    });
    let client = Client::builder()
        .credentials_provider(provider.clone())
        .base_url(&url)
        .unwrap()
        .retry(fast_retry())
        .build()
        .unwrap();
    let error = client.call(&apply()).await.unwrap_err();
    assert_eq!(provider.count.load(Ordering::SeqCst), 3, "attempts");
    match &error {
        Error::Transport(e) => {
            assert_eq!(e.kind, TransportErrorKind::Connect);
            assert!(!e.maybe_sent);
        }
        other => panic!("{other:?}"),
    }
    assert!(error.is_retryable());
    assert!(error.to_string().contains("not sent"), "{error}");
}

// ---- undecodable answers: not retried for a non-idempotent action (tests/ambiguous.rs has the matrix) ----

#[tokio::test]
async fn malformed_truncated_and_null_responses() {
    let truncated_body = Reply::Raw(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Response\":{\"Cert".to_vec(),
    );
    let cases = vec![
        (Reply::json(200, "{not json"), true),
        (Reply::json(200, r#"{"Response":{"CertificateId":"#), true),
        (Reply::json(200, r#"{"Response": null}"#), true),
        (
            Reply::json(200, r#"{"Response":{"RequestId":"req-x"}}"#),
            true,
        ),
        (Reply::json(200, "\u{0}\u{ffff}"), true),
        (truncated_body, false),
    ];
    for (reply, decode) in cases {
        let description = format!("{reply:?}");
        let server = server(vec![reply]).await;
        let error = client_for(&server).call(&apply()).await.unwrap_err();
        assert_eq!(server.attempts(), 1, "{description}");
        if decode {
            match &error {
                Error::Decode(e) => assert_eq!(e.status, 200, "{description}"),
                other => panic!("{description}: {other:?}"),
            }
        } else {
            assert!(
                matches!(&error, Error::Transport(e) if e.maybe_sent),
                "{error:?}"
            );
        }
        assert!(!error.to_string().is_empty());
    }
    let server = server(vec![Reply::json(
        200,
        r#"{"Response":{"RequestId":"req-x"}}"#,
    )])
    .await;
    let error = client_for(&server).call(&apply()).await.unwrap_err();
    assert_eq!(error.request_id(), Some("req-x"));
}

// ---- service errors, whatever the status and content type ----

#[tokio::test]
async fn service_errors_with_200_and_4xx() {
    let with_charset = Reply::Http {
        status: 200,
        content_type: "application/json; charset=utf-8",
        body: r#"{"Response":{"Error":{"Code":"FailedOperation.ExceedsFreeLimit","Message":"free limit"},"RequestId":"req-1"}}"#.into(),
        date: None,
    };
    let server = server(vec![
        with_charset,
        Reply::error(401, "AuthFailure.SecretIdNotFound"),
    ])
    .await;
    let client = client_for(&server);
    let error = client.call(&apply()).await.unwrap_err();
    match &error {
        Error::Service(e) => {
            assert_eq!(e.code, ApplyCertificateErrorCode::ExceedsFreeLimit);
            assert_eq!(e.message, "free limit");
            assert_eq!(e.request_id, "req-1");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        error.to_string(),
        "service error FailedOperation.ExceedsFreeLimit: free limit (RequestId: req-1)"
    );
    let error = client.call(&apply()).await.unwrap_err();
    assert_eq!(error.code(), Some("AuthFailure.SecretIdNotFound"));
    assert!(!error.is_retryable() && !error.is_ambiguous());
    assert_eq!(server.attempts(), 2);
}

// ---- clock skew ----

#[tokio::test]
async fn signature_expire_corrects_the_clock_and_retries_once() {
    let server_now = std::time::SystemTime::now() + Duration::from_secs(3600);
    let expired = Reply::Http {
        status: 200,
        content_type: "application/json",
        body: r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"expired"},"RequestId":"r"}}"#.into(),
        date: Some(httpdate::fmt_http_date(server_now)),
    };
    let server = server(vec![expired]).await;
    let client = client_for(&server);
    let with_retries_off = CallOptions::new().retry(RetryPolicy::disabled());
    client.call_with(&apply(), &with_retries_off).await.unwrap();
    assert_eq!(server.attempts(), 2);
    assert!(
        (client.clock_offset() - 3600).abs() <= 2,
        "{}",
        client.clock_offset()
    );
    let requests = server.requests();
    let t0: i64 = requests[0]
        .header("x-tc-timestamp")
        .unwrap()
        .parse()
        .unwrap();
    let t1: i64 = requests[1]
        .header("x-tc-timestamp")
        .unwrap()
        .parse()
        .unwrap();
    assert!((t1 - t0 - 3600).abs() <= 2);
    server.assert_all_valid();
    // A second expiry within one call is not retried again.
    let server = server_with_two_expiries().await;
    let error = client_for(&server).call(&apply()).await.unwrap_err();
    assert_eq!(error.code(), Some("AuthFailure.SignatureExpire"));
    assert_eq!(server.attempts(), 2);
}

async fn server_with_two_expiries() -> Server {
    let expired = Reply::Http {
        status: 200,
        content_type: "application/json",
        body: r#"{"Response":{"Error":{"Code":"AuthFailure.SignatureExpire","Message":"expired"},"RequestId":"r"}}"#.into(),
        date: None,
    };
    server(vec![expired.clone(), expired]).await
}

// ---- before anything is sent ----

#[tokio::test]
async fn invalid_requests_and_missing_credentials_send_nothing() {
    let server = server(vec![]).await;
    let client = client_for(&server);
    let request = ApplyCertificateRequest {
        dv_auth_method: "EMAIL".into(),
        domain_name: String::new(),
        alias: None,
    };
    let error = client.call(&request).await.unwrap_err();
    match &error {
        Error::InvalidRequest(e) => assert_eq!(e.violations.len(), 2),
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("DomainName: must not be empty"));

    #[derive(Debug)]
    struct Nothing;
    impl ProvideCredentials for Nothing {
        fn credentials(&self) -> CredentialsFuture<'_> {
            Box::pin(async {
                Err(CredentialsError::Missing {
                    source: "test",
                    reason: "nothing here".into(),
                })
            })
        }
    }
    let client = Client::builder()
        .credentials_provider(Arc::new(Nothing))
        .base_url(&server.url())
        .unwrap()
        .build()
        .unwrap();
    let error = client.call(&apply()).await.unwrap_err();
    assert!(matches!(error, Error::NoCredentials(_)));
    assert!(error.to_string().contains("nothing here"));
    assert_eq!(server.attempts(), 0);
}

// ---- rate limiting ----

#[tokio::test]
async fn rate_limit_is_shared_by_clones_and_waits() {
    let server = server(vec![]).await;
    let client = client_for(&server);
    let clone = client.clone();
    let started = Instant::now();
    // DescribeCertificate allows 5/s: 5 calls pass at once, 3 more wait ~0.6 s in all.
    for index in 0..8 {
        let client = if index % 2 == 0 { &client } else { &clone };
        client.call(&describe()).await.unwrap();
    }
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.attempts(), 8);

    let unlimited = Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY).unwrap())
        .base_url(&server.url())
        .unwrap()
        .rate_limit(false)
        .build()
        .unwrap();
    for _ in 0..8 {
        unlimited.call(&describe()).await.unwrap();
    }
    assert_eq!(server.attempts(), 16);
}

// ---- cancellation ----

#[tokio::test]
async fn dropping_the_future_cancels_the_call() {
    let server = server(vec![Reply::Delay(
        Duration::from_secs(5),
        Box::new(Reply::ok()),
    )])
    .await;
    let client = client_for(&server);
    let result = tokio::time::timeout(Duration::from_millis(200), client.call(&apply())).await;
    assert!(result.is_err());
    assert_eq!(server.attempts(), 1);
    client.call(&apply()).await.unwrap();
}
