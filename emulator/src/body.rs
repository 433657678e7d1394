//! What arrives before validation: the size limits of the real API and a defensive reading of
//! the JSON body, so that no input can crash the emulator or slip through as something else.
//!
//! The limits are Tencent Cloud API 3.0's: a TC3-signed POST body of at most 10 MB and a GET
//! request (its URL) of at most 32 KB, both answered `RequestSizeLimitExceeded` ("The request
//! size exceeds the upper limit.", from the common error codes table of the API 3.0 docs). The
//! body is read strictly: UTF-8 only, nesting at most [`MAX_DEPTH`] deep, integers that fit 64
//! bits, finite numbers and no member given twice. serde_json alone would keep the last of two
//! duplicate members and turn an integer past `u64` into a float without a word.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::error::{ApiError, codes};

/// The largest body of a TC3-signed POST request.
pub const MAX_POST_BODY: usize = 10 * 1024 * 1024;
/// The largest GET request (path and query).
pub const MAX_GET_REQUEST: usize = 32 * 1024;
/// The deepest nesting of arrays and objects read (the emulator's own bound: no action of the
/// catalog nests deeper than a few levels).
pub const MAX_DEPTH: usize = 64;

/// `RequestSizeLimitExceeded` for a request over `limit`.
pub fn too_large(what: &str, limit: &str) -> ApiError {
    ApiError::new(
        codes::REQUEST_SIZE_LIMIT_EXCEEDED,
        format!("The request size exceeds the upper limit: {what} is larger than {limit}."),
    )
}

/// Checks what is known before the body is read: a GET's URL length and a declared
/// `Content-Length`, so that an oversized body is refused without being received.
pub fn check_declared_size(
    method: &hyper::Method,
    uri: &hyper::Uri,
    content_length: Option<&str>,
) -> Result<(), ApiError> {
    if method == hyper::Method::GET {
        let length = uri.path_and_query().map_or(0, |p| p.as_str().len());
        if length > MAX_GET_REQUEST {
            return Err(too_large("the GET request", "32 KB"));
        }
    }
    if let Some(length) = content_length.and_then(|v| v.trim().parse::<u64>().ok())
        && length > MAX_POST_BODY as u64
    {
        return Err(too_large("the body", "10 MB"));
    }
    Ok(())
}

/// Reads a request body: empty (or blank) is an empty object; anything else must be one JSON
/// object read by the strict rules above.
pub fn parse(body: &[u8]) -> Result<Map<String, Value>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    let text = std::str::from_utf8(body).map_err(|e| {
        ApiError::new(
            codes::INVALID_PARAMETER,
            format!(
                "The request body is not UTF-8 (invalid byte at offset {}).",
                e.valid_up_to()
            ),
        )
    })?;
    scan(text)?;
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Strict
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|e| classify(&e))?;
    match value {
        Value::Object(map) => Ok(map),
        _ => Err(ApiError::new(
            codes::INVALID_PARAMETER,
            "The request body must be a JSON object.",
        )),
    }
}

/// One pass over the text before parsing: refuses nesting past [`MAX_DEPTH`] (so the parser
/// never recurses that far) and integers that do not fit 64 bits (serde_json would read them as
/// floats and lose the digits sent).
fn scan(text: &str) -> Result<(), ApiError> {
    let bytes = text.as_bytes();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        index += 1;
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ApiError::new(
                        codes::INVALID_PARAMETER,
                        format!(
                            "The request body nests arrays and objects deeper than {MAX_DEPTH} levels."
                        ),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'-' | b'0'..=b'9' => {
                let start = index - 1;
                while index < bytes.len()
                    && matches!(bytes[index], b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-')
                {
                    index += 1;
                }
                let token = &text[start..index];
                let digits = token.strip_prefix('-').unwrap_or(token);
                let is_integer = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
                if is_integer && token.parse::<i64>().is_err() && token.parse::<u64>().is_err() {
                    return Err(ApiError::new(
                        codes::INVALID_PARAMETER_VALUE,
                        format!(
                            "The request body holds the integer {token}, out of the 64-bit range."
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

const DUPLICATE: &str = "tc-emulator duplicate member ";

fn classify(error: &serde_json::Error) -> ApiError {
    let text = error.to_string();
    if let Some(rest) = text.strip_prefix(DUPLICATE) {
        let key = rest.split(" at line ").next().unwrap_or(rest);
        return ApiError::new(
            codes::INVALID_PARAMETER,
            format!("The request body gives the member `{key}` more than once."),
        );
    }
    if text.starts_with("number out of range") {
        return ApiError::new(
            codes::INVALID_PARAMETER_VALUE,
            format!("The request body holds a number out of range ({text})."),
        );
    }
    ApiError::new(
        codes::INVALID_PARAMETER,
        format!("The request body is not valid JSON: {text}."),
    )
}

/// A `Value` reader that refuses duplicate members and integers that do not fit 64 bits.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Strict)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let value = access.next_value_seed(Strict)?;
            if map.contains_key(&key) {
                return Err(de::Error::custom(format_args!("{DUPLICATE}{key}")));
            }
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(body: &[u8]) -> String {
        parse(body)
            .map(|_| "ok".to_owned())
            .unwrap_or_else(|e| e.code)
    }

    #[test]
    fn a_plain_object_and_a_blank_body_are_read() {
        let map = parse(br#"{"DomainName": "a.example.com", "ProjectId": 0}"#).unwrap();
        assert_eq!(map["DomainName"], "a.example.com");
        assert!(parse(b" \n").unwrap().is_empty());
    }

    #[test]
    fn bad_input_is_answered_with_codes() {
        assert_eq!(code(b"{\"A\": \"\xff\"}"), codes::INVALID_PARAMETER);
        assert_eq!(code(br#"{"A": 1, "A": 2}"#), codes::INVALID_PARAMETER);
        assert_eq!(
            code(br#"{"A": 18446744073709551616}"#),
            codes::INVALID_PARAMETER_VALUE
        );
        assert_eq!(code(br#"{"A": 1e999}"#), codes::INVALID_PARAMETER_VALUE);
        assert_eq!(code(br#"[1]"#), codes::INVALID_PARAMETER);
        assert_eq!(code(br#"{"A": "#), codes::INVALID_PARAMETER);
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(code(deep.as_bytes()), codes::INVALID_PARAMETER);
        let nested = format!("{{\"A\": {}1{}}}", "[".repeat(63), "]".repeat(63));
        assert_eq!(code(nested.as_bytes()), "ok");
    }

    #[test]
    fn the_duplicate_member_is_named() {
        let error = parse(br#"{"Tags": [{"K": 1, "K": 2}]}"#).unwrap_err();
        assert!(error.message.contains("`K`"), "{}", error.message);
    }

    #[test]
    fn brackets_inside_strings_do_not_count_as_nesting() {
        let text = format!("{{\"A\": \"{}\\\"{}\"}}", "[".repeat(100), "{".repeat(100));
        assert_eq!(code(text.as_bytes()), "ok");
    }

    #[test]
    fn sizes_over_the_real_limits_are_refused_before_reading() {
        let post = hyper::Method::POST;
        let root: hyper::Uri = "/".parse().unwrap();
        assert!(check_declared_size(&post, &root, Some("10485760")).is_ok());
        let error = check_declared_size(&post, &root, Some("10485761")).unwrap_err();
        assert_eq!(error.code, codes::REQUEST_SIZE_LIMIT_EXCEEDED);
        let long: hyper::Uri = format!("/?Action=A&X={}", "a".repeat(MAX_GET_REQUEST))
            .parse()
            .unwrap();
        let error = check_declared_size(&hyper::Method::GET, &long, None).unwrap_err();
        assert_eq!(error.code, codes::REQUEST_SIZE_LIMIT_EXCEEDED);
    }
}
