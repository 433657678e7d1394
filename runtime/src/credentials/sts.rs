//! Temporary credentials from STS `AssumeRole` (sts 2018-08-13), signed with any source
//! credentials, refreshed before they expire.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::refresh::RefreshCache;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};
use crate::action::{Action, InvalidRequest};
use crate::client::Client;
use crate::endpoint::Endpoint;
use crate::error::BuildError;

/// The STS API version used.
pub const STS_VERSION: &str = "2018-08-13";
/// The default lifetime asked for, in seconds.
pub const DEFAULT_DURATION_SECONDS: u32 = 7200;
/// The longest lifetime STS grants, in seconds.
pub const MAX_DURATION_SECONDS: u32 = 43_200;
/// The region sent to STS unless another is set (STS is global; the header is required).
pub const DEFAULT_STS_REGION: &str = "ap-guangzhou";

/// `Response` of `AssumeRole` and `AssumeRoleWithWebIdentity`.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct StsAnswer {
    credentials: TemporaryKeys,
    expired_time: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TemporaryKeys {
    token: String,
    tmp_secret_id: String,
    tmp_secret_key: String,
}

impl StsAnswer {
    pub(crate) fn into_credentials(self) -> Result<Credentials, String> {
        let expires = u64::try_from(self.expired_time)
            .map_err(|_| format!("ExpiredTime {} is not a time", self.expired_time))?;
        let keys = self.credentials;
        let credentials =
            Credentials::temporary(keys.tmp_secret_id, keys.tmp_secret_key, keys.token)
                .map_err(|e| e.to_string())?;
        Ok(credentials.with_expiry(UNIX_EPOCH + Duration::from_secs(expires)))
    }
}

/// A failed STS call in words that never quote the answer's body: a truncated answer may
/// hold the very keys being fetched.
pub(crate) fn describe(error: &crate::error::Error<String>) -> String {
    use crate::error::Error;
    match error {
        Error::Decode(e) => format!(
            "undecodable answer (HTTP {}, {:?}){}",
            e.status,
            e.kind,
            e.request_id
                .as_deref()
                .map(|id| format!(" (RequestId: {id})"))
                .unwrap_or_default()
        ),
        other => other.to_string(),
    }
}

/// `tencentcloud-rust-<microseconds since the epoch>`, the default session name.
pub(crate) fn default_session_name() -> String {
    let micros = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_micros();
    format!("tencentcloud-rust-{micros}")
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AssumeRole<'a> {
    role_arn: &'a str,
    role_session_name: String,
    duration_seconds: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    policy: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_id: Option<&'a str>,
}

impl Action for AssumeRole<'_> {
    const SERVICE: &'static str = "sts";
    const VERSION: &'static str = STS_VERSION;
    const NAME: &'static str = "AssumeRole";
    const RATE_LIMIT: Option<u32> = None;
    // Assuming a role twice only makes two sets of credentials.
    const RETRY_SAFE: bool = true;
    type Output = StsAnswer;
    type ErrorCode = String;

    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

/// Configures an [`AssumeRoleProvider`].
#[derive(Debug, Clone)]
pub struct AssumeRoleBuilder {
    role_arn: String,
    session_name: Option<String>,
    duration_seconds: u32,
    policy: Option<String>,
    external_id: Option<String>,
    region: String,
    endpoint: Endpoint,
}

impl AssumeRoleBuilder {
    /// Names the session (default `tencentcloud-rust-<µs>`, new at each refresh).
    pub fn session_name(mut self, name: impl Into<String>) -> Self {
        self.session_name = Some(name.into());
        self
    }

    /// Sets the lifetime asked for, in seconds (default 7200, at most 43200).
    pub fn duration_seconds(mut self, seconds: u32) -> Self {
        self.duration_seconds = seconds;
        self
    }

    /// Narrows the role's permissions with a policy, sent as given (the STS API documents
    /// that it must be URL-encoded).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// The external id the role's trust policy requires.
    pub fn external_id(mut self, id: impl Into<String>) -> Self {
        self.external_id = Some(id.into());
        self
    }

    /// The region sent as `X-TC-Region` (default `ap-guangzhou`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self
    }

    /// Sends `AssumeRole` to `url` instead of `https://sts.tencentcloudapi.com` (tests,
    /// private endpoints).
    pub fn endpoint(mut self, url: &str) -> Result<Self, BuildError> {
        self.endpoint = Endpoint::base_url(url)?;
        Ok(self)
    }

    /// A provider assuming the role with the credentials of `source`.
    pub fn build(
        self,
        source: Arc<dyn ProvideCredentials>,
    ) -> Result<AssumeRoleProvider, BuildError> {
        if self.role_arn.trim().is_empty() {
            return Err(BuildError::new("AssumeRole: the RoleArn is empty".into()));
        }
        if !(1..=MAX_DURATION_SECONDS).contains(&self.duration_seconds) {
            return Err(BuildError::new(format!(
                "AssumeRole: DurationSeconds {} is outside 1..={MAX_DURATION_SECONDS}",
                self.duration_seconds
            )));
        }
        let client = Client::builder()
            .credentials_provider(source)
            .endpoint(self.endpoint.clone())
            .region(self.region.clone())
            .build()?;
        Ok(AssumeRoleProvider {
            inner: Arc::new(Inner {
                config: self,
                client,
                cache: RefreshCache::new(),
            }),
        })
    }
}

/// Temporary credentials of a CAM role, from STS `AssumeRole`, refreshed before they expire
/// (see [`refresh`](super::refresh) for the margin). Clones share the cache.
#[derive(Clone)]
pub struct AssumeRoleProvider {
    inner: Arc<Inner>,
}

struct Inner {
    config: AssumeRoleBuilder,
    client: Client,
    cache: RefreshCache,
}

impl fmt::Debug for AssumeRoleProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let config = &self.inner.config;
        f.debug_struct("AssumeRoleProvider")
            .field("role_arn", &config.role_arn)
            .field("session_name", &config.session_name)
            .field("duration_seconds", &config.duration_seconds)
            .field("endpoint", &config.endpoint)
            .finish_non_exhaustive()
    }
}

impl AssumeRoleProvider {
    /// Configures a provider for the role `role_arn` (`qcs::cam::uin/<uin>:roleName/<name>`).
    pub fn builder(role_arn: impl Into<String>) -> AssumeRoleBuilder {
        AssumeRoleBuilder {
            role_arn: role_arn.into(),
            session_name: None,
            duration_seconds: DEFAULT_DURATION_SECONDS,
            policy: None,
            external_id: None,
            region: DEFAULT_STS_REGION.to_owned(),
            endpoint: Endpoint::global(),
        }
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let config = &self.inner.config;
        let missing = |reason: String| CredentialsError::Missing {
            source: "STS AssumeRole",
            reason: format!("{}: {reason}", config.role_arn),
        };
        let request = AssumeRole {
            role_arn: &config.role_arn,
            role_session_name: config
                .session_name
                .clone()
                .unwrap_or_else(default_session_name),
            duration_seconds: config.duration_seconds,
            policy: config.policy.as_deref(),
            external_id: config.external_id.as_deref(),
        };
        let answer = self
            .inner
            .client
            .call(&request)
            .await
            .map_err(|e| missing(describe(&e)))?;
        answer.into_credentials().map_err(missing)
    }

    /// Cached credentials while fresh, else newly assumed ones.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        self.inner
            .cache
            .get("STS AssumeRole", || self.fetch())
            .await
    }
}

impl ProvideCredentials for AssumeRoleProvider {
    fn credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.load())
    }
}
