//! An always-sent member that an answer leaves out or sends as `null` reads as its zero value
//! and leaves one warning that names the structure and the member; an optional member stays
//! `None` without a warning; a member sent with another type is still an error.

use std::io::Write;
use std::sync::{Arc, Mutex};

#[derive(Debug, Default, PartialEq, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Detail {
    status: u64,
    #[serde(deserialize_with = "tc_runtime::lenient::number")]
    project_id: i64,
    domains: Vec<String>,
    extra: Extra,
    alias: Option<String>,
    #[serde(default)]
    request_id: String,
}

#[derive(Debug, Default, PartialEq, serde::Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Extra {
    replaced_by: String,
    renewable: bool,
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

/// Reads `response` as the client reads a generated action's answer, with the warnings it logs.
fn read_logged(response: &str) -> (Detail, String) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let read =
        tracing::subscriber::with_default(subscriber, || {
            match tc_runtime::absent::from_str::<Detail>(response) {
                Ok(output) => output,
                Err(error) => panic!("{response} did not decode: {error}"),
            }
        });
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    (read, log)
}

const FULL: &str = r#"{"Status": 1, "ProjectId": "7", "Domains": ["a.example"],
    "Extra": {"ReplacedBy": "c-1", "Renewable": true}, "Alias": "web", "RequestId": "r-1"}"#;

#[test]
fn members_that_are_sent_read_as_sent_without_a_warning() {
    let (read, log) = read_logged(FULL);
    assert_eq!(read.status, 1);
    assert_eq!(read.project_id, 7);
    assert_eq!(read.domains, ["a.example"]);
    assert_eq!(read.extra.replaced_by, "c-1");
    assert!(read.extra.renewable);
    assert_eq!(read.alias.as_deref(), Some("web"));
    assert_eq!(read.request_id, "r-1");
    assert!(log.is_empty(), "{log}");
}

#[test]
fn a_missing_member_is_zero_with_a_warning_naming_it() {
    let (read, log) = read_logged(
        r#"{"Status": 1, "ProjectId": 3, "Extra": {"ReplacedBy": "", "Renewable": false}, "RequestId": "r-1"}"#,
    );
    assert_eq!(read.status, 1);
    assert!(read.domains.is_empty());
    assert_eq!(read.alias, None);
    assert!(log.contains("WARN"), "{log}");
    assert!(log.contains("Detail") && log.contains("Domains"), "{log}");
    assert!(log.contains("missing"), "{log}");
    assert_eq!(log.lines().count(), 1, "only Domains is reported: {log}");
}

#[test]
fn a_null_member_is_zero_with_a_warning() {
    let (read, log) = read_logged(
        r#"{"Status": null, "ProjectId": null, "Domains": [], "Extra": {"ReplacedBy": null, "Renewable": true}, "Alias": null}"#,
    );
    assert_eq!(read.status, 0);
    assert_eq!(read.project_id, 0);
    assert_eq!(read.extra.replaced_by, "");
    assert!(read.extra.renewable);
    assert_eq!(read.alias, None);
    for member in ["Status", "ProjectId", "ReplacedBy"] {
        assert!(
            log.lines()
                .any(|line| line.contains(member) && line.contains("null")),
            "{member}: {log}"
        );
    }
    assert!(log.contains("type=\"Extra\""), "{log}");
    assert!(
        !log.contains("Alias"),
        "an optional member is not reported: {log}"
    );
    assert!(!log.contains("RequestId"), "{log}");
}

#[test]
fn a_missing_structure_is_reported_once_not_member_by_member() {
    let (read, log) = read_logged(r#"{"Status": 2, "ProjectId": 1, "Domains": []}"#);
    assert_eq!(read.extra, Extra::default());
    assert_eq!(log.lines().count(), 1, "{log}");
    assert!(log.contains("Extra") && log.contains("missing"), "{log}");
}

#[test]
fn a_value_of_the_wrong_type_is_still_an_error() {
    for wrong in [
        r#"{"Status": "x"}"#,
        r#"{"Status": 1, "Domains": "a.example"}"#,
        r#"{"Status": 1, "Extra": []}"#,
    ] {
        assert!(
            tc_runtime::absent::from_str::<Detail>(wrong).is_err(),
            "{wrong}"
        );
    }
}
