//! `--output table`: sections in the layout of tccli's tables (a title, then one header row
//! and one row per object of scalars, nested lists and objects as indented sub-sections).
//! Column widths fit the content; tccli's exact borders are not reproduced.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::output::python_str;

/// The table form of `value`.
pub fn render(value: &Value) -> String {
    let mut out = String::new();
    section(Some("Response"), value, 0, &mut out);
    out
}

fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

fn section(title: Option<&str>, value: &Value, indent: usize, out: &mut String) {
    if value.is_null() {
        return;
    }
    if let Some(title) = title {
        out.push_str(&format!("{}{title}\n", "  ".repeat(indent)));
    }
    match value {
        Value::Object(map) => object(map, indent, out),
        Value::Array(items) if items.first().is_some_and(Value::is_object) => {
            let maps: Vec<&Map<String, Value>> =
                items.iter().filter_map(Value::as_object).collect();
            let headers: Vec<String> = maps
                .iter()
                .flat_map(|m| {
                    m.iter()
                        .filter(|(_, v)| is_scalar(v))
                        .map(|(k, _)| k.clone())
                })
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let rows: Vec<Vec<String>> = maps
                .iter()
                .map(|m| {
                    headers
                        .iter()
                        .map(|h| m.get(h).map_or_else(String::new, python_str))
                        .collect()
                })
                .collect();
            grid(&headers, &rows, indent, out);
            for map in maps {
                for (key, inner) in map.iter().filter(|(_, v)| !is_scalar(v)) {
                    section(Some(key), inner, indent + 1, out);
                }
            }
        }
        Value::Array(items) => {
            let rows: Vec<Vec<String>> = items.iter().map(|v| vec![python_str(v)]).collect();
            grid(&[], &rows, indent, out);
        }
        scalar => grid(&[], &[vec![python_str(scalar)]], indent, out),
    }
}

fn object(map: &Map<String, Value>, indent: usize, out: &mut String) {
    let mut headers: Vec<&String> = map
        .iter()
        .filter(|(_, v)| is_scalar(v))
        .map(|(k, _)| k)
        .collect();
    headers.sort();
    if headers.len() == 1 {
        grid(
            &[],
            &[vec![
                headers[0].clone(),
                python_str(&map[headers[0].as_str()]),
            ]],
            indent,
            out,
        );
    } else if !headers.is_empty() {
        let row = headers
            .iter()
            .map(|h| python_str(&map[h.as_str()]))
            .collect();
        let headers: Vec<String> = headers.into_iter().cloned().collect();
        grid(&headers, &[row], indent, out);
    }
    let mut nested: Vec<(&String, &Value)> = map.iter().filter(|(_, v)| !is_scalar(v)).collect();
    nested.sort_by(|a, b| a.0.cmp(b.0));
    for (key, inner) in nested {
        section(Some(key), inner, indent + 1, out);
    }
}

fn grid(headers: &[String], rows: &[Vec<String>], indent: usize, out: &mut String) {
    let columns = rows
        .iter()
        .map(Vec::len)
        .chain([headers.len()])
        .max()
        .unwrap_or(0);
    let width = |column: usize| {
        rows.iter()
            .filter_map(|r| r.get(column))
            .chain(headers.get(column))
            .map(|cell| cell.chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..columns).map(width).collect();
    let pad = "  ".repeat(indent);
    let rule: String = widths
        .iter()
        .map(|w| format!("+{}", "-".repeat(w + 2)))
        .collect::<String>()
        + "+";
    let line = |cells: &[String]| -> String {
        let mut text = String::new();
        for (column, width) in widths.iter().enumerate() {
            let cell = cells.get(column).map_or("", String::as_str);
            let fill = width - cell.chars().count();
            text.push_str(&format!("| {cell}{} ", " ".repeat(fill)));
        }
        text + "|"
    };
    out.push_str(&format!("{pad}{rule}\n"));
    if !headers.is_empty() {
        out.push_str(&format!("{pad}{}\n{pad}{rule}\n", line(headers)));
    }
    for row in rows {
        out.push_str(&format!("{pad}{}\n", line(row)));
    }
    out.push_str(&format!("{pad}{rule}\n"));
}
