//! Rust names for what the source spells alike: members that differ only in case (`UUI`,
//! `Uui`), types named like prelude types (`Option`), error codes that differ only in
//! punctuation. The checker rejects such clashes in hand-written specs; an import settles them
//! with a `rust_name`, reported as a warning, so that the whole catalog generates.

use std::collections::HashSet;
use std::path::Path;

use indexmap::IndexMap;

use super::Report;
use crate::naming;
use crate::spec::model::{ErrorCodeSpec, MemberSpec, NamedErrorCode, ServiceSpec};

/// Gives a `rust_name` to every member, type and error code whose Rust name clashes.
pub(super) fn settle_clashes(spec: &mut ServiceSpec, file: &Path, report: &mut Report) {
    let mut items: HashSet<String> = naming::PRELUDE_TYPES
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    items.insert(naming::client(&spec.service));
    items.insert(naming::COMMON_ERRORS.to_owned());
    items.insert(naming::SERVICE_ERRORS.to_owned());
    for name in spec.actions.keys() {
        if let Some(base) = naming::type_name(name) {
            items.extend(naming::action_items(&base));
        }
    }
    for (name, ty) in &mut spec.types {
        if ty.rust_name.is_some() {
            continue;
        }
        let Some(natural) = naming::type_name(name) else {
            continue;
        };
        if items.insert(natural.clone()) {
            continue;
        }
        let candidates = std::iter::once(format!("{natural}Type"))
            .chain((2..).map(|n| format!("{natural}Type{n}")));
        let chosen = first_free(candidates, |candidate| !items.contains(candidate));
        items.insert(chosen.clone());
        report.warn(
            file,
            format!("types.{name}"),
            format!("named `{chosen}` in Rust: `{natural}` is taken"),
        );
        ty.rust_name = Some(chosen);
    }
    settle_errors(&mut spec.errors, &[], file, "errors", report);
    for (action_name, action) in &mut spec.actions {
        let at = format!("actions.{action_name}");
        settle_members(
            &mut action.input,
            true,
            file,
            &format!("{at}.input"),
            report,
        );
        settle_members(
            &mut action.output,
            false,
            file,
            &format!("{at}.output"),
            report,
        );
        settle_errors(
            &mut action.errors,
            &["Common", "Service", "Unknown"],
            file,
            &format!("{at}.errors"),
            report,
        );
    }
    for (type_name, ty) in &mut spec.types {
        if let Some(members) = &mut ty.members {
            settle_members(
                members,
                true,
                file,
                &format!("types.{type_name}.members"),
                report,
            );
        }
    }
}

fn settle_members(
    members: &mut IndexMap<String, MemberSpec>,
    has_setters: bool,
    file: &Path,
    at: &str,
    report: &mut Report,
) {
    let mut taken: HashSet<String> = HashSet::new();
    for (wire, member) in members.iter_mut() {
        // A name that makes no field is left for the checker to report at its place.
        let Some(natural) = naming::field(member.rust_name.as_deref().unwrap_or(wire)) else {
            continue;
        };
        let mut natural = naming::bare(&natural).to_owned();
        if has_setters && naming::REQUEST_METHODS.contains(&natural.as_str()) {
            natural.push_str("_value");
        }
        if member.rust_name.is_some() || taken.insert(natural.clone()) {
            continue;
        }
        let candidates = (2..).map(|n| format!("{natural}_{n}"));
        let chosen = first_free(candidates, |candidate| !taken.contains(candidate));
        taken.insert(chosen.clone());
        report.warn(
            file,
            format!("{at}.{wire}"),
            format!("named `{chosen}` in Rust: `{natural}` is taken by a member spelt alike"),
        );
        member.rust_name = Some(chosen);
    }
}

fn settle_errors(
    codes: &mut IndexMap<String, ErrorCodeSpec>,
    reserved: &[&str],
    file: &Path,
    at: &str,
    report: &mut Report,
) {
    let mut taken: HashSet<String> = reserved.iter().map(|s| (*s).to_owned()).collect();
    for (code, spec) in codes.iter_mut() {
        let Some(natural) = naming::type_name(spec.rust_name().unwrap_or(code)) else {
            continue;
        };
        if spec.rust_name().is_some() || taken.insert(natural.clone()) {
            continue;
        }
        let candidates = (2..).map(|n| format!("{natural}{n}"));
        let chosen = first_free(candidates, |candidate| !taken.contains(candidate));
        taken.insert(chosen.clone());
        report.warn(
            file,
            format!("{at}.{code}"),
            format!("its variant is `{chosen}`: `{natural}` is taken by a code spelt alike"),
        );
        *spec = ErrorCodeSpec::Named(NamedErrorCode {
            description: spec.description().to_owned(),
            rust_name: chosen,
        });
    }
}

/// The first free name among `candidates` (an endless sequence).
fn first_free(mut candidates: impl Iterator<Item = String>, free: impl Fn(&str) -> bool) -> String {
    candidates
        .find(|candidate| free(candidate))
        .unwrap_or_default()
}
