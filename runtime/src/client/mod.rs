//! The client: signs, sends, decodes, retries and rate-limits calls to any [`Action`], and to
//! actions named at run time ([`crate::dynamic`]).

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::HeaderValue;
use tracing::Instrument;
use tracing::field::Empty;

use crate::action::{Action, CommonParams, ErrorCode, InvalidRequest, Violation};
use crate::credentials::{DefaultChain, ProvideCredentials};
use crate::endpoint::Endpoint;
use crate::error::{BuildError, Error};
use crate::rate_limit::RateLimiter;
use crate::response::{Decoded, decode_answer};
use crate::retry::RetryPolicy;
use crate::sign::Signer;

mod attempt;
mod builder;
mod options;
mod run;

pub use builder::ClientBuilder;
pub use options::CallOptions;

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
    /// Overrides applied to every call of this handle ([`Client::with_options`]).
    options: Option<Arc<CallOptions>>,
}

struct Inner {
    http: reqwest::Client,
    credentials: Arc<dyn ProvideCredentials>,
    endpoint: Endpoint,
    region: Option<String>,
    language: Option<Language>,
    retry: RetryPolicy,
    timeout: Duration,
    deadline: Option<Duration>,
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
            .field("timeout", &inner.timeout)
            .field("deadline", &inner.deadline)
            .field("rate_limit", &inner.rate_limiter.is_some())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// What the runtime needs to know about one action, typed or named at run time.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Operation<'a> {
    pub service: &'a str,
    pub version: &'a str,
    pub action: &'a str,
    pub rate_limit: Option<u32>,
    pub retry_safe: bool,
}

impl Client {
    /// A builder with defaults: default credentials chain, global endpoint, no region.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client using the default credentials chain ([`DefaultChain`]) and the region from
    /// `TENCENTCLOUD_REGION`, if set.
    pub fn from_env() -> Result<Client, BuildError> {
        let mut builder = Client::builder().credentials_provider(Arc::new(DefaultChain::new()));
        if let Some(region) = crate::credentials::region_from_env() {
            builder = builder.region(region);
        }
        builder.build()
    }

    /// A handle on the same client (pool, buckets, credentials) whose every call uses
    /// `options`, so that generated service clients get per-call settings without
    /// `call_with`: `SslClient::new(client.with_options(CallOptions::new().deadline(d)))`.
    /// Options given to `call_with` still override these.
    pub fn with_options(&self, options: CallOptions) -> Client {
        let options = match &self.options {
            Some(current) => options.over(current),
            None => options,
        };
        Client {
            inner: self.inner.clone(),
            options: Some(Arc::new(options)),
        }
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
        // The region the call will go to, as `execute` resolves it: rules may need it.
        let defaults = self
            .options
            .as_ref()
            .and_then(|defaults| defaults.region.as_deref());
        let region = options
            .region
            .as_deref()
            .or(defaults)
            .or(self.inner.region.as_deref());
        request.validate_with(&CommonParams::with_region(region))?;
        let body = serde_json::to_vec(request).map_err(|e| InvalidRequest {
            action: A::NAME,
            violations: vec![Violation::new(
                "(request)",
                format!("cannot be encoded: {e}"),
            )],
        })?;
        let operation = Operation {
            service: A::SERVICE,
            version: A::VERSION,
            action: A::NAME,
            rate_limit: A::RATE_LIMIT,
            retry_safe: A::RETRY_SAFE,
        };
        self.execute(&operation, Bytes::from(body), options, decode_answer::<A>)
            .await
    }

    /// Sends `body` as `operation` with every setting resolved, inside the call's span.
    pub(crate) async fn execute<T, C: ErrorCode>(
        &self,
        operation: &Operation<'_>,
        body: Bytes,
        options: &CallOptions,
        decode: fn(u16, &[u8]) -> Decoded<T, C>,
    ) -> Result<T, Error<C>> {
        let merged;
        let options = match &self.options {
            Some(defaults) => {
                merged = options.over(defaults);
                &merged
            }
            None => options,
        };
        let region = options.region.as_deref().or(self.inner.region.as_deref());
        let span = tracing::info_span!(
            "tc_call",
            service = operation.service,
            action = operation.action,
            region = region.unwrap_or(""),
            attempt = Empty,
            status = Empty,
            latency_ms = Empty,
            request_id = Empty,
            error_code = Empty,
        );
        self.run(operation, body, options, region, decode)
            .instrument(span)
            .await
    }
}
