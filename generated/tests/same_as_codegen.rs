//! The build script's output is byte for byte what `tc-codegen generate` writes for the same
//! spec: both format `tc_codegen::tokens`, which is also what the `service!` macro expands to.

use std::path::Path;

const BUILT: &str = include_str!(concat!(env!("OUT_DIR"), "/ssl_v20191205.rs"));

#[test]
fn build_script_output_equals_the_library_output() {
    // The build script names the spec relative to the workspace in the header, and generates
    // for round trips when a crate of the build (the emulator) asks for them.
    let settings = tc_codegen::Settings::default()
        .with_label("spec/ssl/2019-12-05.json")
        .round_trip(cfg!(feature = "round-trip"));
    let loaded = tc_codegen::load_with(Path::new("../spec/ssl/2019-12-05.json"), &settings)
        .expect("valid spec");
    assert!(
        tc_codegen::source(&loaded.service) == BUILT,
        "the build script wrote other code"
    );
}
