//! One signed call: TC3-HMAC-SHA256 by the runtime's [`Signer`], sent with the runtime's HTTP
//! stack, retried as the runtime's [`RetryPolicy`] says, and the `{"Response": ...}` envelope
//! opened into the response object or a [`Failure::Api`].

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};
use tc_runtime::error::{is_internal_error_code, is_throttling_code};
use tc_runtime::retry::Retry;
use tc_runtime::sign::{Signer, SigningInput};
use tc_runtime::{Credentials, RetryPolicy};

use crate::error::Failure;

/// `X-TC-RequestClient`, as tccli sends `_CLI_<version>`.
pub const REQUEST_CLIENT: &str = concat!("_CLI_TCCX_", env!("CARGO_PKG_VERSION"));

/// Where and how calls are sent.
pub struct Transport {
    http: reqwest::Client,
    url: String,
    host: String,
    region: Option<String>,
    language: Option<String>,
    request_client: String,
    credentials: Credentials,
    signer: Signer,
    retry: RetryPolicy,
}

/// Settings of a [`Transport`].
pub struct TransportSettings {
    /// A host (`ssl.tencentcloudapi.com`, HTTPS) or a full `http(s)://` URL.
    pub endpoint: String,
    /// `X-TC-Region`.
    pub region: Option<String>,
    /// `X-TC-Language`.
    pub language: Option<String>,
    /// Appended to `X-TC-RequestClient`.
    pub request_client: Option<String>,
    /// Total time of one attempt.
    pub timeout: Duration,
    /// A proxy for every request.
    pub https_proxy: Option<String>,
    /// Who signs.
    pub credentials: Credentials,
}

/// One request.
pub struct Call<'a> {
    /// Service, as in the credential scope.
    pub service: &'a str,
    /// API version.
    pub version: &'a str,
    /// Action name.
    pub action: &'a str,
    /// The JSON body.
    pub body: &'a Map<String, Value>,
    /// Whether sending twice is harmless.
    pub retry_safe: bool,
}

/// The URL posted to and the `Host` header for `endpoint`, a host or a URL.
pub fn target(endpoint: &str) -> Result<(String, String), Failure> {
    let with_scheme = if endpoint.contains("://") {
        endpoint.to_owned()
    } else {
        format!("https://{endpoint}")
    };
    let url = reqwest::Url::parse(&with_scheme)
        .map_err(|e| Failure::other(format!("endpoint {endpoint:?} is not a host or URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Failure::other(format!(
            "endpoint {endpoint:?}: the scheme must be http or https"
        )));
    }
    let Some(host) = url.host_str() else {
        return Err(Failure::other(format!("endpoint {endpoint:?} has no host")));
    };
    let host = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    };
    Ok((url.to_string(), host))
}

impl Transport {
    /// Prepares the HTTP client.
    pub fn new(settings: TransportSettings) -> Result<Self, Failure> {
        let (url, host) = target(&settings.endpoint)?;
        let plain_http = url.starts_with("http://") && settings.https_proxy.is_none();
        let builder = if plain_http {
            let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
            let tls = rustls::ClientConfig::builder_with_provider(provider)
                .with_safe_default_protocol_versions()
                .map_err(|e| Failure::other(format!("TLS: {e}")))?
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth();
            reqwest::Client::builder().tls_backend_preconfigured(tls)
        } else {
            tc_runtime::transport::http_builder().map_err(|e| Failure::other(e.to_string()))?
        };
        let mut builder = builder
            .user_agent(tc_runtime::client::USER_AGENT)
            .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
            .timeout(settings.timeout);
        if let Some(proxy) = &settings.https_proxy {
            let proxy = reqwest::Proxy::all(proxy)
                .map_err(|e| Failure::other(format!("--https-proxy {proxy:?}: {e}")))?;
            builder = builder.proxy(proxy);
        }
        let http = builder
            .build()
            .map_err(|e| Failure::other(format!("HTTP client: {e}")))?;
        let request_client = match &settings.request_client {
            Some(name) if name.contains(['\r', '\n']) => {
                return Err(Failure::usage(
                    "`--request-client` must not contain CR or LF characters.",
                ));
            }
            Some(name) => format!("{REQUEST_CLIENT}; {name}"),
            None => REQUEST_CLIENT.to_owned(),
        };
        Ok(Transport {
            http,
            url,
            host,
            region: settings.region.filter(|r| !r.is_empty()),
            language: settings.language,
            request_client,
            credentials: settings.credentials,
            signer: Signer::new(),
            retry: RetryPolicy::new(),
        })
    }

    /// The headers of `call` signed at `timestamp`, in the order sent.
    pub fn headers(
        &self,
        call: &Call<'_>,
        payload: &[u8],
        timestamp: i64,
    ) -> Vec<(&'static str, String)> {
        let authorization = self.signer.authorization(
            &self.credentials,
            &SigningInput {
                service: call.service,
                host: &self.host,
                content_type: "application/json",
                payload,
                timestamp,
            },
        );
        let mut headers = vec![
            ("Authorization", authorization),
            ("Content-Type", "application/json".to_owned()),
            ("Host", self.host.clone()),
            ("X-TC-Action", call.action.to_owned()),
            ("X-TC-Timestamp", timestamp.to_string()),
            ("X-TC-Version", call.version.to_owned()),
            ("X-TC-RequestClient", self.request_client.clone()),
        ];
        if let Some(region) = &self.region {
            headers.push(("X-TC-Region", region.clone()));
        }
        if let Some(token) = self.credentials.token() {
            headers.push(("X-TC-Token", token.expose().to_owned()));
        }
        if let Some(language) = &self.language {
            headers.push(("X-TC-Language", language.clone()));
        }
        headers
    }

    /// The request as it would be sent now, with the session token and the signature replaced
    /// by `***` (a signature can be replayed for five minutes).
    pub fn dry_run(&self, call: &Call<'_>) -> String {
        let payload = body_bytes(call.body);
        let mut text = format!("POST {}\n", self.url);
        for (name, value) in self.headers(call, &payload, unix_now()) {
            let shown = match name {
                "X-TC-Token" => "***".to_owned(),
                "Authorization" => redact_signature(&value),
                _ => value,
            };
            text.push_str(&format!("{name}: {shown}\n"));
        }
        text.push('\n');
        text.push_str(&String::from_utf8_lossy(&payload));
        text
    }

    /// Sends `call` and returns the inner `Response` object.
    pub async fn send(&self, call: &Call<'_>) -> Result<Map<String, Value>, Failure> {
        let payload = body_bytes(call.body);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let (failure, class) = match self.attempt(call, &payload).await {
                Ok(response) => return Ok(response),
                Err(outcome) => outcome,
            };
            if !self.retry.should_retry(class, attempt, call.retry_safe) {
                return Err(failure);
            }
            tokio::time::sleep(self.retry.backoff(attempt)).await;
        }
    }

    async fn attempt(
        &self,
        call: &Call<'_>,
        payload: &[u8],
    ) -> Result<Map<String, Value>, (Failure, Retry)> {
        let mut request = self.http.post(&self.url).body(payload.to_vec());
        for (name, value) in self.headers(call, payload, unix_now()) {
            request = request.header(name, value);
        }
        let response = request.send().await.map_err(|e| {
            let error = tc_runtime::transport::transport_error(e);
            let class = if error.maybe_sent {
                Retry::Ambiguous
            } else {
                Retry::Safe
            };
            (Failure::other(error.to_string()), class)
        })?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| {
            (
                Failure::other(format!("reading the response: {e}")),
                Retry::Ambiguous,
            )
        })?;
        open_envelope(status.as_u16(), &bytes)
    }
}

/// The inner `Response` object of a 200 answer, or why there is none.
fn open_envelope(status: u16, bytes: &[u8]) -> Result<Map<String, Value>, (Failure, Retry)> {
    let parsed: Option<Value> = serde_json::from_slice(bytes).ok();
    let response = parsed.and_then(|mut v| match v.get_mut("Response").map(Value::take) {
        Some(Value::Object(response)) => Some(response),
        _ => None,
    });
    let Some(response) = response else {
        let class = if status >= 500 || status == 429 {
            Retry::Ambiguous
        } else {
            Retry::Never
        };
        let snippet = tc_runtime::response::snippet(bytes);
        return Err((
            Failure::other(format!("HTTP {status}: not an API answer: {snippet}")),
            class,
        ));
    };
    let Some(error) = response.get("Error") else {
        return Ok(response);
    };
    let text = |key: &str| {
        error
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let code = text("Code");
    let class = if is_throttling_code(&code) {
        Retry::Safe
    } else if is_internal_error_code(&code) {
        Retry::Ambiguous
    } else {
        Retry::Never
    };
    let request_id = response
        .get("RequestId")
        .and_then(Value::as_str)
        .map(str::to_owned);
    Err((
        Failure::Api {
            code,
            message: text("Message"),
            request_id,
        },
        class,
    ))
}

fn body_bytes(body: &Map<String, Value>) -> Vec<u8> {
    serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec())
}

fn redact_signature(authorization: &str) -> String {
    match authorization.find("Signature=") {
        Some(at) => format!("{}Signature=***", &authorization[..at]),
        None => "***".to_owned(),
    }
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
