//! Starting and stopping the emulator, and the request pipeline: faults, headers, signature,
//! service and action, rate limit, body validation, then a stateful handler or a response
//! from the spec.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::{HeaderMap, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{Map, Value};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::auth::{Credential, DEMO_SECRET_ID, DEMO_SECRET_KEY, SignedRequest, Verifier};
use crate::clock::{Clock, real_now_ms};
use crate::dnspod::DnspodState;
use crate::error::{ApiError, codes};
use crate::faults::{Fault, FaultConfig, FaultInjector};
use crate::rate_limit::RateLimits;
use crate::reply::{envelope, html_response, json_response};
use crate::specs::{SpecError, SpecSet};
use crate::ssl::{SslConfig, SslState, handlers};
use crate::{cvm, dnspod, validate};

/// The largest request body accepted (the real API's limit is 10 MB).
pub const MAX_BODY: usize = crate::body::MAX_POST_BODY;

/// Configures an emulator; [`EmulatorBuilder::start`] serves it.
#[derive(Debug, Clone)]
pub struct EmulatorBuilder {
    addr: SocketAddr,
    credentials: Vec<Credential>,
    specs: Option<SpecSet>,
    faults: FaultConfig,
    clock: Clock,
    ssl: SslConfig,
    seed: u64,
    rate_limits: bool,
    dnspod_domains: Vec<String>,
}

/// The emulator: [`Emulator::builder`] configures and starts one.
#[derive(Debug)]
pub struct Emulator;

impl Emulator {
    /// A builder with defaults: `127.0.0.1` on an ephemeral port, the demo credentials
    /// ([`DEMO_SECRET_ID`] / [`DEMO_SECRET_KEY`]), the embedded specs, no faults, the real
    /// clock, rate limits on, seed 0.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            credentials: Vec::new(),
            specs: None,
            faults: FaultConfig::default(),
            clock: Clock::real(),
            ssl: SslConfig::default(),
            seed: 0,
            rate_limits: true,
            dnspod_domains: Vec::new(),
        }
    }
}

/// Why the emulator could not start.
#[derive(Debug)]
pub enum StartError {
    /// A spec could not be read or checked.
    Spec(SpecError),
    /// The address could not be bound.
    Bind(std::io::Error),
    /// The state file could not be loaded.
    State(String),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Spec(e) => write!(f, "spec: {e}"),
            StartError::Bind(e) => write!(f, "cannot listen: {e}"),
            StartError::State(e) => write!(f, "state: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

impl EmulatorBuilder {
    /// Listens on `127.0.0.1:port` (0: an ephemeral port).
    pub fn port(mut self, port: u16) -> Self {
        self.addr.set_port(port);
        self
    }

    /// Listens on `addr`.
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Accepts `credential` (in addition to any others given; the demo credentials are
    /// accepted only when none is given).
    pub fn credential(mut self, credential: Credential) -> Self {
        self.credentials.push(credential);
        self
    }

    /// Serves `specs` instead of the embedded ones.
    pub fn specs(mut self, specs: SpecSet) -> Self {
        self.specs = Some(specs);
        self
    }

    /// Injects faults as configured.
    pub fn faults(mut self, faults: FaultConfig) -> Self {
        self.faults = faults;
        self
    }

    /// Drives the certificate lifecycle with `clock`.
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Sets the certificate lifecycle's rules and timings.
    pub fn ssl(mut self, config: SslConfig) -> Self {
        self.ssl = config;
        self
    }

    /// Saves the certificate state to `path` after every change, and resumes from it at start
    /// when it exists.
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.ssl.state_file = Some(path.into());
        self
    }

    /// Seeds the generated ids (fault draws have their own seed in [`FaultConfig`]).
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Turns the spec's rate limits on (default) or off.
    pub fn rate_limits(mut self, enabled: bool) -> Self {
        self.rate_limits = enabled;
        self
    }

    /// Hosts `domain` in the emulated DNSPod account from the start, as if it had been added
    /// with CreateDomain (repeatable).
    pub fn dnspod_domain(mut self, domain: impl Into<String>) -> Self {
        self.dnspod_domains.push(domain.into());
        self
    }

    /// Binds, loads any state file, and serves on the current tokio runtime.
    pub async fn start(self) -> Result<RunningEmulator, StartError> {
        let specs = match self.specs {
            Some(specs) => specs,
            None => SpecSet::builtin().map_err(StartError::Spec)?,
        };
        let credentials = if self.credentials.is_empty() {
            vec![Credential::new(DEMO_SECRET_ID, DEMO_SECRET_KEY)]
        } else {
            self.credentials
        };
        let dnspod = Arc::new(DnspodState::new(self.clock.clone()));
        for domain in &self.dnspod_domains {
            dnspod
                .add_domain(domain)
                .map_err(|e| StartError::State(format!("dnspod domain: {}", e.message)))?;
        }
        let ssl = match &self.ssl.state_file {
            Some(path) => {
                let path = path.clone();
                SslState::load_or_new(self.ssl, self.clock.clone(), self.seed, &path)
                    .map_err(StartError::State)?
            }
            None => SslState::new(self.ssl, self.clock.clone(), self.seed),
        }
        .with_dns(dnspod.clone());
        let listener = TcpListener::bind(self.addr)
            .await
            .map_err(StartError::Bind)?;
        let addr = listener.local_addr().map_err(StartError::Bind)?;
        let shared = Arc::new(Shared {
            specs,
            verifier: Verifier::new(credentials),
            rate_limits: RateLimits::new(),
            rate_limits_on: self.rate_limits,
            faults: Mutex::new(FaultInjector::new(self.faults)),
            ssl: Arc::new(ssl),
            dnspod,
            fleet: cvm::seeded_fleet(),
            clock: self.clock,
            journal: Mutex::new(Vec::new()),
            kit: crate::kit::TestKit::default(),
        });
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(serve(listener, shared.clone(), stopped));
        Ok(RunningEmulator {
            addr,
            base_url: format!("http://{addr}"),
            shared,
            stop,
            task: Some(task),
        })
    }
}

/// What happened to one request, for tests to inspect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// The `X-TC-Action` sent (empty when none).
    pub action: String,
    /// `ok`, the error code answered, or the fault injected (`fault:drop`, `fault:502`, ...).
    pub outcome: String,
}

/// The most requests the journal keeps (the oldest are dropped first).
pub const JOURNAL_CAPACITY: usize = 10_000;

struct Shared {
    specs: SpecSet,
    verifier: Verifier,
    rate_limits: RateLimits,
    rate_limits_on: bool,
    faults: Mutex<FaultInjector>,
    ssl: Arc<SslState>,
    dnspod: Arc<DnspodState>,
    fleet: Vec<cvm::Instance>,
    clock: Clock,
    journal: Mutex<Vec<JournalEntry>>,
    kit: crate::kit::TestKit,
}

impl Shared {
    fn record(&self, action: &str, outcome: &str) {
        // The action and outcome only: a body may carry a private key or a password.
        tracing::debug!(action, outcome, "answered");
        let mut journal = self.journal.lock().unwrap_or_else(|e| e.into_inner());
        if journal.len() >= JOURNAL_CAPACITY {
            journal.drain(..JOURNAL_CAPACITY / 2);
        }
        journal.push(JournalEntry {
            action: action.to_owned(),
            outcome: outcome.to_owned(),
        });
    }
}

/// A serving emulator. Dropping it stops it too (without waiting).
pub struct RunningEmulator {
    addr: SocketAddr,
    base_url: String,
    shared: Arc<Shared>,
    stop: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl std::fmt::Debug for RunningEmulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningEmulator")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl RunningEmulator {
    /// `http://127.0.0.1:<port>`, to hand to a client as its endpoint.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The address listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The clock of the certificate lifecycle (advance it in tests).
    pub fn clock(&self) -> &Clock {
        &self.shared.clock
    }

    /// The certificate lifecycle's state (inspect it, mark domains validated, save it).
    pub fn ssl(&self) -> &SslState {
        &self.shared.ssl
    }

    /// The emulated DNSPod account's domains and records.
    pub fn dnspod(&self) -> &DnspodState {
        &self.shared.dnspod
    }

    /// Replaces the fault configuration; draws restart from its seed.
    pub fn set_faults(&self, faults: FaultConfig) {
        *self.shared.faults.lock().unwrap_or_else(|e| e.into_inner()) = FaultInjector::new(faults);
    }

    /// What happened to the requests so far, oldest first.
    pub fn journal(&self) -> Vec<JournalEntry> {
        self.shared
            .journal
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Canned answers and the journal of bodies ([`crate::kit`]).
    pub(crate) fn kit(&self) -> &crate::kit::TestKit {
        &self.shared.kit
    }

    /// Stops listening, closes every connection and waits for the server task to end.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

async fn serve(listener: TcpListener, shared: Arc<Shared>, mut stopped: watch::Receiver<bool>) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let _ = stream.set_nodelay(true);
                let shared = shared.clone();
                connections.spawn(async move {
                    let service = hyper::service::service_fn(move |request| {
                        let shared = shared.clone();
                        async move { handle(shared, request).await }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .keep_alive(true)
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
            _ = stopped.changed() => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

/// Returned by the service to make hyper close the connection without an answer.
#[derive(Debug)]
struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DropConnection {}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

async fn handle(
    shared: Arc<Shared>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, DropConnection> {
    let (parts, body) = request.into_parts();
    let declared = header(&parts.headers, "content-length");
    if let Err(error) = crate::body::check_declared_size(&parts.method, &parts.uri, declared) {
        shared.record("", &error.code);
        return Ok(json_response(StatusCode::OK, envelope(Err(error))));
    }
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) => {
            let error = if error.is::<http_body_util::LengthLimitError>() {
                crate::body::too_large("the body", "10 MB")
            } else {
                ApiError::new(
                    codes::INVALID_REQUEST,
                    "The request body could not be read.",
                )
            };
            shared.record("", &error.code);
            return Ok(json_response(StatusCode::OK, envelope(Err(error))));
        }
    };
    let action = header(&parts.headers, "x-tc-action")
        .unwrap_or("")
        .to_owned();
    let fault = shared
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .draw(&action);
    match fault {
        None => {}
        Some(Fault::Delay(by)) => {
            shared.record(&action, "fault:delay");
            tokio::time::sleep(by).await;
        }
        Some(Fault::Drop) => {
            shared.record(&action, "fault:drop");
            return Err(DropConnection);
        }
        Some(Fault::BadGateway) => {
            shared.record(&action, "fault:502");
            return Ok(html_response(StatusCode::BAD_GATEWAY));
        }
        Some(Fault::ServiceUnavailable) => {
            shared.record(&action, "fault:503");
            return Ok(html_response(StatusCode::SERVICE_UNAVAILABLE));
        }
        Some(Fault::Malformed) => {
            shared.record(&action, "fault:malformed");
            let body = br#"{"Response": {"RequestId": "0b39eaa4-f938-476d-9b26"#.to_vec();
            return Ok(json_response(StatusCode::OK, body));
        }
        Some(Fault::Throttle) => {
            shared.record(&action, "fault:throttle");
            let error = ApiError::new(
                codes::REQUEST_LIMIT_EXCEEDED,
                "The number of requests exceeds the frequency limit (injected fault).",
            );
            return Ok(json_response(StatusCode::OK, envelope(Err(error))));
        }
        Some(Fault::InternalError) => {
            shared.record(&action, "fault:internal");
            let error = ApiError::new(codes::INTERNAL_ERROR, "Internal error (injected fault).");
            return Ok(json_response(StatusCode::OK, envelope(Err(error))));
        }
    }
    let result = process(&shared, &parts, &body);
    shared.record(
        &action,
        match &result {
            Ok(_) => "ok",
            Err(error) => &error.code,
        },
    );
    Ok(json_response(StatusCode::OK, envelope(result)))
}

fn process(
    shared: &Shared,
    parts: &hyper::http::request::Parts,
    body: &[u8],
) -> Result<Map<String, Value>, ApiError> {
    let headers = &parts.headers;
    if parts.method != hyper::Method::POST {
        return Err(ApiError::new(
            codes::INVALID_REQUEST,
            format!(
                "The {} method is not supported by the emulator; send a POST with a JSON body.",
                parts.method
            ),
        ));
    }
    let content_type = header(headers, "content-type").unwrap_or("");
    let media = content_type.split(';').next().unwrap_or("").trim();
    if !media.eq_ignore_ascii_case("application/json") {
        return Err(ApiError::new(
            codes::INVALID_REQUEST,
            format!("The Content-Type {content_type:?} is not supported; use application/json."),
        ));
    }
    if header(headers, "host").is_none_or(str::is_empty) {
        return Err(ApiError::missing("Host"));
    }
    let action = header(headers, "x-tc-action")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::missing("Action"))?;
    let version = header(headers, "x-tc-version")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::missing("Version"))?;
    let timestamp = header(headers, "x-tc-timestamp")
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::missing("Timestamp"))?;
    let timestamp: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| ApiError::invalid("Timestamp", "expected Unix seconds"))?;
    let verified = shared.verifier.verify(
        &SignedRequest {
            method: parts.method.as_str(),
            path: parts.uri.path(),
            query: parts.uri.query().unwrap_or(""),
            headers,
            body,
            timestamp,
        },
        real_now_ms().div_euclid(1000),
    )?;
    let service = verified.service.as_str();
    if !shared.specs.has_service(service) {
        return Err(ApiError::new(
            codes::INVALID_ACTION,
            format!("The service `{service}` is not served by this endpoint."),
        ));
    }
    let model = match shared.specs.service(service, version) {
        Some(Ok(model)) => model,
        Some(Err(error)) => {
            return Err(ApiError::new(
                codes::INTERNAL_ERROR,
                format!(
                    "The emulator cannot serve {service} {version}: its spec does not check: {error}"
                ),
            ));
        }
        None => {
            return Err(ApiError::new(
                codes::NO_SUCH_VERSION,
                format!(
                    "The API version `{version}` does not exist for `{service}` (versions: {}).",
                    shared
                        .specs
                        .versions(service)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    };
    let Some(spec) = model.action(action) else {
        return Err(ApiError::new(
            codes::INVALID_ACTION,
            format!("The action `{action}` does not exist in {service} {version}."),
        ));
    };
    if shared.rate_limits_on
        && let Some(limit) = spec.rate_limit
        && !shared
            .rate_limits
            .admit(&verified.secret_id, service, action, limit)
    {
        return Err(ApiError::new(
            codes::REQUEST_LIMIT_EXCEEDED,
            format!(
                "The number of requests exceeds the frequency limit of {action} ({limit} per second)."
            ),
        ));
    }
    let body = crate::body::parse(body)?;
    shared.kit.record(&model.ir, spec, version, &body);
    validate::validate(&model, spec, &body, header(headers, "x-tc-region"))?;
    if let Some(answer) = shared.kit.answer(action, &body) {
        return answer;
    }
    if (service, version) == dnspod::handlers::SERVICE
        && let Some(result) = dnspod::handlers::handle(&shared.dnspod, &model, action, &body)
    {
        return result;
    }
    if (service, version) == cvm::handlers::SERVICE
        && let Some(result) = cvm::handlers::handle(&shared.fleet, &model, action, &body)
    {
        return result;
    }
    if (service, version) == handlers::SERVICE
        && let Some(result) = handlers::handle(&shared.ssl, &model, action, body)
    {
        return result;
    }
    Ok(model.response(spec))
}

/// Waits up to `timeout` for `url` to accept TCP connections (for scripts that start the
/// binary).
pub async fn wait_until_listening(addr: SocketAddr, timeout: Duration) -> bool {
    let deadline = tokio::time::Instant::now() + timeout;
    while tokio::time::Instant::now() < deadline {
        if tokio::net::TcpStream::connect(addr).await.is_ok() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}
