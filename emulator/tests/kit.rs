//! The test kit: canned answers per action and body, and the journal of redacted bodies.

mod common;

use serde_json::json;
use tc_emulator::kit::REDACTED;
use tc_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY, Emulator, Stub};
use tc_runtime::{Client, Credentials, DynamicRequest};
use tencentcloud::ssl::v20191205::{ApplyCertificateRequest, DvAuthMethod, ServiceErrorCode};

fn client(base_url: &str) -> Client {
    Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY).unwrap())
        .base_url(base_url)
        .unwrap()
        .retry(common::quick_retries(1))
        .build()
        .unwrap()
}

fn ssl(action: &str, body: serde_json::Value) -> DynamicRequest {
    DynamicRequest::new("ssl", "2019-12-05", action, body)
}

#[tokio::test]
async fn canned_errors_reach_generated_clients_as_typed_codes() {
    let emulator = Emulator::builder().start().await.unwrap();
    emulator.stub(Stub::error(
        "ApplyCertificate",
        "FailedOperation.ExceedsFreeLimit",
        "quota used up (canned)",
    ));
    let ssl = common::ssl_client(&emulator, common::quick_retries(1));
    let error = ssl
        .apply_certificate(ApplyCertificateRequest::new(
            DvAuthMethod::DnsAuto,
            "example.com",
        ))
        .await
        .unwrap_err();
    match error {
        tc_runtime::Error::Service(e) => {
            assert_eq!(e.code, ServiceErrorCode::FailedOperationExceedsFreeLimit);
            assert_eq!(e.message, "quota used up (canned)");
            assert!(!e.request_id.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        emulator.sent_to("ApplyCertificate"),
        [json!({"DvAuthMethod": "DNS_AUTO", "DomainName": "example.com"})]
    );
}

#[tokio::test]
async fn matchers_times_and_the_last_stub_added_win() {
    let emulator = Emulator::builder().start().await.unwrap();
    emulator.stub(Stub::answer(
        "DescribeCertificate",
        json!({"CertificateId": "any"}),
    ));
    emulator.stub(
        Stub::answer(
            "DescribeCertificate",
            json!({"CertificateId": "matched", "Status": 1}),
        )
        .when_body_includes(json!({"CertificateId": "cert-a"}))
        .times(1),
    );
    let client = client(emulator.base_url());
    let ask = |id: &str| ssl("DescribeCertificate", json!({ "CertificateId": id }));
    let first = client.call_dynamic(&ask("cert-a")).await.unwrap();
    assert_eq!(first["CertificateId"], "matched");
    assert!(first["RequestId"].is_string());
    // Used up: the general stub answers.
    let second = client.call_dynamic(&ask("cert-a")).await.unwrap();
    assert_eq!(second["CertificateId"], "any");
    let other = client.call_dynamic(&ask("cert-b")).await.unwrap();
    assert_eq!(other["CertificateId"], "any");
    // Without stubs the emulator's own state answers again.
    emulator.clear_stubs();
    let error = client.call_dynamic(&ask("cert-b")).await.unwrap_err();
    assert!(error.code().is_some(), "{error}");
}

#[tokio::test]
async fn stubs_answer_only_valid_requests() {
    let emulator = Emulator::builder().start().await.unwrap();
    emulator.stub(Stub::answer(
        "ApplyCertificate",
        json!({"CertificateId": "c"}),
    ));
    let error = client(emulator.base_url())
        .call_dynamic(&ssl(
            "ApplyCertificate",
            json!({"DvAuthMethod": "DNS_AUTO"}),
        ))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("MissingParameter"), "{error}");
    assert_eq!(emulator.sent().len(), 1, "journaled even when refused");
}

#[tokio::test]
async fn the_journal_redacts_sensitive_members() {
    let emulator = Emulator::builder().start().await.unwrap();
    emulator.stub(Stub::answer(
        "UploadCertificate",
        json!({"CertificateId": "up-1"}),
    ));
    let body = json!({
        "CertificatePublicKey": "-----BEGIN CERTIFICATE-----public",
        "CertificatePrivateKey": "-----BEGIN PRIVATE KEY-----MARKER",
        "KeyPassword": "hunter2-MARKER",
        "Alias": "mine",
    });
    let answer = client(emulator.base_url())
        .call_dynamic(&ssl("UploadCertificate", body))
        .await
        .unwrap();
    assert_eq!(answer["CertificateId"], "up-1");
    let sent = emulator.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].service.as_str(), sent[0].action.as_str()),
        ("ssl", "UploadCertificate")
    );
    assert_eq!(sent[0].version, "2019-12-05");
    let journaled = &sent[0].body;
    assert_eq!(journaled["CertificatePrivateKey"], REDACTED);
    assert_eq!(journaled["KeyPassword"], REDACTED);
    assert_eq!(
        journaled["CertificatePublicKey"],
        "-----BEGIN CERTIFICATE-----public"
    );
    assert_eq!(journaled["Alias"], "mine");
    assert!(!format!("{sent:?}").contains("MARKER"));
}
