//! Credentials written by `tccli configure`: `~/.tccli/<profile>.credential` (JSON with
//! `secretId`, `secretKey`, optional `token` and `role-arn`), with the region from
//! `<profile>.configure`. The profile is `$TCCLI_PROFILE`, else `default`, as in tccli.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use super::profile::Loaded;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// The variable naming tccli's profile.
pub const TCCLI_PROFILE_VAR: &str = "TCCLI_PROFILE";

const SOURCE: &str = "tccli files";

#[derive(Deserialize)]
struct CredentialFile {
    #[serde(rename = "secretId", default)]
    secret_id: Option<String>,
    #[serde(rename = "secretKey", default)]
    secret_key: Option<String>,
    #[serde(default)]
    token: Option<String>,
    #[serde(rename = "role-arn", default)]
    role_arn: Option<String>,
    #[serde(rename = "role-session-name", default)]
    role_session_name: Option<String>,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct ConfigureFile {
    #[serde(rename = "_sys_param", default)]
    system: Option<SystemParams>,
}

#[derive(Deserialize)]
struct SystemParams {
    #[serde(default)]
    region: Option<String>,
}

/// Reads tccli's files once, at the first call; clones share what was read.
#[derive(Debug, Clone, Default)]
pub struct TccliProvider {
    dir: Option<PathBuf>,
    profile: Option<String>,
    sts_endpoint: Option<String>,
    loaded: Arc<OnceLock<Result<Loaded, CredentialsError>>>,
}

impl TccliProvider {
    /// A provider reading `~/.tccli`.
    pub fn new() -> Self {
        Self::default()
    }

    /// A provider reading another folder (tests).
    pub fn with_dir(dir: impl Into<PathBuf>) -> Self {
        TccliProvider {
            dir: Some(dir.into()),
            ..Self::default()
        }
    }

    /// Reads the profile `name` instead of `$TCCLI_PROFILE` or `default`.
    pub fn profile(self, name: impl Into<String>) -> Self {
        TccliProvider {
            profile: Some(name.into()),
            loaded: Arc::default(),
            ..self
        }
    }

    /// Sends the `AssumeRole` of a profile's `role-arn` to `url` (tests).
    pub fn sts_endpoint(self, url: impl Into<String>) -> Self {
        TccliProvider {
            sts_endpoint: Some(url.into()),
            loaded: Arc::default(),
            ..self
        }
    }

    fn profile_name(&self) -> String {
        self.profile
            .clone()
            .or_else(|| {
                std::env::var(TCCLI_PROFILE_VAR)
                    .ok()
                    .filter(|p| !p.is_empty())
            })
            .unwrap_or_else(|| "default".to_owned())
    }

    fn file(&self, extension: &str) -> Result<PathBuf, CredentialsError> {
        let dir = match &self.dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|home| PathBuf::from(home).join(".tccli"))
                .ok_or_else(|| missing("HOME is not set".to_owned()))?,
        };
        Ok(dir.join(format!("{}.{extension}", self.profile_name())))
    }

    /// The region of the profile's `.configure` file, if it names one.
    pub fn region(&self) -> Option<String> {
        let text = std::fs::read_to_string(self.file("configure").ok()?).ok()?;
        let configure: ConfigureFile = serde_json::from_str(&text).ok()?;
        configure.system?.region.filter(|r| !r.trim().is_empty())
    }

    fn read(&self) -> Result<Loaded, CredentialsError> {
        let path = self.file("credential")?;
        let shown = path.display();
        let text = std::fs::read_to_string(&path).map_err(|e| missing(format!("{shown}: {e}")))?;
        let file: CredentialFile = serde_json::from_str(&text)
            .map_err(|e| missing(format!("{shown}: not tccli's JSON: {e}")))?;
        if file.kind.as_deref() == Some("cvm-role") {
            return Err(missing(format!(
                "{shown} says to use the CVM role (left to that source)"
            )));
        }
        let (Some(id), Some(key)) = (file.secret_id, file.secret_key) else {
            return Err(missing(format!("{shown}: no secretId or no secretKey")));
        };
        let keys = match file.token.filter(|t| !t.is_empty()) {
            Some(token) => Credentials::temporary(id, key, token),
            None => Credentials::new(id, key),
        }
        .map_err(|e| missing(format!("{shown}: {e}")))?;
        Loaded::new(
            keys,
            file.role_arn.as_deref(),
            file.role_session_name.as_deref(),
            self.sts_endpoint.as_deref(),
        )
        .map_err(|e| missing(format!("{shown}: {e}")))
    }

    /// The profile's credentials (assuming its role when it names one).
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        match self.loaded.get_or_init(|| self.read()) {
            Ok(loaded) => loaded.credentials().await,
            Err(error) => Err(error.clone()),
        }
    }
}

fn missing(reason: String) -> CredentialsError {
    CredentialsError::Missing {
        source: SOURCE,
        reason,
    }
}

impl ProvideCredentials for TccliProvider {
    fn credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.load())
    }
}
