//! Spec descriptions turned into rustdoc that renders well and never runs as a doctest.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc]` attributes for markdown the generator wrote, one per line.
pub fn doc(markdown: &str) -> TokenStream {
    let lines = markdown
        .trim()
        .lines()
        .map(|line| string_literal(format!(" {line}").trim_end()));
    quote! { #( #[doc = #lines] )* }
}

/// A string literal that keeps non-ASCII text as it is.
///
/// `proc_macro2::Literal::string` escapes through `char::escape_debug`, whose printable-character
/// tables made escaping the (mostly Chinese) spec text the generator's largest single cost; only
/// quotes, backslashes and control characters need escaping in a Rust string literal.
pub(crate) fn string_literal(text: &str) -> proc_macro2::Literal {
    let mut source = String::with_capacity(text.len() + 2);
    source.push('"');
    for c in text.chars() {
        match c {
            '"' => source.push_str("\\\""),
            '\\' => source.push_str("\\\\"),
            c if c.is_control() => source.extend(c.escape_default()),
            c => source.push(c),
        }
    }
    source.push('"');
    source
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

/// `#[doc]` attributes for several paragraphs of markdown, skipping empty ones.
pub fn paragraphs(parts: &[&str]) -> TokenStream {
    let text: Vec<&str> = parts
        .iter()
        .map(|part| part.trim())
        .filter(|part| !part.is_empty())
        .collect();
    doc(&text.join("\n\n"))
}

/// Spec text made safe as markdown: it renders as written and never runs as a doctest.
///
/// Leading indentation is dropped (indented text would be a code block, and code blocks are
/// doctests), `[`, `]`, `<` and `>` are escaped (they would be intra-doc links and HTML tags),
/// bare URLs are wrapped in `<...>`, and any code fence is marked `text`. Paragraphs of one
/// `key: meaning` line each (the docs' way of listing values) become one bulleted list.
pub fn spec_text(text: &str) -> String {
    let mut in_fence = false;
    let lines: Vec<String> = text
        .trim()
        .lines()
        .map(|line| {
            let line = line.trim();
            if line.starts_with("```") {
                in_fence = !in_fence;
                return if in_fence {
                    "```text".to_owned()
                } else {
                    "```".to_owned()
                };
            }
            if in_fence {
                line.to_owned()
            } else {
                escape_markdown(line)
            }
        })
        .collect();
    let mut joined = as_lists(lines).join("\n");
    if in_fence {
        joined.push_str("\n```");
    }
    joined
}

/// Runs of two or more one-line paragraphs that each read `key: meaning` (or are list items
/// already), turned into a tight bulleted list: the same text, one line per value.
fn as_lists(lines: Vec<String>) -> Vec<String> {
    let is_item = |index: usize| {
        lines
            .get(index)
            .is_some_and(|line| list_item(line).is_some())
            && index
                .checked_sub(1)
                .is_none_or(|before| lines[before].is_empty())
            && lines.get(index + 1).is_none_or(|after| after.is_empty())
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut index = 0;
    while index < lines.len() {
        let mut end = index;
        while is_item(end) && is_item(end + 2) {
            end += 2;
        }
        if end > index {
            for item in (index..=end).step_by(2) {
                let line = &lines[item];
                let text = list_item(line).unwrap_or(line);
                out.push(format!("- {text}"));
            }
            index = end + 1;
        } else {
            out.push(lines[index].clone());
            index += 1;
        }
    }
    out
}

/// The text of a line that lists one value: `- text`, or `key: meaning` with a short key.
fn list_item(line: &str) -> Option<&str> {
    if let Some(text) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some(text);
    }
    let key_end = line.find(['：', ':', '='])?;
    let key = line[..key_end].trim();
    let meaning = line[key_end..].chars().skip(1).collect::<String>();
    let url = line[key_end..].starts_with("://");
    let short = !key.is_empty() && key.chars().count() <= 24 && !url;
    (short && !meaning.trim().is_empty() && !line.starts_with('|')).then_some(line)
}

fn escape_markdown(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while !rest.is_empty() {
        if let Some((text, url, len)) = web_link_at(rest) {
            // `[text](https://…)` is a web link rustdoc renders; keep it, escaping its text.
            out.push('[');
            out.push_str(&escape_markdown(text));
            out.push_str("](");
            out.push_str(url);
            out.push(')');
            rest = &rest[len..];
            continue;
        }
        if let Some(url_len) = url_at(rest) {
            out.push('<');
            out.push_str(&rest[..url_len]);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or_default();
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '#' if out.is_empty() => out.push_str("\\#"),
            _ => out.push(c),
        }
        rest = chars.as_str();
    }
    out
}

/// A markdown link to a web page at the start of `text`: its text, its URL and its length.
fn web_link_at(text: &str) -> Option<(&str, &str, usize)> {
    let inner = text.strip_prefix('[')?;
    let close = inner.find("](")?;
    let label = &inner[..close];
    if label.contains('[') || label.contains(']') {
        return None;
    }
    let target = &inner[close + 2..];
    if !(target.starts_with("http://") || target.starts_with("https://")) {
        return None;
    }
    let end = target.find(|c: char| c == ')' || c.is_whitespace())?;
    if !target[end..].starts_with(')') {
        return None;
    }
    let url = &target[..end];
    Some((label, url, 1 + close + 2 + end + 1))
}

/// Length of the URL starting at `text`, if one does.
fn url_at(text: &str) -> Option<usize> {
    if !(text.starts_with("http://") || text.starts_with("https://")) {
        return None;
    }
    let len = text
        .find(|c: char| {
            c.is_whitespace()
                || matches!(c, '<' | '>' | '"' | ')' | '(' | '，' | '。' | '）' | '（')
        })
        .unwrap_or(text.len());
    let trimmed = text[..len].trim_end_matches(['.', ',', ';', ':']);
    Some(trimmed.len())
}

/// `text` without the docs' note that a member "may return null": said of a member whose Rust
/// type is an `Option`, the type already says it.
pub(crate) fn without_null_note(text: &str) -> String {
    let is_note = |line: &str| {
        let line = line.trim().trim_start_matches("- ").to_ascii_lowercase();
        line.starts_with("note: this field may return null")
            || line.starts_with("注意：此字段可能返回 null")
    };
    if !text.lines().any(is_note) {
        return text.to_owned();
    }
    let kept: Vec<&str> = text.lines().filter(|line| !is_note(line)).collect();
    kept.join("\n").trim_end().to_owned()
}

/// The first sentence (or line) of a description, for one-line summaries.
pub(crate) fn first_sentence(text: &str) -> String {
    let line = text.trim().lines().next().unwrap_or_default().trim();
    match line.find(". ") {
        Some(end) => line[..=end].to_owned(),
        None => line.to_owned(),
    }
}

/// "A" or "An", as the start of `noun` (a type name) is spoken: "An ApplyCertificateRequest",
/// "An UpdateRecordRequest", "A UserInfo", "A UniqueId".
pub fn article(noun: &str) -> &'static str {
    let lower = noun.to_ascii_lowercase();
    let vowel_sound = match lower.as_bytes() {
        [b'a' | b'e' | b'i' | b'o', ..] => true,
        // "un-", "up-", "ul-", "um-" sound like a vowel; "uni-", "use-", "usa-" like "you".
        [b'u', b'n', b'i', ..] => false,
        [b'u', b'n' | b'p' | b'l' | b'm' | b'd' | b't', ..] => true,
        _ => false,
    };
    if vowel_sound { "An" } else { "A" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_rustdoc_would_misread_is_escaped() {
        assert_eq!(spec_text("    indented"), "indented");
        assert_eq!(spec_text("see [docs](x)"), "see \\[docs\\](x)");
        assert_eq!(
            spec_text("see [the <docs>](https://cloud.tencent.com/a) now"),
            "see [the &lt;docs&gt;](https://cloud.tencent.com/a) now"
        );
        assert_eq!(spec_text("<Common params>"), "&lt;Common params&gt;");
        assert_eq!(
            spec_text("at https://cloud.tencent.com/doc."),
            "at <https://cloud.tencent.com/doc>."
        );
        assert_eq!(spec_text("DNS_AUTO or `2048`"), "DNS_AUTO or `2048`");
        assert_eq!(
            string_literal("证书 \"ID\" \\ \t").to_string(),
            "\"证书 \\\"ID\\\" \\\\ \\t\""
        );
        assert_eq!(spec_text("# not a heading"), "\\# not a heading");
        assert_eq!(spec_text("```\n    code\n```"), "```text\ncode\n```");
        assert_eq!(spec_text("```\nunclosed"), "```text\nunclosed\n```");
    }

    #[test]
    fn one_line_paragraphs_of_values_become_a_list() {
        assert_eq!(
            spec_text("证书来源：\n\ntrustasia：亚洲诚信，\n\nupload：用户上传。\n\nMore text."),
            "证书来源：\n\n- trustasia：亚洲诚信，\n- upload：用户上传。\n\nMore text."
        );
        // One value alone, or values that share a paragraph, stay as written.
        assert_eq!(spec_text("Status:\n\n0: pending"), "Status:\n\n0: pending");
        assert_eq!(spec_text("0: pending\n1: done"), "0: pending\n1: done");
        assert_eq!(
            spec_text("see https://a.b/c\n\nhttps://d.e/f"),
            "see <https://a.b/c>\n\n<https://d.e/f>"
        );
    }

    #[test]
    fn the_null_note_is_dropped_and_nothing_else() {
        assert_eq!(
            without_null_note(
                "User UIN\n\nNote: this field may return null, indicating that no valid values can be obtained."
            ),
            "User UIN"
        );
        assert_eq!(
            without_null_note("核验通过时间\n\n注意：此字段可能返回 null，表示取不到有效值。"),
            "核验通过时间"
        );
        assert_eq!(
            without_null_note("May be null.\n\nOr not."),
            "May be null.\n\nOr not."
        );
    }

    #[test]
    fn the_article_fits_the_noun() {
        assert_eq!(article("ApplyCertificateRequest"), "An");
        assert_eq!(article("UploadCertificateRequest"), "An");
        assert_eq!(article("UserInfo"), "A");
        assert_eq!(article("UnifiedOrder"), "A");
        assert_eq!(article("DescribeCertificatesRequest"), "A");
        assert_eq!(article("OrderInfo"), "An");
    }
}
