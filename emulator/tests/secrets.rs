//! The emulator's journal and logs never hold a secret: requests carrying private keys and
//! passwords in members the spec marks `sensitive` are journaled with those members redacted,
//! and neither the in-process trace (captured at TRACE) nor the binary's output holds them, the
//! SecretKey or a signature.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use common::{Raw, code};
use serde_json::{Value, json};
use tc_emulator::kit::REDACTED;
use tc_emulator::{DEMO_SECRET_KEY, Emulator};

const MARKER: &str = "SECRET-MARKER";

/// Requests whose sensitive members hold a marker naming them, and those members.
fn requests_with_secrets() -> Vec<(&'static str, Value, &'static [&'static str])> {
    let secret = |member: &str| format!("{MARKER}:{member}");
    vec![
        (
            "UploadCertificate",
            json!({
                "CertificatePublicKey": "-----BEGIN CERTIFICATE-----public",
                "CertificatePrivateKey": secret("CertificatePrivateKey"),
                "KeyPassword": secret("KeyPassword"),
                "Alias": "logged-alias",
            }),
            &["CertificatePrivateKey", "KeyPassword"],
        ),
        (
            // Refused for its missing members, and journaled all the same.
            "CertificateInfoSubmit",
            json!({"CertId": "cert-1", "KeyPass": secret("KeyPass")}),
            &["KeyPass"],
        ),
        (
            "SubmitCertificateInformation",
            json!({"CertificateId": "cert-1", "KeyPassword": secret("KeyPassword")}),
            &["KeyPassword"],
        ),
        (
            "ApplyCertificate",
            json!({
                "DvAuthMethod": "DNS_AUTO",
                "DomainName": "logged.example.com",
                "CsrKeyPassword": secret("CsrKeyPassword"),
            }),
            &["CsrKeyPassword"],
        ),
    ]
}

/// A `tracing` writer that keeps what it is given.
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

fn assert_clean(output: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !output.contains(secret),
            "{secret:?} leaked into:\n{output}"
        );
    }
    assert!(
        !output.contains("Signature="),
        "a signature leaked into:\n{output}"
    );
}

// The emulator serves on this test's thread (a current-thread runtime), so the scoped
// subscriber sees every event it records.
#[tokio::test]
async fn the_journal_redacts_and_the_trace_holds_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let emulator = Emulator::builder().start().await.unwrap();

    let requests = requests_with_secrets();
    for (action, body, _) in &requests {
        let body = body.to_string();
        Raw::new(action, &body).send(emulator.base_url()).await;
    }
    // A request refused for its signature is never journaled, and its body never logged.
    let forged = json!({"CertificatePublicKey": "x", "CertificatePrivateKey": MARKER}).to_string();
    let mut raw = Raw::new("UploadCertificate", &forged);
    raw.secret_key = "not-the-key";
    let (_, answer) = raw.send(emulator.base_url()).await;
    assert_eq!(code(&answer), Some("AuthFailure.SignatureFailure"));

    let sent = emulator.sent();
    assert_eq!(
        sent.len(),
        requests.len(),
        "each signed request journaled once"
    );
    let mut redacted = 0;
    for ((action, _, members), journaled) in requests.iter().zip(&sent) {
        assert_eq!(journaled.action, *action);
        for member in *members {
            assert_eq!(journaled.body[member], REDACTED, "{action}.{member}");
            redacted += 1;
        }
    }
    assert_eq!(redacted, 5);
    assert_eq!(
        sent[0].body["Alias"], "logged-alias",
        "other members are kept"
    );
    assert_clean(&format!("{sent:?}"), &[MARKER]);

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for action in [
        "UploadCertificate",
        "CertificateInfoSubmit",
        "ApplyCertificate",
    ] {
        assert!(
            log.contains(action),
            "{action} missing from the trace:\n{log}"
        );
    }
    assert!(log.contains("AuthFailure.SignatureFailure"), "{log}");
    assert_clean(&log, &[MARKER, DEMO_SECRET_KEY]);
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_binary_logs_no_secret_even_at_trace() {
    const SECRET_ID: &str = "AKIDlogtest";
    const SECRET_KEY: &str = "log-test-secret-key-never-printed";
    let mut child = Command::new(env!("CARGO_BIN_EXE_tc-emulator"))
        .args(["--port", "0"])
        .env("RUST_LOG", "trace")
        .env("TC_EMULATOR_SECRET_ID", SECRET_ID)
        .env("TC_EMULATOR_SECRET_KEY", SECRET_KEY)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the emulator binary starts");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut banner = String::new();
    stdout.read_line(&mut banner).unwrap();
    let base_url = banner
        .trim()
        .strip_prefix("tc-emulator listening on ")
        .unwrap_or_else(|| panic!("no banner: {banner:?}"))
        .to_owned();

    for (action, body, _) in requests_with_secrets() {
        let body = body.to_string();
        let mut raw = Raw::new(action, &body);
        raw.secret_id = SECRET_ID;
        raw.secret_key = SECRET_KEY;
        raw.send(&base_url).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let mut output = banner;
    stdout.read_to_string(&mut output).unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut output)
        .unwrap();

    assert!(
        output.contains("UploadCertificate") && output.contains("answered"),
        "RUST_LOG=trace logs each answered request:\n{output}"
    );
    assert_clean(&output, &[MARKER, SECRET_KEY]);
}
