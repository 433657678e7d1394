//! What the emulator writes back: the `{"Response": ...}` envelope with a fresh RequestId, as
//! JSON, and the plain HTML error page a gateway answers with.

use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{CONTENT_TYPE, HeaderValue};
use hyper::{Response, StatusCode};
use serde_json::{Map, Value};

use crate::error::ApiError;

/// A JSON answer with `status`.
pub fn json_response(status: StatusCode, body: Vec<u8>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The HTML page a gateway answers `status` with, not JSON.
pub fn html_response(status: StatusCode) -> Response<Full<Bytes>> {
    let text = format!(
        "<html>\r\n<head><title>{0}</title></head>\r\n<body>\r\n<center><h1>{0}</h1></center>\r\n</body>\r\n</html>\r\n",
        status
    );
    let mut response = Response::new(Full::new(Bytes::from(text)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/html"));
    response
}

/// The `{"Response": ...}` envelope of an answer, with a fresh RequestId.
pub fn envelope(result: Result<Map<String, Value>, ApiError>) -> Vec<u8> {
    let request_id = uuid::Uuid::new_v4().to_string();
    let mut response = match result {
        Ok(map) => map,
        Err(error) => {
            let mut map = Map::new();
            let mut inner = Map::new();
            inner.insert("Code".into(), Value::from(error.code));
            inner.insert("Message".into(), Value::from(error.message));
            map.insert("Error".into(), Value::Object(inner));
            map
        }
    };
    response.insert("RequestId".into(), Value::from(request_id));
    let mut outer = Map::new();
    outer.insert("Response".into(), Value::Object(response));
    serde_json::to_vec(&Value::Object(outer)).unwrap_or_default()
}
