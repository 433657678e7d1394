//! One call through the runtime's [`Client::call_dynamic`] (signing, retries by the action's
//! `retry_safe`, clock-skew correction, timeouts), and the signed request of a `--dry-run`,
//! made with the runtime's [`Signer`] and the same headers.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Map, Value};
use tc_runtime::client::REQUEST_CLIENT;
use tc_runtime::sign::{Signer, SigningInput};
use tc_runtime::{Client, DynamicRequest, Endpoint, Error, Language, ProvideCredentials};

use crate::error::Failure;

/// Appended to `X-TC-RequestClient`, as tccli appends `_CLI_<version>`.
pub const CLI_NAME: &str = concat!("tccx/", env!("CARGO_PKG_VERSION"));

/// Where and how calls are sent.
pub struct Transport {
    client: Client,
    url: String,
    host: String,
    region: Option<String>,
    language: Option<Language>,
    request_client: String,
    credentials: Arc<dyn ProvideCredentials>,
}

/// Settings of a [`Transport`].
pub struct TransportSettings {
    /// A host (`ssl.tencentcloudapi.com`, HTTPS) or a full `http(s)://` URL.
    pub endpoint: String,
    /// `X-TC-Region`.
    pub region: Option<String>,
    /// `X-TC-Language`: `zh-CN` or `en-US`.
    pub language: Option<String>,
    /// Appended to `X-TC-RequestClient`.
    pub request_client: Option<String>,
    /// Total time of one attempt.
    pub timeout: Duration,
    /// A proxy for every request.
    pub https_proxy: Option<String>,
    /// Who signs.
    pub credentials: Arc<dyn ProvideCredentials>,
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

/// The reqwest client: for a plain-HTTP endpoint without a proxy, TLS without the system's
/// roots (loading them is most of a call's start-up); else the runtime's stack.
fn http_client(url: &str, settings: &TransportSettings) -> Result<reqwest::Client, Failure> {
    let builder = if url.starts_with("http://") && settings.https_proxy.is_none() {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
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
        .connect_timeout(settings.timeout.min(Duration::from_secs(10)));
    if let Some(proxy) = &settings.https_proxy {
        let proxy = reqwest::Proxy::all(proxy)
            .map_err(|e| Failure::other(format!("--https-proxy {proxy:?}: {e}")))?;
        builder = builder.proxy(proxy);
    }
    builder
        .build()
        .map_err(|e| Failure::other(format!("HTTP client: {e}")))
}

impl Transport {
    /// Prepares the client.
    pub fn new(settings: TransportSettings) -> Result<Self, Failure> {
        let (url, host) = target(&settings.endpoint)?;
        let language = match settings.language.as_deref() {
            None | Some("") => None,
            Some("zh-CN") => Some(Language::ZhCn),
            Some("en-US") => Some(Language::EnUs),
            Some(other) => {
                return Err(Failure::usage(format!(
                    "argument --language: {other:?} is not zh-CN or en-US"
                )));
            }
        };
        let request_client = match &settings.request_client {
            Some(name) if name.contains(['\r', '\n']) => {
                return Err(Failure::usage(
                    "`--request-client` must not contain CR or LF characters.",
                ));
            }
            Some(name) => format!("{CLI_NAME}; {name}"),
            None => CLI_NAME.to_owned(),
        };
        let endpoint = Endpoint::base_url(&url).map_err(|e| Failure::other(e.to_string()))?;
        let mut builder = Client::builder()
            .http_client(http_client(&url, &settings)?)
            .endpoint(endpoint)
            .credentials_provider(settings.credentials.clone())
            .request_client(request_client.clone())
            .timeout(settings.timeout)
            // One command, one call: a client-side rate limit has nothing to pace.
            .rate_limit(false);
        let region = settings.region.filter(|r| !r.is_empty());
        if let Some(region) = &region {
            builder = builder.region(region.clone());
        }
        if let Some(language) = language {
            builder = builder.language(language);
        }
        let client = builder.build().map_err(|e| Failure::other(e.to_string()))?;
        Ok(Transport {
            client,
            url,
            host,
            region,
            language,
            request_client: format!("{REQUEST_CLIENT}; {request_client}"),
            credentials: settings.credentials,
        })
    }

    /// The request as it would be sent now, with the session token and the signature replaced
    /// by `***` (a signature can be replayed for five minutes).
    pub async fn dry_run(&self, call: &Call<'_>) -> Result<String, Failure> {
        let credentials = self
            .credentials
            .credentials()
            .await
            .map_err(|e| Failure::other(e.to_string()))?;
        let payload = serde_json::to_vec(call.body).unwrap_or_else(|_| b"{}".to_vec());
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        let authorization = Signer::new().authorization(
            &credentials,
            &SigningInput {
                service: call.service,
                host: &self.host,
                content_type: "application/json",
                payload: &payload,
                timestamp,
            },
        );
        let mut headers = vec![
            ("Authorization", redact_signature(&authorization)),
            ("Content-Type", "application/json".to_owned()),
            ("Host", self.host.clone()),
            ("X-TC-Action", call.action.to_owned()),
            ("X-TC-Version", call.version.to_owned()),
            ("X-TC-Timestamp", timestamp.to_string()),
            ("X-TC-RequestClient", self.request_client.clone()),
        ];
        if let Some(region) = &self.region {
            headers.push(("X-TC-Region", region.clone()));
        }
        if credentials.token().is_some() {
            headers.push(("X-TC-Token", "***".to_owned()));
        }
        if let Some(language) = self.language {
            headers.push(("X-TC-Language", language.as_str().to_owned()));
        }
        let mut text = format!("POST {}\n", self.url);
        for (name, value) in headers {
            text.push_str(&format!("{name}: {value}\n"));
        }
        text.push('\n');
        text.push_str(&String::from_utf8_lossy(&payload));
        Ok(text)
    }

    /// Sends `call` and returns the inner `Response` object.
    pub async fn send(&self, call: &Call<'_>) -> Result<Map<String, Value>, Failure> {
        let request = DynamicRequest::new(
            call.service,
            call.version,
            call.action,
            Value::Object(call.body.clone()),
        )
        .retry_safe(call.retry_safe);
        match self.client.call_dynamic(&request).await {
            Ok(Value::Object(response)) => Ok(response),
            Ok(other) => Err(Failure::other(format!(
                "the answer's Response is not an object: {other}"
            ))),
            Err(Error::Service(error)) => Err(Failure::Api {
                code: error.code,
                message: error.message,
                request_id: Some(error.request_id).filter(|id| !id.is_empty()),
            }),
            Err(other) => Err(Failure::other(other.to_string())),
        }
    }
}

fn redact_signature(authorization: &str) -> String {
    match authorization.find("Signature=") {
        Some(at) => format!("{}Signature=***", &authorization[..at]),
        None => "***".to_owned(),
    }
}
