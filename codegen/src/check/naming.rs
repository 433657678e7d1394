//! Every Rust name the generator writes is chosen here, once.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words Rust reserves; a member named like one becomes a raw identifier (`r#type`).
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore instead.
const NOT_RAW: &[&str] = &["self", "super", "crate", "_"];

/// Type names the generated code uses unqualified, which a spec type must not shadow.
pub const PRELUDE_TYPES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Self",
];

/// Methods every request and structure has, which a setter must not shadow.
pub const REQUEST_METHODS: &[&str] = &["new", "validate", "validate_at"];

/// The Rust field name of a wire name: snake case, raw when it is a keyword.
pub fn field(wire: &str) -> String {
    let snake = wire.to_snake_case();
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    };
    if NOT_RAW.contains(&snake.as_str()) {
        format!("{snake}_")
    } else if KEYWORDS.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else {
        snake
    }
}

/// A type or variant name: upper camel case, or `None` when the text makes no identifier.
pub fn type_name(wire: &str) -> Option<String> {
    let camel = wire.to_upper_camel_case();
    let valid = camel.starts_with(|c: char| c.is_ascii_alphabetic())
        && camel.chars().all(|c| c.is_ascii_alphanumeric());
    valid.then_some(camel)
}

/// The client method of an action: `ApplyCertificate` → `apply_certificate`.
pub fn method(action: &str) -> String {
    field(action)
}

/// The version module: `2019-12-05` → `v20191205`.
pub fn version_module(version: &str) -> Option<String> {
    let digits: String = version.chars().filter(|c| *c != '-').collect();
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then(|| format!("v{digits}"))
}

/// The enum of the common error codes, in every service module.
pub const COMMON_ERRORS: &str = "CommonErrorCode";

/// The enum of a service's business error codes.
pub const SERVICE_ERRORS: &str = "ServiceErrorCode";

/// The client of a service: `ssl` → `SslClient`.
pub fn client(service: &str) -> String {
    format!("{}Client", type_name(service).unwrap_or_default())
}

/// The items an action makes from its type name (`ApplyCertificate`): request, response,
/// error-code enum and error alias, in that order.
pub fn action_items(base: &str) -> [String; 4] {
    ["Request", "Response", "ErrorCode", "Error"].map(|suffix| format!("{base}{suffix}"))
}

/// The name without a raw-identifier prefix, for messages and setter collisions.
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_snake_case_and_keywords_are_raw() {
        assert_eq!(field("DvAuthMethod"), "dv_auth_method");
        assert_eq!(field("Type"), "r#type");
        assert_eq!(field("Self"), "self_");
        assert_eq!(field("3DES"), "n3des");
    }

    #[test]
    fn type_names_need_a_letter_first() {
        assert_eq!(type_name("DNS_AUTO").as_deref(), Some("DnsAuto"));
        assert_eq!(
            type_name("FailedOperation.AuthError").as_deref(),
            Some("FailedOperationAuthError")
        );
        assert_eq!(type_name("83"), None);
        assert_eq!(type_name(""), None);
    }

    #[test]
    fn versions_become_module_names() {
        assert_eq!(version_module("2019-12-05").as_deref(), Some("v20191205"));
        assert_eq!(version_module("latest"), None);
    }
}
