use serde_json::json;

use super::{assert_problem, check, spec_with};

#[test]
fn fields_are_snake_case_and_setters_never_shadow_methods() {
    let spec = spec_with(json!({"actions": {"Ping": {"input": {
        "DomainName": {"type": "string"}, "Type": {"type": "string"}, "New": {"type": "bool"}
    }}}}));
    let service = check(&spec).expect("valid");
    let names: Vec<&str> = service.actions[0]
        .input
        .iter()
        .map(|f| f.rust_name.as_str())
        .collect();
    assert_eq!(names, ["domain_name", "r#type", "new_value"]);
}

#[test]
fn members_alike_in_snake_case_clash() {
    let spec = spec_with(json!({"actions": {"Ping": {"input": {
        "DomainName": {"type": "string"}, "domain_name": {"type": "string"}
    }}}}));
    assert_problem(
        &spec,
        "actions.Ping.input.domain_name",
        "both become the Rust field",
    );
}

#[test]
fn responses_list_no_request_id_and_requests_nothing_nullable() {
    let spec = spec_with(json!({"actions": {"Ping": {
        "input": {"Name": {"type": "string", "nullable": true}},
        "output": {"RequestId": {"type": "string"}}
    }}}));
    assert_problem(
        &spec,
        "actions.Ping.output.RequestId",
        "part of every response",
    );
    assert_problem(
        &spec,
        "actions.Ping.input.Name.nullable",
        "only response members",
    );
}

#[test]
fn a_chosen_rust_name_must_be_snake_case() {
    let spec = spec_with(json!({"actions": {"Ping": {"input": {
        "Name": {"type": "string", "rust_name": "TheName"}
    }}}}));
    assert_problem(
        &spec,
        "actions.Ping.input.Name.rust_name",
        "not a snake-case Rust name",
    );
}
