//! tccx against the emulator on 127.0.0.1: calls, output shape, validation before sending,
//! files and environment, waiters, pages, dry runs and completion.

mod common;

use common::{DEMO_SECRET_ID, DEMO_SECRET_KEY, Home, line, run_program, tccx, to_emulator};
use serde_json::Value;
use tc_emulator::{Clock, Emulator};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn apply_then_describe_prints_every_member_in_spec_order() {
    let emulator = Emulator::builder().start().await.unwrap();
    let opts = to_emulator(emulator.base_url());
    let home = Home::new("apply");
    let applied = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "ApplyCertificate",
                "--DvAuthMethod",
                "DNS_AUTO",
                "--DomainName",
                "cli.example.com",
            ],
            &opts,
        ),
    );
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    let body = json(&applied.stdout);
    let keys: Vec<&str> = body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["CertificateId", "RequestId"]);
    assert!(
        applied.stdout.starts_with("{\n    \"CertificateId\": "),
        "{}",
        applied.stdout
    );
    let id = body["CertificateId"].as_str().unwrap().to_owned();

    let described = tccx(
        home.path(),
        &line(
            &["ssl", "DescribeCertificate", "--CertificateId", &id],
            &opts,
        ),
    );
    assert_eq!(described.code, 0, "{}", described.stderr);
    let body = json(&described.stdout);
    assert_eq!(body["Domain"], "cli.example.com");
    let keys: Vec<&String> = body.as_object().unwrap().keys().collect();
    assert_eq!(keys.last().unwrap().as_str(), "RequestId");
    // Members the emulator leaves out are printed as null, as tccli does.
    assert!(body.as_object().unwrap().values().any(Value::is_null));
    assert!(home.files().is_empty(), "a call wrote {:?}", home.files());
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_violation_is_listed_and_nothing_is_sent() {
    let emulator = Emulator::builder().start().await.unwrap();
    let opts = to_emulator(emulator.base_url());
    let home = Home::new("invalid");
    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "ApplyCertificate",
                "--DvAuthMethod",
                "BAD",
                "--DomainName",
                "",
                "--CsrEncryptAlgo",
                "DSA",
            ],
            &opts,
        ),
    );
    assert_eq!(run.code, 255, "{}", run.stderr);
    assert!(
        run.stderr.contains("DvAuthMethod: \"BAD\" is not one of"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("DomainName: must not be empty"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("CsrEncryptAlgo:"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let missing = tccx(
        home.path(),
        &line(&["ssl", "ApplyCertificate", "--DvAuthMethod", "DNS"], &opts),
    );
    assert_eq!(missing.code, 252, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("DomainName: is required"),
        "{}",
        missing.stderr
    );
    let typed = tccx(
        home.path(),
        &line(&["ssl", "DescribeCertificates", "--Limit", "ten"], &opts),
    );
    assert_eq!(typed.code, 252);
    assert!(
        typed.stderr.contains("argument --Limit: invalid int value"),
        "{}",
        typed.stderr
    );
    assert!(
        emulator.journal().is_empty(),
        "sent: {:?}",
        emulator.journal()
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_key_is_an_api_error_in_tccli_form() {
    let emulator = Emulator::builder().start().await.unwrap();
    let home = Home::new("wrongkey");
    let url = emulator.base_url().to_owned();
    let run = tccx(
        home.path(),
        &[
            "ssl",
            "DescribeCertificates",
            "--endpoint",
            &url,
            "--secretId",
            DEMO_SECRET_ID,
            "--secretKey",
            "wrong",
        ],
    );
    assert_eq!(run.code, 255);
    assert!(
        run.stderr
            .starts_with("[TencentCloudSDKException] code:AuthFailure.SignatureFailure message:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(" requestId:"));
    assert!(
        !run.stderr.contains("wrong"),
        "the key was echoed: {}",
        run.stderr
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn values_from_files_stdin_unfolded_and_input_json() {
    let emulator = Emulator::builder().start().await.unwrap();
    let opts = to_emulator(emulator.base_url());
    let home = Home::new("values");
    let domain_file = home.path().join("domain.txt");
    std::fs::write(&domain_file, "file.example.com").unwrap();
    let from_file = format!("file://{}", domain_file.display());
    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "ApplyCertificate",
                "--DvAuthMethod=DNS_AUTO",
                "--DomainName",
                &from_file,
            ],
            &opts,
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let id = json(&run.stdout)["CertificateId"]
        .as_str()
        .unwrap()
        .to_owned();

    let args = line(
        &["ssl", "DescribeCertificate", "--CertificateId", "-"],
        &opts,
    );
    let run = run_program(
        std::path::Path::new(env!("CARGO_BIN_EXE_tccx")),
        home.path(),
        &args,
        &[],
        &id,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(json(&run.stdout)["Domain"], "file.example.com");

    let skeleton = tccx(
        home.path(),
        &["ssl", "DescribeCertificates", "--generate-cli-skeleton"],
    );
    assert_eq!(skeleton.code, 0);
    let shape = json(&skeleton.stdout);
    assert_eq!(shape["Limit"], "Integer");
    assert_eq!(shape["CertificateStatus"], serde_json::json!(["Integer"]));

    let input = home.path().join("input.json");
    std::fs::write(&input, r#"{"Limit": 1, "SearchKey": "file.example.com"}"#).unwrap();
    let input_arg = format!("file://{}", input.display());
    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "DescribeCertificates",
                "--cli-input-json",
                &input_arg,
            ],
            &opts,
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        json(&run.stdout)["Certificates"].as_array().unwrap().len(),
        1
    );

    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "DescribeCertificates",
                "--cli-unfold-argument",
                "--CertificateStatus",
                "0",
                "1",
                "--Limit",
                "5",
            ],
            &opts,
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_text_output_pages_and_dry_runs() {
    let emulator = Emulator::builder().start().await.unwrap();
    let opts = to_emulator(emulator.base_url());
    let home = Home::new("output");
    // Two certificates, one per page: paging stops after the page that reaches the total.
    for domain in ["a.example.com", "b.example.com"] {
        let run = tccx(
            home.path(),
            &line(
                &[
                    "ssl",
                    "ApplyCertificate",
                    "--DvAuthMethod",
                    "DNS_AUTO",
                    "--DomainName",
                    domain,
                ],
                &opts,
            ),
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let run = tccx(
        home.path(),
        &line(
            &["ssl", "DescribeCertificates", "--Limit", "1", "--paginate"],
            &opts,
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let paged = json(&run.stdout);
    assert_eq!(
        paged["Certificates"].as_array().unwrap().len(),
        2,
        "{paged}"
    );
    let pages = emulator
        .journal()
        .iter()
        .filter(|e| e.action == "DescribeCertificates")
        .count();
    assert_eq!(pages, 2);
    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "DescribeCertificate",
                "--CertificateId",
                "x",
                "--paginate",
            ],
            &opts,
        ),
    );
    assert_eq!(run.code, 252);
    assert!(
        run.stderr.contains("DescribeCertificate does not page"),
        "{}",
        run.stderr
    );

    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "DescribeCertificates",
                "--filter",
                "Certificates[].Domain",
                "--output",
                "text",
            ],
            &opts,
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "b.example.com\ta.example.com\n", "newest first");
    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "DescribeCertificates",
                "--filter",
                "Certificates[0].ProjectInfo",
            ],
            &opts,
        ),
    );
    let keys: Vec<String> = json(&run.stdout)
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys[..2],
        ["ProjectName", "ProjectCreatorUin"],
        "the filter kept the response's order"
    );
    let hash = [
        "ssl",
        "DescribeCertificates",
        "--filter",
        "{Z: TotalCount, A: Certificates[0].Domain}",
    ];
    let run = tccx(home.path(), &line(&hash, &opts));
    let keys: Vec<String> = json(&run.stdout)
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(
        keys,
        ["Z", "A"],
        "a multiselect hash keeps the written order, as in tccli"
    );

    let before = emulator.journal().len();
    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "DescribeCertificates",
                "--Limit",
                "1",
                "--dry-run",
                "--token",
                "session-token-secret",
            ],
            &opts,
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("X-TC-Action: DescribeCertificates"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Signature=***"));
    assert!(run.stdout.contains("X-TC-Token: ***"));
    assert!(!run.stdout.contains("session-token-secret"));
    assert!(!run.stdout.contains(DEMO_SECRET_KEY));
    assert_eq!(emulator.journal().len(), before, "a dry run sent a request");
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiters_poll_until_issued() {
    let emulator = Emulator::builder()
        .clock(Clock::accelerated(600.0))
        .start()
        .await
        .unwrap();
    let opts = to_emulator(emulator.base_url());
    let home = Home::new("waiter");
    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "ApplyCertificate",
                "--DvAuthMethod",
                "DNS_AUTO",
                "--DomainName",
                "wait.example.com",
            ],
            &opts,
        ),
    );
    let id = json(&run.stdout)["CertificateId"]
        .as_str()
        .unwrap()
        .to_owned();
    let waiter = r#"{"expr": "Status", "to": 1, "interval": 0.2, "timeout": 30}"#;
    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "DescribeCertificate",
                "--CertificateId",
                &id,
                "--waiter",
                waiter,
            ],
            &opts,
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    // As tccli does, progress lines come before the answer on stdout.
    let answer = &run.stdout[run.stdout.find('{').unwrap()..];
    assert!(
        run.stdout[..run.stdout.find('{').unwrap()]
            .lines()
            .all(|l| l.starts_with("Inquiry result is "))
    );
    assert_eq!(json(answer)["Status"], 1);
    let run = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "DescribeCertificate",
                "--CertificateId",
                &id,
                "--waiter",
                "CertificateIssued",
            ],
            &opts,
        ),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bad = tccx(
        home.path(),
        &line(
            &[
                "ssl",
                "DescribeCertificate",
                "--CertificateId",
                &id,
                "--waiter",
                "{\"expr\": \"__import__('os')\"}",
            ],
            &opts,
        ),
    );
    assert_eq!(bad.code, 255);
    assert!(
        bad.stderr.contains("`to` in `--waiter` must be defined"),
        "{}",
        bad.stderr
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tccli_files_and_environment_in_tccli_precedence() {
    let emulator = Emulator::builder().start().await.unwrap();
    let home = Home::new("files");
    let url = emulator.base_url().to_owned();
    let tccx_path = std::path::Path::new(env!("CARGO_BIN_EXE_tccx"));
    let configured = tccx(
        home.path(),
        &[
            "configure",
            "set",
            "secretId",
            DEMO_SECRET_ID,
            "secretKey",
            "profile-key-wrong",
            "region",
            "ap-guangzhou",
            "ssl.endpoint",
            &url,
        ],
    );
    assert_eq!(configured.code, 0, "{}", configured.stderr);
    let credential = home.path().join(".tccli/default.credential");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&credential).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let listed = tccx(home.path(), &["configure", "list"]);
    assert!(
        listed.stdout.contains("secretKey = ****************rong"),
        "{}",
        listed.stdout
    );
    assert!(!listed.stdout.contains("profile-key-wrong"));
    let got = tccx(home.path(), &["configure", "get", "ssl.endpoint"]);
    assert_eq!(got.stdout, format!("ssl.endpoint = {url}\n"));

    // The profile's wrong key is refused; the environment's keys win over it.
    let from_profile = tccx(home.path(), &["ssl", "DescribeCertificates"]);
    assert_eq!(from_profile.code, 255);
    assert!(
        from_profile.stderr.contains("AuthFailure.SignatureFailure"),
        "{}",
        from_profile.stderr
    );
    let env = [
        ("TENCENTCLOUD_SECRET_ID", DEMO_SECRET_ID),
        ("TENCENTCLOUD_SECRET_KEY", DEMO_SECRET_KEY),
    ];
    let from_env = run_program(
        tccx_path,
        home.path(),
        &["ssl", "DescribeCertificates"],
        &env,
        "",
    );
    assert_eq!(from_env.code, 0, "{}", from_env.stderr);
    // --profile makes tccli (and tccx) ignore the environment.
    let named = run_program(
        tccx_path,
        home.path(),
        &["ssl", "DescribeCertificates", "--profile", "default"],
        &env,
        "",
    );
    assert_eq!(named.code, 255);
    // A flag wins over both.
    let flagged = run_program(
        tccx_path,
        home.path(),
        &[
            "ssl",
            "DescribeCertificates",
            "--secretKey",
            DEMO_SECRET_KEY,
        ],
        &[],
        "",
    );
    assert_eq!(flagged.code, 0, "{}", flagged.stderr);

    let before = std::fs::read(&credential).unwrap();
    let _ = tccx(
        home.path(),
        &[
            "ssl",
            "DescribeCertificates",
            "--secretKey",
            DEMO_SECRET_KEY,
        ],
    );
    assert_eq!(
        std::fs::read(&credential).unwrap(),
        before,
        "a call rewrote the profile"
    );
    assert_eq!(
        home.files(),
        [".tccli/default.configure", ".tccli/default.credential"]
    );

    std::fs::write(&credential, "{not json").unwrap();
    let corrupt = tccx(home.path(), &["ssl", "DescribeCertificates"]);
    assert_eq!(corrupt.code, 255);
    assert!(
        corrupt.stderr.contains("default.credential: not JSON"),
        "{}",
        corrupt.stderr
    );
    let removed = tccx(home.path(), &["configure", "remove"]);
    assert_eq!(removed.code, 0);
    assert!(home.files().is_empty());
    emulator.shutdown().await;
}

#[test]
fn version_help_and_completion_need_no_network() {
    let home = Home::new("offline");
    let version = tccx(home.path(), &["--version"]);
    assert_eq!(version.stdout, format!("{}\n", env!("CARGO_PKG_VERSION")));
    let help = run_program(
        std::path::Path::new(env!("CARGO_BIN_EXE_tccx")),
        home.path(),
        &["ssl", "ApplyCertificate", "help"],
        &[("COLUMNS", "60")],
        "",
    );
    assert!(
        help.stdout.contains("--DvAuthMethod (String, required)"),
        "{}",
        help.stdout
    );
    assert!(
        help.stdout.lines().all(|l| l.chars().count() <= 60),
        "{}",
        help.stdout
    );
    let unknown = tccx(home.path(), &["ssl", "DescribeCertificatez"]);
    assert_eq!(unknown.code, 252);
    assert!(
        unknown
            .stderr
            .contains("Maybe you meant: DescribeCertificate"),
        "{}",
        unknown.stderr
    );
    let completion = tccx(home.path(), &["__complete", "ssl", "DescribeCertificat"]);
    assert!(
        completion
            .stdout
            .lines()
            .any(|l| l == "DescribeCertificates"),
        "{}",
        completion.stdout
    );
    let params = tccx(
        home.path(),
        &["__complete", "ssl", "ApplyCertificate", "--Dv"],
    );
    assert_eq!(params.stdout, "--DvAuthMethod\n");
    for shell in ["bash", "zsh", "fish"] {
        let script = tccx(home.path(), &["completion", shell]);
        assert!(script.stdout.contains("tccx __complete"), "{shell}");
    }
    let host = tccx(
        home.path(),
        &[
            "ssl",
            "DescribeCertificates",
            "--endpoint",
            "ssl.example.test",
            "--dry-run",
            "--secretId",
            "id",
            "--secretKey",
            "key",
        ],
    );
    assert!(
        host.stdout.starts_with("POST https://ssl.example.test/\n"),
        "{}",
        host.stdout
    );
}
