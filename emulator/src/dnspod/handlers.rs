//! The dnspod actions with state. Requests arrive validated against the spec, so required
//! members are present with their types; answers are built over the response the spec
//! synthesizes, so that every member the client requires is there.

use serde_json::{Map, Value, json};

use super::state::{DnspodState, NewRecord, Record, full_record_name};
use crate::error::ApiError;
use crate::specs::ServiceModel;
use crate::ssl::handlers::beijing;
use crate::synth;

/// The service and version whose actions are handled here.
pub const SERVICE: (&str, &str) = ("dnspod", "2021-03-23");

/// The actions with state.
pub const ACTIONS: &[&str] = &[
    "CreateDomain",
    "CreateRecord",
    "CreateTXTRecord",
    "DescribeRecordList",
    "DeleteRecord",
];

/// Handles `action` when it is one of [`ACTIONS`]; `None` for any other action.
pub fn handle(
    state: &DnspodState,
    model: &ServiceModel,
    action: &str,
    body: &Map<String, Value>,
) -> Option<Result<Map<String, Value>, ApiError>> {
    let mut answer = model.synthesized.get(action).cloned().unwrap_or_default();
    let result = match action {
        "CreateDomain" => create_domain(state, model, body, &mut answer),
        "CreateRecord" | "CreateTXTRecord" => create_record(state, body, &mut answer),
        "DescribeRecordList" => describe_records(state, model, body, &mut answer),
        "DeleteRecord" => state.delete_record(text(body, "Domain"), number(body, "RecordId")),
        _ => return None,
    };
    Some(result.map(|()| answer))
}

fn text<'a>(body: &'a Map<String, Value>, name: &str) -> &'a str {
    body.get(name).and_then(Value::as_str).unwrap_or_default()
}

fn number(body: &Map<String, Value>, name: &str) -> u64 {
    body.get(name).and_then(Value::as_u64).unwrap_or_default()
}

fn create_domain(
    state: &DnspodState,
    model: &ServiceModel,
    body: &Map<String, Value>,
    answer: &mut Map<String, Value>,
) -> Result<(), ApiError> {
    let domain = text(body, "Domain");
    let id = state.add_domain(domain)?;
    let mut info = synth::named(&model.ir, "DomainCreateInfo");
    info.insert("Id".into(), json!(id));
    info.insert("Domain".into(), json!(domain.to_ascii_lowercase()));
    info.insert("Punycode".into(), json!(domain.to_ascii_lowercase()));
    info.insert(
        "GradeNsList".into(),
        json!(super::state::NAME_SERVERS.to_vec()),
    );
    answer.insert("DomainInfo".into(), Value::Object(info));
    Ok(())
}

fn create_record(
    state: &DnspodState,
    body: &Map<String, Value>,
    answer: &mut Map<String, Value>,
) -> Result<(), ApiError> {
    let record = NewRecord {
        name: text(body, "SubDomain").to_owned(),
        // CreateTXTRecord has no RecordType: it makes TXT records only.
        record_type: match text(body, "RecordType") {
            "" => "TXT".to_owned(),
            kind => kind.to_ascii_uppercase(),
        },
        line: text(body, "RecordLine").to_owned(),
        value: text(body, "Value").to_owned(),
        ttl: body.get("TTL").and_then(Value::as_u64).unwrap_or(600),
        mx: number(body, "MX"),
        status: match text(body, "Status") {
            "" => "ENABLE".to_owned(),
            status => status.to_owned(),
        },
    };
    let id = state.create_record(text(body, "Domain"), record)?;
    answer.insert("RecordId".into(), json!(id));
    Ok(())
}

fn describe_records(
    state: &DnspodState,
    model: &ServiceModel,
    body: &Map<String, Value>,
    answer: &mut Map<String, Value>,
) -> Result<(), ApiError> {
    let domain = state.domain(text(body, "Domain"))?;
    let host = match text(body, "SubDomain") {
        "" => text(body, "Subdomain"),
        host => host,
    };
    let kind = text(body, "RecordType");
    let keyword = text(body, "Keyword");
    let matching: Vec<&Record> = domain
        .records
        .iter()
        .filter(|record| host.is_empty() || record.name.eq_ignore_ascii_case(host))
        .filter(|record| kind.is_empty() || record.record_type.eq_ignore_ascii_case(kind))
        .filter(|record| {
            keyword.is_empty() || record.name.contains(keyword) || record.value.contains(keyword)
        })
        .collect();
    let offset = usize::try_from(number(body, "Offset")).unwrap_or(usize::MAX);
    let limit = body
        .get("Limit")
        .and_then(Value::as_u64)
        .map_or(100, |limit| usize::try_from(limit).unwrap_or(usize::MAX));
    let page: Vec<Value> = matching
        .iter()
        .skip(offset)
        .take(limit)
        .map(|record| record_item(model, &domain.name, record))
        .collect();
    if page.is_empty() && text(body, "ErrorOnEmpty") != "no" {
        return Err(ApiError::new(
            super::state::codes::NO_DATA_OF_RECORD,
            "No record matches the query.",
        ));
    }
    let mut names: Vec<&str> = domain.records.iter().map(|r| r.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let mut count = synth::named(&model.ir, "RecordCountInfo");
    count.insert("SubdomainCount".into(), json!(names.len()));
    count.insert("ListCount".into(), json!(page.len()));
    count.insert("TotalCount".into(), json!(matching.len()));
    answer.insert("RecordCountInfo".into(), Value::Object(count));
    answer.insert("RecordList".into(), Value::Array(page));
    Ok(())
}

fn record_item(model: &ServiceModel, domain: &str, record: &Record) -> Value {
    let mut item = synth::named(&model.ir, "RecordListItem");
    let values = [
        ("RecordId", json!(record.id)),
        ("Value", json!(record.value)),
        ("Status", json!(record.status)),
        ("UpdatedOn", json!(beijing(record.updated_ms / 1000))),
        ("Name", json!(record.name)),
        ("Line", json!(record.line)),
        ("LineId", json!("0")),
        ("Type", json!(record.record_type)),
        ("Weight", Value::Null),
        ("MonitorStatus", json!("")),
        ("Remark", json!("")),
        ("TTL", json!(record.ttl)),
        ("MX", json!(record.mx)),
        (
            "DefaultNS",
            json!(record.record_type == "NS" && full_record_name(&record.name, domain) == domain),
        ),
    ];
    for (name, value) in values {
        item.insert(name.to_owned(), value);
    }
    Value::Object(item)
}
