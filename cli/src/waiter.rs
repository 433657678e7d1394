//! `--waiter`: poll the action until a condition holds. Either tccli's JSON
//! (`{"expr": JMESPath, "to": value, "timeout": s, "interval": s}`, parsed as JSON, never
//! evaluated as code) or the name of one of the spec's waiters for this action.

use std::time::{Duration, Instant};

use serde_json::{Map, Value};

use crate::call::{Call, Transport};
use crate::config::Settings;
use crate::error::Failure;
use crate::model::{Action, Literal, Schema};
use crate::output;

/// A parsed `--waiter`.
pub enum Waiter {
    /// tccli's form.
    Expression {
        /// JMESPath over the projected response.
        expr: String,
        /// The value that ends the wait.
        to: Value,
        /// Give up after this long.
        timeout: Duration,
        /// Wait this long between polls.
        interval: Duration,
    },
    /// One of the spec's waiters.
    Spec(crate::model::Waiter),
}

impl Waiter {
    /// Parses `text` for `action`; profile defaults fill tccli's missing timeout and interval.
    pub fn parse(
        text: &str,
        schema: &Schema,
        action: &Action,
        settings: &Settings,
    ) -> Result<Self, Failure> {
        if !text.trim_start().starts_with('{') {
            let Some(waiter) = schema.waiters.iter().find(|w| w.name == text) else {
                let names: Vec<&str> = schema
                    .waiters
                    .iter()
                    .filter(|w| w.action == action.name)
                    .map(|w| w.name.as_str())
                    .collect();
                return Err(Failure::usage(format!(
                    "`--waiter` must be tccli's JSON or a waiter of {}: {}",
                    action.name,
                    if names.is_empty() {
                        "(none)".to_owned()
                    } else {
                        names.join(", ")
                    }
                )));
            };
            if waiter.action != action.name {
                return Err(Failure::usage(format!(
                    "waiter {} polls {}, not {}",
                    waiter.name, waiter.action, action.name
                )));
            }
            return Ok(Waiter::Spec(waiter.clone()));
        }
        let parsed: Map<String, Value> = serde_json::from_str(text)
            .map_err(|e| Failure::other(format!("`--waiter` must be a valid JSON string: {e}")))?;
        let expr = parsed
            .get("expr")
            .and_then(Value::as_str)
            .ok_or_else(|| Failure::other("`expr` in `--waiter` must be defined"))?
            .to_owned();
        let to = parsed
            .get("to")
            .cloned()
            .ok_or_else(|| Failure::other("`to` in `--waiter` must be defined"))?;
        let seconds = |key: &str, default: f64| -> Result<f64, Failure> {
            match parsed.get(key) {
                None => Ok(default),
                Some(value) => value
                    .as_f64()
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .ok_or_else(|| {
                        Failure::other(format!("`{key}` in `--waiter` must be a number of seconds"))
                    }),
            }
        };
        let timeout = seconds("timeout", settings.waiter_defaults.0.unwrap_or(180.0))?;
        let interval = seconds("interval", settings.waiter_defaults.1.unwrap_or(5.0))?.min(timeout);
        jmespath::compile(&expr)
            .map_err(|e| Failure::other(format!("`expr` in `--waiter`: {e}")))?;
        Ok(Waiter::Expression {
            expr,
            to,
            timeout: Duration::from_secs_f64(timeout),
            interval: Duration::from_secs_f64(interval),
        })
    }

    /// Polls until the condition holds; returns the last response.
    pub async fn run(
        &self,
        transport: &Transport,
        call: &Call<'_>,
        schema: &Schema,
        action: &Action,
    ) -> Result<Map<String, Value>, Failure> {
        let started = Instant::now();
        loop {
            let response = transport.send(call).await?;
            let (done, current, timeout, interval) = match self {
                Waiter::Expression {
                    expr,
                    to,
                    timeout,
                    interval,
                } => {
                    let projected = output::project(schema, &action.output, &response);
                    let current = output::filter(expr, &projected)?;
                    (same(&current, to), current, *timeout, *interval)
                }
                Waiter::Spec(waiter) => {
                    let current = response.get(&waiter.status).cloned().unwrap_or(Value::Null);
                    if waiter.failure.iter().any(|l| l.matches(&current)) {
                        return Err(Failure::other(format!(
                            "waiter {} failed: {} is {}",
                            waiter.name,
                            waiter.status,
                            output::python_str(&current)
                        )));
                    }
                    let done = waiter.success.iter().any(|l: &Literal| l.matches(&current));
                    (
                        done,
                        current,
                        Duration::from_secs(waiter.timeout_seconds),
                        Duration::from_secs(waiter.delay_seconds),
                    )
                }
            };
            if done {
                return Ok(response);
            }
            if started.elapsed() >= timeout {
                let wanted = match self {
                    Waiter::Expression { expr, to, .. } => {
                        format!("`{expr}` to `{}`", output::python_str(to))
                    }
                    Waiter::Spec(waiter) => format!("waiter {}", waiter.name),
                };
                return Err(Failure::other(format!(
                    "\nRequest timeout, wait {wanted} timeout, last request is {}",
                    output::python_str(&current)
                )));
            }
            let progress = format!("Inquiry result is {}.", output::python_str(&current));
            match self {
                // tccli prints its waiter's progress on stdout; scripts may rely on it.
                Waiter::Expression { .. } => println!("{progress}"),
                // The spec's waiters are tccx's own: progress stays off stdout.
                Waiter::Spec(_) => eprintln!("{progress}"),
            }
            tokio::time::sleep(interval).await;
        }
    }
}

/// Python's `==` on JSON values: numbers compare by value (1 == 1.0).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}
