//! A spec file's text: strict JSON parsing, duplicate keys, and the position of every JSON path.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use jsonc_parser::ast::{self, ObjectPropName};
use jsonc_parser::{CollectOptions, ParseOptions};
use serde_json::Value;

use crate::diagnostic::{Diagnostic, JsonPath};

/// A parsed spec file that can say where any of its paths stands.
#[derive(Debug)]
pub struct SourceFile {
    path: PathBuf,
    text: String,
    /// Byte offset of every path: a member's key, or an array element's first character.
    offsets: HashMap<JsonPath, usize>,
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
        let mut file = SourceFile {
            path: path.to_owned(),
            text,
            offsets: HashMap::new(),
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
        let mut offsets = HashMap::new();
        index(
            &root,
            JsonPath::root(),
            root_offset(&root),
            &mut offsets,
            &mut duplicates,
        );
        file.offsets = offsets;
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
        let mut probe = Some(path.clone());
        while let Some(candidate) = probe {
            if let Some(&offset) = self.offsets.get(&candidate) {
                return self.diagnostic_at(offset, path, message.into(), expected);
            }
            probe = candidate.parent();
        }
        self.diagnostic_at(0, path, message.into(), expected)
    }

    /// Whether the file spells out `path` (a key or an element).
    pub fn contains(&self, path: &JsonPath) -> bool {
        self.offsets.contains_key(path)
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

fn root_offset(value: &ast::Value<'_>) -> usize {
    match value {
        ast::Value::StringLit(v) => v.range.start,
        ast::Value::NumberLit(v) => v.range.start,
        ast::Value::BooleanLit(v) => v.range.start,
        ast::Value::Object(v) => v.range.start,
        ast::Value::Array(v) => v.range.start,
        ast::Value::NullKeyword(v) => v.range.start,
    }
}

/// Records the offset of every path under `value`, and each duplicate key as
/// `(path, offset, offset of the first definition)`.
fn index(
    value: &ast::Value<'_>,
    path: JsonPath,
    offset: usize,
    offsets: &mut HashMap<JsonPath, usize>,
    duplicates: &mut Vec<(JsonPath, usize, usize)>,
) {
    offsets.insert(path.clone(), offset);
    match value {
        ast::Value::Object(object) => {
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for property in &object.properties {
                let (name, key_offset) = match &property.name {
                    ObjectPropName::String(lit) => (lit.value.as_ref(), lit.range.start),
                    ObjectPropName::Word(lit) => (lit.value, lit.range.start),
                };
                let child = path.key(name);
                if let Some(&first) = seen.get(name) {
                    duplicates.push((child, key_offset, first));
                    continue;
                }
                seen.insert(name, key_offset);
                index(&property.value, child, key_offset, offsets, duplicates);
            }
        }
        ast::Value::Array(array) => {
            for (position, element) in array.elements.iter().enumerate() {
                index(
                    element,
                    path.index(position),
                    root_offset(element),
                    offsets,
                    duplicates,
                );
            }
        }
        _ => {}
    }
}
