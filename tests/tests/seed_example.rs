//! The ApplyCertificate seed page's example and rules, through the generated ssl bindings.

use serde_json::json;
use tc_runtime::Action;
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, ApplyCertificateResponse, CsrEncryptAlgo, DvAuthMethod,
};

#[test]
fn the_seed_example_round_trips() {
    let body = json!({"DvAuthMethod": "DNS_AUTO", "DomainName": "wgc.red"});
    let request: ApplyCertificateRequest = serde_json::from_value(body.clone()).expect("decodes");
    assert_eq!(request.validate(), Ok(()));
    assert_eq!(
        request,
        ApplyCertificateRequest::new(DvAuthMethod::DnsAuto, "wgc.red")
    );
    assert_eq!(serde_json::to_value(&request).expect("encodes"), body);

    let answer = json!({
        "CertificateId": "a9TsmZkL",
        "RequestId": "0b39eaa4-f938-476d-9b26-19fb07b80936"
    });
    let response: ApplyCertificateResponse =
        serde_json::from_value(answer.clone()).expect("decodes");
    assert_eq!(response.certificate_id, "a9TsmZkL");
    assert_eq!(serde_json::to_value(&response).expect("encodes"), answer);
}

#[test]
fn the_seed_rules_are_enforced_all_at_once() {
    let request = ApplyCertificateRequest::new(DvAuthMethod::Dns, "")
        .csr_encrypt_algo(CsrEncryptAlgo::Ecc)
        .delete_dns_auto_record(true);
    let error = request.validate().expect_err("breaks three rules");
    let members: Vec<&str> = error.violations.iter().map(|v| v.member.as_str()).collect();
    assert_eq!(
        members,
        ["DomainName", "CsrKeyParameter", "DeleteDnsAutoRecord"],
        "{error}"
    );

    let rsa = ApplyCertificateRequest::new(DvAuthMethod::DnsAuto, "example.com")
        .csr_encrypt_algo(CsrEncryptAlgo::Rsa)
        .csr_key_parameter("4096");
    let error = rsa.validate().expect_err("RSA allows only 2048");
    assert_eq!(error.violations.len(), 1, "{error}");
    assert_eq!(error.violations[0].member, "CsrKeyParameter");

    let ecc = ApplyCertificateRequest::new(DvAuthMethod::DnsAuto, "example.com")
        .csr_encrypt_algo(CsrEncryptAlgo::Ecc)
        .csr_key_parameter("prime256v1")
        .delete_dns_auto_record(true);
    assert_eq!(ecc.validate(), Ok(()));
}
