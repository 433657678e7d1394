//! Every documented example of ssl 2019-12-05 (one test each, written by `build.rs`): the
//! request decodes into the generated request type, passes `validate()` and encodes back to the
//! same JSON; the response decodes into the generated response type and encodes back to the same
//! JSON.

use tencentcloud::ssl::v20191205 as ssl;

mod conformance {
    use serde::Serialize;
    use serde::de::DeserializeOwned;
    use serde_json::Value;
    use tc_runtime::Action;

    pub fn check<A>(request: &str, response: &str)
    where
        A: Action + DeserializeOwned,
        A::Output: Serialize,
    {
        let request: Value = serde_json::from_str(request).expect("the example request is JSON");
        let typed: A = serde_json::from_value(request.clone())
            .unwrap_or_else(|e| panic!("the example request does not decode: {e}\n{request}"));
        if let Err(invalid) = typed.validate() {
            panic!("the example request is invalid: {invalid}\n{request}");
        }
        let encoded = serde_json::to_value(&typed).expect("encodes");
        assert_equivalent(&encoded, &request, "request");

        let response: Value = serde_json::from_str(response).expect("the example response is JSON");
        let inner = response.get("Response").cloned().unwrap_or(Value::Null);
        let typed: A::Output = serde_json::from_value(inner.clone())
            .unwrap_or_else(|e| panic!("the example response does not decode: {e}\n{inner}"));
        let encoded = serde_json::to_value(&typed).expect("encodes");
        assert_equivalent(&encoded, &inner, "response");
    }

    /// Equal JSON, where an absent member equals `null` (unset members are left out) and a
    /// number equals a string holding it (the service sends some numbers as strings).
    fn assert_equivalent(encoded: &Value, original: &Value, what: &str) {
        let mut differences = Vec::new();
        compare(encoded, original, what.to_owned(), &mut differences);
        assert!(
            differences.is_empty(),
            "the {what} does not round-trip:\n{}",
            differences.join("\n")
        );
    }

    fn compare(encoded: &Value, original: &Value, at: String, differences: &mut Vec<String>) {
        match (encoded, original) {
            (Value::Object(a), Value::Object(b)) => {
                for key in a.keys().chain(b.keys()) {
                    let left = a.get(key).unwrap_or(&Value::Null);
                    let right = b.get(key).unwrap_or(&Value::Null);
                    compare(left, right, format!("{at}.{key}"), differences);
                }
            }
            (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
                for (index, (left, right)) in a.iter().zip(b).enumerate() {
                    compare(left, right, format!("{at}[{index}]"), differences);
                }
            }
            (Value::Number(n), Value::String(s)) | (Value::String(s), Value::Number(n))
                if s.trim().parse::<f64>().ok() == n.as_f64() => {}
            (a, b) if a == b => {}
            (a, b) => differences.push(format!(
                "{at}: {a} after the round trip, {b} in the example"
            )),
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/ssl_examples.rs"));
