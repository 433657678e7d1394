//! Fault injection: each kind with a seed, the outcome the generated client sees (through its
//! retries), and reproducibility from the seed.

mod common;

use std::time::Duration;

use common::{quick_retries, ssl_client};
use tc_emulator::{Emulator, FaultConfig, RunningEmulator};
use tc_runtime::{Error, RetryPolicy, TransportErrorKind};
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, DescribeCertificateRequest, DvAuthMethod, SslClient,
};

async fn emulator_with_certificate() -> (RunningEmulator, SslClient, String) {
    // Faults, not rate limits (ssl allows 10 calls per second), are under test here.
    let emulator = Emulator::builder()
        .rate_limits(false)
        .start()
        .await
        .unwrap();
    let client = ssl_client(&emulator, quick_retries(3));
    let id = client
        .apply_certificate(ApplyCertificateRequest::new(
            DvAuthMethod::DnsAuto,
            "faults.example.com",
        ))
        .await
        .unwrap()
        .certificate_id;
    (emulator, client, id)
}

fn faults(emulator: &RunningEmulator) -> Vec<String> {
    emulator
        .journal()
        .into_iter()
        .filter(|e| e.outcome.starts_with("fault:"))
        .map(|e| e.outcome)
        .collect()
}

/// Every request to DescribeCertificate gets `config`'s one fault: the client makes its three
/// attempts (DescribeCertificate is safe to retry) and reports the last failure.
async fn always(config: FaultConfig, outcome: &str) -> Error<impl tc_runtime::ErrorCode> {
    always_with(config, outcome, 3).await
}

async fn always_with(
    config: FaultConfig,
    outcome: &str,
    attempts: usize,
) -> Error<impl tc_runtime::ErrorCode> {
    let (emulator, client, id) = emulator_with_certificate().await;
    emulator.set_faults(FaultConfig {
        actions: vec!["DescribeCertificate".into()],
        ..config
    });
    let error = client
        .describe_certificate(DescribeCertificateRequest::new(&id))
        .await
        .unwrap_err();
    assert_eq!(
        faults(&emulator),
        vec![outcome; attempts],
        "every attempt faulted"
    );
    error
}

#[tokio::test]
async fn throttling_is_retried_and_reported() {
    let error = always(
        FaultConfig {
            throttle: 1.0,
            ..FaultConfig::seeded(1)
        },
        "fault:throttle",
    )
    .await;
    assert_eq!(error.code(), Some("RequestLimitExceeded"));
    assert!(error.is_throttling());
}

#[tokio::test]
async fn internal_errors_are_retried_only_when_safe() {
    let error = always(
        FaultConfig {
            internal_error: 1.0,
            ..FaultConfig::seeded(2)
        },
        "fault:internal",
    )
    .await;
    assert_eq!(error.code(), Some("InternalError"));
    // ApplyCertificate is not safe to retry: one attempt only.
    let emulator = Emulator::builder()
        .faults(FaultConfig {
            internal_error: 1.0,
            ..FaultConfig::seeded(2)
        })
        .start()
        .await
        .unwrap();
    let client = ssl_client(&emulator, quick_retries(3));
    let error = client
        .apply_certificate(ApplyCertificateRequest::new(DvAuthMethod::DnsAuto, "a.com"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("InternalError"));
    assert_eq!(faults(&emulator), vec!["fault:internal"]);
}

#[tokio::test]
async fn http_502_and_503_are_undecodable_server_errors() {
    for (config, outcome, status) in [
        (
            FaultConfig {
                bad_gateway: 1.0,
                ..FaultConfig::seeded(3)
            },
            "fault:502",
            502,
        ),
        (
            FaultConfig {
                service_unavailable: 1.0,
                ..FaultConfig::seeded(4)
            },
            "fault:503",
            503,
        ),
    ] {
        match always(config, outcome).await {
            Error::Decode(decode) => assert_eq!(decode.status, status),
            other => panic!("expected an HTTP {status} decode error, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn dropped_connections_are_transport_errors() {
    let error = always(
        FaultConfig {
            drop: 1.0,
            ..FaultConfig::seeded(5)
        },
        "fault:drop",
    )
    .await;
    match error {
        Error::Transport(transport) => assert!(transport.maybe_sent, "{transport}"),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    // A truncated HTTP 200 is ambiguous: retried, since DescribeCertificate is retry-safe.
    let error = always(
        FaultConfig {
            malformed: 1.0,
            ..FaultConfig::seeded(6)
        },
        "fault:malformed",
    )
    .await;
    match error {
        Error::Decode(decode) => {
            assert_eq!(decode.status, 200);
            assert_eq!(decode.kind, tc_runtime::DecodeErrorKind::Malformed);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn delays_hold_the_answer_back() {
    let (emulator, client, id) = emulator_with_certificate().await;
    emulator.set_faults(FaultConfig {
        delay: 1.0,
        delay_for: Duration::from_millis(300),
        ..FaultConfig::seeded(7)
    });
    let started = std::time::Instant::now();
    let described = client
        .describe_certificate(DescribeCertificateRequest::new(&id))
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(described.certificate_id.as_deref(), Some(id.as_str()));
    // With a shorter timeout than the delay, the client times out.
    let hurried = tc_runtime::Client::builder()
        .credentials(
            tc_runtime::Credentials::new(tc_emulator::DEMO_SECRET_ID, tc_emulator::DEMO_SECRET_KEY)
                .unwrap(),
        )
        .base_url(emulator.base_url())
        .unwrap()
        .timeout(Duration::from_millis(100))
        .retry(RetryPolicy::disabled())
        .build()
        .unwrap();
    let error = SslClient::new(hurried)
        .describe_certificate(DescribeCertificateRequest::new(&id))
        .await
        .unwrap_err();
    match error {
        Error::Transport(transport) => assert_eq!(transport.kind, TransportErrorKind::Timeout),
        other => panic!("expected a timeout, got {other:?}"),
    }
}

/// The outcomes of 30 DescribeCertificate calls without retries, under mixed faults.
async fn mixed_run(seed: u64) -> Vec<String> {
    let (emulator, _, id) = emulator_with_certificate().await;
    emulator.set_faults(FaultConfig {
        throttle: 0.1,
        internal_error: 0.1,
        bad_gateway: 0.05,
        service_unavailable: 0.05,
        malformed: 0.05,
        drop: 0.05,
        ..FaultConfig::seeded(seed)
    });
    let client = ssl_client(&emulator, RetryPolicy::disabled());
    for _ in 0..30 {
        let _ = client
            .describe_certificate(DescribeCertificateRequest::new(&id))
            .await;
    }
    emulator
        .journal()
        .into_iter()
        .filter(|e| e.action == "DescribeCertificate")
        .map(|e| e.outcome)
        .collect()
}

#[tokio::test]
async fn the_same_seed_gives_the_same_faults() {
    let first = mixed_run(42).await;
    let second = mixed_run(42).await;
    let other = mixed_run(43).await;
    assert_eq!(first.len(), 30);
    assert_eq!(first, second, "same seed, same sequence");
    assert_ne!(first, other, "another seed, another sequence");
    let faulted = first.iter().filter(|o| o.starts_with("fault:")).count();
    assert!(faulted > 0 && faulted < 30, "{first:?}");
}

#[tokio::test]
async fn retries_ride_out_a_share_of_faults() {
    let (emulator, client, id) = emulator_with_certificate().await;
    emulator.set_faults(FaultConfig {
        internal_error: 0.2,
        bad_gateway: 0.1,
        ..FaultConfig::seeded(9)
    });
    let mut succeeded = 0;
    for _ in 0..20 {
        if client
            .describe_certificate(DescribeCertificateRequest::new(&id))
            .await
            .is_ok()
        {
            succeeded += 1;
        }
    }
    let faulted = faults(&emulator).len();
    assert!(faulted >= 3, "{faulted} faults injected");
    assert!(
        succeeded >= 19,
        "{succeeded} of 20 calls succeeded through retries"
    );
}
