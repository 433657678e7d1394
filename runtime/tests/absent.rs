//! An always-sent member that an answer leaves out or sends as `null` reads as its zero value
//! and leaves one warning that names the type and the member; a member that is sent is read
//! as sent, without a warning.

use std::io::Write;
use std::sync::{Arc, Mutex};

use tc_runtime::absent::{self, Members};

#[derive(Debug, Default, PartialEq, serde::Deserialize)]
struct Detail {
    #[serde(
        rename = "Status",
        default = "absent::zero::<Detail, u64, 0>",
        deserialize_with = "absent::null_as_zero::<Detail, u64, _, 0>"
    )]
    status: u64,
    #[serde(
        rename = "Domains",
        default = "absent::zero::<Detail, Vec<String>, 1>",
        deserialize_with = "absent::null_as_zero::<Detail, Vec<String>, _, 1>"
    )]
    domains: Vec<String>,
}

impl Members for Detail {
    const TYPE: &'static str = "CertificateDetail";
    const MEMBERS: &'static [&'static str] = &["Status", "Domains"];
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn read_logged(json: &str) -> (Detail, String) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let read = tracing::subscriber::with_default(subscriber, || {
        serde_json::from_str::<Detail>(json).unwrap()
    });
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    (read, log)
}

#[test]
fn a_missing_member_is_zero_with_a_warning_naming_it() {
    let (read, log) = read_logged(r#"{"Status": 1}"#);
    assert_eq!(read.status, 1);
    assert!(read.domains.is_empty());
    assert!(log.contains("WARN"), "{log}");
    assert!(
        log.contains("CertificateDetail") && log.contains("Domains"),
        "{log}"
    );
    assert!(log.contains("missing"), "{log}");
    assert!(!log.contains("Status"), "{log}");
}

#[test]
fn a_null_member_is_zero_with_a_warning() {
    let (read, log) = read_logged(r#"{"Status": null, "Domains": ["a.example.com"]}"#);
    assert_eq!(read.status, 0);
    assert_eq!(read.domains, ["a.example.com"]);
    assert!(log.contains("Status") && log.contains("null"), "{log}");
}

#[test]
fn members_that_are_sent_leave_no_warning() {
    let (read, log) = read_logged(r#"{"Status": 3, "Domains": []}"#);
    assert_eq!(read.status, 3);
    assert!(log.is_empty(), "{log}");
}

#[test]
fn a_value_of_the_wrong_type_is_still_an_error() {
    assert!(serde_json::from_str::<Detail>(r#"{"Status": "x", "Domains": []}"#).is_err());
}
