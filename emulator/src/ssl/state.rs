//! The certificates of the ssl lifecycle, their status over the emulator's clock, and saving
//! and loading them.
//!
//! Statuses follow DescribeCertificate's documented codes:
//! - `DNS_AUTO`: 4 (DNS record added automatically) for [`SslConfig::issue_delay`], then 1
//!   (issued).
//! - `DNS` and `FILE`: 0 (under review) with `DvAuthDetail` records until the domain is
//!   verified (after [`SslConfig::validation_delay`], or when [`SslState::mark_validated`]
//!   is called, or for `DNS` once the TXT record exists in the emulated DNSPod account), then
//!   1 after [`SslConfig::issue_delay`].
//! - 7 once cancelled; 3 once past the end of validity.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::certificates::{Authority, CaKeys, Leaf, MaterialError};
use crate::clock::Clock;
use crate::dnspod::DnspodState;
use crate::error::ApiError;

/// DescribeCertificate's status codes used by the lifecycle.
pub mod status {
    /// Under review (DNS and FILE validation, until verified and issued).
    pub const REVIEWING: u64 = 0;
    /// Issued.
    pub const ISSUED: u64 = 1;
    /// Expired.
    pub const EXPIRED: u64 = 3;
    /// DNS validation record added automatically (DNS_AUTO, until issued).
    pub const DNS_RECORD_ADDED: u64 = 4;
    /// Cancelled.
    pub const CANCELLED: u64 = 7;
}

/// The rules and timings of the lifecycle.
#[derive(Debug, Clone)]
pub struct SslConfig {
    /// How many free certificates may be applied for (cancelled ones give their place back);
    /// one more is answered `FailedOperation.ExceedsFreeLimit`. Default 50.
    pub free_quota: u32,
    /// Clock time from validation (DNS_AUTO: from the application) to issuance. Default 60 s.
    pub issue_delay: Duration,
    /// Clock time after which DNS and FILE validation records are found, as if the user had
    /// added them; `None`: only [`SslState::mark_validated`] validates. Default 5 minutes.
    pub validation_delay: Option<Duration>,
    /// How long an issued certificate is valid. Default 90 days.
    pub validity: Duration,
    /// Clock time after an application during which the certificate cannot be deleted
    /// (`FailedOperation.CannotBeDeletedWithinHour`). Default one hour.
    pub delete_after: Duration,
    /// Where the state is saved after every change, if anywhere.
    pub state_file: Option<PathBuf>,
}

impl Default for SslConfig {
    fn default() -> Self {
        SslConfig {
            free_quota: 50,
            issue_delay: Duration::from_secs(60),
            validation_delay: Some(Duration::from_secs(300)),
            validity: Duration::from_secs(90 * 24 * 3600),
            delete_after: Duration::from_secs(3600),
            state_file: None,
        }
    }
}

/// One certificate as the emulator keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CertificateRecord {
    /// The certificate id (8 characters, like `a9TsmZkL`).
    pub id: String,
    /// The domain applied for.
    pub domain: String,
    /// The validation method: `DNS_AUTO`, `DNS` or `FILE`.
    pub method: String,
    /// The alias given at application.
    pub alias: Option<String>,
    /// The project id.
    pub project_id: u64,
    /// The key algorithm asked for (`RSA` or `ECC`; keys are ECDSA P-256 either way).
    pub key_algorithm: String,
    /// The order id.
    pub order_id: String,
    /// The DNS validation record's name (under the domain) or the file's name.
    pub dv_key: String,
    /// The DNS validation record's value or the file's contents.
    pub dv_value: String,
    /// When it was applied for, clock milliseconds.
    pub applied_ms: i64,
    /// When validation was marked by hand, clock milliseconds.
    pub validated_ms: Option<i64>,
    /// When it was cancelled, clock milliseconds.
    pub cancelled_ms: Option<i64>,
    /// The issued material, made the first time the certificate is seen issued.
    pub issued: Option<Issued>,
}

impl CertificateRecord {
    /// Where its `DNS` validation record goes: the zone (the domain's last two labels) and
    /// the host under it (`_dnsauth`, or `_dnsauth.www` for `www.example.com`).
    pub fn dns_record(&self) -> (String, String) {
        let domain = self.domain.trim_start_matches("*.").to_ascii_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let split = labels.len().saturating_sub(2);
        let zone = labels[split..].join(".");
        let mut host = self.dv_key.clone();
        for label in &labels[..split] {
            host.push('.');
            host.push_str(label);
        }
        (zone, host)
    }
}

/// An issued certificate's validity and files.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Issued {
    /// Start of validity, Unix seconds.
    pub not_before: i64,
    /// End of validity, Unix seconds.
    pub not_after: i64,
    /// The PEM files.
    pub leaf: Arc<Leaf>,
}

/// What a saved state file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct SavedState {
    /// The format version (1).
    pub format: u32,
    /// The certificates.
    pub certificates: Vec<CertificateRecord>,
    /// The CA keys, so that a resumed run issues under the same CA.
    pub ca: Option<CaKeys>,
    /// The last serial number issued.
    pub serial: u64,
}

/// The lifecycle's state: every certificate, under one lock.
#[derive(Debug)]
pub struct SslState {
    config: SslConfig,
    clock: Clock,
    dns: Option<Arc<DnspodState>>,
    inner: Mutex<Inner>,
    /// The latest pages of `DescribeCertificates` asked for, as (offset, limit), for tests.
    listed: Mutex<Vec<(u64, u64)>>,
}

/// The most pages [`SslState::listed_pages`] keeps (the oldest are dropped first), so that a
/// long run under load does not grow the emulator's memory.
pub const LISTED_CAPACITY: usize = 10_000;

#[derive(Debug)]
struct Inner {
    certificates: BTreeMap<String, CertificateRecord>,
    authority: Option<Authority>,
    serial: u64,
    rng: fastrand::Rng,
}

/// The FailedOperation codes of the lifecycle.
pub mod codes {
    /// No certificate has the id.
    pub const NOT_FOUND: &str = "FailedOperation.CertificateNotFound";
    /// The free quota is used up.
    pub const EXCEEDS_FREE_LIMIT: &str = "FailedOperation.ExceedsFreeLimit";
    /// A free certificate applied for less than an hour ago.
    pub const WITHIN_HOUR: &str = "FailedOperation.CannotBeDeletedWithinHour";
    /// The certificate's status does not allow the operation.
    pub const BAD_STATUS: &str = "FailedOperation.InvalidCertificateStatusCode";
}

fn not_found(id: &str) -> ApiError {
    ApiError::new(
        codes::NOT_FOUND,
        format!("The certificate `{id}` does not exist."),
    )
}

fn internal(error: MaterialError) -> ApiError {
    ApiError::new(crate::error::codes::INTERNAL_ERROR, error.to_string())
}

const ID_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

impl SslState {
    /// An empty state.
    pub fn new(config: SslConfig, clock: Clock, seed: u64) -> Self {
        SslState {
            listed: Mutex::new(Vec::new()),
            config,
            clock,
            dns: None,
            inner: Mutex::new(Inner {
                certificates: BTreeMap::new(),
                authority: None,
                serial: 0,
                rng: fastrand::Rng::with_seed(seed ^ 0x55aa_55aa),
            }),
        }
    }

    /// Verifies `DNS` validation from the records of `dns`, as a certificate authority
    /// resolves them: the domain counts as verified from the moment its TXT record exists.
    pub fn with_dns(mut self, dns: Arc<DnspodState>) -> Self {
        self.dns = Some(dns);
        self
    }

    /// The state saved at `path`, or an empty one when the file does not exist.
    pub fn load_or_new(
        config: SslConfig,
        clock: Clock,
        seed: u64,
        path: &Path,
    ) -> Result<Self, String> {
        let state = SslState::new(config, clock, seed);
        if path.exists() {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read the state file {}: {e}", path.display()))?;
            let saved: SavedState = serde_json::from_str(&text)
                .map_err(|e| format!("the state file {} is not valid: {e}", path.display()))?;
            state.restore(saved)?;
        }
        Ok(state)
    }

    /// Replaces the state with a saved one.
    pub fn restore(&self, saved: SavedState) -> Result<(), String> {
        let authority = match saved.ca {
            Some(keys) => Some(Authority::from_keys(keys).map_err(|e| e.to_string())?),
            None => None,
        };
        let mut inner = self.lock();
        inner.certificates = saved
            .certificates
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        inner.authority = authority;
        inner.serial = saved.serial;
        Ok(())
    }

    /// A copy of the state, to save.
    pub fn snapshot(&self) -> SavedState {
        let inner = self.lock();
        SavedState {
            format: 1,
            certificates: inner.certificates.values().cloned().collect(),
            ca: inner.authority.as_ref().map(|a| a.keys().clone()),
            serial: inner.serial,
        }
    }

    /// Writes the state to `path` atomically (see [`crate::atomic_file`]).
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        // One save at a time, each taking its snapshot inside: two saves racing could
        // otherwise rename the older snapshot over the newer one.
        static SAVING: Mutex<()> = Mutex::new(());
        let _one_at_a_time = SAVING.lock().unwrap_or_else(|e| e.into_inner());
        let text = serde_json::to_string_pretty(&self.snapshot()).map_err(std::io::Error::other)?;
        crate::atomic_file::replace(path, text.as_bytes())
    }

    fn autosave(&self) {
        if let Some(path) = &self.config.state_file
            && let Err(error) = self.save(path)
        {
            tracing::warn!(path = %path.display(), %error, "cannot save the emulator state");
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The configuration.
    pub fn config(&self) -> &SslConfig {
        &self.config
    }

    /// The clock.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Applies for a certificate; returns its id.
    pub fn apply(
        &self,
        domain: &str,
        method: &str,
        alias: Option<String>,
        project_id: u64,
        key_algorithm: &str,
    ) -> Result<String, ApiError> {
        let now = self.clock.now_ms();
        let id = {
            let mut inner = self.lock();
            let used = inner
                .certificates
                .values()
                .filter(|c| c.cancelled_ms.is_none())
                .count() as u64;
            if used >= u64::from(self.config.free_quota) {
                return Err(ApiError::new(
                    codes::EXCEEDS_FREE_LIMIT,
                    format!(
                        "The number of free certificates exceeds the maximum value ({}).",
                        self.config.free_quota
                    ),
                ));
            }
            let mut id: String;
            loop {
                id = (0..8)
                    .map(|_| ID_CHARS[inner.rng.usize(..ID_CHARS.len())] as char)
                    .collect();
                if !inner.certificates.contains_key(&id) {
                    break;
                }
            }
            let token: String = (0..32)
                .map(|_| b"0123456789abcdef"[inner.rng.usize(..16)] as char)
                .collect();
            let value: String = (0..48)
                .map(|_| b"0123456789abcdef"[inner.rng.usize(..16)] as char)
                .collect();
            let order_id = format!("TA{}{}", now / 1000, inner.rng.u32(100_000..1_000_000));
            let (dv_key, dv_value) = if method == "FILE" {
                (format!("{}.txt", token.to_uppercase()), value)
            } else {
                // A TXT record `_dnsauth.<domain>` holding a random value, as TrustAsia's
                // free certificates are validated.
                ("_dnsauth".to_owned(), format!("{now}{}", &value[..24]))
            };
            let record = CertificateRecord {
                id: id.clone(),
                domain: domain.to_owned(),
                method: method.to_owned(),
                alias,
                project_id,
                key_algorithm: key_algorithm.to_owned(),
                order_id,
                dv_key,
                dv_value,
                applied_ms: now,
                validated_ms: None,
                cancelled_ms: None,
                issued: None,
            };
            inner.certificates.insert(id.clone(), record);
            id
        };
        self.autosave();
        Ok(id)
    }

    /// When the domain of `record` is verified, clock milliseconds.
    pub fn validated_at(&self, record: &CertificateRecord) -> Option<i64> {
        if record.method == "DNS_AUTO" {
            return Some(record.applied_ms);
        }
        let automatic = self
            .config
            .validation_delay
            .map(|d| record.applied_ms + d.as_millis() as i64);
        let resolved = self
            .dns
            .as_ref()
            .filter(|_| record.method == "DNS")
            .and_then(|dns| {
                let (zone, host) = record.dns_record();
                dns.txt_record_since(&format!("{host}.{zone}"), &record.dv_value)
            })
            .map(|created| created.max(record.applied_ms));
        [record.validated_ms, automatic, resolved]
            .into_iter()
            .flatten()
            .min()
    }

    /// When `record` is (or will be) issued, clock milliseconds.
    pub fn issued_at(&self, record: &CertificateRecord) -> Option<i64> {
        self.validated_at(record)
            .map(|at| at + self.config.issue_delay.as_millis() as i64)
    }

    /// The status code of `record` now.
    pub fn status_of(&self, record: &CertificateRecord, now_ms: i64) -> u64 {
        if record.cancelled_ms.is_some() {
            return status::CANCELLED;
        }
        match self.issued_at(record) {
            Some(at) if now_ms >= at => {
                let end = record
                    .issued
                    .as_ref()
                    .map_or(at / 1000 + self.config.validity.as_secs() as i64, |i| {
                        i.not_after
                    });
                if now_ms / 1000 > end {
                    status::EXPIRED
                } else {
                    status::ISSUED
                }
            }
            _ if record.method == "DNS_AUTO" => status::DNS_RECORD_ADDED,
            _ => status::REVIEWING,
        }
    }

    /// The certificate `id` as it is now, with its status; its files are made the first time
    /// it is seen issued.
    pub fn get(&self, id: &str) -> Result<(CertificateRecord, u64), ApiError> {
        let now = self.clock.now_ms();
        let (record, changed) = {
            let mut inner = self.lock();
            let record = inner
                .certificates
                .get(id)
                .cloned()
                .ok_or_else(|| not_found(id))?;
            let status = self.status_of(&record, now);
            if record.issued.is_some() || !matches!(status, status::ISSUED | status::EXPIRED) {
                return Ok((record, status));
            }
            let issued_at = self.issued_at(&record).unwrap_or(now) / 1000;
            let not_after = issued_at + self.config.validity.as_secs() as i64;
            // Backdated a minute, and never after the real time: an accelerated clock runs
            // ahead, and a certificate must be valid for tools that read it right away.
            let not_before = issued_at.min(crate::clock::real_now_ms() / 1000) - 60;
            if inner.authority.is_none() {
                inner.authority = Some(Authority::generate().map_err(internal)?);
            }
            inner.serial += 1;
            let serial = inner.serial;
            let Some(authority) = inner.authority.as_ref() else {
                return Err(internal(MaterialError("no authority".into())));
            };
            let leaf = authority
                .issue(&record.domain, not_before, not_after, serial)
                .map_err(internal)?;
            let Some(stored) = inner.certificates.get_mut(id) else {
                return Err(not_found(id));
            };
            stored.issued = Some(Issued {
                not_before,
                not_after,
                leaf: Arc::new(leaf),
            });
            // A CA checks the DNS record once: removing it after issuance must not take the
            // certificate back to "reviewing".
            stored.validated_ms = stored.validated_ms.or(self.validated_at(&record));
            (stored.clone(), true)
        };
        if changed {
            self.autosave();
        }
        let status = self.status_of(&record, now);
        Ok((record, status))
    }

    /// Marks the domain of `id` verified now, as if its DNS record or file had been found.
    pub fn mark_validated(&self, id: &str) -> Result<(), ApiError> {
        let now = self.clock.now_ms();
        {
            let mut inner = self.lock();
            let record = inner
                .certificates
                .get_mut(id)
                .ok_or_else(|| not_found(id))?;
            record.validated_ms.get_or_insert(now);
        }
        self.autosave();
        Ok(())
    }

    /// Cancels the order of `id`: allowed while under review (0) or awaiting its automatic
    /// DNS record (4).
    pub fn cancel(&self, id: &str) -> Result<(), ApiError> {
        let now = self.clock.now_ms();
        {
            let mut inner = self.lock();
            let record = inner.certificates.get(id).ok_or_else(|| not_found(id))?;
            let status = self.status_of(record, now);
            if !matches!(status, status::REVIEWING | status::DNS_RECORD_ADDED) {
                return Err(ApiError::new(
                    codes::BAD_STATUS,
                    format!("The order cannot be cancelled in certificate status {status}."),
                ));
            }
            if let Some(record) = inner.certificates.get_mut(id) {
                record.cancelled_ms = Some(now);
            }
        }
        self.autosave();
        Ok(())
    }

    /// Deletes `id`: refused within [`SslConfig::delete_after`] of its application.
    pub fn delete(&self, id: &str) -> Result<(), ApiError> {
        let now = self.clock.now_ms();
        {
            let mut inner = self.lock();
            let record = inner.certificates.get(id).ok_or_else(|| not_found(id))?;
            if now - record.applied_ms < self.config.delete_after.as_millis() as i64 {
                return Err(ApiError::new(
                    codes::WITHIN_HOUR,
                    "Free certificates cannot be deleted within 1 hour after being applied for.",
                ));
            }
            inner.certificates.remove(id);
        }
        self.autosave();
        Ok(())
    }

    /// The ids of every certificate.
    pub fn ids(&self) -> Vec<String> {
        self.lock().certificates.keys().cloned().collect()
    }

    /// Notes a page of `DescribeCertificates` asked for.
    pub fn note_listed(&self, offset: u64, limit: u64) {
        let mut listed = self.listed.lock().unwrap_or_else(|e| e.into_inner());
        if listed.len() >= LISTED_CAPACITY {
            listed.drain(..LISTED_CAPACITY / 2);
        }
        listed.push((offset, limit));
    }

    /// The pages of `DescribeCertificates` asked for, as (offset, limit), oldest first: every
    /// one, up to [`LISTED_CAPACITY`].
    pub fn listed_pages(&self) -> Vec<(u64, u64)> {
        self.listed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}
