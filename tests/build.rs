//! Writes one test per documented example of the ssl spec into `OUT_DIR/ssl_examples.rs`, and
//! one per rule (constraint) into `OUT_DIR/ssl_rules.rs`, so that every example and every rule
//! (and every one added to the spec later) is checked without anyone listing them by hand.
//! It also lists every struct the ssl spec generates in `OUT_DIR/ssl_structs.rs` (names from the
//! checked IR), for the test that no `Debug` output shows a secret.

use std::fmt::Write as _;
use std::path::PathBuf;

use tc_codegen::naming;

const SPEC: &str = "../spec/ssl/2019-12-05.json";

fn main() {
    println!("cargo::rerun-if-changed={SPEC}");
    let text = std::fs::read_to_string(SPEC).expect("the ssl spec is readable");
    let parsed = match tc_codegen::spec::parse_service(SPEC.as_ref(), text) {
        Ok(parsed) => parsed,
        Err(problems) => {
            for problem in problems {
                println!("cargo::error={problem}");
            }
            return;
        }
    };
    let mut out = String::new();
    for (name, action) in &parsed.spec.actions {
        // The checked spec names every action, so the names exist; skip any that do not and
        // let the generated crate's own build report it.
        let (Some(base), Some(method)) = (naming::type_name(name), naming::method(name)) else {
            continue;
        };
        let [request_type, ..] = naming::action_items(&base);
        for (index, example) in action.examples.iter().enumerate() {
            let test = format!("{}_example_{}", naming::bare(&method), index + 1);
            let request = serde_json::to_string(&example.request).expect("JSON value");
            let response = serde_json::to_string(&example.response).expect("JSON value");
            writeln!(
                out,
                "#[test]\nfn {test}() {{\n    conformance::check::<ssl::{request_type}>({request:?}, {response:?});\n}}\n"
            )
            .expect("writing to a String");
        }
    }
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    std::fs::write(dir.join("ssl_examples.rs"), out).expect("OUT_DIR is writable");
    std::fs::write(dir.join("ssl_rules.rs"), rule_tests(&parsed.spec))
        .expect("OUT_DIR is writable");
    std::fs::write(dir.join("ssl_structs.rs"), struct_list()).expect("OUT_DIR is writable");
}

/// `SSL_STRUCTS`: every request, response and structure type of the generated ssl module, by
/// its Rust name as the checked IR names it, each with `probe::<ssl::Type>` (defined by the test
/// that includes the list).
fn struct_list() -> String {
    let service = match tc_codegen::load(SPEC.as_ref()) {
        Ok(loaded) => {
            for input in &loaded.inputs {
                println!("cargo::rerun-if-changed={}", input.display());
            }
            loaded.service
        }
        Err(problems) => {
            println!("cargo::error={problems}");
            return String::new();
        }
    };
    let actions = service
        .actions
        .iter()
        .flat_map(|action| [&action.request, &action.response]);
    let structures = service.types.iter().filter_map(|named| {
        matches!(named.kind, tc_codegen::ir::TypeKind::Object { .. }).then_some(&named.rust_name)
    });
    let mut out = String::from("const SSL_STRUCTS: &[(&str, Probe)] = &[\n");
    for name in actions.chain(structures) {
        writeln!(out, "    ({name:?}, probe::<ssl::{name}>),").expect("writing to a String");
    }
    out.push_str("];\n");
    out
}

/// One test per constraint of the ssl spec (`ssl_rules.rs`): the rule holds for one request and
/// breaks for another, through `validate_with()` and through the emulator; and one per member
/// with limits, the same way.
fn rule_tests(spec: &tc_codegen::spec::model::ServiceSpec) -> String {
    let mut out = String::new();
    for (name, action) in &spec.actions {
        let (Some(base), Some(method)) = (naming::type_name(name), naming::method(name)) else {
            continue;
        };
        let [request_type, ..] = naming::action_items(&base);
        let method = naming::bare(&method);
        for index in 0..action.constraints.len() {
            let test = format!("{method}_rule_{}", index + 1);
            writeln!(
                out,
                "#[test]\nfn {test}() {{\n    rules::check::<ssl::{request_type}>({index});\n}}\n"
            )
            .expect("writing to a String");
        }
        for (member, spec) in &action.input {
            let limited = spec.max_items.is_some()
                || spec.min_items.is_some()
                || spec.maximum.is_some()
                || spec.minimum.is_some()
                || spec.min_length == Some(1)
                || spec.max_length.is_some()
                || spec.allowed.is_some();
            let Some(field) = naming::field(member) else {
                continue;
            };
            if limited {
                let test = format!("{method}_{}_limits", naming::bare(&field));
                writeln!(
                    out,
                    "#[test]\nfn {test}() {{\n    rules::limit::<ssl::{request_type}>({member:?});\n}}\n"
                )
                .expect("writing to a String");
            }
        }
    }
    out
}
