//! The domains hosted by the emulated DNSPod account and their records.
//!
//! A domain starts with DNSPod's two default NS records, as a real one does. Record names are
//! kept as DNSPod shows them (`@` for the domain itself, `_dnsauth.www` under the domain), and
//! looked up by full name (`_dnsauth.www.example.com`), which is what a certificate authority
//! resolves.

use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard};

use crate::clock::Clock;
use crate::error::ApiError;

/// The service error codes the records answer with (from the dnspod spec's `errors`).
pub mod codes {
    /// The domain is not in the account.
    pub const DOMAIN_NOT_EXISTS: &str = "InvalidParameterValue.DomainNotExists";
    /// The domain is already in the account.
    pub const DOMAIN_EXISTS: &str = "FailedOperation.DomainExists";
    /// The same record (name, type, line and value) exists.
    pub const RECORD_EXISTS: &str = "InvalidParameter.DomainRecordExist";
    /// No record has the id.
    pub const RECORD_ID_INVALID: &str = "InvalidParameter.RecordIdInvalid";
    /// A listing found no record.
    pub const NO_DATA_OF_RECORD: &str = "ResourceNotFound.NoDataOfRecord";
    /// The domain name is not one.
    pub const DOMAIN_INVALID: &str = "InvalidParameter.DomainInvalid";
}

/// DNSPod's name servers, the values of a new domain's NS records.
pub const NAME_SERVERS: [&str; 2] = ["f1g1ns1.dnspod.net", "f1g1ns2.dnspod.net"];

/// One record of a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its id, unique in the account.
    pub id: u64,
    /// The host under the domain (`@`, `www`, `_dnsauth`).
    pub name: String,
    /// `A`, `CNAME`, `TXT`, `NS`, ...
    pub record_type: String,
    /// The line (`默认`, the default line).
    pub line: String,
    /// The value.
    pub value: String,
    /// Seconds to cache it.
    pub ttl: u64,
    /// The MX priority (0 for other types).
    pub mx: u64,
    /// `ENABLE` or `DISABLE`.
    pub status: String,
    /// When it was created or last changed, clock milliseconds.
    pub updated_ms: i64,
}

/// One domain of the account.
#[derive(Debug, Clone)]
pub struct Domain {
    /// Its id.
    pub id: u64,
    /// The domain name, lower case.
    pub name: String,
    /// Its records, oldest first.
    pub records: Vec<Record>,
}

/// A record to create (what CreateRecord carries).
#[derive(Debug, Clone)]
pub struct NewRecord {
    /// The host under the domain; empty means `@`.
    pub name: String,
    /// `A`, `TXT`, ...
    pub record_type: String,
    /// The line.
    pub line: String,
    /// The value.
    pub value: String,
    /// Seconds to cache it.
    pub ttl: u64,
    /// The MX priority.
    pub mx: u64,
    /// `ENABLE` or `DISABLE`.
    pub status: String,
}

/// The account's domains, under one lock.
#[derive(Debug)]
pub struct DnspodState {
    clock: Clock,
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    domains: BTreeMap<String, Domain>,
    last_domain_id: u64,
    last_record_id: u64,
}

fn not_hosted(domain: &str) -> ApiError {
    ApiError::new(
        codes::DOMAIN_NOT_EXISTS,
        format!("The domain `{domain}` is not in this account (add it with CreateDomain)."),
    )
}

impl DnspodState {
    /// No domains; record times from `clock`.
    pub fn new(clock: Clock) -> Self {
        DnspodState {
            clock,
            inner: Mutex::new(Inner::default()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Adds `domain` to the account with its two NS records; returns its id.
    pub fn add_domain(&self, domain: &str) -> Result<u64, ApiError> {
        let name = domain.trim_end_matches('.').to_ascii_lowercase();
        if !name.contains('.') || name.starts_with('.') || name.contains("..") {
            return Err(ApiError::new(
                codes::DOMAIN_INVALID,
                format!("`{domain}` is not a domain name."),
            ));
        }
        let now = self.clock.now_ms();
        let mut inner = self.lock();
        if inner.domains.contains_key(&name) {
            return Err(ApiError::new(
                codes::DOMAIN_EXISTS,
                format!("The domain `{name}` is already in this account."),
            ));
        }
        inner.last_domain_id += 1;
        let id = inner.last_domain_id;
        let mut records = Vec::new();
        for server in NAME_SERVERS {
            inner.last_record_id += 1;
            records.push(Record {
                id: inner.last_record_id,
                name: "@".into(),
                record_type: "NS".into(),
                line: "默认".into(),
                value: format!("{server}."),
                ttl: 86_400,
                mx: 0,
                status: "ENABLE".into(),
                updated_ms: now,
            });
        }
        inner
            .domains
            .insert(name.clone(), Domain { id, name, records });
        Ok(id)
    }

    /// The domain `domain` as it is now.
    pub fn domain(&self, domain: &str) -> Result<Domain, ApiError> {
        let name = domain.trim_end_matches('.').to_ascii_lowercase();
        self.lock()
            .domains
            .get(&name)
            .cloned()
            .ok_or_else(|| not_hosted(domain))
    }

    /// Adds `record` to `domain`; returns its id.
    pub fn create_record(&self, domain: &str, record: NewRecord) -> Result<u64, ApiError> {
        let name = domain.trim_end_matches('.').to_ascii_lowercase();
        let now = self.clock.now_ms();
        let mut guard = self.lock();
        let inner = &mut *guard;
        let Some(hosted) = inner.domains.get_mut(&name) else {
            return Err(not_hosted(domain));
        };
        let host = match record.name.trim_end_matches('.') {
            "" => "@".to_owned(),
            host => host.to_ascii_lowercase(),
        };
        let duplicate = hosted.records.iter().any(|r| {
            r.name == host
                && r.record_type == record.record_type
                && r.line == record.line
                && r.value == record.value
        });
        if duplicate {
            return Err(ApiError::new(
                codes::RECORD_EXISTS,
                format!(
                    "A {} record `{host}` with this value already exists in `{name}`.",
                    record.record_type
                ),
            ));
        }
        inner.last_record_id += 1;
        let id = inner.last_record_id;
        hosted.records.push(Record {
            id,
            name: host,
            record_type: record.record_type,
            line: record.line,
            value: record.value,
            ttl: record.ttl,
            mx: record.mx,
            status: record.status,
            updated_ms: now,
        });
        Ok(id)
    }

    /// Removes the record `id` of `domain`.
    pub fn delete_record(&self, domain: &str, id: u64) -> Result<(), ApiError> {
        let name = domain.trim_end_matches('.').to_ascii_lowercase();
        let mut inner = self.lock();
        let hosted = inner
            .domains
            .get_mut(&name)
            .ok_or_else(|| not_hosted(domain))?;
        let before = hosted.records.len();
        hosted.records.retain(|record| record.id != id);
        if hosted.records.len() == before {
            return Err(ApiError::new(
                codes::RECORD_ID_INVALID,
                format!("No record of `{name}` has the id {id}."),
            ));
        }
        Ok(())
    }

    /// When an enabled TXT record named `full_name` (like `_dnsauth.www.example.com`) with
    /// exactly `value` was created, clock milliseconds; `None` while there is none.
    pub fn txt_record_since(&self, full_name: &str, value: &str) -> Option<i64> {
        let full_name = full_name.trim_end_matches('.').to_ascii_lowercase();
        let inner = self.lock();
        inner
            .domains
            .values()
            .flat_map(|domain| {
                domain
                    .records
                    .iter()
                    .map(move |record| (domain.name.as_str(), record))
            })
            .filter(|(domain, record)| {
                record.record_type == "TXT"
                    && record.status == "ENABLE"
                    && record.value.trim_matches('"') == value
                    && full_record_name(&record.name, domain) == full_name
            })
            .map(|(_, record)| record.updated_ms)
            .min()
    }
}

/// `www.example.com` for host `www` of `example.com`; the domain itself for `@`.
pub fn full_record_name(host: &str, domain: &str) -> String {
    if host == "@" {
        domain.to_owned()
    } else {
        format!("{host}.{domain}")
    }
}
