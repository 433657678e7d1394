//! Temporary-credential providers against local servers: STS AssumeRole (signed), TKE OIDC
//! (unsigned), profiles that assume a role, tccli's files; refresh before expiry, 100
//! concurrent callers, failed refreshes and malformed answers.

mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::actions::{SECRET_KEY, credentials};
use common::{Reply, Server};
use serde_json::Value;
use tc_runtime::credentials::{AssumeRoleProvider, WebIdentityConfig};
use tc_runtime::{ProfileProvider, ProvideCredentials, TccliProvider, WebIdentityProvider};

const ROLE: &str = "qcs::cam::uin/100000000001:roleName/deployer";

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// An STS answer with keys named after `tag`, expiring `lifetime` seconds from now.
fn sts_answer(tag: &str, lifetime: u64) -> Reply {
    Reply::json(
        200,
        &format!(
            r#"{{"Response":{{"Credentials":{{"Token":"token-{tag}","TmpSecretId":"AKIDtmp{tag}","TmpSecretKey":"key-{tag}"}},"ExpiredTime":{},"Expiration":"x","RequestId":"req-{tag}"}}}}"#,
            now() + lifetime
        ),
    )
}

fn assume_role(server: &Server) -> AssumeRoleProvider {
    AssumeRoleProvider::builder(ROLE)
        .endpoint(&server.url())
        .unwrap()
        .build(Arc::new(credentials()))
        .unwrap()
}

fn body(server: &Server, index: usize) -> Value {
    serde_json::from_slice(&server.requests()[index].body).unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tc-providers-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[tokio::test]
async fn assume_role_is_signed_maps_the_answer_and_caches_it() {
    let server = Server::start(SECRET_KEY, vec![sts_answer("a", 7200)]).await;
    let provider = AssumeRoleProvider::builder(ROLE)
        .policy("%7B%22version%22%3A%222.0%22%7D")
        .external_id("ext-1")
        .endpoint(&server.url())
        .unwrap()
        .build(Arc::new(credentials()))
        .unwrap();
    let got = provider.credentials().await.unwrap();
    assert_eq!(got.secret_id(), "AKIDtmpa");
    assert_eq!(got.secret_key().expose(), "key-a");
    assert_eq!(got.token().unwrap().expose(), "token-a");
    let expires = got
        .expires_at()
        .unwrap()
        .duration_since(UNIX_EPOCH)
        .unwrap();
    assert!(expires.as_secs() >= now() + 7000);
    provider.credentials().await.unwrap();
    assert_eq!(server.attempts(), 1, "cached");
    server.assert_all_valid();
    let request = &server.requests()[0];
    assert_eq!(request.header("x-tc-action"), Some("AssumeRole"));
    assert_eq!(request.header("x-tc-version"), Some("2018-08-13"));
    assert_eq!(request.header("x-tc-region"), Some("ap-guangzhou"));
    assert!(
        request
            .header("authorization")
            .unwrap()
            .contains("/sts/tc3_request")
    );
    let sent = body(&server, 0);
    assert_eq!(sent["RoleArn"], ROLE);
    assert_eq!(sent["DurationSeconds"], 7200);
    assert_eq!(sent["Policy"], "%7B%22version%22%3A%222.0%22%7D");
    assert_eq!(sent["ExternalId"], "ext-1");
    let session = sent["RoleSessionName"].as_str().unwrap();
    let micros: u128 = session
        .strip_prefix("tencentcloud-rust-")
        .unwrap()
        .parse()
        .unwrap();
    assert!(micros > 1_600_000_000_000_000);
}

#[tokio::test]
async fn a_hundred_concurrent_callers_share_one_refresh() {
    let slow = Reply::Delay(Duration::from_millis(100), Box::new(sts_answer("b", 7200)));
    let server = Server::start(SECRET_KEY, vec![slow]).await;
    let provider = assume_role(&server);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..100 {
        let provider = provider.clone();
        tasks.spawn(async move { provider.credentials().await.unwrap() });
    }
    while let Some(got) = tasks.join_next().await {
        assert_eq!(got.unwrap().secret_id(), "AKIDtmpb");
    }
    assert_eq!(server.attempts(), 1);
}

#[tokio::test]
async fn credentials_are_refreshed_before_they_expire() {
    // Three seconds of life: refreshed once half of it is left.
    let server = Server::start(SECRET_KEY, vec![sts_answer("c", 3), sts_answer("d", 7200)]).await;
    let provider = assume_role(&server);
    assert_eq!(provider.load().await.unwrap().secret_id(), "AKIDtmpc");
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert_eq!(provider.load().await.unwrap().secret_id(), "AKIDtmpd");
    assert_eq!(server.attempts(), 2);
}

#[tokio::test]
async fn a_failed_refresh_keeps_the_valid_credentials_without_retrying_at_once() {
    let denied = Reply::error(400, "AuthFailure.UnauthorizedOperation");
    // Five seconds of life, refreshed once half of it is left: the sleep lands in the refresh
    // window with 2.4 s to spare, so a slow machine does not see the credentials expire.
    let server = Server::start(SECRET_KEY, vec![sts_answer("e", 5), denied]).await;
    let provider = assume_role(&server);
    assert_eq!(provider.load().await.unwrap().secret_id(), "AKIDtmpe");
    tokio::time::sleep(Duration::from_millis(2600)).await;
    assert_eq!(provider.load().await.unwrap().secret_id(), "AKIDtmpe");
    assert_eq!(provider.load().await.unwrap().secret_id(), "AKIDtmpe");
    assert_eq!(server.attempts(), 2, "one failed refresh, not one per call");
}

#[tokio::test]
async fn failures_and_malformed_answers_are_errors_that_leak_nothing() {
    let cases = [
        (
            Reply::error(400, "InvalidParameter.RoleNotExist"),
            "InvalidParameter.RoleNotExist",
            1,
        ),
        (
            Reply::json(200, r#"{"Response":{"Credentials":{},"RequestId":"r"}}"#),
            "undecodable",
            1,
        ),
        (
            Reply::json(
                200,
                r#"{"Response":{"Credentials":{"TmpSecretKey":"LEAKED-KEY","#,
            ),
            "undecodable",
            3,
        ),
        (sts_answer_expired(), "already expired", 1),
    ];
    for (reply, expected, attempts) in cases {
        let server = Server::start(SECRET_KEY, vec![reply.clone(); 3]).await;
        let error = assume_role(&server).load().await.unwrap_err().to_string();
        assert!(error.contains(expected), "{reply:?}: {error}");
        assert!(error.contains("STS AssumeRole"), "{error}");
        assert!(!error.contains("LEAKED"), "{error}");
        assert_eq!(server.attempts(), attempts, "{reply:?}");
    }
    let error = AssumeRoleProvider::builder(ROLE)
        .duration_seconds(43_201)
        .build(Arc::new(credentials()))
        .unwrap_err();
    assert!(error.to_string().contains("43200"), "{error}");
}

fn sts_answer_expired() -> Reply {
    Reply::json(
        200,
        &format!(
            r#"{{"Response":{{"Credentials":{{"Token":"t","TmpSecretId":"AKIDold","TmpSecretKey":"k"}},"ExpiredTime":{},"RequestId":"r"}}}}"#,
            now() - 10
        ),
    )
}

#[tokio::test]
async fn web_identity_is_unsigned_uses_the_tke_region_and_rereads_the_token() {
    let dir = temp_dir("oidc");
    let token_file = dir.join("token");
    std::fs::write(&token_file, "eyJ.first-token\n").unwrap();
    let server = Server::start(SECRET_KEY, vec![sts_answer("f", 3), sts_answer("g", 7200)]).await;
    let config = WebIdentityConfig {
        region: "ap-singapore".into(),
        provider_id: "oidc-provider".into(),
        token_file: token_file.clone(),
        role_arn: ROLE.into(),
    };
    let provider = WebIdentityProvider::with_url(config, &server.url()).unwrap();
    assert_eq!(provider.load().await.unwrap().secret_id(), "AKIDtmpf");
    std::fs::write(&token_file, "eyJ.second-token").unwrap();
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert_eq!(provider.load().await.unwrap().secret_id(), "AKIDtmpg");
    let request = &server.requests()[0];
    assert_eq!(request.header("authorization"), Some("SKIP"));
    assert_eq!(
        request.header("x-tc-action"),
        Some("AssumeRoleWithWebIdentity")
    );
    assert_eq!(request.header("x-tc-version"), Some("2018-08-13"));
    assert_eq!(request.header("x-tc-region"), Some("ap-singapore"));
    let first = body(&server, 0);
    assert_eq!(first["WebIdentityToken"], "eyJ.first-token");
    assert_eq!(first["ProviderId"], "oidc-provider");
    assert_eq!(first["RoleArn"], ROLE);
    assert_eq!(body(&server, 1)["WebIdentityToken"], "eyJ.second-token");

    std::fs::remove_file(&token_file).unwrap();
    let config = WebIdentityConfig {
        region: "ap-singapore".into(),
        provider_id: "p".into(),
        token_file,
        role_arn: ROLE.into(),
    };
    let error = WebIdentityProvider::with_url(config, &server.url())
        .unwrap()
        .load()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("token file"), "{error}");
}

#[tokio::test]
async fn named_profiles_are_parsed_once_and_role_arn_assumes_the_role() {
    let dir = temp_dir("profiles");
    let path = dir.join("credentials");
    std::fs::write(
        &path,
        format!(
            "[default]\nsecret_id = AKIDdefault\nsecret_key = defaultKey\n\n\
             [work]\nsecret_id = AKIDwork\nsecret_key = {SECRET_KEY}\nrole_arn = {ROLE}\n\
             role_session_name = ci\n\n[temp]\nsecret_id = AKIDtemp\nsecret_key = k\ntoken = tok\n"
        ),
    )
    .unwrap();
    let server = Server::start(SECRET_KEY, vec![sts_answer("h", 7200)]).await;
    let default = ProfileProvider::with_path(&path);
    let work = ProfileProvider::with_path(&path)
        .profile("work")
        .sts_endpoint(server.url());
    let temp = ProfileProvider::with_path(&path).profile("temp");
    assert_eq!(default.load().await.unwrap().secret_id(), "AKIDdefault");
    assert_eq!(work.load().await.unwrap().secret_id(), "AKIDtmph");
    assert_eq!(temp.load().await.unwrap().token().unwrap().expose(), "tok");
    // Signed with the work profile's keys (the server checks with SECRET_KEY).
    server.assert_all_valid();
    assert_eq!(body(&server, 0)["RoleSessionName"], "ci");
    // Parsed once: the file can go.
    std::fs::remove_file(&path).unwrap();
    assert_eq!(default.load().await.unwrap().secret_id(), "AKIDdefault");
    assert_eq!(work.load().await.unwrap().secret_id(), "AKIDtmph");
    let error = ProfileProvider::with_path(&path)
        .profile("nope")
        .load()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("credentials"), "{error}");
}

#[tokio::test]
async fn tccli_files_give_credentials_and_region() {
    let dir = temp_dir("tccli");
    std::fs::write(
        dir.join("default.credential"),
        r#"{"secretId": "AKIDtccli", "secretKey": "tccliKey", "token": "tccliToken"}"#,
    )
    .unwrap();
    std::fs::write(
        dir.join("default.configure"),
        r#"{"_sys_param": {"region": "ap-shanghai", "output": "json"}, "cvm": {"version": "2017-03-12"}}"#,
    )
    .unwrap();
    std::fs::write(dir.join("role.credential"), r#"{"type": "cvm-role"}"#).unwrap();
    std::fs::write(dir.join("broken.credential"), r#"{"secretId": "#).unwrap();
    let provider = TccliProvider::with_dir(&dir).profile("default");
    let got = provider.load().await.unwrap();
    assert_eq!(got.secret_id(), "AKIDtccli");
    assert_eq!(got.token().unwrap().expose(), "tccliToken");
    assert_eq!(provider.region().as_deref(), Some("ap-shanghai"));
    for (profile, expected) in [
        ("role", "CVM role"),
        ("broken", "not tccli's JSON"),
        ("absent", "absent.credential"),
    ] {
        let error = TccliProvider::with_dir(&dir)
            .profile(profile)
            .load()
            .await
            .unwrap_err();
        assert!(error.to_string().contains(expected), "{profile}: {error}");
    }
}
