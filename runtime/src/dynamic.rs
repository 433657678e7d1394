//! Calls to any service, version and action named at run time, with a JSON body: for actions
//! missing from the specs, or tools that take the action from their input.
//!
//! A dynamic call is signed, rate-limited, retried and traced like a generated one. Since
//! nothing says whether the action can be repeated harmlessly, ambiguous failures are not
//! retried unless [`DynamicRequest::retry_safe`] says so.

use bytes::Bytes;
use serde_json::Value;

use crate::action::{InvalidRequest, Violation};
use crate::client::{CallOptions, Client, Operation};
use crate::error::Error;
use crate::response::decode;

/// One action named at run time, with its JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct DynamicRequest {
    service: String,
    version: String,
    action: String,
    body: Value,
    retry_safe: bool,
    rate_limit: Option<u32>,
}

impl DynamicRequest {
    /// `action` of `service` `version` (`"cvm"`, `"2017-03-12"`, `"DescribeInstances"`), with
    /// `body` (a JSON object) as its parameters.
    pub fn new(
        service: impl Into<String>,
        version: impl Into<String>,
        action: impl Into<String>,
        body: Value,
    ) -> Self {
        DynamicRequest {
            service: service.into(),
            version: version.into(),
            action: action.into(),
            body,
            retry_safe: false,
            rate_limit: None,
        }
    }

    /// Declares that sending the request twice is harmless (a read), so that ambiguous
    /// failures (5xx, `InternalError`, a broken or empty answer) are retried.
    pub fn retry_safe(mut self, yes: bool) -> Self {
        self.retry_safe = yes;
        self
    }

    /// Keeps to `per_second` requests per second for this action, shared with every other
    /// call of the client to the same action.
    pub fn rate_limit(mut self, per_second: u32) -> Self {
        self.rate_limit = Some(per_second);
        self
    }

    fn check(&self) -> Result<(), InvalidRequest> {
        let mut violations = Vec::new();
        for (member, value) in [
            ("service", &self.service),
            ("version", &self.version),
            ("action", &self.action),
        ] {
            if value.is_empty() {
                violations.push(Violation::new(member, "must not be empty"));
            } else if !value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            {
                violations.push(Violation::new(
                    member,
                    format!("{value:?} may hold only ASCII letters, digits, '-' and '_'"),
                ));
            }
        }
        if !self.body.is_object() {
            violations.push(Violation::new("(body)", "must be a JSON object"));
        }
        InvalidRequest::check("(dynamic call)", violations)
    }
}

impl Client {
    /// Calls an action named at run time; returns the contents of `Response` (with its
    /// `RequestId`). Service errors keep their code as a `String`.
    pub async fn call_dynamic(&self, request: &DynamicRequest) -> Result<Value, Error<String>> {
        self.call_dynamic_with(request, &CallOptions::default())
            .await
    }

    /// [`Client::call_dynamic`] with per-call overrides.
    pub async fn call_dynamic_with(
        &self,
        request: &DynamicRequest,
        options: &CallOptions,
    ) -> Result<Value, Error<String>> {
        request.check()?;
        let body = serde_json::to_vec(&request.body).map_err(|e| InvalidRequest {
            action: "(dynamic call)",
            violations: vec![Violation::new("(body)", format!("cannot be encoded: {e}"))],
        })?;
        let operation = Operation {
            service: &request.service,
            version: &request.version,
            action: &request.action,
            rate_limit: request.rate_limit,
            retry_safe: request.retry_safe,
        };
        self.execute(
            &operation,
            Bytes::from(body),
            options,
            decode::<Value, String>,
        )
        .await
    }
}
