//! Calls to actions named at run time, against the verifying local server.

mod common;

use common::actions::{SECRET_KEY, client_for};
use common::{Reply, Server};
use serde_json::json;
use tc_runtime::{CallOptions, DynamicRequest, Error};

#[tokio::test]
async fn a_dynamic_call_is_signed_and_returns_the_response_object() {
    let server = Server::start(
        SECRET_KEY,
        vec![Reply::json(
            200,
            r#"{"Response":{"TotalCount":2,"InstanceSet":[{"Id":"a"},{"Id":"b"}],"RequestId":"req-dyn"}}"#,
        )],
    )
    .await;
    let request = DynamicRequest::new(
        "cvm",
        "2017-03-12",
        "DescribeInstances",
        json!({"Limit": 2, "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-3"]}]}),
    );
    let answer = client_for(&server)
        .call_dynamic_with(&request, &CallOptions::new().region("ap-guangzhou"))
        .await
        .unwrap();
    assert_eq!(answer["TotalCount"], 2);
    assert_eq!(answer["InstanceSet"][1]["Id"], "b");
    assert_eq!(answer["RequestId"], "req-dyn");
    server.assert_all_valid();
    let sent = &server.requests()[0];
    assert_eq!(sent.header("x-tc-action"), Some("DescribeInstances"));
    assert_eq!(sent.header("x-tc-version"), Some("2017-03-12"));
    assert_eq!(sent.header("x-tc-region"), Some("ap-guangzhou"));
    assert!(
        sent.header("authorization")
            .unwrap()
            .contains("/cvm/tc3_request")
    );
    let body: serde_json::Value = serde_json::from_slice(&sent.body).unwrap();
    assert_eq!(body["Filters"][0]["Values"][0], "ap-guangzhou-3");
}

#[tokio::test]
async fn service_errors_keep_their_code_and_request_id() {
    let server = Server::start(SECRET_KEY, vec![Reply::error(400, "ResourceNotFound")]).await;
    let request = DynamicRequest::new("cvm", "2017-03-12", "StopInstances", json!({}));
    let error = client_for(&server)
        .call_dynamic(&request)
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some("ResourceNotFound"));
    assert_eq!(error.request_id(), Some("req-ResourceNotFound"));
}

#[tokio::test]
async fn bad_names_and_bodies_send_nothing() {
    let server = Server::start(SECRET_KEY, vec![]).await;
    let client = client_for(&server);
    for (request, member) in [
        (
            DynamicRequest::new("", "2017-03-12", "A", json!({})),
            "service",
        ),
        (
            DynamicRequest::new("cvm", "2017 03", "A", json!({})),
            "version",
        ),
        (
            DynamicRequest::new("cvm", "v", "Bad\nAction", json!({})),
            "action",
        ),
        (DynamicRequest::new("cvm", "v", "A", json!([1])), "(body)"),
    ] {
        match client.call_dynamic(&request).await {
            Err(Error::InvalidRequest(invalid)) => {
                assert_eq!(invalid.violations[0].member, member, "{invalid}")
            }
            other => panic!("{request:?}: {other:?}"),
        }
    }
    assert_eq!(server.attempts(), 0);
}

#[tokio::test]
async fn a_dynamic_rate_limit_spaces_calls() {
    let server = Server::start(SECRET_KEY, vec![]).await;
    let client = client_for(&server);
    let request =
        DynamicRequest::new("cvm", "2017-03-12", "DescribeZones", json!({})).rate_limit(1);
    client.call_dynamic(&request).await.unwrap();
    // A bucket of one token per second: the second call waits for the next token.
    let started = std::time::Instant::now();
    client.call_dynamic(&request).await.unwrap();
    assert!(started.elapsed() >= std::time::Duration::from_millis(900));
    assert_eq!(server.attempts(), 2);
}
