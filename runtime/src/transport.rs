//! The HTTP stack: reqwest over rustls with the `ring` provider, and the classification of
//! its errors.

use std::sync::Arc;

use rustls_platform_verifier::BuilderVerifierExt;

use crate::error::{BuildError, TransportError, TransportErrorKind};

/// A reqwest builder whose TLS is rustls with the `ring` crypto provider and the platform's
/// certificate verifier (system roots). Proxies come from `HTTPS_PROXY`, `HTTP_PROXY`,
/// `ALL_PROXY` and `NO_PROXY`, as reqwest reads them by default.
pub fn http_builder() -> Result<reqwest::ClientBuilder, BuildError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| BuildError::new(format!("TLS: {e}")))?
        .with_platform_verifier()
        .map_err(|e| BuildError::new(format!("TLS: {e}")))?
        .with_no_client_auth();
    Ok(reqwest::Client::builder().tls_backend_preconfigured(tls))
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
