//! Importing tccli descriptions: type mapping, documentation, statuses, examples, error codes,
//! unsupported members and bad input.

mod support;

use std::path::{Path, PathBuf};

use serde_json::json;
use support::scratch;
use tc_codegen::import::{self, ImportSource, errorcodes};
use tc_codegen::spec::model::ActionStatus;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tccli")
}

fn demo() -> ImportSource {
    ImportSource::tccli(&fixtures().join("demo/v20240101"))
        .errorcodes(fixtures().join("sdk/demo/v20240101/errorcodes.py"))
}

#[test]
fn maps_every_type_kind() {
    let imported = import::import_service(&demo()).unwrap();
    let spec = &imported.spec;
    assert_eq!(spec.service, "demo");
    assert_eq!(spec.version, "2024-01-01");
    assert_eq!(spec.name, "演示");
    assert_eq!(spec.endpoint, "demo.tencentcloudapi.com");
    let input = &spec.actions["DescribeThings"].input;
    let types: Vec<(&str, &str)> = input
        .iter()
        .map(|(k, m)| (k.as_str(), m.ty.as_str()))
        .collect();
    assert_eq!(
        types,
        [
            ("Name", "string"),
            ("Offset", "i64"),
            ("Limit", "u64"),
            ("Ratio", "f64"),
            ("Verbose", "bool"),
            ("Since", "datetime"),
            ("Until", "datetime_iso"),
            ("Day", "date"),
            ("Ids", "list<string>"),
            ("Numbers", "list<u64>"),
            ("Filters", "list<Filter>"),
            ("Legacy", "string"),
            ("Count", "i64"),
        ]
    );
    assert!(input["Name"].required);
    assert!(!input["Limit"].required);
    // Examples are typed as their member; `无` and ones that do not fit are left out.
    assert_eq!(input["Offset"].example, Some(json!(-3)));
    assert_eq!(input["Limit"].example, Some(json!(20)));
    assert_eq!(input["Ratio"].example, Some(json!(0.5)));
    assert_eq!(input["Verbose"].example, Some(json!(true)));
    assert_eq!(input["Ids"].example, Some(json!(["a", "b"])));
    assert_eq!(input["Numbers"].example, Some(json!([1, 2])));
    assert_eq!(input["Filters"].example, None);
    assert_eq!(input["Count"].example, None);

    let output = &spec.actions["DescribeThings"].output;
    assert!(!output.contains_key("RequestId"), "RequestId is implied");
    assert_eq!(output["Things"].ty, "list<Thing>");
    assert!(output["Things"].required && !output["Things"].nullable);
    assert!(!output["TotalCount"].required && output["TotalCount"].nullable);

    // Request and response objects are the actions'; the rest are types, in source order.
    let names: Vec<&str> = spec.types.keys().map(String::as_str).collect();
    assert_eq!(names, ["Filter", "Thing", "Owner"]);
    let thing = spec.types["Thing"].members.as_ref().unwrap();
    assert_eq!(thing["Owner"].ty, "Owner");
    // Used both ways: required only when required in requests and always sent in responses.
    assert!(thing["Id"].required);
    assert!(!thing["Owner"].required && thing["Owner"].nullable);
    let filter = spec.types["Filter"].members.as_ref().unwrap();
    assert!(filter["Name"].required && !filter["Name"].nullable);
}

#[test]
fn disabled_members_are_kept_as_deprecated() {
    let imported = import::import_service(&demo()).unwrap();
    let legacy = &imported.spec.actions["DescribeThings"].input["Legacy"];
    assert!(legacy.deprecated);
    assert!(!imported.spec.actions["DescribeThings"].input["Name"].deprecated);
}

#[test]
fn deprecated_and_offline_actions_are_kept_and_marked() {
    let spec = import::import_service(&demo()).unwrap().spec;
    assert_eq!(spec.actions["OldThing"].status, ActionStatus::Deprecated);
    assert_eq!(spec.actions["GoneThing"].status, ActionStatus::Offline);
    assert_eq!(spec.actions["DescribeThings"].status, ActionStatus::Online);
    // No status at all reads as online.
    assert_eq!(spec.actions["UploadThing"].status, ActionStatus::Online);
    // Nothing is retried unless curation says it is safe.
    assert!(spec.actions.values().all(|a| !a.retry_safe));
}

#[test]
fn binary_members_are_reported_with_their_path() {
    let imported = import::import_service(&demo()).unwrap();
    let reported: Vec<(&str, &str)> = imported
        .unsupported
        .iter()
        .map(|u| (u.path.as_str(), u.target.as_str()))
        .collect();
    assert_eq!(
        reported,
        [
            (
                "objects.UploadThingRequest.members[0]",
                "actions.UploadThing.input.File"
            ),
            ("objects.Thing.members[2]", "types.Thing.members.Blob"),
        ]
    );
    assert!(
        imported
            .unsupported
            .iter()
            .all(|u| u.reason.contains("binary") && u.file.ends_with("api.json"))
    );
    let upload = &imported.spec.actions["UploadThing"];
    assert!(!upload.input.contains_key("File"));
    assert!(upload.input.contains_key("FileName"));
    assert!(
        upload.notes.iter().any(|n| n.contains("`File`")),
        "the spec says what was left out"
    );
    let thing = &imported.spec.types["Thing"];
    assert!(thing.notes.iter().any(|n| n.contains("`Blob`")));
    assert!(
        imported.unsupported[0]
            .to_string()
            .contains("actions.UploadThing.input.File")
    );
}

#[test]
fn documentation_html_becomes_markdown() {
    let spec = import::import_service(&demo()).unwrap().spec;
    assert_eq!(
        spec.actions["DescribeThings"].description,
        "Lists things.\n\n- first & **bold**\n- see [the docs](https://cloud.tencent.com/document/api/1)"
    );
    assert_eq!(spec.description, "Things\n\nand more things.");
    assert_eq!(
        spec.actions["DescribeThings"].output["TotalCount"].description,
        "Total.\n\n注意：此字段可能返回 null，表示取不到有效值。"
    );
    let owner = spec.types["Owner"].members.as_ref().unwrap();
    assert_eq!(
        owner["Kind"].description,
        "| Value | Meaning |\n|---|---|\n| 1 | person |\n| 2 | team |"
    );
}

#[test]
fn examples_keep_json_bodies_read_get_urls_and_skip_what_does_not_parse() {
    let imported = import::import_service(&demo()).unwrap();
    let examples = &imported.spec.actions["DescribeThings"].examples;
    assert_eq!(examples.len(), 2);
    assert_eq!(examples[0].title, "Listing things");
    assert_eq!(examples[0].description, "Lists the things of a zone.");
    assert_eq!(examples[0].request, json!({"Name": "abc", "Limit": 20}));
    assert_eq!(examples[0].response["Response"]["TotalCount"], json!(1));
    // GET parameters are typed by the input members, lists and structures rebuilt.
    assert_eq!(
        examples[1].request,
        json!({"Name": "abc", "Limit": 20, "Verbose": true, "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-1"]}]})
    );
    let warnings: Vec<String> = imported
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.path, w.message))
        .collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("actions.DescribeThings[2].input: the request body is not JSON")
    );
    assert!(warnings[1].starts_with("actions.DescribeThings[3].output: the response is not JSON"));
    assert!(warnings[2].starts_with("actions.Missing: "));
    assert!(
        imported
            .warnings
            .iter()
            .all(|w| w.file.ends_with("examples.json"))
    );
}

#[test]
fn error_codes_come_from_the_sdk_with_their_comments() {
    let spec = import::import_service(&demo()).unwrap().spec;
    let codes: Vec<(&str, &str)> = spec
        .errors
        .iter()
        .map(|(k, v)| (k.as_str(), v.description()))
        .collect();
    assert_eq!(
        codes,
        [
            ("FailedOperation", "操作失败。"),
            ("ResourceNotFound.Thing", "资源不存在， 请检查 ID。"),
            ("InvalidParameter.NoComment", ""),
        ]
    );
    let ssl = errorcodes::parse(
        &std::fs::read_to_string(fixtures().join("sdk/ssl/v20191205/errorcodes.py")).unwrap(),
    );
    assert_eq!(ssl.len(), 115);
    assert_eq!(ssl["FailedOperation.AuthError"], "请检查是否有权限。");
}

#[test]
fn ssl_imports_all_actions_and_shared_structures() {
    let source = ImportSource::tccli(&fixtures().join("ssl/v20191205/api.json"))
        .errorcodes(fixtures().join("sdk/ssl/v20191205/errorcodes.py"));
    let imported = import::import_service(&source).unwrap();
    assert_eq!(imported.spec.actions.len(), 68);
    assert_eq!(imported.spec.types.len(), 88);
    assert!(imported.unsupported.is_empty());
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
    assert!(
        imported
            .spec
            .actions
            .values()
            .all(|a| !a.output.contains_key("RequestId"))
    );
    // The same inputs print the same bytes.
    assert_eq!(
        imported.to_json(),
        import::import_service(&source).unwrap().to_json()
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn bad_input_names_the_file_and_the_path() {
    let dir = scratch("bad");
    let cases = [
        ("not JSON", "{\"actions\": ", ""),
        ("an array", "[]", ""),
        (
            "no metadata",
            r#"{"actions": {}, "objects": {}}"#,
            "metadata",
        ),
        (
            "no service name",
            r#"{"metadata": {"apiVersion": "2020-01-01"}, "actions": {}, "objects": {}}"#,
            "metadata.serviceShortName",
        ),
        (
            "missing request object",
            r#"{"metadata": {"serviceShortName": "x", "apiVersion": "2020-01-01"}, "actions": {"A": {"input": "ARequest", "output": "AResponse", "document": ""}}, "objects": {}}"#,
            "actions.A.input",
        ),
        (
            "members not a list",
            r#"{"metadata": {"serviceShortName": "x", "apiVersion": "2020-01-01"}, "actions": {}, "objects": {"T": {"members": 3}}}"#,
            "objects.T.members",
        ),
        (
            "member without a name",
            r#"{"metadata": {"serviceShortName": "x", "apiVersion": "2020-01-01"}, "actions": {}, "objects": {"T": {"members": [{"type": "string", "member": "string"}]}}}"#,
            "objects.T.members[0].name",
        ),
    ];
    for (what, text, path) in cases {
        let api = write(&dir, "api.json", text);
        let error = import::import_service(&ImportSource::tccli(&api)).expect_err(what);
        assert_eq!(error.file, api, "{what}");
        assert_eq!(error.path, path, "{what}: {error}");
        assert!(error.to_string().contains("api.json"), "{what}");
    }
    let missing =
        import::import_service(&ImportSource::tccli(&dir.join("nowhere/api.json"))).unwrap_err();
    assert!(missing.message.starts_with("cannot read"), "{missing}");
}

#[test]
fn odd_but_valid_input_imports_without_panicking() {
    let dir = scratch("odd");
    let api = write(
        &dir,
        "api.json",
        r#"{"metadata": {"serviceShortName": "x", "apiVersion": "2020-01-01"},
            "actions": {"A": {"input": "AReq", "output": "ARes", "document": "<b>unclosed & < 3 <公共参数> &bogus; &#x41;", "status": "weird"}},
            "objects": {
              "AReq": {"members": [
                {"name": "L", "type": "list", "member": "binary"},
                {"name": "U", "type": "unknown", "member": "x"},
                {"name": "N", "type": "object", "member": "Nowhere"},
                {"name": "E", "type": "int", "member": "int64", "example": 12},
                {"name": "E", "type": "string", "member": "string"}
              ]},
              "ARes": {"members": []}
            }}"#,
    );
    let imported = import::import_service(&ImportSource::tccli(&api)).unwrap();
    let action = &imported.spec.actions["A"];
    assert_eq!(action.description, "**unclosed & < 3 <公共参数> &bogus; A");
    assert_eq!(imported.unsupported.len(), 3);
    assert_eq!(action.input["E"].ty, "i64");
    assert_eq!(action.input["E"].example, Some(json!(12)));
    assert_eq!(imported.warnings.len(), 2, "{:#?}", imported.warnings);
}

#[test]
fn html_edge_cases() {
    use tc_codegen::import::html::to_text;
    // Escaped markup, as some pages write it, is read as markup.
    assert_eq!(
        to_text("取值：<br>&lt;li&gt;A：甲<br>&lt;li&gt;B：乙"),
        "取值：\n\n- A：甲\n- B：乙"
    );
    assert_eq!(to_text("<del>old</del> new"), "~~old~~ new");
    assert_eq!(to_text("a &lt; b &amp;&amp; c &gt; d"), "a < b && c > d");
    assert_eq!(
        to_text("<ol><li>one</li><li>two</li></ol>"),
        "1. one\n2. two"
    );
    assert_eq!(
        to_text("<ul><li>a<ul><li>b</li></ul></li></ul>"),
        "- a\n  - b"
    );
    assert_eq!(to_text("#1 is first\n---"), "\\#1 is first\n\n\\---");
    assert_eq!(
        to_text("<pre>let x = 1;\nlet y = 2;</pre>"),
        "    let x = 1;\n    let y = 2;"
    );
    assert_eq!(
        to_text("<dx-alert infotype=\"explain\">Note</dx-alert>"),
        "Note"
    );
    assert_eq!(
        to_text("see <a href='https://x.y/z'>here</a>."),
        "see [here](https://x.y/z)."
    );
    assert_eq!(to_text("  plain  "), "plain");
}
