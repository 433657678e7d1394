//! The README's journeys across services, with the generated clients against the emulator
//! over real HTTP on 127.0.0.1: manual DNS validation (ssl + dnspod), and CVM instances listed
//! with a filter, page by page.

use std::time::Duration;

use tc_emulator::{Clock, DEMO_SECRET_ID, DEMO_SECRET_KEY, Emulator, RunningEmulator, SslConfig};
use tc_runtime::{Client, Credentials};
use tencentcloud::cvm::v20170312::{CvmClient, DescribeInstancesRequest, Filter};
use tencentcloud::dnspod::v20210323::{
    CreateRecordRequest, DeleteRecordRequest, DescribeRecordListRequest, DnspodClient,
};
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, CertificateStatus, DescribeCertificateRequest, DvAuthMethod, SslClient,
};

fn client(emulator: &RunningEmulator) -> Client {
    Client::builder()
        .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY).expect("valid"))
        .base_url(emulator.base_url())
        .expect("a valid URL")
        .region("ap-guangzhou")
        .build()
        .expect("builds")
}

/// An emulator hosting `example.com` in DNSPod, where only the TXT record validates.
async fn dns_emulator(clock: Clock) -> RunningEmulator {
    Emulator::builder()
        .clock(clock)
        .dnspod_domain("example.com")
        .ssl(SslConfig {
            validation_delay: None,
            issue_delay: Duration::from_secs(60),
            ..SslConfig::default()
        })
        .start()
        .await
        .expect("the emulator starts")
}

async fn status(ssl: &SslClient, id: &str) -> CertificateStatus {
    ssl.describe_certificate(DescribeCertificateRequest::new(id))
        .await
        .expect("DescribeCertificate answers")
        .status
        .expect("a status")
}

#[tokio::test]
async fn the_certificate_is_issued_only_once_its_txt_record_exists_in_dnspod() {
    let clock = Clock::manual();
    let emulator = dns_emulator(clock.clone()).await;
    let ssl = SslClient::new(client(&emulator));
    let dnspod = DnspodClient::new(client(&emulator));
    let id = ssl
        .apply_certificate(ApplyCertificateRequest::new(
            DvAuthMethod::Dns,
            "www.example.com",
        ))
        .await
        .expect("applies")
        .certificate_id;

    let detail = ssl
        .describe_certificate(DescribeCertificateRequest::new(&id))
        .await
        .expect("describes")
        .dv_auth_detail
        .expect("DvAuthDetail while under review");
    let zone = detail.dv_auth_domain.expect("DvAuthDomain");
    let host = detail.dv_auth_key.expect("DvAuthKey");
    let value = detail.dv_auth_value.expect("DvAuthValue");
    assert_eq!(
        (zone.as_str(), host.as_str()),
        ("example.com", "_dnsauth.www")
    );
    let auths = detail.dv_auths.expect("DvAuths");
    assert_eq!(auths[0].dv_auth_verify_type.as_str(), "TXT");

    // Nothing happens without the record, however long it takes.
    clock.advance(Duration::from_secs(24 * 3600));
    assert_eq!(status(&ssl, &id).await, CertificateStatus::from(0));

    // A record with another value, or under another name, does not validate.
    dnspod
        .create_record(CreateRecordRequest::new(&zone, "TXT", "默认", "wrong").sub_domain(&host))
        .await
        .expect("creates a record");
    dnspod
        .create_record(
            CreateRecordRequest::new(&zone, "TXT", "默认", &value).sub_domain("_dnsauth"),
        )
        .await
        .expect("creates a record");
    clock.advance(Duration::from_secs(3600));
    assert_eq!(status(&ssl, &id).await, CertificateStatus::from(0));

    let created = dnspod
        .create_record(CreateRecordRequest::new(&zone, "TXT", "默认", &value).sub_domain(&host))
        .await
        .expect("creates the validation record");
    let listed = dnspod
        .describe_record_list(
            DescribeRecordListRequest::new(&zone)
                .sub_domain(&host)
                .record_type("TXT"),
        )
        .await
        .expect("lists the records");
    assert_eq!(
        listed.record_list.len(),
        2,
        "the wrong value and the right one"
    );
    assert!(
        listed
            .record_list
            .iter()
            .any(|record| record.record_id == created.record_id && record.value == value)
    );

    // Issued the documented delay after the record appeared, not before.
    clock.advance(Duration::from_secs(59));
    assert_eq!(status(&ssl, &id).await, CertificateStatus::from(0));
    clock.advance(Duration::from_secs(2));
    assert_eq!(status(&ssl, &id).await, CertificateStatus::Issued);

    dnspod
        .delete_record(DeleteRecordRequest::new(&zone, created.record_id))
        .await
        .expect("deletes the record");
    let error = dnspod
        .delete_record(DeleteRecordRequest::new(&zone, created.record_id))
        .await
        .expect_err("the record is gone");
    match error {
        tc_runtime::Error::Service(error) => {
            assert_eq!(error.code.as_str(), "InvalidParameter.RecordIdInvalid");
        }
        other => panic!("expected a service error, got {other}"),
    }
    // Validation happened once: the certificate stays issued without its record.
    assert_eq!(status(&ssl, &id).await, CertificateStatus::Issued);
    emulator.shutdown().await;
}

#[tokio::test]
async fn records_go_only_into_domains_of_the_account() {
    let emulator = dns_emulator(Clock::manual()).await;
    let dnspod = DnspodClient::new(client(&emulator));
    let error = dnspod
        .create_record(CreateRecordRequest::new("example.org", "TXT", "默认", "v"))
        .await
        .expect_err("example.org is not hosted");
    match error {
        tc_runtime::Error::Service(error) => {
            assert_eq!(error.code.as_str(), "InvalidParameterValue.DomainNotExists");
            assert!(error.message.contains("example.org"), "{}", error.message);
        }
        other => panic!("expected a service error, got {other}"),
    }
    // A new domain has DNSPod's two NS records.
    let listed = dnspod
        .describe_record_list(DescribeRecordListRequest::new("example.com"))
        .await
        .expect("lists");
    assert_eq!(listed.record_list.len(), 2);
    assert!(listed.record_list.iter().all(|r| r.r#type == "NS"));
    emulator.shutdown().await;
}

fn instances(state: &str) -> DescribeInstancesRequest {
    DescribeInstancesRequest::new()
        .filters(vec![Filter::new("instance-state", vec![state.to_owned()])])
}

#[tokio::test]
async fn describe_instances_filters_the_seeded_fleet_and_pages_through_it() {
    let emulator = Emulator::builder().start().await.expect("starts");
    let cvm = CvmClient::new(client(&emulator));

    let mut seen = Vec::new();
    let mut pages = Vec::new();
    loop {
        let answer = cvm
            .describe_instances(instances("RUNNING").offset(seen.len() as i64).limit(3))
            .await
            .expect("DescribeInstances answers");
        assert_eq!(answer.total_count, 8, "4 web, 2 db and 2 running workers");
        pages.push(answer.instance_set.len());
        assert!(
            answer
                .instance_set
                .iter()
                .all(|instance| instance.instance_state == "RUNNING")
        );
        seen.extend(answer.instance_set.into_iter().map(|i| i.instance_id));
        if seen.len() as i64 >= answer.total_count {
            break;
        }
    }
    assert_eq!(pages, [3, 3, 2]);
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 8, "no instance on two pages: {seen:?}");

    let stopped = cvm
        .describe_instances(instances("STOPPED"))
        .await
        .expect("answers");
    assert_eq!(stopped.total_count, 4);

    let zone = cvm
        .describe_instances(DescribeInstancesRequest::new().filters(vec![
            Filter::new("instance-state", vec!["RUNNING".into()]),
            Filter::new("zone", vec!["ap-guangzhou-3".into()]),
        ]))
        .await
        .expect("answers");
    assert!(zone.total_count > 0 && zone.total_count < 8);
    assert!(
        zone.instance_set
            .iter()
            .all(|i| i.placement.zone == "ap-guangzhou-3")
    );

    // Same fleet on every start.
    let again = Emulator::builder().start().await.expect("starts");
    let first = CvmClient::new(client(&again))
        .describe_instances(instances("RUNNING").limit(3))
        .await
        .expect("answers");
    assert_eq!(
        first
            .instance_set
            .iter()
            .map(|i| i.instance_id.clone())
            .collect::<Vec<_>>(),
        seen[..3]
    );
    again.shutdown().await;
    emulator.shutdown().await;
}

#[tokio::test]
async fn describe_instances_refuses_what_the_documentation_refuses() {
    let emulator = Emulator::builder().start().await.expect("starts");
    let cvm = CvmClient::new(client(&emulator));
    let both = cvm
        .describe_instances(instances("RUNNING").instance_ids(vec!["ins-3e7a1c00".into()]))
        .await
        .expect_err("InstanceIds and Filters together");
    let unknown = cvm
        .describe_instances(
            DescribeInstancesRequest::new()
                .filters(vec![Filter::new("colour", vec!["blue".into()])]),
        )
        .await
        .expect_err("no such filter");
    for (error, code) in [
        (both, "InvalidParameterCombination"),
        (unknown, "InvalidFilter"),
    ] {
        match error {
            tc_runtime::Error::Service(error) => assert_eq!(error.code.as_str(), code),
            other => panic!("expected {code}, got {other}"),
        }
    }
    emulator.shutdown().await;
}
