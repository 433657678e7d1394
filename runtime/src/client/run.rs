//! The retry loop of one call: attempts, clock-skew correction, backoff, the whole-call
//! deadline, and what the call's span records.
//!
//! The span `tc_call` carries service, action, region, attempt, HTTP status, latency,
//! RequestId and, on failure, the error code. Events never carry a body, a body snippet or a
//! secret: an undecodable answer is described by its kind and status only, since a truncated
//! answer may hold a private key and serde's messages quote the values they reject.

use std::time::{Duration, Instant};

use bytes::Bytes;

use super::attempt::{Failure, Prepared, unix_now};
use super::{CallOptions, Client, Operation};
use crate::action::ErrorCode;
use crate::error::{Error, TransportError, TransportErrorKind};
use crate::response::Decoded;
use crate::retry::Retry;

impl Client {
    pub(super) async fn run<T, C: ErrorCode>(
        &self,
        operation: &Operation<'_>,
        body: Bytes,
        options: &CallOptions,
        region: Option<&str>,
        decode: fn(u16, &[u8]) -> Decoded<T, C>,
    ) -> Result<T, Error<C>> {
        let inner = &*self.inner;
        let policy = options.retry.as_ref().unwrap_or(&inner.retry);
        let attempt_timeout = options.timeout.unwrap_or(inner.timeout);
        let started = Instant::now();
        let deadline = options
            .deadline
            .or(inner.deadline)
            .map(|limit| (limit, started + limit));
        let target = inner.endpoint.target(operation.service, region);
        let prepared = Prepared::new(operation, &inner.endpoint, target, region)?;
        let span = tracing::Span::current();
        let mut sent = 0u32;
        let mut counted = 0u32;
        let mut skew_corrected = false;
        loop {
            sent += 1;
            counted += 1;
            let attempt = self.attempt::<C>(operation, &prepared, &body, attempt_timeout);
            let outcome = match deadline {
                Some((limit, at)) => match tokio::time::timeout_at(at.into(), attempt).await {
                    Ok(outcome) => outcome,
                    Err(_) => Err(Failure::from(deadline_error(limit, sent))),
                },
                None => attempt.await,
            };
            let mut status = None;
            let failure = match outcome {
                Ok(answer) => {
                    status = Some(answer.status);
                    match decode(answer.status, &answer.body) {
                        Decoded::Output(output, request_id) => {
                            // Recorded once, at the end: some subscribers append every
                            // record of a field instead of replacing it.
                            span.record("attempt", sent);
                            span.record("status", answer.status);
                            if let Some(id) = &request_id {
                                span.record("request_id", id.as_str());
                            }
                            span.record("latency_ms", millis(started.elapsed()));
                            tracing::debug!("call succeeded");
                            return Ok(output);
                        }
                        Decoded::Service(error) => Failure {
                            error: Error::Service(error),
                            server_time: answer.server_time,
                        },
                        Decoded::Undecodable(error) => Failure {
                            error: Error::Decode(error),
                            server_time: answer.server_time,
                        },
                    }
                }
                Err(failure) => failure,
            };
            let error = failure.error;
            if error.code() == Some("AuthFailure.SignatureExpire")
                && !skew_corrected
                && let Some(server) = failure.server_time
            {
                let offset = server - unix_now();
                inner
                    .clock_offset
                    .store(offset, std::sync::atomic::Ordering::Relaxed);
                skew_corrected = true;
                counted -= 1;
                tracing::warn!(offset, "signature expired: correcting clock offset");
                continue;
            }
            let class = if error.is_retryable() {
                Retry::Safe
            } else if error.is_ambiguous() {
                Retry::Ambiguous
            } else {
                Retry::Never
            };
            let failed = |error: Error<C>| {
                span.record("attempt", sent);
                if let Some(status) = status {
                    span.record("status", status);
                }
                if let Some(id) = error.request_id() {
                    span.record("request_id", id);
                }
                if let Some(code) = error.code() {
                    span.record("error_code", code);
                }
                span.record("latency_ms", millis(started.elapsed()));
                tracing::info!(failure = outcome_of(&error), "call failed");
                Err(error)
            };
            if !policy.should_retry(class, counted, operation.retry_safe) {
                return failed(error);
            }
            let delay = policy.backoff(counted);
            if let Some((_, at)) = deadline
                && Instant::now() + delay >= at
            {
                tracing::info!("the call's deadline leaves no time for another attempt");
                return failed(error);
            }
            tracing::info!(
                attempt = sent,
                status,
                failure = outcome_of(&error),
                delay_ms = millis(delay),
                "retrying"
            );
            tokio::time::sleep(delay).await;
        }
    }
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// A failure described for logs: its kind, never a body or a message that might quote one.
fn outcome_of<C: ErrorCode>(error: &Error<C>) -> String {
    match error {
        Error::InvalidRequest(_) => "invalid request".to_owned(),
        Error::NoCredentials(_) => "no credentials".to_owned(),
        Error::Transport(e) => format!("transport {:?}", e.kind),
        Error::Service(e) => format!("service error {}", e.code.as_str()),
        Error::Decode(e) => format!("undecodable answer ({:?}, HTTP {})", e.kind, e.status),
    }
}

fn deadline_error<C>(limit: Duration, attempts: u32) -> Error<C> {
    Error::Transport(TransportError {
        kind: TransportErrorKind::Deadline,
        maybe_sent: true,
        source: format!(
            "no answer within the call's deadline of {:.3} s ({attempts} attempts)",
            limit.as_secs_f64()
        )
        .into(),
    })
}
