//! Transport settings against local servers: whole-call deadlines (per client and per call),
//! a caller's reqwest client, a builder hook, an explicit proxy with authentication, options
//! bound to a client handle.

mod common;

use std::time::Duration;

use common::actions::{SECRET_KEY, apply, client_for, credentials, describe};
use common::{Reply, Server};
use reqwest::header::{HeaderMap, HeaderValue};
use tc_runtime::transport::http_builder;
use tc_runtime::{CallOptions, Client, Error, Proxy, RetryPolicy, TransportErrorKind};

fn slow() -> Reply {
    Reply::Delay(Duration::from_millis(400), Box::new(Reply::ok()))
}

fn many_attempts() -> RetryPolicy {
    RetryPolicy::new()
        .with_max_attempts(10)
        .with_base_delay(Duration::from_millis(1))
        .with_max_delay(Duration::from_millis(2))
}

fn deadline_kind(error: &Error<String>) -> Option<TransportErrorKind> {
    match error {
        Error::Transport(e) => Some(e.kind),
        _ => None,
    }
}

#[tokio::test]
async fn the_client_deadline_bounds_every_attempt_and_backoff() {
    let server = Server::start(SECRET_KEY, vec![slow(); 10]).await;
    let client = Client::builder()
        .credentials(credentials())
        .base_url(&server.url())
        .unwrap()
        .retry(many_attempts())
        .timeout(Duration::from_millis(150))
        .deadline(Duration::from_millis(400))
        .build()
        .unwrap();
    let error = client.call(&describe()).await.unwrap_err();
    assert_eq!(
        deadline_kind(&error),
        Some(TransportErrorKind::Deadline),
        "{error}"
    );
    assert!(error.to_string().contains("deadline"), "{error}");
    // Without the deadline the ten attempts' timeouts would all run.
    let attempts = server.attempts();
    assert!((1..10).contains(&attempts), "{attempts} attempts");
    assert!(!error.is_ambiguous(), "a passed deadline is final");
}

#[tokio::test]
async fn a_per_call_deadline_overrides_the_client() {
    let server = Server::start(SECRET_KEY, vec![slow(); 10]).await;
    let client = client_for(&server);
    let options = CallOptions::new()
        .deadline(Duration::from_millis(100))
        .retry(many_attempts());
    let error = client.call_with(&describe(), &options).await.unwrap_err();
    assert_eq!(deadline_kind(&error), Some(TransportErrorKind::Deadline));
    assert_eq!(server.attempts(), 1);

    // Without one, a per-attempt timeout alone lets every attempt run.
    let server = Server::start(SECRET_KEY, vec![slow(); 3]).await;
    let options = CallOptions::new().timeout(Duration::from_millis(50));
    let error = client_for(&server)
        .call_with(&describe(), &options)
        .await
        .unwrap_err();
    assert_eq!(deadline_kind(&error), Some(TransportErrorKind::Timeout));
    assert_eq!(server.attempts(), 3);
}

#[tokio::test]
async fn a_callers_reqwest_client_and_a_builder_hook_are_used() {
    let server = Server::start(SECRET_KEY, vec![]).await;
    let mut headers = HeaderMap::new();
    headers.insert("x-from-caller", HeaderValue::from_static("client"));
    let http = http_builder()
        .unwrap()
        .default_headers(headers)
        .build()
        .unwrap();
    let client = Client::builder()
        .credentials(credentials())
        .base_url(&server.url())
        .unwrap()
        .http_client(http.clone())
        .build()
        .unwrap();
    client.call(&apply()).await.unwrap();
    let hooked = Client::builder()
        .credentials(credentials())
        .base_url(&server.url())
        .unwrap()
        .configure_http(|builder| {
            let mut headers = HeaderMap::new();
            headers.insert("x-from-caller", HeaderValue::from_static("hook"));
            builder.default_headers(headers)
        })
        .build()
        .unwrap();
    hooked.call(&apply()).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].header("x-from-caller"), Some("client"));
    assert_eq!(requests[1].header("x-from-caller"), Some("hook"));
    server.assert_all_valid();

    let conflict = Client::builder()
        .http_client(http)
        .proxy(Proxy::new("http://127.0.0.1:1"))
        .build()
        .unwrap_err();
    assert!(conflict.to_string().contains("proxy"), "{conflict}");
}

#[tokio::test]
async fn an_explicit_proxy_gets_the_request_with_its_credentials() {
    // The scripted server plays the proxy: it records the absolute-form request line.
    let proxy = Server::start(SECRET_KEY, vec![]).await;
    let client = Client::builder()
        .credentials(credentials())
        .base_url("http://ssl.proxied.invalid")
        .unwrap()
        .proxy(Proxy::new(proxy.url()).basic_auth("alice", "s3cret"))
        .build()
        .unwrap();
    let output = client.call(&apply()).await.unwrap();
    assert_eq!(output.certificate_id, "cert-123");
    let request = &proxy.requests()[0];
    assert_eq!(
        request.header(":request-line"),
        Some("POST http://ssl.proxied.invalid/ HTTP/1.1")
    );
    // base64("alice:s3cret")
    assert_eq!(
        request.header("proxy-authorization"),
        Some("Basic YWxpY2U6czNjcmV0")
    );
    assert_eq!(request.header("host"), Some("ssl.proxied.invalid"));
    let shown = format!("{:?}", Proxy::new("http://p").basic_auth("alice", "s3cret"));
    assert!(!shown.contains("s3cret"), "{shown}");
}

#[tokio::test]
async fn options_bound_to_a_handle_apply_to_every_call() {
    let server = Server::start(SECRET_KEY, vec![]).await;
    let client = client_for(&server);
    let regional = client.with_options(CallOptions::new().region("ap-guangzhou"));
    regional.call(&apply()).await.unwrap();
    regional
        .call_with(&apply(), &CallOptions::new().region("ap-beijing"))
        .await
        .unwrap();
    client.call(&apply()).await.unwrap();
    let regions: Vec<_> = server
        .requests()
        .iter()
        .map(|r| r.header("x-tc-region").map(str::to_owned))
        .collect();
    assert_eq!(
        regions,
        [
            Some("ap-guangzhou".to_owned()),
            Some("ap-beijing".to_owned()),
            None
        ]
    );
}
