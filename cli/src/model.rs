//! The compact description of a service that the CLI interprets, written by `build.rs` from
//! the checked spec (the IR) and embedded compressed, one service version at a time.
//!
//! It comes in two parts so that a call decodes only what it needs: [`Schema`] (names, types,
//! limits, value sets, rules, waiters) for every call, and [`Docs`] (descriptions and examples)
//! for help alone. Indices in `Docs` follow the same order as in `Schema`. Members, types and
//! rules are `tc_rules`' model, which the emulator checks requests with too.

use serde::{Deserialize, Serialize};
pub use tc_rules::{Field, Literal, Rule, Ty, Type};

/// What a call needs of one service version.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Schema {
    /// Short name (`ssl`).
    pub service: String,
    /// API version (`2019-12-05`).
    pub version: String,
    /// Endpoint host.
    pub endpoint: String,
    /// Actions, in spec order.
    pub actions: Vec<Action>,
    /// Shared structures and value sets, in spec order.
    pub types: Vec<Type>,
    /// Polling loops, in spec order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waiters: Vec<Waiter>,
}

/// One action.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Action {
    /// Name on the wire.
    pub name: String,
    /// Request members.
    pub input: Vec<Field>,
    /// Response members without `RequestId`.
    pub output: Vec<Field>,
    /// Rules between request members.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<Rule>,
    /// Whether sending twice is harmless.
    #[serde(default, skip_serializing_if = "is_false")]
    pub retry_safe: bool,
    /// Deprecated or offline.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// How to page through the action's results, when it pages by offset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<Pages>,
}

/// An action that pages with `Offset` and `Limit` and reports a total.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Pages {
    /// The output list that grows page by page.
    pub list: String,
}

/// A polling loop over an action, from the spec.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Waiter {
    /// Name in the spec (`CertificateIssued`).
    pub name: String,
    /// The action polled.
    pub action: String,
    /// The output member read.
    pub status: String,
    /// Values that end the wait successfully.
    pub success: Vec<Literal>,
    /// Values that end it with a failure.
    pub failure: Vec<Literal>,
    /// Seconds between polls.
    pub delay_seconds: u64,
    /// Seconds before giving up.
    pub timeout_seconds: u64,
}

/// What help needs of one service version, index for index with its [`Schema`].
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Docs {
    /// Human name.
    pub name: String,
    /// What the service is for.
    pub description: String,
    /// Per action.
    pub actions: Vec<ActionDocs>,
    /// Per type: its description and one text per member or value.
    pub types: Vec<TypeDocs>,
    /// Per waiter.
    #[serde(default)]
    pub waiters: Vec<String>,
}

/// Help of one action.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ActionDocs {
    /// What the action does.
    pub description: String,
    /// Per input member.
    pub input: Vec<String>,
    /// Per output member.
    pub output: Vec<String>,
    /// Example requests: a title and the request's parameters.
    #[serde(default)]
    pub examples: Vec<(String, serde_json::Value)>,
}

/// Help of one named type.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TypeDocs {
    /// What the type stands for.
    pub description: String,
    /// Per member or value.
    pub items: Vec<String>,
}

fn is_false(value: &bool) -> bool {
    !*value
}
