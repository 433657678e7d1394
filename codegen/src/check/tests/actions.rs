use serde_json::json;

use super::{assert_problem, check, spec_with};
use crate::ir::ActionStatus;

#[test]
fn an_action_makes_its_items_and_method() {
    let spec = spec_with(json!({"actions": {"ApplyCertificate": {
        "description": "Applies.", "status": "deprecated", "rate_limit": 20
    }}}));
    let service = check(&spec).expect("valid");
    let action = &service.actions[1];
    assert_eq!(action.method, "apply_certificate");
    assert_eq!(action.request, "ApplyCertificateRequest");
    assert_eq!(action.response, "ApplyCertificateResponse");
    assert_eq!(action.errors.name, "ApplyCertificateErrorCode");
    assert_eq!(action.error, "ApplyCertificateError");
    assert_eq!(action.status, ActionStatus::Deprecated);
    assert_eq!(action.rate_limit, Some(20));
}

#[test]
fn actions_alike_in_rust_clash_once_per_item() {
    let spec = spec_with(json!({"actions": {"ping": {"description": "Again."}}}));
    assert_problem(
        &spec,
        "actions.ping",
        "`PingRequest`, which `actions.Ping` already makes",
    );
    let problems = super::problems(&spec);
    assert!(
        !problems.iter().any(|p| p.contains("client method")),
        "the clash is reported once, on the items: {problems:#?}"
    );
}

#[test]
fn an_action_cannot_take_a_method_every_client_has() {
    let spec = spec_with(json!({"actions": {"Runtime": {"description": "?"}}}));
    assert_problem(&spec, "actions.Runtime", "client method `runtime`");
}

#[test]
fn a_service_needs_a_version_and_an_endpoint() {
    let spec = spec_with(json!({"version": "latest", "endpoint": " "}));
    assert_problem(&spec, "version", "not an API version");
    assert_problem(&spec, "endpoint", "the endpoint is empty");
}
