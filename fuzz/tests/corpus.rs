//! Every committed corpus file, including each input that once panicked (kept as a
//! regression), runs through its target without a panic, and the real seeds get through every
//! stage.

use tc_fuzz::runner::{install_quiet_hook, run_one};
use tc_fuzz::{corpus, targets};

#[test]
fn every_corpus_file_runs_without_a_panic() {
    install_quiet_hook();
    let root = corpus::default_root();
    let mut failures = Vec::new();
    for name in targets::NAMES {
        let target = targets::by_name(name).expect("a listed target");
        let files = corpus::load(&root, name).expect("the corpus folder is readable");
        assert!(!files.is_empty(), "fuzz/corpus/{name}/ has no seeds");
        for (path, bytes) in files {
            if let Err(message) = run_one(target.as_ref(), &bytes) {
                failures.push(format!("{}: {message}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "panics:\n{}", failures.join("\n"));
}

#[test]
fn the_real_seeds_reach_the_deepest_stage() {
    let deepest = |target: &str, file: &str| {
        let target = targets::by_name(target).expect("a listed target");
        let bytes = std::fs::read(corpus::default_root().join(target.name()).join(file))
            .expect("the seed exists");
        (target.run(&bytes), target.deepest())
    };
    for (target, file) in [
        ("spec", "demo.json"),
        ("spec", "ssl-apply.json"),
        ("answer", "DescribeCertificateDetail.json"),
        ("request", "CheckCertificateChain.json"),
        ("profile", "permanent.ini"),
    ] {
        let (reached, deepest) = deepest(target, file);
        assert_eq!(
            reached, deepest,
            "{target}/{file} stopped at stage {reached}"
        );
    }
}

#[test]
fn the_answer_target_covers_every_action_of_the_spec() {
    let answer = targets::by_name("answer").expect("a listed target");
    let examples = answer.extra_seeds();
    assert!(
        examples.len() >= 68,
        "only {} example answers",
        examples.len()
    );
    for example in &examples {
        let name = String::from_utf8_lossy(example.split(|b| *b == b'\n').next().unwrap_or(b""))
            .into_owned();
        assert!(
            answer.run(example) >= 1,
            "the documented answer of {name} does not decode"
        );
    }
}
