//! `Authorization` header values through the runtime's parser and the emulator's verifier.

use hyper::HeaderMap;
use hyper::header::HeaderValue;
use tc_emulator::auth::{SignedRequest, Verifier};
use tc_emulator::{Credential, DEMO_SECRET_ID, DEMO_SECRET_KEY};
use tc_runtime::sign;

/// The timestamp the verifier is told is now (2026-12-03, the date in the seeds).
const NOW: i64 = 1_796_256_000;

/// A header value parsed, then verified against a fixed request signed with the demo key.
pub struct Authorization {
    verifier: Verifier,
}

impl Authorization {
    /// A verifier that knows the demo credentials.
    pub fn new() -> Self {
        Authorization {
            verifier: Verifier::new([Credential::new(DEMO_SECRET_ID, DEMO_SECRET_KEY)]),
        }
    }
}

impl Default for Authorization {
    fn default() -> Self {
        Self::new()
    }
}

impl super::Target for Authorization {
    fn name(&self) -> &'static str {
        "authorization"
    }

    fn deepest(&self) -> u8 {
        2
    }

    fn run(&self, input: &[u8]) -> u8 {
        let text = String::from_utf8_lossy(input);
        let parsed = sign::parse_authorization(&text).is_ok();
        let Ok(value) = HeaderValue::from_bytes(input) else {
            return u8::from(parsed);
        };
        let mut headers = HeaderMap::new();
        headers.insert("authorization", value);
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        headers.insert("host", HeaderValue::from_static("ssl.tencentcloudapi.com"));
        headers.insert(
            "x-tc-action",
            HeaderValue::from_static("DescribeCertificate"),
        );
        let request = SignedRequest {
            method: "POST",
            path: "/",
            query: "",
            headers: &headers,
            body: b"{}",
            timestamp: NOW,
        };
        let verified = self.verifier.verify(&request, NOW).is_ok();
        u8::from(parsed) + u8::from(verified)
    }
}
