//! Lists every action of the ssl spec as a decoder of its generated response type, into
//! `OUT_DIR/ssl_answers.rs`, so that the answer target covers each response type (and every
//! one added to the spec later) without anyone listing them by hand.

use std::fmt::Write as _;
use std::path::PathBuf;

const SPEC: &str = "../spec/ssl/2019-12-05.json";

fn main() {
    println!("cargo::rerun-if-changed={SPEC}");
    println!("cargo::rerun-if-changed=../spec/common.json");
    let service = match tc_codegen::load(SPEC.as_ref()) {
        Ok(loaded) => loaded.service,
        Err(problems) => {
            for problem in problems.iter() {
                println!("cargo::error={problem}");
            }
            return;
        }
    };
    let mut out = String::from("/// Every ssl action with the decoder of its answer.\n");
    out.push_str("pub const SSL_ANSWERS: &[(&str, Decoder)] = &[\n");
    for action in &service.actions {
        writeln!(
            out,
            "    ({:?}, decode::<ssl::{}>),",
            action.wire_name, action.request
        )
        .expect("writing to a String");
    }
    out.push_str("];\n");
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(dir.join("ssl_answers.rs"), out).expect("OUT_DIR is writable");
}
