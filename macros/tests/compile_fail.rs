//! The macro's compile errors, pinned with trybuild.

use std::process::Command;

const CASE: &str = "spec_problems_are_compile_errors_with_positions";

#[test]
fn spec_problems_are_compile_errors_with_positions() {
    if std::env::var_os("TC_MACROS_MANIFEST_DIR").is_some() {
        trybuild::TestCases::new().compile_fail("tests/ui/*.rs");
        return;
    }
    // trybuild compiles the cases in a crate of its own under target/, where the macro would
    // look for specs; `TC_MACROS_MANIFEST_DIR` points it back here. The variable is set on a
    // child run of this test so that the process environment is never modified.
    let test_binary = std::env::current_exe().expect("the test binary has a path");
    let status = Command::new(test_binary)
        .args(["--exact", CASE, "--nocapture"])
        .env("TC_MACROS_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("the test binary runs");
    assert!(status.success(), "the compile-fail cases did not match");
}
