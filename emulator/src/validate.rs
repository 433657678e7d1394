//! Request validation with the real API's codes, by the one interpreter the CLI shares
//! (`tc_rules`), over the rules the emulator builds from the checked spec at start-up.
//!
//! Every action's body is checked the same way: unknown members (`UnknownParameter`),
//! missing required members (`MissingParameter`), wrong JSON types (`InvalidParameter`), and
//! values that break a limit, a value set or a rule of the spec (`InvalidParameterValue`,
//! with the rule's own description as the message; `MissingParameter` when the rule asks for a
//! member or the region to be set). The first problem found is answered, as the real API answers
//! one error per request. Rules are read with the generated `validate()`'s meaning: a value test
//! of an unset member with no documented default is unknown, and a rule is broken only when its
//! condition certainly holds and its requirement certainly does not.

use serde_json::{Map, Value};
use tc_codegen::ir;
use tc_rules::{Problem, ServiceRules, Violation};

use crate::error::{ApiError, codes};
use crate::specs::ServiceModel;

/// Checks `body` (the request's JSON object) against `action` of `model`, for a call to
/// `region` (the `X-TC-Region` header, if any).
pub fn validate(
    model: &ServiceModel,
    action: &ir::Action,
    body: &Map<String, Value>,
    region: Option<&str>,
) -> Result<(), ApiError> {
    let index = model
        .ir
        .actions
        .iter()
        .position(|known| known.wire_name == action.wire_name);
    match index {
        Some(index) => validate_action(&model.rules, index, body, region),
        None => Err(ApiError::new(
            codes::INVALID_ACTION,
            format!("The action `{}` is not in this service.", action.wire_name),
        )),
    }
}

/// Checks `body` against the action at `index` of `rules` (see [`validate`]).
pub fn validate_action(
    rules: &ServiceRules,
    index: usize,
    body: &Map<String, Value>,
    region: Option<&str>,
) -> Result<(), ApiError> {
    let Some(found) = rules.check(index, body, region) else {
        return Err(ApiError::new(
            codes::INVALID_ACTION,
            format!("No action number {index} in this service."),
        ));
    };
    match found.into_iter().next() {
        None => Ok(()),
        Some(violation) => Err(answer(violation)),
    }
}

/// The error the API answers for a violation.
fn answer(violation: Violation) -> ApiError {
    let Violation {
        path,
        problem,
        detail,
    } = violation;
    match problem {
        Problem::Unknown => ApiError::unknown(&path),
        Problem::Missing => ApiError::missing(&path),
        Problem::Type => ApiError::invalid(&path, detail),
        Problem::Value => ApiError::invalid_value(&path, format!("{detail}.")),
        Problem::Rule { asks_to_set: true } => ApiError::new(
            codes::MISSING_PARAMETER,
            format!("The parameter `{path}` is missing: {detail}"),
        ),
        Problem::Rule { asks_to_set: false } => ApiError::invalid_value(&path, detail),
    }
}

/// Whether `condition` holds for `body` (a request of an action whose members are `fields`)
/// sent to `region`: `None` when it depends on an unset member's value. Tests use it to find
/// requests that keep or break a rule.
pub fn condition_holds(
    fields: &[ir::Field],
    condition: &ir::Condition,
    body: &Map<String, Value>,
    region: Option<&str>,
) -> Option<bool> {
    let input: Vec<tc_rules::Field> = fields.iter().map(tc_rules::from_ir::field).collect();
    let condition = tc_rules::from_ir::condition(condition);
    tc_rules::holds(&input, body, region, &condition)
}

/// A literal as JSON.
pub fn literal_json(literal: &ir::Literal) -> Value {
    tc_rules::from_ir::literal(literal).to_json()
}
