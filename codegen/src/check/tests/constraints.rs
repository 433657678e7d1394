use serde_json::json;

use super::{assert_problem, check, spec_with};
use crate::ir::{Condition, Literal, TestKind};

fn with_input(extra: serde_json::Value) -> serde_json::Value {
    let mut action = json!({"input": {
        "Method": {"type": "Method"},
        "Name": {"type": "string", "min_length": 1, "max_length": 63},
        "Count": {"type": "u64", "maximum": 100},
        "Tags": {"type": "list<string>", "max_items": 50}
    }});
    if let (Some(action), Some(extra)) = (action.as_object_mut(), extra.as_object()) {
        action.extend(extra.clone());
    }
    spec_with(json!({
        "types": {"Method": {"values": [{"value": "DNS"}, {"value": "FILE"}]}},
        "actions": {"Ping": action}
    }))
}

#[test]
fn limits_are_kept_on_the_members_they_fit() {
    let service = check(&with_input(json!({}))).expect("valid");
    let input = &service.actions[0].input;
    assert_eq!(input[1].limits.max_length, Some(63));
    assert_eq!(input[2].limits.maximum, Some(100.0));
    assert_eq!(input[3].limits.max_items, Some(50));
}

#[test]
fn a_limit_on_the_wrong_type_is_reported() {
    let spec = spec_with(json!({"actions": {"Ping": {"input": {
        "Count": {"type": "u64", "max_length": 3}
    }}}}));
    assert_problem(
        &spec,
        "actions.Ping.input.Count.max_length",
        "does not apply",
    );
}

#[test]
fn constraints_bind_documented_values_to_members() {
    let spec = with_input(json!({"constraints": [{
        "when": {"member": "Method", "in": ["DNS"]},
        "then": {"member": "Name", "present": true},
        "description": "DNS needs a name."
    }]}));
    let service = check(&spec).expect("valid");
    let constraint = &service.actions[0].constraints[0];
    let Some(Condition::Member(when)) = &constraint.when else {
        panic!("a member condition");
    };
    assert_eq!(when.field, 0);
    assert_eq!(when.kind, TestKind::In(vec![Literal::String("DNS".into())]));
    let Condition::Member(then) = &constraint.then else {
        panic!("a member requirement");
    };
    assert_eq!(then.kind, TestKind::Present(true));
}

#[test]
fn constraints_report_unknown_members_and_undocumented_values() {
    let spec = with_input(json!({"constraints": [
        {"then": {"member": "Nope", "present": true}, "description": "a"},
        {"then": {"member": "Method", "in": ["SMS"]}, "description": "b"},
        {"then": {"member": "Name", "present": true, "in": ["x"]}, "description": "c"}
    ]}));
    assert_problem(
        &spec,
        "actions.Ping.constraints[0].then.member",
        "not a member",
    );
    assert_problem(
        &spec,
        "actions.Ping.constraints[1].then.in[0]",
        "one of the documented values: \"DNS\", \"FILE\"",
    );
    assert_problem(&spec, "actions.Ping.constraints[2].then", "exactly one of");
}

#[test]
fn structures_with_limits_inside_are_marked() {
    let spec = spec_with(json!({"types": {
        "Inner": {"members": {"Key": {"type": "string", "max_length": 8}}},
        "Outer": {"members": {"Inner": {"type": "list<Inner>"}}}
    }}));
    let service = check(&spec).expect("valid");
    assert!(service.refers_to_limits(&crate::ir::TypeRef::Object(1)));
}
