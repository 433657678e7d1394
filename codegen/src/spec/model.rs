//! The spec file format, as people write it.
//!
//! Every struct here mirrors one JSON object of `spec/**/*.json` and rejects unknown keys, so
//! that a misspelt key is reported instead of ignored. The meaning of each key is documented in
//! `spec/README.md`; `spec/schema.json` states the same shape for editors.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::types::TypeExpr;

/// One service version (`spec/<service>/<version>.json`).
///
/// `A` and `T` are the types of actions and named types: [`ActionSpec`] and [`TypeSpec`] once
/// fully read, raw JSON values while the loader reads each one on its own so that one bad action
/// does not hide the problems of the next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ServiceSpec<A = ActionSpec, T = TypeSpec> {
    /// Where editors find the JSON Schema; ignored by the generator.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Short name, also the first label of the endpoint host (`ssl`).
    pub service: String,
    /// API version (`2019-12-05`).
    pub version: String,
    /// Human name of the product (`SSL Certificates`).
    pub name: String,
    /// Endpoint host (`ssl.tencentcloudapi.com`).
    pub endpoint: String,
    /// What the service is for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The language of `description`.
    #[serde(default, skip_serializing_if = "Lang::is_english")]
    pub lang: Lang,
    /// Where facts came from and how sources disagreed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Requests per second of every action that sets no `rate_limit` of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<u32>,
    /// Business error codes of the service that any of its actions may return, with their
    /// descriptions (an action's own `errors` list the ones its page documents).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub errors: IndexMap<String, ErrorCodeSpec>,
    /// Actions by name, in the order they are generated.
    pub actions: IndexMap<String, A>,
    /// Shared structures and closed value sets by name.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub types: IndexMap<String, T>,
    /// Named polling loops over an action, for long-running work.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub waiters: IndexMap<String, WaiterSpec>,
}

/// The file every service inherits (`spec/common.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CommonSpec {
    /// Where editors find the JSON Schema; ignored by the generator.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    /// Where the common parameters and codes came from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Common request parameters, sent by the runtime as `X-TC-*` headers.
    #[serde(default)]
    pub parameters: IndexMap<String, MemberSpec>,
    /// Common error codes that every action may return, with their descriptions.
    pub errors: IndexMap<String, ErrorCodeSpec>,
}

/// Whether an action is current.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    /// In service.
    #[default]
    Online,
    /// Still answered, but replaced by another action.
    Deprecated,
    /// No longer answered.
    Offline,
}

impl ActionStatus {
    fn is_online(&self) -> bool {
        *self == ActionStatus::Online
    }
}

/// The language of a description. English is the default and is left out of spec files;
/// `zh` marks text that only Tencent's Chinese documentation has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Chinese.
    Zh,
}

impl Lang {
    /// Whether this is the default (English), which spec files leave out.
    pub fn is_english(&self) -> bool {
        *self == Lang::En
    }
}

/// One action of a service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionSpec {
    /// What the action does (first sentence becomes the summary).
    pub description: String,
    /// The language of `description`.
    #[serde(default, skip_serializing_if = "Lang::is_english")]
    pub lang: Lang,
    /// Whether the action is current, deprecated or offline.
    #[serde(default, skip_serializing_if = "ActionStatus::is_online")]
    pub status: ActionStatus,
    /// Requests per second the service allows, when documented; the service's `rate_limit`
    /// when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit: Option<u32>,
    /// Whether sending the same request twice is harmless.
    #[serde(default, skip_serializing_if = "is_false")]
    pub retry_safe: bool,
    /// Request members by wire name.
    #[serde(default)]
    pub input: IndexMap<String, MemberSpec>,
    /// Response members by wire name (`RequestId` is implied).
    #[serde(default)]
    pub output: IndexMap<String, MemberSpec>,
    /// Rules between members that the docs state in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<ConstraintSpec>,
    /// Business error codes with their descriptions.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub errors: IndexMap<String, ErrorCodeSpec>,
    /// Documented request and response pairs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<ExampleSpec>,
    /// Where facts came from and how sources disagreed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// One member of a request, a response or a structure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MemberSpec {
    /// `string`, `i64`, `u64`, `bool`, `f64`, `datetime`, `datetime_iso`, `date`, `list<T>`
    /// or the name of a type under `types`.
    #[serde(rename = "type")]
    pub ty: String,
    /// The Rust field name, when the one made from the wire name clashes with another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// In requests: the caller must set it. In responses: the service always sends it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// In responses: the service may send `null`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
    /// Still accepted, but no longer to be used.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// A secret (a password or private key): never shown by `Debug`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// What the member means.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The language of `description`.
    #[serde(default, skip_serializing_if = "Lang::is_english")]
    pub lang: Lang,
    /// A documented example value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    /// Fewest characters of a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Most characters of a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Smallest number allowed (of a number member, or of the number a string member holds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    /// Largest number allowed (of a number member, or of the number a string member holds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
    /// Fewest items of a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// Most items of a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// The values this member accepts, when its docs list fewer than its value set (or, for a
    /// list, the values its items accept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<Value>>,
    /// The value the service assumes when the member is unset, as the docs state it; value
    /// tests of constraints see it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Where facts came from and how sources disagreed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl MemberSpec {
    /// The member's type, parsed.
    pub fn type_expr(&self) -> TypeExpr {
        TypeExpr::parse(&self.ty)
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// An error code's description, with the Rust variant name when the one made from the code
/// clashes with another code's (`InvalidParameterConflict` and `InvalidParameter.Conflict`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ErrorCodeSpec {
    /// What the code means.
    Description(String),
    /// What the code means, and its variant name.
    Named(NamedErrorCode),
}

/// The long form of [`ErrorCodeSpec`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NamedErrorCode {
    /// What the code means.
    pub description: String,
    /// The Rust variant name.
    pub rust_name: String,
}

impl ErrorCodeSpec {
    /// What the code means.
    pub fn description(&self) -> &str {
        match self {
            ErrorCodeSpec::Description(text) => text,
            ErrorCodeSpec::Named(named) => &named.description,
        }
    }

    /// The variant name the spec chose, if any.
    pub fn rust_name(&self) -> Option<&str> {
        match self {
            ErrorCodeSpec::Description(_) => None,
            ErrorCodeSpec::Named(named) => Some(&named.rust_name),
        }
    }
}

/// A named structure (with `members`) or closed value set (with `values`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TypeSpec {
    /// What the type stands for.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The language of `description`.
    #[serde(default, skip_serializing_if = "Lang::is_english")]
    pub lang: Lang,
    /// The Rust type name, when the one made from the spec name clashes with another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_name: Option<String>,
    /// For a value set: the wire type of its values, `string` (default), `i64` or `u64`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<String>,
    /// For a structure: its members by wire name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<IndexMap<String, MemberSpec>>,
    /// For a value set: its documented values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<EnumValueSpec>>,
    /// Where facts came from and how sources disagreed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// One documented value of a closed value set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EnumValueSpec {
    /// The value as sent on the wire (a string or an integer).
    pub value: Value,
    /// The Rust variant name, when the value does not make one (`83`, `0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the value means.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The language of `description`.
    #[serde(default, skip_serializing_if = "Lang::is_english")]
    pub lang: Lang,
}

/// A rule between members: when `when` holds (or always), `then` must hold.
///
/// A value test of an unset member with no documented `default` is unknown: a rule is broken
/// only when its condition certainly holds and its requirement certainly does not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConstraintSpec {
    /// The condition; without it the rule always applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<ConditionSpec>,
    /// What must hold.
    pub then: ConditionSpec,
    /// The member a violation is reported on; the first member `then` names when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
    /// The rule as the docs state it, shown to users who break it.
    pub description: String,
}

/// A condition: a test of one request member (`member`) or common parameter (`common`) with
/// exactly one of `present`, `in`, `not_in` and `contains`; or exactly one of `all`, `any` and
/// `not` over other conditions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    /// Wire name of the request member tested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// Name of the common parameter tested (`Region`), sent as a header rather than in the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common: Option<String>,
    /// Whether it is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub present: Option<bool>,
    /// It is (or, unset, its `default` is) one of these values.
    #[serde(rename = "in", default, skip_serializing_if = "Option::is_none")]
    pub one_of: Option<Vec<Value>>,
    /// It is (or, unset, its `default` is) none of these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_in: Option<Vec<Value>>,
    /// A list member holds at least one of these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<Vec<Value>>,
    /// Every one of these conditions holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<ConditionSpec>>,
    /// At least one of these conditions holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<Vec<ConditionSpec>>,
    /// This condition does not hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<ConditionSpec>>,
}

/// A documented example call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExampleSpec {
    /// The example's heading.
    pub title: String,
    /// What the example shows.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The language of `title` and `description`.
    #[serde(default, skip_serializing_if = "Lang::is_english")]
    pub lang: Lang,
    /// The request body.
    pub request: Value,
    /// The whole response, `{"Response": {...}}`.
    pub response: Value,
}

/// A polling loop: call `action` until `status` reaches a success or failure value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WaiterSpec {
    /// What the waiter waits for.
    pub description: String,
    /// The action to poll (usually a Describe action).
    pub action: String,
    /// The output member that holds the status.
    pub status: String,
    /// Status values that end the wait successfully.
    pub success: Vec<Value>,
    /// Status values that end the wait with a failure.
    #[serde(default)]
    pub failure: Vec<Value>,
    /// Seconds between two polls.
    pub delay_seconds: u64,
    /// Seconds after which the wait gives up.
    pub timeout_seconds: u64,
}
