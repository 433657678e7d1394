//! A spec file's text: strict JSON parsing, duplicate keys, and the position of every JSON path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jsonc_parser::ast::{self, ObjectPropName};
use jsonc_parser::{CollectOptions, ParseOptions};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, JsonPath, Segment};

/// A parsed spec file that can say where any of its paths stands.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    text: String,
    /// Byte offset of every path: a member's key, or an array element's first character.
    /// Built on the first diagnostic only, since a valid spec never needs it.
    offsets: OnceLock<HashMap<JsonPath, usize>>,
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Parses `text` as strict JSON (no comments, no trailing commas).
    ///
    /// Returns the document and the file, or every syntax problem and duplicate key found.
    pub fn parse(path: &Path, text: String) -> Result<(Value, SourceFile), Vec<Diagnostic>> {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let file = SourceFile {
            path: path.to_owned(),
            text,
            offsets: OnceLock::new(),
            line_starts,
        };
        let parsed =
            jsonc_parser::parse_to_ast(&file.text, &CollectOptions::default(), &strict_json());
        let root = match parsed {
            Ok(result) => result.value,
            Err(error) => {
                let problem = error.kind().to_string();
                let offset = error.range().start;
                return Err(vec![file.diagnostic_at(
                    offset,
                    JsonPath::root(),
                    format!("invalid JSON: {problem}"),
                    None,
                )]);
            }
        };
        let Some(root) = root else {
            return Err(vec![file.diagnostic_at(
                0,
                JsonPath::root(),
                "the file is empty".to_owned(),
                Some("a JSON object".to_owned()),
            )]);
        };
        let mut duplicates = Vec::new();
        find_duplicates(&root, &mut Vec::new(), &mut duplicates);
        if !duplicates.is_empty() {
            let problems = duplicates
                .into_iter()
                .map(|(path, offset, first)| {
                    let (line, column) = file.line_column(first);
                    file.diagnostic_at(
                        offset,
                        path,
                        format!(
                            "duplicate key; it is first defined at line {line}, column {column}"
                        ),
                        Some("each key once per object".to_owned()),
                    )
                })
                .collect();
            return Err(problems);
        }
        Ok((Value::from(root), file))
    }

    /// The file's name, as given to the generator.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A diagnostic at `path`, or at its nearest ancestor that the file spells out.
    pub fn diagnostic(
        &self,
        path: JsonPath,
        message: impl Into<String>,
        expected: Option<String>,
    ) -> Diagnostic {
        let offsets = self.offsets();
        let mut probe = Some(path.clone());
        while let Some(candidate) = probe {
            if let Some(&offset) = offsets.get(&candidate) {
                return self.diagnostic_at(offset, path, message.into(), expected);
            }
            probe = candidate.parent();
        }
        self.diagnostic_at(0, path, message.into(), expected)
    }

    /// Whether the file spells out `path` (a key or an element).
    pub fn contains(&self, path: &JsonPath) -> bool {
        self.offsets().contains_key(path)
    }

    /// The offset of every path, indexed on first use.
    fn offsets(&self) -> &HashMap<JsonPath, usize> {
        self.offsets.get_or_init(|| {
            let mut offsets = HashMap::new();
            let parsed =
                jsonc_parser::parse_to_ast(&self.text, &CollectOptions::default(), &strict_json());
            if let Ok(Some(root)) = parsed.map(|result| result.value) {
                index(&root, JsonPath::root(), value_offset(&root), &mut offsets);
            }
            offsets
        })
    }

    fn diagnostic_at(
        &self,
        offset: usize,
        path: JsonPath,
        message: String,
        expected: Option<String>,
    ) -> Diagnostic {
        let (line, column) = self.line_column(offset);
        Diagnostic {
            file: self.path.clone(),
            line,
            column,
            path,
            message,
            expected,
        }
    }

    /// 1-based line and character column of a byte offset.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

fn strict_json() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

fn value_offset(value: &ast::Value<'_>) -> usize {
    match value {
        ast::Value::StringLit(v) => v.range.start,
        ast::Value::NumberLit(v) => v.range.start,
        ast::Value::BooleanLit(v) => v.range.start,
        ast::Value::Object(v) => v.range.start,
        ast::Value::Array(v) => v.range.start,
        ast::Value::NullKeyword(v) => v.range.start,
    }
}

/// Records the offset of every path under `value` (the first definition of a duplicate key).
fn index(
    value: &ast::Value<'_>,
    path: JsonPath,
    offset: usize,
    offsets: &mut HashMap<JsonPath, usize>,
) {
    offsets.insert(path.clone(), offset);
    match value {
        ast::Value::Object(object) => {
            for property in &object.properties {
                let (name, key_offset) = key(&property.name);
                let child = path.key(name);
                if !offsets.contains_key(&child) {
                    index(&property.value, child, key_offset, offsets);
                }
            }
        }
        ast::Value::Array(array) => {
            for (position, element) in array.elements.iter().enumerate() {
                index(
                    element,
                    path.index(position),
                    value_offset(element),
                    offsets,
                );
            }
        }
        _ => {}
    }
}

/// Finds every duplicate key as `(path, offset, offset of the first definition)`; `path` is
/// the walk's current position, extended and restored as it goes.
fn find_duplicates(
    value: &ast::Value<'_>,
    path: &mut Vec<Segment>,
    duplicates: &mut Vec<(JsonPath, usize, usize)>,
) {
    match value {
        ast::Value::Object(object) => {
            let mut seen: HashMap<&str, usize> = HashMap::with_capacity(object.properties.len());
            for property in &object.properties {
                let (name, key_offset) = key(&property.name);
                path.push(Segment::Key(name.to_owned()));
                if let Some(&first) = seen.get(name) {
                    duplicates.push((JsonPath::from_segments(path.clone()), key_offset, first));
                } else {
                    seen.insert(name, key_offset);
                    find_duplicates(&property.value, path, duplicates);
                }
                path.pop();
            }
        }
        ast::Value::Array(array) => {
            for (position, element) in array.elements.iter().enumerate() {
                path.push(Segment::Index(position));
                find_duplicates(element, path, duplicates);
                path.pop();
            }
        }
        _ => {}
    }
}

fn key<'a>(name: &'a ObjectPropName<'_>) -> (&'a str, usize) {
    match name {
        ObjectPropName::String(lit) => (lit.value.as_ref(), lit.range.start),
        ObjectPropName::Word(lit) => (lit.value, lit.range.start),
    }
}
