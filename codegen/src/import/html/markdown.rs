//! Markdown lines written from the tags and text that [`super::to_text`] reads.

use super::Tag;

/// Accumulates Markdown lines.
#[derive(Default)]
pub(super) struct Writer {
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

    pub(super) fn text(&mut self, text: &str) {
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

    pub(super) fn tag(&mut self, tag: &Tag<'_>) {
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

    pub(super) fn finish(mut self) -> String {
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
