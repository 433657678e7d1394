//! Credentials and where they come from: static values, the environment, the profile file,
//! tccli's files, STS AssumeRole, TKE OIDC web identity, the CVM instance role, and the
//! default chain of them.
//!
//! Temporary credentials (STS, TKE, CVM) are cached by [`refresh`]: refreshed before they
//! expire, by one caller at a time, and kept (with a warning) while a refresh fails and they
//! are still valid.
//!
//! Secret keys and tokens are held in [`Secret`], which never prints its contents.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

mod chain;
mod cvm;
mod env;
mod profile;
pub mod refresh;
mod sts;
mod tccli;
mod web_identity;

pub use chain::{ChainSources, DefaultChain};
pub use cvm::{CvmRoleProvider, METADATA_URL};
pub use env::{
    EnvProvider, REGION_VAR, SECRET_ID_VAR, SECRET_KEY_VAR, SESSION_TOKEN_VAR, TOKEN_VAR,
    region_from_env,
};
pub use profile::{CREDENTIALS_FILE_VAR, PROFILE_VAR, ProfileProvider, SYSTEM_CREDENTIALS_FILE};
pub use sts::{
    AssumeRoleBuilder, AssumeRoleProvider, DEFAULT_DURATION_SECONDS, MAX_DURATION_SECONDS,
};
pub use tccli::{TCCLI_PROFILE_VAR, TccliProvider};
pub use web_identity::{WebIdentityConfig, WebIdentityProvider};

/// Secret keys and session tokens are [`Secret`]s, as generated secret members are.
pub use crate::secret::Secret;

/// A SecretId and SecretKey, with a session token for temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    secret_id: String,
    secret_key: Secret,
    token: Option<Secret>,
    expires_at: Option<SystemTime>,
}

impl Credentials {
    /// Long-term credentials. Empty keys and keys with surrounding whitespace are rejected.
    pub fn new(
        secret_id: impl Into<String>,
        secret_key: impl Into<String>,
    ) -> Result<Self, CredentialsError> {
        let secret_id = secret_id.into();
        let secret_key = secret_key.into();
        check_key("SecretId", &secret_id)?;
        check_key("SecretKey", &secret_key)?;
        Ok(Credentials {
            secret_id,
            secret_key: Secret::new(secret_key),
            token: None,
            expires_at: None,
        })
    }

    /// Temporary credentials: keys plus the session token sent as `X-TC-Token`.
    pub fn temporary(
        secret_id: impl Into<String>,
        secret_key: impl Into<String>,
        token: impl Into<String>,
    ) -> Result<Self, CredentialsError> {
        let token = token.into();
        check_key("Token", &token)?;
        let mut credentials = Self::new(secret_id, secret_key)?;
        credentials.token = Some(Secret::new(token));
        Ok(credentials)
    }

    /// Sets when these credentials stop being valid.
    pub fn with_expiry(mut self, expires_at: SystemTime) -> Self {
        self.expires_at = Some(expires_at);
        self
    }

    /// The SecretId (not secret: it is sent in every `Authorization` header).
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The SecretKey.
    pub fn secret_key(&self) -> &Secret {
        &self.secret_key
    }

    /// The session token of temporary credentials.
    pub fn token(&self) -> Option<&Secret> {
        self.token.as_ref()
    }

    /// When the credentials expire, if they do.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.expires_at
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &self.secret_key)
            .field("token", &self.token)
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

fn check_key(name: &'static str, value: &str) -> Result<(), CredentialsError> {
    if value.is_empty() {
        Err(CredentialsError::Invalid(format!("{name} is empty")))
    } else if value.trim() != value {
        Err(CredentialsError::Invalid(format!(
            "{name} has leading or trailing whitespace"
        )))
    } else {
        Ok(())
    }
}

/// Why no credentials could be had.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CredentialsError {
    /// A key was present but unusable (empty, padded with whitespace).
    Invalid(String),
    /// The source holds no credentials; says what was missing.
    Missing {
        /// The source, for example `environment`.
        source: &'static str,
        /// What was missing or wrong.
        reason: String,
    },
    /// Every source of a chain failed; one entry per source, in order.
    Chain(Vec<CredentialsError>),
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CredentialsError::Invalid(reason) => write!(f, "invalid credentials: {reason}"),
            CredentialsError::Missing { source, reason } => write!(f, "{source}: {reason}"),
            CredentialsError::Chain(errors) => {
                f.write_str("no credentials found (")?;
                for (index, error) in errors.iter().enumerate() {
                    if index > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{error}")?;
                }
                f.write_str(")")
            }
        }
    }
}

impl std::error::Error for CredentialsError {}

/// A boxed future returned by [`ProvideCredentials::credentials`].
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials, asked before every attempt; providers cache what they load.
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// Current, unexpired credentials.
    fn credentials(&self) -> CredentialsFuture<'_>;
}

impl ProvideCredentials for Credentials {
    fn credentials(&self) -> CredentialsFuture<'_> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_empty_and_padded_keys() {
        assert!(Credentials::new("", "key").is_err());
        assert!(Credentials::new("id", "").is_err());
        assert!(Credentials::new(" id", "key").is_err());
        assert!(Credentials::new("id", "key\n").is_err());
        assert!(Credentials::temporary("id", "key", " ").is_err());
        assert!(Credentials::new("id", "key").is_ok());
    }

    #[test]
    fn debug_hides_secrets() {
        let c = Credentials::temporary("AKIDvisible", "topsecretkey", "topsecrettoken").unwrap();
        let text = format!("{c:?} {} {}", c.secret_key(), c.token().unwrap());
        assert!(text.contains("AKIDvisible"));
        assert!(!text.contains("topsecret"));
    }
}
