//! Decoding of the `{"Response": {...}}` envelope.
//!
//! An error is recognised by `Response.Error` whatever the HTTP status and whatever the
//! `Content-Type` (with or without parameters such as `charset=utf-8`). Nothing in the body
//! can make decoding panic.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::action::{Action, ErrorCode, ServiceError};
use crate::error::{DecodeError, DecodeErrorKind};

/// The outcome of decoding one answer.
#[derive(Debug)]
pub enum Decoded<T, C> {
    /// The action's output, with the request id found in the answer.
    Output(T, Option<String>),
    /// An error the service reported.
    Service(ServiceError<C>),
    /// An answer that is not a valid envelope of the expected shape.
    Undecodable(DecodeError),
}

/// The first pass over an answer: the envelope and the members every answer shares. The
/// output's own members are skipped here and decoded in a second pass straight from the bytes
/// (two passes in all, where borrowing `Response` as a raw value first would make three).
#[derive(Deserialize)]
struct ProbeEnvelope {
    /// `None` when the member is absent; `Some(None)` when it is sent as `null`.
    #[serde(rename = "Response", default, deserialize_with = "present")]
    response: Option<Option<Probe>>,
}

/// Keeps a member that is present, even as `null` (an `Option` alone would read it as absent).
fn present<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<Probe>>, D::Error> {
    Option::<Probe>::deserialize(deserializer).map(Some)
}

/// The second pass: the action's output.
#[derive(Deserialize)]
struct OutputEnvelope<T> {
    #[serde(rename = "Response")]
    response: T,
}

#[derive(Deserialize)]
struct Probe {
    #[serde(rename = "Error", default)]
    error: Option<ErrorBody>,
    #[serde(rename = "RequestId", default)]
    request_id: Option<String>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code", default)]
    code: Option<String>,
    #[serde(rename = "Message", default)]
    message: Option<String>,
}

const SNIPPET_BYTES: usize = 256;

/// At most 256 bytes of `body`, lossily decoded, cut at a character boundary, when the body is
/// not JSON (an HTML error page from a proxy, plain text); empty for a body that starts as a
/// JSON object or array, since an answer, even a truncated one, may carry a private key.
pub fn snippet(body: &[u8]) -> String {
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'{' | b'[')) {
        return String::new();
    }
    let mut end = body.len().min(SNIPPET_BYTES);
    // Step back over a partial UTF-8 sequence so the cut does not leave a replacement char.
    while end > 0 && end < body.len() && (body[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    String::from_utf8_lossy(&body[..end]).into_owned()
}

/// serde's message for `error` without the values it quotes: `invalid type: string "…",
/// expected u64` becomes `invalid type: string, expected u64`, since the value may be a secret.
/// Member names, kinds and positions are kept.
pub fn describe(error: &serde_json::Error) -> String {
    let text = error.to_string();
    for prefix in ["invalid type: ", "invalid value: ", "unknown variant "] {
        let Some(start) = text.find(prefix) else {
            continue;
        };
        let rest = &text[start + prefix.len()..];
        let Some(end) = rest.rfind(", expected") else {
            continue;
        };
        // The kind is the words before the quoted value: `string`, `floating point`, ...
        let kind = rest[..end].split(['"', '`']).next().unwrap_or("").trim();
        return format!("{}{prefix}{kind}{}", &text[..start], &rest[end..])
            .replace(" , expected", ", expected")
            .replace("  ", " ");
    }
    text
}

/// Decodes an answer with HTTP `status` and `body` into an output, a service error or an
/// undecodable-response error. The output is read strictly: every member it does not read as an
/// `Option` must be sent.
pub fn decode<T: DeserializeOwned, C: ErrorCode>(status: u16, body: &[u8]) -> Decoded<T, C> {
    decode_as(status, body, |body| serde_json::from_slice(body))
}

/// Decodes the answer to action `A` as [`decode`] does, reading its output as the action
/// asks: with [`Action::READS_ABSENT_AS_ZERO`], a member the output does not read as an `Option`
/// that the answer leaves out or sends as `null` is its zero value, with a warning
/// ([`crate::absent`]).
pub fn decode_answer<A: Action>(status: u16, body: &[u8]) -> Decoded<A::Output, A::ErrorCode> {
    decode_as(status, body, |body| {
        let strict = serde_json::from_slice(body);
        if strict.is_err() && A::READS_ABSENT_AS_ZERO {
            // Complete answers, nearly all of them, take serde_json's direct path; reading
            // through a `Value` costs about 15 µs more per call on DescribeCertificate (client
            // CPU bench), so only an answer the strict read refuses is read again leniently.
            return crate::absent::from_slice(body);
        }
        strict
    })
}

/// Decodes with `read` for the output.
fn decode_as<T: DeserializeOwned, C: ErrorCode>(
    status: u16,
    body: &[u8],
    read: impl FnOnce(&[u8]) -> Result<OutputEnvelope<T>, serde_json::Error>,
) -> Decoded<T, C> {
    let undecodable = |kind: DecodeErrorKind, reason: String, request_id: Option<String>| {
        Decoded::Undecodable(DecodeError {
            status,
            kind,
            reason,
            snippet: snippet(body),
            request_id,
        })
    };
    use DecodeErrorKind::Shape;
    let envelope: ProbeEnvelope = match serde_json::from_slice(body) {
        Ok(envelope) => envelope,
        Err(e) => {
            // A syntax error or an early end means the bytes are not JSON at all; valid JSON
            // of another shape (`[]`, a string, `"Response": 5`) is a shape error.
            let kind = match e.classify() {
                serde_json::error::Category::Data => DecodeErrorKind::Shape,
                _ => DecodeErrorKind::Malformed,
            };
            return undecodable(kind, format!("not a JSON envelope: {}", describe(&e)), None);
        }
    };
    let probe = match envelope.response {
        None => return undecodable(Shape, "no Response object".to_owned(), None),
        // Some answers carry `"Response": null`; an output whose members are all optional
        // can still be read from it, as from an empty object.
        Some(None) if (200..300).contains(&status) => {
            // Read strictly whatever the action asks: a null answer is not "a member left out".
            return match serde_json::from_slice::<OutputEnvelope<T>>(br#"{"Response":{}}"#) {
                Ok(envelope) => Decoded::Output(envelope.response, None),
                Err(e) => undecodable(
                    Shape,
                    format!("Response is null, and {}", describe(&e)),
                    None,
                ),
            };
        }
        Some(None) => return undecodable(Shape, "Response is null".to_owned(), None),
        Some(Some(probe)) => probe,
    };
    if let Some(error) = probe.error {
        return match error.code {
            Some(code) => Decoded::Service(ServiceError {
                code: C::from_code(&code),
                message: error.message.unwrap_or_default(),
                request_id: probe.request_id.unwrap_or_default(),
            }),
            None => undecodable(
                Shape,
                "Response.Error has no Code".to_owned(),
                probe.request_id,
            ),
        };
    }
    if !(200..300).contains(&status) {
        return undecodable(
            Shape,
            format!("HTTP status {status} without Response.Error"),
            probe.request_id,
        );
    }
    // A member documented as always sent that the answer leaves out reads as zero, with a
    // warning, instead of failing the call (docs/nullability.md).
    match read(body) {
        Ok(envelope) => Decoded::Output(envelope.response, probe.request_id),
        Err(e) => undecodable(
            Shape,
            format!(
                "Response does not match the action's output: {}",
                describe(&e)
            ),
            probe.request_id,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "PascalCase")]
    struct Out {
        certificate_id: String,
        request_id: String,
    }

    fn dec(status: u16, body: &str) -> Decoded<Out, String> {
        decode(status, body.as_bytes())
    }

    #[test]
    fn success_and_errors() {
        match dec(
            200,
            r#"{"Response":{"CertificateId":"c1","RequestId":"r1"}}"#,
        ) {
            Decoded::Output(o, id) => {
                assert_eq!(id.as_deref(), Some("r1"));
                assert_eq!(o.certificate_id, "c1");
                assert_eq!(o.request_id, "r1");
            }
            other => panic!("{other:?}"),
        }
        match dec(
            400,
            r#"{"Response":{"Error":{"Code":"AuthFailure","Message":"m"},"RequestId":"r2"}}"#,
        ) {
            Decoded::Service(e) => {
                assert_eq!(e.code, "AuthFailure");
                assert_eq!(e.request_id, "r2");
            }
            other => panic!("{other:?}"),
        }
        for (status, body) in [
            (200, r#"{"Response": null}"#),
            (200, r#"{"Response": {"CertificateId": "#),
            (200, "<html>"),
            (200, ""),
            (200, "[]"),
            (200, r#"{"Response": 5}"#),
            (502, r#"{"Response":{"RequestId":"r3"}}"#),
            (200, r#"{"Response":{"RequestId":"r4"}}"#),
        ] {
            assert!(
                matches!(dec(status, body), Decoded::Undecodable(_)),
                "{body}"
            );
        }
    }

    #[test]
    fn a_null_response_decodes_when_every_output_member_is_optional() {
        #[derive(Debug, Deserialize)]
        struct Optional {
            #[serde(rename = "Total", default)]
            total: Option<u64>,
        }
        match decode::<Optional, String>(200, br#"{"Response": null}"#) {
            Decoded::Output(output, request_id) => {
                assert_eq!(output.total, None);
                assert_eq!(request_id, None);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn no_value_of_the_answer_reaches_the_error_text() {
        #[derive(Debug, Deserialize)]
        #[expect(dead_code, reason = "only the decoding's failures are looked at")]
        struct Typed {
            #[serde(rename = "Count")]
            count: u64,
        }
        for body in [
            r#"{"Response":{"Count":"SECRET-KEY","RequestId":"r"}}"#,
            r#"{"Response":{"Count":1.5e300,"Key":"SECRET-KEY"}}"#,
            r#"{"Response":{"Key":"SECRET-KEY","Count":"#,
        ] {
            let Decoded::Undecodable(error) = decode::<Typed, String>(200, body.as_bytes()) else {
                panic!("{body} decoded");
            };
            let text = error.to_string();
            assert!(!text.contains("SECRET"), "{text}");
            assert!(!text.contains("1.5e300"), "{text}");
        }
        let Decoded::Undecodable(error) =
            decode::<Typed, String>(200, br#"{"Response":{"Count":"SECRET-KEY"}}"#)
        else {
            panic!("decoded");
        };
        assert!(
            error.reason.contains("invalid type: string, expected u64"),
            "{}",
            error.reason
        );
        let html = decode::<Typed, String>(502, b"<html>Bad Gateway</html>");
        assert!(matches!(html, Decoded::Undecodable(e) if e.snippet.contains("Bad Gateway")));
    }

    #[test]
    fn snippet_cuts_on_char_boundary() {
        let body = "é".repeat(200);
        let s = snippet(body.as_bytes());
        assert!(s.len() <= SNIPPET_BYTES);
        assert!(!s.contains('\u{FFFD}'));
    }
}
