//! Stand-ins for generated code: a non-idempotent action and a retry-safe one.

use serde::{Deserialize, Serialize};
use tc_runtime::{Action, Client, Credentials, InvalidRequest, RetryPolicy};

use super::Server;

pub const SECRET_ID: &str = "AKIDtestsecretidEXAMPLE";
pub const SECRET_KEY: &str = "testSecretKeyEXAMPLEdonotleak";

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Apply {
    pub domain_name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Applied {
    pub certificate_id: String,
    pub request_id: String,
}

impl Action for Apply {
    const SERVICE: &'static str = "ssl";
    const VERSION: &'static str = "2019-12-05";
    const NAME: &'static str = "ApplyCertificate";
    const RATE_LIMIT: Option<u32> = None;
    const RETRY_SAFE: bool = false;
    type Output = Applied;
    type ErrorCode = String;

    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Describe {
    pub certificate_id: String,
}

impl Action for Describe {
    const SERVICE: &'static str = "ssl";
    const VERSION: &'static str = "2019-12-05";
    const NAME: &'static str = "DescribeCertificate";
    const RATE_LIMIT: Option<u32> = None;
    const RETRY_SAFE: bool = true;
    type Output = Applied;
    type ErrorCode = String;

    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

pub fn apply() -> Apply {
    Apply {
        domain_name: "example.com".into(),
    }
}

pub fn describe() -> Describe {
    Describe {
        certificate_id: "cert-123".into(),
    }
}

pub fn fast_retry() -> RetryPolicy {
    RetryPolicy::new()
        .with_max_attempts(3)
        .with_base_delay(std::time::Duration::from_millis(1))
        .with_max_delay(std::time::Duration::from_millis(5))
}

pub fn credentials() -> Credentials {
    Credentials::new(SECRET_ID, SECRET_KEY).unwrap()
}

/// Loading the system's root certificates takes most of a client's construction, so tests
/// that build many clients share one HTTP client.
pub fn shared_http() -> reqwest::Client {
    static HTTP: std::sync::OnceLock<reqwest::Client> = std::sync::OnceLock::new();
    HTTP.get_or_init(|| {
        tc_runtime::transport::http_builder()
            .unwrap()
            .build()
            .unwrap()
    })
    .clone()
}

pub fn client_for(server: &Server) -> Client {
    Client::builder()
        .http_client(shared_http())
        .credentials(credentials())
        .base_url(&server.url())
        .unwrap()
        .retry(fast_retry())
        .build()
        .unwrap()
}
