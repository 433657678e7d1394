//! The ssl actions with state, on the generated request and response types.
//!
//! Each request (already validated against the spec) is decoded into its generated request
//! type; each answer is built as JSON over a response synthesized from the spec and decoded
//! into the generated response type before it is sent, so that what the emulator answers is
//! exactly what the generated client accepts.

use base64::Engine;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use tencentcloud::ssl::v20191205 as api;
use time::OffsetDateTime;

use super::certificates::INTERMEDIATE_NAME;
use super::state::{CertificateRecord, SslState, status};
use crate::error::{ApiError, codes};
use crate::specs::ServiceModel;
use crate::synth;
use tc_codegen::ir::TypeKind;

/// The service and version whose actions are handled here.
pub const SERVICE: (&str, &str) = ("ssl", "2019-12-05");

/// The actions with state.
pub const ACTIONS: &[&str] = &[
    "ApplyCertificate",
    "DescribeCertificate",
    "CheckCertificateDomainVerification",
    "DownloadCertificate",
    "CancelCertificateOrder",
    "DeleteCertificate",
    "DescribeCertificates",
];

/// Handles `action` when it is one of [`ACTIONS`]; `None` for any other action.
pub fn handle(
    state: &SslState,
    model: &ServiceModel,
    action: &str,
    body: Map<String, Value>,
) -> Option<Result<Map<String, Value>, ApiError>> {
    let body = Value::Object(body);
    Some(match action {
        "ApplyCertificate" => apply(state, body),
        "DescribeCertificate" => describe(state, model, body),
        "CheckCertificateDomainVerification" => check(state, body),
        "DownloadCertificate" => download(state, body),
        "CancelCertificateOrder" => cancel(state, body),
        "DeleteCertificate" => delete(state, body),
        "DescribeCertificates" => list(state, model, body),
        _ => return None,
    })
}

fn typed<T: DeserializeOwned>(body: Value) -> Result<T, ApiError> {
    serde_json::from_value(body).map_err(|e| ApiError::new(codes::INVALID_PARAMETER, e.to_string()))
}

/// Checks `answer` against the generated response type `T` and returns it as sent.
fn respond<T: Serialize + DeserializeOwned>(
    answer: Map<String, Value>,
) -> Result<Map<String, Value>, ApiError> {
    let typed: T = serde_json::from_value(Value::Object(answer)).map_err(|e| {
        ApiError::new(
            codes::INTERNAL_ERROR,
            format!("the emulator built a response its own types reject: {e}"),
        )
    })?;
    match serde_json::to_value(typed) {
        Ok(Value::Object(mut map)) => {
            map.remove("RequestId");
            Ok(map)
        }
        Ok(_) | Err(_) => Err(ApiError::new(
            codes::INTERNAL_ERROR,
            "response encoding failed",
        )),
    }
}

fn apply(state: &SslState, body: Value) -> Result<Map<String, Value>, ApiError> {
    let request: api::ApplyCertificateRequest = typed(body)?;
    let method = request.dv_auth_method.as_str();
    if !matches!(method, "DNS_AUTO" | "DNS" | "FILE") {
        return Err(ApiError::invalid_value(
            "DvAuthMethod",
            "must be DNS_AUTO, DNS or FILE.",
        ));
    }
    let algorithm = request
        .csr_encrypt_algo
        .as_ref()
        .map_or("RSA", |a| a.as_str());
    let id = state.apply(
        &request.domain_name,
        method,
        request.alias.clone(),
        request.project_id.unwrap_or(0),
        algorithm,
    )?;
    let mut answer = Map::new();
    answer.insert("CertificateId".into(), Value::from(id));
    respond::<api::ApplyCertificateResponse>(answer)
}

/// `2019-12-05 17:04:05` in Beijing time, as the service writes times.
pub fn beijing(unix_seconds: i64) -> String {
    let Ok(time) = OffsetDateTime::from_unix_timestamp(unix_seconds + 8 * 3600) else {
        return String::new();
    };
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        time.year(),
        u8::from(time.month()),
        time.day(),
        time.hour(),
        time.minute(),
        time.second()
    )
}

fn status_name(code: u64) -> &'static str {
    match code {
        status::REVIEWING => "Under review.",
        status::ISSUED => "Approved and issued.",
        status::EXPIRED => "Expired.",
        status::DNS_RECORD_ADDED => "DNS validation record added automatically.",
        status::CANCELLED => "Cancelled.",
        _ => "",
    }
}

fn dv_auths(record: &CertificateRecord) -> Value {
    if record.method == "FILE" {
        json!({
            "DvAuthKey": record.dv_key,
            "DvAuthValue": record.dv_value,
            "DvAuthDomain": record.domain,
            "DvAuthPath": "/.well-known/pki-validation/",
            "DvAuthSubDomain": "",
            "DvAuthVerifyType": "FILE",
        })
    } else {
        let (zone, host) = record.dns_record();
        json!({
            "DvAuthKey": host,
            "DvAuthValue": record.dv_value,
            "DvAuthDomain": zone,
            "DvAuthPath": "",
            "DvAuthSubDomain": "",
            "DvAuthVerifyType": "TXT",
        })
    }
}

fn describe(
    state: &SslState,
    model: &ServiceModel,
    body: Value,
) -> Result<Map<String, Value>, ApiError> {
    let request: api::DescribeCertificateRequest = typed(body)?;
    let (record, code) = state.get(&request.certificate_id)?;
    let mut answer = model
        .synthesized
        .get("DescribeCertificate")
        .cloned()
        .unwrap_or_default();
    let issued = record
        .issued
        .as_ref()
        .filter(|_| code == status::ISSUED || code == status::EXPIRED);
    let (begin, end) = issued.map_or((String::new(), String::new()), |i| {
        (beijing(i.not_before), beijing(i.not_after))
    });
    let detail = if issued.is_none() && code != status::CANCELLED {
        let auth = dv_auths(&record);
        json!({
            "DvAuthKey": auth["DvAuthKey"],
            "DvAuthValue": auth["DvAuthValue"],
            "DvAuthDomain": auth["DvAuthDomain"],
            "DvAuthPath": auth["DvAuthPath"],
            "DvAuthKeySubDomain": auth["DvAuthSubDomain"],
            "DvAuths": [auth],
        })
    } else {
        Value::Null
    };
    let mut names = vec![Value::from(record.domain.as_str())];
    if let Some(bare) = record.domain.strip_prefix("www.") {
        names.push(Value::from(bare));
    } else if !record.domain.starts_with("*.") {
        names.push(Value::from(format!("www.{}", record.domain)));
    }
    let values = [
        ("OwnerUin", json!("100000000001")),
        ("ProjectId", json!(record.project_id.to_string())),
        ("From", json!("trustasia")),
        ("CertificateType", json!("SVR")),
        ("PackageType", json!("83")),
        ("ProductZhName", json!("TrustAsia C1 DV Free")),
        ("Domain", json!(record.domain)),
        ("Alias", json!(record.alias.clone().unwrap_or_default())),
        ("Status", json!(code)),
        (
            "StatusMsg",
            json!(if code == status::ISSUED {
                ""
            } else {
                "PENDING"
            }),
        ),
        ("VerifyType", json!(record.method)),
        ("VulnerabilityStatus", json!("INACTIVE")),
        ("CertBeginTime", json!(begin)),
        ("CertEndTime", json!(end)),
        ("ValidityPeriod", json!("3")),
        ("InsertTime", json!(beijing(record.applied_ms / 1000))),
        ("OrderId", json!(record.order_id)),
        ("DvAuthDetail", detail),
        ("CertificateId", json!(record.id)),
        ("PackageTypeName", json!("TrustAsia C1 DV Free")),
        ("StatusName", json!(status_name(code))),
        ("SubjectAltName", Value::Array(names)),
        ("IsVip", json!(false)),
        ("IsWildcard", json!(record.domain.starts_with("*."))),
        ("IsDv", json!(true)),
        ("IsVulnerability", json!(false)),
        ("RenewAble", json!(false)),
        ("SubmittedData", Value::Null),
        ("Deployable", json!(code == status::ISSUED)),
        ("Tags", json!([])),
        ("CAEncryptAlgorithms", json!(["ECC"])),
        ("CACommonNames", json!([INTERMEDIATE_NAME])),
        ("CAEndTimes", json!(["2049-12-31 23:59:00"])),
        ("DvRevokeAuthDetail", json!([])),
    ];
    for (name, value) in values {
        if answer.contains_key(name) || model.action("DescribeCertificate").is_none() {
            answer.insert(name.to_owned(), value);
        }
    }
    respond::<api::DescribeCertificateResponse>(answer)
}

fn check(state: &SslState, body: Value) -> Result<Map<String, Value>, ApiError> {
    let request: api::CheckCertificateDomainVerificationRequest = typed(body)?;
    let (record, code) = state.get(&request.certificate_id)?;
    let now = state.clock().now_ms();
    let verified = state.validated_at(&record).is_some_and(|at| now >= at);
    let (local, reason) = match (verified, record.method.as_str()) {
        (true, _) => (1, ""),
        (false, "FILE") => (-4, "file not found"),
        (false, _) => (-6, "txt record not found"),
    };
    let result = json!({
        "Domain": record.domain,
        "VerifyType": record.method,
        "LocalCheck": local,
        "CaCheck": if verified { 2 } else { -1 },
        "LocalCheckFailReason": reason,
        "CheckValue": if verified { vec![record.dv_value.clone()] } else { Vec::new() },
        "Frequently": false,
        "Issued": code == status::ISSUED,
    });
    let mut answer = Map::new();
    answer.insert("VerificationResults".into(), Value::Array(vec![result]));
    respond::<api::CheckCertificateDomainVerificationResponse>(answer)
}

fn download(state: &SslState, body: Value) -> Result<Map<String, Value>, ApiError> {
    let request: api::DownloadCertificateRequest = typed(body)?;
    let (record, code) = state.get(&request.certificate_id)?;
    let Some(issued) = record.issued.as_ref().filter(|_| code == status::ISSUED) else {
        return Err(ApiError::new(
            super::state::codes::BAD_STATUS,
            format!("The certificate can be downloaded once issued; its status is {code}."),
        ));
    };
    let zip = issued
        .leaf
        .zip(&record.domain)
        .map_err(|e| ApiError::new(codes::INTERNAL_ERROR, e.to_string()))?;
    let mut answer = Map::new();
    answer.insert(
        "Content".into(),
        Value::from(base64::engine::general_purpose::STANDARD.encode(zip)),
    );
    answer.insert("ContentType".into(), Value::from("application/zip"));
    respond::<api::DownloadCertificateResponse>(answer)
}

fn cancel(state: &SslState, body: Value) -> Result<Map<String, Value>, ApiError> {
    let request: api::CancelCertificateOrderRequest = typed(body)?;
    state.cancel(&request.certificate_id)?;
    let mut answer = Map::new();
    answer.insert("CertificateId".into(), Value::from(request.certificate_id));
    respond::<api::CancelCertificateOrderResponse>(answer)
}

fn delete(state: &SslState, body: Value) -> Result<Map<String, Value>, ApiError> {
    let request: api::DeleteCertificateRequest = typed(body)?;
    state.delete(&request.certificate_id)?;
    let mut answer = Map::new();
    answer.insert("DeleteResult".into(), Value::from(true));
    respond::<api::DeleteCertificateResponse>(answer)
}

/// `DescribeCertificates`: the certificates in id order, a page of them from `Offset` (`Limit`
/// of them, 10 by default, at most 1000), with the total count. Each page asked is noted, for
/// tests of paginators.
fn list(
    state: &SslState,
    model: &ServiceModel,
    body: Value,
) -> Result<Map<String, Value>, ApiError> {
    let request: api::DescribeCertificatesRequest = typed(body)?;
    let offset = request.offset.unwrap_or(0);
    let limit = request.limit.unwrap_or(10).min(1000);
    state.note_listed(offset, limit);
    let ids = state.ids();
    let template = model
        .ir
        .types
        .iter()
        .find(|ty| ty.wire_name == "Certificates")
        .and_then(|ty| match &ty.kind {
            TypeKind::Object { fields, .. } => Some(synth::object(&model.ir, fields, 1)),
            TypeKind::Enum { .. } => None,
        })
        .unwrap_or_default();
    let mut certificates = Vec::new();
    let first = usize::try_from(offset).unwrap_or(usize::MAX);
    let count = usize::try_from(limit).unwrap_or(usize::MAX);
    for id in ids.iter().skip(first).take(count) {
        let (record, code) = state.get(id)?;
        let mut certificate = template.clone();
        let values = [
            ("CertificateId", json!(record.id)),
            ("Domain", json!(record.domain)),
            ("Alias", json!(record.alias.clone().unwrap_or_default())),
            ("ProjectId", json!(record.project_id.to_string())),
            ("Status", json!(code)),
            ("StatusName", json!(status_name(code))),
            ("VerifyType", json!(record.method)),
            ("InsertTime", json!(beijing(record.applied_ms / 1000))),
        ];
        for (name, value) in values {
            certificate.insert(name.to_owned(), value);
        }
        certificates.push(Value::Object(certificate));
    }
    let mut answer = Map::new();
    answer.insert("TotalCount".to_owned(), json!(ids.len()));
    answer.insert("Certificates".to_owned(), Value::Array(certificates));
    respond::<api::DescribeCertificatesResponse>(answer)
}
