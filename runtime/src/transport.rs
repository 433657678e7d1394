//! The HTTP stack: reqwest over rustls with the `ring` provider, connection-pool settings,
//! explicit proxies, and the classification of transport errors.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use rustls_platform_verifier::BuilderVerifierExt;

use crate::credentials::Secret;
use crate::error::{BuildError, TransportError, TransportErrorKind};

/// How long an idle pooled connection is kept. Tencent Cloud's API gateway (and the
/// emulator) close idle keep-alive connections after 60 s; closing ours first means a request
/// never goes out on a connection the server is closing at that moment.
pub const POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(50);

/// TCP keep-alive probes on pooled connections, so that a peer gone silently (NAT timeout,
/// dead proxy) is noticed before a request is written to it.
pub const TCP_KEEPALIVE: Duration = Duration::from_secs(30);

/// A reqwest builder whose TLS is rustls with the `ring` crypto provider and the platform's
/// certificate verifier (system roots), with the pool settings above. Proxies come from
/// `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`, as reqwest reads them by default,
/// unless an explicit [`Proxy`] is set.
pub fn http_builder() -> Result<reqwest::ClientBuilder, BuildError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| BuildError::new(format!("TLS: {e}")))?
        .with_platform_verifier()
        .map_err(|e| BuildError::new(format!("TLS: {e}")))?
        .with_no_client_auth();
    Ok(reqwest::Client::builder()
        .tls_backend_preconfigured(tls)
        .pool_idle_timeout(POOL_IDLE_TIMEOUT)
        .tcp_keepalive(TCP_KEEPALIVE)
        .tcp_nodelay(true))
}

/// An explicit proxy for every request, with optional basic authentication. Setting one
/// replaces the proxies named by the environment.
#[derive(Clone)]
pub struct Proxy {
    url: String,
    auth: Option<(String, Secret)>,
    no_proxy: Option<String>,
}

impl Proxy {
    /// A proxy at `url` (`http://host:port`, `https://...` or `socks5://...` when reqwest
    /// supports it).
    pub fn new(url: impl Into<String>) -> Self {
        Proxy {
            url: url.into(),
            auth: None,
            no_proxy: None,
        }
    }

    /// Sends `Proxy-Authorization: Basic ...` with this user and password.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.auth = Some((user.into(), Secret::new(password)));
        self
    }

    /// Hosts reached directly, in `NO_PROXY` syntax (`localhost,.internal,10.0.0.0/8`).
    pub fn no_proxy(mut self, hosts: impl Into<String>) -> Self {
        self.no_proxy = Some(hosts.into());
        self
    }

    /// The reqwest proxy.
    pub(crate) fn to_reqwest(&self) -> Result<reqwest::Proxy, BuildError> {
        let mut proxy = reqwest::Proxy::all(&self.url)
            .map_err(|e| BuildError::new(format!("proxy {:?}: {e}", self.url)))?;
        if let Some((user, password)) = &self.auth {
            proxy = proxy.basic_auth(user, password.expose());
        }
        if let Some(hosts) = &self.no_proxy {
            proxy = proxy.no_proxy(reqwest::NoProxy::from_string(hosts));
        }
        Ok(proxy)
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Proxy")
            .field("url", &self.url)
            .field("user", &self.auth.as_ref().map(|(user, _)| user))
            .field("no_proxy", &self.no_proxy)
            .finish()
    }
}

/// A function that adjusts the reqwest builder before the client is built (private CAs,
/// mTLS identities, pool sizes, local address...).
#[derive(Clone)]
pub(crate) struct HttpHook(pub(crate) Arc<HookFn>);

pub(crate) type HookFn = dyn Fn(reqwest::ClientBuilder) -> reqwest::ClientBuilder + Send + Sync;

impl fmt::Debug for HttpHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HttpHook")
    }
}

/// Classifies a reqwest error: what failed and whether the request may have been sent.
pub fn transport_error(error: reqwest::Error) -> TransportError {
    let (kind, maybe_sent) = if error.is_connect() {
        // Covers connect timeouts too: nothing was written.
        let kind = if error.is_timeout() {
            TransportErrorKind::Timeout
        } else {
            TransportErrorKind::Connect
        };
        (kind, false)
    } else if error.is_timeout() {
        (TransportErrorKind::Timeout, true)
    } else if error.is_request() || error.is_body() || error.is_decode() {
        (TransportErrorKind::Connection, true)
    } else {
        (TransportErrorKind::Other, true)
    };
    TransportError {
        kind,
        maybe_sent,
        source: Box::new(error),
    }
}
