//! Every rule (constraint) of ssl 2019-12-05, one test each (written by `build.rs`): a request
//! that keeps the rule passes the generated `validate_with()` and the emulator; a request that
//! breaks it is refused by both, by `validate_with()` on the rule's member with the rule's own
//! description, and by the emulator over HTTP with the real API's code.
//!
//! The requests are found, not written by hand: a minimal valid request, with the members the
//! rule names set to each value the rule mentions, another value, or nothing (and the region
//! set or not), keeping the first combination that breaks the rule and one that keeps it.

use tencentcloud::ssl::v20191205 as ssl;

mod rules {
    use std::marker::PhantomData;
    use std::path::Path;
    use std::sync::OnceLock;

    use serde::de::DeserializeOwned;
    use serde_json::{Map, Value};
    use tc_codegen::ir::{
        Action as ActionIr, Condition, Constraint, Field, Literal, Primitive, Service, TestKind,
        TypeKind, TypeRef,
    };
    use tc_emulator::validate::{condition_holds, literal_json, validate_action};
    use tc_emulator::{DEMO_SECRET_ID, DEMO_SECRET_KEY, Emulator};
    use tc_runtime::{Action, CallOptions, Client, CommonParams, Credentials, Error};

    const REGION: &str = "ap-guangzhou";

    fn service() -> &'static Service {
        static SERVICE: OnceLock<Service> = OnceLock::new();
        SERVICE.get_or_init(|| {
            tc_codegen::load(Path::new("../spec/ssl/2019-12-05.json"))
                .expect("the ssl spec checks")
                .service
        })
    }

    /// What the emulator checks requests against, built once from [`service`].
    fn service_rules() -> &'static tc_rules::ServiceRules {
        static RULES: OnceLock<tc_rules::ServiceRules> = OnceLock::new();
        RULES.get_or_init(|| tc_rules::from_ir::service(service()))
    }

    /// One request: its body and its region.
    #[derive(Debug, Clone)]
    struct Case {
        body: Map<String, Value>,
        region: Option<&'static str>,
    }

    /// The case decoded as the typed request `A` and checked as the client checks it.
    fn validated<A: Action + DeserializeOwned>(
        case: &Case,
    ) -> Result<(), tc_runtime::InvalidRequest> {
        let request: A = serde_json::from_value(Value::Object(case.body.clone()))
            .unwrap_or_else(|e| panic!("{case:?} does not decode: {e}"));
        request.validate_with(&CommonParams::with_region(case.region))
    }

    pub fn check<A>(index: usize)
    where
        A: Action + DeserializeOwned,
    {
        let service = service();
        let action = service
            .actions
            .iter()
            .find(|action| action.wire_name == A::NAME)
            .expect("the action is in the spec");
        let constraint = &action.constraints[index];
        let (keeps, breaks) = cases(service, action, constraint);
        let member = match constraint.report {
            Some(field) => action.input[field].wire_name.as_str(),
            None => "Region",
        };

        if let Err(invalid) = validated::<A>(&keeps) {
            panic!("{keeps:?} keeps the rule but validate_with() refuses it: {invalid}");
        }
        let refused =
            validated::<A>(&breaks).expect_err("validate_with() refuses a request that breaks it");
        assert!(
            refused
                .violations
                .iter()
                .any(|v| v.member == member && v.problem == constraint.description),
            "{breaks:?}: expected a violation of {member} saying {:?}, got {refused}",
            constraint.description
        );

        let code = if asks_to_set(&constraint.then) {
            "MissingParameter"
        } else {
            "InvalidParameterValue"
        };
        over_http::<A>(&keeps, &breaks, code, Some(&constraint.description));
    }

    /// A limit of one request member (item count, bound, allowed values, length): a value at
    /// the limit passes `validate()` and the emulator, one past it is refused by both.
    pub fn limit<A>(member: &str)
    where
        A: Action + DeserializeOwned,
    {
        let service = service();
        let action = service
            .actions
            .iter()
            .find(|action| action.wire_name == A::NAME)
            .expect("the action is in the spec");
        let field = action
            .input
            .iter()
            .find(|field| field.wire_name == member)
            .expect("the member is in the spec");
        let base = base(service, action);
        let mut pairs = Vec::new();
        let limits = &field.limits;
        let item = match &field.ty {
            TypeRef::List(item) => Some(item.as_ref()),
            _ => None,
        };
        let one = |ty: &TypeRef| value_of(service, ty, &limits.allowed);
        if let (Some(max), Some(item)) = (limits.max_items, item) {
            let items = |count: u64| Value::Array((0..count).map(|_| one(item)).collect());
            pairs.push((items(max), items(max + 1)));
        }
        if let (Some(min), Some(item)) = (limits.min_items, item) {
            let items = |count: u64| Value::Array((0..count).map(|_| one(item)).collect());
            if min > 0 {
                pairs.push((items(min), items(min - 1)));
            }
        }
        let number = |n: f64| match field.ty {
            TypeRef::Primitive(Primitive::String) => Value::from(n.to_string()),
            _ => Value::from(n as i64),
        };
        if let Some(max) = limits.maximum {
            pairs.push((number(max), number(max + 1.0)));
        }
        if let Some(min) = limits.minimum {
            pairs.push((number(min), number(min - 1.0)));
        }
        if limits.min_length == Some(1) {
            pairs.push((Value::from("x"), Value::from("")));
        }
        if let Some(max) = limits.max_length {
            let text = |count: u64| Value::from("x".repeat(count as usize));
            pairs.push((text(max), text(max + 1)));
        }
        if let Some(allowed) = &limits.allowed {
            let TypeRef::Enum(index) = item.unwrap_or(&field.ty) else {
                panic!("{member}: allowed subsets are tested on value sets");
            };
            let TypeKind::Enum { variants, .. } = &service.types[*index].kind else {
                panic!("{member}: not a value set");
            };
            let refused = variants
                .iter()
                .map(|variant| literal_json(&variant.value))
                .find(|value| !allowed.iter().any(|l| literal_json(l) == *value))
                .expect("the value set has a value the member does not allow");
            let wrap = |value: Value| match item {
                Some(_) => Value::Array(vec![value]),
                None => value,
            };
            pairs.push((wrap(literal_json(&allowed[0])), wrap(refused)));
        }
        assert!(!pairs.is_empty(), "{member} has a limit this test knows");
        for (kept, broken) in pairs {
            let with = |value: Value| {
                let mut body = base.clone();
                body.insert(member.to_owned(), value);
                Case {
                    body,
                    region: Some(REGION),
                }
            };
            let (keeps, breaks) = (with(kept), with(broken));
            if let Err(invalid) = validated::<A>(&keeps) {
                panic!("{keeps:?} is within the limit but validate_with() refuses it: {invalid}");
            }
            let refused = validated::<A>(&breaks).expect_err("validate_with() refuses it");
            assert!(
                refused
                    .violations
                    .iter()
                    .any(|v| v.member.starts_with(member)),
                "{breaks:?}: expected a violation of {member}, got {refused}"
            );
            over_http::<A>(&keeps, &breaks, "InvalidParameterValue", None);
        }
    }

    /// `keeps` is not refused by the emulator as invalid; `breaks` is, with `code` (and
    /// `message` in its message, when given).
    fn over_http<A: Action>(keeps: &Case, breaks: &Case, code: &str, message: Option<&str>) {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let emulator = Emulator::builder()
                .start()
                .await
                .expect("the emulator starts");
            let client = Client::builder()
                .credentials(Credentials::new(DEMO_SECRET_ID, DEMO_SECRET_KEY).expect("valid"))
                .base_url(emulator.base_url())
                .expect("a valid URL")
                .build()
                .expect("builds");
            match send::<A>(&client, keeps).await {
                Ok(_) => {}
                Err(Error::Service(error)) => assert!(
                    !VALIDATION_CODES.contains(&error.code.as_str()),
                    "{keeps:?} is valid but the emulator refuses it: {error}"
                ),
                Err(other) => panic!("{keeps:?}: {other}"),
            }
            match send::<A>(&client, breaks).await {
                Err(Error::Service(error)) => {
                    assert_eq!(error.code, code, "{breaks:?}: {error}");
                    if let Some(message) = message {
                        assert!(
                            error.message.contains(message),
                            "the emulator's message names the rule: {error}"
                        );
                    }
                }
                other => panic!("the emulator accepts {breaks:?}: {other:?}"),
            }
            emulator.shutdown().await;
        });
    }

    /// Required members, and every member some rule asks to be set, so that the action's
    /// rules keep while one of them, or a limit, is tried.
    fn base(service: &Service, action: &ActionIr) -> Map<String, Value> {
        let mut base = minimal(service, &action.input);
        let mut wanted = Vec::new();
        for rule in &action.constraints {
            asked_to_set(&rule.then, &mut wanted);
        }
        for field in wanted {
            let member = &action.input[field];
            base.entry(member.wire_name.clone())
                .or_insert_with(|| value_of(service, &member.ty, &member.limits.allowed));
        }
        base
    }

    const VALIDATION_CODES: [&str; 3] = [
        "MissingParameter",
        "InvalidParameterValue",
        "InvalidParameter",
    ];

    fn asks_to_set(then: &Condition) -> bool {
        match then {
            Condition::Member(test) => test.kind == TestKind::Present(true),
            Condition::Common(_, kind) => *kind == TestKind::Present(true),
            Condition::All(list) | Condition::Any(list) => list.iter().all(asks_to_set),
            Condition::Not(_) => false,
        }
    }

    /// Sends the body as is (no client-side checks), to the case's region.
    async fn send<A: Action>(client: &Client, case: &Case) -> Result<Value, Error<String>> {
        let mut options = CallOptions::new();
        if let Some(region) = case.region {
            options = options.region(region);
        }
        let raw = Unchecked::<A>(Value::Object(case.body.clone()), PhantomData);
        client.call_with(&raw, &options).await
    }

    /// A body sent as action `A` without `A`'s checks, to see what the emulator answers.
    struct Unchecked<A>(Value, PhantomData<A>);

    impl<A> serde::Serialize for Unchecked<A> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            self.0.serialize(serializer)
        }
    }

    impl<A: Action> Action for Unchecked<A> {
        const SERVICE: &'static str = A::SERVICE;
        const VERSION: &'static str = A::VERSION;
        const NAME: &'static str = A::NAME;
        const RATE_LIMIT: Option<u32> = None;
        const RETRY_SAFE: bool = false;
        type Output = Value;
        type ErrorCode = String;

        fn validate(&self) -> Result<(), tc_runtime::InvalidRequest> {
            Ok(())
        }
    }

    /// A request that keeps the rule (with its condition holding, when one can) and one that
    /// breaks it, both valid otherwise.
    fn cases(service: &Service, action: &ActionIr, constraint: &Constraint) -> (Case, Case) {
        let base = base(service, action);
        let mut named = Vec::new();
        names_of(constraint, &mut named);
        let (keeps, breaks) = search(service, action, constraint, &base, &named);
        if let (Some(keeps), Some(breaks)) = (keeps, breaks) {
            return (keeps, breaks);
        }
        // Another rule on the same members may break first (the emulator answers one error):
        // try those rules' members as well.
        for other in &action.constraints {
            let mut theirs = Vec::new();
            names_of(other, &mut theirs);
            if theirs.iter().any(|field| named.contains(field)) {
                for field in theirs {
                    if !named.contains(&field) {
                        named.push(field);
                    }
                }
            }
        }
        let (keeps, breaks) = search(service, action, constraint, &base, &named);
        (
            keeps.expect("some request keeps the rule"),
            breaks.expect("some request breaks the rule first"),
        )
    }

    fn names_of(constraint: &Constraint, found: &mut Vec<usize>) {
        names(&constraint.then, found);
        if let Some(when) = &constraint.when {
            names(when, found);
        }
    }

    /// Tries every combination of candidate values of the `named` members over `base`.
    fn search(
        service: &Service,
        action: &ActionIr,
        constraint: &Constraint,
        base: &Map<String, Value>,
        named: &[usize],
    ) -> (Option<Case>, Option<Case>) {
        let index = service
            .actions
            .iter()
            .position(|known| known.wire_name == action.wire_name)
            .expect("the action is in the spec");
        let choices: Vec<Vec<Option<Value>>> = named
            .iter()
            .map(|&field| candidates(service, action, field, constraint))
            .collect();
        let regions = [None, Some(REGION)];
        let mut keeps: Option<Case> = None;
        let mut keeps_with_condition: Option<Case> = None;
        let mut breaks: Option<Case> = None;
        let total: usize = choices.iter().map(Vec::len).product::<usize>() * regions.len();
        for mut number in 0..total {
            let mut body = base.clone();
            let region = regions[number % regions.len()];
            number /= regions.len();
            for (field, values) in named.iter().zip(&choices) {
                let wire = &action.input[*field].wire_name;
                match &values[number % values.len()] {
                    Some(value) => body.insert(wire.clone(), value.clone()),
                    None => body.remove(wire),
                };
                number /= values.len();
            }
            let case = Case { body, region };
            let holds = |condition: &Condition| {
                condition_holds(&action.input, condition, &case.body, case.region)
            };
            let condition = constraint.when.as_ref().map_or(Some(true), holds);
            match validate_action(service_rules(), index, &case.body, case.region) {
                Ok(()) if condition == Some(true) => {
                    keeps_with_condition.get_or_insert(case);
                }
                Ok(()) => {
                    keeps.get_or_insert(case);
                }
                Err(error) if error.message.contains(&constraint.description) => {
                    breaks.get_or_insert(case);
                }
                Err(_) => {}
            }
        }
        (keeps_with_condition.or(keeps), breaks)
    }

    /// The members a requirement asks to be set.
    fn asked_to_set(condition: &Condition, found: &mut Vec<usize>) {
        match condition {
            Condition::Member(test) if test.kind == TestKind::Present(true) => {
                found.push(test.field)
            }
            Condition::All(list) | Condition::Any(list) => {
                list.iter().for_each(|inner| asked_to_set(inner, found));
            }
            _ => {}
        }
    }

    /// The request members a condition names, once each.
    fn names(condition: &Condition, found: &mut Vec<usize>) {
        match condition {
            Condition::Member(test) => {
                if !found.contains(&test.field) {
                    found.push(test.field);
                }
            }
            Condition::Common(..) => {}
            Condition::All(list) | Condition::Any(list) => {
                list.iter().for_each(|inner| names(inner, found));
            }
            Condition::Not(inner) => names(inner, found),
        }
    }

    /// Values worth trying for a member a rule names: unset, a valid value, each value the rule
    /// mentions for it, and one valid value it does not.
    fn candidates(
        service: &Service,
        action: &ActionIr,
        field: usize,
        rule: &Constraint,
    ) -> Vec<Option<Value>> {
        let member = &action.input[field];
        let mut values = vec![
            None,
            Some(value_of(service, &member.ty, &member.limits.allowed)),
        ];
        let mut mentioned = Vec::new();
        mentions(&rule.then, field, &mut mentioned);
        if let Some(when) = &rule.when {
            mentions(when, field, &mut mentioned);
        }
        for literal in mentioned {
            let value = literal_json(&literal);
            let value = match member.ty {
                TypeRef::List(_) => Value::Array(vec![value]),
                _ => value,
            };
            if !values.contains(&Some(value.clone())) {
                values.push(Some(value));
            }
        }
        if let Some(other) = other_value(service, member, &values) {
            values.push(Some(other));
        }
        values
    }

    /// The values `condition` compares the member `field` with.
    fn mentions(condition: &Condition, field: usize, found: &mut Vec<Literal>) {
        match condition {
            Condition::Member(test) if test.field == field => {
                if let TestKind::In(values) | TestKind::NotIn(values) | TestKind::Contains(values) =
                    &test.kind
                {
                    found.extend(values.iter().cloned());
                }
            }
            Condition::Member(_) | Condition::Common(..) => {}
            Condition::All(list) | Condition::Any(list) => {
                list.iter().for_each(|inner| mentions(inner, field, found));
            }
            Condition::Not(inner) => mentions(inner, field, found),
        }
    }

    /// A valid value of the member outside the ones tried so far, if its type has one.
    fn other_value(service: &Service, field: &Field, tried: &[Option<Value>]) -> Option<Value> {
        let item = match &field.ty {
            TypeRef::List(item) => item.as_ref(),
            other => other,
        };
        let options: Vec<Value> = match item {
            TypeRef::Enum(index) => match &service.types[*index].kind {
                TypeKind::Enum { variants, .. } => {
                    variants.iter().map(|v| literal_json(&v.value)).collect()
                }
                TypeKind::Object { .. } => Vec::new(),
            },
            TypeRef::Primitive(Primitive::String) => vec![Value::from("other")],
            TypeRef::Primitive(Primitive::I64 | Primitive::U64) => vec![Value::from(7)],
            TypeRef::Primitive(Primitive::Bool) => vec![Value::from(true), Value::from(false)],
            _ => Vec::new(),
        };
        let allowed = |value: &Value| {
            field
                .limits
                .allowed
                .as_ref()
                .is_none_or(|allowed| allowed.iter().any(|l| literal_json(l) == *value))
        };
        options
            .into_iter()
            .filter(|value| allowed(value))
            .map(|value| match field.ty {
                TypeRef::List(_) => Value::Array(vec![value]),
                _ => value,
            })
            .find(|value| !tried.contains(&Some(value.clone())))
    }

    /// A body with every required member set to a valid value.
    fn minimal(service: &Service, fields: &[Field]) -> Map<String, Value> {
        fields
            .iter()
            .filter(|field| field.required)
            .map(|field| {
                let value = value_of(service, &field.ty, &field.limits.allowed);
                (field.wire_name.clone(), value)
            })
            .collect()
    }

    /// A valid value of `ty` (one of `allowed` when the member narrows its values).
    fn value_of(service: &Service, ty: &TypeRef, allowed: &Option<Vec<Literal>>) -> Value {
        if let (Some(first), false) = (
            allowed.as_ref().and_then(|a| a.first()),
            matches!(ty, TypeRef::List(_)),
        ) {
            return literal_json(first);
        }
        match ty {
            TypeRef::Primitive(primitive) => match primitive {
                Primitive::String => Value::from("x"),
                Primitive::I64 | Primitive::U64 => Value::from(1),
                Primitive::F64 => Value::from(1.0),
                Primitive::Bool => Value::from(true),
                Primitive::DateTime => Value::from("2024-01-01 00:00:00"),
                Primitive::DateTimeIso => Value::from("2024-01-01T00:00:00+08:00"),
                Primitive::Date => Value::from("2024-01-01"),
            },
            TypeRef::List(item) => Value::Array(vec![value_of(service, item, allowed)]),
            TypeRef::Object(index) => match &service.types[*index].kind {
                TypeKind::Object { fields, .. } => Value::Object(minimal(service, fields)),
                TypeKind::Enum { .. } => Value::Null,
            },
            TypeRef::Enum(index) => match &service.types[*index].kind {
                TypeKind::Enum { variants, .. } => variants
                    .first()
                    .map_or(Value::Null, |variant| literal_json(&variant.value)),
                TypeKind::Object { .. } => Value::Null,
            },
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/ssl_rules.rs"));
