//! What is printed on success, as tccli prints it: the `Response` object as the SDK's response
//! model re-serializes it (every output member in spec order, `null` for an absent one, nested
//! structures likewise, members unknown to the spec dropped, `RequestId` last), optionally
//! filtered with JMESPath, as JSON (4-space indent, non-ASCII kept), text or a table.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::Failure;
use crate::model::{Field, Schema, Ty};
use tc_rules::TypeKind;

/// The response projected onto `output` with `RequestId` last.
pub fn project(schema: &Schema, output: &[Field], response: &Map<String, Value>) -> Value {
    let mut projected = project_object(schema, output, response);
    let id = response.get("RequestId").cloned().unwrap_or(Value::Null);
    projected.insert("RequestId".to_owned(), id);
    Value::Object(projected)
}

fn project_object(
    schema: &Schema,
    fields: &[Field],
    object: &Map<String, Value>,
) -> Map<String, Value> {
    fields
        .iter()
        .map(|field| {
            let value = match object.get(&field.name) {
                Some(value) => project_value(schema, &field.ty, value),
                None => Value::Null,
            };
            (field.name.clone(), value)
        })
        .collect()
}

fn project_value(schema: &Schema, ty: &Ty, value: &Value) -> Value {
    match (ty, value) {
        (Ty::List(inner), Value::Array(items)) => Value::Array(
            items
                .iter()
                .map(|item| project_value(schema, inner, item))
                .collect(),
        ),
        (Ty::Named(index), Value::Object(object)) => {
            match schema.types.get(*index as usize).map(|t| &t.kind) {
                Some(TypeKind::Object(fields)) => {
                    Value::Object(project_object(schema, fields, object))
                }
                _ => value.clone(),
            }
        }
        _ => value.clone(),
    }
}

/// Applies `--filter`, keeping the members of every object in the order they had.
pub fn filter(expression: &str, value: &Value) -> Result<Value, Failure> {
    let compiled = jmespath::compile(expression)
        .map_err(|e| Failure::other(format!("--filter {expression:?}: {e}")))?;
    let found = compiled
        .search(value)
        .map_err(|e| Failure::other(format!("--filter {expression:?}: {e}")))?;
    let mut result = serde_json::to_value(&*found)
        .map_err(|e| Failure::other(format!("--filter {expression:?}: {e}")))?;
    // Objects a multiselect hash made keep the expression's order; the others the response's.
    let mut shapes = Vec::new();
    hash_shapes(compiled.as_ast(), &mut shapes);
    object_shapes(value, &mut shapes);
    restore_order(&mut result, &shapes);
    Ok(result)
}

/// The keys of every multiselect hash (`{A: x, B: y}`) in the expression, in written order.
fn hash_shapes<'a>(ast: &'a jmespath::ast::Ast, shapes: &mut Vec<Vec<&'a str>>) {
    use jmespath::ast::Ast;
    match ast {
        Ast::MultiHash { elements, .. } => {
            shapes.push(elements.iter().map(|pair| pair.key.as_str()).collect());
            elements
                .iter()
                .for_each(|pair| hash_shapes(&pair.value, shapes));
        }
        Ast::Comparison { lhs, rhs, .. }
        | Ast::Projection { lhs, rhs, .. }
        | Ast::And { lhs, rhs, .. }
        | Ast::Or { lhs, rhs, .. }
        | Ast::Subexpr { lhs, rhs, .. } => {
            hash_shapes(lhs, shapes);
            hash_shapes(rhs, shapes);
        }
        Ast::Condition {
            predicate, then, ..
        } => {
            hash_shapes(predicate, shapes);
            hash_shapes(then, shapes);
        }
        Ast::Expref { ast, .. } => hash_shapes(ast, shapes),
        Ast::Flatten { node, .. } | Ast::Not { node, .. } | Ast::ObjectValues { node, .. } => {
            hash_shapes(node, shapes)
        }
        Ast::Function { args: elements, .. } | Ast::MultiList { elements, .. } => {
            elements.iter().for_each(|e| hash_shapes(e, shapes))
        }
        _ => {}
    }
}

/// The member names of every object in `value`, each in its order.
fn object_shapes<'a>(value: &'a Value, shapes: &mut Vec<Vec<&'a str>>) {
    match value {
        Value::Object(map) => {
            shapes.push(map.keys().map(String::as_str).collect());
            map.values().for_each(|inner| object_shapes(inner, shapes));
        }
        Value::Array(items) => items.iter().for_each(|i| object_shapes(i, shapes)),
        _ => {}
    }
}

/// The JMESPath crate sorts members by name; give each object of the result the order of the
/// first shape with the same members (else the first holding them all): the multiselect hash
/// that made it, or the response's object it came from.
fn restore_order(value: &mut Value, shapes: &[Vec<&str>]) {
    match value {
        Value::Object(map) => {
            let holds_all = |shape: &&Vec<&str>| map.keys().all(|k| shape.contains(&k.as_str()));
            let shape = shapes
                .iter()
                .filter(|s| s.len() == map.len())
                .find(holds_all)
                .or_else(|| shapes.iter().find(holds_all));
            let mut entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            if let Some(shape) = shape {
                entries.sort_by_key(|(key, _)| shape.iter().position(|k| k == key));
            }
            for (key, mut inner) in entries {
                restore_order(&mut inner, shapes);
                map.insert(key, inner);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| restore_order(i, shapes)),
        _ => {}
    }
}

/// `value` as Python's `json.dumps(value, ensure_ascii=False, indent=4)` writes it.
pub fn json(value: &Value) -> String {
    let mut bytes = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    // Writing a Value into memory cannot fail.
    let _ = value.serialize(&mut serializer);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Python's `str()` of a JSON value, as tccli's text output and waiter messages show scalars.
pub fn python_str(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        other => other.to_string(),
    }
}

/// Prints `value` in `format` (`json`, `text` or `table`).
pub fn render(value: &Value, format: &str) -> Result<String, Failure> {
    match format {
        "json" => Ok(json(value) + "\n"),
        "text" => Ok(crate::text::render(value)),
        "table" => Ok(crate::table::render(value)),
        other => Err(Failure::other(format!(
            "Unknown output format: {other}\nCurrently supported output formats: \"json\", \
             \"text\" and \"table\"."
        ))),
    }
}
