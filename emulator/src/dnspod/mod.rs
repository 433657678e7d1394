//! The stateful DNS records of the dnspod service (version 2021-03-23): the domains of the
//! account and their records, which the ssl lifecycle reads to verify `DNS` validation.

pub mod handlers;
pub mod state;

pub use state::{DnspodState, Record};
