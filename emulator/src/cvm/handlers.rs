//! `DescribeInstances` over the seeded fleet: `InstanceIds` or `Filters` (not both, as
//! documented), then `Offset` and `Limit` (default 20, at most 100).

use serde_json::{Map, Value, json};

use super::fleet::{Instance, matches};
use crate::error::ApiError;
use crate::specs::ServiceModel;
use crate::synth;

/// The service and version whose actions are handled here.
pub const SERVICE: (&str, &str) = ("cvm", "2017-03-12");

/// Handles `DescribeInstances`; `None` for any other action.
pub fn handle(
    fleet: &[Instance],
    model: &ServiceModel,
    action: &str,
    body: &Map<String, Value>,
) -> Option<Result<Map<String, Value>, ApiError>> {
    (action == "DescribeInstances").then(|| describe_instances(fleet, model, body))
}

fn describe_instances(
    fleet: &[Instance],
    model: &ServiceModel,
    body: &Map<String, Value>,
) -> Result<Map<String, Value>, ApiError> {
    let ids = strings(body.get("InstanceIds"));
    let filters: Vec<(String, Vec<String>)> = body
        .get("Filters")
        .and_then(Value::as_array)
        .map(|filters| {
            filters
                .iter()
                .map(|filter| {
                    let name = filter.get("Name").and_then(Value::as_str).unwrap_or("");
                    (name.to_owned(), strings(filter.get("Values")))
                })
                .collect()
        })
        .unwrap_or_default();
    if !ids.is_empty() && !filters.is_empty() {
        return Err(ApiError::new(
            "InvalidParameterCombination",
            "InstanceIds and Filters cannot be given together.",
        ));
    }
    let offset = body.get("Offset").and_then(Value::as_i64).unwrap_or(0);
    let limit = body.get("Limit").and_then(Value::as_i64).unwrap_or(20);
    if offset < 0 {
        return Err(ApiError::invalid_value("Offset", "must not be negative."));
    }
    if !(1..=100).contains(&limit) {
        return Err(ApiError::invalid_value("Limit", "must be 1 to 100."));
    }
    let mut selected = Vec::new();
    for instance in fleet {
        let mut keep = ids.is_empty() || ids.contains(&instance.id);
        for (name, values) in &filters {
            keep &= matches(instance, name, values)?;
        }
        if keep {
            selected.push(instance);
        }
    }
    let page: Vec<Value> = selected
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|instance| instance_json(model, instance))
        .collect();
    let mut answer = model
        .synthesized
        .get("DescribeInstances")
        .cloned()
        .unwrap_or_default();
    answer.insert("TotalCount".into(), json!(selected.len()));
    answer.insert("InstanceSet".into(), Value::Array(page));
    Ok(answer)
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|values| {
            values
                .iter()
                .filter_map(|value| value.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

fn instance_json(model: &ServiceModel, instance: &Instance) -> Value {
    let mut item = synth::named(&model.ir, "Instance");
    let mut placement = synth::named(&model.ir, "Placement");
    placement.insert("Zone".into(), json!(instance.zone));
    placement.insert("ProjectId".into(), json!(instance.project_id));
    let mut vpc = synth::named(&model.ir, "VirtualPrivateCloud");
    vpc.insert("VpcId".into(), json!(instance.vpc_id));
    vpc.insert("SubnetId".into(), json!(instance.subnet_id));
    let tags: Vec<Value> = instance
        .tags
        .iter()
        .map(|(key, value)| json!({ "Key": key, "Value": value }))
        .collect();
    let values = [
        ("Placement", Value::Object(placement)),
        ("VirtualPrivateCloud", Value::Object(vpc)),
        ("InstanceId", json!(instance.id)),
        ("InstanceName", json!(instance.name)),
        ("InstanceType", json!(instance.instance_type)),
        ("InstanceState", json!(instance.state)),
        ("InstanceChargeType", json!(instance.charge_type)),
        ("CPU", json!(instance.cpu)),
        ("Memory", json!(instance.memory)),
        ("PrivateIpAddresses", json!([instance.private_ip])),
        ("Tags", Value::Array(tags)),
        ("CreatedTime", json!(instance.created)),
        ("RestrictState", json!("NORMAL")),
        ("OsName", json!("TencentOS Server 3.1 (TK4)")),
        ("ImageId", json!("img-eb30mz89")),
        ("HostName", json!(instance.name)),
        ("DefaultLoginUser", json!("root")),
        ("DefaultLoginPort", json!(22)),
        (
            "Uuid",
            json!(format!(
                "{}-0000-4000-8000-000000000000",
                instance.id.trim_start_matches("ins-")
            )),
        ),
    ];
    for (name, value) in values {
        item.insert(name.to_owned(), value);
    }
    Value::Object(item)
}
