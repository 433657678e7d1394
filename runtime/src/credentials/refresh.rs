//! The cache behind every provider of temporary credentials: refresh before expiry, one
//! refresh at a time, and the last good credentials kept while a refresh fails.
//!
//! Refresh margin: credentials are refreshed once less than a fifth of their lifetime is
//! left, but at least five minutes before they expire (at most half their lifetime, so that
//! short-lived credentials are not refreshed on every call). For the STS default of 7200 s
//! that is 24 minutes before expiry, which leaves time for many failed refreshes before the
//! old credentials stop working. The SDKs refresh much earlier (Python after a tenth of the
//! lifetime); refreshing later halves the calls to STS and changes nothing else.

use std::future::Future;
use std::sync::RwLock;
use std::time::{Duration, Instant, SystemTime};

use tokio::sync::Mutex;

use super::{Credentials, CredentialsError};

/// After a failed refresh, how long valid cached credentials are served before trying again.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(10);

/// The least time before expiry at which a refresh starts.
const MIN_MARGIN: Duration = Duration::from_secs(300);

/// Cached temporary credentials and when to refresh them.
#[derive(Debug, Default)]
pub(crate) struct RefreshCache {
    current: RwLock<Option<Cached>>,
    /// Held while refreshing: concurrent callers wait for the one refresh instead of each
    /// starting their own.
    refreshing: Mutex<()>,
}

#[derive(Debug, Clone)]
struct Cached {
    credentials: Credentials,
    refresh_at: SystemTime,
    /// When a refresh last failed, so that callers do not all retry it at once.
    failed_at: Option<Instant>,
}

/// When credentials fetched at `now`, expiring at `expires_at`, should be refreshed.
pub fn refresh_time(now: SystemTime, expires_at: SystemTime) -> SystemTime {
    let lifetime = expires_at.duration_since(now).unwrap_or_default();
    let margin = (lifetime / 5).max(MIN_MARGIN).min(lifetime / 2);
    expires_at - margin
}

impl Cached {
    fn valid(&self, now: SystemTime) -> bool {
        self.credentials.expires_at().is_none_or(|at| now < at)
    }

    fn fresh(&self, now: SystemTime) -> bool {
        now < self.refresh_at
            || (self.valid(now)
                && self
                    .failed_at
                    .is_some_and(|at| at.elapsed() < RETRY_AFTER_FAILURE))
    }
}

impl RefreshCache {
    pub fn new() -> Self {
        Self::default()
    }

    fn cached(&self) -> Option<Cached> {
        self.current
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn store(&self, cached: Cached) {
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Some(cached);
    }

    /// Fresh cached credentials, or the result of one `fetch` shared by every caller waiting
    /// meanwhile. When `fetch` fails while the cached credentials are still valid, they are
    /// returned and `source` is named in a warning.
    pub async fn get<F, Fut>(
        &self,
        source: &'static str,
        fetch: F,
    ) -> Result<Credentials, CredentialsError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Credentials, CredentialsError>>,
    {
        if let Some(cached) = self.cached()
            && cached.fresh(SystemTime::now())
        {
            return Ok(cached.credentials);
        }
        let _refreshing = self.refreshing.lock().await;
        // Another caller may have refreshed while this one waited.
        let previous = self.cached();
        if let Some(cached) = &previous
            && cached.fresh(SystemTime::now())
        {
            return Ok(cached.credentials.clone());
        }
        match fetch().await {
            Ok(credentials) => {
                let now = SystemTime::now();
                if let Some(at) = credentials.expires_at()
                    && at <= now
                {
                    return Err(CredentialsError::Missing {
                        source,
                        reason: "the answer's credentials have already expired".to_owned(),
                    });
                }
                let refresh_at = match credentials.expires_at() {
                    Some(at) => refresh_time(now, at),
                    // Credentials without expiry are kept for good.
                    None => now + Duration::from_secs(u32::MAX.into()),
                };
                self.store(Cached {
                    credentials: credentials.clone(),
                    refresh_at,
                    failed_at: None,
                });
                Ok(credentials)
            }
            Err(error) => match previous {
                Some(cached) if cached.valid(SystemTime::now()) => {
                    tracing::warn!(
                        source,
                        error = %error,
                        "refreshing credentials failed; using the previous ones until they expire"
                    );
                    let credentials = cached.credentials.clone();
                    self.store(Cached {
                        failed_at: Some(Instant::now()),
                        ..cached
                    });
                    Ok(credentials)
                }
                _ => Err(error),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let at = |secs| now + Duration::from_secs(secs);
        // 7200 s: a fifth, 24 minutes before expiry.
        assert_eq!(refresh_time(now, at(7200)), at(7200 - 1440));
        // 900 s: at least five minutes.
        assert_eq!(refresh_time(now, at(900)), at(600));
        // 60 s: at most half the lifetime.
        assert_eq!(refresh_time(now, at(60)), at(30));
        // Already expired: now.
        assert!(refresh_time(now, now - Duration::from_secs(5)) <= now);
    }
}
