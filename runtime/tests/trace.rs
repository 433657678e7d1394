//! What one call's trace records, in a test binary of its own: tracing caches per callsite
//! whether anyone listens, and tests in other threads without a subscriber would spoil it.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::actions::{SECRET_KEY, client_for, describe};
use common::{Reply, Server};
use tc_runtime::CallOptions;

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_call_is_traced_with_status_latency_request_id_and_code_but_no_body() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let server = Server::start(
        SECRET_KEY,
        vec![
            Reply::json(200, r#"{"Response":{"CertificateId":"PRIVATE-KEY-MARKER"#),
            Reply::error(400, "FailedOperation.ExceedsFreeLimit"),
        ],
    )
    .await;
    let client = client_for(&server);
    let options = CallOptions::new().region("ap-guangzhou");
    let error = client.call_with(&describe(), &options).await.unwrap_err();
    assert_eq!(error.code(), Some("FailedOperation.ExceedsFreeLimit"));
    client.call(&describe()).await.unwrap();
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "service=\"ssl\"",
        "action=\"DescribeCertificate\"",
        "region=\"ap-guangzhou\"",
        "attempt=2",
        "status=400",
        "latency_ms=",
        "request_id=\"req-FailedOperation.ExceedsFreeLimit\"",
        "error_code=\"FailedOperation.ExceedsFreeLimit\"",
        "undecodable answer (Malformed, HTTP 200)",
        "call failed",
        "request_id=\"req-ok\"",
        "call succeeded",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    // The answer's value, the secret key, and the request body's only value ("cert-123"):
    // neither body reaches the trace.
    for secret in ["PRIVATE-KEY-MARKER", SECRET_KEY, "cert-123"] {
        assert!(!text.contains(secret), "{secret} leaked into:\n{text}");
    }
}
