//! Error codes: the common codes every action may return, the business codes of one service,
//! and the code of a failed call, which is one of those or a code no spec documents.
//!
//! Generated code lists each service's codes once, in a [`CodeSet`] table; every action of the
//! service answers with a [`Code`] of that set. A code that `spec/common.json` lists always
//! decodes as [`Code::Common`], whichever action answered it.

use std::fmt;

use crate::action::{ErrorCode, Unknown};

/// A closed set of documented error codes, each listed once with what it means.
///
/// Implemented by [`CommonErrorCode`] and by each generated service's code enum.
pub trait CodeSet: Copy + Eq + fmt::Debug + Send + Sync + 'static {
    /// Every code of the set: its variant, the code as the service sends it, its description.
    const CODES: &'static [(Self, &'static str, &'static str)];

    /// The variant of `code`, if the set documents it.
    fn parse(code: &str) -> Option<Self> {
        Self::CODES
            .iter()
            .find(|(_, wire, _)| *wire == code)
            .map(|(variant, _, _)| *variant)
    }

    /// The code as the service sends it (`FailedOperation.AuthError`).
    fn as_str(self) -> &'static str {
        entry(self).1
    }

    /// What the code means, as documented.
    fn description(self) -> &'static str {
        entry(self).2
    }
}

fn entry<S: CodeSet>(code: S) -> (S, &'static str, &'static str) {
    // Every variant has its row: the table and the enum are generated from the same list.
    S::CODES
        .iter()
        .copied()
        .find(|(variant, _, _)| *variant == code)
        .unwrap_or((code, "", ""))
}

/// The error code of a failed call of one service: a common code, one of the service's
/// business codes, or a code that no spec documents.
///
/// `S` is the service's [`CodeSet`] (for example `ssl`'s `ServiceErrorCode`); each action's
/// documentation lists which of its codes the action can answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Code<S> {
    /// A code every action of every service may answer (`spec/common.json`).
    Common(CommonErrorCode),
    /// A business code of the service.
    Service(S),
    /// A code no spec documents, kept as sent: match it with a wildcard arm, since a later
    /// spec may document it.
    Unknown(Unknown<String>),
}

impl<S: CodeSet> Code<S> {
    /// The code as the service sent it.
    pub fn as_str(&self) -> &str {
        match self {
            Code::Common(code) => code.as_str(),
            Code::Service(code) => code.as_str(),
            Code::Unknown(code) => code.as_str(),
        }
    }

    /// What the code means, as documented; `None` for an undocumented code.
    pub fn description(&self) -> Option<&'static str> {
        match self {
            Code::Common(code) => Some(code.description()),
            Code::Service(code) => Some(code.description()),
            Code::Unknown(_) => None,
        }
    }
}

impl<S: CodeSet> ErrorCode for Code<S> {
    fn from_code(code: &str) -> Self {
        if let Some(common) = CommonErrorCode::parse(code) {
            Code::Common(common)
        } else if let Some(service) = S::parse(code) {
            Code::Service(service)
        } else {
            Code::Unknown(Unknown::new(code.to_owned()))
        }
    }

    fn as_str(&self) -> &str {
        Code::as_str(self)
    }
}

/// `error.code == ServiceErrorCode::X`, without spelling out `Code::Service(...)`.
impl<S: CodeSet> PartialEq<S> for Code<S> {
    fn eq(&self, other: &S) -> bool {
        matches!(self, Code::Service(code) if code == other)
    }
}

impl<S: CodeSet> fmt::Display for Code<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

crate::error_codes! {
    /// A common error code of Tencent Cloud API 3.0, which any action may answer.
    ///
    /// The list is `spec/common.json`'s (a test keeps the two equal); it was transcribed from the
    /// "Common Error Codes" table of the API 3.0 documentation.
    pub enum CommonErrorCode {
        /// This API has been deprecated.
        ActionOffline = "ActionOffline",
        /// `Authorization` in the request header is invalid.
        AuthFailureInvalidAuthorization = "AuthFailure.InvalidAuthorization",
        /// Invalid key (not a TencentCloud API key type).
        AuthFailureInvalidSecretId = "AuthFailure.InvalidSecretId",
        /// MFA failed.
        AuthFailureMfaFailure = "AuthFailure.MFAFailure",
        /// Key does not exist. Check if the key has been deleted or disabled in the console, and if not, check if the key is correctly entered. Note that whitespaces should not exist before or after the key.
        AuthFailureSecretIdNotFound = "AuthFailure.SecretIdNotFound",
        /// Signature expired. Timestamp and server time cannot differ by more than five minutes. Please ensure your current local time matches the standard time.
        AuthFailureSignatureExpire = "AuthFailure.SignatureExpire",
        /// Invalid signature. Signature calculation error. Please ensure you've followed the signature calculation process described in the Signature API documentation.
        AuthFailureSignatureFailure = "AuthFailure.SignatureFailure",
        /// Token error.
        AuthFailureTokenFailure = "AuthFailure.TokenFailure",
        /// The request is not authorized. For more information, see the CAM documentation.
        AuthFailureUnauthorizedOperation = "AuthFailure.UnauthorizedOperation",
        /// DryRun Operation. It means that the request would have succeeded, but the DryRun parameter was used.
        DryRunOperation = "DryRunOperation",
        /// Operation failed.
        FailedOperation = "FailedOperation",
        /// Internal error.
        InternalError = "InternalError",
        /// The API does not exist.
        InvalidAction = "InvalidAction",
        /// Incorrect parameter.
        InvalidParameter = "InvalidParameter",
        /// Invalid parameter value.
        InvalidParameterValue = "InvalidParameterValue",
        /// The multipart format of the request body is incorrect.
        InvalidRequest = "InvalidRequest",
        /// Your IP is in uin IP blacklist.
        IpInBlacklist = "IpInBlacklist",
        /// Your IP is not in uin IP whitelist.
        IpNotInWhitelist = "IpNotInWhitelist",
        /// Quota limit exceeded.
        LimitExceeded = "LimitExceeded",
        /// A parameter is missing.
        MissingParameter = "MissingParameter",
        /// The product does not exist.
        NoSuchProduct = "NoSuchProduct",
        /// The API version does not exist.
        NoSuchVersion = "NoSuchVersion",
        /// The number of requests exceeds the frequency limit.
        RequestLimitExceeded = "RequestLimitExceeded",
        /// Uin exceeds the frequency limit.
        RequestLimitExceededGlobalRegionUinLimitExceeded = "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
        /// The number of ip requests exceeds the frequency limit.
        RequestLimitExceededIpLimitExceeded = "RequestLimitExceeded.IPLimitExceeded",
        /// The number of uin requests exceeds the frequency limit.
        RequestLimitExceededUinLimitExceeded = "RequestLimitExceeded.UinLimitExceeded",
        /// The request size exceeds the upper limit.
        RequestSizeLimitExceeded = "RequestSizeLimitExceeded",
        /// Resource is in use.
        ResourceInUse = "ResourceInUse",
        /// Insufficient resource.
        ResourceInsufficient = "ResourceInsufficient",
        /// The resource does not exist.
        ResourceNotFound = "ResourceNotFound",
        /// Resource is unavailable.
        ResourceUnavailable = "ResourceUnavailable",
        /// The response size exceeds the upper limit.
        ResponseSizeLimitExceeded = "ResponseSizeLimitExceeded",
        /// Service is unavailable now.
        ServiceUnavailable = "ServiceUnavailable",
        /// Unauthorized operation.
        UnauthorizedOperation = "UnauthorizedOperation",
        /// Unknown parameter.
        UnknownParameter = "UnknownParameter",
        /// Unsupported operation.
        UnsupportedOperation = "UnsupportedOperation",
        /// HTTP(S) request protocol error; only GET and POST requests are supported.
        UnsupportedProtocol = "UnsupportedProtocol",
        /// API does not support the requested region.
        UnsupportedRegion = "UnsupportedRegion",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Shop {
        SoldOut,
        Closed,
    }

    impl CodeSet for Shop {
        const CODES: &'static [(Self, &'static str, &'static str)] = &[
            (Shop::SoldOut, "FailedOperation.SoldOut", "Nothing left."),
            (
                Shop::Closed,
                "ResourceUnavailable.Closed",
                "The shop is closed.",
            ),
        ];
    }

    #[test]
    fn a_code_decodes_as_common_then_service_then_unknown() {
        assert_eq!(
            Code::<Shop>::from_code("FailedOperation"),
            Code::Common(CommonErrorCode::FailedOperation)
        );
        assert_eq!(
            Code::<Shop>::from_code("FailedOperation.SoldOut"),
            Shop::SoldOut
        );
        let unknown = Code::<Shop>::from_code("FailedOperation.New");
        assert!(matches!(&unknown, Code::Unknown(code) if code.as_str() == "FailedOperation.New"));
        assert_eq!(unknown.description(), None);
        assert_eq!(unknown.to_string(), "FailedOperation.New");
        let closed = Code::<Shop>::from_code("ResourceUnavailable.Closed");
        assert_eq!(closed.as_str(), "ResourceUnavailable.Closed");
        assert_eq!(closed.description(), Some("The shop is closed."));
        assert_ne!(closed, Shop::SoldOut);
    }

    #[test]
    fn the_common_codes_are_those_of_spec_common_json() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/common.json");
        let text = std::fs::read_to_string(path).expect("spec/common.json is readable");
        let spec: serde_json::Value =
            serde_json::from_str(&text).expect("spec/common.json is JSON");
        let errors = spec["errors"]
            .as_object()
            .expect("common.json has an `errors` object");
        // Compared as sorted lists: serde_json may or may not keep the file's order.
        let mut listed: Vec<(&str, &str)> = errors
            .iter()
            .map(|(code, text)| (code.as_str(), text.as_str().unwrap_or_default()))
            .collect();
        let mut ours: Vec<(&str, &str)> = CommonErrorCode::CODES
            .iter()
            .map(|(_, code, text)| (*code, *text))
            .collect();
        listed.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, listed);
        for (variant, code, _) in CommonErrorCode::CODES {
            assert_eq!(CommonErrorCode::parse(code), Some(*variant));
            assert_eq!(variant.as_str(), *code);
        }
    }
}
