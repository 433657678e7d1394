//! The client: signs, sends, decodes, retries and rate-limits calls to any [`Action`].

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, DATE, HOST, HeaderMap, HeaderValue};
use tracing::Instrument;
use tracing::field::Empty;

use crate::action::{Action, InvalidRequest, Violation};
use crate::credentials::{Credentials, DefaultChain, ProvideCredentials};
use crate::endpoint::{Endpoint, Target};
use crate::error::{BuildError, Error};
use crate::rate_limit::RateLimiter;
use crate::response::{Decoded, decode};
use crate::retry::{Retry, RetryPolicy};
use crate::sign::{Signer, SigningInput};
use crate::transport::{http_builder, transport_error};

/// The `Content-Type` sent and signed with every request.
pub const JSON_CONTENT_TYPE: &str = "application/json";
/// The `User-Agent` sent with every request.
pub const USER_AGENT: &str = concat!("tencentcloud-rust tc-runtime/", env!("CARGO_PKG_VERSION"));
/// The `X-TC-RequestClient` sent with every request (the SDKs send `SDK_<LANG>_<version>`).
pub const REQUEST_CLIENT: &str = concat!("SDK_RUST_TC_RUNTIME_", env!("CARGO_PKG_VERSION"));

/// The language of the service's messages (`X-TC-Language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Simplified Chinese, `zh-CN`.
    ZhCn,
    /// English, `en-US`.
    EnUs,
}

impl Language {
    /// The header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::EnUs => "en-US",
        }
    }
}

/// A Tencent Cloud API 3.0 client. Cheap to clone: clones share the connection pool, the
/// rate-limit buckets, the signing-key cache and the clock-skew correction.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    credentials: Arc<dyn ProvideCredentials>,
    endpoint: Endpoint,
    region: Option<String>,
    language: Option<Language>,
    retry: RetryPolicy,
    rate_limiter: Option<RateLimiter>,
    signer: Signer,
    clock_offset: AtomicI64,
    request_client: HeaderValue,
    waiter_delay: Option<Duration>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("credentials", &inner.credentials)
            .field("endpoint", &inner.endpoint)
            .field("region", &inner.region)
            .field("language", &inner.language)
            .field("retry", &inner.retry)
            .field("rate_limit", &inner.rate_limiter.is_some())
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    credentials: Option<Arc<dyn ProvideCredentials>>,
    endpoint: Endpoint,
    region: Option<String>,
    language: Option<Language>,
    retry: RetryPolicy,
    rate_limit: bool,
    connect_timeout: Duration,
    timeout: Duration,
    request_client: Option<String>,
    waiter_delay: Option<Duration>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            credentials: None,
            endpoint: Endpoint::global(),
            region: None,
            language: None,
            retry: RetryPolicy::default(),
            rate_limit: true,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(60),
            request_client: None,
            waiter_delay: None,
        }
    }
}

impl ClientBuilder {
    /// Uses fixed credentials.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(Arc::new(credentials));
        self
    }

    /// Uses a credentials provider (default: [`DefaultChain`]).
    pub fn credentials_provider(mut self, provider: Arc<dyn ProvideCredentials>) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// Overrides the delay between polls of every waiter (the spec's delay otherwise), for
    /// tests and local emulators whose operations finish in milliseconds.
    pub fn waiter_delay(mut self, delay: Duration) -> Self {
        self.waiter_delay = Some(delay);
        self
    }

    /// Sets the region sent as `X-TC-Region` (none by default; `ssl` needs none).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sets the endpoint (default [`Endpoint::global`]).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// Sends every request to `url` (`http` allowed): shorthand for [`Endpoint::base_url`].
    pub fn base_url(self, url: &str) -> Result<Self, BuildError> {
        Ok(self.endpoint(Endpoint::base_url(url)?))
    }

    /// Asks for messages in `language` (`X-TC-Language`).
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// Sets the retry policy (default [`RetryPolicy::default`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Turns the client-side per-action rate limit on (default) or off.
    pub fn rate_limit(mut self, enabled: bool) -> Self {
        self.rate_limit = enabled;
        self
    }

    /// Sets the connect timeout (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the total timeout of one attempt (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Appends an application name to `X-TC-RequestClient`.
    pub fn request_client(mut self, name: impl Into<String>) -> Self {
        self.request_client = Some(name.into());
        self
    }

    /// Builds the client and its connection pool.
    pub fn build(self) -> Result<Client, BuildError> {
        let http = http_builder()?
            .user_agent(USER_AGENT)
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .build()
            .map_err(|e| BuildError::new(format!("HTTP client: {e}")))?;
        let request_client = match &self.request_client {
            Some(name) => format!("{REQUEST_CLIENT}; {name}"),
            None => REQUEST_CLIENT.to_owned(),
        };
        let request_client = HeaderValue::from_str(&request_client)
            .map_err(|_| BuildError::new("request client name is not a valid header".into()))?;
        if let Some(region) = &self.region {
            HeaderValue::from_str(region)
                .map_err(|_| BuildError::new(format!("region {region:?} is not a valid header")))?;
        }
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                credentials: self
                    .credentials
                    .unwrap_or_else(|| Arc::new(DefaultChain::new())),
                endpoint: self.endpoint,
                region: self.region.filter(|r| !r.is_empty()),
                language: self.language,
                retry: self.retry,
                rate_limiter: self.rate_limit.then(RateLimiter::new),
                signer: Signer::new(),
                clock_offset: AtomicI64::new(0),
                request_client,
                waiter_delay: self.waiter_delay,
            }),
        })
    }
}

/// Overrides for one call.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    region: Option<String>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Overrides the total timeout of each attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Overrides the retry policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Overrides the region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }
}

/// A failed attempt and the server's `Date`, if it sent one.
struct Failure<C> {
    error: Error<C>,
    server_time: Option<i64>,
}

impl<C> From<Error<C>> for Failure<C> {
    fn from(error: Error<C>) -> Self {
        Failure {
            error,
            server_time: None,
        }
    }
}

fn unix_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

impl Client {
    /// A builder with defaults: default credentials chain, global endpoint, no region.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client using the default credentials chain (environment, profile file, CVM role)
    /// and the region from `TENCENTCLOUD_REGION`, if set.
    pub fn from_env() -> Result<Client, BuildError> {
        let mut builder = Client::builder().credentials_provider(Arc::new(DefaultChain::new()));
        if let Some(region) = crate::credentials::region_from_env() {
            builder = builder.region(region);
        }
        builder.build()
    }

    /// The current correction added to the local clock, in seconds (set after the service
    /// reported `AuthFailure.SignatureExpire`).
    pub fn clock_offset(&self) -> i64 {
        self.inner.clock_offset.load(Ordering::Relaxed)
    }

    /// The delay between waiter polls set with [`ClientBuilder::waiter_delay`], if any.
    pub fn waiter_delay(&self) -> Option<Duration> {
        self.inner.waiter_delay
    }

    /// Calls action `A` with the client's settings.
    pub async fn call<A: Action>(&self, request: &A) -> Result<A::Output, Error<A::ErrorCode>> {
        self.call_with(request, &CallOptions::default()).await
    }

    /// Calls action `A` with per-call overrides. Dropping the future cancels the call.
    pub async fn call_with<A: Action>(
        &self,
        request: &A,
        options: &CallOptions,
    ) -> Result<A::Output, Error<A::ErrorCode>> {
        request.validate()?;
        let body = serde_json::to_vec(request).map_err(|e| InvalidRequest {
            action: A::NAME,
            violations: vec![Violation::new(
                "(request)",
                format!("cannot be encoded: {e}"),
            )],
        })?;
        let span = tracing::info_span!(
            "tc_call",
            service = A::SERVICE,
            action = A::NAME,
            attempt = Empty,
            request_id = Empty,
        );
        self.run::<A>(Bytes::from(body), options)
            .instrument(span)
            .await
    }

    async fn run<A: Action>(
        &self,
        body: Bytes,
        options: &CallOptions,
    ) -> Result<A::Output, Error<A::ErrorCode>> {
        let inner = &*self.inner;
        let policy = options.retry.as_ref().unwrap_or(&inner.retry);
        let region = options.region.as_deref().or(inner.region.as_deref());
        let target = inner.endpoint.target(A::SERVICE, region);
        let span = tracing::Span::current();
        let mut sent = 0u32;
        let mut counted = 0u32;
        let mut skew_corrected = false;
        loop {
            sent += 1;
            counted += 1;
            span.record("attempt", sent);
            if let (Some(limiter), Some(rate)) = (&inner.rate_limiter, A::RATE_LIMIT) {
                limiter.acquire(A::SERVICE, A::NAME, rate).await;
            }
            let failure = match self
                .attempt::<A>(&target, region, &body, options.timeout)
                .await
            {
                Ok((output, request_id)) => {
                    if let Some(id) = &request_id {
                        span.record("request_id", id.as_str());
                    }
                    tracing::debug!(attempt = sent, "call succeeded");
                    return Ok(output);
                }
                Err(failure) => failure,
            };
            let error = failure.error;
            if let Some(id) = error.request_id() {
                span.record("request_id", id);
            }
            if error.code() == Some("AuthFailure.SignatureExpire") && !skew_corrected {
                if let Some(server) = failure.server_time {
                    let offset = server - unix_now();
                    inner.clock_offset.store(offset, Ordering::Relaxed);
                    skew_corrected = true;
                    counted -= 1;
                    tracing::warn!(offset, "signature expired: correcting clock offset");
                    continue;
                }
            }
            let class = if error.is_retryable() {
                Retry::Safe
            } else if error.is_ambiguous() {
                Retry::Ambiguous
            } else {
                Retry::Never
            };
            if !policy.should_retry(class, counted, A::RETRY_SAFE) {
                tracing::debug!(attempt = sent, error = %error, "call failed");
                return Err(error);
            }
            let delay = policy.backoff(counted);
            tracing::debug!(attempt = sent, error = %error, ?delay, "retrying");
            tokio::time::sleep(delay).await;
        }
    }

    async fn attempt<A: Action>(
        &self,
        target: &Target,
        region: Option<&str>,
        body: &Bytes,
        timeout: Option<Duration>,
    ) -> Result<(A::Output, Option<String>), Failure<A::ErrorCode>> {
        let inner = &*self.inner;
        let credentials = inner
            .credentials
            .credentials()
            .await
            .map_err(Error::NoCredentials)?;
        let timestamp = unix_now() + inner.clock_offset.load(Ordering::Relaxed);
        let authorization = inner.signer.authorization(
            &credentials,
            &SigningInput {
                service: A::SERVICE,
                host: &target.host,
                content_type: JSON_CONTENT_TYPE,
                payload: body,
                timestamp,
            },
        );
        let headers = self
            .headers::<A>(target, region, &credentials, authorization, timestamp)
            .map_err(|reason| {
                Error::InvalidRequest(InvalidRequest {
                    action: A::NAME,
                    violations: vec![Violation::new("(headers)", reason)],
                })
            })?;
        let mut request = inner
            .http
            .post(target.url.as_str())
            .headers(headers)
            .body(body.clone());
        if let Some(timeout) = timeout {
            request = request.timeout(timeout);
        }
        tracing::debug!(host = %target.host, "sending request");
        let response = request
            .send()
            .await
            .map_err(|e| Error::Transport(transport_error(e)))?;
        let status = response.status().as_u16();
        let server_time = response
            .headers()
            .get(DATE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| httpdate::parse_http_date(v).ok())
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_secs() as i64);
        let bytes = response.bytes().await.map_err(|e| Failure {
            error: Error::Transport(transport_error(e)),
            server_time,
        })?;
        match decode::<A::Output, A::ErrorCode>(status, &bytes) {
            Decoded::Output(output, request_id) => Ok((output, request_id)),
            Decoded::Service(error) => Err(Failure {
                error: Error::Service(error),
                server_time,
            }),
            Decoded::Undecodable(error) => Err(Failure {
                error: Error::Decode(error),
                server_time,
            }),
        }
    }

    fn headers<A: Action>(
        &self,
        target: &Target,
        region: Option<&str>,
        credentials: &Credentials,
        authorization: String,
        timestamp: i64,
    ) -> Result<HeaderMap, String> {
        let inner = &*self.inner;
        let value = |name: &str, v: &str| {
            HeaderValue::from_str(v).map_err(|_| format!("{name} is not a valid header value"))
        };
        let mut headers = HeaderMap::with_capacity(12);
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
        headers.insert(HOST, value("host", &target.host)?);
        headers.insert("x-tc-action", HeaderValue::from_static(A::NAME));
        headers.insert("x-tc-version", HeaderValue::from_static(A::VERSION));
        headers.insert("x-tc-timestamp", HeaderValue::from(timestamp));
        headers.insert("x-tc-requestclient", inner.request_client.clone());
        if let Some(region) = region {
            headers.insert("x-tc-region", value("region", region)?);
        }
        if let Some(token) = credentials.token() {
            let mut token = value("token", token.expose())?;
            token.set_sensitive(true);
            headers.insert("x-tc-token", token);
        }
        if let Some(language) = inner.language {
            headers.insert("x-tc-language", HeaderValue::from_static(language.as_str()));
        }
        let mut authorization = value("SecretId", &authorization)?;
        authorization.set_sensitive(true);
        headers.insert(AUTHORIZATION, authorization);
        Ok(headers)
    }
}
