//! The test kit: canned answers per action (and per body matcher), and a journal of what was
//! sent, with the spec's `sensitive` members redacted, for tests of code that uses the
//! generated clients.
//!
//! A canned answer is given only to a request that passed the emulator's checks (signature,
//! action, body against the spec), so a test still fails when its code sends a bad request.

use std::fmt;
use std::sync::{Arc, Mutex};

use serde_json::{Map, Value};
use tc_codegen::ir::{Field, Service, TypeKind, TypeRef};

use crate::error::ApiError;
use crate::server::RunningEmulator;

/// What replaces a sensitive member's value in the journal.
pub const REDACTED: &str = "<redacted>";

/// Decides whether a canned answer applies to a request body.
type Matcher = Arc<dyn Fn(&Map<String, Value>) -> bool + Send + Sync>;

/// A canned answer for one action: members of `Response`, or an error.
#[derive(Clone)]
pub struct Stub {
    action: String,
    matcher: Option<Matcher>,
    answer: Result<Map<String, Value>, ApiError>,
    remaining: Option<usize>,
}

impl fmt::Debug for Stub {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stub")
            .field("action", &self.action)
            .field("matcher", &self.matcher.is_some())
            .field("answer", &self.answer)
            .field("remaining", &self.remaining)
            .finish()
    }
}

impl Stub {
    /// Answers `action` with `response`, the members of `Response` (a JSON object; the
    /// emulator adds the `RequestId`). Anything but an object answers an empty `Response`.
    pub fn answer(action: impl Into<String>, response: Value) -> Stub {
        let members = match response {
            Value::Object(members) => members,
            _ => Map::new(),
        };
        Stub {
            action: action.into(),
            matcher: None,
            answer: Ok(members),
            remaining: None,
        }
    }

    /// Answers `action` with the error `code` and `message`.
    pub fn error(
        action: impl Into<String>,
        code: impl Into<String>,
        message: impl Into<String>,
    ) -> Stub {
        Stub {
            action: action.into(),
            matcher: None,
            answer: Err(ApiError::new(code, message)),
            remaining: None,
        }
    }

    /// Applies only to bodies for which `matcher` holds.
    pub fn when(
        mut self,
        matcher: impl Fn(&Map<String, Value>) -> bool + Send + Sync + 'static,
    ) -> Stub {
        self.matcher = Some(Arc::new(matcher));
        self
    }

    /// Applies only to bodies that hold every member of `subset` with an equal value
    /// (objects compared member by member, recursively).
    pub fn when_body_includes(self, subset: Value) -> Stub {
        self.when(move |body| includes(&Value::Object(body.clone()), &subset))
    }

    /// Applies to the next `count` matching requests only, then is removed.
    pub fn times(mut self, count: usize) -> Stub {
        self.remaining = Some(count);
        self
    }

    fn applies(&self, action: &str, body: &Map<String, Value>) -> bool {
        self.action == action
            && self.remaining != Some(0)
            && self.matcher.as_ref().is_none_or(|matcher| matcher(body))
    }
}

/// Whether `value` holds everything `subset` holds.
fn includes(value: &Value, subset: &Value) -> bool {
    match (value, subset) {
        (Value::Object(have), Value::Object(want)) => want
            .iter()
            .all(|(key, want)| have.get(key).is_some_and(|have| includes(have, want))),
        _ => value == subset,
    }
}

/// One request that reached an action, as the journal keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct SentRequest {
    /// The service (`ssl`).
    pub service: String,
    /// The API version.
    pub version: String,
    /// The action.
    pub action: String,
    /// The body, with every member the spec marks `sensitive` replaced by [`REDACTED`].
    pub body: Value,
}

/// Canned answers and the journal of bodies, shared by the server and the test.
#[derive(Debug, Default)]
pub(crate) struct TestKit {
    stubs: Mutex<Vec<Stub>>,
    sent: Mutex<Vec<SentRequest>>,
}

/// The most requests the body journal keeps (the oldest are dropped first).
pub const SENT_CAPACITY: usize = 10_000;

impl TestKit {
    /// Journals a request that named an existing action (its body redacted).
    pub fn record(
        &self,
        model: &Service,
        action: &tc_codegen::ir::Action,
        version: &str,
        body: &Map<String, Value>,
    ) {
        let mut redacted = body.clone();
        redact_members(model, &action.input, &mut redacted);
        let mut sent = self.sent.lock().unwrap_or_else(|e| e.into_inner());
        if sent.len() >= SENT_CAPACITY {
            sent.drain(..SENT_CAPACITY / 2);
        }
        sent.push(SentRequest {
            service: model.service.clone(),
            version: version.to_owned(),
            action: action.wire_name.clone(),
            body: Value::Object(redacted),
        });
    }

    /// The canned answer for this request, if a stub applies (the last added wins).
    pub fn answer(
        &self,
        action: &str,
        body: &Map<String, Value>,
    ) -> Option<Result<Map<String, Value>, ApiError>> {
        let mut stubs = self.stubs.lock().unwrap_or_else(|e| e.into_inner());
        let stub = stubs.iter_mut().rev().find(|s| s.applies(action, body))?;
        if let Some(remaining) = &mut stub.remaining {
            *remaining -= 1;
        }
        Some(stub.answer.clone())
    }
}

fn redact_members(service: &Service, fields: &[Field], object: &mut Map<String, Value>) {
    for field in fields {
        let Some(value) = object.get_mut(&field.wire_name) else {
            continue;
        };
        if field.sensitive {
            *value = Value::from(REDACTED);
        } else {
            redact_value(service, &field.ty, value);
        }
    }
}

fn redact_value(service: &Service, ty: &TypeRef, value: &mut Value) {
    match (ty, value) {
        (TypeRef::List(inner), Value::Array(items)) => {
            for item in items {
                redact_value(service, inner, item);
            }
        }
        (TypeRef::Object(index), Value::Object(members)) => {
            if let Some(TypeKind::Object { fields, .. }) =
                service.types.get(*index).map(|t| &t.kind)
            {
                redact_members(service, fields, members);
            }
        }
        _ => {}
    }
}

impl RunningEmulator {
    /// Adds a canned answer; the last added that applies wins.
    pub fn stub(&self, stub: Stub) {
        self.kit()
            .stubs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(stub);
    }

    /// Removes every canned answer.
    pub fn clear_stubs(&self) {
        self.kit()
            .stubs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Every request that named an existing action, oldest first, with sensitive members
    /// redacted.
    pub fn sent(&self) -> Vec<SentRequest> {
        self.kit()
            .sent
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The redacted bodies sent to `action`, oldest first.
    pub fn sent_to(&self, action: &str) -> Vec<Value> {
        self.sent()
            .into_iter()
            .filter(|r| r.action == action)
            .map(|r| r.body)
            .collect()
    }
}
