//! The contract between generated code and the runtime.
//!
//! Generated code describes every API action through [`Action`]; the runtime never names an
//! action itself. Keep this module free of I/O so that the generator, the emulator and the
//! client can all depend on it.

use std::fmt;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// One API action of one service version, as described by its spec.
///
/// Implemented by every generated request type (for example `ApplyCertificateRequest`).
pub trait Action: Serialize + Send + Sync {
    /// The service's short name, which is also the first label of its host (`ssl`).
    const SERVICE: &'static str;
    /// The API version the action belongs to (`2019-12-05`).
    const VERSION: &'static str;
    /// The action's name as sent in `X-TC-Action` (`ApplyCertificate`).
    const NAME: &'static str;
    /// Requests per second the service allows for this action, when the spec states a limit.
    const RATE_LIMIT: Option<u32> = None;
    /// Whether sending the same request twice is harmless (reads, checks, downloads).
    ///
    /// The client retries ambiguous failures (timeouts after sending, HTTP 5xx,
    /// `InternalError`, empty or truncated answers) only for actions where this is `true`;
    /// the default is the safe answer for an action nobody has vouched for.
    const RETRY_SAFE: bool = false;

    /// Whether an answer that leaves out (or sends as `null`) a member the output does not read
    /// as an `Option` is read with that member as its zero value and a warning, rather than
    /// failing the call. Generated actions say yes (`docs/nullability.md`); an answer whose
    /// every member matters, such as credentials, keeps the strict default.
    const READS_ABSENT_AS_ZERO: bool = false;

    /// The decoded contents of `Response` on success.
    type Output: DeserializeOwned + Send + 'static;
    /// The action's error codes: its documented business codes, the common codes and a fallback.
    type ErrorCode: ErrorCode;

    /// Checks the request against the constraints of its spec that the request alone decides,
    /// returning every violation with its member's wire name. Generated requests with nothing
    /// to check keep this default.
    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }

    /// Checks everything [`Action::validate`] does, and the spec's rules on the call's common
    /// parameters (a rule may need the region). The client calls it before anything is sent.
    fn validate_with(&self, common: &CommonParams<'_>) -> Result<(), InvalidRequest> {
        let _ = common;
        self.validate()
    }
}

/// The common parameters of one call that a spec's rules may test. They travel as headers
/// (`X-TC-Region`), not in the request body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CommonParams<'a> {
    /// The region the call is sent to, if any.
    pub region: Option<&'a str>,
}

impl<'a> CommonParams<'a> {
    /// The common parameters of a call to `region` (`None`, or an empty name, for no region).
    pub fn with_region(region: Option<&'a str>) -> Self {
        Self {
            region: region.filter(|region| !region.is_empty()),
        }
    }
}

/// A closed set of error codes with a fallback that keeps any code the spec does not know.
pub trait ErrorCode: fmt::Debug + Clone + PartialEq + Send + Sync + 'static {
    /// Maps a code as sent by the service (`FailedOperation.ExceedsFreeLimit`) to its variant,
    /// or to the fallback variant when the code is not documented.
    fn from_code(code: &str) -> Self;
    /// The code exactly as the service sends it.
    fn as_str(&self) -> &str;
}

/// A code string kept as sent, for callers that do not need a typed set of codes.
impl ErrorCode for String {
    fn from_code(code: &str) -> Self {
        code.to_owned()
    }

    fn as_str(&self) -> &str {
        self
    }
}

/// One member of a request that breaks a rule of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The member's path with wire names, for example `DomainName` or `Tags[1].TagKey`.
    pub member: String,
    /// What is wrong, in words a user can act on.
    pub problem: String,
}

impl Violation {
    /// Creates a violation of `member` (a wire name or path) described by `problem`.
    pub fn new(member: impl Into<String>, problem: impl Into<String>) -> Self {
        Self {
            member: member.into(),
            problem: problem.into(),
        }
    }

    /// Adds a violation to `violations`: what generated `validate()` bodies call, one line
    /// per broken rule.
    pub fn add(
        violations: &mut Vec<Violation>,
        member: impl Into<String>,
        problem: impl Into<String>,
    ) {
        violations.push(Self::new(member, problem));
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.member, self.problem)
    }
}

/// Every rule a request breaks, found before it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest {
    /// The action whose request was checked.
    pub action: &'static str,
    /// Every violation found, in the order of the spec's members and constraints.
    pub violations: Vec<Violation>,
}

impl InvalidRequest {
    /// Turns a list of violations into a result: `Ok` when there are none.
    pub fn check(action: &'static str, violations: Vec<Violation>) -> Result<(), InvalidRequest> {
        if violations.is_empty() {
            Ok(())
        } else {
            Err(InvalidRequest { action, violations })
        }
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {} request: ", self.action)?;
        for (index, violation) in self.violations.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for InvalidRequest {}

/// An error answered by the service: its code, message and request id.
///
/// `C` is the action's [`ErrorCode`] set, so callers can `match` on documented codes.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceError<C> {
    /// The error code, typed by the action's spec.
    pub code: C,
    /// The service's message, as sent.
    pub message: String,
    /// The id of the failed request, to quote to Tencent Cloud support.
    pub request_id: String,
}

impl<C: ErrorCode> fmt::Display for ServiceError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (RequestId: {})",
            self.code.as_str(),
            self.message,
            self.request_id
        )
    }
}

impl<C: ErrorCode> std::error::Error for ServiceError<C> {}

/// A value the spec does not document, kept exactly as the service sent it.
///
/// Generated value sets and error codes hold one in their `Unknown` variant. It can only be
/// made by decoding or converting a value, so code that matches on `Unknown(_)` keeps working
/// when a later spec documents the value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unknown<T>(T);

impl<T> Unknown<T> {
    /// Wraps a value that no documented variant matches. Meant for generated code.
    #[doc(hidden)]
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value as sent.
    pub fn value(&self) -> &T {
        &self.0
    }
}

impl Unknown<String> {
    /// The value as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
