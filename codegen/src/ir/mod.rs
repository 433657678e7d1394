//! Stage 2's result: a service with every name chosen, every type resolved and every constraint
//! bound to its members. Emitters read only this; they make no naming or checking decisions.

mod pagination;
mod queries;

pub use pagination::Pagination;
pub use queries::refers_to_limits;

/// One service version, ready to emit.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Short name (`ssl`).
    pub service: String,
    /// API version (`2019-12-05`).
    pub version: String,
    /// Human name (`SSL Certificates`).
    pub name: String,
    /// Endpoint host.
    pub endpoint: String,
    /// What the service is for.
    pub description: String,
    /// The spec file the service came from, as named to the generator.
    pub source: String,
    /// Rust name of the service module (`ssl`).
    pub module: String,
    /// Rust name of the version module (`v20191205`).
    pub version_module: String,
    /// Rust name of the client (`SslClient`).
    pub client: String,
    /// Codes every action of every service may return.
    pub common_errors: ErrorSet,
    /// Business codes any action of this service may return.
    pub service_errors: ErrorSet,
    /// Shared structures and value sets, in spec order.
    pub types: Vec<NamedType>,
    /// Actions, in spec order.
    pub actions: Vec<Action>,
    /// Polling loops, in spec order.
    pub waiters: Vec<Waiter>,
    /// Whether every type is both `Serialize` and `Deserialize` ([`crate::Settings::round_trip`]).
    /// Otherwise each type gets what its direction needs: a request is only written, a
    /// response only read, which spares a caller half of serde's derived code.
    pub round_trip: bool,
}

/// A closed set of error codes emitted as one enum.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorSet {
    /// Rust name of the enum (`CommonErrorCode`).
    pub name: String,
    /// The codes, in spec order.
    pub codes: Vec<ErrorCode>,
}

/// One error code.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCode {
    /// The code as sent (`FailedOperation.ExceedsFreeLimit`).
    pub code: String,
    /// Rust variant name (`FailedOperationExceedsFreeLimit`).
    pub variant: String,
    /// What the code means.
    pub description: String,
}

/// One action.
#[derive(Debug, Clone, PartialEq)]
pub struct Action {
    /// Name on the wire (`ApplyCertificate`).
    pub wire_name: String,
    /// Client method (`apply_certificate`).
    pub method: String,
    /// Request struct (`ApplyCertificateRequest`).
    pub request: String,
    /// Response struct (`ApplyCertificateResponse`).
    pub response: String,
    /// What the action does.
    pub description: String,
    /// Whether the action is deprecated or offline.
    pub status: ActionStatus,
    /// Requests per second allowed.
    pub rate_limit: Option<u32>,
    /// Whether sending twice is harmless.
    pub retry_safe: bool,
    /// Request members.
    pub input: Vec<Field>,
    /// Response members (without `RequestId`, which every response has).
    pub output: Vec<Field>,
    /// Rules between request members.
    pub constraints: Vec<Constraint>,
    /// The action's own documented codes, as enum `<Action>ErrorCode`.
    pub errors: ErrorSet,
    /// The alias of the runtime's service error typed by those codes (`<Action>Error`).
    pub error: String,
    /// How to walk its list page by page, for a list action.
    pub pagination: Option<Pagination>,
}

/// Whether an action is still answered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ActionStatus {
    /// In service.
    #[default]
    Online,
    /// Still answered, but replaced by another action.
    Deprecated,
    /// No longer answered.
    Offline,
}

/// A member of a request, response or structure.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name on the wire (`DomainName`).
    pub wire_name: String,
    /// Rust field and setter name (`domain_name`, `r#type`).
    pub rust_name: String,
    /// Resolved type.
    pub ty: TypeRef,
    /// Requests: must be set. Responses: always sent.
    pub required: bool,
    /// Responses: may be `null`.
    pub nullable: bool,
    /// No longer to be used.
    pub deprecated: bool,
    /// A secret, hidden from `Debug`.
    pub sensitive: bool,
    /// What the member means.
    pub description: String,
    /// Limits checked by `validate()`.
    pub limits: Limits,
}

impl Field {
    /// Whether the Rust field is an `Option` (in a request: not required; in a response: not
    /// always sent, or nullable).
    pub fn is_optional(&self) -> bool {
        !self.required || self.nullable
    }
}

/// Limits of one member, as the docs state them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Limits {
    /// Fewest characters.
    pub min_length: Option<u64>,
    /// Most characters.
    pub max_length: Option<u64>,
    /// Smallest number.
    pub minimum: Option<f64>,
    /// Largest number.
    pub maximum: Option<f64>,
    /// Fewest list items.
    pub min_items: Option<u64>,
    /// Most list items.
    pub max_items: Option<u64>,
    /// The values the member (or each item of a list member) accepts, when narrower than its
    /// type's.
    pub allowed: Option<Vec<Literal>>,
}

impl Limits {
    /// Whether any limit is set.
    pub fn any(&self) -> bool {
        *self != Limits::default()
    }
}

/// A member's type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    /// A built-in scalar.
    Primitive(Primitive),
    /// A list of another type.
    List(Box<TypeRef>),
    /// A shared structure, by index into [`Service::types`].
    Object(usize),
    /// A closed value set, by index into [`Service::types`].
    Enum(usize),
}

/// Scalars of the spec format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Primitive {
    /// Text.
    String,
    /// Signed 64-bit integer.
    I64,
    /// Unsigned 64-bit integer.
    U64,
    /// `true` or `false`.
    Bool,
    /// Floating-point number.
    F64,
    /// Text of the form `2019-12-05 17:04:05`.
    DateTime,
    /// Text of the form `2019-12-05T17:04:05+08:00`.
    DateTimeIso,
    /// Text of the form `2019-12-05`.
    Date,
}

/// A shared structure or closed value set.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedType {
    /// Name in the spec.
    pub wire_name: String,
    /// Rust name.
    pub rust_name: String,
    /// What the type stands for.
    pub description: String,
    /// Whether a request holds it (directly or inside another structure); only such
    /// structures need constructors and setters, and only they are written.
    pub in_requests: bool,
    /// Whether a response holds it (directly or inside another structure): only such
    /// structures are read.
    pub in_responses: bool,
    /// Structure or value set.
    pub kind: TypeKind,
}

/// What a named type is.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A structure.
    Object {
        /// Its members.
        fields: Vec<Field>,
        /// Whether it or a structure inside it has limits to validate.
        has_limits: bool,
    },
    /// A closed value set.
    Enum {
        /// Wire type of its values.
        base: EnumBase,
        /// Its documented values.
        variants: Vec<Variant>,
    },
}

/// Wire type of a value set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnumBase {
    /// Text values.
    String,
    /// Signed integer values.
    I64,
    /// Unsigned integer values.
    U64,
}

/// One documented value of a value set.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Rust variant name.
    pub rust_name: String,
    /// The value on the wire.
    pub value: Literal,
    /// What the value means.
    pub description: String,
}

/// A literal value from the spec.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// Text.
    String(String),
    /// A signed integer.
    I64(i64),
    /// An unsigned integer.
    U64(u64),
    /// A boolean.
    Bool(bool),
}

/// When `when` holds (or always), `then` must hold.
///
/// A value test of an unset member with no default is unknown; the rule is broken only when
/// `when` certainly holds and `then` certainly does not (see [`Condition`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    /// The condition.
    pub when: Option<Condition>,
    /// The requirement.
    pub then: Condition,
    /// Index into the action's `input` of the member a violation is reported on, or `None` for
    /// a common parameter.
    pub report: Option<usize>,
    /// The rule in the docs' words.
    pub description: String,
}

/// A condition over a request and its common parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// A test of one request member.
    Member(Test),
    /// A test of one common parameter.
    Common(CommonParameter, TestKind),
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
}

/// A common parameter a rule can test (sent as a header, not in the body).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommonParameter {
    /// `X-TC-Region`.
    Region,
}

impl CommonParameter {
    /// The parameter's name in the docs (`Region`).
    pub fn wire_name(self) -> &'static str {
        match self {
            CommonParameter::Region => "Region",
        }
    }
}

/// A test of one request member.
#[derive(Debug, Clone, PartialEq)]
pub struct Test {
    /// Index into the action's `input`.
    pub field: usize,
    /// What is tested.
    pub kind: TestKind,
    /// The documented default a value test sees when the member is unset.
    pub default: Option<Literal>,
}

/// What a test checks.
#[derive(Debug, Clone, PartialEq)]
pub enum TestKind {
    /// The member is (or is not) set.
    Present(bool),
    /// The member is one of the values.
    In(Vec<Literal>),
    /// The member is none of the values.
    NotIn(Vec<Literal>),
    /// The list member holds at least one of the values.
    Contains(Vec<Literal>),
}

impl TestKind {
    /// Whether the test looks at the value (and so is unknown for an unset member).
    pub fn is_value_test(&self) -> bool {
        !matches!(self, TestKind::Present(_))
    }
}

/// A polling loop over an action.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiter {
    /// Name in the spec (`CertificateIssued`).
    pub wire_name: String,
    /// Client method (`wait_until_certificate_issued`).
    pub method: String,
    /// What it waits for.
    pub description: String,
    /// Index into [`Service::actions`].
    pub action: usize,
    /// Index into that action's `output`.
    pub status: usize,
    /// Values that end the wait successfully.
    pub success: Vec<Literal>,
    /// Values that end it with a failure.
    pub failure: Vec<Literal>,
    /// Seconds between polls.
    pub delay_seconds: u64,
    /// Seconds before giving up.
    pub timeout_seconds: u64,
}
