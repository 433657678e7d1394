//! Polling an action until a long-running operation ends, as the spec's waiters describe.

use std::fmt;
use std::time::{Duration, Instant};

use crate::action::Action;
use crate::client::Client;
use crate::error::Error;

/// How often and how long to poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// Time between two polls (a client's `waiter_delay` overrides it).
    pub delay: Duration,
    /// Time after which the wait gives up.
    pub timeout: Duration,
}

/// What one answer says about the wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Poll {
    /// Not finished yet: poll again.
    Pending,
    /// Finished as hoped.
    Success,
    /// Finished, but not as hoped (a terminal status).
    Failure,
}

/// Why a wait ended without success.
#[derive(Debug)]
pub enum WaitError<C, O> {
    /// A poll failed (after the client's own retries).
    Call(Error<C>),
    /// The status reached a failure value.
    Failed {
        /// The status, as shown to people.
        status: String,
        /// The last answer.
        response: Box<O>,
    },
    /// The timeout passed before the status reached a final value.
    TimedOut {
        /// How long the wait lasted.
        waited: Duration,
        /// The last status seen.
        status: String,
    },
}

impl<C: crate::ErrorCode, O> fmt::Display for WaitError<C, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaitError::Call(error) => write!(f, "polling failed: {error}"),
            WaitError::Failed { status, .. } => {
                write!(f, "the operation ended with status {status}")
            }
            WaitError::TimedOut { waited, status } => write!(
                f,
                "gave up after {:.1} s; the last status was {status}",
                waited.as_secs_f64()
            ),
        }
    }
}

impl<C: crate::ErrorCode, O: fmt::Debug> std::error::Error for WaitError<C, O> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaitError::Call(error) => Some(error),
            _ => None,
        }
    }
}

impl Client {
    /// Calls `request` until `check` says the operation finished or `schedule.timeout` passes.
    ///
    /// `check` reads an answer's status and shows it as text; `on_poll` sees every answer, for
    /// progress. Generated waiters (`wait_until_*`) call this with the spec's schedule.
    pub async fn wait<A: Action>(
        &self,
        request: &A,
        schedule: Schedule,
        mut check: impl FnMut(&A::Output) -> (Poll, String),
        mut on_poll: impl FnMut(&A::Output),
    ) -> Result<A::Output, WaitError<A::ErrorCode, A::Output>> {
        let delay = self.waiter_delay().unwrap_or(schedule.delay);
        let started = Instant::now();
        loop {
            let response = self.call(request).await.map_err(WaitError::Call)?;
            on_poll(&response);
            let (poll, status) = check(&response);
            match poll {
                Poll::Success => return Ok(response),
                Poll::Failure => {
                    return Err(WaitError::Failed {
                        status,
                        response: Box::new(response),
                    });
                }
                Poll::Pending if started.elapsed() + delay > schedule.timeout => {
                    return Err(WaitError::TimedOut {
                        waited: started.elapsed(),
                        status,
                    });
                }
                Poll::Pending => tokio::time::sleep(delay).await,
            }
        }
    }
}
