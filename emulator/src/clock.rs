//! The emulator's clock for the certificate lifecycle: real, accelerated or manual, so that
//! a test can see a certificate issued in milliseconds.
//!
//! Signatures are always checked against the real time (clients sign with it); the clock
//! only drives what the emulator models over time (validation, issuance, the one-hour delete
//! rule, expiry dates).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A cheaply cloned handle on one clock; clones see the same time.
#[derive(Debug, Clone)]
pub struct Clock(Arc<Inner>);

#[derive(Debug)]
struct Inner {
    kind: Kind,
    /// Milliseconds added by [`Clock::advance`].
    offset_ms: AtomicI64,
}

#[derive(Debug)]
enum Kind {
    Real,
    Scaled {
        origin: Instant,
        origin_ms: i64,
        factor: f64,
    },
    Manual {
        start_ms: i64,
    },
}

/// The real time, in Unix milliseconds.
pub fn real_now_ms() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_millis() as i64,
        Err(e) => -(e.duration().as_millis() as i64),
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::real()
    }
}

impl Clock {
    fn with(kind: Kind) -> Self {
        Clock(Arc::new(Inner {
            kind,
            offset_ms: AtomicI64::new(0),
        }))
    }

    /// The real time.
    pub fn real() -> Self {
        Clock::with(Kind::Real)
    }

    /// Starts at the real time and runs `factor` times faster (`60.0`: a minute per second).
    pub fn accelerated(factor: f64) -> Self {
        Clock::with(Kind::Scaled {
            origin: Instant::now(),
            origin_ms: real_now_ms(),
            factor: if factor.is_finite() && factor > 0.0 {
                factor
            } else {
                1.0
            },
        })
    }

    /// Starts at the real time and moves only by [`Clock::advance`].
    pub fn manual() -> Self {
        Clock::with(Kind::Manual {
            start_ms: real_now_ms(),
        })
    }

    /// Moves the clock forward by `by` (any kind of clock).
    pub fn advance(&self, by: Duration) {
        self.0
            .offset_ms
            .fetch_add(by.as_millis() as i64, Ordering::SeqCst);
    }

    /// The clock's time, in Unix milliseconds.
    pub fn now_ms(&self) -> i64 {
        let base = match &self.0.kind {
            Kind::Real => real_now_ms(),
            Kind::Scaled {
                origin,
                origin_ms,
                factor,
            } => origin_ms + (origin.elapsed().as_secs_f64() * factor * 1000.0) as i64,
            Kind::Manual { start_ms } => *start_ms,
        };
        base + self.0.offset_ms.load(Ordering::SeqCst)
    }

    /// The clock's time, in Unix seconds.
    pub fn now_secs(&self) -> i64 {
        self.now_ms().div_euclid(1000)
    }
}
