//! A fixed fleet of CVM instances (version 2017-03-12) for `DescribeInstances`: filters and
//! pagination over instances that are the same on every run.

pub mod fleet;
pub mod handlers;

pub use fleet::{Instance, seeded_fleet};
