//! The generator library: spec, check, IR, emit, format.
//!
//! Each stage lives in its own module and hands the next a plain value:
//! [`spec`] reads files into the spec model, [`check`] validates it and resolves it into the
//! [`ir`], [`emit`] turns the IR into tokens, and [`format`] prints them as Rust source.

pub mod diagnostic;
pub mod import;
pub mod spec;
