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
/// bare URLs are wrapped in `<...>`, and any code fence is marked `text`.
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
    let mut joined = lines.join("\n");
    if in_fence {
        joined.push_str("\n```");
    }
    joined
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
}
