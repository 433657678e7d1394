//! A scripted HTTP/1.1 server on 127.0.0.1 that checks every request's headers and
//! recomputes its TC3 signature with its own code (not the runtime's signer).

#![allow(dead_code)]

pub mod actions;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Reply {
    /// An HTTP answer.
    Http {
        status: u16,
        content_type: &'static str,
        body: String,
        date: Option<String>,
    },
    /// Raw bytes, then the connection is closed.
    Raw(Vec<u8>),
    /// The connection is reset (RST) without an answer.
    Reset,
    /// Waits, then replies.
    Delay(Duration, Box<Reply>),
}

impl Reply {
    pub fn json(status: u16, body: &str) -> Reply {
        Reply::Http {
            status,
            content_type: "application/json",
            body: body.to_owned(),
            date: None,
        }
    }

    pub fn error(status: u16, code: &str) -> Reply {
        Reply::json(
            status,
            &format!(
                r#"{{"Response":{{"Error":{{"Code":"{code}","Message":"scripted {code}"}},"RequestId":"req-{code}"}}}}"#
            ),
        )
    }

    pub fn ok() -> Reply {
        Reply::json(
            200,
            r#"{"Response":{"CertificateId":"cert-123","RequestId":"req-ok"}}"#,
        )
    }
}

/// One request as received, with the server's verdict.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub headers: HashMap<String, String>,
    pub body: Vec<u8>,
    /// Everything wrong with the request; empty when it is well-formed and correctly signed.
    pub problems: Vec<String>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

struct State {
    secret_key: String,
    script: Mutex<VecDeque<Reply>>,
    default: Reply,
    requests: Mutex<Vec<Recorded>>,
}

pub struct Server {
    pub addr: SocketAddr,
    state: Arc<State>,
}

impl Server {
    /// Starts a server verifying signatures made with `secret_key`; `script` is replayed
    /// in order, then every request gets `Reply::ok()`.
    pub async fn start(secret_key: &str, script: Vec<Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            secret_key: secret_key.to_owned(),
            script: Mutex::new(script.into()),
            default: Reply::ok(),
            requests: Mutex::new(Vec::new()),
        });
        let accept_state = state.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                // Head and body are written separately: without this, Nagle's algorithm holds
                // the body for a delayed ACK (40 ms per answer).
                let _ = stream.set_nodelay(true);
                tokio::spawn(serve(stream, accept_state.clone()));
            }
        });
        Server { addr, state }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.state.requests.lock().unwrap().clone()
    }

    pub fn attempts(&self) -> usize {
        self.state.requests.lock().unwrap().len()
    }

    /// Asserts every request so far was well-formed and correctly signed.
    pub fn assert_all_valid(&self) {
        for (index, request) in self.requests().iter().enumerate() {
            assert!(
                request.problems.is_empty(),
                "request {index}: {:?}",
                request.problems
            );
        }
    }
}

async fn serve(mut stream: TcpStream, state: Arc<State>) {
    let mut buffer = Vec::new();
    loop {
        let Some((head_len, headers)) = read_head(&mut stream, &mut buffer).await else {
            return;
        };
        let length: usize = headers
            .get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        while buffer.len() < head_len + length {
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        let body = buffer[head_len..head_len + length].to_vec();
        buffer.drain(..head_len + length);
        let problems = verify(&headers, &body, &state.secret_key);
        state.requests.lock().unwrap().push(Recorded {
            headers,
            body,
            problems,
        });
        let reply = state
            .script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| state.default.clone());
        if !respond(&mut stream, reply).await {
            return;
        }
    }
}

/// Writes a reply; false when the connection must close.
async fn respond(stream: &mut TcpStream, mut reply: Reply) -> bool {
    loop {
        match reply {
            Reply::Delay(delay, inner) => {
                tokio::time::sleep(delay).await;
                reply = *inner;
            }
            Reply::Reset => {
                let _ = stream.set_zero_linger();
                return false;
            }
            Reply::Raw(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
                return false;
            }
            Reply::Http {
                status,
                content_type,
                body,
                date,
            } => {
                let date =
                    date.unwrap_or_else(|| httpdate::fmt_http_date(std::time::SystemTime::now()));
                let head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nDate: {date}\r\n\r\n",
                    body.len()
                );
                if stream.write_all(head.as_bytes()).await.is_err()
                    || stream.write_all(body.as_bytes()).await.is_err()
                {
                    return false;
                }
                return true;
            }
        }
    }
}

async fn read_head(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
) -> Option<(usize, HashMap<String, String>)> {
    loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
            let mut headers = HashMap::new();
            let mut lines = head.split("\r\n");
            let request_line = lines.next()?;
            headers.insert(":request-line".to_owned(), request_line.to_owned());
            for line in lines {
                let (name, value) = line.split_once(':')?;
                headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
            }
            return Some((end + 4, headers));
        }
        let mut chunk = [0u8; 4096];
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
}

fn hmac(key: &[u8], message: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn verify(headers: &HashMap<String, String>, body: &[u8], secret_key: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let get = |name: &str| headers.get(name).map(String::as_str);
    if get(":request-line") != Some("POST / HTTP/1.1") {
        problems.push(format!("request line {:?}", get(":request-line")));
    }
    if get("content-type") != Some("application/json") {
        problems.push(format!("content-type {:?}", get("content-type")));
    }
    for name in [
        "host",
        "x-tc-action",
        "x-tc-version",
        "x-tc-timestamp",
        "x-tc-requestclient",
    ] {
        if get(name).is_none_or(str::is_empty) {
            problems.push(format!("missing {name}"));
        }
    }
    if !get("user-agent").is_some_and(|ua| ua.contains("tc-runtime/")) {
        problems.push(format!("user-agent {:?}", get("user-agent")));
    }
    let Some(timestamp) = get("x-tc-timestamp").and_then(|t| t.parse::<i64>().ok()) else {
        problems.push("bad timestamp".into());
        return problems;
    };
    let Some(auth) = get("authorization") else {
        problems.push("missing authorization".into());
        return problems;
    };
    let expected_prefix = "TC3-HMAC-SHA256 Credential=";
    let Some(rest) = auth.strip_prefix(expected_prefix) else {
        problems.push(format!("authorization {auth:?}"));
        return problems;
    };
    let parts: Vec<&str> = rest.split(", ").collect();
    if parts.len() != 3 || parts[1] != "SignedHeaders=content-type;host" {
        problems.push(format!("authorization parts {parts:?}"));
        return problems;
    }
    let scope: Vec<&str> = parts[0].split('/').collect();
    let date = civil(timestamp.div_euclid(86_400));
    let service = get("host").unwrap_or("").split('.').next().unwrap_or("");
    if scope.len() != 4 || scope[1] != date || scope[3] != "tc3_request" {
        problems.push(format!("scope {scope:?}, expected date {date}"));
        return problems;
    }
    let service = if service.parse::<u8>().is_ok() {
        // 127.0.0.1: the service is the scope's, checked against the action's below.
        scope[2]
    } else {
        service
    };
    let canonical = format!(
        "POST\n/\n\ncontent-type:{}\nhost:{}\n\ncontent-type;host\n{}",
        get("content-type").unwrap_or(""),
        get("host").unwrap_or(""),
        hex(&Sha256::digest(body))
    );
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let k_date = hmac(format!("TC3{secret_key}").as_bytes(), &date);
    let k_service = hmac(&k_date, service);
    let k_signing = hmac(&k_service, "tc3_request");
    let signature = hex(&hmac(&k_signing, &to_sign));
    if parts[2] != format!("Signature={signature}") {
        problems.push(format!("signature {} != {signature}", parts[2]));
    }
    problems
}
