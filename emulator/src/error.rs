//! The errors the emulator answers with, in the shape of the real API.

use std::fmt;

/// An error answered as `{"Response": {"Error": {"Code", "Message"}, "RequestId"}}` with
/// HTTP 200, as Tencent Cloud API 3.0 does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The code, for example `AuthFailure.SignatureFailure`.
    pub code: String,
    /// What went wrong, in words.
    pub message: String,
}

impl ApiError {
    /// An error with `code` and `message`.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            code: code.into(),
            message: message.into(),
        }
    }

    /// `MissingParameter` for the member at `path`.
    pub fn missing(path: &str) -> Self {
        ApiError::new(
            codes::MISSING_PARAMETER,
            format!("The required parameter `{path}` is missing."),
        )
    }

    /// `UnknownParameter` for the member at `path`.
    pub fn unknown(path: &str) -> Self {
        ApiError::new(
            codes::UNKNOWN_PARAMETER,
            format!("The parameter `{path}` is not recognized."),
        )
    }

    /// `InvalidParameter` for the member at `path` (a wrong JSON type).
    pub fn invalid(path: &str, problem: impl fmt::Display) -> Self {
        ApiError::new(
            codes::INVALID_PARAMETER,
            format!("The parameter `{path}` is invalid: {problem}."),
        )
    }

    /// `InvalidParameterValue` for the member at `path` (a limit, value set or rule broken).
    pub fn invalid_value(path: &str, problem: impl fmt::Display) -> Self {
        ApiError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("The value of `{path}` is invalid: {problem}"),
        )
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for ApiError {}

/// The codes the emulator itself answers with.
pub mod codes {
    /// The signature does not match.
    pub const SIGNATURE_FAILURE: &str = "AuthFailure.SignatureFailure";
    /// The timestamp is more than five minutes off.
    pub const SIGNATURE_EXPIRE: &str = "AuthFailure.SignatureExpire";
    /// The SecretId is not known.
    pub const SECRET_ID_NOT_FOUND: &str = "AuthFailure.SecretIdNotFound";
    /// The session token is wrong or missing.
    pub const TOKEN_FAILURE: &str = "AuthFailure.TokenFailure";
    /// The `Authorization` header is missing or malformed.
    pub const INVALID_AUTHORIZATION: &str = "AuthFailure.InvalidAuthorization";
    /// A required parameter is missing.
    pub const MISSING_PARAMETER: &str = "MissingParameter";
    /// A parameter has the wrong type or shape.
    pub const INVALID_PARAMETER: &str = "InvalidParameter";
    /// A parameter's value breaks a limit, a value set or a rule.
    pub const INVALID_PARAMETER_VALUE: &str = "InvalidParameterValue";
    /// A parameter is not part of the action.
    pub const UNKNOWN_PARAMETER: &str = "UnknownParameter";
    /// The action does not exist.
    pub const INVALID_ACTION: &str = "InvalidAction";
    /// The version does not exist for the service.
    pub const NO_SUCH_VERSION: &str = "NoSuchVersion";
    /// The action's rate limit is exceeded.
    pub const REQUEST_LIMIT_EXCEEDED: &str = "RequestLimitExceeded";
    /// An internal error.
    pub const INTERNAL_ERROR: &str = "InternalError";
    /// The request (its body, or a GET's URL) is larger than the API accepts.
    pub const REQUEST_SIZE_LIMIT_EXCEEDED: &str = "RequestSizeLimitExceeded";
    /// The request is not acceptable as a whole (method, body).
    pub const INVALID_REQUEST: &str = "InvalidRequest";
}
