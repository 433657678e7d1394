//! The generated client against the local emulator over real HTTP on 127.0.0.1: the spec's
//! waiter, and a second action that exists only because a spec says so.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tc_emulator::{Clock, DEMO_SECRET_ID, DEMO_SECRET_KEY, Emulator, RunningEmulator};
use tc_runtime::waiter::{Poll, Schedule, WaitError};
use tc_runtime::{Client, Credentials};
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, CancelCertificateOrderRequest, CertificateStatus,
    DescribeCertificateRequest, DvAuthMethod, SslClient,
};

async fn emulator(clock: Clock) -> RunningEmulator {
    Emulator::builder()
        .clock(clock)
        .start()
        .await
        .expect("the emulator starts")
}

fn client(emulator: &RunningEmulator) -> Client {
    Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY).expect("valid"))
        .base_url(emulator.base_url())
        .expect("a valid URL")
        .waiter_delay(Duration::from_millis(5))
        .build()
        .expect("builds")
}

#[tokio::test]
async fn the_waiter_polls_until_the_certificate_is_issued() {
    let clock = Clock::manual();
    let emulator = emulator(clock.clone()).await;
    let ssl = SslClient::new(client(&emulator));
    let applied = ssl
        .apply_certificate(ApplyCertificateRequest::new(
            DvAuthMethod::DnsAuto,
            "waiter.example.com",
        ))
        .await
        .expect("applies");
    let polls = AtomicUsize::new(0);
    let issued = ssl
        .wait_until_certificate_issued(
            DescribeCertificateRequest::new(applied.certificate_id.as_str()),
            |_| {
                // Each poll moves the emulator's clock 20 s; issuance takes 60 s.
                polls.fetch_add(1, Ordering::SeqCst);
                clock.advance(Duration::from_secs(20));
            },
        )
        .await
        .expect("the certificate is issued");
    assert_eq!(issued.status, Some(CertificateStatus::from(1)));
    assert_eq!(polls.load(Ordering::SeqCst), 4, "statuses 4, 4, 4, then 1");
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_waiter_stops_at_a_failure_status() {
    let emulator = emulator(Clock::manual()).await;
    let ssl = SslClient::new(client(&emulator));
    let applied = ssl
        .apply_certificate(ApplyCertificateRequest::new(
            DvAuthMethod::Dns,
            "cancel.example.com",
        ))
        .await
        .expect("applies");
    let id = applied.certificate_id;
    ssl.cancel_certificate_order(CancelCertificateOrderRequest::new(id.as_str()))
        .await
        .expect("cancels");
    let error = ssl
        .wait_until_certificate_issued(DescribeCertificateRequest::new(id.as_str()), |_| {})
        .await
        .expect_err("a cancelled certificate is never issued");
    match error {
        WaitError::Failed { status, .. } => assert_eq!(status, "7"),
        other => panic!("{other}"),
    }
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_wait_gives_up_at_its_deadline() {
    let emulator = emulator(Clock::manual()).await;
    let runtime = client(&emulator);
    let ssl = SslClient::new(runtime.clone());
    let applied = ssl
        .apply_certificate(ApplyCertificateRequest::new(
            DvAuthMethod::Dns,
            "slow.example.com",
        ))
        .await
        .expect("applies");
    let request = DescribeCertificateRequest::new(applied.certificate_id.as_str());
    let schedule = Schedule {
        delay: Duration::from_millis(5),
        timeout: Duration::from_millis(40),
    };
    let error = runtime
        .wait(
            &request,
            schedule,
            |_| (Poll::Pending, "0".to_owned()),
            |_| {},
        )
        .await
        .expect_err("the clock never moves");
    assert!(matches!(error, WaitError::TimedOut { .. }), "{error}");
    emulator.shutdown().await;
}

mod demo {
    tc_macros::service!("../codegen/tests/specs/fixtures/demo/2020-01-01.json");
}

#[tokio::test]
async fn a_second_action_needs_only_the_spec() {
    // The emulator serves whatever the spec describes, and the macro makes the client from the
    // same file: `DescribeWidget` exists in neither's Rust code.
    let spec = include_str!("../../codegen/tests/specs/fixtures/demo/2020-01-01.json");
    let specs = tc_emulator::SpecSet::builtin()
        .and_then(|set| set.with_service_text("demo/2020-01-01.json", spec))
        .expect("the demo spec loads");
    let emulator = Emulator::builder()
        .specs(specs)
        .start()
        .await
        .expect("the emulator starts");
    let client = demo::DemoClient::new(client(&emulator));
    let created = client
        .create_widget(demo::CreateWidgetRequest::new("w", demo::Shape::Circle).size(3))
        .await
        .expect("CreateWidget answers");
    assert_eq!(created.widget_id, "w-1", "the spec's example answer");
    let described = client
        .describe_widget(demo::DescribeWidgetRequest::new("w-1"))
        .await
        .expect("DescribeWidget answers");
    assert!(!described.request_id.is_empty());
    emulator.shutdown().await;
}
