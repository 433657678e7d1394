//! Signing cost: cold key, cached key, whole request (build + serialize + sign), beside the
//! bare crypto floor (the same SHA-256 and HMAC-SHA256 work with no formatting).
//!
//! `CARGO_TARGET_DIR=/work/target-runtime cargo bench -p tc-runtime --bench sign`

use std::hint::black_box;

use criterion::{Criterion, criterion_main};
use hmac::{Hmac, Mac};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HOST, HeaderMap, HeaderValue};
use serde::Serialize;
use sha2::{Digest, Sha256};
use tc_runtime::Credentials;
use tc_runtime::sign::{Signer, SigningInput};

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ApplyCertificateRequest {
    dv_auth_method: String,
    domain_name: String,
    package_type: Option<String>,
    alias: Option<String>,
}

fn request() -> ApplyCertificateRequest {
    ApplyCertificateRequest {
        dv_auth_method: "DNS_AUTO".into(),
        domain_name: "www.example.com".into(),
        package_type: Some("83".into()),
        alias: Some("bench".into()),
    }
}

const SECRET_KEY: &str = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE";
const HOST_NAME: &str = "ssl.tencentcloudapi.com";
const TIMESTAMP: i64 = 1_700_000_000;

fn hmac(key: &[u8], msg: &[u8]) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(msg);
    mac.finalize().into_bytes().into()
}

/// The crypto a signature cannot avoid: hash the body, hash a canonical request of the same
/// length, and run the HMAC chain (`cached` skips the three key-derivation steps).
fn floor(body: &[u8], canonical_len: usize, cached: bool, key: &[u8; 32]) -> [u8; 32] {
    let body_hash = Sha256::digest(body);
    let mut canonical = [b'x'; 256];
    canonical[..32].copy_from_slice(&body_hash);
    let canonical_hash = Sha256::digest(&canonical[..canonical_len.min(256)]);
    let k = if cached {
        *key
    } else {
        let k = hmac(b"TC3Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", b"2023-11-14");
        let k = hmac(&k, b"ssl");
        hmac(&k, b"tc3_request")
    };
    let mut to_sign = [b'y'; 128];
    to_sign[..32].copy_from_slice(&canonical_hash);
    hmac(&k, &to_sign)
}

fn benches(c: &mut Criterion) {
    let credentials = Credentials::new("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", SECRET_KEY).unwrap();
    let body = serde_json::to_vec(&request()).unwrap();
    let input = SigningInput {
        service: "ssl",
        host: HOST_NAME,
        content_type: "application/json",
        payload: &body,
        timestamp: TIMESTAMP,
    };
    let canonical_len =
        tc_runtime::sign::canonical_request("application/json", HOST_NAME, &body).len();
    let key = tc_runtime::sign::signing_key(SECRET_KEY, "2023-11-14", "ssl");

    let mut group = c.benchmark_group("sign");
    group.bench_function("floor_hmac_chain_cold", |b| {
        b.iter(|| floor(black_box(&body), canonical_len, false, &key))
    });
    group.bench_function("floor_hmac_chain_cached", |b| {
        b.iter(|| floor(black_box(&body), canonical_len, true, &key))
    });
    group.bench_function("sign_cold_key", |b| {
        b.iter(|| Signer::new().authorization(black_box(&credentials), black_box(&input)))
    });
    let signer = Signer::new();
    group.bench_function("sign_cached_key", |b| {
        b.iter(|| signer.authorization(black_box(&credentials), black_box(&input)))
    });
    group.bench_function("build_serialize_sign", |b| {
        b.iter(|| {
            let body = serde_json::to_vec(&black_box(request())).unwrap();
            let authorization = signer.authorization(
                &credentials,
                &SigningInput {
                    service: "ssl",
                    host: HOST_NAME,
                    content_type: "application/json",
                    payload: &body,
                    timestamp: TIMESTAMP,
                },
            );
            let mut headers = HeaderMap::with_capacity(12);
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            headers.insert(HOST, HeaderValue::from_static(HOST_NAME));
            headers.insert("x-tc-action", HeaderValue::from_static("ApplyCertificate"));
            headers.insert("x-tc-version", HeaderValue::from_static("2019-12-05"));
            headers.insert("x-tc-timestamp", HeaderValue::from(TIMESTAMP));
            headers.insert(
                AUTHORIZATION,
                HeaderValue::from_str(&authorization).unwrap(),
            );
            (body, headers)
        })
    });
    group.finish();
}

#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(sign_benches, super::benches);
}
use group::sign_benches;
criterion_main!(sign_benches);
