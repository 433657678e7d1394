//! TC3-HMAC-SHA256 request signing, free of I/O.
//!
//! Byte-identical with Tencent Cloud's official SDKs for API 3.0 `POST` requests: canonical
//! request `POST`, `/`, an empty query, the headers `content-type` and `host`, signed headers
//! `content-type;host` and the SHA-256 of the exact body bytes; credential scope
//! `<UTC date>/<service>/tc3_request`; key chain `"TC3"+SecretKey → date → service →
//! "tc3_request"`; lower-case hex throughout.
//!
//! The pieces are public so that a verifier (the local emulator) can recompute a signature:
//! [`canonical_request`], [`string_to_sign`], [`signature`] and [`parse_authorization`].

use std::fmt;
use std::sync::Mutex;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::credentials::Credentials;

type HmacSha256 = Hmac<Sha256>;

/// The algorithm named at the start of the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";
/// The headers covered by the signature, as listed in the `Authorization` header.
pub const SIGNED_HEADERS: &str = "content-type;host";
/// The last element of the credential scope.
pub const TERMINATOR: &str = "tc3_request";

/// The UTC calendar date (`YYYY-MM-DD`) of a Unix timestamp, as used in the credential scope.
pub fn utc_date(timestamp: i64) -> String {
    let date = time::OffsetDateTime::from_unix_timestamp(timestamp)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
        .date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The canonical request of an API 3.0 `POST`: `POST\n/\n\ncontent-type:<ct>\nhost:<host>\n\n`
/// followed by the signed headers and the hex SHA-256 of the body.
///
/// `content_type` and `host` are used as sent (the SDKs do not change their case).
pub fn canonical_request(content_type: &str, host: &str, payload: &[u8]) -> String {
    let mut out = String::with_capacity(160 + content_type.len() + host.len());
    out.push_str("POST\n/\n\ncontent-type:");
    out.push_str(content_type);
    out.push_str("\nhost:");
    out.push_str(host);
    out.push_str("\n\n");
    out.push_str(SIGNED_HEADERS);
    out.push('\n');
    out.push_str(&sha256_hex(payload));
    out
}

/// The credential scope `<date>/<service>/tc3_request`.
pub fn credential_scope(date: &str, service: &str) -> String {
    format!("{date}/{service}/{TERMINATOR}")
}

/// The string to sign: algorithm, timestamp, credential scope and the hex SHA-256 of the
/// canonical request, one per line.
pub fn string_to_sign(
    timestamp: i64,
    date: &str,
    service: &str,
    canonical_request: &str,
) -> String {
    format!(
        "{ALGORITHM}\n{timestamp}\n{date}/{service}/{TERMINATOR}\n{}",
        sha256_hex(canonical_request.as_bytes())
    )
}

fn hmac(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The derived signing key: `HMAC(HMAC(HMAC("TC3"+secret_key, date), service), "tc3_request")`.
pub fn signing_key(secret_key: &str, date: &str, service: &str) -> [u8; 32] {
    let mut first = Vec::with_capacity(3 + secret_key.len());
    first.extend_from_slice(b"TC3");
    first.extend_from_slice(secret_key.as_bytes());
    let k_date = hmac(&first, date.as_bytes());
    let k_service = hmac(&k_date, service.as_bytes());
    hmac(&k_service, TERMINATOR.as_bytes())
}

/// The lower-case hex signature of `string_to_sign` with an already derived key.
pub fn signature_with_key(signing_key: &[u8; 32], string_to_sign: &str) -> String {
    hex::encode(hmac(signing_key, string_to_sign.as_bytes()))
}

/// The lower-case hex signature of `string_to_sign`, deriving the key from the secret key.
pub fn signature(secret_key: &str, date: &str, service: &str, string_to_sign: &str) -> String {
    signature_with_key(&signing_key(secret_key, date, service), string_to_sign)
}

/// The `Authorization` header value for a computed signature.
pub fn authorization(secret_id: &str, date: &str, service: &str, signature: &str) -> String {
    format!(
        "{ALGORITHM} Credential={secret_id}/{date}/{service}/{TERMINATOR}, \
         SignedHeaders={SIGNED_HEADERS}, Signature={signature}"
    )
}

/// The parts of an `Authorization` header value, borrowed from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization<'a> {
    /// The algorithm (`TC3-HMAC-SHA256`).
    pub algorithm: &'a str,
    /// The SecretId from the credential.
    pub secret_id: &'a str,
    /// The UTC date of the credential scope (`YYYY-MM-DD`).
    pub date: &'a str,
    /// The service of the credential scope.
    pub service: &'a str,
    /// The scope's terminator (`tc3_request`).
    pub terminator: &'a str,
    /// The signed header names, `;`-separated (`content-type;host`).
    pub signed_headers: &'a str,
    /// The hex signature.
    pub signature: &'a str,
}

/// Why an `Authorization` header value could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorizationParseError(&'static str);

impl fmt::Display for AuthorizationParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "malformed Authorization header: {}", self.0)
    }
}

impl std::error::Error for AuthorizationParseError {}

/// Parses `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request,
/// SignedHeaders=<names>, Signature=<hex>` into its parts.
///
/// The parser checks the shape only; compare the parts with what you expect.
pub fn parse_authorization(value: &str) -> Result<Authorization<'_>, AuthorizationParseError> {
    let value = value.trim();
    let (algorithm, rest) = value
        .split_once(' ')
        .ok_or(AuthorizationParseError("no space after the algorithm"))?;
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',') {
        let (key, val) = part
            .trim()
            .split_once('=')
            .ok_or(AuthorizationParseError("a part is not key=value"))?;
        let slot = match key {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            _ => return Err(AuthorizationParseError("unknown part")),
        };
        if slot.replace(val).is_some() {
            return Err(AuthorizationParseError("a part appears twice"));
        }
    }
    let credential = credential.ok_or(AuthorizationParseError("no Credential"))?;
    let mut scope = credential.splitn(4, '/');
    let (Some(secret_id), Some(date), Some(service), Some(terminator)) =
        (scope.next(), scope.next(), scope.next(), scope.next())
    else {
        return Err(AuthorizationParseError(
            "Credential is not <id>/<date>/<service>/<terminator>",
        ));
    };
    Ok(Authorization {
        algorithm,
        secret_id,
        date,
        service,
        terminator,
        signed_headers: signed_headers.ok_or(AuthorizationParseError("no SignedHeaders"))?,
        signature: signature.ok_or(AuthorizationParseError("no Signature"))?,
    })
}

/// Everything that goes into one signature.
#[derive(Debug, Clone, Copy)]
pub struct SigningInput<'a> {
    /// The service, as in the credential scope (`ssl`).
    pub service: &'a str,
    /// The `Host` header value sent.
    pub host: &'a str,
    /// The `Content-Type` header value sent.
    pub content_type: &'a str,
    /// The exact body bytes sent.
    pub payload: &'a [u8],
    /// The `X-TC-Timestamp` value sent (Unix seconds).
    pub timestamp: i64,
}

/// Signs requests, caching derived keys per (secret key, date, service).
///
/// Derived keys change once a day per service; the cache keeps the most recent few, each as
/// a ready-keyed HMAC state, so a cached signature costs two SHA-256 passes and one HMAC.
#[derive(Default)]
pub struct Signer {
    cache: Mutex<Vec<CachedKey>>,
}

struct CachedKey {
    secret_key: String,
    day: i64,
    date: String,
    service: String,
    mac: HmacSha256,
}

const CACHE_CAPACITY: usize = 16;

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer").finish_non_exhaustive()
    }
}

impl Signer {
    /// Creates a signer with an empty key cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The keyed HMAC and the date string for (secret key, UTC day of `timestamp`, service),
    /// from the cache when present.
    fn keyed(&self, secret_key: &str, timestamp: i64, service: &str) -> (HmacSha256, String) {
        let day = timestamp.div_euclid(86_400);
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(entry) = cache
            .iter()
            .find(|e| e.day == day && e.service == service && e.secret_key == secret_key)
        {
            return (entry.mac.clone(), entry.date.clone());
        }
        let date = utc_date(timestamp);
        let key = signing_key(secret_key, &date, service);
        let mac = HmacSha256::new_from_slice(&key).expect("HMAC accepts keys of any length");
        if cache.len() >= CACHE_CAPACITY {
            cache.remove(0);
        }
        cache.push(CachedKey {
            secret_key: secret_key.to_owned(),
            day,
            date: date.clone(),
            service: service.to_owned(),
            mac: mac.clone(),
        });
        (mac, date)
    }

    /// Returns the `Authorization` header value for `input` signed with `credentials`.
    ///
    /// Equal to composing [`canonical_request`], [`string_to_sign`], [`signature`] and
    /// [`authorization`], without the intermediate strings.
    pub fn authorization(&self, credentials: &Credentials, input: &SigningInput<'_>) -> String {
        let mut hex_buf = [0u8; 64];
        // Canonical request, hashed as it is produced.
        let mut canonical = Sha256::new();
        canonical.update(b"POST\n/\n\ncontent-type:");
        canonical.update(input.content_type.as_bytes());
        canonical.update(b"\nhost:");
        canonical.update(input.host.as_bytes());
        canonical.update(b"\n\ncontent-type;host\n");
        hex::encode_to_slice(Sha256::digest(input.payload), &mut hex_buf).expect("64 hex digits");
        canonical.update(hex_buf);
        hex::encode_to_slice(canonical.finalize(), &mut hex_buf).expect("64 hex digits");

        let (mut mac, date) = self.keyed(
            credentials.secret_key().expose(),
            input.timestamp,
            input.service,
        );
        let mut digits = [0u8; 20];
        mac.update(b"TC3-HMAC-SHA256\n");
        mac.update(format_i64(input.timestamp, &mut digits));
        mac.update(b"\n");
        mac.update(date.as_bytes());
        mac.update(b"/");
        mac.update(input.service.as_bytes());
        mac.update(b"/tc3_request\n");
        mac.update(&hex_buf);
        let mut signature = [0u8; 64];
        hex::encode_to_slice(mac.finalize().into_bytes(), &mut signature).expect("64 hex digits");

        let secret_id = credentials.secret_id();
        let mut out = String::with_capacity(128 + secret_id.len() + input.service.len());
        out.push_str("TC3-HMAC-SHA256 Credential=");
        out.push_str(secret_id);
        out.push('/');
        out.push_str(&date);
        out.push('/');
        out.push_str(input.service);
        out.push_str("/tc3_request, SignedHeaders=content-type;host, Signature=");
        out.push_str(std::str::from_utf8(&signature).expect("hex is ASCII"));
        out
    }
}

/// Writes `value` in decimal into `buffer`, returning the digits.
fn format_i64(value: i64, buffer: &mut [u8; 20]) -> &[u8] {
    let mut n = value.unsigned_abs();
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if value < 0 {
        at -= 1;
        buffer[at] = b'-';
    }
    &buffer[at..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates_around_midnight() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(1551113065), "2019-02-25");
        assert_eq!(utc_date(1704067199), "2023-12-31");
        assert_eq!(utc_date(1704067200), "2024-01-01");
        assert_eq!(utc_date(951782400), "2000-02-29");
    }

    #[test]
    fn parses_authorization() {
        let header = authorization("AKID", "2024-01-01", "ssl", "abcd");
        let parsed = parse_authorization(&header).unwrap();
        assert_eq!(parsed.algorithm, ALGORITHM);
        assert_eq!(parsed.secret_id, "AKID");
        assert_eq!(parsed.date, "2024-01-01");
        assert_eq!(parsed.service, "ssl");
        assert_eq!(parsed.terminator, TERMINATOR);
        assert_eq!(parsed.signed_headers, SIGNED_HEADERS);
        assert_eq!(parsed.signature, "abcd");
        assert!(parse_authorization("TC3-HMAC-SHA256").is_err());
        assert!(parse_authorization("TC3-HMAC-SHA256 Credential=a/b, Signature=x").is_err());
        assert!(parse_authorization("TC3 Foo=1").is_err());
    }

    #[test]
    fn cached_key_equals_fresh_key() {
        let signer = Signer::new();
        let credentials = Credentials::new("AKID", "secret").unwrap();
        let other = Credentials::new("AKID", "other").unwrap();
        for (timestamp, service, credentials) in [
            (1_704_067_199, "ssl", &credentials),
            (1_704_067_200, "ssl", &credentials),
            (1_704_067_200, "cvm", &credentials),
            (1_704_067_200, "ssl", &other),
            (-1, "ssl", &credentials),
        ] {
            let input = SigningInput {
                service,
                host: "h",
                content_type: "application/json",
                payload: b"{}",
                timestamp,
            };
            let date = utc_date(timestamp);
            let to_sign = string_to_sign(
                timestamp,
                &date,
                service,
                &canonical_request("application/json", "h", b"{}"),
            );
            let expected = authorization(
                credentials.secret_id(),
                &date,
                service,
                &signature(credentials.secret_key().expose(), &date, service, &to_sign),
            );
            for _ in 0..2 {
                assert_eq!(signer.authorization(credentials, &input), expected);
            }
        }
        let mut buffer = [0u8; 20];
        assert_eq!(
            format_i64(i64::MIN, &mut buffer),
            i64::MIN.to_string().as_bytes()
        );
        assert_eq!(format_i64(0, &mut buffer), b"0");
    }
}
