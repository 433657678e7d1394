//! TC3-HMAC-SHA256 signature verification against the emulator's configured credentials.
//!
//! The signature is recomputed with `tc_runtime::sign` from the headers as sent: the
//! `SignedHeaders` named in the `Authorization` header (the SDKs sign `content-type;host`; some
//! sign `x-tc-action` too), the exact body bytes and the credential scope's date and service.

use std::collections::HashMap;
use std::sync::Mutex;

use hyper::HeaderMap;
use tc_runtime::sign;

use crate::error::{ApiError, codes};

/// How far a request's `X-TC-Timestamp` may be from the emulator's time, in seconds.
pub const MAX_SKEW_SECONDS: i64 = 300;

/// One key pair the emulator accepts, with the session token it requires, if any.
#[derive(Clone, PartialEq, Eq)]
pub struct Credential {
    /// The SecretId.
    pub secret_id: String,
    /// The SecretKey.
    pub secret_key: String,
    /// The session token (`X-TC-Token`) that temporary credentials must send.
    pub token: Option<String>,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("secret_id", &self.secret_id)
            .field("secret_key", &"***")
            .field("token", &self.token.as_ref().map(|_| "***"))
            .finish()
    }
}

impl Credential {
    /// A permanent key pair.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credential {
            secret_id: secret_id.into(),
            secret_key: secret_key.into(),
            token: None,
        }
    }

    /// A temporary key pair that must come with `token`.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }
}

#[derive(Debug)]
struct CachedKey {
    secret_id: String,
    date: String,
    service: String,
    key: [u8; 32],
}

/// The emulator's demo SecretId, accepted by default.
pub const DEMO_SECRET_ID: &str = "AKIDEMULATOR00000000000000000000000";
/// The emulator's demo SecretKey, accepted by default.
pub const DEMO_SECRET_KEY: &str = "emulator-demo-secret-key-000000000";

/// The accepted credentials, by SecretId, with a cache of derived signing keys.
#[derive(Debug, Default)]
pub struct Verifier {
    credentials: HashMap<String, Credential>,
    keys: Mutex<Vec<CachedKey>>,
}

/// What a signature covers: the request as received.
#[derive(Debug, Clone, Copy)]
pub struct SignedRequest<'a> {
    /// The HTTP method (`POST`).
    pub method: &'a str,
    /// The URL path (`/`).
    pub path: &'a str,
    /// The URL query, without `?` (empty for POST).
    pub query: &'a str,
    /// The headers as sent.
    pub headers: &'a HeaderMap,
    /// The exact body bytes.
    pub body: &'a [u8],
    /// The `X-TC-Timestamp` value.
    pub timestamp: i64,
}

/// What a verified request claimed in its credential scope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The service of the credential scope (`ssl`).
    pub service: String,
    /// The SecretId that signed the request.
    pub secret_id: String,
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

impl Verifier {
    /// Accepts exactly `credentials`.
    pub fn new(credentials: impl IntoIterator<Item = Credential>) -> Self {
        Verifier {
            credentials: credentials
                .into_iter()
                .map(|c| (c.secret_id.clone(), c))
                .collect(),
            keys: Mutex::new(Vec::new()),
        }
    }

    /// The derived signing key of `credential` for (date, service), cached: keys change once
    /// a day per service.
    fn key(&self, credential: &Credential, date: &str, service: &str) -> [u8; 32] {
        let mut keys = self.keys.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = keys
            .iter()
            .find(|k| k.date == date && k.service == service && k.secret_id == credential.secret_id)
        {
            return entry.key;
        }
        if keys.len() >= 64 {
            keys.remove(0);
        }
        let key = sign::signing_key(&credential.secret_key, date, service);
        keys.push(CachedKey {
            secret_id: credential.secret_id.clone(),
            date: date.to_owned(),
            service: service.to_owned(),
            key,
        });
        key
    }

    /// Checks the request's signature, time and token. `now` is the emulator's Unix time.
    ///
    /// The checks run in the real API's order: a malformed `Authorization`, then the
    /// timestamp (`SignatureExpire`), the SecretId (`SecretIdNotFound`), the signature
    /// (`SignatureFailure`) and the session token (`TokenFailure`).
    pub fn verify(&self, request: &SignedRequest<'_>, now: i64) -> Result<Verified, ApiError> {
        let SignedRequest {
            method,
            path,
            query,
            headers,
            body,
            timestamp,
        } = *request;
        let Some(value) = header(headers, "authorization") else {
            return Err(ApiError::new(
                codes::INVALID_AUTHORIZATION,
                "The `Authorization` header is missing.",
            ));
        };
        let auth = sign::parse_authorization(value)
            .map_err(|e| ApiError::new(codes::INVALID_AUTHORIZATION, e.to_string()))?;
        if auth.algorithm != sign::ALGORITHM || auth.terminator != sign::TERMINATOR {
            return Err(ApiError::new(
                codes::INVALID_AUTHORIZATION,
                format!(
                    "The `Authorization` header must use {} with the scope terminator {}.",
                    sign::ALGORITHM,
                    sign::TERMINATOR
                ),
            ));
        }
        if (timestamp - now).abs() > MAX_SKEW_SECONDS {
            return Err(ApiError::new(
                codes::SIGNATURE_EXPIRE,
                format!(
                    "Signature expired: the timestamp {timestamp} is more than five minutes from the server time {now}."
                ),
            ));
        }
        let Some(credential) = self.credentials.get(auth.secret_id) else {
            return Err(ApiError::new(
                codes::SECRET_ID_NOT_FOUND,
                "The SecretId is not found; check that the key exists and is entered without surrounding whitespace.",
            ));
        };
        let failure = || {
            ApiError::new(
                codes::SIGNATURE_FAILURE,
                "The provided credentials could not be validated: the signature does not match. Check the SecretKey and the signing process.",
            )
        };
        if auth.date != sign::utc_date(timestamp) {
            return Err(failure());
        }
        let canonical = canonical_request(method, path, query, headers, auth.signed_headers, body)
            .ok_or_else(failure)?;
        let to_sign = sign::string_to_sign(timestamp, auth.date, auth.service, &canonical);
        let key = self.key(credential, auth.date, auth.service);
        let expected = sign::signature_with_key(&key, &to_sign);
        if !constant_time_eq(expected.as_bytes(), auth.signature.as_bytes()) {
            return Err(failure());
        }
        let token = header(headers, "x-tc-token").filter(|t| !t.is_empty());
        match (&credential.token, token) {
            (None, None) => {}
            (Some(expected), Some(sent))
                if constant_time_eq(expected.as_bytes(), sent.as_bytes()) => {}
            (None, Some(_)) => {
                return Err(ApiError::new(
                    codes::TOKEN_FAILURE,
                    "A session token was sent with a permanent key.",
                ));
            }
            _ => {
                return Err(ApiError::new(
                    codes::TOKEN_FAILURE,
                    "The session token is missing or does not belong to the SecretId.",
                ));
            }
        }
        Ok(Verified {
            service: auth.service.to_owned(),
            secret_id: auth.secret_id.to_owned(),
        })
    }
}

/// The canonical request of what was sent, for the headers the signer named; `None` when a
/// named header is missing or `host`/`content-type` are not among them.
fn canonical_request(
    method: &str,
    path: &str,
    query: &str,
    headers: &HeaderMap,
    signed_headers: &str,
    body: &[u8],
) -> Option<String> {
    let content_type = header(headers, "content-type")?;
    let host = header(headers, "host")?;
    if method == "POST" && path == "/" && query.is_empty() && signed_headers == sign::SIGNED_HEADERS
    {
        return Some(sign::canonical_request(content_type, host, body));
    }
    let names: Vec<&str> = signed_headers.split(';').collect();
    if !names.contains(&"content-type") || !names.contains(&"host") {
        return None;
    }
    let mut out = format!("{method}\n{path}\n{query}\n");
    for name in &names {
        let value = header(headers, name)?.trim();
        out.push_str(name);
        out.push(':');
        if matches!(*name, "content-type" | "host") {
            out.push_str(value);
        } else {
            out.push_str(&value.to_ascii_lowercase());
        }
        out.push('\n');
    }
    out.push('\n');
    out.push_str(signed_headers);
    out.push('\n');
    out.push_str(&sign::sha256_hex(body));
    Some(out)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
