use serde_json::json;

use super::{assert_problem, check, spec_with};

#[test]
fn codes_become_variants_in_spec_order() {
    let spec = spec_with(json!({
        "errors": {"FailedOperation.AuthError": "Auth failed."},
        "actions": {"Ping": {"errors": {"ResourceNotFound": "Gone."}}}
    }));
    let service = check(&spec).expect("valid");
    assert_eq!(
        service.service_errors.codes[0].variant,
        "FailedOperationAuthError"
    );
    let own = &service.actions[0].errors;
    assert_eq!(own.name, "PingErrorCode");
    assert_eq!(own.codes[0].code, "ResourceNotFound");
    assert_eq!(own.codes[0].description, "Gone.");
}

#[test]
fn codes_alike_after_conversion_clash() {
    let spec = spec_with(json!({"actions": {"Ping": {"errors": {
        "FailedOperation.NotFound": "a", "FailedOperationNotFound": "b"
    }}}}));
    assert_problem(
        &spec,
        "actions.Ping.errors.FailedOperationNotFound",
        "both become the variant",
    );
}

#[test]
fn action_codes_cannot_take_the_reserved_variants() {
    let spec = spec_with(json!({"actions": {"Ping": {"errors": {"Unknown": "?"}}}}));
    assert_problem(
        &spec,
        "actions.Ping.errors.Unknown",
        "reserved variant `Unknown`",
    );
}
