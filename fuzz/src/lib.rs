//! Fuzzing on the stable toolchain: a mutation engine ([`mutate`]) over a committed seed corpus
//! of real specs, answers, requests, `Authorization` headers and profile files
//! (`fuzz/corpus/<target>/`), a [`runner`] that counts inputs per second and keeps every input
//! that panics, and one [`targets`] module per kind of input the project reads.
//!
//! cargo-fuzz needs a nightly compiler and libFuzzer; this harness needs neither, so CI runs a
//! seeded slice of every target with the same toolchain as the rest of the build. It has no
//! coverage feedback: instead each target reports how deep an input got (for a spec: parsed,
//! checked, emitted), and inputs that reach the deepest stage join the pool that later
//! mutations start from.

pub mod corpus;
pub mod mutate;
pub mod runner;
pub mod targets;
