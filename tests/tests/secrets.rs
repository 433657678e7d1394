//! No generated ssl type prints a secret through `Debug`.
//!
//! Every request, response and structure type (listed by `build.rs` from the checked IR) is
//! decoded from JSON that fills every member, nested structures included, and puts a marker
//! naming the owner and the member into each member the spec marks `sensitive`. The value must
//! hold the marker (it encodes back with it) and its `Debug` output must not.

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use tc_codegen::ir::{EnumBase, Field, Literal, Primitive, Service, TypeKind, TypeRef};
use tencentcloud::ssl::v20191205 as ssl;

/// Decodes JSON into one generated type: its encoding back to JSON and its `Debug` output.
type Probe = fn(Value) -> Result<(String, String), String>;

fn probe<T: DeserializeOwned + Serialize + Debug>(
    value: Value,
) -> Result<(String, String), String> {
    let typed: T = serde_json::from_value(value).map_err(|error| error.to_string())?;
    let encoded = serde_json::to_string(&typed).map_err(|error| error.to_string())?;
    Ok((encoded, format!("{typed:?}")))
}

include!(concat!(env!("OUT_DIR"), "/ssl_structs.rs"));

const MARKER: &str = "SECRET-MARKER";

/// Structures nest at most this deep in the filled JSON (a guard against a recursive type).
const MAX_DEPTH: usize = 8;

/// The marker put into `owner.member`: it names the member, so a leak says which one.
fn marker(owner: &str, member: &str) -> String {
    format!("{MARKER}:{owner}.{member}")
}

fn ssl_ir() -> Service {
    let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/ssl/2019-12-05.json");
    tc_codegen::load(&spec)
        .unwrap_or_else(|problems| panic!("the ssl spec does not check:\n{problems}"))
        .service
}

/// The members of each struct of the service, by Rust name, and whether it is a response.
fn structs(service: &Service) -> Vec<(&str, &[Field], bool)> {
    let actions = service.actions.iter().flat_map(|action| {
        [
            (action.request.as_str(), action.input.as_slice(), false),
            (action.response.as_str(), action.output.as_slice(), true),
        ]
    });
    let structures = service.types.iter().filter_map(|named| match &named.kind {
        TypeKind::Object { fields, .. } => {
            Some((named.rust_name.as_str(), fields.as_slice(), false))
        }
        TypeKind::Enum { .. } => None,
    });
    actions.chain(structures).collect()
}

/// Every member the spec marks sensitive, as its marker.
fn sensitive_members(service: &Service) -> BTreeSet<String> {
    structs(service)
        .into_iter()
        .flat_map(|(owner, fields, _)| {
            fields
                .iter()
                .filter(|field| field.sensitive)
                .map(move |field| marker(owner, &field.wire_name))
        })
        .collect()
}

/// A JSON object with every member of `fields` set; sensitive text holds its marker.
fn fill_members(
    service: &Service,
    owner: &str,
    fields: &[Field],
    depth: usize,
) -> Map<String, Value> {
    let mut members = Map::new();
    for field in fields {
        let secret = field.sensitive.then(|| marker(owner, &field.wire_name));
        if let Some(value) = fill(service, &field.ty, secret.as_deref(), depth) {
            members.insert(field.wire_name.clone(), value);
        }
    }
    members
}

/// A value of `ty`: every text in it is `secret` when given. `None` past [`MAX_DEPTH`].
fn fill(service: &Service, ty: &TypeRef, secret: Option<&str>, depth: usize) -> Option<Value> {
    let text = |plain: &str| Value::from(secret.unwrap_or(plain));
    Some(match ty {
        TypeRef::Primitive(Primitive::String) => text("text"),
        TypeRef::Primitive(Primitive::DateTime) => text("2019-12-05 17:04:05"),
        TypeRef::Primitive(Primitive::DateTimeIso) => text("2019-12-05T17:04:05+08:00"),
        TypeRef::Primitive(Primitive::Date) => text("2019-12-05"),
        TypeRef::Primitive(Primitive::I64 | Primitive::U64) => json!(1),
        TypeRef::Primitive(Primitive::F64) => json!(1.5),
        TypeRef::Primitive(Primitive::Bool) => json!(true),
        TypeRef::List(item) => Value::Array(vec![fill(service, item, secret, depth)?]),
        TypeRef::Enum(index) => match &service.types[*index].kind {
            TypeKind::Enum { variants, base } => match (variants.first(), base) {
                (Some(variant), _) => literal(&variant.value),
                (None, EnumBase::String) => text("text"),
                (None, EnumBase::I64 | EnumBase::U64) => json!(1),
            },
            TypeKind::Object { .. } => panic!("type {index} is not a value set"),
        },
        TypeRef::Object(index) => {
            let named = &service.types[*index];
            let TypeKind::Object { fields, .. } = &named.kind else {
                panic!("type {index} is not a structure");
            };
            if depth >= MAX_DEPTH {
                return None;
            }
            Value::Object(fill_members(service, &named.rust_name, fields, depth + 1))
        }
    })
}

fn literal(value: &Literal) -> Value {
    match value {
        Literal::String(text) => json!(text),
        Literal::I64(number) => json!(number),
        Literal::U64(number) => json!(number),
        Literal::Bool(flag) => json!(flag),
    }
}

#[test]
fn no_generated_ssl_type_prints_a_secret() {
    let service = ssl_ir();
    let probes: std::collections::HashMap<&str, Probe> = SSL_STRUCTS.iter().copied().collect();
    let mut failures = Vec::new();
    let mut covered = BTreeSet::new();
    let mut nested_markers = 0;
    let all = structs(&service);
    assert_eq!(all.len(), SSL_STRUCTS.len(), "build.rs lists every struct");
    for (owner, fields, response) in all {
        let mut members = fill_members(&service, owner, fields, 0);
        if response {
            members.insert("RequestId".into(), json!("req-secrets"));
        }
        let Some(probe) = probes.get(owner) else {
            failures.push(format!("{owner}: not listed by build.rs"));
            continue;
        };
        let (encoded, debug) = match probe(Value::Object(members)) {
            Ok(printed) => printed,
            Err(error) => {
                failures.push(format!("{owner}: the filled JSON does not decode: {error}"));
                continue;
            }
        };
        for (found, _) in encoded.match_indices(MARKER) {
            let rest = &encoded[found..];
            let end = rest.find('"').unwrap_or(rest.len());
            let seen = &rest[..end];
            if seen.starts_with(&format!("{MARKER}:{owner}.")) {
                covered.insert(seen.to_owned());
            } else {
                nested_markers += 1;
            }
        }
        if debug.contains(MARKER) {
            failures.push(format!("{owner}: Debug shows a secret:\n{debug}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));

    // Not vacuous: every sensitive member of the spec held its marker in the decoded value,
    // and those the issue names are among them.
    let expected = sensitive_members(&service);
    assert_eq!(
        covered, expected,
        "sensitive members whose marker was decoded"
    );
    for named in [
        "DescribeCertificateDetailResponse.CertificatePrivateKey",
        "DescribeCertificateDetailResponse.EncryptPrivateKey",
        "DownloadCertificateResponse.Content",
        "CertificateInfoSubmitRequest.KeyPass",
        "CreateCertificateByPackageRequest.RenewKeyPass",
        "UploadCertificateRequest.CertificatePrivateKey",
    ] {
        let wanted = format!("{MARKER}:{named}");
        assert!(
            expected.contains(&wanted),
            "{named} is not marked sensitive"
        );
    }
    assert!(
        nested_markers > 0,
        "no secret was nested inside another type, so nesting went untested"
    );
    println!(
        "{} sensitive members checked directly, {nested_markers} more times nested, in {} types",
        expected.len(),
        SSL_STRUCTS.len()
    );
}

/// A `tracing` writer that keeps what it is given.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

// The generated client and the emulator run on this test's thread (a current-thread runtime),
// so the scoped subscriber sees the runtime's, the HTTP stack's and the emulator's events.
#[tokio::test]
async fn neither_the_runtime_nor_the_emulator_traces_a_secret() {
    use tc_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY, Emulator, Stub};

    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let emulator = Emulator::builder().start().await.unwrap();
    let sent_key = marker("UploadCertificateRequest", "CertificatePrivateKey");
    let sent_password = marker("UploadCertificateRequest", "KeyPassword");
    let answered_key = marker("DescribeCertificateDetailResponse", "CertificatePrivateKey");
    // A whole answer (every member, markers in the sensitive ones), which decodes.
    let service = ssl_ir();
    let detail = service
        .actions
        .iter()
        .find(|action| action.wire_name == "DescribeCertificateDetail")
        .expect("ssl has DescribeCertificateDetail");
    let answer = fill_members(&service, &detail.response, &detail.output, 0);
    emulator.stub(Stub::answer(
        "UploadCertificate",
        json!({"CertificateId": "up-1", "RepeatCertId": ""}),
    ));
    emulator.stub(Stub::answer("DescribeCertificateDetail", Value::Object(answer)).times(1));
    // Then an answer of the wrong shape (a number for a list), which does not decode.
    emulator.stub(
        Stub::answer(
            "DescribeCertificateDetail",
            json!({"CertificatePrivateKey": answered_key, "SubjectAltName": 5}),
        )
        .when_body_includes(json!({"CertificateId": "broken"})),
    );
    let client = tc_runtime::Client::builder()
        .credentials(tc_runtime::Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY).unwrap())
        .base_url(emulator.base_url())
        .unwrap()
        .rate_limit(false)
        .retry(tc_runtime::RetryPolicy::disabled())
        .build()
        .unwrap();
    let ssl = ssl::SslClient::new(client);
    let uploaded = ssl
        .upload_certificate(
            ssl::UploadCertificateRequest::new("-----BEGIN CERTIFICATE-----public")
                .certificate_private_key(sent_key.as_str())
                .key_password(sent_password.as_str()),
        )
        .await
        .unwrap();
    assert_eq!(uploaded.certificate_id, "up-1");
    let described = ssl
        .describe_certificate_detail(ssl::DescribeCertificateDetailRequest::new("up-1"))
        .await
        .unwrap();
    assert_eq!(
        described
            .certificate_private_key
            .as_ref()
            .map(|key| key.expose().as_str()),
        Some(answered_key.as_str())
    );
    let broken = ssl
        .describe_certificate_detail(ssl::DescribeCertificateDetailRequest::new("broken"))
        .await;
    assert!(
        broken.is_err(),
        "an answer without its members does not decode"
    );
    emulator.shutdown().await;

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "UploadCertificate",
        "DescribeCertificateDetail",
        "call succeeded",
        "call failed",
    ] {
        assert!(
            log.contains(expected),
            "{expected} missing from the trace:\n{log}"
        );
    }
    for secret in [MARKER, DEMO_SECRET_KEY, "Signature="] {
        assert!(
            !log.contains(secret),
            "{secret:?} leaked into the trace:\n{log}"
        );
    }
}
