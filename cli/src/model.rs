//! The compact description of a service that the CLI interprets, written by `build.rs` from
//! the checked spec (the IR) and embedded compressed, one service version at a time.
//!
//! It comes in two parts so that a call decodes only what it needs: [`Schema`] (names, types,
//! limits, value sets, rules, waiters) for every call, and [`Docs`] (descriptions and examples)
//! for help alone. Indices in `Docs` follow the same order as in `Schema`.

use serde::{Deserialize, Serialize};

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

/// A member of a request, response or structure.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Field {
    /// Name on the wire.
    pub name: String,
    /// Its type.
    pub ty: Ty,
    /// Requests: must be set.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// A secret (never echoed).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// Limits, as the docs state them.
    #[serde(default, skip_serializing_if = "Limits::is_empty")]
    pub limits: Limits,
}

/// Limits of one member.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Limits {
    /// Fewest characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Most characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Smallest number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    /// Largest number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    /// Fewest list items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// Most list items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// The values the member (or each item) accepts, when narrower than its type's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<Literal>>,
}

impl Limits {
    /// Whether no limit is set.
    pub fn is_empty(&self) -> bool {
        *self == Limits::default()
    }
}

/// A member's type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Ty {
    /// Text.
    String,
    /// Signed integer.
    Int,
    /// Non-negative integer.
    Uint,
    /// Boolean.
    Bool,
    /// Floating-point number.
    Float,
    /// Text of the form `2019-12-05 17:04:05`.
    DateTime,
    /// Text of the form `2019-12-05T17:04:05+08:00`.
    DateTimeIso,
    /// Text of the form `2019-12-05`.
    Date,
    /// A list.
    List(Box<Ty>),
    /// A structure or value set, by index into [`Schema::types`].
    Named(u32),
}

/// A shared structure or value set.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Type {
    /// Name in the spec.
    pub name: String,
    /// Members (structures) or values (value sets).
    pub kind: TypeKind,
}

/// What a named type is.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum TypeKind {
    /// A structure.
    Object(Vec<Field>),
    /// A closed set of text values.
    Strings(Vec<String>),
    /// A closed set of integer values.
    Integers(Vec<i64>),
}

/// A literal of a rule or waiter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Literal {
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A large non-negative integer.
    Uint(u64),
    /// Text.
    String(String),
}

/// When `when` holds (or always), `then` must hold. A value test of an unset member with no
/// default is unknown; the rule is broken when `when` certainly holds and `then` certainly not.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rule {
    /// The condition.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The requirement.
    pub then: Condition,
    /// Index into [`Action::input`] of the member a violation is reported on (`None`: `Region`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<u32>,
    /// The rule in the docs' words.
    pub description: String,
}

/// A condition over a request and its region.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Condition {
    /// A test of one request member.
    Member(Test),
    /// A test of the common `Region` parameter.
    Region(TestKind),
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
}

/// A test of one request member, by index into the action's input.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Test {
    /// Index into [`Action::input`].
    pub field: u32,
    /// What is tested.
    pub kind: TestKind,
    /// The documented default a value test sees when the member is unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Literal>,
}

/// What a [`Test`] checks.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum TestKind {
    /// The member is (or is not) set.
    Present(bool),
    /// The member is one of the values.
    In(Vec<Literal>),
    /// The member is none of the values.
    NotIn(Vec<Literal>),
    /// The list member holds one of the values.
    Contains(Vec<Literal>),
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
