//! The stateful certificate lifecycle of the ssl service (version 2019-12-05).

pub mod certificates;
pub mod handlers;
pub mod state;

pub use state::{CertificateRecord, SavedState, SslConfig, SslState};
