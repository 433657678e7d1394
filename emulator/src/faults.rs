//! Fault injection: a share of requests answered with throttling, `InternalError`, HTTP 502 or
//! 503, a delay, a dropped connection or malformed JSON, drawn from a seeded generator so that
//! the same seed and the same sequence of requests give the same faults.

use std::time::Duration;

/// One injected fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// `RequestLimitExceeded`, as when the action's rate limit is exceeded.
    Throttle,
    /// `InternalError`.
    InternalError,
    /// HTTP 502 Bad Gateway with an HTML body, as a gateway sends it.
    BadGateway,
    /// HTTP 503 Service Unavailable with an HTML body.
    ServiceUnavailable,
    /// The answer is held back this long, then the request is served normally.
    Delay(Duration),
    /// The connection is closed without an answer.
    Drop,
    /// HTTP 200 with a body that is not valid JSON.
    Malformed,
}

/// What share (0.0 to 1.0) of requests gets each fault, and the seed of the draws.
///
/// The shares are cumulative over one draw per request, so their sum should stay at or below
/// 1.0 (anything over it is never drawn).
#[derive(Debug, Clone, PartialEq)]
pub struct FaultConfig {
    /// Share answered `RequestLimitExceeded`.
    pub throttle: f64,
    /// Share answered `InternalError`.
    pub internal_error: f64,
    /// Share answered HTTP 502.
    pub bad_gateway: f64,
    /// Share answered HTTP 503.
    pub service_unavailable: f64,
    /// Share delayed by [`FaultConfig::delay_for`].
    pub delay: f64,
    /// How long a delayed request waits.
    pub delay_for: Duration,
    /// Share whose connection is dropped.
    pub drop: f64,
    /// Share answered with malformed JSON.
    pub malformed: f64,
    /// Only these actions get faults (all when empty).
    pub actions: Vec<String>,
    /// The seed of the draws.
    pub seed: u64,
}

impl Default for FaultConfig {
    fn default() -> Self {
        FaultConfig {
            throttle: 0.0,
            internal_error: 0.0,
            bad_gateway: 0.0,
            service_unavailable: 0.0,
            delay: 0.0,
            delay_for: Duration::from_millis(500),
            drop: 0.0,
            malformed: 0.0,
            actions: Vec::new(),
            seed: 0,
        }
    }
}

impl FaultConfig {
    /// No faults, seed `seed`.
    pub fn seeded(seed: u64) -> Self {
        FaultConfig {
            seed,
            ..Self::default()
        }
    }

    /// Whether any share is above zero.
    pub fn any(&self) -> bool {
        self.shares().iter().any(|(share, _)| *share > 0.0)
    }

    fn shares(&self) -> [(f64, Fault); 7] {
        [
            (self.throttle, Fault::Throttle),
            (self.internal_error, Fault::InternalError),
            (self.bad_gateway, Fault::BadGateway),
            (self.service_unavailable, Fault::ServiceUnavailable),
            (self.delay, Fault::Delay(self.delay_for)),
            (self.drop, Fault::Drop),
            (self.malformed, Fault::Malformed),
        ]
    }
}

/// Draws faults for a configuration.
#[derive(Debug)]
pub struct FaultInjector {
    config: FaultConfig,
    rng: fastrand::Rng,
}

impl FaultInjector {
    /// Starts the draws of `config` from its seed.
    pub fn new(config: FaultConfig) -> Self {
        let rng = fastrand::Rng::with_seed(config.seed);
        FaultInjector { config, rng }
    }

    /// The configuration drawn from.
    pub fn config(&self) -> &FaultConfig {
        &self.config
    }

    /// The fault for the next request to `action`, if any.
    pub fn draw(&mut self, action: &str) -> Option<Fault> {
        if !self.config.any() {
            return None;
        }
        if !self.config.actions.is_empty() && !self.config.actions.iter().any(|a| a == action) {
            return None;
        }
        let roll = self.rng.f64();
        let mut bound = 0.0;
        for (share, fault) in self.config.shares() {
            bound += share.max(0.0);
            if roll < bound {
                return Some(fault);
            }
        }
        None
    }
}
