//! Help in the spec's words (English where the spec has it), wrapped to the terminal: the
//! services, a service's actions and waiters, and an action's parameters with their types,
//! allowed values, limits, rules and examples.

use std::fmt::Write as _;

use crate::catalog::{self, Embedded};
use crate::error::Failure;
use crate::model::{Action, Docs, Field, Schema, Ty};
use tc_rules::{Limits, TypeKind};

/// The terminal's width (or `COLUMNS`, or 80), at least 40.
fn width() -> usize {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .or_else(|| terminal_size::terminal_size().map(|(w, _)| w.0 as usize))
        .unwrap_or(80);
    columns.max(40)
}

/// Columns a character takes: two for wide (CJK) characters.
fn char_width(c: char) -> usize {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// `text` wrapped to `width` columns, every line after `indent` spaces. Words longer than a
/// line (and text without spaces, as Chinese is) are broken between characters.
pub fn wrap(text: &str, indent: usize, width: usize) -> String {
    let room = width.saturating_sub(indent).max(10);
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let word_width: usize = word.chars().map(char_width).sum();
            if used > 0 && used + 1 + word_width > room {
                let _ = writeln!(out, "{pad}{line}");
                line.clear();
                used = 0;
            }
            if used > 0 {
                line.push(' ');
                used += 1;
            }
            for c in word.chars() {
                let w = char_width(c);
                if used + w > room && used > 0 {
                    let _ = writeln!(out, "{pad}{line}");
                    line.clear();
                    used = 0;
                }
                line.push(c);
                used += w;
            }
        }
        let _ = writeln!(out, "{pad}{line}");
    }
    out
}

/// Whether two names are close enough to suggest one for the other.
pub fn similar(candidate: &str, typed: &str) -> bool {
    let (a, b) = (candidate.to_ascii_lowercase(), typed.to_ascii_lowercase());
    a.contains(&b) || b.contains(&a) || distance(&a, &b) <= 2.max(b.len() / 5)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

/// `tccx help`.
pub fn top() -> String {
    let width = width();
    let mut out = format!(
        "tccx {}: Tencent Cloud API 3.0 from a shell, with tccli's syntax.\n\n\
         usage: tccx [options] <service> <action> [--Param value ...]\n\n",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("Services (tccx <service> help):\n");
    out.push_str(&wrap(&catalog::service_names().join("  "), 2, width));
    out.push_str("\nOptions, in any position:\n");
    for (option, text) in GLOBAL_HELP {
        let _ = writeln!(out, "  {option}");
        out.push_str(&wrap(text, 6, width));
    }
    out.push_str(
        "\nOther commands:\n  tccx configure [set|get|list|remove] ...   tccli's profile files\n  \
         tccx completion bash|zsh|fish              a shell completion script\n",
    );
    out
}

const GLOBAL_HELP: &[(&str, &str)] = &[
    (
        "--version [YYYY-MM-DD]",
        "Alone: print tccx's version. With a date: the API version to call (default: the profile's, else the latest).",
    ),
    (
        "--region REGION",
        "X-TC-Region (flag, then TENCENTCLOUD_REGION, then the profile).",
    ),
    (
        "--endpoint HOST|URL",
        "Send to this host (HTTPS) or URL (http:// allowed, for the local emulator).",
    ),
    (
        "--secretId ID --secretKey KEY [--token T]",
        "Keys (flag, then TENCENTCLOUD_SECRET_ID/_KEY/_TOKEN, then the profile's .credential).",
    ),
    (
        "--role-arn ARN --role-session-name NAME",
        "Assume a role with STS and call with its temporary keys.",
    ),
    (
        "--use-cvm-role",
        "Use the CVM instance's role from the metadata service.",
    ),
    (
        "--profile NAME",
        "Use ~/.tccli/NAME.configure and NAME.credential (the environment is then ignored).",
    ),
    (
        "--output json|text|table",
        "Output format (default: the profile's, else json).",
    ),
    (
        "--filter JMESPATH",
        "Print only what the JMESPath expression selects.",
    ),
    (
        "--timeout SECONDS",
        "Time limit of each attempt (default 60).",
    ),
    ("--https-proxy URL", "Send through this proxy."),
    (
        "--language zh-CN|en-US",
        "Language of the service's messages.",
    ),
    ("--request-client NAME", "Appended to X-TC-RequestClient."),
    (
        "--cli-input-json file://PATH|JSON|-",
        "The whole request as JSON; options given on the line win.",
    ),
    (
        "--generate-cli-skeleton",
        "Print the request's JSON shape and exit.",
    ),
    (
        "--cli-unfold-argument",
        "Parameters in dotted form: --Filters.0.Name zone --Filters.0.Values a b.",
    ),
    (
        "--waiter JSON|NAME",
        "Poll until {\"expr\": JMESPath, \"to\": value, \"timeout\": s, \"interval\": s} holds, or until one of the spec's waiters succeeds.",
    ),
    (
        "--paginate, --max-items N",
        "Fetch every page (or N items) of an action that pages with Offset and Limit.",
    ),
    (
        "--dry-run",
        "Print the signed request (signature and token hidden) instead of sending it.",
    ),
    (
        "file://PATH or -",
        "Any parameter's value can be read from a file or from stdin.",
    ),
];

/// `tccx <service> help`.
pub fn service(embedded: &Embedded, schema: &Schema) -> Result<String, Failure> {
    let docs = embedded.docs().map_err(Failure::other)?;
    let width = width();
    let mut out = format!("{} ({} {})\n", docs.name, schema.service, schema.version);
    out.push_str(&wrap(&docs.description, 2, width));
    let _ = writeln!(
        out,
        "\nVersions: {} (--version YYYY-MM-DD)\n\nActions (tccx {} <action> help):",
        catalog::versions(&schema.service).join(", "),
        schema.service
    );
    for (index, action) in schema.actions.iter().enumerate() {
        let summary = docs
            .actions
            .get(index)
            .map(|d| first_sentence(&d.description))
            .unwrap_or_default();
        let deprecated = if action.deprecated {
            " (deprecated)"
        } else {
            ""
        };
        let _ = writeln!(out, "  {}{deprecated}", action.name);
        out.push_str(&wrap(&summary, 6, width));
    }
    if !schema.waiters.is_empty() {
        out.push_str("\nWaiters (--waiter NAME):\n");
        for (index, waiter) in schema.waiters.iter().enumerate() {
            let _ = writeln!(out, "  {} (on {})", waiter.name, waiter.action);
            out.push_str(&wrap(
                docs.waiters.get(index).map_or("", String::as_str),
                6,
                width,
            ));
        }
    }
    Ok(out)
}

fn first_sentence(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    match line.find(". ") {
        Some(end) => line[..=end].to_owned(),
        None => line.to_owned(),
    }
}

/// `tccx <service> <action> help`.
pub fn action(embedded: &Embedded, schema: &Schema, action: &Action) -> Result<String, Failure> {
    let docs = embedded.docs().map_err(Failure::other)?;
    let index = schema
        .actions
        .iter()
        .position(|a| a.name == action.name)
        .unwrap_or(0);
    let action_docs = docs.actions.get(index).cloned().unwrap_or_default();
    let width = width();
    let mut out = format!(
        "tccx {} {} [--Param value ...]\n\n",
        schema.service, action.name
    );
    out.push_str(&wrap(&action_docs.description, 2, width));
    out.push_str("\nParameters:\n");
    if action.input.is_empty() {
        out.push_str("  (none)\n");
    }
    for (i, field) in action.input.iter().enumerate() {
        member(
            &mut out,
            schema,
            &docs,
            field,
            action_docs.input.get(i),
            width,
        );
    }
    if !action.rules.is_empty() {
        out.push_str("\nRules (checked before sending):\n");
        for rule in &action.rules {
            out.push_str(&wrap(&format!("- {}", rule.description), 2, width));
        }
    }
    if let Some(pages) = &action.pages {
        let _ = writeln!(
            out,
            "\nPages with Offset and Limit: --paginate collects every {}.",
            pages.list
        );
    }
    out.push_str("\nOutput (in this order, RequestId last):\n");
    for (i, field) in action.output.iter().enumerate() {
        member(
            &mut out,
            schema,
            &docs,
            field,
            action_docs.output.get(i),
            width,
        );
    }
    for (title, request) in &action_docs.examples {
        let _ = writeln!(out, "\nExample: {title}");
        out.push_str(&wrap(&example_line(schema, action, request), 2, width));
    }
    Ok(out)
}

fn member(
    out: &mut String,
    schema: &Schema,
    docs: &Docs,
    field: &Field,
    text: Option<&String>,
    width: usize,
) {
    let required = if field.required { ", required" } else { "" };
    let _ = writeln!(
        out,
        "  --{} ({}{required})",
        field.name,
        type_name(schema, &field.ty)
    );
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        out.push_str(&wrap(text, 6, width));
    }
    let limits = limits(&field.limits);
    if !limits.is_empty() {
        out.push_str(&wrap(&limits, 6, width));
    }
    if let Some(values) = allowed(schema, docs, &field.ty) {
        out.push_str(&wrap(&values, 6, width));
    }
}

/// The type as shown: tccli's names, with the structure's name for objects.
pub fn type_name(schema: &Schema, ty: &Ty) -> String {
    match ty {
        Ty::String => "String".to_owned(),
        Ty::Int | Ty::Uint => "Integer".to_owned(),
        Ty::Float => "Float".to_owned(),
        Ty::Bool => "Boolean".to_owned(),
        Ty::DateTime => "Timestamp YYYY-MM-DD hh:mm:ss".to_owned(),
        Ty::DateTimeIso => "Timestamp ISO 8601".to_owned(),
        Ty::Date => "Date YYYY-MM-DD".to_owned(),
        Ty::List(inner) => format!("Array of {}, JSON", type_name(schema, inner)),
        Ty::Named(index) => match schema.types.get(*index as usize) {
            Some(named) => match named.kind {
                TypeKind::Object(_) => format!("{}, JSON", named.name),
                TypeKind::Strings(_) => "String".to_owned(),
                TypeKind::Integers(_) => "Integer".to_owned(),
            },
            None => "Object".to_owned(),
        },
    }
}

fn limits(limits: &Limits) -> String {
    let mut parts = Vec::new();
    let mut add = |label: &str, value: Option<String>| {
        if let Some(value) = value {
            parts.push(format!("{label} {value}"));
        }
    };
    add(
        "at least",
        limits.min_length.map(|n| format!("{n} characters")),
    );
    add(
        "at most",
        limits.max_length.map(|n| format!("{n} characters")),
    );
    add("at least", limits.minimum.map(|n| n.to_string()));
    add("at most", limits.maximum.map(|n| n.to_string()));
    add("at least", limits.min_items.map(|n| format!("{n} items")));
    add("at most", limits.max_items.map(|n| format!("{n} items")));
    if parts.is_empty() {
        String::new()
    } else {
        format!("Limits: {}.", parts.join(", "))
    }
}

fn allowed(schema: &Schema, docs: &Docs, ty: &Ty) -> Option<String> {
    let index = match ty {
        Ty::Named(index) => *index as usize,
        Ty::List(inner) => return allowed(schema, docs, inner),
        _ => return None,
    };
    let values: Vec<String> = match &schema.types.get(index)?.kind {
        TypeKind::Strings(values) => values.clone(),
        TypeKind::Integers(values) => values.iter().map(i64::to_string).collect(),
        TypeKind::Object(_) => return None,
    };
    let described = docs.types.get(index).map(|d| &d.items);
    let shown: Vec<String> = values
        .iter()
        .enumerate()
        .map(
            |(i, value)| match described.and_then(|d| d.get(i)).filter(|d| !d.is_empty()) {
                Some(text) => format!("{value} ({text})"),
                None => value.clone(),
            },
        )
        .collect();
    Some(format!("Allowed: {}.", shown.join("; ")))
}

fn example_line(schema: &Schema, action: &Action, request: &serde_json::Value) -> String {
    let mut line = format!("tccx {} {}", schema.service, action.name);
    if let Some(members) = request.as_object() {
        for (name, value) in members {
            let text = match value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let quoted = if text.is_empty()
                || text.contains(|c: char| c.is_whitespace() || "\"'$`\\[]{}*?&|;<>()".contains(c))
            {
                format!("'{}'", text.replace('\'', "'\\''"))
            } else {
                text
            };
            let _ = write!(line, " --{name} {quoted}");
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_words_and_breaks_text_without_spaces() {
        assert_eq!(wrap("aaa bbb ccc", 0, 7), "aaa bbb\nccc\n");
        let chinese = "证书".repeat(20);
        let wrapped = wrap(&chinese, 2, 22);
        assert!(
            wrapped
                .lines()
                .all(|l| l.chars().skip(2).map(char_width).sum::<usize>() <= 20)
        );
        assert_eq!(wrapped.lines().count(), 4);
    }

    #[test]
    fn suggests_close_names() {
        assert!(similar("DescribeCertificates", "DescribeCertificate"));
        assert!(similar("ssl", "ssll"));
        assert!(!similar("cvm", "ssl"));
    }
}
