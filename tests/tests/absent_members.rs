//! Generated answers that leave out, or send as `null`, members their docs promise: they
//! decode, the members read as zero, and each is named in a warning (docs/nullability.md).

use std::io::Write;
use std::sync::{Arc, Mutex};

use tc_runtime::response::{Decoded, decode, decode_answer};
use tencentcloud::ssl::v20191205::{
    CancelAuditCertificateRequest, CertificateStatus, DescribeCertificatesRequest,
};

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

/// Runs `read` with a subscriber that keeps the warnings, and returns them.
fn logged<T>(read: impl FnOnce() -> T) -> (T, String) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let read = tracing::subscriber::with_default(subscriber, read);
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    (read, log)
}

#[test]
fn a_strict_read_still_refuses_such_an_answer() {
    let body = br#"{"Response": {"RequestId": "r-1"}}"#;
    assert!(matches!(
        decode::<tencentcloud::ssl::v20191205::CancelAuditCertificateResponse, String>(200, body),
        Decoded::Undecodable(_)
    ));
}

#[test]
fn an_answer_without_an_always_sent_member_reads_it_as_zero_and_says_so() {
    let body = br#"{"Response": {"RequestId": "r-1"}}"#;
    let (decoded, log) = logged(|| decode_answer::<CancelAuditCertificateRequest>(200, body));
    let Decoded::Output(answer, _) = decoded else {
        panic!("the answer did not decode: {decoded:?}");
    };
    assert!(!answer.result);
    assert_eq!(answer.request_id, "r-1");
    assert!(log.contains("WARN tc_runtime::absent"), "{log}");
    assert!(
        log.contains("type=\"CancelAuditCertificateResponse\"")
            && log.contains("member=\"Result\"")
            && log.contains("how=\"missing\""),
        "{log}"
    );
}

#[test]
fn nested_members_sent_as_null_read_as_zero_and_optional_ones_stay_unset() {
    let body = br#"{"Response": {"TotalCount": 1, "RequestId": "r-2", "Certificates": [{
        "OwnerUin": null, "CertificateId": "c-1", "Status": null, "Alias": null,
        "CertificateExtra": {"DomainNumber": null, "SMCert": null, "ReplacedBy": null}
    }]}}"#;
    let (decoded, log) = logged(|| decode_answer::<DescribeCertificatesRequest>(200, body));
    let Decoded::Output(answer, _) = decoded else {
        panic!("the answer did not decode: {decoded:?}");
    };
    let certificate = &answer.certificates[0];
    assert_eq!(certificate.owner_uin, "");
    assert_eq!(certificate.certificate_id, "c-1");
    for member in ["OwnerUin", "DomainNumber", "SMCert"] {
        assert!(
            log.lines()
                .any(|line| line.contains(&format!("member=\"{member}\"")) && line.contains("null")),
            "{member} is not reported: {log}"
        );
    }
    assert!(
        !log.contains("member=\"ReplacedBy\""),
        "ReplacedBy is nullable: {log}"
    );
    // A number value set reads as its fallback, not as the documented value 0.
    assert!(
        matches!(certificate.status, CertificateStatus::Unknown(_)),
        "{:?}",
        certificate.status
    );
    assert!(log.contains("member=\"Status\""), "{log}");
}
