//! Every fault kind against every retry class, on a local server: ambiguous answers (the
//! request may have taken effect) are retried only for retry-safe actions or when the caller
//! opts in; throttling is retried for all; answers of the wrong shape for none.

mod common;

use common::actions::{apply, client_for, describe, fast_retry};
use common::{Reply, Server};
use serde_json::json;
use tc_runtime::{CallOptions, DecodeErrorKind, DynamicRequest, Error};

/// What a fault allows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Ambiguous,
    AlwaysRetried,
    NeverRetried,
}

fn faults() -> Vec<(&'static str, Reply, Class)> {
    let raw = |bytes: &[u8]| Reply::Raw(bytes.to_vec());
    vec![
        ("empty body, HTTP 200", Reply::json(200, ""), Class::Ambiguous),
        (
            "truncated JSON, HTTP 200",
            Reply::json(200, r#"{"Response": {"RequestId": "0b39eaa4-f938"#),
            Class::Ambiguous,
        ),
        (
            "HTML page, HTTP 200",
            Reply::Http {
                status: 200,
                content_type: "text/html",
                body: "<html><body>gateway</body></html>".into(),
                date: None,
            },
            Class::Ambiguous,
        ),
        (
            "body cut short by a closed connection",
            raw(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 90\r\n\r\n{\"Response\":{\"Cert"),
            Class::Ambiguous,
        ),
        (
            "HTTP 502 HTML",
            Reply::Http {
                status: 502,
                content_type: "text/html",
                body: "<html>502 Bad Gateway</html>".into(),
                date: None,
            },
            Class::Ambiguous,
        ),
        ("HTTP 503 empty", Reply::json(503, ""), Class::Ambiguous),
        ("connection reset", Reply::Reset, Class::Ambiguous),
        (
            "InternalError",
            Reply::error(200, "InternalError"),
            Class::Ambiguous,
        ),
        (
            "RequestLimitExceeded",
            Reply::error(200, "RequestLimitExceeded"),
            Class::AlwaysRetried,
        ),
        (
            "valid JSON of the wrong shape",
            Reply::json(200, r#"{"Response": 5}"#),
            Class::NeverRetried,
        ),
        (
            "HTML page, HTTP 404",
            Reply::Http {
                status: 404,
                content_type: "text/html",
                body: "<html>not found</html>".into(),
                date: None,
            },
            Class::NeverRetried,
        ),
    ]
}

/// How a call is made: which action and which policy.
#[derive(Debug, Clone, Copy)]
enum Caller {
    RetrySafe,
    NotRetrySafe,
    NotRetrySafeOptedIn,
    DynamicDefault,
    DynamicRetrySafe,
}

impl Caller {
    fn retries_ambiguous(self) -> bool {
        matches!(
            self,
            Caller::RetrySafe | Caller::NotRetrySafeOptedIn | Caller::DynamicRetrySafe
        )
    }

    /// Calls once through a fresh client; Ok(()) or the error's description.
    async fn call(self, server: &Server) -> Result<(), String> {
        let client = client_for(server);
        let dynamic = DynamicRequest::new(
            "ssl",
            "2019-12-05",
            "DescribeCertificate",
            json!({"CertificateId": "cert-123"}),
        );
        let opted_in = CallOptions::new().retry(fast_retry().retry_ambiguous(true));
        let shown = |e: &dyn std::fmt::Display| e.to_string();
        match self {
            Caller::RetrySafe => client
                .call(&describe())
                .await
                .map(drop)
                .map_err(|e| shown(&e)),
            Caller::NotRetrySafe => client.call(&apply()).await.map(drop).map_err(|e| shown(&e)),
            Caller::NotRetrySafeOptedIn => client
                .call_with(&apply(), &opted_in)
                .await
                .map(drop)
                .map_err(|e| shown(&e)),
            Caller::DynamicDefault => client
                .call_dynamic(&dynamic)
                .await
                .map(drop)
                .map_err(|e| shown(&e)),
            Caller::DynamicRetrySafe => client
                .call_dynamic(&dynamic.retry_safe(true))
                .await
                .map(drop)
                .map_err(|e| shown(&e)),
        }
    }
}

#[tokio::test]
async fn each_fault_kind_for_each_retry_class() {
    let callers = [
        Caller::RetrySafe,
        Caller::NotRetrySafe,
        Caller::NotRetrySafeOptedIn,
        Caller::DynamicDefault,
        Caller::DynamicRetrySafe,
    ];
    for (name, reply, class) in faults() {
        for caller in callers {
            let server = Server::start(common::actions::SECRET_KEY, vec![reply.clone()]).await;
            let outcome = caller.call(&server).await;
            let retried = match class {
                Class::Ambiguous => caller.retries_ambiguous(),
                Class::AlwaysRetried => true,
                Class::NeverRetried => false,
            };
            let case = format!("{name} / {caller:?}: {outcome:?}");
            if retried {
                assert_eq!(server.attempts(), 2, "{case}");
                assert!(outcome.is_ok(), "{case}");
            } else {
                assert_eq!(server.attempts(), 1, "{case}");
                assert!(outcome.is_err(), "{case}");
            }
            server.assert_all_valid();
        }
    }
}

#[tokio::test]
async fn undecodable_answers_say_whether_they_are_ambiguous() {
    let cases = [
        (Reply::json(200, ""), DecodeErrorKind::Malformed, true),
        (
            Reply::json(200, r#"{"Response":{"Cert"#),
            DecodeErrorKind::Malformed,
            true,
        ),
        (Reply::json(200, "[]"), DecodeErrorKind::Shape, false),
        (
            Reply::json(200, r#"{"Response":{"RequestId":"r"}}"#),
            DecodeErrorKind::Shape,
            false,
        ),
        (Reply::json(502, "<html>"), DecodeErrorKind::Malformed, true),
        (
            Reply::json(404, "<html>"),
            DecodeErrorKind::Malformed,
            false,
        ),
    ];
    for (reply, kind, ambiguous) in cases {
        let case = format!("{reply:?}");
        let server = Server::start(common::actions::SECRET_KEY, vec![reply]).await;
        let error = client_for(&server).call(&apply()).await.unwrap_err();
        match &error {
            Error::Decode(e) => assert_eq!(e.kind, kind, "{case}"),
            other => panic!("{case}: {other:?}"),
        }
        assert_eq!(error.is_ambiguous(), ambiguous, "{case}");
        assert!(!error.is_retryable(), "{case}");
    }
}
