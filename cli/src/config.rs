//! tccli's files and environment, read (never written here): `~/.tccli/<profile>.configure`
//! and `.credential`, `TCCLI_PROFILE`, `TENCENTCLOUD_*`. The precedence is tccli's: a flag,
//! then the environment (ignored when `--profile` is given), then the profile's files.

use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::args::Globals;
use crate::error::Failure;

/// Where tccli keeps its files: `~/.tccli`.
pub fn config_dir() -> Result<PathBuf, Failure> {
    std::env::var_os("HOME")
        .filter(|home| !home.is_empty())
        .map(|home| PathBuf::from(home).join(".tccli"))
        .ok_or_else(|| Failure::other("HOME is not set: cannot find ~/.tccli"))
}

/// The profile named by `--profile`, else `TCCLI_PROFILE`, else `default`.
pub fn profile_name(globals: &Globals) -> String {
    globals
        .profile
        .clone()
        .or_else(|| {
            std::env::var("TCCLI_PROFILE")
                .ok()
                .filter(|p| !p.is_empty())
        })
        .unwrap_or_else(|| "default".to_owned())
}

/// One profile's two files, as JSON objects (empty when a file does not exist).
#[derive(Debug, Default)]
pub struct ProfileFiles {
    /// `<profile>.configure`: `_sys_param` (region, output, language...) and per-service
    /// `version` and `endpoint`.
    pub configure: Map<String, Value>,
    /// `<profile>.credential`: `secretId`, `secretKey`, `token`, `role-arn`,
    /// `role-session-name`, `type`.
    pub credential: Map<String, Value>,
}

impl ProfileFiles {
    /// Reads the files of `profile`; a file that is not a JSON object is an error naming it.
    pub fn read(profile: &str) -> Result<Self, Failure> {
        let dir = config_dir()?;
        let read = |suffix: &str| -> Result<Map<String, Value>, Failure> {
            let path = dir.join(format!("{profile}.{suffix}"));
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Map::new()),
                Err(e) => {
                    return Err(Failure::other(format!(
                        "cannot read {}: {e}",
                        path.display()
                    )));
                }
            };
            match serde_json::from_str(&text) {
                Ok(Value::Object(map)) => Ok(map),
                Ok(_) => Err(Failure::other(format!(
                    "{}: expected a JSON object",
                    path.display()
                ))),
                Err(e) => Err(Failure::other(format!(
                    "{}: not JSON ({e}); fix or remove it",
                    path.display()
                ))),
            }
        };
        Ok(ProfileFiles {
            configure: read("configure")?,
            credential: read("credential")?,
        })
    }

    fn sys_param(&self, key: &str) -> Option<String> {
        text(self.configure.get("_sys_param")?.get(key)?)
    }

    fn service(&self, service: &str, key: &str) -> Option<String> {
        text(self.configure.get(service)?.get(key)?)
    }

    fn credential(&self, key: &str) -> Option<String> {
        text(self.credential.get(key)?)
    }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// How requests are signed.
#[derive(Debug, Clone, PartialEq)]
pub enum CredentialSource {
    /// Keys (and a session token) given directly.
    Keys {
        /// SecretId.
        secret_id: String,
        /// SecretKey.
        secret_key: String,
        /// Session token.
        token: Option<String>,
    },
    /// Keys exchanged for a role's temporary keys (STS AssumeRole).
    Role {
        /// The keys that assume the role.
        secret_id: String,
        /// Their SecretKey.
        secret_key: String,
        /// `qcs::cam::uin/...:roleName/...`.
        role_arn: String,
        /// Names the session.
        session_name: String,
    },
    /// The CVM instance's role, from the metadata service.
    CvmRole,
    /// A TKE pod's OIDC token exchanged for a role's keys (STS AssumeRoleWithWebIdentity).
    TkeOidc,
    /// Nothing usable; says what is missing.
    Missing(String),
}

/// Everything a call takes from flags, environment and files.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Region, if any.
    pub region: Option<String>,
    /// `json`, `text` or `table`.
    pub output: String,
    /// `X-TC-Language`.
    pub language: Option<String>,
    /// Appended to `X-TC-RequestClient`.
    pub request_client: Option<String>,
    /// API version from the profile (a flag wins).
    pub version: Option<String>,
    /// Endpoint from the flag or the profile.
    pub endpoint: Option<String>,
    /// The STS host for roles, from the profile's `sts.endpoint`.
    pub sts_endpoint: Option<String>,
    /// Waiter defaults from the profile's `waiter` (timeout, interval).
    pub waiter_defaults: (Option<f64>, Option<f64>),
    /// How to sign.
    pub credentials: CredentialSource,
}

/// Resolves settings for `service` from flags, environment and the profile's files.
pub fn resolve(globals: &Globals, service: &str) -> Result<Settings, Failure> {
    let files = ProfileFiles::read(&profile_name(globals))?;
    // tccli: the environment counts only when no --profile was given.
    let use_env = globals.profile.is_none();
    let from_env = |name: &str| if use_env { env(name) } else { None };
    let region = globals
        .region
        .clone()
        .or_else(|| from_env("TENCENTCLOUD_REGION"))
        .or_else(|| files.sys_param("region"));
    let output = globals
        .output
        .clone()
        .or_else(|| files.sys_param("output"))
        .unwrap_or_else(|| "json".to_owned());
    let waiter = files.configure.get("waiter");
    let waiter_number = |key: &str| waiter.and_then(|w| w.get(key)).and_then(Value::as_f64);
    Ok(Settings {
        region,
        output,
        language: globals
            .language
            .clone()
            .or_else(|| files.sys_param("language")),
        request_client: globals
            .request_client
            .clone()
            .or_else(|| files.sys_param("request-client")),
        version: globals
            .api_version
            .clone()
            .or_else(|| files.service(service, "version")),
        endpoint: globals
            .endpoint
            .clone()
            .or_else(|| files.service(service, "endpoint")),
        sts_endpoint: files
            .configure
            .get("sts")
            .and_then(|sts| sts.get("endpoint"))
            .and_then(text),
        waiter_defaults: (waiter_number("timeout"), waiter_number("interval")),
        credentials: credential_source(globals, &files, use_env),
    })
}

fn credential_source(globals: &Globals, files: &ProfileFiles, use_env: bool) -> CredentialSource {
    let env_keys = use_env
        .then(|| {
            Some((
                env("TENCENTCLOUD_SECRET_ID")?,
                env("TENCENTCLOUD_SECRET_KEY")?,
            ))
        })
        .flatten();
    let env_role = use_env
        .then(|| {
            Some((
                env("TENCENTCLOUD_ROLE_ARN")?,
                env("TENCENTCLOUD_ROLE_SESSION_NAME")?,
            ))
        })
        .flatten();
    let flagged = globals.secret_id.is_some()
        || globals.secret_key.is_some()
        || globals.role_arn.is_some()
        || globals.role_session_name.is_some();
    let profile_says_cvm = files.credential("type").as_deref() == Some("cvm-role");
    if globals.use_cvm_role
        || (profile_says_cvm && !flagged && env_keys.is_none() && env_role.is_none())
    {
        return CredentialSource::CvmRole;
    }
    let (env_id, env_key, env_token) = match &env_keys {
        Some((id, key)) => (
            Some(id.clone()),
            Some(key.clone()),
            env("TENCENTCLOUD_TOKEN"),
        ),
        None => (None, None, None),
    };
    let secret_id = globals
        .secret_id
        .clone()
        .or(env_id)
        .or_else(|| files.credential("secretId"));
    let secret_key = globals
        .secret_key
        .clone()
        .or(env_key)
        .or_else(|| files.credential("secretKey"));
    // The environment's token goes with the environment's keys, the file's with the file's.
    let token = globals.token.clone().or(if env_keys.is_some() {
        env_token
    } else {
        files.credential("token")
    });
    let role = match (&globals.role_arn, &globals.role_session_name) {
        (Some(arn), Some(name)) => Some((arn.clone(), name.clone())),
        _ => env_role.or_else(|| {
            Some((
                files.credential("role-arn")?,
                files.credential("role-session-name")?,
            ))
        }),
    };
    let tke = [
        "TKE_REGION",
        "TKE_PROVIDER_ID",
        "TKE_WEB_IDENTITY_TOKEN_FILE",
        "TKE_ROLE_ARN",
    ]
    .iter()
    .all(|name| env(name).is_some());
    match (secret_id, secret_key, role) {
        (Some(secret_id), Some(secret_key), Some((role_arn, session_name))) => {
            CredentialSource::Role {
                secret_id,
                secret_key,
                role_arn,
                session_name,
            }
        }
        _ if tke => CredentialSource::TkeOidc,
        (Some(secret_id), Some(secret_key), None) => CredentialSource::Keys {
            secret_id,
            secret_key,
            token,
        },
        (None, _, _) => CredentialSource::Missing("secretId is invalid".to_owned()),
        (_, None, _) => CredentialSource::Missing("secretKey is invalid".to_owned()),
    }
}
