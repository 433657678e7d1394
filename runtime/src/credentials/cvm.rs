//! Temporary credentials of the CVM instance role, from the metadata service.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use serde::Deserialize;

use super::refresh::RefreshCache;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// The metadata service's base URL for role credentials.
pub const METADATA_URL: &str =
    "http://metadata.tencentyun.com/latest/meta-data/cam/security-credentials/";

/// Loads the role's temporary credentials from the CVM metadata service and refreshes them
/// before they expire (see [`refresh`](super::refresh) for the margin).
///
/// `GET <base>` names the role; `GET <base><role>` returns `TmpSecretId`, `TmpSecretKey`,
/// `Token` and `ExpiredTime`. Timeouts are short (1 s to connect, 2 s in all) so that the
/// default chain fails fast off CVM.
#[derive(Debug, Clone)]
pub struct CvmRoleProvider {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    base_url: String,
    role: Option<String>,
    http: Result<reqwest::Client, String>,
    cache: RefreshCache,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RoleCredentials {
    tmp_secret_id: String,
    tmp_secret_key: String,
    token: String,
    expired_time: Option<i64>,
    code: Option<String>,
}

impl Default for CvmRoleProvider {
    fn default() -> Self {
        Self::new()
    }
}

impl CvmRoleProvider {
    /// A provider asking the real metadata service.
    pub fn new() -> Self {
        Self::with_base_url(METADATA_URL)
    }

    /// A provider asking another base URL (tests); a trailing `/` is added when missing.
    pub fn with_base_url(base_url: impl Into<String>) -> Self {
        let mut base_url = base_url.into();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        let http = crate::transport::http_builder()
            .and_then(|b| {
                b.no_proxy()
                    .connect_timeout(Duration::from_secs(1))
                    .timeout(Duration::from_secs(2))
                    .build()
                    .map_err(|e| crate::error::BuildError::new(e.to_string()))
            })
            .map_err(|e| e.to_string());
        CvmRoleProvider {
            inner: Arc::new(Inner {
                base_url,
                role: None,
                http,
                cache: RefreshCache::new(),
            }),
        }
    }

    /// Uses the given role name instead of asking the metadata service for it.
    pub fn with_role(self, role: impl Into<String>) -> Self {
        let inner = &self.inner;
        CvmRoleProvider {
            inner: Arc::new(Inner {
                base_url: inner.base_url.clone(),
                role: Some(role.into()),
                http: inner.http.clone(),
                cache: RefreshCache::new(),
            }),
        }
    }

    async fn get(&self, url: &str) -> Result<String, CredentialsError> {
        let http = self.inner.http.as_ref().map_err(|e| missing(e.clone()))?;
        let response = http
            .get(url)
            .send()
            .await
            .map_err(|e| missing(format!("{url}: {e}")))?;
        let status = response.status();
        if !status.is_success() {
            return Err(missing(format!("{url}: HTTP {}", status.as_u16())));
        }
        response
            .text()
            .await
            .map_err(|e| missing(format!("{url}: {e}")))
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let role = match &self.inner.role {
            Some(role) => role.clone(),
            None => {
                let body = self.get(&self.inner.base_url).await?;
                body.lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty())
                    .ok_or_else(|| missing("the instance has no CAM role".to_owned()))?
                    .to_owned()
            }
        };
        let url = format!("{}{}", self.inner.base_url, role);
        let body = self.get(&url).await?;
        let parsed: RoleCredentials = serde_json::from_str(&body)
            .map_err(|e| missing(format!("role {role}: undecodable credentials: {e}")))?;
        if let Some(code) = parsed.code.as_deref().filter(|c| *c != "Success") {
            return Err(missing(format!(
                "role {role}: metadata service said {code}"
            )));
        }
        let credentials =
            Credentials::temporary(parsed.tmp_secret_id, parsed.tmp_secret_key, parsed.token)
                .map_err(|e| missing(format!("role {role}: {e}")))?;
        Ok(match parsed.expired_time {
            Some(t) if t > 0 => credentials.with_expiry(UNIX_EPOCH + Duration::from_secs(t as u64)),
            _ => credentials,
        })
    }

    /// Cached credentials while they are fresh, otherwise newly fetched ones.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        self.inner
            .cache
            .get("CVM instance role", || self.fetch())
            .await
    }
}

fn missing(reason: String) -> CredentialsError {
    CredentialsError::Missing {
        source: "CVM instance role",
        reason,
    }
}

impl ProvideCredentials for CvmRoleProvider {
    fn credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.load())
    }
}
