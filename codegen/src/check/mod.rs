//! Stage 2: checking a parsed spec and resolving it into the IR ([`crate::ir`]): names, types,
//! constraints).
//!
//! Every problem is collected, never only the first, and each points at its place in the file.

pub mod naming;
pub mod types;

use std::collections::HashMap;

use indexmap::IndexMap;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, JsonPath};
use crate::ir::{
    self, Constraint, EnumBase, ErrorCode, ErrorSet, Field, Limits, Literal, NamedType, Primitive,
    Test, TestKind, TypeKind, TypeRef, Variant, Waiter,
};
use crate::spec::model::{ErrorCodeSpec, MemberSpec, TestSpec};
use crate::spec::{ParsedCommon, ParsedService, SourceFile};
use types::NamedKind;

/// Checks `service` (with the common spec it inherits) and resolves it into the IR.
pub fn check(
    service: &ParsedService,
    common: Option<&ParsedCommon>,
) -> Result<ir::Service, Vec<Diagnostic>> {
    let (common_errors, common_problems) = match common {
        Some(common) => common_error_set(common),
        None => (
            ErrorSet {
                name: naming::COMMON_ERRORS.to_owned(),
                codes: Vec::new(),
            },
            Vec::new(),
        ),
    };
    let mut checker = Checker {
        source: &service.source,
        problems: common_problems,
        items: HashMap::new(),
    };
    let ir = checker.service(service, common_errors);
    if checker.problems.is_empty() {
        Ok(ir)
    } else {
        checker
            .problems
            .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        Err(checker.problems)
    }
}

/// The common spec's error codes, with the problems of that file (names that make no variant).
fn common_error_set(common: &ParsedCommon) -> (ErrorSet, Vec<Diagnostic>) {
    let mut checker = Checker {
        source: &common.source,
        problems: Vec::new(),
        items: HashMap::new(),
    };
    let set = checker.error_set(
        naming::COMMON_ERRORS,
        &common.spec.errors,
        &JsonPath::root().key("errors"),
        &[],
    );
    (set, checker.problems)
}

struct Checker<'a> {
    source: &'a SourceFile,
    problems: Vec<Diagnostic>,
    /// Every item name in the generated module, with where it came from.
    items: HashMap<String, JsonPath>,
}

impl Checker<'_> {
    fn problem(&mut self, path: JsonPath, message: impl Into<String>, expected: Option<&str>) {
        let diagnostic = self
            .source
            .diagnostic(path, message, expected.map(str::to_owned));
        self.problems.push(diagnostic);
    }

    /// Claims a module-level item name; reports a clash with an earlier claim.
    fn claim_item(&mut self, name: &str, path: JsonPath) {
        if naming::PRELUDE_TYPES.contains(&name) {
            self.problem(
                path,
                format!("`{name}` would shadow a Rust prelude type in the generated code"),
                Some("another name, or a `rust_name`"),
            );
            return;
        }
        if let Some(first) = self.items.get(name) {
            let first = first.clone();
            self.problem(
                path,
                format!("this makes the Rust item `{name}`, which `{first}` already makes"),
                Some("names that stay distinct in Rust, or a `rust_name`"),
            );
            return;
        }
        self.items.insert(name.to_owned(), path);
    }

    fn service(&mut self, parsed: &ParsedService, common_errors: ErrorSet) -> ir::Service {
        let spec = &parsed.spec;
        let root = JsonPath::root();
        let module = naming::field(&spec.service);
        if spec.service.is_empty() || naming::bare(&module) != spec.service {
            self.problem(
                root.key("service"),
                format!("`{}` is not a usable service name", spec.service),
                Some("lower-case letters and digits, as in the endpoint host (`ssl`)"),
            );
        }
        let version_module = naming::version_module(&spec.version).unwrap_or_else(|| {
            self.problem(
                root.key("version"),
                format!("`{}` is not an API version", spec.version),
                Some("a date such as `2019-12-05`"),
            );
            String::new()
        });
        if spec.endpoint.trim().is_empty() {
            self.problem(
                root.key("endpoint"),
                "the endpoint is empty",
                Some("a host such as `ssl.tencentcloudapi.com`"),
            );
        }
        if spec.actions.is_empty() {
            self.problem(
                root.key("actions"),
                "the service has no actions",
                Some("at least one action"),
            );
        }
        let client = naming::client(&spec.service);
        self.claim_item(&client, root.key("service"));
        self.claim_item(naming::COMMON_ERRORS, root.key("service"));
        self.claim_item(naming::SERVICE_ERRORS, root.key("errors"));
        let service_errors = self.error_set(
            naming::SERVICE_ERRORS,
            &spec.errors,
            &root.key("errors"),
            &[],
        );

        let named = self.declare_types(parsed);
        let mut types = Vec::with_capacity(spec.types.len());
        for (name, ty) in &spec.types {
            types.push(self.named_type(name, ty, &named, &root.key("types").key(name)));
        }
        mark_types_with_limits(&mut types);

        let mut actions = Vec::with_capacity(spec.actions.len());
        for (name, action) in &spec.actions {
            actions.push(self.action(name, action, &named, &types, &root.key("actions").key(name)));
        }
        mark_types_in_requests(&mut types, &actions);
        let waiters = spec
            .waiters
            .iter()
            .filter_map(|(name, waiter)| {
                self.waiter(
                    name,
                    waiter,
                    spec,
                    &actions,
                    &types,
                    &root.key("waiters").key(name),
                )
            })
            .collect();
        ir::Service {
            service: spec.service.clone(),
            version: spec.version.clone(),
            name: spec.name.clone(),
            endpoint: spec.endpoint.clone(),
            description: spec.description.clone(),
            source: parsed.source.path().display().to_string(),
            module,
            version_module,
            client,
            common_errors,
            service_errors,
            types,
            actions,
            waiters,
        }
    }

    /// Names every type before any member refers to one.
    fn declare_types<'s>(
        &mut self,
        parsed: &'s ParsedService,
    ) -> HashMap<&'s str, (usize, NamedKind)> {
        let mut named = HashMap::new();
        for (index, (name, ty)) in parsed.spec.types.iter().enumerate() {
            let path = JsonPath::root().key("types").key(name);
            let kind = match (&ty.members, &ty.values) {
                (Some(_), None) => NamedKind::Object,
                (None, Some(_)) => NamedKind::Enum,
                (Some(_), Some(_)) => {
                    self.problem(
                        path.clone(),
                        "a type has either `members` or `values`, not both",
                        Some("one of `members` (a structure) or `values` (a value set)"),
                    );
                    NamedKind::Object
                }
                (None, None) => {
                    self.problem(
                        path.clone(),
                        "the type has neither `members` nor `values`",
                        Some("one of `members` (a structure) or `values` (a value set)"),
                    );
                    NamedKind::Object
                }
            };
            match naming::type_name(ty.rust_name.as_deref().unwrap_or(name)) {
                Some(rust) => self.claim_item(&rust, path),
                None => self.problem(
                    path,
                    format!("`{name}` makes no Rust type name"),
                    Some("a name starting with a letter"),
                ),
            }
            named.insert(name.as_str(), (index, kind));
        }
        named
    }

    fn named_type(
        &mut self,
        name: &str,
        ty: &crate::spec::model::TypeSpec,
        named: &HashMap<&str, (usize, NamedKind)>,
        path: &JsonPath,
    ) -> NamedType {
        let rust_name =
            naming::type_name(ty.rust_name.as_deref().unwrap_or(name)).unwrap_or_default();
        let kind = if let Some(values) = &ty.values {
            if ty.members.is_none() {
                self.enum_type(ty.ty.as_deref(), values, path)
            } else {
                TypeKind::Object {
                    fields: Vec::new(),
                    has_limits: false,
                }
            }
        } else {
            if ty.ty.is_some() {
                self.problem(
                    path.key("type"),
                    "only value sets have a `type`",
                    Some("no `type` on a structure"),
                );
            }
            let members = ty.members.clone().unwrap_or_default();
            let fields = self.fields(&members, named, &path.key("members"), Role::Object);
            let has_limits = fields.iter().any(|f| f.limits.any());
            TypeKind::Object { fields, has_limits }
        };
        NamedType {
            wire_name: name.to_owned(),
            rust_name,
            description: ty.description.clone(),
            in_requests: false,
            kind,
        }
    }

    fn enum_type(
        &mut self,
        base: Option<&str>,
        values: &[crate::spec::model::EnumValueSpec],
        path: &JsonPath,
    ) -> TypeKind {
        let base = match base.unwrap_or("string") {
            "string" => EnumBase::String,
            "i64" => EnumBase::I64,
            "u64" => EnumBase::U64,
            other => {
                self.problem(
                    path.key("type"),
                    format!("a value set cannot hold `{other}` values"),
                    Some("`string`, `i64` or `u64`"),
                );
                EnumBase::String
            }
        };
        if values.is_empty() {
            self.problem(
                path.key("values"),
                "the value set is empty",
                Some("at least one value"),
            );
        }
        let mut names: HashMap<String, usize> = HashMap::new();
        let mut seen_values: Vec<&Value> = Vec::new();
        let mut variants = Vec::with_capacity(values.len());
        for (index, value) in values.iter().enumerate() {
            let at = path.key("values").index(index);
            let literal = match (base, &value.value) {
                (EnumBase::String, Value::String(text)) => Some(Literal::String(text.clone())),
                (EnumBase::I64, Value::Number(n)) => n.as_i64().map(Literal::I64),
                (EnumBase::U64, Value::Number(n)) => n.as_u64().map(Literal::U64),
                _ => None,
            };
            let Some(literal) = literal else {
                let expected = match base {
                    EnumBase::String => "a string",
                    EnumBase::I64 => "a signed 64-bit integer",
                    EnumBase::U64 => "an unsigned 64-bit integer",
                };
                self.problem(
                    at.key("value"),
                    format!("`{}` does not fit the value set's type", value.value),
                    Some(expected),
                );
                continue;
            };
            if seen_values.contains(&&value.value) {
                self.problem(
                    at.key("value"),
                    format!("the value {} is listed twice", value.value),
                    Some("each value once"),
                );
            }
            seen_values.push(&value.value);
            let rust_name = match (&value.name, &literal) {
                (Some(name), _) => naming::type_name(name),
                (None, Literal::String(text)) => naming::type_name(text),
                (None, _) => None,
            };
            let Some(rust_name) = rust_name else {
                self.problem(
                    at.clone(),
                    format!("the value {} makes no Rust variant name", value.value),
                    Some("a `name` starting with a letter"),
                );
                continue;
            };
            if rust_name == "Unknown" {
                self.problem(
                    at.clone(),
                    "`Unknown` is the fallback variant of every value set",
                    Some("another `name`"),
                );
            }
            if let Some(first) = names.insert(rust_name.clone(), index) {
                self.problem(
                    at.clone(),
                    format!("this value makes the variant `{rust_name}`, as value {first} does"),
                    Some("a distinct `name`"),
                );
            }
            variants.push(Variant {
                rust_name,
                value: literal,
                description: value.description.clone(),
            });
        }
        TypeKind::Enum { base, variants }
    }

    fn fields(
        &mut self,
        members: &IndexMap<String, MemberSpec>,
        named: &HashMap<&str, (usize, NamedKind)>,
        path: &JsonPath,
        role: Role,
    ) -> Vec<Field> {
        let mut rust_names: HashMap<String, String> = HashMap::new();
        let mut fields = Vec::with_capacity(members.len());
        for (wire, member) in members {
            let at = path.key(wire);
            if role == Role::Output && wire == "RequestId" {
                self.problem(
                    at,
                    "`RequestId` is part of every response and must not be listed",
                    Some("no `RequestId` member"),
                );
                continue;
            }
            let mut rust_name = naming::field(member.rust_name.as_deref().unwrap_or(wire));
            if let Some(chosen) = &member.rust_name {
                if naming::bare(&rust_name) != chosen.as_str() {
                    self.problem(
                        at.key("rust_name"),
                        format!("`{chosen}` is not a snake-case Rust name"),
                        Some("lower-case words joined by `_`"),
                    );
                }
            }
            if role != Role::Output && naming::REQUEST_METHODS.contains(&rust_name.as_str()) {
                rust_name.push_str("_value");
            }
            if let Some(first) = rust_names.insert(rust_name.clone(), wire.clone()) {
                self.problem(
                    at.clone(),
                    format!(
                        "`{wire}` and `{first}` both become the Rust field `{}`",
                        naming::bare(&rust_name)
                    ),
                    Some("member names that differ in snake case, or a `rust_name` for one"),
                );
            }
            let ty = match types::resolve(&member.ty, named) {
                Ok(ty) => ty,
                Err((message, expected)) => {
                    self.problem(at.key("type"), message, Some(&expected));
                    TypeRef::Primitive(Primitive::String)
                }
            };
            if role == Role::Input && member.nullable {
                self.problem(
                    at.key("nullable"),
                    "only response members can be nullable",
                    Some("`nullable` only under `output` or in structures returned by the service"),
                );
            }
            let limits = self.limits(member, &ty, &at);
            fields.push(Field {
                wire_name: wire.clone(),
                rust_name,
                ty,
                required: member.required,
                nullable: member.nullable,
                deprecated: member.deprecated,
                sensitive: member.sensitive,
                description: member.description.clone(),
                limits,
            });
        }
        fields
    }

    fn limits(&mut self, member: &MemberSpec, ty: &TypeRef, at: &JsonPath) -> Limits {
        let text = matches!(
            ty,
            TypeRef::Primitive(
                Primitive::String | Primitive::DateTime | Primitive::DateTimeIso | Primitive::Date
            )
        );
        let number = matches!(
            ty,
            TypeRef::Primitive(Primitive::I64 | Primitive::U64 | Primitive::F64)
        );
        let list = matches!(ty, TypeRef::List(_));
        let (string, numeric, items) = ("a string member", "a number member", "a list member");
        Limits {
            min_length: self.limit(member.min_length, text, "min_length", string, member, at),
            max_length: self.limit(member.max_length, text, "max_length", string, member, at),
            minimum: self.limit(member.minimum, number, "minimum", numeric, member, at),
            maximum: self.limit(member.maximum, number, "maximum", numeric, member, at),
            min_items: self.limit(member.min_items, list, "min_items", items, member, at),
            max_items: self.limit(member.max_items, list, "max_items", items, member, at),
        }
    }

    /// A limit, kept when it applies to the member's type and reported when it does not.
    fn limit<T>(
        &mut self,
        value: Option<T>,
        applies: bool,
        key: &str,
        expected: &str,
        member: &MemberSpec,
        at: &JsonPath,
    ) -> Option<T> {
        if value.is_some() && !applies {
            self.problem(
                at.key(key),
                format!("`{key}` does not apply to a member of type `{}`", member.ty),
                Some(expected),
            );
            return None;
        }
        value
    }

    fn action(
        &mut self,
        name: &str,
        action: &crate::spec::model::ActionSpec,
        named: &HashMap<&str, (usize, NamedKind)>,
        types: &[NamedType],
        path: &JsonPath,
    ) -> ir::Action {
        let base = naming::type_name(name).unwrap_or_else(|| {
            self.problem(
                path.clone(),
                format!("`{name}` makes no Rust name"),
                Some("an action name starting with a letter"),
            );
            String::new()
        });
        let items = naming::action_items(&base);
        for item in &items {
            self.claim_item(item, path.clone());
        }
        let [request, response, error_name, error_alias] = items;
        let input = self.fields(&action.input, named, &path.key("input"), Role::Input);
        let output = self.fields(&action.output, named, &path.key("output"), Role::Output);
        let constraints = action
            .constraints
            .iter()
            .enumerate()
            .filter_map(|(index, constraint)| {
                let at = path.key("constraints").index(index);
                let when = match &constraint.when {
                    Some(test) => {
                        Some(self.test(test, &input, &action.input, types, &at.key("when"))?)
                    }
                    None => None,
                };
                let then = self.test(
                    &constraint.then,
                    &input,
                    &action.input,
                    types,
                    &at.key("then"),
                )?;
                Some(Constraint {
                    when,
                    then,
                    description: constraint.description.clone(),
                })
            })
            .collect();
        let errors = self.error_set(
            &error_name,
            &action.errors,
            &path.key("errors"),
            &["Common", "Service", "Unknown"],
        );
        ir::Action {
            wire_name: name.to_owned(),
            method: naming::method(name),
            request,
            response,
            description: action.description.clone(),
            status: action.status,
            rate_limit: action.rate_limit,
            retry_safe: action.retry_safe,
            input,
            output,
            constraints,
            errors,
            error: error_alias,
        }
    }

    fn test(
        &mut self,
        test: &TestSpec,
        input: &[Field],
        members: &IndexMap<String, MemberSpec>,
        types: &[NamedType],
        at: &JsonPath,
    ) -> Option<Test> {
        let Some(field) = members.get_index_of(&test.member) else {
            let known: Vec<&str> = members.keys().map(String::as_str).collect();
            self.problem(
                at.key("member"),
                format!("`{}` is not a member of this request", test.member),
                Some(&format!("one of {}", known.join(", "))),
            );
            return None;
        };
        let kind = match (test.present, &test.one_of, &test.not_in) {
            (Some(present), None, None) => TestKind::Present(present),
            (None, Some(values), None) => {
                TestKind::In(self.literals(values, &input[field], types, &at.key("in"))?)
            }
            (None, None, Some(values)) => {
                TestKind::NotIn(self.literals(values, &input[field], types, &at.key("not_in"))?)
            }
            _ => {
                self.problem(
                    at.clone(),
                    "a test needs exactly one of `present`, `in` and `not_in`",
                    Some("one test per object"),
                );
                return None;
            }
        };
        Some(Test { field, kind })
    }

    /// Values a test compares a member with; they must fit the member's type.
    fn literals(
        &mut self,
        values: &[Value],
        field: &Field,
        types: &[NamedType],
        at: &JsonPath,
    ) -> Option<Vec<Literal>> {
        let mut literals = Vec::with_capacity(values.len());
        let mut ok = true;
        for (index, value) in values.iter().enumerate() {
            match literal_for(value, &field.ty, types) {
                Ok(literal) => literals.push(literal),
                Err(expected) => {
                    ok = false;
                    self.problem(
                        at.index(index),
                        format!("{value} cannot be a value of `{}`", field.wire_name),
                        Some(&expected),
                    );
                }
            }
        }
        ok.then_some(literals)
    }

    /// Checks error codes and names their variants; `reserved` are variant names taken already.
    fn error_set(
        &mut self,
        name: &str,
        codes: &IndexMap<String, ErrorCodeSpec>,
        path: &JsonPath,
        reserved: &[&str],
    ) -> ErrorSet {
        let mut variants: HashMap<String, String> = HashMap::new();
        let mut out = Vec::with_capacity(codes.len());
        for (code, spec) in codes {
            let at = path.key(code);
            let Some(variant) = naming::type_name(spec.rust_name().unwrap_or(code)) else {
                self.problem(
                    at,
                    format!("`{code}` makes no Rust variant name"),
                    Some("a code starting with a letter"),
                );
                continue;
            };
            if reserved.contains(&variant.as_str()) {
                self.problem(
                    at,
                    format!("`{code}` would take the reserved variant `{variant}`"),
                    Some("another code"),
                );
                continue;
            }
            if let Some(first) = variants.insert(variant.clone(), code.clone()) {
                self.problem(
                    at,
                    format!("`{code}` and `{first}` both become the variant `{variant}`"),
                    Some("codes that differ beyond case and punctuation, or a `rust_name` for one"),
                );
                continue;
            }
            out.push(ErrorCode {
                code: code.clone(),
                variant,
                description: spec.description().to_owned(),
            });
        }
        ErrorSet {
            name: name.to_owned(),
            codes: out,
        }
    }

    fn waiter(
        &mut self,
        name: &str,
        waiter: &crate::spec::model::WaiterSpec,
        spec: &crate::spec::model::ServiceSpec,
        actions: &[ir::Action],
        types: &[NamedType],
        at: &JsonPath,
    ) -> Option<Waiter> {
        let Some(action) = spec.actions.get_index_of(&waiter.action) else {
            self.problem(
                at.key("action"),
                format!("`{}` is not an action of this service", waiter.action),
                Some("the name of an action under `actions`"),
            );
            return None;
        };
        let output = &actions[action].output;
        let Some(status) = output.iter().position(|f| f.wire_name == waiter.status) else {
            self.problem(
                at.key("status"),
                format!(
                    "`{}` is not a member of {}'s output",
                    waiter.status, waiter.action
                ),
                Some("an output member"),
            );
            return None;
        };
        let success = self.literals(&waiter.success, &output[status], types, &at.key("success"))?;
        let failure = self.literals(&waiter.failure, &output[status], types, &at.key("failure"))?;
        if waiter.delay_seconds == 0 || waiter.timeout_seconds < waiter.delay_seconds {
            self.problem(
                at.key("timeout_seconds"),
                "the waiter's delay must be positive and no longer than its timeout",
                Some("0 < delay_seconds <= timeout_seconds"),
            );
        }
        Some(Waiter {
            wire_name: name.to_owned(),
            method: format!("wait_until_{}", naming::bare(&naming::field(name))),
            description: waiter.description.clone(),
            action,
            status,
            success,
            failure,
            delay_seconds: waiter.delay_seconds,
            timeout_seconds: waiter.timeout_seconds,
        })
    }
}

/// Which struct a member belongs to; requests and responses follow different rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Input,
    Output,
    Object,
}

/// The literal for `value` as a value of a member of type `ty`, or what was expected.
fn literal_for(value: &Value, ty: &TypeRef, types: &[NamedType]) -> Result<Literal, String> {
    match (ty, value) {
        (TypeRef::Primitive(Primitive::Bool), Value::Bool(b)) => Ok(Literal::Bool(*b)),
        (TypeRef::Primitive(Primitive::I64), Value::Number(n)) => n
            .as_i64()
            .map(Literal::I64)
            .ok_or_else(|| "a signed integer".to_owned()),
        (TypeRef::Primitive(Primitive::U64), Value::Number(n)) => n
            .as_u64()
            .map(Literal::U64)
            .ok_or_else(|| "an unsigned integer".to_owned()),
        (
            TypeRef::Primitive(
                Primitive::String | Primitive::Date | Primitive::DateTime | Primitive::DateTimeIso,
            ),
            Value::String(s),
        ) => Ok(Literal::String(s.clone())),
        (TypeRef::Enum(index), value) => {
            let TypeKind::Enum { variants, .. } = &types[*index].kind else {
                return Err("a value of the member's value set".to_owned());
            };
            variants
                .iter()
                .find(|variant| literal_matches(&variant.value, value))
                .map(|variant| variant.value.clone())
                .ok_or_else(|| {
                    let known: Vec<String> =
                        variants.iter().map(|v| literal_text(&v.value)).collect();
                    format!("one of the documented values: {}", known.join(", "))
                })
        }
        (TypeRef::Primitive(primitive), _) => Err(match primitive {
            Primitive::Bool => "`true` or `false`",
            Primitive::I64 => "a signed integer",
            Primitive::U64 => "an unsigned integer",
            Primitive::F64 => {
                "an integer or string member: floating-point values cannot be compared exactly"
            }
            Primitive::String | Primitive::Date | Primitive::DateTime | Primitive::DateTimeIso => {
                "a string"
            }
        }
        .to_owned()),
        (TypeRef::List(_) | TypeRef::Object(_), _) => {
            Err("a scalar member: only `present` tests apply to lists and structures".to_owned())
        }
    }
}

fn literal_matches(literal: &Literal, value: &Value) -> bool {
    match (literal, value) {
        (Literal::String(a), Value::String(b)) => a == b,
        (Literal::I64(a), Value::Number(b)) => b.as_i64() == Some(*a),
        (Literal::U64(a), Value::Number(b)) => b.as_u64() == Some(*a),
        (Literal::Bool(a), Value::Bool(b)) => a == b,
        _ => false,
    }
}

/// A literal as written in the spec, for messages.
pub fn literal_text(literal: &Literal) -> String {
    match literal {
        Literal::String(s) => format!("{s:?}"),
        Literal::I64(n) => n.to_string(),
        Literal::U64(n) => n.to_string(),
        Literal::Bool(b) => b.to_string(),
    }
}

/// Marks structures that hold, directly or through other structures, members with limits.
fn mark_types_with_limits(types: &mut [NamedType]) {
    loop {
        let mut changed = false;
        for index in 0..types.len() {
            let TypeKind::Object {
                fields,
                has_limits: false,
            } = &types[index].kind
            else {
                continue;
            };
            let nested = fields
                .iter()
                .any(|field| refers_to_limits(&field.ty, types));
            if nested {
                if let TypeKind::Object { has_limits, .. } = &mut types[index].kind {
                    *has_limits = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// Marks the types that requests hold, directly or inside other structures.
fn mark_types_in_requests(types: &mut [NamedType], actions: &[ir::Action]) {
    let mut pending: Vec<usize> = Vec::new();
    for field in actions.iter().flat_map(|action| &action.input) {
        named_in(&field.ty, &mut pending);
    }
    while let Some(index) = pending.pop() {
        if types[index].in_requests {
            continue;
        }
        types[index].in_requests = true;
        if let TypeKind::Object { fields, .. } = &types[index].kind {
            for field in fields {
                named_in(&field.ty, &mut pending);
            }
        }
    }
}

fn named_in(ty: &TypeRef, found: &mut Vec<usize>) {
    match ty {
        TypeRef::List(inner) => named_in(inner, found),
        TypeRef::Object(index) | TypeRef::Enum(index) => found.push(*index),
        TypeRef::Primitive(_) => {}
    }
}

/// Whether a value of `ty` holds a structure with limits.
pub fn refers_to_limits(ty: &TypeRef, types: &[NamedType]) -> bool {
    match ty {
        TypeRef::List(inner) => refers_to_limits(inner, types),
        TypeRef::Object(index) => matches!(
            types[*index].kind,
            TypeKind::Object {
                has_limits: true,
                ..
            }
        ),
        TypeRef::Primitive(_) | TypeRef::Enum(_) => false,
    }
}
