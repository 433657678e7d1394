//! The one error type of a call, and its parts.

use std::fmt;

use crate::action::{ErrorCode, InvalidRequest, ServiceError};
use crate::credentials::CredentialsError;

/// Why a call failed. `C` is the action's [`ErrorCode`] set.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<C> {
    /// The request broke rules of its spec (every violation is listed); nothing was sent.
    InvalidRequest(InvalidRequest),
    /// No credentials could be had; nothing was sent.
    NoCredentials(CredentialsError),
    /// The request could not be carried: connect failure, timeout, broken connection.
    Transport(TransportError),
    /// The service answered with an error.
    Service(ServiceError<C>),
    /// The answer could not be understood.
    Decode(DecodeError),
}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, DNS, TLS handshake).
    Connect,
    /// The connect timeout or one attempt's timeout ran out.
    Timeout,
    /// The whole call's deadline (every attempt and backoff) passed.
    Deadline,
    /// The connection broke while sending or receiving (reset, truncated answer).
    Connection,
    /// Anything else reported by the HTTP stack.
    Other,
}

/// A failure to carry a request or its answer.
#[derive(Debug)]
pub struct TransportError {
    /// What failed.
    pub kind: TransportErrorKind,
    /// Whether the request may have reached the service (and so may have taken effect).
    pub maybe_sent: bool,
    /// The underlying error.
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Deadline => "the call's deadline passed",
            TransportErrorKind::Connection => "connection failed",
            TransportErrorKind::Other => "transport error",
        };
        let sent = if self.maybe_sent {
            "the request may have been sent"
        } else {
            "the request was not sent"
        };
        write!(f, "{what} ({sent}): {}", self.source)?;
        let mut cause = self.source.source();
        while let Some(inner) = cause {
            write!(f, ": {inner}")?;
            cause = inner.source();
        }
        Ok(())
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// An answer that is not a well-formed `{"Response": {...}}` of the expected shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// The HTTP status.
    pub status: u16,
    /// Whether the body was not JSON at all or JSON of the wrong shape.
    pub kind: DecodeErrorKind,
    /// What was wrong.
    pub reason: String,
    /// The start of a body that is not JSON (at most 256 bytes, lossily decoded), such as a
    /// proxy's HTML page; empty for JSON bodies, which may carry secrets.
    pub snippet: String,
    /// The request id, when the body had one.
    pub request_id: Option<String>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "undecodable response (HTTP {}): {}",
            self.status, self.reason
        )?;
        if !self.snippet.is_empty() {
            write!(f, "; body starts {:?}", self.snippet)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (RequestId: {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

/// What made an answer undecodable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// The body is not complete JSON: empty, truncated, an HTML page. Something between the
    /// service and the client broke the answer, so the request may or may not have been
    /// processed: ambiguous, like a broken connection.
    Malformed,
    /// The body is JSON but not the expected envelope or output. Asking again would get the
    /// same answer.
    Shape,
}

/// A client that could not be configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError(String);

impl BuildError {
    pub(crate) fn new(message: String) -> Self {
        BuildError(message)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "client configuration: {}", self.0)
    }
}

impl std::error::Error for BuildError {}

/// Whether a code says the caller is being throttled.
pub fn is_throttling_code(code: &str) -> bool {
    code == "RequestLimitExceeded"
        || code.starts_with("RequestLimitExceeded.")
        || code == "LimitExceeded.RateLimitExceeded"
}

/// Whether a code reports a transient server fault (the request may have been processed).
pub fn is_internal_error_code(code: &str) -> bool {
    code == "InternalError" || code.starts_with("InternalError.")
}

impl<C: ErrorCode> Error<C> {
    /// The service's error code, for [`Error::Service`].
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Service(e) => Some(e.code.as_str()),
            _ => None,
        }
    }

    /// The request id of the failed request, when the service sent one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => Some(&e.request_id),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// Whether the service throttled the call (`RequestLimitExceeded`, its sub-codes,
    /// `LimitExceeded.RateLimitExceeded`, or HTTP 429 without a decodable error).
    pub fn is_throttling(&self) -> bool {
        match self {
            Error::Service(e) => is_throttling_code(e.code.as_str()),
            Error::Decode(e) => e.status == 429,
            _ => false,
        }
    }

    /// Whether the request surely did not take effect, so sending it again is always safe:
    /// throttling, or a failure before the request left.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport(e) => !e.maybe_sent,
            _ => self.is_throttling(),
        }
    }

    /// Whether the failure is transient but the request may have taken effect: a timeout or
    /// broken connection after sending, HTTP 5xx, `InternalError`, or a successful status
    /// whose body is empty or cut short. Retrying such failures is safe only for actions that
    /// can be repeated harmlessly.
    pub fn is_ambiguous(&self) -> bool {
        match self {
            Error::Transport(e) => e.maybe_sent && e.kind != TransportErrorKind::Deadline,
            Error::Service(e) => is_internal_error_code(e.code.as_str()),
            Error::Decode(e) => {
                e.status >= 500
                    || (e.kind == DecodeErrorKind::Malformed && (200..300).contains(&e.status))
            }
            _ => false,
        }
    }

    /// Converts the error code set, keeping everything else (for generic callers).
    pub fn map_code<D>(self, map: impl FnOnce(C) -> D) -> Error<D> {
        match self {
            Error::InvalidRequest(e) => Error::InvalidRequest(e),
            Error::NoCredentials(e) => Error::NoCredentials(e),
            Error::Transport(e) => Error::Transport(e),
            Error::Service(e) => Error::Service(ServiceError {
                code: map(e.code),
                message: e.message,
                request_id: e.request_id,
            }),
            Error::Decode(e) => Error::Decode(e),
        }
    }
}

impl<C: ErrorCode> fmt::Display for Error<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(e) => write!(f, "{e}"),
            Error::NoCredentials(e) => write!(f, "no credentials: {e}"),
            Error::Transport(e) => write!(f, "{e}"),
            Error::Service(e) => write!(f, "service error {e}"),
            Error::Decode(e) => write!(f, "{e}"),
        }
    }
}

impl<C: ErrorCode> std::error::Error for Error<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidRequest(e) => Some(e),
            Error::NoCredentials(e) => Some(e),
            Error::Transport(e) => Some(e),
            Error::Service(e) => Some(e),
            Error::Decode(e) => Some(e),
        }
    }
}

impl<C> From<InvalidRequest> for Error<C> {
    fn from(e: InvalidRequest) -> Self {
        Error::InvalidRequest(e)
    }
}

impl<C> From<CredentialsError> for Error<C> {
    fn from(e: CredentialsError) -> Self {
        Error::NoCredentials(e)
    }
}
