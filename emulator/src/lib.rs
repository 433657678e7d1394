//! A local Tencent Cloud API 3.0 endpoint, built from the same specs and generated types as
//! the clients.
//!
//! It verifies every TC3-HMAC-SHA256 signature, validates every body against the spec,
//! applies the spec's rate limits, keeps a stateful certificate lifecycle for the ssl service
//! (apply, describe, verify, download a real certificate, cancel, delete), DNS records for
//! dnspod (which verify `DNS` certificate validation), a seeded fleet of CVM instances,
//! answers every other action of every served spec from the spec, and injects seeded faults
//! on demand.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use tc_emulator::{Clock, Emulator, auth};
//! let emulator = Emulator::builder().clock(Clock::accelerated(600.0)).start().await?;
//! let client = tc_runtime::Client::builder()
//!     .credentials(tc_runtime::Credentials::new(auth::DEMO_SECRET_ID, auth::DEMO_SECRET_KEY)?)
//!     .base_url(emulator.base_url())?
//!     .build()?;
//! # let _ = client;
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```

pub mod atomic_file;
pub mod auth;
pub mod body;
pub mod clock;
pub mod cvm;
pub mod dnspod;
pub mod error;
pub mod faults;
pub mod kit;
pub mod rate_limit;
pub mod reply;
pub mod server;
pub mod specs;
pub mod ssl;
pub mod synth;
pub mod validate;

pub use auth::{Credential, DEMO_SECRET_ID, DEMO_SECRET_KEY};
pub use clock::Clock;
pub use error::ApiError;
pub use faults::{Fault, FaultConfig};
pub use kit::{SentRequest, Stub};
pub use server::{Emulator, EmulatorBuilder, JournalEntry, RunningEmulator, StartError};
pub use specs::SpecSet;
pub use ssl::{SslConfig, SslState};
