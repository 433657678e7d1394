//! Overrides for one call, or for every call of a derived client ([`Client::with_options`]).
//!
//! [`Client::with_options`]: crate::Client::with_options

use std::time::Duration;

use crate::retry::RetryPolicy;

/// Overrides for one call. Unset fields keep the client's settings.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) region: Option<String>,
}

impl CallOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Overrides the timeout of each attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Overrides the deadline of the whole call: every attempt, backoff and rate-limit wait.
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Overrides the retry policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// Overrides the region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// These options, with every field `self` leaves unset taken from `base`.
    pub(crate) fn over(&self, base: &CallOptions) -> CallOptions {
        CallOptions {
            timeout: self.timeout.or(base.timeout),
            deadline: self.deadline.or(base.deadline),
            retry: self.retry.clone().or_else(|| base.retry.clone()),
            region: self.region.clone().or_else(|| base.region.clone()),
        }
    }
}
