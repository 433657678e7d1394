//! Hand curation lives in an overlay (an RFC 7396 merge patch) and survives re-import.

mod support;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::json;
use support::scratch;
use tc_codegen::import::action_errors::ActionErrorCodes;
use tc_codegen::import::{self, ImportSource, overlay};
use tc_codegen::spec::model::Lang;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

fn ssl() -> ImportSource {
    let fixtures = root().join("tests/fixtures/tccli");
    let action_errors = ActionErrorCodes::load(&fixtures.join("action-error-codes-ssl.json"));
    ImportSource::tccli(&fixtures.join("ssl/v20191205"))
        .errorcodes(fixtures.join("sdk/ssl/v20191205/errorcodes.py"))
        .english(fixtures.join("intl/ssl/v20191205"))
        .action_errors(Arc::new(action_errors.unwrap()))
        .common(root().join("../spec/common.json"))
        .overlay(root().join("../spec/ssl/2019-12-05.overlay.json"))
}

#[test]
fn the_committed_ssl_spec_is_the_import_of_the_fixtures_and_its_overlay() {
    let imported = import::import_service(&ssl()).unwrap();
    let committed = std::fs::read_to_string(root().join("../spec/ssl/2019-12-05.json")).unwrap();
    assert!(
        imported.to_json() == committed,
        "re-run the ssl import: spec/ssl/2019-12-05.json is stale"
    );
}

#[test]
fn reimport_with_the_same_overlay_gives_identical_bytes() {
    let dir = scratch("reimport");
    let out = dir.join("ssl/2019-12-05.json");
    import::import_to_file(&ssl(), &out).unwrap();
    let first = std::fs::read(&out).unwrap();
    import::import_to_file(&ssl(), &out).unwrap();
    assert_eq!(first, std::fs::read(&out).unwrap());
    assert!(first.ends_with(b"}\n"));
}

#[test]
fn curation_is_in_the_output() {
    let imported = import::import_service(&ssl()).unwrap();
    assert!(
        imported.overlay_additions.is_empty(),
        "{:?}",
        imported.overlay_additions
    );
    let spec = &imported.spec;
    assert_eq!(spec.name, "SSL Certificates");
    assert_eq!(spec.actions.len(), 68);
    let apply = &spec.actions["ApplyCertificate"];
    assert_eq!(apply.description, "Applies for a free certificate.");
    assert_eq!(apply.input["DvAuthMethod"].ty, "DvAuthMethod");
    assert_eq!(apply.input["CsrEncryptAlgo"].ty, "CsrEncryptAlgo");
    assert!(apply.input["CsrKeyPassword"].sensitive);
    assert_eq!(apply.constraints.len(), 4);
    // The Go SDK's codes with the overlay's English descriptions; no common code.
    assert_eq!(apply.errors.len(), 24);
    assert_eq!(
        apply.errors["FailedOperation.ExceedsFreeLimit"].description(),
        "The number of free certificates exceeds the maximum value."
    );
    assert!(!apply.errors.contains_key("InternalError"));
    assert_eq!(apply.examples[0].title, "Applying for a free certificate");
    // Sources disagree (20/s on the action's page, 10/s in the frequency table): the safer
    // one, for every action of the service.
    assert_eq!(spec.rate_limit, Some(10));
    assert!(spec.actions.values().all(|a| a.rate_limit.is_none()));
    assert!(
        apply
            .notes
            .iter()
            .any(|n| n.contains("20") && n.contains("10"))
    );

    let status = &spec.types["CertificateStatus"];
    assert_eq!(status.ty.as_deref(), Some("u64"));
    let values = status.values.as_ref().unwrap();
    assert_eq!(values.len(), 16);
    assert_eq!(values[0].value, json!(0));
    assert_eq!(values[0].name.as_deref(), Some("Reviewing"));
    assert_eq!(
        spec.actions["DescribeCertificate"].output["Status"].ty,
        "CertificateStatus"
    );
    for name in [
        "DvAuthMethod",
        "CsrEncryptAlgo",
        "VerifyType",
        "ResourceType",
    ] {
        assert!(spec.types[name].values.is_some(), "{name}");
    }
    assert_eq!(
        spec.actions["DeployCertificateInstance"].input["ResourceType"].ty,
        "ResourceType"
    );

    for (name, action) in &spec.actions {
        let read_only = ["Describe", "Check", "Download"]
            .iter()
            .any(|p| name.starts_with(p));
        assert_eq!(action.retry_safe, read_only, "{name}");
    }
    let waiter = &spec.waiters["CertificateIssued"];
    assert_eq!(
        (waiter.action.as_str(), waiter.status.as_str()),
        ("DescribeCertificate", "Status")
    );
    assert_eq!(waiter.success, [json!(1)]);
    // Imported facts stay: the service's codes from the SDK less the common ones, English
    // docs from the international edition, Chinese ones where it has none.
    assert_eq!(spec.errors.len(), 107);
    assert!(!spec.errors.contains_key("FailedOperation"));
    let describe = &spec.actions["DescribeCertificate"];
    assert_eq!(
        describe.description,
        "This API is used to get certificate information."
    );
    assert_eq!(describe.lang, Lang::En);
    assert!(
        describe
            .errors
            .contains_key("FailedOperation.CertificateNotFound")
    );
    let chinese = &spec.actions["CheckCertificateChain"];
    assert_eq!(chinese.lang, Lang::Zh);
    assert!(chinese.description.chars().any(|c| c > '\u{4e00}'));
    assert!(spec.notes.iter().any(|n| n.contains("tencentcloud-sdk-go")));
    // Secrets guessed from names and descriptions, besides the curated ones.
    assert!(spec.actions["CertificateInfoSubmit"].input["KeyPass"].sensitive);
    assert!(spec.actions["CreateCertificateByPackage"].input["RenewKeyPass"].sensitive);
    assert!(spec.actions["DownloadCertificate"].output["Content"].sensitive);
    assert!(!spec.actions["DownloadCertificate"].output["ContentType"].sensitive);
}

#[test]
fn merge_patch_follows_rfc_7396() {
    // The examples of RFC 7396, appendix A.
    let cases = [
        (json!({"a": "b"}), json!({"a": "c"}), json!({"a": "c"})),
        (
            json!({"a": "b"}),
            json!({"b": "c"}),
            json!({"a": "b", "b": "c"}),
        ),
        (json!({"a": "b"}), json!({"a": null}), json!({})),
        (
            json!({"a": "b", "b": "c"}),
            json!({"a": null}),
            json!({"b": "c"}),
        ),
        (json!({"a": ["b"]}), json!({"a": "c"}), json!({"a": "c"})),
        (json!({"a": "c"}), json!({"a": ["b"]}), json!({"a": ["b"]})),
        (
            json!({"a": {"b": "c"}}),
            json!({"a": {"b": "d", "c": null}}),
            json!({"a": {"b": "d"}}),
        ),
        (
            json!({"a": [{"b": "c"}]}),
            json!({"a": [1]}),
            json!({"a": [1]}),
        ),
        (json!(["a", "b"]), json!(["c", "d"]), json!(["c", "d"])),
        (json!({"a": "b"}), json!(["c"]), json!(["c"])),
        (json!({"a": "foo"}), json!(null), json!(null)),
        (json!({"a": "foo"}), json!("bar"), json!("bar")),
        (
            json!({"e": null}),
            json!({"a": 1}),
            json!({"e": null, "a": 1}),
        ),
        (
            json!([1, 2]),
            json!({"a": "b", "c": null}),
            json!({"a": "b"}),
        ),
        (
            json!({}),
            json!({"a": {"bb": {"ccc": null}}}),
            json!({"a": {"bb": {}}}),
        ),
    ];
    for (target, patch, expected) in cases {
        let mut merged = target.clone();
        overlay::merge(&mut merged, &patch);
        assert_eq!(merged, expected, "{target} + {patch}");
    }
}

#[test]
fn diff_makes_the_patch_that_merges_back() {
    let from = json!({"a": 1, "b": {"c": 2, "d": 3}, "e": [1], "keep": "same"});
    let to = json!({"a": 1, "b": {"c": 5}, "e": [1, 2], "keep": "same", "new": {"x": true}});
    let patch = overlay::diff(&from, &to).unwrap();
    assert_eq!(
        patch,
        json!({"b": {"c": 5, "d": null}, "e": [1, 2], "new": {"x": true}})
    );
    let mut merged = from.clone();
    overlay::merge(&mut merged, &patch);
    assert_eq!(merged, to);
    assert_eq!(overlay::diff(&to, &to), None);
}

#[test]
fn overlay_additions_and_deletions_are_visible() {
    let dir = scratch("add");
    let patch = dir.join("overlay.json");
    std::fs::write(
        &patch,
        r#"{"actions": {"ApplyCertificate": {"input": {"Renamed": {"type": "string"}, "Alias": null}}, "Gone": {"description": "x"}}}"#,
    )
    .unwrap();
    let source = ImportSource {
        overlay: Some(patch),
        ..ssl()
    };
    let imported = import::import_service(&source).unwrap();
    assert_eq!(
        imported.overlay_additions,
        ["actions.ApplyCertificate.input.Renamed", "actions.Gone"]
    );
    assert!(
        !imported.spec.actions["ApplyCertificate"]
            .input
            .contains_key("Alias")
    );
}

#[test]
fn a_bad_overlay_names_the_overlay_file_and_the_path() {
    let dir = scratch("bad");
    let patch = dir.join("overlay.json");
    for (text, path) in [
        (
            r#"{"actions": {"ApplyCertificate": {"retry_safe": "yes"}}}"#,
            "actions.ApplyCertificate.retry_safe",
        ),
        (
            r#"{"actions": {"ApplyCertificate": {"input": {"Alias": {"typo": 1}}}}}"#,
            "actions.ApplyCertificate.input.Alias.typo",
        ),
        (r#"{"service": null}"#, "."),
        ("[]", ""),
        ("{", ""),
    ] {
        std::fs::write(&patch, text).unwrap();
        let source = ImportSource {
            overlay: Some(patch.clone()),
            ..ssl()
        };
        let error = import::import_service(&source).expect_err(text);
        assert_eq!(error.file, patch, "{text}: {error}");
        assert_eq!(error.path, path, "{text}: {error}");
    }
}
