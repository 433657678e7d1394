//! tccli and tccx with the same arguments against the same emulator (ApplyCertificate,
//! DescribeCertificates with filters, validation errors, a skeleton, a wrong key): stdout,
//! stderr of API errors, and exit codes must be identical, request ids (and the random
//! certificate id) aside. tccli is named by `TC_TCCLI` (CI installs it); without it the test
//! says why and passes.

mod common;

use std::path::{Path, PathBuf};

use common::{DEMO_SECRET_ID, DEMO_SECRET_KEY, Home, Run, run_program};
use tc_emulator::Emulator;

fn tccli() -> Option<PathBuf> {
    std::env::var_os("TC_TCCLI")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

/// Replaces the value after each `marker` (up to `end`) with `<masked>`.
fn mask(text: &str, marker: &str, end: char) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(marker) {
        let value_start = at + marker.len();
        out.push_str(&rest[..value_start]);
        out.push_str("<masked>");
        rest = &rest[value_start..];
        rest = &rest[rest.find(end).unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out
}

fn normalized(text: &str) -> String {
    let text = mask(text, "\"RequestId\": \"", '"');
    let text = mask(&text, "\"CertificateId\": \"", '"');
    mask(&text, "requestId:", '\n')
}

struct Pair {
    tccli: Run,
    tccx: Run,
}

fn both(tccli: &Path, base_url: &str, args: &[&str], key: &str) -> Pair {
    let mut full: Vec<&str> = args.to_vec();
    full.extend([
        "--endpoint",
        base_url,
        "--region",
        "ap-guangzhou",
        "--secretId",
        DEMO_SECRET_ID,
        "--secretKey",
        key,
    ]);
    // Separate HOMEs: tccli writes its own files there on every run; tccx writes none.
    let (tccli_home, tccx_home) = (Home::new("cmp-tccli"), Home::new("cmp-tccx"));
    let pair = Pair {
        tccli: run_program(tccli, tccli_home.path(), &full, &[], ""),
        tccx: run_program(
            Path::new(env!("CARGO_BIN_EXE_tccx")),
            tccx_home.path(),
            &full,
            &[],
            "",
        ),
    };
    assert!(
        tccx_home.files().is_empty(),
        "tccx wrote {:?}",
        tccx_home.files()
    );
    pair
}

fn assert_same_outcome(case: &str, pair: &Pair) {
    assert_eq!(
        pair.tccx.code, pair.tccli.code,
        "{case}: exit codes differ\ntccli stderr: {}\ntccx stderr: {}",
        pair.tccli.stderr, pair.tccx.stderr
    );
    assert_eq!(
        normalized(&pair.tccx.stdout),
        normalized(&pair.tccli.stdout),
        "{case}: stdout differs"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tccx_answers_as_tccli_does() {
    let Some(tccli) = tccli() else {
        eprintln!(
            "skipping the tccli comparison: TC_TCCLI is not set (CI installs tccli 3.1.189.1 into .venv and sets it)"
        );
        return;
    };
    let emulator = Emulator::builder().start().await.unwrap();
    let url = emulator.base_url().to_owned();
    let tccli = tccli.clone();
    tokio::task::spawn_blocking(move || {
        let apply = [
            "ssl",
            "ApplyCertificate",
            "--DvAuthMethod",
            "DNS_AUTO",
            "--DomainName",
            "compare.example.com",
            "--Alias",
            "比对证书",
        ];
        let pair = both(&tccli, &url, &apply, DEMO_SECRET_KEY);
        assert_eq!(pair.tccli.code, 0, "tccli failed: {}", pair.tccli.stderr);
        assert_same_outcome("ApplyCertificate", &pair);
        assert_eq!(
            pair.tccx.stdout.len(),
            pair.tccli.stdout.len(),
            "ids of different lengths"
        );

        let describe = [
            "ssl",
            "DescribeCertificates",
            "--Limit",
            "2",
            "--CertificateType",
            "SVR",
            "--SearchKey",
            "example",
        ];
        let pair = both(&tccli, &url, &describe, DEMO_SECRET_KEY);
        assert_eq!(pair.tccli.code, 0, "tccli failed: {}", pair.tccli.stderr);
        assert_same_outcome("DescribeCertificates with filters", &pair);
        assert!(
            pair.tccx.stdout.contains("比对证书"),
            "non-ASCII text is kept as is"
        );

        // Refused by tccx before sending, by the emulator for tccli: exit 255, nothing on stdout.
        let invalid = [
            "ssl",
            "ApplyCertificate",
            "--DvAuthMethod",
            "BAD",
            "--DomainName",
            "x.example.com",
        ];
        let pair = both(&tccli, &url, &invalid, DEMO_SECRET_KEY);
        assert_same_outcome("a value outside the spec's set", &pair);
        assert_eq!(pair.tccx.code, 255);
        // A missing required parameter is a usage error for both: exit 252.
        let missing = ["ssl", "ApplyCertificate", "--DvAuthMethod", "DNS"];
        let pair = both(&tccli, &url, &missing, DEMO_SECRET_KEY);
        assert_same_outcome("a missing required parameter", &pair);
        assert_eq!(pair.tccx.code, 252);

        let skeleton = ["ssl", "DescribeCertificates", "--generate-cli-skeleton"];
        let pair = both(&tccli, &url, &skeleton, DEMO_SECRET_KEY);
        assert_eq!(pair.tccli.code, 0, "tccli failed: {}", pair.tccli.stderr);
        assert_same_outcome("--generate-cli-skeleton", &pair);

        let pair = both(&tccli, &url, &describe, "wrong-key");
        assert_same_outcome("a wrong key", &pair);
        assert_eq!(pair.tccx.code, 255);
        assert_eq!(
            normalized(&pair.tccx.stderr),
            normalized(&pair.tccli.stderr)
        );
    })
    .await
    .unwrap();
    let journal = emulator.journal();
    let refused_before_sending = journal
        .iter()
        .filter(|e| e.action == "ApplyCertificate" && e.outcome != "ok")
        .count();
    assert_eq!(
        refused_before_sending, 1,
        "only tccli sent the invalid request: {journal:?}"
    );
    emulator.shutdown().await;
}
