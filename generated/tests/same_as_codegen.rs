//! The build script's output is byte for byte what `tc-codegen generate` writes for the same
//! spec: both format `tc_codegen::tokens`, which is also what the `service!` macro expands to.

use std::path::Path;

const BUILT: &str = include_str!(concat!(env!("OUT_DIR"), "/ssl_v20191205.rs"));

#[test]
fn build_script_output_equals_the_library_output() {
    let loaded = tc_codegen::load(Path::new("../spec/ssl/2019-12-05.json")).expect("valid spec");
    let mut service = loaded.service;
    // The build script names the spec relative to the workspace in the header.
    service.source = "spec/ssl/2019-12-05.json".to_owned();
    assert!(
        tc_codegen::source(&service) == BUILT,
        "the build script wrote other code"
    );
}
