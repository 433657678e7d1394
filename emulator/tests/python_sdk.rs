//! Tencent's official Python SDK against the emulator (emulator/tests/python/sdk_case.py):
//! ApplyCertificate and DescribeCertificate are accepted, a wrong key is refused.
//!
//! The interpreter is named by `TC_PYTHON` (a virtual environment with
//! `tencentcloud-sdk-python-common` and `tencentcloud-sdk-python-ssl`). Without it the test
//! says why and passes, except under CI (`CI` set), where it fails.

use std::path::Path;
use std::process::Command;

use tc_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY, Emulator};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_python_sdk_is_accepted() {
    let Some(python) = std::env::var_os("TC_PYTHON").filter(|p| !p.is_empty()) else {
        let reason = "TC_PYTHON is not set: name a Python with tencentcloud-sdk-python-common \
                      and tencentcloud-sdk-python-ssl installed to run the Python SDK case";
        if std::env::var_os("CI").is_some() {
            panic!("{reason}");
        }
        eprintln!("skipping the Python SDK case: {reason}");
        return;
    };
    let probe = Command::new(&python)
        .args(["-c", "import tencentcloud.ssl.v20191205.ssl_client"])
        .output();
    match probe {
        Ok(output) if output.status.success() => {}
        Ok(output) => panic!(
            "{} cannot import the Tencent Cloud Python SDK (pip install tencentcloud-sdk-python-common tencentcloud-sdk-python-ssl): {}",
            python.to_string_lossy(),
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => panic!("cannot run TC_PYTHON={}: {error}", python.to_string_lossy()),
    }
    let emulator = Emulator::builder().start().await.unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/sdk_case.py");
    let base_url = emulator.base_url().to_owned();
    let output = tokio::task::spawn_blocking(move || {
        Command::new(&python)
            .arg(script)
            .args([base_url.as_str(), DEMO_SECRET_ID, DEMO_SECRET_KEY])
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the Python SDK case failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let seen: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(seen["wrong_key"], "AuthFailure.SignatureFailure");
    assert_eq!(seen["invalid_value"], "InvalidParameterValue");
    assert_eq!(seen["certificate_id"].as_str().map(str::len), Some(8));
    let journal = emulator.journal();
    assert!(
        journal
            .iter()
            .any(|e| e.action == "ApplyCertificate" && e.outcome == "ok")
    );
    assert!(
        journal
            .iter()
            .any(|e| e.action == "DescribeCertificate" && e.outcome == "ok")
    );
    emulator.shutdown().await;
}

/// Tencent's CLI against the emulator (emulator/scripts/tccli_case.sh). The CLI is named by
/// `TC_TCCLI`, or found beside `TC_PYTHON` (`pip install tccli` in the same environment);
/// without either the test says why and passes.
#[test]
fn tccli_is_accepted() {
    let beside_python = std::env::var_os("TC_PYTHON")
        .map(|python| Path::new(&python).with_file_name("tccli"))
        .filter(|path| path.is_file());
    let tccli = std::env::var_os("TC_TCCLI")
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from)
        .or(beside_python);
    let Some(tccli) = tccli else {
        eprintln!(
            "skipping the tccli case: neither TC_TCCLI nor a tccli beside TC_PYTHON \
             (pip install tccli into that environment)"
        );
        return;
    };
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/tccli_case.sh");
    let output = Command::new("bash")
        .arg(script)
        .arg(&tccli)
        .env("TC_EMULATOR", env!("CARGO_BIN_EXE_tc-emulator"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the tccli case failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("refused with AuthFailure.SignatureFailure"),
        "{stdout}"
    );
}
