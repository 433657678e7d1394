//! Credentials from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and a session token
//! from `TENCENTCLOUD_TOKEN` or `TENCENTCLOUD_SESSION_TOKEN`.

use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// The variable holding the SecretId.
pub const SECRET_ID_VAR: &str = "TENCENTCLOUD_SECRET_ID";
/// The variable holding the SecretKey.
pub const SECRET_KEY_VAR: &str = "TENCENTCLOUD_SECRET_KEY";
/// The optional variable holding a session token (read first).
pub const TOKEN_VAR: &str = "TENCENTCLOUD_TOKEN";
/// The other name of the session token's variable, read when `TENCENTCLOUD_TOKEN` is unset
/// or empty (some tools export this one).
pub const SESSION_TOKEN_VAR: &str = "TENCENTCLOUD_SESSION_TOKEN";
/// The variable holding the default region.
pub const REGION_VAR: &str = "TENCENTCLOUD_REGION";

/// Reads credentials from the environment each time they are asked for.
#[derive(Debug, Clone, Default)]
pub struct EnvProvider {
    _private: (),
}

impl EnvProvider {
    /// A provider reading the process environment.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the variables now.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let missing = |reason: String| CredentialsError::Missing {
            source: "environment",
            reason,
        };
        let id = std::env::var(SECRET_ID_VAR)
            .map_err(|_| missing(format!("{SECRET_ID_VAR} is not set")))?;
        let key = std::env::var(SECRET_KEY_VAR)
            .map_err(|_| missing(format!("{SECRET_KEY_VAR} is not set")))?;
        let token = [TOKEN_VAR, SESSION_TOKEN_VAR]
            .into_iter()
            .find_map(|name| std::env::var(name).ok().filter(|t| !t.is_empty()));
        let result = match token {
            Some(token) => Credentials::temporary(id, key, token),
            None => Credentials::new(id, key),
        };
        result.map_err(|e| missing(e.to_string()))
    }
}

impl ProvideCredentials for EnvProvider {
    fn credentials(&self) -> CredentialsFuture<'_> {
        let result = self.load();
        Box::pin(async move { result })
    }
}

/// The region named by `TENCENTCLOUD_REGION`, if set and not blank.
pub fn region_from_env() -> Option<String> {
    std::env::var(REGION_VAR)
        .ok()
        .map(|r| r.trim().to_owned())
        .filter(|r| !r.is_empty())
}
