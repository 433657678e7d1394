//! The API specs of one Tencent Cloud service, as JSON files in this crate's `spec/` folder.
//!
//! This crate holds data, not code: the `tencentcloud` crate depends on it when the service's
//! feature is on, and its build script generates the service's client from these files. Use
//! `tencentcloud` with the feature of the service instead of this crate.

#![no_std]
