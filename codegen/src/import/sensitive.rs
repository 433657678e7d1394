//! Which members hold secrets, guessed from their names and descriptions.
//!
//! A member marked `sensitive` is printed as `***` by the generated `Debug`, so a false alarm
//! costs a hidden value in a log while a miss leaks a password: the rules lean to marking. An
//! overlay corrects a wrong guess either way (`"sensitive": false`).

use heck::ToSnakeCase;
use serde_json::{Map, Value, json};

/// Last words of a member name that make it a secret (`AdminPassword`, `TmpSecretKey`,
/// `CertificatePrivateKey`, `RenewKeyPass`, `SessionToken`).
const SECRET_ENDINGS: &[&[&str]] = &[
    &["password"],
    &["passwords"],
    &["pass", "word"],
    &["pass", "words"],
    &["passwd"],
    &["pwd"],
    &["passphrase"],
    &["key", "pass"],
    &["secret"],
    &["secret", "key"],
    &["secret", "access", "key"],
    &["secret", "value"],
    &["secret", "string"],
    &["secret", "binary"],
    &["private", "key"],
    &["key", "content"],
    &["api", "key"],
    &["token"],
    &["credential", "data"],
    &["credential", "content"],
];

/// Words before `token` that make it something other than a credential: a page cursor, an
/// idempotency key, a count of model tokens.
const HARMLESS_TOKENS: &[&str] = &[
    "next",
    "page",
    "scroll",
    "pagination",
    "continue",
    "continuation",
    "client",
    "idempotency",
    "creation",
    "action",
    "result",
    "total",
    "input",
    "output",
    "max",
];

/// How the docs begin the description of a secret: `密码` (password), `私钥` (private key),
/// `口令` (passphrase), and their English counterparts.
const CHINESE_SECRET_ENDINGS: &[&str] = &["密码", "私钥", "私钥内容", "私钥证书", "口令"];
const ENGLISH_SECRET_ENDINGS: &[&str] = &[
    "password",
    "private key",
    "private key content",
    "private key certificate",
    "passphrase",
];

/// Whether the string member `wire` of type `ty` holds a secret, by its name or by the first
/// clause of its description.
pub fn guess(wire: &str, ty: &str, chinese: Option<&str>, english: Option<&str>) -> bool {
    if ty != "string" && ty != "list<string>" {
        return false;
    }
    let snake = wire.to_snake_case();
    let words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    if words.last() == Some(&"token") {
        let before = words.len().checked_sub(2).map(|i| words[i]);
        return !before.is_some_and(|w| HARMLESS_TOKENS.contains(&w));
    }
    if SECRET_ENDINGS.iter().any(|ending| words.ends_with(ending)) {
        return true;
    }
    // A name that ends in an identifier word names the secret, it does not hold it.
    if words
        .last()
        .is_some_and(|w| ["id", "ids", "name", "type", "url"].contains(w))
    {
        return false;
    }
    let chinese_says = chinese.is_some_and(|text| {
        let clause = first_clause(text);
        CHINESE_SECRET_ENDINGS.iter().any(|e| clause.ends_with(e))
    });
    let english_says = english.is_some_and(|text| {
        let clause = first_clause(text).to_lowercase();
        ENGLISH_SECRET_ENDINGS.iter().any(|e| clause.ends_with(e))
            || clause.starts_with("the password of")
            || clause.starts_with("the content of the private key")
    });
    chinese_says || english_says
}

/// The description up to its first punctuation, trimmed of Markdown emphasis.
fn first_clause(text: &str) -> &str {
    let end = text
        .find(|c: char| "，。,.;；:：(（\n".contains(c))
        .unwrap_or(text.len());
    text[..end].trim().trim_matches('*').trim()
}

/// A certificate or key download (`DownloadCertificate`) answers with the archive that holds
/// the private key, Base64-encoded: its Base64 string members are secrets.
pub fn mark_downloaded_keys(action: &str, output: &mut Map<String, Value>) {
    let downloads_keys = action.starts_with("Download")
        && ["Certificate", "Cert", "Key"]
            .iter()
            .any(|noun| action.contains(noun));
    if !downloads_keys {
        return;
    }
    for member in output.values_mut() {
        let Some(member) = member.as_object_mut() else {
            continue;
        };
        let is_string = member.get("type").and_then(Value::as_str) == Some("string");
        let base64 = member
            .get("description")
            .and_then(Value::as_str)
            .is_some_and(|d| d.to_lowercase().contains("base64"));
        if is_string && base64 {
            member.insert("sensitive".into(), json!(true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::guess;

    #[test]
    fn secrets_by_name() {
        for name in [
            "Password",
            "AdminPassword",
            "PassWord",
            "DbPwd",
            "KeyPass",
            "RenewKeyPass",
            "TmpSecretKey",
            "ClientSecret",
            "CertificatePrivateKey",
            "SessionToken",
            "Token",
            "APIKey",
            "SecretString",
        ] {
            assert!(guess(name, "string", None, None), "{name}");
        }
    }

    #[test]
    fn names_of_secrets_and_cursors_are_not_secrets() {
        for name in [
            "SecretId",
            "SecretName",
            "ApiKeyId",
            "PasswordType",
            "NextToken",
            "ClientToken",
            "PageToken",
            "TotalToken",
            "Bypass",
            "PassengerName",
        ] {
            assert!(!guess(name, "string", None, None), "{name}");
        }
        assert!(!guess("Password", "bool", None, None));
    }

    #[test]
    fn secrets_by_description() {
        assert!(guess("Key", "string", Some("私钥内容，必填。"), None));
        assert!(guess(
            "Psk",
            "string",
            None,
            Some("The password of the device.")
        ));
        assert!(guess(
            "Credential",
            "string",
            None,
            Some("**Private key**, PEM encoded.")
        ));
        assert!(!guess("KeyId", "string", Some("私钥"), None));
        assert!(!guess("Remark", "string", Some("备注，不是密码说明"), None));
    }
}
