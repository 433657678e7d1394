//! Turns a [`CredentialSource`] into keys: as given, from the CVM role (the runtime's
//! provider), or exchanged with STS for a role's temporary keys (AssumeRole, or
//! AssumeRoleWithWebIdentity for a TKE pod's OIDC token).

use std::time::Duration;

use serde_json::{Map, Value, json};
use tc_runtime::{Credentials, CvmRoleProvider};

use crate::call::{Call, Transport, TransportSettings};
use crate::config::{CredentialSource, Settings};
use crate::error::Failure;

const STS_HOST: &str = "sts.tencentcloudapi.com";
const STS_VERSION: &str = "2018-08-13";
/// Seconds a role's temporary keys last.
const ROLE_DURATION: u64 = 7200;

/// The keys to sign with.
pub async fn load(settings: &Settings, timeout: Duration) -> Result<Credentials, Failure> {
    let invalid = |e: tc_runtime::CredentialsError| Failure::other(e.to_string());
    match &settings.credentials {
        CredentialSource::Keys {
            secret_id,
            secret_key,
            token,
        } => match token {
            Some(token) => Credentials::temporary(secret_id, secret_key, token),
            None => Credentials::new(secret_id, secret_key),
        }
        .map_err(invalid),
        CredentialSource::CvmRole => CvmRoleProvider::new().load().await.map_err(invalid),
        CredentialSource::Role {
            secret_id,
            secret_key,
            role_arn,
            session_name,
        } => {
            let keys = Credentials::new(secret_id, secret_key).map_err(invalid)?;
            let endpoint = settings
                .sts_endpoint
                .clone()
                .unwrap_or_else(|| STS_HOST.to_owned());
            let transport = Transport::new(TransportSettings {
                endpoint,
                region: Some(
                    settings
                        .region
                        .clone()
                        .unwrap_or_else(|| "ap-guangzhou".to_owned()),
                ),
                language: None,
                request_client: None,
                timeout,
                https_proxy: None,
                credentials: keys,
            })?;
            let body = object(json!({
                "RoleArn": role_arn,
                "RoleSessionName": session_name,
                "DurationSeconds": ROLE_DURATION,
            }));
            let response = transport
                .send(&Call {
                    service: "sts",
                    version: STS_VERSION,
                    action: "AssumeRole",
                    body: &body,
                    retry_safe: true,
                })
                .await?;
            temporary_keys(&response, "AssumeRole")
        }
        CredentialSource::TkeOidc => tke_oidc(timeout).await,
        CredentialSource::Missing(reason) => Err(Failure::other(reason.clone())),
    }
}

/// AssumeRoleWithWebIdentity with the pod's token; STS takes this call unsigned.
async fn tke_oidc(timeout: Duration) -> Result<Credentials, Failure> {
    let env = |name: &str| std::env::var(name).unwrap_or_default();
    let token_file = env("TKE_WEB_IDENTITY_TOKEN_FILE");
    let token = std::fs::read_to_string(&token_file)
        .map_err(|e| Failure::other(format!("TKE_WEB_IDENTITY_TOKEN_FILE {token_file}: {e}")))?;
    let session = format!(
        "tccx-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    );
    let body = json!({
        "ProviderId": env("TKE_PROVIDER_ID"),
        "WebIdentityToken": token.trim(),
        "RoleArn": env("TKE_ROLE_ARN"),
        "RoleSessionName": session,
        "DurationSeconds": ROLE_DURATION,
    });
    let http = tc_runtime::transport::http_builder()
        .map_err(|e| Failure::other(e.to_string()))?
        .timeout(timeout)
        .build()
        .map_err(|e| Failure::other(format!("HTTP client: {e}")))?;
    let answer = http
        .post(format!("https://{STS_HOST}/"))
        .header("Content-Type", "application/json")
        .header("Authorization", "SKIP")
        .header("X-TC-Action", "AssumeRoleWithWebIdentity")
        .header("X-TC-Version", STS_VERSION)
        .header("X-TC-Region", env("TKE_REGION"))
        .header(
            "X-TC-Timestamp",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
                .to_string(),
        )
        .body(body.to_string())
        .send()
        .await
        .map_err(|e| Failure::other(format!("STS AssumeRoleWithWebIdentity: {e}")))?
        .bytes()
        .await
        .map_err(|e| Failure::other(format!("STS AssumeRoleWithWebIdentity: {e}")))?;
    let response = serde_json::from_slice::<Value>(&answer)
        .ok()
        .and_then(|mut v| v.get_mut("Response").map(Value::take))
        .and_then(|v| match v {
            Value::Object(map) => Some(map),
            _ => None,
        })
        .ok_or_else(|| Failure::other("STS AssumeRoleWithWebIdentity: not an API answer"))?;
    if let Some(error) = response.get("Error") {
        return Err(Failure::Api {
            code: error["Code"].as_str().unwrap_or("").to_owned(),
            message: error["Message"].as_str().unwrap_or("").to_owned(),
            request_id: response
                .get("RequestId")
                .and_then(Value::as_str)
                .map(str::to_owned),
        });
    }
    temporary_keys(&response, "AssumeRoleWithWebIdentity")
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn temporary_keys(response: &Map<String, Value>, action: &str) -> Result<Credentials, Failure> {
    let field = |name: &str| {
        response
            .get("Credentials")
            .and_then(|c| c.get(name))
            .and_then(Value::as_str)
            .ok_or_else(|| {
                Failure::other(format!("STS {action}: no Credentials.{name} in the answer"))
            })
    };
    Credentials::temporary(
        field("TmpSecretId")?,
        field("TmpSecretKey")?,
        field("Token")?,
    )
    .map_err(|e| Failure::other(format!("STS {action}: {e}")))
}
