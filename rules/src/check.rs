//! Checks a JSON request body against its action's members and rules, reporting every
//! violation in a stable order: unknown members, then each member in spec order (missing,
//! wrong JSON type, broken limit or value set, depth first), then the rules in spec order.

use std::fmt;

use serde_json::{Map, Value};

use crate::condition::{holds, present};
use crate::model::{Condition, Field, Limits, Rule, TestKind, Ty, Type, TypeKind};

/// One thing wrong with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where: `DomainName`, `Tags[1].TagKey`, or `Region` for the common parameter.
    pub path: String,
    /// What kind of problem, which decides the API's error code.
    pub problem: Problem,
    /// What is wrong, in words (for a rule: the rule's description).
    pub detail: String,
}

/// The kind of a [`Violation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not a member of the action or structure (`UnknownParameter`).
    Unknown,
    /// A required member is unset (`MissingParameter`).
    Missing,
    /// The JSON type is wrong (`InvalidParameter`).
    Type,
    /// A value breaks a limit or lies outside its value set (`InvalidParameterValue`).
    Value,
    /// A rule between members is broken: `MissingParameter` when it asks for something to be
    /// set, else `InvalidParameterValue`.
    Rule {
        /// The rule's requirement is that members (or the region) be set.
        asks_to_set: bool,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.detail)
    }
}

/// Every violation of `body` against an action whose members are `input` and whose rules are
/// `rules`, for a call to `region` (`None` when unknown: rules on it then do not fire).
/// `types` are the service's named types, which `input` refers to by index.
pub fn check(
    types: &[Type],
    input: &[Field],
    rules: &[Rule],
    body: &Map<String, Value>,
    region: Option<&str>,
) -> Vec<Violation> {
    let mut found = Vec::new();
    let mut checker = Checker {
        types,
        found: &mut found,
    };
    checker.members(input, body, "");
    for rule in rules {
        let applies = rule
            .when
            .as_ref()
            .is_none_or(|when| holds(input, body, region, when) == Some(true));
        if applies && holds(input, body, region, &rule.then) == Some(false) {
            let path = rule
                .report
                .and_then(|field| input.get(field as usize))
                .map_or("Region", |field| field.name.as_str());
            found.push(Violation {
                path: path.to_owned(),
                problem: Problem::Rule {
                    asks_to_set: asks_to_set(&rule.then),
                },
                detail: rule.description.clone(),
            });
        }
    }
    found
}

/// Whether a broken requirement means something unset must be set, as opposed to a value or
/// a combination the service refuses.
fn asks_to_set(then: &Condition) -> bool {
    match then {
        Condition::Member(test) => matches!(test.kind, TestKind::Present(true)),
        Condition::Region(kind) => matches!(kind, TestKind::Present(true)),
        Condition::All(list) | Condition::Any(list) => list.iter().all(asks_to_set),
        Condition::Not(_) => false,
    }
}

struct Checker<'a> {
    types: &'a [Type],
    found: &'a mut Vec<Violation>,
}

impl Checker<'_> {
    fn push(&mut self, path: &str, problem: Problem, detail: impl Into<String>) {
        self.found.push(Violation {
            path: path.to_owned(),
            problem,
            detail: detail.into(),
        });
    }

    fn members(&mut self, fields: &[Field], object: &Map<String, Value>, prefix: &str) {
        for key in object.keys() {
            if !fields.iter().any(|field| &field.name == key) {
                let detail = "is not a parameter of this action";
                self.push(&join(prefix, key), Problem::Unknown, detail);
            }
        }
        for field in fields {
            let path = join(prefix, &field.name);
            match present(object.get(&field.name)) {
                None if field.required => self.push(&path, Problem::Missing, "is required"),
                None => {}
                Some(value) => self.value(&field.ty, &field.limits, value, &path),
            }
        }
    }

    fn value(&mut self, ty: &Ty, limits: &Limits, value: &Value, path: &str) {
        match ty {
            Ty::List(item) => self.list(item, limits, value, path),
            Ty::Named(index) => self.named(*index, limits, value, path),
            Ty::Bool if !value.is_boolean() => self.push(path, Problem::Type, "expected a boolean"),
            Ty::Bool => {}
            Ty::Int | Ty::Uint | Ty::Float => {
                let number = match ty {
                    Ty::Int => value.as_i64().map(|n| n as f64),
                    Ty::Uint => value.as_u64().map(|n| n as f64),
                    _ => value.as_f64(),
                };
                match number {
                    Some(number) => {
                        self.bounds(limits, number, path);
                        self.allowed(limits, value, path);
                    }
                    None => {
                        let expected = match ty {
                            Ty::Int => "expected an integer",
                            Ty::Uint => "expected a non-negative integer",
                            _ => "expected a number",
                        };
                        self.push(path, Problem::Type, expected);
                    }
                }
            }
            Ty::String | Ty::DateTime | Ty::DateTimeIso | Ty::Date => match value.as_str() {
                Some(text) => {
                    self.text(ty, limits, text, path);
                    self.allowed(limits, value, path);
                }
                None => self.push(path, Problem::Type, "expected a string"),
            },
        }
    }

    fn list(&mut self, item: &Ty, limits: &Limits, value: &Value, path: &str) {
        let Value::Array(items) = value else {
            return self.push(path, Problem::Type, "expected an array");
        };
        let count = items.len() as u64;
        if let Some(min) = limits.min_items.filter(|min| count < *min) {
            self.push(
                path,
                Problem::Value,
                format!("must have at least {min} items"),
            );
        }
        if let Some(max) = limits.max_items.filter(|max| count > *max) {
            self.push(
                path,
                Problem::Value,
                format!("must have at most {max} items"),
            );
        }
        // Every other limit applies to each item.
        let item_limits = Limits {
            min_items: None,
            max_items: None,
            ..limits.clone()
        };
        for (index, value) in items.iter().enumerate() {
            let at = format!("{path}[{index}]");
            if value.is_null() {
                self.push(&at, Problem::Type, "null is not allowed in a list");
            } else {
                self.value(item, &item_limits, value, &at);
            }
        }
    }

    fn named(&mut self, index: u32, limits: &Limits, value: &Value, path: &str) {
        let Some(named) = self.types.get(index as usize) else {
            let detail = format!("refers to type {index}, which the spec does not have");
            return self.push(path, Problem::Type, detail);
        };
        match &named.kind {
            TypeKind::Object(fields) => match value {
                Value::Object(object) => self.members(fields, object, path),
                _ => self.push(path, Problem::Type, "expected an object"),
            },
            TypeKind::Strings(values) => match value.as_str() {
                None => self.push(path, Problem::Type, "expected a string"),
                Some(text) if !values.iter().any(|v| v == text) => {
                    let detail = format!("{value} is not one of {}", values.join(", "));
                    self.push(path, Problem::Value, detail);
                }
                Some(_) => self.allowed(limits, value, path),
            },
            TypeKind::Integers(values) => match value.as_i64() {
                None => self.push(path, Problem::Type, "expected an integer"),
                Some(n) if !values.contains(&n) => {
                    let shown: Vec<String> = values.iter().map(i64::to_string).collect();
                    let detail = format!("{n} is not one of {}", shown.join(", "));
                    self.push(path, Problem::Value, detail);
                }
                Some(_) => self.allowed(limits, value, path),
            },
        }
    }

    /// Lengths, bounds of a number held by a string, and the shape of dates.
    fn text(&mut self, ty: &Ty, limits: &Limits, text: &str, path: &str) {
        let chars = text.chars().count() as u64;
        if let Some(min) = limits.min_length.filter(|min| chars < *min) {
            let detail = if min == 1 {
                "must not be empty".to_owned()
            } else {
                format!("must have at least {min} characters")
            };
            self.push(path, Problem::Value, detail);
        }
        if let Some(max) = limits.max_length.filter(|max| chars > *max) {
            let detail = format!("must have at most {max} characters");
            self.push(path, Problem::Value, detail);
        }
        // A number held by a string (tccli types some `Limit`s as strings).
        if *ty == Ty::String && (limits.minimum.is_some() || limits.maximum.is_some()) {
            match text.trim().parse::<f64>() {
                Ok(number) => self.bounds(limits, number, path),
                Err(_) => self.push(path, Problem::Value, "must be a number"),
            }
        }
        let shape = match ty {
            Ty::DateTime => Some(("YYYY-MM-DD hh:mm:ss", "dddd-dd-dd dd:dd:dd")),
            Ty::Date => Some(("YYYY-MM-DD", "dddd-dd-dd")),
            _ => None,
        };
        if let Some((shown, pattern)) = shape
            && !fits(text, pattern)
        {
            let detail = format!("expected the format {shown}");
            self.push(path, Problem::Value, detail);
        }
    }

    fn bounds(&mut self, limits: &Limits, number: f64, path: &str) {
        if let Some(min) = limits.minimum.filter(|min| number < *min) {
            self.push(path, Problem::Value, format!("must be at least {min}"));
        }
        if let Some(max) = limits.maximum.filter(|max| number > *max) {
            self.push(path, Problem::Value, format!("must be at most {max}"));
        }
    }

    /// The member's own subset of its values, when its docs list fewer than its type.
    fn allowed(&mut self, limits: &Limits, value: &Value, path: &str) {
        let Some(allowed) = &limits.allowed else {
            return;
        };
        if !allowed.iter().any(|literal| literal.matches(value)) {
            let shown: Vec<String> = allowed.iter().map(|l| l.to_json().to_string()).collect();
            let detail = format!("{value} is not one of {}", shown.join(", "));
            self.push(path, Problem::Value, detail);
        }
    }
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Whether `text` has the shape of `pattern`, where `d` stands for an ASCII digit.
fn fits(text: &str, pattern: &str) -> bool {
    text.len() == pattern.len()
        && text.bytes().zip(pattern.bytes()).all(|(t, p)| match p {
            b'd' => t.is_ascii_digit(),
            other => t == other,
        })
}

impl crate::model::ServiceRules {
    /// Every violation of `body` against the action at `action` (its index in spec order), or
    /// `None` when there is no such action. See [`check`].
    pub fn check(
        &self,
        action: usize,
        body: &Map<String, Value>,
        region: Option<&str>,
    ) -> Option<Vec<Violation>> {
        let rules = self.actions.get(action)?;
        Some(check(&self.types, &rules.input, &rules.rules, body, region))
    }
}
