//! Credential sources: environment (in a child process, so this process's environment is never
//! modified), profile file, CVM role against a local metadata server, the default chain, and
//! secrets kept out of Debug, Display and tracing output.

mod common;

use std::io::Write;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tc_runtime::credentials::ChainSources;
use tc_runtime::{
    Action, Client, Credentials, CredentialsError, CvmRoleProvider, DefaultChain, EnvProvider,
    InvalidRequest, ProfileProvider, ProvideCredentials,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn temp_file(name: &str, contents: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tc-runtime-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(contents.as_bytes())
        .unwrap();
    path
}

#[tokio::test]
async fn profile_file() {
    let path = temp_file(
        "good",
        "[default]\nsecret_id = AKIDprofile\nsecret_key = profileKey\n\n[other]\nsecret_id = x\n",
    );
    let credentials = ProfileProvider::with_path(&path).load().await.unwrap();
    assert_eq!(credentials.secret_id(), "AKIDprofile");
    assert_eq!(credentials.secret_key().expose(), "profileKey");
    assert!(credentials.token().is_none());

    let path = temp_file("nodefault", "[other]\nsecret_id = a\nsecret_key = b\n");
    let error = ProfileProvider::with_path(&path).load().await.unwrap_err();
    assert!(
        error.to_string().contains("no [default] section"),
        "{error}"
    );
    let path = temp_file("nokey", "[default]\nsecret_id = a\n");
    let error = ProfileProvider::with_path(&path).load().await.unwrap_err();
    assert!(error.to_string().contains("secret_key"), "{error}");
    let path = temp_file("empty", "[default]\nsecret_id = a\nsecret_key =\n");
    assert!(ProfileProvider::with_path(&path).load().await.is_err());
    let error = ProfileProvider::with_path("/nonexistent/credentials")
        .load()
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("/nonexistent/credentials"),
        "{error}"
    );
}

/// Runs one test of this binary in a child process with a chosen environment.
fn in_child(test: &str, env: &[(&str, &str)]) -> String {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env_clear()
        .env("TC_RUNTIME_CHILD", "1");
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn is_child() -> bool {
    std::env::var_os("TC_RUNTIME_CHILD").is_some()
}

/// The child half of `environment_and_default_chain`: prints what each source yields.
#[tokio::test]
async fn child_report_sources() {
    if !is_child() {
        return;
    }
    match EnvProvider::new().load() {
        Ok(c) => println!(
            "ENV OK {} {}",
            c.secret_id(),
            c.token().map(|t| t.expose().as_str()).unwrap_or("-")
        ),
        Err(e) => println!("ENV ERR {e}"),
    }
    println!(
        "REGION {}",
        tc_runtime::credentials::region_from_env().unwrap_or_default()
    );
    let chain = DefaultChain::with_sources(ChainSources {
        cvm: CvmRoleProvider::with_base_url("http://127.0.0.1:1/"),
        ..ChainSources::standard()
    });
    match chain.credentials().await {
        Ok(c) => println!("CHAIN OK {}", c.secret_id()),
        Err(e) => println!("CHAIN ERR {e}"),
    }
}

#[test]
fn environment_and_default_chain() {
    let out = in_child(
        "child_report_sources",
        &[
            ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
            ("TENCENTCLOUD_SECRET_KEY", "envKey"),
            ("TENCENTCLOUD_TOKEN", "envToken"),
            ("TENCENTCLOUD_REGION", "ap-beijing"),
        ],
    );
    assert!(out.contains("ENV OK AKIDenv envToken"), "{out}");
    assert!(out.contains("REGION ap-beijing"), "{out}");
    assert!(out.contains("CHAIN OK AKIDenv"), "{out}");

    let out = in_child(
        "child_report_sources",
        &[
            ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
            ("TENCENTCLOUD_SECRET_KEY", " padded "),
        ],
    );
    assert!(
        out.contains("ENV ERR") && out.contains("whitespace"),
        "{out}"
    );

    let profile = temp_file(
        "chain",
        "[default]\nsecret_id = AKIDfromprofile\nsecret_key = k\n",
    );
    let out = in_child(
        "child_report_sources",
        &[("TENCENTCLOUD_CREDENTIALS_FILE", profile.to_str().unwrap())],
    );
    assert!(out.contains("CHAIN OK AKIDfromprofile"), "{out}");

    let out = in_child(
        "child_report_sources",
        &[(
            "TENCENTCLOUD_CREDENTIALS_FILE",
            "/nonexistent/tc-credentials",
        )],
    );
    let line = out.lines().find(|l| l.starts_with("CHAIN ERR")).unwrap();
    assert!(
        line.contains("environment: TENCENTCLOUD_SECRET_ID is not set"),
        "{line}"
    );
    assert!(
        line.contains("profile file: /nonexistent/tc-credentials"),
        "{line}"
    );
    assert!(line.contains("CVM instance role"), "{line}");
    assert!(line.contains("tccli files"), "{line}");
    assert!(
        line.contains("TKE OIDC web identity: not in a TKE pod"),
        "{line}"
    );

    let out = in_child(
        "child_report_sources",
        &[
            ("TENCENTCLOUD_SECRET_ID", "AKIDenv"),
            ("TENCENTCLOUD_SECRET_KEY", "envKey"),
            ("TENCENTCLOUD_SESSION_TOKEN", "sessionToken"),
        ],
    );
    assert!(out.contains("ENV OK AKIDenv sessionToken"), "{out}");

    let out = in_child(
        "child_report_sources",
        &[
            ("HOME", "/nonexistent-home"),
            ("TKE_REGION", "ap-guangzhou"),
        ],
    );
    let line = out.lines().find(|l| l.starts_with("CHAIN ERR")).unwrap();
    assert!(
        line.contains(
            "TKE OIDC web identity: TKE_PROVIDER_ID, TKE_WEB_IDENTITY_TOKEN_FILE, TKE_ROLE_ARN not set"
        ),
        "{line}"
    );
    assert!(
        line.contains("/nonexistent-home/.tencentcloud/credentials"),
        "{line}"
    );
    assert!(
        line.contains("/nonexistent-home/.tccli/default.credential"),
        "{line}"
    );
}

/// A metadata server: `GET /` names the role, `GET /<role>` returns its credentials.
async fn metadata_server(expires_in: i64) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let fetches = Arc::new(AtomicUsize::new(0));
    let counter = fetches.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let counter = counter.clone();
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 2048];
                let n = stream.read(&mut buffer).await.unwrap_or(0);
                let head = String::from_utf8_lossy(&buffer[..n]).into_owned();
                let path = head.split(' ').nth(1).unwrap_or("").to_owned();
                let body = if path == "/" {
                    "my-role\n".to_owned()
                } else if path == "/my-role" {
                    let n = counter.fetch_add(1, Ordering::SeqCst);
                    let expiry = SystemTime::now()
                        .duration_since(UNIX_EPOCH)
                        .unwrap()
                        .as_secs() as i64
                        + expires_in;
                    format!(
                        r#"{{"TmpSecretId":"AKIDrole{n}","TmpSecretKey":"roleKey","Token":"roleToken","ExpiredTime":{expiry},"Expiration":"x","Code":"Success"}}"#
                    )
                } else {
                    String::new()
                };
                let status = if body.is_empty() {
                    "404 Not Found"
                } else {
                    "200 OK"
                };
                let reply = format!(
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(reply.as_bytes()).await;
            });
        }
    });
    (url, fetches)
}

#[tokio::test]
async fn cvm_role_credentials_are_cached_until_near_expiry() {
    let (url, fetches) = metadata_server(3600).await;
    let provider = CvmRoleProvider::with_base_url(&url);
    let first = provider.load().await.unwrap();
    assert_eq!(first.secret_id(), "AKIDrole0");
    assert_eq!(first.token().unwrap().expose(), "roleToken");
    assert!(first.expires_at().is_some());
    let second = provider.load().await.unwrap();
    assert_eq!(second.secret_id(), "AKIDrole0");
    assert_eq!(fetches.load(Ordering::SeqCst), 1);

    // Two seconds of life: kept for the first half, refreshed in the second.
    let (url, fetches) = metadata_server(2).await;
    let provider = CvmRoleProvider::with_base_url(&url);
    assert_eq!(provider.load().await.unwrap().secret_id(), "AKIDrole0");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(provider.load().await.unwrap().secret_id(), "AKIDrole1");
    assert_eq!(fetches.load(Ordering::SeqCst), 2);

    let error = CvmRoleProvider::with_base_url(&url)
        .with_role("missing-role")
        .load()
        .await
        .unwrap_err();
    assert!(matches!(error, CredentialsError::Missing { .. }));
    assert!(error.to_string().contains("404"), "{error}");
}

// ---- secrets never printed ----

#[derive(serde::Serialize)]
struct Ping;

#[derive(Debug, serde::Deserialize)]
struct Pong {}

impl Action for Ping {
    const SERVICE: &'static str = "ssl";
    const VERSION: &'static str = "2019-12-05";
    const NAME: &'static str = "DescribeCertificates";
    const RATE_LIMIT: Option<u32> = None;
    const RETRY_SAFE: bool = true;
    type Output = Pong;
    type ErrorCode = String;

    fn validate(&self) -> Result<(), InvalidRequest> {
        Ok(())
    }
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn secrets_stay_out_of_debug_display_and_traces() {
    const KEY: &str = "SuperSecretKeyValue123";
    const TOKEN: &str = "SuperSecretTokenValue456";
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = common::Server::start(
        KEY,
        vec![
            common::Reply::error(200, "RequestLimitExceeded"),
            common::Reply::error(400, "AuthFailure.SignatureFailure"),
        ],
    )
    .await;
    let credentials = Credentials::temporary("AKIDvisible", KEY, TOKEN).unwrap();
    let client = Client::builder()
        .credentials(credentials.clone())
        .base_url(&server.url())
        .unwrap()
        .retry(tc_runtime::RetryPolicy::new().with_base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();
    let error = client.call(&Ping).await.unwrap_err();
    client.call(&Ping).await.unwrap();
    assert_eq!(server.attempts(), 3);
    server.assert_all_valid();

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("tc_call"), "the span is recorded: {logs}");
    assert!(logs.contains("DescribeCertificates"));
    assert!(logs.contains("attempt=2"), "{logs}");
    assert!(
        logs.contains("req-ok") || logs.contains("request_id"),
        "{logs}"
    );
    let printed = format!(
        "{logs}\n{credentials:?}\n{client:?}\n{error}\n{error:?}\n{}\n{:?}",
        credentials.secret_key(),
        credentials.token()
    );
    assert!(!printed.contains(KEY), "secret key leaked");
    assert!(!printed.contains(TOKEN), "token leaked");
}
