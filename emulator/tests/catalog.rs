//! Serving a whole spec folder: every service version is listed at start and read on its
//! first request, so a catalog of hundreds of specs starts at once and a broken spec fails
//! only its own requests.

mod common;

use std::path::Path;

use common::{Raw, code};
use tc_emulator::{Emulator, SpecSet};

fn workspace_specs() -> SpecSet {
    SpecSet::empty()
        .and_then(|set| set.with_spec_dir(Path::new("../spec")))
        .expect("the workspace's spec folder lists")
}

#[test]
fn every_service_version_of_the_folder_is_served() {
    let specs = workspace_specs();
    let files = std::fs::read_dir("../spec")
        .expect("spec/ lists")
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_dir())
        .flat_map(|dir| std::fs::read_dir(dir.path()).expect("a service folder lists"))
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.ends_with(".json") && !name.contains("overlay")
        })
        .count();
    assert_eq!(specs.len(), files, "{:?}", specs.keys().collect::<Vec<_>>());
    for (service, version) in [
        ("ssl", "2019-12-05"),
        ("dnspod", "2021-03-23"),
        ("cvm", "2017-03-12"),
    ] {
        let model = specs
            .service(service, version)
            .expect("served")
            .expect("checks");
        assert_eq!(model.ir.service, service);
        assert!(!model.ir.actions.is_empty());
    }
    assert!(specs.service("cvm", "2001-01-01").is_none());
}

#[tokio::test]
async fn a_service_of_the_folder_answers_with_signatures_and_validation() {
    let emulator = Emulator::builder()
        .specs(workspace_specs())
        .start()
        .await
        .expect("starts");
    let url = emulator.base_url().to_owned();
    let regions = Raw {
        service: "cvm",
        version: "2017-03-12",
        ..Raw::new("DescribeRegions", "{}")
    };
    let (_, answer) = regions.send(&url).await;
    assert_eq!(code(&answer), None, "{answer}");
    let (_, unsigned) = Raw {
        secret_key: "not-the-key",
        ..regions
    }
    .send(&url)
    .await;
    assert_eq!(code(&unsigned), Some("AuthFailure.SignatureFailure"));
    let (_, invalid) = Raw {
        service: "dnspod",
        version: "2021-03-23",
        ..Raw::new("DescribeRecordList", r#"{"Domain": 5}"#)
    }
    .send(&url)
    .await;
    assert_eq!(code(&invalid), Some("InvalidParameter"), "{invalid}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_broken_spec_fails_only_its_own_requests_and_says_where() {
    let dir = std::env::temp_dir().join(format!("tc-emulator-catalog-{}", std::process::id()));
    let broken = dir.join("broken");
    std::fs::create_dir_all(&broken).expect("temp folder");
    std::fs::write(broken.join("2020-01-01.json"), "{\"service\": \"broken\",").expect("write");
    std::fs::write(broken.join("notes.md"), "not a spec").expect("write");
    let specs = SpecSet::builtin()
        .and_then(|set| set.with_spec_dir(&dir))
        .expect("listing does not read the specs");
    assert_eq!(
        specs.versions("broken").collect::<Vec<_>>(),
        ["2020-01-01"],
        "only dated files are specs"
    );
    let emulator = Emulator::builder()
        .specs(specs)
        .start()
        .await
        .expect("starts");
    let url = emulator.base_url().to_owned();
    let (_, answer) = Raw {
        service: "broken",
        version: "2020-01-01",
        ..Raw::new("DescribeThings", "{}")
    }
    .send(&url)
    .await;
    assert_eq!(code(&answer), Some("InternalError"), "{answer}");
    let message = answer["Response"]["Error"]["Message"]
        .as_str()
        .unwrap_or("");
    assert!(message.contains("2020-01-01.json"), "{message}");
    let (_, ssl) = Raw::new("DescribeCertificates", "{}").send(&url).await;
    assert_eq!(code(&ssl), None, "{ssl}");
    emulator.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
