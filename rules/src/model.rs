//! The rules of a service version as plain, serializable data: members with their types and
//! limits, value sets, and rules between members. Field and type references are indices, so
//! the serialized form stays compact.

use serde::{Deserialize, Serialize};

/// What the requests of one service version are checked against (built from the IR by
/// `from_ir::service`, feature `ir`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ServiceRules {
    /// Shared structures and value sets, in spec order.
    pub types: Vec<Type>,
    /// Per action, in spec order.
    pub actions: Vec<ActionRules>,
}

/// What a request of one action is checked against.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ActionRules {
    /// Request members.
    pub input: Vec<Field>,
    /// Rules between request members.
    pub rules: Vec<Rule>,
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
    /// Smallest number (of a number, or of the number a string holds).
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
    /// A structure or value set, by index into the service's types.
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

/// A literal of a rule, limit or waiter.
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

impl Literal {
    /// Whether the JSON value is this literal.
    pub fn matches(&self, value: &serde_json::Value) -> bool {
        match self {
            Literal::String(s) => value.as_str() == Some(s.as_str()),
            Literal::Int(n) => value.as_i64() == Some(*n),
            Literal::Uint(n) => value.as_u64() == Some(*n),
            Literal::Bool(b) => value.as_bool() == Some(*b),
        }
    }

    /// The literal as JSON.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Literal::String(s) => serde_json::Value::from(s.as_str()),
            Literal::Int(n) => serde_json::Value::from(*n),
            Literal::Uint(n) => serde_json::Value::from(*n),
            Literal::Bool(b) => serde_json::Value::from(*b),
        }
    }
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
    /// Index into the action's input of the member a violation is reported on (`None`:
    /// `Region`).
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
    /// Index into the action's input.
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

fn is_false(value: &bool) -> bool {
    !*value
}
