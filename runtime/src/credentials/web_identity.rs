//! Temporary credentials for TKE pods: STS `AssumeRoleWithWebIdentity` with the pod's OIDC
//! token, unsigned (`Authorization: SKIP`), refreshed before they expire.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue};
use serde::Serialize;

use super::refresh::RefreshCache;
use super::sts::{
    DEFAULT_DURATION_SECONDS, STS_VERSION, StsAnswer, default_session_name, describe,
};
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};
use crate::error::{BuildError, Error};
use crate::response::{Decoded, decode};

/// The region of the cluster, sent as `X-TC-Region`.
pub const TKE_REGION_VAR: &str = "TKE_REGION";
/// The OIDC identity provider's id.
pub const TKE_PROVIDER_ID_VAR: &str = "TKE_PROVIDER_ID";
/// The file holding the pod's OIDC token (the whole file is the token).
pub const TKE_WEB_IDENTITY_TOKEN_FILE_VAR: &str = "TKE_WEB_IDENTITY_TOKEN_FILE";
/// The role to assume.
pub const TKE_ROLE_ARN_VAR: &str = "TKE_ROLE_ARN";

const STS_URL: &str = "https://sts.tencentcloudapi.com/";
const SOURCE: &str = "TKE OIDC web identity";

/// What [`WebIdentityProvider`] needs; [`WebIdentityConfig::from_env`] reads it from the
/// `TKE_*` variables TKE sets in pods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebIdentityConfig {
    /// The cluster's region (`TKE_REGION`), sent as `X-TC-Region`.
    pub region: String,
    /// The identity provider's id (`TKE_PROVIDER_ID`).
    pub provider_id: String,
    /// The token file (`TKE_WEB_IDENTITY_TOKEN_FILE`), read again at every refresh since
    /// the kubelet rotates it.
    pub token_file: PathBuf,
    /// The role (`TKE_ROLE_ARN`).
    pub role_arn: String,
}

impl WebIdentityConfig {
    /// Reads the four `TKE_*` variables; the error names every one that is missing.
    pub fn from_env() -> Result<Self, CredentialsError> {
        let mut missing = Vec::new();
        let mut var = |name: &'static str| match std::env::var(name) {
            Ok(value) if !value.trim().is_empty() => value,
            _ => {
                missing.push(name);
                String::new()
            }
        };
        let config = WebIdentityConfig {
            region: var(TKE_REGION_VAR),
            provider_id: var(TKE_PROVIDER_ID_VAR),
            token_file: PathBuf::from(var(TKE_WEB_IDENTITY_TOKEN_FILE_VAR)),
            role_arn: var(TKE_ROLE_ARN_VAR),
        };
        if missing.is_empty() {
            Ok(config)
        } else {
            Err(CredentialsError::Missing {
                source: SOURCE,
                reason: format!("{} not set", missing.join(", ")),
            })
        }
    }

    /// Whether any `TKE_*` variable is set: the default chain tries this source only then.
    pub fn env_present() -> bool {
        [
            TKE_REGION_VAR,
            TKE_PROVIDER_ID_VAR,
            TKE_WEB_IDENTITY_TOKEN_FILE_VAR,
            TKE_ROLE_ARN_VAR,
        ]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct AssumeRoleWithWebIdentity<'a> {
    provider_id: &'a str,
    web_identity_token: &'a str,
    role_arn: &'a str,
    role_session_name: String,
    duration_seconds: u32,
}

/// Temporary credentials from `AssumeRoleWithWebIdentity`. Clones share the cache.
#[derive(Clone)]
pub struct WebIdentityProvider {
    inner: Arc<Inner>,
}

struct Inner {
    config: WebIdentityConfig,
    url: String,
    http: reqwest::Client,
    cache: RefreshCache,
}

impl fmt::Debug for WebIdentityProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebIdentityProvider")
            .field("config", &self.inner.config)
            .field("url", &self.inner.url)
            .finish_non_exhaustive()
    }
}

impl WebIdentityProvider {
    /// A provider for `config`, asking `https://sts.tencentcloudapi.com`.
    pub fn new(config: WebIdentityConfig) -> Result<Self, BuildError> {
        Self::with_url(config, STS_URL)
    }

    /// A provider asking another URL (tests, private endpoints).
    pub fn with_url(config: WebIdentityConfig, url: &str) -> Result<Self, BuildError> {
        crate::endpoint::Endpoint::base_url(url)?;
        let http = crate::transport::http_builder()?
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .build()
            .map_err(|e| BuildError::new(format!("HTTP client: {e}")))?;
        Ok(WebIdentityProvider {
            inner: Arc::new(Inner {
                config,
                url: url.to_owned(),
                http,
                cache: RefreshCache::new(),
            }),
        })
    }

    /// A provider configured by the `TKE_*` variables.
    pub fn from_env() -> Result<Self, CredentialsError> {
        let config = WebIdentityConfig::from_env()?;
        Self::new(config).map_err(|e| CredentialsError::Missing {
            source: SOURCE,
            reason: e.to_string(),
        })
    }

    async fn fetch(&self) -> Result<Credentials, CredentialsError> {
        let config = &self.inner.config;
        let missing = |reason: String| CredentialsError::Missing {
            source: SOURCE,
            reason,
        };
        let shown = config.token_file.display();
        let token = std::fs::read_to_string(&config.token_file)
            .map_err(|e| missing(format!("token file {shown}: {e}")))?;
        // The whole file is the token; only a final line break is not part of it.
        let token = token.trim_end_matches(['\n', '\r']);
        if token.is_empty() {
            return Err(missing(format!("token file {shown} is empty")));
        }
        let body = serde_json::to_vec(&AssumeRoleWithWebIdentity {
            provider_id: &config.provider_id,
            web_identity_token: token,
            role_arn: &config.role_arn,
            role_session_name: default_session_name(),
            duration_seconds: DEFAULT_DURATION_SECONDS,
        })
        .map_err(|e| missing(e.to_string()))?;
        let headers = headers(&config.region).map_err(missing)?;
        let response = self
            .inner
            .http
            .post(&self.inner.url)
            .headers(headers)
            .body(body)
            .send()
            .await
            .map_err(|e| missing(format!("{}: {e}", self.inner.url)))?;
        let status = response.status().as_u16();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| missing(format!("{}: {e}", self.inner.url)))?;
        match decode::<StsAnswer, String>(status, &bytes) {
            Decoded::Output(answer, _) => answer.into_credentials().map_err(missing),
            Decoded::Service(error) => Err(missing(describe(&Error::Service(error)))),
            Decoded::Undecodable(error) => Err(missing(describe(&Error::Decode(error)))),
        }
    }

    /// Cached credentials while fresh, else newly assumed ones.
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        self.inner.cache.get(SOURCE, || self.fetch()).await
    }
}

fn headers(region: &str) -> Result<HeaderMap, String> {
    let mut headers = HeaderMap::with_capacity(6);
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(AUTHORIZATION, HeaderValue::from_static("SKIP"));
    headers.insert(
        "x-tc-action",
        HeaderValue::from_static("AssumeRoleWithWebIdentity"),
    );
    headers.insert("x-tc-version", HeaderValue::from_static(STS_VERSION));
    headers.insert(
        "x-tc-region",
        HeaderValue::from_str(region).map_err(|_| format!("region {region:?} is not a header"))?,
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    headers.insert("x-tc-timestamp", HeaderValue::from(now));
    Ok(headers)
}

impl ProvideCredentials for WebIdentityProvider {
    fn credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.load())
    }
}
