//! Retry policy: bounded attempts, exponential backoff with full jitter, and the rules that
//! keep non-idempotent actions (ApplyCertificate) from being sent twice.

use std::time::Duration;

/// How failed calls are retried.
///
/// Any action is retried on throttling and on failures before the request left. Ambiguous
/// failures (timeout or broken connection after sending, HTTP 5xx, `InternalError`, an
/// empty or truncated answer with a success status) are
/// retried only for actions marked safe to retry, unless [`RetryPolicy::retry_ambiguous`]
/// opts every action in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    retry_ambiguous: bool,
}

impl Default for RetryPolicy {
    /// Three attempts, 100 ms base delay, 5 s cap.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
            retry_ambiguous: false,
        }
    }
}

impl RetryPolicy {
    /// The default policy: three attempts, 100 ms base delay, 5 s cap.
    pub fn new() -> Self {
        Self::default()
    }

    /// One attempt only (a clock-skew correction may still resend once: the first attempt
    /// was rejected before it was processed).
    pub fn disabled() -> Self {
        Self::default().with_max_attempts(1)
    }

    /// Sets the total number of attempts, the first included (at least 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the base delay: attempt `n` waits a random time up to `base × 2^(n-1)`.
    pub fn with_base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// Caps the backoff window.
    pub fn with_max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Retries ambiguous failures for every action, including ones not marked safe to
    /// retry (the request may then take effect twice).
    pub fn retry_ambiguous(mut self, yes: bool) -> Self {
        self.retry_ambiguous = yes;
        self
    }

    /// The total number of attempts allowed.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Whether ambiguous failures are retried for actions not marked safe to retry.
    pub fn retries_ambiguous(&self) -> bool {
        self.retry_ambiguous
    }

    /// The delay before attempt `attempt + 1`, after `attempt` failed attempts (full jitter).
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = attempt.saturating_sub(1).min(31);
        let window = self
            .base_delay
            .saturating_mul(1u32 << exp)
            .min(self.max_delay);
        let nanos = window.as_nanos().min(u64::MAX as u128) as u64;
        if nanos == 0 {
            return Duration::ZERO;
        }
        Duration::from_nanos(fastrand::u64(0..=nanos))
    }
}

/// What a failure allows, independent of how many attempts are left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// The request surely did not take effect (throttled, never sent).
    Safe,
    /// The request may have taken effect.
    Ambiguous,
    /// Retrying would not help.
    Never,
}

impl RetryPolicy {
    /// Whether a failure of class `retry`, after `attempt` attempts, is retried for an action
    /// whose `RETRY_SAFE` is `retry_safe`.
    pub fn should_retry(&self, retry: Retry, attempt: u32, retry_safe: bool) -> bool {
        attempt < self.max_attempts
            && match retry {
                Retry::Safe => true,
                Retry::Ambiguous => retry_safe || self.retry_ambiguous,
                Retry::Never => false,
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_bounded() {
        let p = RetryPolicy::new()
            .with_base_delay(Duration::from_millis(10))
            .with_max_delay(Duration::from_millis(50));
        for attempt in 1..40 {
            assert!(p.backoff(attempt) <= Duration::from_millis(50));
        }
        assert!(p.backoff(1) <= Duration::from_millis(10));
    }

    #[test]
    fn ambiguous_only_for_safe_actions() {
        let p = RetryPolicy::new();
        assert!(p.should_retry(Retry::Safe, 1, false));
        assert!(!p.should_retry(Retry::Ambiguous, 1, false));
        assert!(p.should_retry(Retry::Ambiguous, 1, true));
        assert!(!p.should_retry(Retry::Safe, 3, true));
        assert!(
            p.clone()
                .retry_ambiguous(true)
                .should_retry(Retry::Ambiguous, 1, false)
        );
        assert!(!RetryPolicy::disabled().should_retry(Retry::Safe, 1, true));
    }
}
