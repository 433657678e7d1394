//! What reading answers through `tc_runtime::absent` costs beside serde_json reading them
//! directly: the same answer (a page of 20 certificates, every member sent) both ways, in one run.
//!
//! `cargo bench -p tc-runtime --bench absent`

use std::hint::black_box;

use criterion::{Criterion, criterion_main};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)] // Read only to be decoded.
struct Page {
    #[serde(deserialize_with = "tc_runtime::lenient::number")]
    total_count: u64,
    certificates: Vec<Certificate>,
    #[serde(default)]
    request_id: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)] // Read only to be decoded.
struct Certificate {
    owner_uin: String,
    certificate_id: String,
    alias: Option<String>,
    domain: String,
    subject_alt_name: Vec<String>,
    #[serde(deserialize_with = "tc_runtime::lenient::number")]
    status: i64,
    cert_begin_time: String,
    cert_end_time: String,
    is_vip: bool,
    extra: Extra,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
#[allow(dead_code)] // Read only to be decoded.
struct Extra {
    domain_number: String,
    replaced_by: Option<String>,
    #[serde(deserialize_with = "tc_runtime::lenient::number")]
    sm_cert: i64,
}

fn answer() -> String {
    let certificate = r#"{"OwnerUin": "100000000001", "CertificateId": "abcd1234", "Alias": "web",
        "Domain": "www.example.com", "SubjectAltName": ["www.example.com", "example.com"],
        "Status": 1, "CertBeginTime": "2024-01-01 00:00:00", "CertEndTime": "2025-01-01 00:00:00",
        "IsVip": false, "Extra": {"DomainNumber": "2", "ReplacedBy": null, "SmCert": 0}}"#;
    let list = vec![certificate; 20].join(",");
    format!(r#"{{"TotalCount": 20, "Certificates": [{list}], "RequestId": "r-1"}}"#)
}

fn benches(c: &mut Criterion) {
    let text = answer();
    let mut group = c.benchmark_group("read an answer of 20 certificates");
    group.bench_function("serde_json::from_str", |b| {
        b.iter(|| serde_json::from_str::<Page>(black_box(&text)).unwrap())
    });
    group.bench_function("tc_runtime::absent::from_str", |b| {
        b.iter(|| tc_runtime::absent::from_str::<Page>(black_box(&text)).unwrap())
    });
    group.finish();
}

#[allow(missing_docs)]
mod group {
    criterion::criterion_group! {
        name = absent_benches;
        config = criterion::Criterion::default()
            .warm_up_time(std::time::Duration::from_millis(500))
            .measurement_time(std::time::Duration::from_secs(3));
        targets = super::benches
    }
}
use group::absent_benches;
criterion_main!(absent_benches);
