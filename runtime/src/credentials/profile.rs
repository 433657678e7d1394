//! Credentials from the profile file `~/.tencentcloud/credentials`.

use std::path::PathBuf;

use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};

/// The variable overriding the profile file's path.
pub const CREDENTIALS_FILE_VAR: &str = "TENCENTCLOUD_CREDENTIALS_FILE";

/// Reads the `[default]` section (`secret_id`, `secret_key`, optional `token`) of an INI file.
///
/// The file is `$TENCENTCLOUD_CREDENTIALS_FILE` when set, else `~/.tencentcloud/credentials`;
/// it is read each time credentials are asked for, so edits take effect.
#[derive(Debug, Clone, Default)]
pub struct ProfileProvider {
    path: Option<PathBuf>,
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
        }
    }

    /// The file this provider reads, if a home directory or override is known.
    pub fn path(&self) -> Option<PathBuf> {
        if let Some(path) = &self.path {
            return Some(path.clone());
        }
        if let Some(path) = std::env::var_os(CREDENTIALS_FILE_VAR).filter(|p| !p.is_empty()) {
            return Some(PathBuf::from(path));
        }
        std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(|home| {
                PathBuf::from(home)
                    .join(".tencentcloud")
                    .join("credentials")
            })
    }

    /// Reads the file now.
    pub fn load(&self) -> Result<Credentials, CredentialsError> {
        let missing = |reason: String| CredentialsError::Missing {
            source: "profile file",
            reason,
        };
        let path = self
            .path()
            .ok_or_else(|| missing("no HOME and no TENCENTCLOUD_CREDENTIALS_FILE".to_owned()))?;
        let shown = path.display();
        let text = std::fs::read_to_string(&path).map_err(|e| missing(format!("{shown}: {e}")))?;
        let ini = ini::Ini::load_from_str(&text)
            .map_err(|e| missing(format!("{shown}: not an INI file: {e}")))?;
        let section = ini
            .section(Some("default"))
            .ok_or_else(|| missing(format!("{shown}: no [default] section")))?;
        let get = |key: &str| {
            section
                .get(key)
                .ok_or_else(|| missing(format!("{shown}: [default] has no {key}")))
        };
        let id = get("secret_id")?;
        let key = get("secret_key")?;
        let result = match section.get("token").filter(|t| !t.is_empty()) {
            Some(token) => Credentials::temporary(id, key, token),
            None => Credentials::new(id, key),
        };
        result.map_err(|e| missing(format!("{shown}: {e}")))
    }
}

impl ProvideCredentials for ProfileProvider {
    fn credentials(&self) -> CredentialsFuture<'_> {
        let result = self.load();
        Box::pin(async move { result })
    }
}
