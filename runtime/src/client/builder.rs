//! [`ClientBuilder`]: credentials, endpoint, region, retries, timeouts and the HTTP client.

use std::sync::Arc;
use std::sync::atomic::AtomicI64;
use std::time::Duration;

use reqwest::header::HeaderValue;

use super::{Client, Inner, Language, REQUEST_CLIENT, USER_AGENT};
use crate::credentials::{Credentials, DefaultChain, ProvideCredentials};
use crate::endpoint::Endpoint;
use crate::error::BuildError;
use crate::rate_limit::RateLimiter;
use crate::retry::RetryPolicy;
use crate::sign::Signer;
use crate::transport::{HttpHook, Proxy, http_builder};

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
    deadline: Option<Duration>,
    request_client: Option<String>,
    waiter_delay: Option<Duration>,
    proxy: Option<Proxy>,
    http_client: Option<reqwest::Client>,
    http_hook: Option<HttpHook>,
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
            deadline: None,
            request_client: None,
            waiter_delay: None,
            proxy: None,
            http_client: None,
            http_hook: None,
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

    /// Sets the connect timeout (default 5 s; not applied to a caller's [`reqwest::Client`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the timeout of one attempt, from sending to the end of the answer (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets a deadline for each whole call: every attempt, backoff and rate-limit wait
    /// (default none: the attempt timeout and the retry policy bound a call).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Appends an application name to `X-TC-RequestClient`.
    pub fn request_client(mut self, name: impl Into<String>) -> Self {
        self.request_client = Some(name.into());
        self
    }

    /// Sends every request through `proxy`, instead of the proxies named by `HTTPS_PROXY`,
    /// `HTTP_PROXY` and `ALL_PROXY`.
    pub fn proxy(mut self, proxy: Proxy) -> Self {
        self.proxy = Some(proxy);
        self
    }

    /// Sends requests with the caller's `reqwest::Client` (its TLS roots, identity, proxy and
    /// pool). The client's own connect timeout, proxy and hook settings do not apply to it;
    /// the attempt timeout still does.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Adjusts the reqwest builder this client starts from (rustls with system roots, the
    /// pool settings of [`crate::transport`]), for example to add a root certificate or a
    /// client identity.
    pub fn configure_http(
        mut self,
        hook: impl Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync + 'static,
    ) -> Self {
        self.http_hook = Some(HttpHook(Arc::new(hook)));
        self
    }

    fn http(&self) -> Result<reqwest::Client, BuildError> {
        if let Some(client) = &self.http_client {
            if self.proxy.is_some() || self.http_hook.is_some() {
                return Err(BuildError::new(
                    "a caller's reqwest::Client is used as given: set its proxy and options \
                     on it, not with proxy() or configure_http()"
                        .into(),
                ));
            }
            return Ok(client.clone());
        }
        let mut builder = http_builder()?
            .user_agent(USER_AGENT)
            .connect_timeout(self.connect_timeout);
        if let Some(proxy) = &self.proxy {
            builder = builder.proxy(proxy.to_reqwest()?);
        }
        if let Some(HttpHook(hook)) = &self.http_hook {
            builder = hook(builder);
        }
        builder
            .build()
            .map_err(|e| BuildError::new(format!("HTTP client: {e}")))
    }

    /// Builds the client and its connection pool.
    pub fn build(self) -> Result<Client, BuildError> {
        let http = self.http()?;
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
                timeout: self.timeout,
                deadline: self.deadline,
                rate_limiter: self.rate_limit.then(RateLimiter::new),
                signer: Signer::new(),
                clock_offset: AtomicI64::new(0),
                request_client,
                waiter_delay: self.waiter_delay,
            }),
            options: None,
        })
    }
}
