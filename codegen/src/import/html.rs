//! HTML documentation to Markdown text that rustdoc renders well.
//!
//! tccli documentation mixes HTML (`<p>`, `<br>`, lists, links, `<b>`, `<code>`, tables) with
//! Markdown (`**bold**`, `[text](url)`, backticks) and plain line breaks. The Markdown is kept as
//! it is; the HTML becomes its Markdown equivalent; tags that only style (`<font>`, `<span>`) go
//! and keep their text. Anything in angle brackets that is not a known HTML tag (`<公共请求参数>`,
//! `a < b`) stays as text. Every line break of the source becomes a paragraph break, because
//! rustdoc would otherwise join the lines of a value list into one run-on sentence.

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

/// Accumulates Markdown lines.
#[derive(Default)]
struct Writer {
    /// Finished lines; an empty string is a paragraph break.
    lines: Vec<String>,
    /// The line being written.
    line: String,
    /// Open lists: `None` for bullets, `Some(n)` for numbers with the next number.
    lists: Vec<Option<u32>>,
    /// Inside `<pre>`: text is kept verbatim.
    pre: bool,
    /// Open `<a href>` targets, with where their text starts: the number of finished lines
    /// and the length of the line (or table cell) then.
    links: Vec<(Option<String>, usize, usize)>,
    /// Rows of the open table.
    table: Option<Table>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    header_rows: usize,
    cell: Option<String>,
    in_head: bool,
}

impl Writer {
    fn push_str(&mut self, text: &str) {
        if let Some(table) = &mut self.table {
            let cell = table.cell.get_or_insert_with(String::new);
            cell.push_str(text);
        } else {
            self.line.push_str(text);
        }
    }

    fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.pre {
            let mut first = true;
            for part in text.split('\n') {
                if !first {
                    self.end_line();
                }
                first = false;
                self.line.push_str(part.trim_end_matches('\r'));
            }
            return;
        }
        if self.table.is_some() {
            let flat = text.replace(['\r', '\n'], " ").replace('|', "\\|");
            self.push_str(&flat);
            return;
        }
        let mut first = true;
        for part in text.split('\n') {
            if !first {
                self.end_line();
            }
            first = false;
            self.push_str(&part.replace(['\r', '\t'], " "));
        }
    }

    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        if self.pre {
            self.lines.push(format!("    {line}"));
            return;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return;
        }
        // Keep the indent of a nested list item written by `<li>`, at most two per level.
        let indent = (line.len() - line.trim_start().len()).min(2 * self.lists.len());
        if indent > 0 && is_list_item(trimmed) {
            self.lines.push(format!("{}{trimmed}", " ".repeat(indent)));
        } else {
            self.lines.push(trimmed.to_owned());
        }
    }

    fn paragraph(&mut self) {
        self.end_line();
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn tag(&mut self, tag: &Tag<'_>) {
        let name = tag.name.as_str();
        if self.table.is_some() && self.table_tag(tag) {
            return;
        }
        match (name, tag.closing) {
            ("br", _) => self.end_line(),
            ("p" | "div" | "blockquote" | "dl" | "dt" | "dd" | "hr" | "caption", _) => {
                self.paragraph()
            }
            (custom, _) if custom.contains('-') => self.paragraph(),
            ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", _) => {
                if tag.closing {
                    self.push_str("**");
                    self.paragraph();
                } else {
                    self.paragraph();
                    self.push_str("**");
                }
            }
            ("ul", false) => {
                self.end_line();
                self.lists.push(None);
            }
            ("ol", false) => {
                self.end_line();
                self.lists.push(Some(1));
            }
            ("ul" | "ol", true) => {
                self.end_line();
                self.lists.pop();
            }
            ("li", false) => {
                self.end_line();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let marker = format!("{n}.");
                        *n += 1;
                        marker
                    }
                    _ => "-".to_owned(),
                };
                self.line = format!("{}{marker} ", "  ".repeat(depth));
            }
            ("li", true) => self.end_line(),
            ("b" | "strong", _) => self.push_str("**"),
            ("del" | "s", _) => self.push_str("~~"),
            ("i" | "em", _) => self.push_str("*"),
            ("code", _) => self.push_str("`"),
            ("pre", false) => {
                self.paragraph();
                self.pre = true;
            }
            ("pre", true) => {
                self.end_line();
                self.pre = false;
                self.paragraph();
            }
            ("a", false) => {
                let href = tag.attribute("href").filter(|h| !h.is_empty());
                let start = match &self.table {
                    Some(table) => table.cell.as_ref().map_or(0, String::len),
                    None => self.line.len(),
                };
                self.links.push((href, self.lines.len(), start));
            }
            ("a", true) => {
                if let Some((Some(href), lines, start)) = self.links.pop() {
                    let start = if lines == self.lines.len() { start } else { 0 };
                    self.wrap_link(&href, start);
                }
            }
            ("table", false) => {
                self.paragraph();
                self.table = Some(Table::default());
            }
            ("img", _) => {
                if let Some(alt) = tag.attribute("alt").filter(|a| !a.trim().is_empty()) {
                    self.push_str(alt.trim());
                }
            }
            _ => {}
        }
    }

    /// Turns the text written since the `<a>` (from byte `start` of the line or cell) into
    /// `[text](href)`.
    fn wrap_link(&mut self, href: &str, start: usize) {
        if href.starts_with("javascript:") {
            return;
        }
        let target = match &mut self.table {
            Some(table) => table.cell.get_or_insert_with(String::new),
            None => &mut self.line,
        };
        let trimmed = target.trim_end().len();
        target.truncate(trimmed);
        let start = if start <= target.len() && target.is_char_boundary(start) {
            start
        } else {
            0
        };
        let leading = target[start..].len() - target[start..].trim_start().len();
        let start = start + leading;
        let text = target[start..].replace(['[', ']'], "");
        target.truncate(start);
        let text = if text.is_empty() {
            href.to_owned()
        } else {
            text
        };
        target.push_str(&format!("[{text}]({})", href.replace(' ', "%20")));
    }

    /// Handles a tag inside a table; false if it is not a table tag.
    fn table_tag(&mut self, tag: &Tag<'_>) -> bool {
        let Some(table) = &mut self.table else {
            return false;
        };
        match (tag.name.as_str(), tag.closing) {
            ("thead", closing) => table.in_head = !closing,
            ("tr", false) => {
                table.cell = None;
                table.rows.push(Vec::new());
                if table.in_head {
                    table.header_rows = table.rows.len();
                }
            }
            ("tr", true) => table.cell = None,
            ("td" | "th", false) => {
                if tag.name == "th" && table.rows.len() <= 1 && !table.in_head {
                    table.header_rows = table.rows.len();
                }
                if table.rows.is_empty() {
                    table.rows.push(Vec::new());
                }
                table.cell = Some(String::new());
            }
            ("td" | "th", true) => {
                if let Some(cell) = table.cell.take()
                    && let Some(row) = table.rows.last_mut()
                {
                    row.push(cell.split_whitespace().collect::<Vec<_>>().join(" "));
                }
            }
            ("br" | "p" | "div" | "li", _) => {
                if let Some(cell) = &mut table.cell {
                    cell.push(' ');
                }
            }
            ("table", true) => {
                let table = self.table.take().unwrap_or_default();
                self.write_table(table);
            }
            ("table", false) | ("tbody" | "tfoot" | "colgroup" | "col" | "caption", _) => {}
            _ => return false,
        }
        true
    }

    fn write_table(&mut self, table: Table) {
        let rows: Vec<Vec<String>> = table.rows.into_iter().filter(|r| !r.is_empty()).collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width == 0 {
            return;
        }
        let row_line = |row: &[String]| {
            let mut cells: Vec<&str> = row.iter().map(String::as_str).collect();
            cells.resize(width, "");
            format!("| {} |", cells.join(" | "))
        };
        self.end_line();
        let mut rows = rows.into_iter();
        if table.header_rows > 0 {
            if let Some(header) = rows.next() {
                self.lines.push(row_line(&header));
            }
        } else {
            self.lines.push(row_line(&vec![String::new(); width]));
        }
        self.lines.push(format!("|{}", "---|".repeat(width)));
        for row in rows {
            self.lines.push(row_line(&row));
        }
        self.lines.push(String::new());
    }

    fn finish(mut self) -> String {
        if let Some(table) = self.table.take() {
            self.write_table(table);
        }
        self.end_line();
        // Every line is its own paragraph, except rows of one table, items of one list and
        // lines of one code block.
        let mut out = String::new();
        let mut previous: Option<&str> = None;
        let lines: Vec<String> = self.lines.iter().map(|l| escape_line(l)).collect();
        for line in &lines {
            if line.is_empty() {
                if previous.is_some_and(|p| !p.is_empty()) {
                    previous = Some("");
                }
                continue;
            }
            if let Some(prev) = previous {
                let joined = !prev.is_empty() && same_block(prev, line);
                out.push_str(if joined { "\n" } else { "\n\n" });
            }
            out.push_str(line);
            previous = Some(line);
        }
        out
    }
}

/// Whether two consecutive lines belong to one Markdown block.
fn same_block(previous: &str, line: &str) -> bool {
    let table = |l: &str| l.starts_with('|');
    let code = |l: &str| l.starts_with("    ");
    (table(previous) && table(line))
        || (code(previous) && code(line))
        || (is_list_item(previous) && is_list_item(line))
}

fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("- ") || line.starts_with("* ") {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

/// Keeps a line of text from turning into a Markdown construct it did not mean: a heading
/// (`#1`), a rule or setext underline (`---`), or an indented code block.
fn escape_line(line: &str) -> String {
    if line.starts_with("    ") {
        return line.to_owned();
    }
    if line.starts_with('#')
        || (line.len() >= 3 && line.chars().all(|c| matches!(c, '-' | '=' | '*' | '_')))
    {
        return format!("\\{line}");
    }
    line.to_owned()
}
