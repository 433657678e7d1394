use serde_json::json;

use super::{assert_problem, check, spec_with};
use crate::ir::{EnumBase, Literal, TypeKind, TypeRef};

#[test]
fn value_sets_name_their_variants_and_keep_their_values() {
    let spec = spec_with(json!({"types": {"Algo": {"values": [
        {"value": "RSA"}, {"value": "ECC"}, {"value": "SM2-X", "name": "Sm2"}
    ]}}}));
    let service = check(&spec).expect("valid");
    let TypeKind::Enum { base, variants } = &service.types[0].kind else {
        panic!("a value set");
    };
    assert_eq!(*base, EnumBase::String);
    let names: Vec<&str> = variants.iter().map(|v| v.rust_name.as_str()).collect();
    assert_eq!(names, ["Rsa", "Ecc", "Sm2"]);
    assert_eq!(variants[2].value, Literal::String("SM2-X".into()));
}

#[test]
fn integer_value_sets_need_names_and_fitting_values() {
    let spec = spec_with(json!({"types": {"Level": {"type": "u64", "values": [
        {"value": 1}, {"value": -1, "name": "Minus"}
    ]}}}));
    assert_problem(&spec, "types.Level.values[0]", "makes no Rust variant name");
    assert_problem(&spec, "types.Level.values[1].value", "does not fit");
}

#[test]
fn a_type_is_a_structure_or_a_value_set() {
    let both = spec_with(json!({"types": {"T": {"members": {}, "values": [{"value": "a"}]}}}));
    assert_problem(&both, "types.T", "not both");
    let neither = spec_with(json!({"types": {"T": {"description": "?"}}}));
    assert_problem(&neither, "types.T", "neither");
}

#[test]
fn member_types_resolve_through_lists_to_named_types() {
    let spec = spec_with(json!({
        "types": {"Tag": {"members": {"Key": {"type": "string"}}}},
        "actions": {"Ping": {"input": {"Tags": {"type": "list<Tag>"}}}}
    }));
    let service = check(&spec).expect("valid");
    assert_eq!(
        service.actions[0].input[0].ty,
        TypeRef::List(Box::new(TypeRef::Object(0)))
    );
    assert!(service.types[0].in_requests, "Tag is held by a request");
}

#[test]
fn unknown_types_are_reported_on_the_member() {
    let spec = spec_with(json!({"actions": {"Ping": {"input": {"Tags": {"type": "list<Tga>"}}}}}));
    assert_problem(&spec, "actions.Ping.input.Tags.type", "unknown type `Tga`");
}
