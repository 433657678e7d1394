//! The request rules of one service version, and the one interpreter that checks a JSON
//! request against them.
//!
//! The generated `validate()` is Rust emitted from the IR; the emulator and the CLI check a
//! JSON body instead, and both do it here, so they cannot drift apart: unknown and missing
//! members, JSON types, limits (lengths, bounds, item counts, allowed subsets), value sets, and
//! the rules between members with the generated code's three-valued reading of unset members.
//!
//! The model ([`Type`], [`Field`], [`Rule`], ...) is serializable: the CLI embeds it compressed,
//! and the emulator builds it from the IR at start-up (feature `ir`, `from_ir`).

mod check;
mod condition;
#[cfg(feature = "ir")]
pub mod from_ir;
mod model;

pub use check::{Problem, Violation, check};
pub use condition::holds;
pub use model::{
    ActionRules, Condition, Field, Limits, Literal, Rule, ServiceRules, Test, TestKind, Ty, Type,
    TypeKind,
};
