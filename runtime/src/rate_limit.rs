//! Client-side rate limiting: a token bucket per action, shared by every clone of a client.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Token buckets keyed by (service, action); callers wait for a token rather than fail.
#[derive(Debug, Clone, Default)]
pub struct RateLimiter {
    /// Service, then action: two levels so that a lookup by `&str` needs no allocation.
    buckets: Arc<Mutex<HashMap<String, HashMap<String, Bucket>>>>,
}

#[derive(Debug)]
struct Bucket {
    rate: f64,
    tokens: f64,
    updated: Instant,
}

impl RateLimiter {
    /// An empty set of buckets.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes a token from the bucket of `(service, action)`, which holds up to `per_second`
    /// tokens and refills at `per_second`; returns how long to wait before sending.
    ///
    /// The token is reserved at once, so concurrent callers queue fairly.
    pub fn reserve(&self, service: &str, action: &str, per_second: u32) -> Duration {
        if per_second == 0 {
            return Duration::ZERO;
        }
        let rate = f64::from(per_second);
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        // Checked first: `entry` would allocate the key on every call.
        if !buckets.contains_key(service) {
            buckets.insert(service.to_owned(), HashMap::new());
        }
        let Some(actions) = buckets.get_mut(service) else {
            return Duration::ZERO;
        };
        if !actions.contains_key(action) {
            let fresh = Bucket {
                rate,
                tokens: rate,
                updated: now,
            };
            actions.insert(action.to_owned(), fresh);
        }
        let Some(bucket) = actions.get_mut(action) else {
            return Duration::ZERO;
        };
        bucket.rate = rate;
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * bucket.rate).min(bucket.rate);
        bucket.updated = now;
        bucket.tokens -= 1.0;
        if bucket.tokens >= 0.0 {
            Duration::ZERO
        } else {
            Duration::from_secs_f64(-bucket.tokens / bucket.rate)
        }
    }

    /// Waits until the call may be sent.
    pub async fn acquire(&self, service: &str, action: &str, per_second: u32) {
        let wait = self.reserve(service, action, per_second);
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_burst_then_spaces_calls() {
        let limiter = RateLimiter::new();
        for _ in 0..20 {
            assert_eq!(
                limiter.reserve("ssl", "ApplyCertificate", 20),
                Duration::ZERO
            );
        }
        let wait = limiter.reserve("ssl", "ApplyCertificate", 20);
        assert!(
            wait > Duration::from_millis(40) && wait <= Duration::from_millis(50),
            "{wait:?}"
        );
        let wait = limiter.clone().reserve("ssl", "ApplyCertificate", 20);
        assert!(wait > Duration::from_millis(90), "{wait:?}");
        assert_eq!(
            limiter.reserve("ssl", "DescribeCertificates", 20),
            Duration::ZERO
        );
    }
}
