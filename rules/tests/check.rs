//! The interpreter on a small hand-written model: every kind of problem, where it is reported,
//! and the three-valued reading of rules over unset members, defaults and the region.

use serde_json::{Map, Value, json};
use tc_rules::{
    Condition, Field, Limits, Literal, Problem, Rule, Test, TestKind, Ty, Type, TypeKind,
    Violation, check,
};

fn field(name: &str, ty: Ty) -> Field {
    Field {
        name: name.to_owned(),
        ty,
        required: false,
        sensitive: false,
        limits: Limits::default(),
    }
}

/// Types: 0 = `Tag {TagKey (required), TagValue}`, 1 = `KeyType` (RSA, ECC), 2 = `Level` (1, 2).
fn types() -> Vec<Type> {
    let key = Field {
        required: true,
        ..field("TagKey", Ty::String)
    };
    vec![
        Type {
            name: "Tag".into(),
            kind: TypeKind::Object(vec![key, field("TagValue", Ty::String)]),
        },
        Type {
            name: "KeyType".into(),
            kind: TypeKind::Strings(vec!["RSA".into(), "ECC".into()]),
        },
        Type {
            name: "Level".into(),
            kind: TypeKind::Integers(vec![1, 2]),
        },
    ]
}

/// Members: 0 Name (required, 1..=5 chars), 1 Tags (list<Tag>, at most 2), 2 KeyType,
/// 3 KeyParameter, 4 Limit (a string holding 1..=100), 5 Day (date), 6 Kinds (list<string>
/// allowing a, b), 7 Level, 8 Enabled (bool), 9 Count (u64 at most 10).
fn input() -> Vec<Field> {
    let limited = |mut field: Field, limits: Limits| {
        field.limits = limits;
        field
    };
    vec![
        Field {
            required: true,
            ..limited(
                field("Name", Ty::String),
                Limits {
                    min_length: Some(1),
                    max_length: Some(5),
                    ..Limits::default()
                },
            )
        },
        limited(
            field("Tags", Ty::List(Box::new(Ty::Named(0)))),
            Limits {
                max_items: Some(2),
                ..Limits::default()
            },
        ),
        field("KeyType", Ty::Named(1)),
        field("KeyParameter", Ty::String),
        limited(
            field("Limit", Ty::String),
            Limits {
                minimum: Some(1.0),
                maximum: Some(100.0),
                ..Limits::default()
            },
        ),
        field("Day", Ty::Date),
        limited(
            field("Kinds", Ty::List(Box::new(Ty::String))),
            Limits {
                allowed: Some(vec![
                    Literal::String("a".into()),
                    Literal::String("b".into()),
                ]),
                ..Limits::default()
            },
        ),
        field("Level", Ty::Named(2)),
        field("Enabled", Ty::Bool),
        limited(
            field("Count", Ty::Uint),
            Limits {
                maximum: Some(10.0),
                ..Limits::default()
            },
        ),
    ]
}

fn member(field: u32, kind: TestKind) -> Condition {
    Condition::Member(Test {
        field,
        kind,
        default: None,
    })
}

fn text(value: &str) -> Literal {
    Literal::String(value.to_owned())
}

/// Rules: 0 KeyParameter is set for ECC; 1 RSA (the default KeyType) takes only 2048;
/// 2 the region is set when Kinds contains b; 3 Level or Count is set when Enabled is true.
fn rules() -> Vec<Rule> {
    let key_type = |values: Vec<Literal>| {
        Condition::Member(Test {
            field: 2,
            kind: TestKind::In(values),
            default: Some(text("RSA")),
        })
    };
    vec![
        Rule {
            when: Some(key_type(vec![text("ECC")])),
            then: member(3, TestKind::Present(true)),
            report: Some(3),
            description: "KeyParameter is mandatory for ECC.".into(),
        },
        Rule {
            when: Some(key_type(vec![text("RSA")])),
            then: member(3, TestKind::In(vec![text("2048")])),
            report: Some(3),
            description: "RSA takes only 2048.".into(),
        },
        Rule {
            when: Some(member(6, TestKind::Contains(vec![text("b")]))),
            then: Condition::Region(TestKind::Present(true)),
            report: None,
            description: "b needs a region.".into(),
        },
        Rule {
            when: Some(member(8, TestKind::In(vec![Literal::Bool(true)]))),
            then: Condition::Any(vec![
                member(7, TestKind::Present(true)),
                member(9, TestKind::Present(true)),
            ]),
            report: Some(7),
            description: "Enabled needs Level or Count.".into(),
        },
    ]
}

fn run(body: Value, region: Option<&str>) -> Vec<Violation> {
    let Value::Object(body) = body else {
        panic!("a test body is an object")
    };
    check(&types(), &input(), &rules(), &body, region)
}

/// `(path, problem)` of each violation, in order.
fn found(body: Value, region: Option<&str>) -> Vec<(String, Problem)> {
    run(body, region)
        .into_iter()
        .map(|v| (v.path, v.problem))
        .collect()
}

fn one(path: &str, problem: Problem) -> Vec<(String, Problem)> {
    vec![(path.to_owned(), problem)]
}

#[test]
fn a_valid_request_has_no_violation() {
    let body = json!({
        "Name": "abc", "Tags": [{"TagKey": "k"}], "KeyType": "ECC", "KeyParameter": "prime256v1",
        "Limit": "100", "Day": "2026-12-03", "Kinds": ["a", "b"], "Level": 2, "Enabled": true,
        "Count": 10
    });
    assert_eq!(run(body, Some("ap-guangzhou")), vec![]);
}

#[test]
fn unknown_and_missing_members_come_first_with_their_paths() {
    let found = found(
        json!({"Nope": 1, "Tags": [{"TagValue": "v", "Extra": 1}]}),
        None,
    );
    assert_eq!(
        found,
        vec![
            ("Nope".to_owned(), Problem::Unknown),
            ("Name".to_owned(), Problem::Missing),
            ("Tags[0].Extra".to_owned(), Problem::Unknown),
            ("Tags[0].TagKey".to_owned(), Problem::Missing),
        ]
    );
}

#[test]
fn null_counts_as_unset() {
    assert_eq!(
        found(json!({"Name": null}), None),
        one("Name", Problem::Missing)
    );
}

#[test]
fn wrong_json_types_are_type_problems() {
    let found = found(
        json!({"Name": 1, "Tags": {}, "KeyType": 2, "Level": "1", "Enabled": "yes", "Count": -1, "Kinds": [null]}),
        None,
    );
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "Name", "Tags", "KeyType", "Kinds[0]", "Level", "Enabled", "Count"
        ]
    );
    assert!(found.iter().all(|(_, problem)| *problem == Problem::Type));
}

#[test]
fn limits_lengths_counts_bounds_and_shapes() {
    let tag = json!({"TagKey": "k"});
    let cases = [
        (json!({"Name": ""}), "Name", "must not be empty"),
        (
            json!({"Name": "abcdef"}),
            "Name",
            "must have at most 5 characters",
        ),
        (
            json!({"Name": "a", "Tags": [tag, tag, tag]}),
            "Tags",
            "must have at most 2 items",
        ),
        (
            json!({"Name": "a", "Limit": "101"}),
            "Limit",
            "must be at most 100",
        ),
        (
            json!({"Name": "a", "Limit": "0"}),
            "Limit",
            "must be at least 1",
        ),
        (
            json!({"Name": "a", "Limit": "ten"}),
            "Limit",
            "must be a number",
        ),
        (
            json!({"Name": "a", "Count": 11}),
            "Count",
            "must be at most 10",
        ),
        (
            json!({"Name": "a", "Day": "03/12/2026"}),
            "Day",
            "expected the format YYYY-MM-DD",
        ),
        (
            json!({"Name": "a", "Kinds": ["a", "c"]}),
            "Kinds[1]",
            "\"c\" is not one of \"a\", \"b\"",
        ),
        (
            json!({"Name": "a", "KeyType": "DSA"}),
            "KeyType",
            "\"DSA\" is not one of RSA, ECC",
        ),
        (
            json!({"Name": "a", "Level": 3}),
            "Level",
            "3 is not one of 1, 2",
        ),
    ];
    for (body, path, detail) in cases {
        let shown = body.to_string();
        let found = run(body, None);
        assert_eq!(
            found,
            vec![Violation {
                path: path.to_owned(),
                problem: Problem::Value,
                detail: detail.to_owned(),
            }],
            "{shown}"
        );
    }
}

#[test]
fn every_violation_is_reported_not_only_the_first() {
    let found = found(json!({"Name": "abcdef", "Count": 11, "Level": 9}), None);
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn a_rule_sees_the_documented_default_of_an_unset_member() {
    // KeyType unset is RSA: only 2048.
    let refused = run(json!({"Name": "a", "KeyParameter": "4096"}), None);
    assert_eq!(
        refused,
        vec![Violation {
            path: "KeyParameter".into(),
            problem: Problem::Rule { asks_to_set: false },
            detail: "RSA takes only 2048.".into(),
        }]
    );
    assert_eq!(
        run(json!({"Name": "a", "KeyParameter": "2048"}), None),
        vec![]
    );
}

#[test]
fn a_rule_that_asks_for_a_member_says_so() {
    assert_eq!(
        found(json!({"Name": "a", "KeyType": "ECC"}), None),
        one("KeyParameter", Problem::Rule { asks_to_set: true })
    );
    // `any` of two presence tests also asks for a member.
    assert_eq!(
        found(json!({"Name": "a", "Enabled": true}), None),
        one("Level", Problem::Rule { asks_to_set: true })
    );
    assert_eq!(
        found(json!({"Name": "a", "Enabled": true, "Count": 1}), None),
        vec![]
    );
    assert_eq!(found(json!({"Name": "a", "Enabled": false}), None), vec![]);
}

#[test]
fn a_region_rule_fires_only_when_the_region_is_known_to_be_missing() {
    let body = || json!({"Name": "a", "Kinds": ["b"]});
    // No region at all (`None`) and an empty one are both "not set".
    assert_eq!(
        found(body(), None),
        one("Region", Problem::Rule { asks_to_set: true })
    );
    assert_eq!(
        found(body(), Some("")),
        one("Region", Problem::Rule { asks_to_set: true })
    );
    assert_eq!(found(body(), Some("ap-guangzhou")), vec![]);
    assert_eq!(found(json!({"Name": "a", "Kinds": ["a"]}), None), vec![]);
}

#[test]
fn three_valued_logic_of_unknown_tests() {
    let input = input();
    let body = Map::new();
    // KeyParameter unset, no default: a value test of it is unknown.
    let unknown = member(3, TestKind::In(vec![text("2048")]));
    let certain = member(3, TestKind::Present(false));
    let holds = |condition: &Condition| tc_rules::holds(&input, &body, None, condition);
    assert_eq!(holds(&unknown), None);
    assert_eq!(holds(&Condition::Not(Box::new(unknown.clone()))), None);
    assert_eq!(holds(&certain), Some(true));
    let not_certain = Condition::Not(Box::new(certain.clone()));
    assert_eq!(
        holds(&Condition::Any(vec![unknown.clone(), certain.clone()])),
        Some(true)
    );
    assert_eq!(
        holds(&Condition::Any(vec![unknown.clone(), not_certain.clone()])),
        None
    );
    assert_eq!(
        holds(&Condition::All(vec![unknown.clone(), not_certain])),
        Some(false)
    );
    assert_eq!(holds(&Condition::All(vec![unknown, certain])), None);
}

#[test]
fn the_model_survives_its_serialized_form() {
    let rules = rules();
    let text = serde_json::to_string(&rules).expect("serializes");
    let back: Vec<Rule> = serde_json::from_str(&text).expect("deserializes");
    assert_eq!(serde_json::to_string(&back).expect("serializes"), text);
    // Literals are untagged, so the embedded form stays small: `"RSA"`, not `{"String":"RSA"}`.
    assert!(text.contains(r#""default":"RSA""#), "{text}");
}
