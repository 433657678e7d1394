//! `--paginate` and `--max-items` against a paging server on 127.0.0.1: five certificates
//! served `Limit` at a time (the emulator answers DescribeCertificates with one fixed page).

mod common;

use common::{Home, line, tccx};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const TOTAL: u64 = 5;

/// Serves DescribeCertificates pages until dropped; returns the base URL.
async fn paging_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 4096];
                let body = loop {
                    let read = stream.read(&mut buffer).await.unwrap_or(0);
                    if read == 0 {
                        return;
                    }
                    request.extend_from_slice(&buffer[..read]);
                    let Some(end) = request.windows(4).position(|w| w == b"\r\n\r\n") else {
                        continue;
                    };
                    let head = String::from_utf8_lossy(&request[..end]).to_ascii_lowercase();
                    let length: usize = head
                        .lines()
                        .find_map(|l| l.strip_prefix("content-length:"))
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(0);
                    if request.len() >= end + 4 + length {
                        break request[end + 4..end + 4 + length].to_vec();
                    }
                };
                let asked: Value = serde_json::from_slice(&body).unwrap_or_default();
                let offset = asked["Offset"].as_u64().unwrap_or(0);
                let limit = asked["Limit"].as_u64().unwrap_or(2);
                let page: Vec<Value> = (offset..(offset + limit).min(TOTAL))
                    .map(|i| json!({"CertificateId": format!("c{i}")}))
                    .collect();
                let answer = json!({"Response": {
                    "TotalCount": TOTAL, "Certificates": page, "RequestId": format!("page-{offset}")
                }})
                .to_string();
                let reply = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                    answer.len()
                );
                let _ = stream.write_all(reply.as_bytes()).await;
            });
        }
    });
    url
}

fn ids(stdout: &str) -> Vec<String> {
    let body: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    body["Certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["CertificateId"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_or_max_items() {
    let url = paging_server().await;
    let opts: Vec<String> = [
        "--endpoint",
        &url,
        "--secretId",
        "AKIDTEST",
        "--secretKey",
        "key",
    ]
    .map(str::to_owned)
    .to_vec();
    let home = Home::new("paginate");
    let all = tokio::task::spawn_blocking({
        let opts = opts.clone();
        let home = home.path().to_owned();
        move || {
            tccx(
                &home,
                &line(
                    &["ssl", "DescribeCertificates", "--Limit", "2", "--paginate"],
                    &opts,
                ),
            )
        }
    })
    .await
    .unwrap();
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert_eq!(ids(&all.stdout), ["c0", "c1", "c2", "c3", "c4"]);
    let some = tokio::task::spawn_blocking({
        let home = home.path().to_owned();
        move || {
            tccx(
                &home,
                &line(
                    &[
                        "ssl",
                        "DescribeCertificates",
                        "--Limit",
                        "2",
                        "--Offset",
                        "1",
                        "--max-items",
                        "3",
                    ],
                    &opts,
                ),
            )
        }
    })
    .await
    .unwrap();
    assert_eq!(some.code, 0, "{}", some.stderr);
    assert_eq!(ids(&some.stdout), ["c1", "c2", "c3"]);
}
