//! Whether a rule's condition holds for a request, in three-valued logic: a value test of an
//! unset member without a documented default, or of a region the caller did not give, is
//! unknown (`None`), exactly as the generated `validate()` reads it.

use serde_json::{Map, Value};

use crate::model::{Condition, Field, Literal, TestKind};

/// Whether `condition` holds for `body` (a request whose members are `input`) sent to
/// `region`: `None` when it depends on something unknown.
pub fn holds(
    input: &[Field],
    body: &Map<String, Value>,
    region: Option<&str>,
    condition: &Condition,
) -> Option<bool> {
    match condition {
        Condition::Member(test) => {
            let value = input
                .get(test.field as usize)
                .and_then(|field| present(body.get(&field.name)));
            let default = test.default.as_ref().map(Literal::to_json);
            test_holds(&test.kind, value, default.as_ref())
        }
        Condition::Region(kind) => {
            let region = region.filter(|r| !r.is_empty()).map(Value::from);
            test_holds(kind, region.as_ref(), None)
        }
        Condition::Not(inner) => holds(input, body, region, inner).map(|holds| !holds),
        // Kleene's `and`: false wins over unknown, unknown over true.
        Condition::All(list) => kleene(list, false, |c| holds(input, body, region, c)),
        Condition::Any(list) => kleene(list, true, |c| holds(input, body, region, c)),
    }
}

/// `any` (`decisive` true) or `all` (`decisive` false) of three-valued parts.
fn kleene(
    list: &[Condition],
    decisive: bool,
    mut part: impl FnMut(&Condition) -> Option<bool>,
) -> Option<bool> {
    let mut result = Some(!decisive);
    for condition in list {
        match part(condition) {
            Some(value) if value == decisive => return Some(decisive),
            None => result = None,
            Some(_) => {}
        }
    }
    result
}

/// A test of one value (`None` when unset), seeing `default` when it is unset.
fn test_holds(kind: &TestKind, value: Option<&Value>, default: Option<&Value>) -> Option<bool> {
    let among = |values: &[Literal], value: &Value| values.iter().any(|l| l.matches(value));
    let seen = value.or(default);
    match kind {
        TestKind::Present(wanted) => Some(value.is_some() == *wanted),
        TestKind::In(values) => seen.map(|v| among(values, v)),
        TestKind::NotIn(values) => seen.map(|v| !among(values, v)),
        TestKind::Contains(values) => seen.map(|v| {
            v.as_array()
                .is_some_and(|items| items.iter().any(|item| among(values, item)))
        }),
    }
}

/// A member's value, where `null` counts as unset.
pub(crate) fn present(value: Option<&Value>) -> Option<&Value> {
    value.filter(|v| !v.is_null())
}
