//! The embedded service descriptions: which services and versions exist, and decoding the one
//! a command uses.

use crate::model::{Docs, Schema};

/// One service version as embedded by the build script: deflated JSON of its [`Schema`] and
/// [`Docs`].
pub struct Embedded {
    /// Short name (`ssl`).
    pub service: &'static str,
    /// API version (`2019-12-05`).
    pub version: &'static str,
    schema: &'static [u8],
    docs: &'static [u8],
}

/// Every embedded service version, sorted by service then version.
pub static SERVICES: &[Embedded] = include!(concat!(env!("OUT_DIR"), "/catalog.rs"));

/// tccli's alias of a service name.
pub fn canonical(service: &str) -> &str {
    match service {
        "as" => "autoscaling",
        other => other,
    }
}

/// The names of all services, sorted, each once.
pub fn service_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = SERVICES.iter().map(|e| e.service).collect();
    names.dedup();
    names
}

/// The versions of `service`, oldest first.
pub fn versions(service: &str) -> Vec<&'static str> {
    SERVICES
        .iter()
        .filter(|e| e.service == service)
        .map(|e| e.version)
        .collect()
}

/// The embedded `service` at `version`, or at its latest version.
pub fn find(service: &str, version: Option<&str>) -> Option<&'static Embedded> {
    let mut matching = SERVICES.iter().filter(|e| e.service == service);
    match version {
        Some(version) => matching.find(|e| e.version == version),
        None => matching.next_back(),
    }
}

impl Embedded {
    /// Decodes what a call needs.
    pub fn schema(&self) -> Result<Schema, String> {
        decode(self.schema, self.service, "schema")
    }

    /// Decodes what help needs.
    pub fn docs(&self) -> Result<Docs, String> {
        decode(self.docs, self.service, "docs")
    }
}

fn decode<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    service: &str,
    part: &str,
) -> Result<T, String> {
    let json = miniz_oxide::inflate::decompress_to_vec(bytes)
        .map_err(|e| format!("embedded {part} of {service} is corrupt: {e:?}"))?;
    serde_json::from_slice(&json)
        .map_err(|e| format!("embedded {part} of {service} does not decode: {e}"))
}
