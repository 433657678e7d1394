//! Names the source spells alike get a `rust_name` on import, so that the checker accepts the
//! result; a hand-written spec with the same clashes is rejected (see `broken_specs`).

use indexmap::IndexMap;
use serde_json::json;
use tc_codegen::import::{self, ImportSource};

fn member(name: &str, ty: &str) -> serde_json::Value {
    json!({"name": name, "member": ty, "type": ty, "required": false, "disabled": false, "document": ""})
}

#[test]
fn clashing_members_types_and_codes_are_renamed_and_then_check_clean() {
    let api = json!({
        "metadata": {"serviceShortName": "as", "apiVersion": "2020-01-01", "serviceNameCN": "AS"},
        "version": "1.0",
        "actions": {
            "Ping": {"name": "Ping", "document": "Pings.", "input": "PingRequest", "output": "PingResponse", "status": "online"}
        },
        "objects": {
            "PingRequest": {"type": "object", "document": "", "members": [
                member("UUI", "string"), member("Uui", "string"), member("New", "string")
            ]},
            "PingResponse": {"type": "object", "document": "", "members": [
                {"name": "Holder", "member": "Option", "type": "object", "document": "", "output_required": false, "value_allowed_null": false},
                {"name": "RequestId", "member": "string", "type": "string", "document": ""}
            ]},
            "Option": {"type": "object", "document": "", "members": [member("Id", "string")]}
        }
    });
    let codes = IndexMap::from([
        (
            "InvalidParameter.Conflict".to_owned(),
            "A conflict.".to_owned(),
        ),
        (
            "InvalidParameterConflict".to_owned(),
            "Another conflict.".to_owned(),
        ),
    ]);
    let source = ImportSource {
        api: "api.json".into(),
        ..ImportSource::default()
    };
    let imported = import::import_values(&source, &api, None, Some(codes), None).expect("imports");
    let spec = &imported.spec;
    let input = &spec.actions["Ping"].input;
    assert_eq!(input["UUI"].rust_name, None);
    assert_eq!(input["Uui"].rust_name.as_deref(), Some("uui_2"));
    assert_eq!(
        spec.types["Option"].rust_name.as_deref(),
        Some("OptionType")
    );
    assert_eq!(
        spec.errors["InvalidParameterConflict"].rust_name(),
        Some("InvalidParameterConflict2")
    );
    assert_eq!(imported.warnings.len(), 3, "{:?}", imported.warnings);

    let dir = tempfile::tempdir().expect("creates a scratch folder");
    let file = dir.path().join("as/2020-01-01.json");
    std::fs::create_dir_all(file.parent().expect("has a folder")).expect("creates the folder");
    std::fs::write(&file, imported.to_json()).expect("writes the spec");
    let loaded = tc_codegen::load(&file);
    let service = loaded
        .unwrap_or_else(|problems| panic!("{problems}"))
        .service;
    assert_eq!(service.module, "r#as");
}
