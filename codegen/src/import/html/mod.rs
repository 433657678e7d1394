//! HTML documentation to Markdown text that rustdoc renders well.
//!
//! tccli documentation mixes HTML (`<p>`, `<br>`, lists, links, `<b>`, `<code>`, tables) with
//! Markdown (`**bold**`, `[text](url)`, backticks) and plain line breaks. The Markdown is kept as
//! it is; the HTML becomes its Markdown equivalent; tags that only style (`<font>`, `<span>`) go
//! and keep their text. Anything in angle brackets that is not a known HTML tag (`<公共请求参数>`,
//! `a < b`) stays as text. Every line break of the source becomes a paragraph break, because
//! rustdoc would otherwise join the lines of a value list into one run-on sentence.
//!
//! This module reads tags and entities; `markdown.rs` writes what they mean as Markdown lines.

mod markdown;

use markdown::Writer;

/// Converts one documentation string. Never fails: what is not understood is kept as text.
pub fn to_text(html: &str) -> String {
    if !html.contains(['<', '&', '\n', '\r']) {
        return html.trim().to_owned();
    }
    // Some pages escape their own markup (`&lt;li&gt;`): read those tags as tags.
    let unescaped;
    let html = if html.contains("&lt;") {
        unescaped = unescape_tags(html);
        unescaped.as_str()
    } else {
        html
    };
    let mut out = Writer::default();
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        out.text(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('&') {
            let (decoded, used) = entity(rest);
            out.text(&decoded);
            rest = &rest[used..];
            continue;
        }
        match Tag::parse(rest) {
            Some((tag, used)) => {
                out.tag(&tag);
                rest = &rest[used..];
            }
            None => {
                out.text("<");
                rest = &rest[1..];
            }
        }
    }
    out.text(rest);
    out.finish()
}

/// Turns escaped simple tags (`&lt;li&gt;`, `&lt;/p&gt;`, `&lt;br/&gt;`) back into tags.
fn unescape_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("&lt;") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 4..];
        let simple = after.find("&gt;").filter(|&end| {
            let name = after[..end]
                .trim_start_matches('/')
                .trim_end_matches('/')
                .trim();
            SIMPLE.contains(&name.to_ascii_lowercase().as_str())
        });
        match simple {
            Some(end) => {
                out.push('<');
                out.push_str(&after[..end]);
                out.push('>');
                rest = &after[end + 4..];
            }
            None => {
                out.push_str("&lt;");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Tags without attributes that pages sometimes write escaped.
const SIMPLE: &[&str] = &[
    "b", "br", "code", "em", "i", "li", "ol", "p", "strong", "ul",
];

/// One HTML tag as written.
struct Tag<'a> {
    name: String,
    closing: bool,
    attributes: &'a str,
}

/// Tags that mark structure or style; anything else in angle brackets is text.
const KNOWN: &[&str] = &[
    "a",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "center",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "dx",
    "em",
    "font",
    "g",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "ol",
    "p",
    "path",
    "pre",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "text",
    "tfoot",
    "th",
    "thead",
    "tr",
    "tspan",
    "u",
    "ul",
];

impl<'a> Tag<'a> {
    /// Reads a tag at the start of `text` (which starts with `<`), with the bytes it used.
    fn parse(text: &'a str) -> Option<(Tag<'a>, usize)> {
        let inner = &text[1..];
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, inner),
        };
        let name_len = inner
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(inner.len());
        if name_len == 0 || !inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name = inner[..name_len].to_ascii_lowercase();
        // Custom elements (`<dx-alert>`, Tencent's doc callouts) always have a hyphen.
        let custom = name.contains('-') && !name.ends_with('-');
        if !custom && !KNOWN.contains(&name.as_str()) {
            return None;
        }
        let after_name = &inner[name_len..];
        if !after_name.starts_with(['>', ' ', '/', '\t', '\n', '\r']) {
            return None;
        }
        let end = after_name.find('>')?;
        // A tag does not span a new `<`: `<b 1 < 2` is text.
        if after_name[..end].contains('<') {
            return None;
        }
        let attributes = after_name[..end].trim().trim_end_matches('/');
        let used = 1 + usize::from(closing) + name_len + end + 1;
        Some((
            Tag {
                name,
                closing,
                attributes,
            },
            used,
        ))
    }

    /// The value of attribute `key`, quoted or not.
    fn attribute(&self, key: &str) -> Option<String> {
        let lower = self.attributes.to_ascii_lowercase();
        let mut from = 0;
        while let Some(found) = lower[from..].find(key) {
            let at = from + found;
            from = at + key.len();
            let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
            let rest = self.attributes[at + key.len()..].trim_start();
            let Some(value) = rest.strip_prefix('=').map(str::trim_start) else {
                continue;
            };
            if !before_ok {
                continue;
            }
            let value = match value.chars().next() {
                Some(quote @ ('"' | '\'')) => value[1..].split(quote).next().unwrap_or(""),
                _ => value.split(char::is_whitespace).next().unwrap_or(""),
            };
            return Some(decode(value));
        }
        None
    }
}

/// Decodes the entities of an attribute value.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (decoded, used) = entity(&rest[at..]);
        out.push_str(&decoded);
        rest = &rest[at + used..];
    }
    out.push_str(rest);
    out
}

/// Decodes the entity at the start of `text` (which starts with `&`), with the bytes it used;
/// an unknown one is a literal `&`.
fn entity(text: &str) -> (String, usize) {
    let end = text[1..]
        .char_indices()
        .take(10)
        .find(|(_, c)| !c.is_ascii_alphanumeric() && *c != '#')
        .filter(|(_, c)| *c == ';')
        .map(|(i, _)| i + 1);
    let Some(end) = end else {
        return ("&".to_owned(), 1);
    };
    let name = &text[1..end];
    let decoded = match name {
        "quot" => Some('"'),
        "apos" => Some('\''),
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "nbsp" | "emsp" | "ensp" | "thinsp" => Some(' '),
        "middot" => Some('·'),
        "times" => Some('×'),
        "hellip" => Some('…'),
        "mdash" => Some('—'),
        "ndash" => Some('–'),
        "ldquo" => Some('“'),
        "rdquo" => Some('”'),
        "lsquo" => Some('‘'),
        "rsquo" => Some('’'),
        "yen" => Some('¥'),
        "copy" => Some('©'),
        _ => name.strip_prefix('#').and_then(|number| {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            code.and_then(char::from_u32)
        }),
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".to_owned(), 1),
    }
}
