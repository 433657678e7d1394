//! Every Rust name the generator writes is chosen here, once: the checker, the importer, the
//! emitters and the build scripts of the tests all name items through this module.
//!
//! A conversion that makes no usable identifier returns `None`, so that the caller reports it at
//! its place in the spec instead of the emitter panicking on it.

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
const NOT_RAW: &[&str] = &["self", "super", "crate"];

/// Type names the generated code uses unqualified, which a spec type must not shadow.
pub const PRELUDE_TYPES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Self",
];

/// Methods every request and structure has, which a setter must not shadow.
pub const REQUEST_METHODS: &[&str] = &[
    "new",
    "validate",
    "validate_at",
    "validate_with",
    "validate_against",
];

/// What [`type_name`] needs, for messages.
pub const TYPE_NAME_RULE: &str = "a name of ASCII letters and digits, a letter first, not `Self`";

/// What [`field`] needs, for messages.
pub const FIELD_RULE: &str = "a name with ASCII letters or digits";

/// Methods every client has, which an action or waiter must not shadow.
pub const CLIENT_METHODS: &[&str] = &["new", "runtime"];

/// The Rust field name of a wire name: snake case, raw when it is a keyword, `n`-prefixed when
/// it starts with a digit, `_`-suffixed for the keywords `r#` cannot carry (`self_`); `None`
/// when nothing usable is left (`""`, `":"`, non-ASCII letters).
pub fn field(wire: &str) -> Option<String> {
    let snake = wire.to_snake_case();
    let usable = snake.chars().any(|c| c.is_ascii_alphanumeric())
        && snake.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if !usable {
        return None;
    }
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{snake}")
    } else {
        snake
    };
    Some(if NOT_RAW.contains(&snake.as_str()) {
        format!("{snake}_")
    } else if KEYWORDS.contains(&snake.as_str()) {
        format!("r#{snake}")
    } else {
        snake
    })
}

/// A type or variant name: upper camel case, or `None` when the text makes no identifier (empty,
/// a digit first, non-ASCII, or `Self`, which no type or variant can be named).
pub fn type_name(wire: &str) -> Option<String> {
    let camel = wire.to_upper_camel_case();
    let valid = camel.starts_with(|c: char| c.is_ascii_alphabetic())
        && camel.chars().all(|c| c.is_ascii_alphanumeric())
        && camel != "Self";
    valid.then_some(camel)
}

/// The client method of an action: `ApplyCertificate` → `apply_certificate`.
pub fn method(action: &str) -> Option<String> {
    field(action)
}

/// The method of a waiter: `CertificateIssued` → `wait_until_certificate_issued`.
pub fn waiter_method(waiter: &str) -> Option<String> {
    field(waiter).map(|name| format!("wait_until_{}", bare(&name)))
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
        assert_eq!(field("DvAuthMethod").as_deref(), Some("dv_auth_method"));
        assert_eq!(field("Type").as_deref(), Some("r#type"));
        assert_eq!(field("Self").as_deref(), Some("self_"));
        assert_eq!(field("crate").as_deref(), Some("crate_"));
        assert_eq!(field("3DES").as_deref(), Some("n3des"));
    }

    #[test]
    fn names_with_nothing_usable_make_no_field() {
        assert_eq!(field(""), None);
        assert_eq!(field(":"), None);
        assert_eq!(field("_"), None);
        assert_eq!(field("名称"), None);
    }

    #[test]
    fn waiters_are_named_after_what_they_wait_for() {
        assert_eq!(
            waiter_method("CertificateIssued").as_deref(),
            Some("wait_until_certificate_issued")
        );
        assert_eq!(waiter_method("Type").as_deref(), Some("wait_until_type"));
        assert_eq!(waiter_method("-"), None);
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
        assert_eq!(type_name(":"), None);
        assert_eq!(type_name("self"), None);
        assert_eq!(type_name("Super").as_deref(), Some("Super"));
    }

    /// Whatever a name converts to parses as an identifier the emitters can build.
    #[test]
    fn every_name_made_is_an_identifier() {
        let awkward = [
            "",
            ":",
            "_",
            "__",
            "a",
            "A",
            "3DES",
            "9",
            "self",
            "Self",
            "super",
            "crate",
            "type",
            "Type",
            "r#x",
            "a-b",
            "A.B.C",
            "名称",
            "é",
            "x²",
            "HTTPServer",
            "  ",
            "_x_",
            "Ok",
        ];
        for text in awkward {
            if let Some(name) = field(text) {
                let parsed = match name.strip_prefix("r#") {
                    Some(raw) => syn::parse_str::<syn::Ident>(&format!("r#{raw}")),
                    None => syn::parse_str::<syn::Ident>(&name),
                };
                assert!(parsed.is_ok(), "field({text:?}) = {name:?}");
            }
            if let Some(name) = type_name(text) {
                assert!(
                    syn::parse_str::<syn::Ident>(&name).is_ok(),
                    "type_name({text:?})"
                );
                assert_ne!(name, "Self");
            }
        }
    }

    #[test]
    fn versions_become_module_names() {
        assert_eq!(version_module("2019-12-05").as_deref(), Some("v20191205"));
        assert_eq!(version_module("latest"), None);
    }
}
