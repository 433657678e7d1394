//! Error codes from the official Python SDK (`tencentcloud/<service>/<version>/errorcodes.py`).
//!
//! The file is a list of assignments, each after a comment that describes it:
//!
//! ```python
//! # 操作失败。
//! FAILEDOPERATION = 'FailedOperation'
//! ```
//!
//! Only that shape is read; the Python is never run. Lines of any other shape are ignored, so
//! a later SDK that adds headers or blank lines still reads.

use indexmap::IndexMap;

/// Reads `code → description` in file order. A code without a comment has an empty
/// description; a code listed twice keeps its first description.
pub fn parse(text: &str) -> IndexMap<String, String> {
    let mut codes = IndexMap::new();
    let mut comment: Vec<&str> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if let Some(text) = line.strip_prefix('#') {
            comment.push(text.trim());
            continue;
        }
        if line.is_empty() {
            // A blank line separates the licence header from the first code's comment.
            comment.clear();
            continue;
        }
        if let Some(code) = assignment(line) {
            let description = comment.join(" ").trim().to_owned();
            codes.entry(code).or_insert(description);
        }
        comment.clear();
    }
    codes
}

/// The string of `NAME = 'Code'` (or double quotes).
fn assignment(line: &str) -> Option<String> {
    let (name, value) = line.split_once('=')?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let value = value.trim();
    let quote = value.chars().next().filter(|c| matches!(c, '\'' | '"'))?;
    let inner = value[1..].strip_suffix(quote)?;
    if inner.is_empty() || inner.contains(quote) {
        return None;
    }
    Some(inner.to_owned())
}
