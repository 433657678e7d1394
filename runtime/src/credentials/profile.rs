//! Credentials from the profile file: `TENCENTCLOUD_CREDENTIALS_FILE`, else
//! `~/.tencentcloud/credentials`, else `/etc/tencentcloud/credentials`.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use super::sts::AssumeRoleProvider;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// The variable overriding the profile file's path.
pub const CREDENTIALS_FILE_VAR: &str = "TENCENTCLOUD_CREDENTIALS_FILE";
/// The variable naming the profile (section) to read; `default` otherwise.
pub const PROFILE_VAR: &str = "TENCENTCLOUD_PROFILE";
/// The machine-wide profile file, read when the user has none.
pub const SYSTEM_CREDENTIALS_FILE: &str = "/etc/tencentcloud/credentials";

const SOURCE: &str = "profile file";

/// What a credentials file yields: keys, or keys that assume a role.
#[derive(Debug, Clone)]
pub(crate) enum Loaded {
    Keys(Credentials),
    Role(AssumeRoleProvider),
}

impl Loaded {
    pub(crate) async fn credentials(&self) -> Result<Credentials, CredentialsError> {
        match self {
            Loaded::Keys(credentials) => Ok(credentials.clone()),
            Loaded::Role(role) => role.load().await,
        }
    }

    /// Keys, or keys chained into AssumeRole when `role_arn` is set.
    pub(crate) fn new(
        keys: Credentials,
        role_arn: Option<&str>,
        session_name: Option<&str>,
        sts_endpoint: Option<&str>,
    ) -> Result<Loaded, String> {
        let Some(role_arn) = role_arn.filter(|r| !r.is_empty()) else {
            return Ok(Loaded::Keys(keys));
        };
        let mut builder = AssumeRoleProvider::builder(role_arn);
        if let Some(name) = session_name.filter(|n| !n.is_empty()) {
            builder = builder.session_name(name);
        }
        if let Some(url) = sts_endpoint {
            builder = builder.endpoint(url).map_err(|e| e.to_string())?;
        }
        builder
            .build(Arc::new(keys))
            .map(Loaded::Role)
            .map_err(|e| e.to_string())
    }
}

/// Reads one profile of an INI file: `secret_id`, `secret_key`, optional `token`, and
/// optional `role_arn` (with `role_session_name`), which assumes that role with the keys.
///
/// The profile is the one set with [`ProfileProvider::profile`], else `$TENCENTCLOUD_PROFILE`,
/// else `default`. The file is read and parsed once, at the first call; clones share it.
#[derive(Debug, Clone, Default)]
pub struct ProfileProvider {
    path: Option<PathBuf>,
    profile: Option<String>,
    sts_endpoint: Option<String>,
    loaded: Arc<OnceLock<Result<Loaded, CredentialsError>>>,
}

impl ProfileProvider {
    /// A provider reading the default path (or the one named by the environment).
    pub fn new() -> Self {
        Self::default()
    }

    /// A provider reading the given file.
    pub fn with_path(path: impl Into<PathBuf>) -> Self {
        ProfileProvider {
            path: Some(path.into()),
            ..Self::default()
        }
    }

    /// Reads the profile `name` (a section of the file) instead of `default`.
    pub fn profile(self, name: impl Into<String>) -> Self {
        ProfileProvider {
            profile: Some(name.into()),
            loaded: Arc::default(),
            ..self
        }
    }

    /// Sends the `AssumeRole` of a profile's `role_arn` to `url` (tests, private endpoints).
    pub fn sts_endpoint(self, url: impl Into<String>) -> Self {
        ProfileProvider {
            sts_endpoint: Some(url.into()),
            loaded: Arc::default(),
            ..self
        }
    }

    /// The profile read: the one set, else `$TENCENTCLOUD_PROFILE`, else `default`.
    pub fn profile_name(&self) -> String {
        self.profile
            .clone()
            .or_else(|| std::env::var(PROFILE_VAR).ok().filter(|p| !p.is_empty()))
            .unwrap_or_else(|| "default".to_owned())
    }

    /// The file read: the one set, else `$TENCENTCLOUD_CREDENTIALS_FILE`, else the first of
    /// `~/.tencentcloud/credentials` and `/etc/tencentcloud/credentials` that exists.
    pub fn path(&self) -> Result<PathBuf, CredentialsError> {
        if let Some(path) = &self.path {
            return Ok(path.clone());
        }
        if let Some(path) = std::env::var_os(CREDENTIALS_FILE_VAR).filter(|p| !p.is_empty()) {
            return Ok(PathBuf::from(path));
        }
        let home = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|home| {
                PathBuf::from(home)
                    .join(".tencentcloud")
                    .join("credentials")
            });
        let candidates: Vec<PathBuf> = home
            .into_iter()
            .chain([PathBuf::from(SYSTEM_CREDENTIALS_FILE)])
            .collect();
        if let Some(found) = candidates.iter().find(|p| p.is_file()) {
            return Ok(found.clone());
        }
        let tried: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
        Err(missing(format!(
            "{CREDENTIALS_FILE_VAR} is not set and none of {} exists",
            tried.join(", ")
        )))
    }

    fn read(&self) -> Result<Loaded, CredentialsError> {
        let path = self.path()?;
        let shown = path.display();
        let text = std::fs::read_to_string(&path).map_err(|e| missing(format!("{shown}: {e}")))?;
        let ini = ini::Ini::load_from_str(&text)
            .map_err(|e| missing(format!("{shown}: not an INI file: {e}")))?;
        let profile = self.profile_name();
        let section = ini
            .section(Some(profile.as_str()))
            .ok_or_else(|| missing(format!("{shown}: no [{profile}] section")))?;
        let get = |key: &str| {
            section
                .get(key)
                .ok_or_else(|| missing(format!("{shown}: [{profile}] has no {key}")))
        };
        let id = get("secret_id")?;
        let key = get("secret_key")?;
        let keys = match section.get("token").filter(|t| !t.is_empty()) {
            Some(token) => Credentials::temporary(id, key, token),
            None => Credentials::new(id, key),
        }
        .map_err(|e| missing(format!("{shown}: [{profile}]: {e}")))?;
        Loaded::new(
            keys,
            section.get("role_arn"),
            section.get("role_session_name"),
            self.sts_endpoint.as_deref(),
        )
        .map_err(|e| missing(format!("{shown}: [{profile}]: {e}")))
    }

    /// The profile's credentials (assuming its role when it names one).
    pub async fn load(&self) -> Result<Credentials, CredentialsError> {
        let loaded = self.loaded.get_or_init(|| self.read());
        match loaded {
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

impl ProvideCredentials for ProfileProvider {
    fn credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.load())
    }
}
