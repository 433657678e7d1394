//! The emulator over real HTTP on 127.0.0.1: signatures, validation, rate limits, the ssl
//! certificate lifecycle on a manual clock, downloads, and saved state.

mod common;

use std::io::Read;
use std::time::Duration;

use base64::Engine;
use common::{Raw, code, now, quick_retries, ssl_client};
use serde_json::Value;
use tc_emulator::{Clock, Credential, Emulator, SslConfig};
use tc_runtime::{Error, RetryPolicy};
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, CaCheckResult, CancelCertificateOrderRequest, CertificateStatus,
    CheckCertificateDomainVerificationRequest, DeleteCertificateRequest,
    DescribeCertificateRequest, DownloadCertificateRequest, DvAuthMethod, LocalCheckResult,
    SslClient,
};

fn uuid_like(text: &str) -> bool {
    text.len() == 36 && text.chars().filter(|c| *c == '-').count() == 4
}

#[tokio::test]
async fn signatures_are_verified_with_the_real_codes() {
    let emulator = Emulator::builder()
        .credential(Credential::new("AKIDgood", "good-key"))
        .credential(Credential::new("AKIDtemp", "temp-key").with_token("session-token"))
        .start()
        .await
        .unwrap();
    let url = emulator.base_url().to_owned();
    let body = r#"{"CertificateId":"none"}"#;
    let base = Raw {
        secret_id: "AKIDgood",
        secret_key: "good-key",
        ..Raw::new("DescribeCertificate", body)
    };

    let (status, ok) = base.send(&url).await;
    assert_eq!(status, 200);
    assert_eq!(
        code(&ok),
        Some("FailedOperation.CertificateNotFound"),
        "{ok}"
    );
    assert!(uuid_like(ok["Response"]["RequestId"].as_str().unwrap()));

    let cases = [
        (
            Raw {
                secret_key: "wrong-key",
                ..base
            },
            "AuthFailure.SignatureFailure",
        ),
        (
            Raw {
                signed_body: Some(r#"{"CertificateId":"other"}"#),
                ..base
            },
            "AuthFailure.SignatureFailure",
        ),
        (
            Raw {
                timestamp: now() - 301,
                ..base
            },
            "AuthFailure.SignatureExpire",
        ),
        (
            Raw {
                timestamp: now() + 600,
                ..base
            },
            "AuthFailure.SignatureExpire",
        ),
        (
            Raw {
                secret_id: "AKIDunknown",
                ..base
            },
            "AuthFailure.SecretIdNotFound",
        ),
        (
            Raw {
                token: Some("unexpected"),
                ..base
            },
            "AuthFailure.TokenFailure",
        ),
        (
            Raw {
                secret_id: "AKIDtemp",
                secret_key: "temp-key",
                ..base
            },
            "AuthFailure.TokenFailure",
        ),
        (
            Raw {
                secret_id: "AKIDtemp",
                secret_key: "temp-key",
                token: Some("wrong-token"),
                ..base
            },
            "AuthFailure.TokenFailure",
        ),
    ];
    for (raw, expected) in cases {
        let (status, answer) = raw.send(&url).await;
        assert_eq!(status, 200, "{answer}");
        assert_eq!(code(&answer), Some(expected), "{answer}");
        assert!(
            answer["Response"]["Error"]["Message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
        assert!(uuid_like(answer["Response"]["RequestId"].as_str().unwrap()));
    }
    let temporary = Raw {
        secret_id: "AKIDtemp",
        secret_key: "temp-key",
        token: Some("session-token"),
        ..base
    };
    let (_, answer) = temporary.send(&url).await;
    assert_eq!(
        code(&answer),
        Some("FailedOperation.CertificateNotFound"),
        "{answer}"
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn signatures_over_more_headers_are_verified() {
    // Some SDKs sign `x-tc-action` too, with its value in lower case.
    let emulator = Emulator::builder().start().await.unwrap();
    let url = emulator.base_url().to_owned();
    let host = url.trim_start_matches("http://");
    let body = r#"{"CertificateId":"none"}"#;
    let timestamp = now();
    let date = tc_runtime::sign::utc_date(timestamp);
    let canonical = format!(
        "POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:{host}\nx-tc-action:describecertificate\n\ncontent-type;host;x-tc-action\n{}",
        tc_runtime::sign::sha256_hex(body.as_bytes())
    );
    let to_sign = tc_runtime::sign::string_to_sign(timestamp, &date, "ssl", &canonical);
    let signature =
        tc_runtime::sign::signature(tc_emulator::DEMO_SECRET_KEY, &date, "ssl", &to_sign);
    let authorization = format!(
        "TC3-HMAC-SHA256 Credential={}/{date}/ssl/tc3_request, SignedHeaders=content-type;host;x-tc-action, Signature={signature}",
        tc_emulator::DEMO_SECRET_ID
    );
    let headers = [
        ("Host", host.to_owned()),
        ("Content-Type", "application/json; charset=utf-8".to_owned()),
        ("X-TC-Action", "DescribeCertificate".to_owned()),
        ("X-TC-Version", "2019-12-05".to_owned()),
        ("X-TC-Timestamp", timestamp.to_string()),
        ("Authorization", authorization),
    ];
    let (_, answer) = common::post(host, &headers, body.as_bytes()).await;
    assert_eq!(
        code(&answer),
        Some("FailedOperation.CertificateNotFound"),
        "{answer}"
    );
}

#[tokio::test]
async fn bodies_are_validated_against_the_spec() {
    let emulator = Emulator::builder().start().await.unwrap();
    let url = emulator.base_url().to_owned();
    let cases: [(&str, &str, &str, Option<&str>); 10] = [
        (
            "ApplyCertificate",
            r#"{"DvAuthMethod":"DNS_AUTO"}"#,
            "MissingParameter",
            Some("DomainName"),
        ),
        (
            "ApplyCertificate",
            r#"{"DvAuthMethod":"DNS_AUTO","DomainName":"a.com","Colour":"red"}"#,
            "UnknownParameter",
            Some("Colour"),
        ),
        (
            "ApplyCertificate",
            r#"{"DvAuthMethod":"DNS_AUTO","DomainName":5}"#,
            "InvalidParameter",
            Some("DomainName"),
        ),
        (
            "ApplyCertificate",
            r#"{"DvAuthMethod":"DNS_AUTO","DomainName":"a.com","ProjectId":-1}"#,
            "InvalidParameter",
            Some("ProjectId"),
        ),
        (
            "ApplyCertificate",
            r#"{"DvAuthMethod":"EMAIL","DomainName":"a.com"}"#,
            "InvalidParameterValue",
            Some("DNS_AUTO"),
        ),
        (
            "ApplyCertificate",
            r#"{"DvAuthMethod":"DNS_AUTO","DomainName":""}"#,
            "InvalidParameterValue",
            Some("DomainName"),
        ),
        (
            "ApplyCertificate",
            r#"{"DvAuthMethod":"DNS_AUTO","DomainName":"a.com","CsrEncryptAlgo":"ECC"}"#,
            "MissingParameter",
            Some("When the encryption algorithm is ECC, CsrKeyParameter is mandatory."),
        ),
        (
            "ApplyCertificate",
            r#"{"DvAuthMethod":"DNS","DomainName":"a.com","DeleteDnsAutoRecord":true}"#,
            "InvalidParameterValue",
            Some("DeleteDnsAutoRecord can be passed in only for the DNS_AUTO validation method."),
        ),
        ("ApplyCertificate", r#"[1, 2]"#, "InvalidParameter", None),
        (
            "ApplyCertificate",
            r#"{"DvAuthMethod":"#,
            "InvalidParameter",
            None,
        ),
    ];
    for (action, body, expected, mentions) in cases {
        let (status, answer) = Raw::new(action, body).send(&url).await;
        assert_eq!(status, 200);
        assert_eq!(code(&answer), Some(expected), "{body}: {answer}");
        if let Some(mentions) = mentions {
            let message = answer["Response"]["Error"]["Message"].as_str().unwrap();
            assert!(message.contains(mentions), "{body}: {message}");
        }
    }
    let (_, answer) = Raw::new("IssueMeAUnicorn", "{}").send(&url).await;
    assert_eq!(code(&answer), Some("InvalidAction"), "{answer}");
    let (_, answer) = Raw {
        version: "2000-01-01",
        ..Raw::new("DescribeCertificate", "{}")
    }
    .send(&url)
    .await;
    assert_eq!(code(&answer), Some("NoSuchVersion"), "{answer}");
    let (_, answer) = Raw {
        service: "nosuchservice",
        ..Raw::new("DescribeInstances", "{}")
    }
    .send(&url)
    .await;
    assert_eq!(code(&answer), Some("InvalidAction"), "{answer}");
    let (_, answer) = Raw {
        content_type: "application/x-www-form-urlencoded",
        ..Raw::new("DescribeCertificate", "{}")
    }
    .send(&url)
    .await;
    assert!(code(&answer).is_some(), "{answer}");
}

#[tokio::test]
async fn actions_without_state_answer_from_the_spec_with_fresh_request_ids() {
    let emulator = Emulator::builder().start().await.unwrap();
    let url = emulator.base_url().to_owned();
    let (_, first) = Raw::new("DescribeCertificates", "{}").send(&url).await;
    let (_, second) = Raw::new("DescribeCertificates", "{}").send(&url).await;
    assert_eq!(code(&first), None, "{first}");
    assert!(first["Response"].get("TotalCount").is_some(), "{first}");
    assert_ne!(
        first["Response"]["RequestId"],
        second["Response"]["RequestId"]
    );
    // Every action of the spec answers something its generated response type decodes.
    let client = ssl_client(&emulator, RetryPolicy::disabled());
    let listed = client
        .runtime()
        .call(&tencentcloud::ssl::v20191205::DescribeCertificatesRequest::new())
        .await
        .unwrap();
    assert!(!listed.request_id.is_empty());
}

#[tokio::test]
async fn rate_limits_from_the_spec_are_applied() {
    let emulator = Emulator::builder()
        .ssl(SslConfig {
            free_quota: 1000,
            ..SslConfig::default()
        })
        .start()
        .await
        .unwrap();
    let url = emulator.base_url().to_owned();
    let body = r#"{"DvAuthMethod":"DNS_AUTO","DomainName":"rate.example.com"}"#;
    let answers = futures_like_join(&url, body, 40).await;
    let limited = answers
        .iter()
        .filter(|a| code(a) == Some("RequestLimitExceeded"))
        .count();
    let ok = answers.iter().filter(|a| code(a).is_none()).count();
    assert!(limited > 0, "no request was limited");
    assert!((1..40).contains(&ok), "{ok} accepted");
    // The generated client, without retries or its own limiter, sees the same code.
    let client = ssl_client(&emulator, RetryPolicy::disabled());
    let mut seen = false;
    for _ in 0..40 {
        let request = ApplyCertificateRequest::new(DvAuthMethod::DnsAuto, "rate.example.com");
        if let Err(error) = client.apply_certificate(request).await {
            assert_eq!(error.code(), Some("RequestLimitExceeded"), "{error}");
            assert!(error.is_throttling());
            seen = true;
            break;
        }
    }
    assert!(seen);
}

async fn futures_like_join(url: &str, body: &str, count: usize) -> Vec<Value> {
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..count {
        let url = url.to_owned();
        let body = body.to_owned();
        tasks.spawn(async move { Raw::new("ApplyCertificate", &body).send(&url).await.1 });
    }
    let mut answers = Vec::new();
    while let Some(answer) = tasks.join_next().await {
        answers.push(answer.unwrap());
    }
    answers
}

async fn status(client: &SslClient, id: &str) -> CertificateStatus {
    let described = client
        .describe_certificate(DescribeCertificateRequest::new(id))
        .await
        .unwrap();
    described.status.expect("a status")
}

#[tokio::test]
async fn dns_auto_moves_from_4_to_1_and_downloads_a_real_chain() {
    let clock = Clock::manual();
    let emulator = Emulator::builder()
        .clock(clock.clone())
        .start()
        .await
        .unwrap();
    let client = ssl_client(&emulator, quick_retries(3));
    let applied = client
        .apply_certificate(ApplyCertificateRequest::new(
            DvAuthMethod::DnsAuto,
            "example.com",
        ))
        .await
        .unwrap();
    let id = applied.certificate_id;
    assert_eq!(id.len(), 8);
    assert_eq!(status(&client, &id).await.value(), 4);
    let early = client
        .download_certificate(DownloadCertificateRequest::new(&id))
        .await
        .unwrap_err();
    assert_eq!(
        early.code(),
        Some("FailedOperation.InvalidCertificateStatusCode")
    );

    clock.advance(Duration::from_secs(61));
    let described = client
        .describe_certificate(DescribeCertificateRequest::new(&id))
        .await
        .unwrap();
    assert_eq!(described.status.as_ref().map(|s| s.value()), Some(1));
    assert_eq!(described.domain.as_deref(), Some("example.com"));
    assert!(
        !described
            .cert_end_time
            .clone()
            .unwrap_or_default()
            .is_empty()
    );

    let download = client
        .download_certificate(DownloadCertificateRequest::new(&id))
        .await
        .unwrap();
    assert_eq!(download.content_type, "application/zip");
    let zip = base64::engine::general_purpose::STANDARD
        .decode(download.content.expose())
        .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap_or_else(|_| panic!("{name} in the ZIP"))
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let bundle = read("Nginx/1_example.com_bundle.crt");
    let key = read("Nginx/2_example.com.key");
    let root_bundle = read("Apache/1_root_bundle.crt");
    assert!(key.starts_with("-----BEGIN PRIVATE KEY-----"));
    assert!(read("example.com.csr").contains("CERTIFICATE REQUEST"));

    let pems: Vec<_> = x509_parser::pem::Pem::iter_from_buffer(bundle.as_bytes())
        .map(|p| p.unwrap())
        .collect();
    assert_eq!(pems.len(), 2, "leaf and intermediate");
    let leaf = pems[0].parse_x509().unwrap();
    let intermediate = pems[1].parse_x509().unwrap();
    assert_eq!(
        leaf.subject()
            .iter_common_name()
            .next()
            .unwrap()
            .as_str()
            .unwrap(),
        "example.com"
    );
    let names: Vec<String> = leaf
        .subject_alternative_name()
        .unwrap()
        .unwrap()
        .value
        .general_names
        .iter()
        .map(|n| n.to_string())
        .collect();
    assert!(names.iter().any(|n| n.contains("example.com")), "{names:?}");
    assert_eq!(leaf.issuer(), intermediate.subject());
    leaf.verify_signature(Some(intermediate.public_key()))
        .unwrap();
    assert!(root_bundle.contains("BEGIN CERTIFICATE"));
    let days =
        (leaf.validity().not_after.timestamp() - leaf.validity().not_before.timestamp()) / 86_400;
    assert_eq!(days, 90);
    // The key matches the leaf: same public key.
    let key_der = x509_parser::pem::parse_x509_pem(key.as_bytes())
        .unwrap()
        .1
        .contents;
    let key_pair = rcgen::KeyPair::try_from(key_der.as_slice()).unwrap();
    assert_eq!(
        key_pair.public_key_raw(),
        leaf.public_key().subject_public_key.data.as_ref()
    );
    emulator.shutdown().await;
}

#[tokio::test]
async fn dns_stays_under_review_with_records_until_verified() {
    let clock = Clock::manual();
    let emulator = Emulator::builder()
        .clock(clock.clone())
        .ssl(SslConfig {
            validation_delay: None,
            issue_delay: Duration::from_secs(30),
            ..SslConfig::default()
        })
        .start()
        .await
        .unwrap();
    let client = ssl_client(&emulator, quick_retries(3));
    for (method, local_failure) in [(DvAuthMethod::Dns, -6), (DvAuthMethod::File, -4)] {
        let id = client
            .apply_certificate(ApplyCertificateRequest::new(
                method.clone(),
                "shop.example.org",
            ))
            .await
            .unwrap()
            .certificate_id;
        let described = client
            .describe_certificate(DescribeCertificateRequest::new(&id))
            .await
            .unwrap();
        assert_eq!(described.status.as_ref().map(|s| s.value()), Some(0));
        let detail = described
            .dv_auth_detail
            .expect("DvAuthDetail while under review");
        let auths = detail.dv_auths.expect("DvAuths");
        assert_eq!(auths.len(), 1);
        assert!(!auths[0].dv_auth_value.is_empty());
        clock.advance(Duration::from_secs(3600));
        assert_eq!(
            status(&client, &id).await.value(),
            0,
            "not verified by itself"
        );

        let check = client
            .check_certificate_domain_verification(CheckCertificateDomainVerificationRequest::new(
                &id,
            ))
            .await
            .unwrap();
        let result = &check.verification_results.expect("results")[0];
        assert_eq!(result.local_check.value(), local_failure);
        assert_eq!(result.ca_check, CaCheckResult::Failed);
        assert!(!result.issued);

        emulator.ssl().mark_validated(&id).unwrap();
        let check = client
            .check_certificate_domain_verification(CheckCertificateDomainVerificationRequest::new(
                &id,
            ))
            .await
            .unwrap();
        let result = &check.verification_results.expect("results")[0];
        assert_eq!(
            (&result.local_check, &result.ca_check, result.issued),
            (&LocalCheckResult::Verified, &CaCheckResult::Passed, false)
        );
        assert_eq!(status(&client, &id).await.value(), 0);
        clock.advance(Duration::from_secs(31));
        assert_eq!(status(&client, &id).await, CertificateStatus::Issued);
        let check = client
            .check_certificate_domain_verification(CheckCertificateDomainVerificationRequest::new(
                &id,
            ))
            .await
            .unwrap();
        assert!(check.verification_results.expect("results")[0].issued);
    }
}

#[tokio::test]
async fn cancel_delete_and_the_free_quota_follow_the_documented_rules() {
    let clock = Clock::manual();
    let emulator = Emulator::builder()
        .clock(clock.clone())
        .ssl(SslConfig {
            free_quota: 2,
            ..SslConfig::default()
        })
        .start()
        .await
        .unwrap();
    let client = ssl_client(&emulator, quick_retries(1));
    let apply = |domain: &str| {
        client.apply_certificate(ApplyCertificateRequest::new(DvAuthMethod::Dns, domain))
    };
    let first = apply("one.example.com").await.unwrap().certificate_id;
    let second = apply("two.example.com").await.unwrap().certificate_id;
    let refused = apply("three.example.com").await.unwrap_err();
    assert_eq!(
        refused.code(),
        Some("FailedOperation.ExceedsFreeLimit"),
        "{refused}"
    );

    let cancelled = client
        .cancel_certificate_order(CancelCertificateOrderRequest::new(&second))
        .await
        .unwrap();
    assert_eq!(cancelled.certificate_id, second);
    assert_eq!(status(&client, &second).await.value(), 7);
    let again = client
        .cancel_certificate_order(CancelCertificateOrderRequest::new(&second))
        .await
        .unwrap_err();
    assert_eq!(
        again.code(),
        Some("FailedOperation.InvalidCertificateStatusCode")
    );
    // A cancelled application gives its place back.
    let third = apply("three.example.com").await.unwrap().certificate_id;

    let early = client
        .delete_certificate(DeleteCertificateRequest::new(&first))
        .await
        .unwrap_err();
    assert_eq!(
        early.code(),
        Some("FailedOperation.CannotBeDeletedWithinHour"),
        "{early}"
    );
    clock.advance(Duration::from_secs(3601));
    let deleted = client
        .delete_certificate(DeleteCertificateRequest::new(&first))
        .await
        .unwrap();
    assert!(deleted.delete_result);
    let gone = client
        .describe_certificate(DescribeCertificateRequest::new(&first))
        .await
        .unwrap_err();
    assert_eq!(gone.code(), Some("FailedOperation.CertificateNotFound"));
    // Issued certificates cannot be cancelled.
    clock.advance(Duration::from_secs(3600));
    assert_eq!(status(&client, &third).await.value(), 1);
    let issued = client
        .cancel_certificate_order(CancelCertificateOrderRequest::new(&third))
        .await
        .unwrap_err();
    assert!(matches!(issued, Error::Service(_)));
}

#[tokio::test]
async fn state_is_saved_and_resumed() {
    let dir = std::env::temp_dir().join(format!("tc-emulator-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    let _ = std::fs::remove_file(&file);
    let clock = Clock::manual();
    let emulator = Emulator::builder()
        .clock(clock.clone())
        .state_file(&file)
        .start()
        .await
        .unwrap();
    let client = ssl_client(&emulator, quick_retries(1));
    let id = client
        .apply_certificate(ApplyCertificateRequest::new(
            DvAuthMethod::DnsAuto,
            "resume.example.com",
        ))
        .await
        .unwrap()
        .certificate_id;
    clock.advance(Duration::from_secs(120));
    let before = client
        .download_certificate(DownloadCertificateRequest::new(&id))
        .await
        .unwrap();
    emulator.shutdown().await;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "the state file holds keys: owner only");
    }

    let resumed = Emulator::builder()
        .clock(clock.clone())
        .state_file(&file)
        .start()
        .await
        .unwrap();
    let client = ssl_client(&resumed, quick_retries(1));
    assert_eq!(status(&client, &id).await.value(), 1);
    let after = client
        .download_certificate(DownloadCertificateRequest::new(&id))
        .await
        .unwrap();
    assert_eq!(
        before.content, after.content,
        "the same certificate after resuming"
    );
    resumed.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
