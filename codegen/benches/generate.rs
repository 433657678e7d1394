//! Time of each generator stage on the ssl spec (68 actions, 108 types), and of all of them.
//!
//! `cargo bench -p tc-codegen --bench generate`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_main};
use tc_codegen::{check, spec};

const SPEC: &str = "../spec/ssl/2019-12-05.json";
const COMMON: &str = "../spec/common.json";

fn stages(c: &mut Criterion) {
    let text = std::fs::read_to_string(SPEC).expect("the ssl spec is readable");
    let common_text = std::fs::read_to_string(COMMON).expect("the common spec is readable");
    let common = spec::parse_common(Path::new(COMMON), common_text).expect("valid common spec");
    let parsed = spec::parse_service(Path::new(SPEC), text.clone()).expect("valid spec");
    let service = check::check(&parsed, Some(&common)).expect("checks");
    let tokens = tc_codegen::tokens(&service);

    let mut group = c.benchmark_group("ssl");
    group.bench_function("parse", |b| {
        b.iter(|| spec::parse_service(Path::new(SPEC), black_box(text.clone())))
    });
    group.bench_function("check", |b| {
        b.iter(|| check::check(black_box(&parsed), Some(&common)))
    });
    group.bench_function("emit", |b| {
        b.iter(|| tc_codegen::tokens(black_box(&service)))
    });
    group.bench_function("format", |b| {
        b.iter(|| tc_codegen::format::file(black_box(tokens.clone()), SPEC))
    });
    group.bench_function("all (read, parse, check, emit, format)", |b| {
        b.iter(|| tc_codegen::generate(black_box(Path::new(SPEC))))
    });
    group.finish();
}

// criterion's macro defines an undocumented function; keep the allowance to it alone.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group! {
        name = benches;
        config = criterion::Criterion::default().sample_size(20);
        targets = super::stages
    }
}
criterion_main!(group::benches);
