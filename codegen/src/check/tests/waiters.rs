use serde_json::json;

use super::{assert_problem, check, spec_with};
use crate::ir::Literal;

fn with_waiter(waiter: serde_json::Value) -> serde_json::Value {
    let mut base = json!({
        "description": "Waits.", "action": "Ping", "status": "State",
        "success": ["DONE"], "failure": ["FAILED"], "delay_seconds": 5, "timeout_seconds": 60
    });
    if let (Some(base), Some(waiter)) = (base.as_object_mut(), waiter.as_object()) {
        base.extend(waiter.clone());
    }
    spec_with(json!({
        "actions": {"Ping": {"output": {"State": {"type": "string"}}}},
        "waiters": {"PingDone": base}
    }))
}

#[test]
fn a_waiter_polls_an_output_member() {
    let service = check(&with_waiter(json!({}))).expect("valid");
    let waiter = &service.waiters[0];
    assert_eq!(waiter.method, "wait_until_ping_done");
    assert_eq!((waiter.action, waiter.status), (0, 0));
    assert_eq!(waiter.success, [Literal::String("DONE".into())]);
}

#[test]
fn a_waiter_names_a_real_action_and_member() {
    assert_problem(
        &with_waiter(json!({"action": "Pong"})),
        "waiters.PingDone.action",
        "not an action",
    );
    assert_problem(
        &with_waiter(json!({"status": "Nope"})),
        "waiters.PingDone.status",
        "not a member",
    );
}

#[test]
fn a_waiter_delays_less_than_it_waits() {
    let spec = with_waiter(json!({"delay_seconds": 90}));
    assert_problem(
        &spec,
        "waiters.PingDone.timeout_seconds",
        "delay must be positive",
    );
}

#[test]
fn a_waiter_has_a_success_state() {
    // Found by the spec fuzzer: an empty list used to emit a match arm with no pattern.
    assert_problem(
        &with_waiter(json!({"success": []})),
        "waiters.PingDone.success",
        "at least one success state",
    );
}

#[test]
fn waiter_values_fit_the_member() {
    let spec = spec_with(json!({
        "actions": {"Ping": {"output": {"Count": {"type": "u64"}}}},
        "waiters": {"Counted": {"description": "?", "action": "Ping", "status": "Count",
            "success": ["many"], "delay_seconds": 1, "timeout_seconds": 2}}
    }));
    assert_problem(
        &spec,
        "waiters.Counted.success[0]",
        "cannot be a value of `Count`",
    );
}
