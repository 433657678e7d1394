//! Each action's rate limit from the spec, counted per SecretId in one-second windows, as the
//! real API counts it; a request over the limit is answered `RequestLimitExceeded`.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Fixed one-second windows per (SecretId, service, action).
#[derive(Debug, Default)]
pub struct RateLimits {
    windows: Mutex<HashMap<(String, String, String), Window>>,
}

#[derive(Debug, Clone, Copy)]
struct Window {
    start: Instant,
    count: u32,
}

impl RateLimits {
    /// No requests counted yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one request and says whether it is within `limit` requests per second.
    pub fn admit(&self, secret_id: &str, service: &str, action: &str, limit: u32) -> bool {
        let now = Instant::now();
        let mut windows = self.windows.lock().unwrap_or_else(|e| e.into_inner());
        let key = (secret_id.to_owned(), service.to_owned(), action.to_owned());
        let window = windows.entry(key).or_insert(Window {
            start: now,
            count: 0,
        });
        if now.duration_since(window.start) >= Duration::from_secs(1) {
            *window = Window {
                start: now,
                count: 0,
            };
        }
        window.count += 1;
        window.count <= limit
    }
}
