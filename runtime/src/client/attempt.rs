//! One attempt: credentials, signature, headers, the request, and the raw answer.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use reqwest::Url;
use reqwest::header::{
    AUTHORIZATION, CONTENT_TYPE, DATE, HOST, HeaderMap, HeaderName, HeaderValue,
    USER_AGENT as USER_AGENT_NAME,
};

use super::{Client, JSON_CONTENT_TYPE, Operation, USER_AGENT};
use crate::action::{InvalidRequest, Violation};
use crate::credentials::Credentials;
use crate::endpoint::{Endpoint, Target};
use crate::error::Error;
use crate::sign::SigningInput;
use crate::transport::transport_error;

// Header names written as constants: parsing them from text on every attempt showed up in
// the client CPU bench.
const X_TC_ACTION: HeaderName = HeaderName::from_static("x-tc-action");
const X_TC_VERSION: HeaderName = HeaderName::from_static("x-tc-version");
const X_TC_TIMESTAMP: HeaderName = HeaderName::from_static("x-tc-timestamp");
const X_TC_REQUEST_CLIENT: HeaderName = HeaderName::from_static("x-tc-requestclient");
const X_TC_REGION: HeaderName = HeaderName::from_static("x-tc-region");
const X_TC_TOKEN: HeaderName = HeaderName::from_static("x-tc-token");
const X_TC_LANGUAGE: HeaderName = HeaderName::from_static("x-tc-language");

/// The parts of every attempt's request that do not change between attempts, parsed once.
pub(super) struct Prepared {
    pub target: Target,
    url: Url,
    host: HeaderValue,
    action: HeaderValue,
    version: HeaderValue,
    region: Option<HeaderValue>,
}

impl Prepared {
    pub fn new(
        operation: &Operation<'_>,
        endpoint: &Endpoint,
        target: Target,
        region: Option<&str>,
    ) -> Result<Prepared, InvalidRequest> {
        let invalid = |member: &str, reason: &str| InvalidRequest {
            action: "(call)",
            violations: vec![Violation::new(member, reason)],
        };
        let value = |member: &str, v: &str| {
            HeaderValue::from_str(v).map_err(|_| invalid(member, "is not a valid header value"))
        };
        Ok(Prepared {
            url: target
                .parsed_url(endpoint)
                .ok_or_else(|| invalid("(endpoint)", "does not make a valid URL"))?,
            host: value("host", &target.host)?,
            action: value("action", operation.action)?,
            version: value("version", operation.version)?,
            region: region.map(|r| value("region", r)).transpose()?,
            target,
        })
    }
}

/// An answer as received, before decoding.
pub(super) struct Answer {
    pub status: u16,
    /// The server's `Date`, in Unix seconds, for clock-skew correction.
    pub server_time: Option<i64>,
    pub body: Bytes,
}

/// A failed attempt and the server's `Date`, if it sent one.
pub(super) struct Failure<C> {
    pub error: Error<C>,
    pub server_time: Option<i64>,
}

impl<C> From<Error<C>> for Failure<C> {
    fn from(error: Error<C>) -> Self {
        Failure {
            error,
            server_time: None,
        }
    }
}

pub(super) fn unix_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_secs() as i64,
        Err(e) => -(e.duration().as_secs() as i64),
    }
}

impl Client {
    /// Waits for the rate limit, signs with current credentials, sends, and reads the answer.
    pub(super) async fn attempt<C>(
        &self,
        operation: &Operation<'_>,
        prepared: &Prepared,
        body: &Bytes,
        timeout: Duration,
    ) -> Result<Answer, Failure<C>> {
        let inner = &*self.inner;
        if let (Some(limiter), Some(rate)) = (&inner.rate_limiter, operation.rate_limit) {
            limiter
                .acquire(operation.service, operation.action, rate)
                .await;
        }
        let credentials = inner
            .credentials
            .credentials()
            .await
            .map_err(Error::NoCredentials)?;
        let timestamp = unix_now()
            + inner
                .clock_offset
                .load(std::sync::atomic::Ordering::Relaxed);
        let authorization = inner.signer.authorization(
            &credentials,
            &SigningInput {
                service: operation.service,
                host: &prepared.target.host,
                content_type: JSON_CONTENT_TYPE,
                payload: body,
                timestamp,
            },
        );
        let headers = self
            .headers(prepared, &credentials, authorization, timestamp)
            .map_err(|reason| {
                Error::InvalidRequest(InvalidRequest {
                    action: "(call)",
                    violations: vec![Violation::new("(headers)", reason)],
                })
            })?;
        let response = inner
            .http
            .post(prepared.url.clone())
            .headers(headers)
            .timeout(timeout)
            .body(body.clone())
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
        let body = response.bytes().await.map_err(|e| Failure {
            error: Error::Transport(transport_error(e)),
            server_time,
        })?;
        Ok(Answer {
            status,
            server_time,
            body,
        })
    }

    fn headers(
        &self,
        prepared: &Prepared,
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
        headers.insert(USER_AGENT_NAME, HeaderValue::from_static(USER_AGENT));
        headers.insert(HOST, prepared.host.clone());
        headers.insert(X_TC_ACTION, prepared.action.clone());
        headers.insert(X_TC_VERSION, prepared.version.clone());
        headers.insert(X_TC_TIMESTAMP, HeaderValue::from(timestamp));
        headers.insert(X_TC_REQUEST_CLIENT, inner.request_client.clone());
        if let Some(region) = &prepared.region {
            headers.insert(X_TC_REGION, region.clone());
        }
        if let Some(token) = credentials.token() {
            let mut token = value("token", token.expose())?;
            token.set_sensitive(true);
            headers.insert(X_TC_TOKEN, token);
        }
        if let Some(language) = inner.language {
            headers.insert(X_TC_LANGUAGE, HeaderValue::from_static(language.as_str()));
        }
        let mut authorization = value("SecretId", &authorization)?;
        authorization.set_sensitive(true);
        headers.insert(AUTHORIZATION, authorization);
        Ok(headers)
    }
}
