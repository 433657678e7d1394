//! The state file survives the emulator being killed at any moment: the binary is killed
//! (SIGKILL) while applications, each saved before it is answered, are in flight; every time,
//! the file left is a whole state holding every certificate answered before the kill, and a
//! new emulator resumes from it.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tc_emulator::ssl::SavedState;
use tencentcloud::ssl::v20191205::{
    ApplyCertificateRequest, DescribeCertificateRequest, DvAuthMethod,
};

/// Starts the binary on a free port with `state`; returns it and its URL.
fn start(state: &std::path::Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tc-emulator"))
        .args([
            "--port",
            "0",
            "--no-rate-limits",
            "--free-quota",
            "1000000",
            "--threads",
            "2",
        ])
        .arg("--state-file")
        .arg(state)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the emulator binary starts");
    let stdout = child.stdout.take().expect("piped");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("a first line");
    let url = line
        .trim()
        .strip_prefix("tc-emulator listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .to_owned();
    (child, url)
}

fn client(url: &str) -> tencentcloud::ssl::v20191205::SslClient {
    let client = tc_runtime::Client::builder()
        .credentials(
            tc_runtime::Credentials::new(tc_emulator::DEMO_SECRET_ID, tc_emulator::DEMO_SECRET_KEY)
                .unwrap(),
        )
        .base_url(url)
        .unwrap()
        .retry(tc_runtime::RetryPolicy::disabled())
        .rate_limit(false)
        .build()
        .unwrap();
    tencentcloud::ssl::v20191205::SslClient::new(client)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killing_the_emulator_during_saves_keeps_the_previous_state() {
    let dir = std::env::temp_dir().join(format!("tc-state-kill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.json");
    let mut answered: Vec<String> = Vec::new();
    for round in 0..5u64 {
        let (mut child, url) = start(&state);
        let ssl = client(&url);
        // The certificates answered in earlier rounds were resumed.
        for id in &answered {
            ssl.describe_certificate(DescribeCertificateRequest::new(id.clone()))
                .await
                .unwrap_or_else(|e| panic!("round {round}: {id} was lost: {e}"));
        }
        // Four appliers at once, so that saves overlap; the kill lands while they run.
        let (sender, mut receiver) = tokio::sync::mpsc::unbounded_channel();
        let mut appliers = Vec::new();
        for worker in 0..4 {
            let ssl = ssl.clone();
            let sender = sender.clone();
            appliers.push(tokio::spawn(async move {
                for n in 0.. {
                    let domain = format!("r{round}-w{worker}-{n}.example.com");
                    let request = ApplyCertificateRequest::new(DvAuthMethod::DnsAuto, domain);
                    match ssl.apply_certificate(request).await {
                        Ok(applied) => {
                            if sender.send(applied.certificate_id).is_err() {
                                break;
                            }
                        }
                        Err(error) => {
                            eprintln!("applier {worker}: {error}");
                            break;
                        }
                    }
                }
            }));
        }
        drop(sender);
        // Kill once a few applications are answered, at a moment that differs per round.
        let before = answered.len();
        while answered.len() < before + 3 {
            match receiver.recv().await {
                Some(id) => answered.push(id),
                None => panic!("round {round}: the appliers stopped before the kill"),
            }
        }
        tokio::time::sleep(Duration::from_millis(7 + 23 * round)).await;
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        for applier in appliers {
            let _ = applier.await;
        }
        while let Ok(id) = receiver.try_recv() {
            answered.push(id);
        }
        let text = std::fs::read_to_string(&state).expect("the state file exists");
        let saved: SavedState = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("round {round}: the state file is not whole: {e}"));
        let ids: std::collections::HashSet<_> = saved.certificates.iter().map(|c| &c.id).collect();
        for id in &answered {
            assert!(
                ids.contains(id),
                "round {round}: {id} was answered but not saved"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
