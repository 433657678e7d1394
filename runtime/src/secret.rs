//! [`Secret`]: a value that `Debug` never shows.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// A secret key or session token, or a member the spec marks sensitive (a password, a private
/// key, a key-bearing file): sent and read like the value it holds, but shown as `***` by
/// `Debug` and `Display`, so that logging credentials, a request or an answer never logs the
/// secret. Use [`Secret::expose`] where the value itself is meant.
///
/// ```
/// use tc_runtime::Secret;
///
/// let key = Secret::new("-----BEGIN PRIVATE KEY-----");
/// assert_eq!(format!("{key:?} {key}"), "*** ***");
/// assert_eq!(key.expose(), "-----BEGIN PRIVATE KEY-----");
/// assert_eq!(serde_json::to_string(&key).unwrap(), r#""-----BEGIN PRIVATE KEY-----""#);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret<T = String>(T);

impl Secret<String> {
    /// Wraps a secret text; other values convert with `Secret::from`.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
}

impl<T> Secret<T> {
    /// The value itself; do not log it.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// The value itself, unwrapped.
    pub fn into_inner(self) -> T {
        self.0
    }
}

/// Reads through to the value, so that checks such as `is_empty()` apply to it.
impl<T> Deref for Secret<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl<T> fmt::Display for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl<T> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}
