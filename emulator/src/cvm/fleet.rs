//! The seeded instances and the documented filters of `DescribeInstances` over them.

use crate::error::ApiError;

/// One instance, with the members the filters read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instance {
    /// `ins-` and 8 characters.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its availability zone.
    pub zone: String,
    /// `RUNNING` or `STOPPED`.
    pub state: String,
    /// Like `S5.MEDIUM4`.
    pub instance_type: String,
    /// Cores.
    pub cpu: u64,
    /// GB of memory.
    pub memory: u64,
    /// `POSTPAID_BY_HOUR` or `PREPAID`.
    pub charge_type: String,
    /// The primary private address.
    pub private_ip: String,
    /// The VPC.
    pub vpc_id: String,
    /// The subnet.
    pub subnet_id: String,
    /// The project.
    pub project_id: u64,
    /// Its tags.
    pub tags: Vec<(String, String)>,
    /// Creation time, ISO 8601 UTC.
    pub created: String,
}

/// The instances of a seeded emulator: 12 of them, a web tier, a database pair and workers
/// across two Guangzhou zones, four of them stopped. The same on every run, so tests and the
/// README can name them.
pub fn seeded_fleet() -> Vec<Instance> {
    let roles = [
        ("web", "S5.MEDIUM4", 2, 4, 4),
        ("db", "M5.LARGE16", 4, 16, 2),
        ("worker", "S5.LARGE8", 4, 8, 6),
    ];
    let mut fleet = Vec::new();
    for (role, instance_type, cpu, memory, count) in roles {
        for number in 1..=count {
            let index = fleet.len() as u64;
            let zone = if number % 2 == 1 {
                "ap-guangzhou-3"
            } else {
                "ap-guangzhou-6"
            };
            let subnet = if zone == "ap-guangzhou-3" {
                "subnet-3q7p2k1a"
            } else {
                "subnet-6m4x9c2b"
            };
            fleet.push(Instance {
                id: format!("ins-{:08x}", 0x3e7a_1c00 + index * 0x1_0f3d),
                name: format!("{role}-{number:02}"),
                zone: zone.into(),
                state: if role == "worker" && number > 2 {
                    "STOPPED".into()
                } else {
                    "RUNNING".into()
                },
                instance_type: instance_type.into(),
                cpu,
                memory,
                charge_type: if role == "db" {
                    "PREPAID".into()
                } else {
                    "POSTPAID_BY_HOUR".into()
                },
                private_ip: format!(
                    "10.0.{}.{}",
                    if zone == "ap-guangzhou-3" { 3 } else { 6 },
                    10 + index
                ),
                vpc_id: "vpc-8e2lq5ox".into(),
                subnet_id: subnet.into(),
                project_id: 0,
                tags: vec![("role".into(), role.into())],
                created: format!("2026-01-{:02}T08:{:02}:00Z", 5 + index, index * 3),
            });
        }
    }
    fleet
}

/// Whether `instance` passes the filter `name` (one of the documented filter names) with any
/// of `values`; an unsupported name is an `InvalidFilter` error.
pub fn matches(instance: &Instance, name: &str, values: &[String]) -> Result<bool, ApiError> {
    let any = |field: &str| values.iter().any(|value| value == field);
    Ok(match name {
        "zone" => any(&instance.zone),
        "instance-id" => any(&instance.id),
        "instance-name" => any(&instance.name),
        "instance-state" => any(&instance.state),
        "instance-charge-type" => any(&instance.charge_type),
        "private-ip-address" => any(&instance.private_ip),
        "vpc-id" => any(&instance.vpc_id),
        "subnet-id" => any(&instance.subnet_id),
        "project-id" => any(&instance.project_id.to_string()),
        "tag-key" => instance.tags.iter().any(|(key, _)| any(key)),
        "tag-value" => instance.tags.iter().any(|(_, value)| any(value)),
        _ => match name.strip_prefix("tag:") {
            Some(key) => instance
                .tags
                .iter()
                .any(|(tag, value)| tag == key && any(value)),
            None => {
                return Err(ApiError::new(
                    "InvalidFilter",
                    format!("The filter `{name}` is not supported by DescribeInstances."),
                ));
            }
        },
    })
}
