//! Every spec in `tests/specs/broken/` is rejected with all of its problems, each with file,
//! line, column, JSON path and what was expected, and none of them panics the generator.

use std::path::{Path, PathBuf};

fn broken_specs() -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir("tests/specs/broken")
        .expect("the corpus folder exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    specs.sort();
    specs
}

#[test]
fn each_broken_spec_reports_all_its_problems() {
    let specs = broken_specs();
    assert!(specs.len() >= 8, "the corpus has {} specs", specs.len());
    for spec in specs {
        let name = spec
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("utf-8 name")
            .to_owned();
        let problems = match tc_codegen::load(&spec) {
            Ok(_) => panic!("{} was accepted", spec.display()),
            Err(problems) => problems,
        };
        for problem in problems.iter() {
            assert_eq!(problem.file, spec, "{problem}");
            assert!(problem.line >= 1 && problem.column >= 1, "{problem}");
        }
        insta::assert_snapshot!(name, problems.to_string());
    }
}

#[test]
fn several_problems_in_one_file_are_reported_together() {
    let problems = tc_codegen::load(Path::new("tests/specs/broken/name_collisions.json"))
        .expect_err("the spec is broken");
    assert!(problems.len() >= 10, "{problems}");
}

#[test]
fn a_missing_file_is_a_diagnostic_not_a_panic() {
    let problems = tc_codegen::load(Path::new("tests/specs/broken/no_such_file.json"))
        .expect_err("the file does not exist");
    assert!(
        problems.to_string().contains("cannot read the file"),
        "{problems}"
    );
}
