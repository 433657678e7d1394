//! Tells the `tencentcloud` build script where this crate's specs are.
//!
//! The crate's `links` key is its own name, so cargo hands `cargo::metadata=dir=...` to the
//! crates that depend on it as `DEP_TENCENTCLOUD_SPEC_<SERVICE>_DIR`: the folder of the
//! service's `<version>.json` files, with `common.json` in the folder above, as in `spec/`.

use std::path::Path;

fn main() {
    let name = env!("CARGO_PKG_NAME");
    let service = name.strip_prefix("tencentcloud-spec-").unwrap_or(name);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("spec")
        .join(service);
    println!("cargo::metadata=dir={}", dir.display());
    println!("cargo::rerun-if-changed=build.rs");
}
