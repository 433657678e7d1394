//! Reading tccli's description of a service version (`api.json` and `examples.json`).
//!
//! `api.json` holds `metadata` (`serviceShortName`, `apiVersion`, `serviceNameCN`,
//! `api_brief`), `actions` (each naming its `input` and `output` objects, with `document`,
//! `name` and `status`) and `objects` (each with `document` and `members`; a member has
//! `name`, `type`, `member`, `required`, `output_required`, `value_allowed_null`, `disabled`,
//! `example` and `document`). `examples.json` maps each action to example calls.
//!
//! The result is the spec as a JSON value, in the spec format of [`crate::spec::model`].

use std::collections::HashSet;
use std::path::Path;

use serde_json::{Map, Value, json};

use super::english::{self, English};
use super::{ImportError, Report, Unsupported, html, rate_limit, sensitive};
use crate::spec::model::Lang;
use crate::spec::types::TypeExpr;

/// How a structure is used, which decides what `required` means for its members.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Usage {
    /// In requests only: `required` is the caller's obligation.
    Input,
    /// In responses only: `output_required` says the service always sends it.
    Output,
    /// Both, or unknown: required only when both sides say so.
    Both,
}

/// Reads `api.json` (already parsed) into a spec value, with the English edition's
/// descriptions where it has them.
pub fn read_api(
    file: &Path,
    api: &Value,
    english: Option<&English>,
    report: &mut Report,
) -> Result<Map<String, Value>, ImportError> {
    let at = |path: &str, message: String| ImportError::new(file, path, message);
    let root = api
        .as_object()
        .ok_or_else(|| at("", "expected an object".into()))?;
    let metadata =
        object(root, "metadata").ok_or_else(|| at("metadata", "expected an object".into()))?;
    let service = string(metadata, "serviceShortName")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| {
            at(
                "metadata.serviceShortName",
                "expected a non-empty string".into(),
            )
        })?;
    let version = string(metadata, "apiVersion")
        .filter(|s| !s.is_empty())
        .ok_or_else(|| at("metadata.apiVersion", "expected a non-empty string".into()))?;
    let actions =
        object(root, "actions").ok_or_else(|| at("actions", "expected an object".into()))?;
    let objects =
        object(root, "objects").ok_or_else(|| at("objects", "expected an object".into()))?;

    // Which objects are an action's request or response, and which are referenced by members:
    // the first become `input`/`output`, the others (and any referenced one) `types`.
    let mut io: HashSet<&str> = HashSet::new();
    for (name, action) in actions {
        for side in ["input", "output"] {
            let path = format!("actions.{name}.{side}");
            let object_name = action
                .get(side)
                .and_then(Value::as_str)
                .ok_or_else(|| at(&path, "expected the name of an object".into()))?;
            if !objects.contains_key(object_name) {
                return Err(at(
                    &path,
                    format!("names object `{object_name}`, which `objects` does not have"),
                ));
            }
            io.insert(object_name);
        }
    }
    let mut referenced: HashSet<&str> = HashSet::new();
    for (name, value) in objects {
        for (index, member) in members(file, name, value)?.iter().enumerate() {
            if let (Some("list" | "object"), Some(target)) = (
                member.get("type").and_then(Value::as_str),
                member.get("member").and_then(Value::as_str),
            ) && objects.contains_key(target)
                && primitive(target).is_none()
            {
                referenced.insert(target);
            }
            if !member.is_object() {
                return Err(at(
                    &format!("objects.{name}.members[{index}]"),
                    "expected an object".into(),
                ));
            }
        }
    }

    let reader = Reader {
        file,
        objects,
        english,
    };
    let mut spec = Map::new();
    spec.insert("service".into(), json!(service));
    spec.insert("version".into(), json!(version));
    let name = string(metadata, "serviceNameCN")
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(service);
    spec.insert("name".into(), json!(name.trim()));
    spec.insert(
        "endpoint".into(),
        json!(format!("{service}.tencentcloudapi.com")),
    );
    let brief = string(metadata, "api_brief")
        .map(html::to_text)
        .filter(|s| !s.is_empty());
    describe(
        &mut spec,
        english::choose(english.and_then(English::service), brief),
    );

    let mut out_actions = Map::new();
    for (name, action) in actions {
        out_actions.insert(
            name.clone(),
            Value::Object(reader.action(name, action, report)?),
        );
    }
    spec.insert("actions".into(), Value::Object(out_actions));

    let mut types = Map::new();
    for (name, value) in objects {
        if io.contains(name.as_str()) && !referenced.contains(name.as_str()) {
            continue;
        }
        let usage = match value.get("usage").and_then(Value::as_str) {
            Some("in") => Usage::Input,
            Some("out") => Usage::Output,
            _ => Usage::Both,
        };
        let mut ty = Map::new();
        describe(
            &mut ty,
            reader.text(english::document(value), |en| en.object(name)),
        );
        let mut notes = Vec::new();
        let target = format!("types.{name}.members");
        let members = reader.members(name, &target, usage, report, &mut notes)?;
        ty.insert("members".into(), Value::Object(members));
        if !notes.is_empty() {
            ty.insert("notes".into(), json!(notes));
        }
        types.insert(name.clone(), Value::Object(ty));
    }
    if !types.is_empty() {
        spec.insert("types".into(), Value::Object(types));
    }
    Ok(spec)
}

struct Reader<'a> {
    file: &'a Path,
    objects: &'a Map<String, Value>,
    english: Option<&'a English>,
}

/// Sets `description`, and `lang` when it is not English.
fn describe(out: &mut Map<String, Value>, text: Option<(String, Lang)>) {
    let Some((text, lang)) = text else { return };
    out.insert("description".into(), json!(text));
    if lang == Lang::Zh {
        out.insert("lang".into(), json!("zh"));
    }
}

impl Reader<'_> {
    /// The English text from `english` when the English edition has it, else `chinese`.
    fn text(
        &self,
        chinese: Option<String>,
        english: impl FnOnce(&English) -> Option<String>,
    ) -> Option<(String, Lang)> {
        english::choose(self.english.and_then(english), chinese)
    }

    fn action(
        &self,
        name: &str,
        action: &Value,
        report: &mut Report,
    ) -> Result<Map<String, Value>, ImportError> {
        let mut out = Map::new();
        out.insert("description".into(), json!(""));
        let chinese = english::document(action);
        let english = self.english.and_then(|en| en.action(name));
        let mut notes = Vec::new();
        let stated = [(&english, "English"), (&chinese, "Chinese")]
            .into_iter()
            .find_map(|(text, edition)| Some((rate_limit::stated(text.as_deref()?)?, edition)));
        if let Some(((rate, sentence), edition)) = stated {
            out.insert("rate_limit".into(), json!(rate));
            notes.push(format!(
                "rate_limit {rate}/s as the action's {edition} description states it: \"{sentence}\""
            ));
        }
        describe(&mut out, english::choose(english, chinese));
        match action.get("status").and_then(Value::as_str) {
            None | Some("online") => {}
            Some(status @ ("deprecated" | "offline")) => {
                out.insert("status".into(), json!(status));
            }
            Some(other) => report.warn(
                self.file,
                format!("actions.{name}.status"),
                format!("unknown status `{other}`, read as online"),
            ),
        }
        for (side, usage) in [("input", Usage::Input), ("output", Usage::Output)] {
            let object = action.get(side).and_then(Value::as_str).unwrap_or_default();
            let target = format!("actions.{name}.{side}");
            let mut members = self.members(object, &target, usage, report, &mut notes)?;
            if usage == Usage::Output {
                // Every response has it; the runtime reads it, so the spec leaves it implied.
                members.shift_remove("RequestId");
                sensitive::mark_downloaded_keys(name, &mut members);
            }
            out.insert(side.into(), Value::Object(members));
        }
        if !notes.is_empty() {
            out.insert("notes".into(), json!(notes));
        }
        Ok(out)
    }

    /// The members of object `name`, converted; unsupported ones are reported and left out,
    /// with a note in `notes`.
    fn members(
        &self,
        name: &str,
        target: &str,
        usage: Usage,
        report: &mut Report,
        notes: &mut Vec<String>,
    ) -> Result<Map<String, Value>, ImportError> {
        let mut out = Map::new();
        let Some(value) = self.objects.get(name) else {
            return Ok(out);
        };
        for (index, member) in members(self.file, name, value)?.iter().enumerate() {
            let path = format!("objects.{name}.members[{index}]");
            let wire = member
                .get("name")
                .and_then(Value::as_str)
                .filter(|n| !n.is_empty())
                .ok_or_else(|| {
                    ImportError::new(
                        self.file,
                        &format!("{path}.name"),
                        "expected a non-empty string".into(),
                    )
                })?;
            let member_target = format!("{target}.{wire}");
            let ty = match self.member_type(member) {
                Ok(ty) => ty,
                Err(reason) => {
                    notes.push(format!("Member `{wire}` is left out: {reason}."));
                    report.unsupported.push(Unsupported {
                        file: self.file.to_owned(),
                        path,
                        target: member_target,
                        reason,
                    });
                    continue;
                }
            };
            if out.contains_key(wire) {
                report.warn(
                    self.file,
                    path,
                    format!("member `{wire}` is listed twice; the first is kept"),
                );
                continue;
            }
            let flag = |key: &str| member.get(key).and_then(Value::as_bool).unwrap_or(false);
            let required = match usage {
                Usage::Input => flag("required"),
                Usage::Output => flag("output_required"),
                Usage::Both => flag("required") && flag("output_required"),
            };
            let mut m = Map::new();
            m.insert("type".into(), json!(ty));
            if required {
                m.insert("required".into(), json!(true));
            }
            if usage != Usage::Input && flag("value_allowed_null") {
                m.insert("nullable".into(), json!(true));
            }
            if flag("disabled") {
                m.insert("deprecated".into(), json!(true));
            }
            let chinese = english::document(member);
            let english = self.english.and_then(|en| en.member(name, wire));
            if sensitive::guess(wire, &ty, chinese.as_deref(), english.as_deref()) {
                m.insert("sensitive".into(), json!(true));
            }
            describe(&mut m, english::choose(english, chinese));
            if let Some(example) = member.get("example").and_then(|e| example(&ty, e)) {
                m.insert("example".into(), example);
            }
            out.insert(wire.to_owned(), Value::Object(m));
        }
        Ok(out)
    }

    /// The spec type of a member, or why it has none.
    fn member_type(&self, member: &Value) -> Result<String, String> {
        let kind = member.get("type").and_then(Value::as_str).unwrap_or("");
        let inner = member.get("member").and_then(Value::as_str).unwrap_or("");
        let named = |inner: &str| {
            if self.objects.contains_key(inner) {
                Ok(inner.to_owned())
            } else {
                Err(format!(
                    "type `{kind}/{inner}` names no object of the service"
                ))
            }
        };
        match kind {
            "string" | "int" | "float" | "bool" => match (kind, primitive(inner)) {
                ("string", Some(ty @ ("string" | "datetime" | "datetime_iso" | "date")))
                | ("int", Some(ty @ ("i64" | "u64")))
                | ("float", Some(ty @ "f64"))
                | ("bool", Some(ty @ "bool")) => Ok(ty.to_owned()),
                _ => Err(format!("type `{kind}/{inner}` is not a known scalar")),
            },
            "list" => match primitive(inner) {
                Some(ty) => Ok(TypeExpr::list(TypeExpr::parse(ty)).to_string()),
                None if inner == "binary" => Err("lists of binary data are not supported".into()),
                None => named(inner).map(|ty| TypeExpr::list(TypeExpr::Named(ty)).to_string()),
            },
            "object" => named(inner),
            "binary" => Err("binary data is not supported".into()),
            _ => Err(format!("type `{kind}/{inner}` is not supported")),
        }
    }
}

/// The spec scalar for a tccli `member` name.
fn primitive(member: &str) -> Option<&'static str> {
    Some(match member {
        "string" => "string",
        "datetime" => "datetime",
        "datetime_iso" => "datetime_iso",
        "date" => "date",
        "int64" => "i64",
        "uint64" => "u64",
        "float" | "double" => "f64",
        "bool" => "bool",
        _ => return None,
    })
}

/// The `members` array of an object.
fn members<'v>(file: &Path, name: &str, object: &'v Value) -> Result<&'v [Value], ImportError> {
    match object.get("members") {
        Some(Value::Array(members)) => Ok(members),
        None => Ok(&[]),
        Some(_) => Err(ImportError::new(
            file,
            &format!("objects.{name}.members"),
            "expected an array".into(),
        )),
    }
}

fn object<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Map<String, Value>> {
    map.get(key).and_then(Value::as_object)
}

fn string<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    map.get(key).and_then(Value::as_str)
}

/// A documented example value, typed as the member is; `None` when the docs give none (`无`,
/// empty) or one that does not fit the type.
fn example(ty: &str, example: &Value) -> Option<Value> {
    let text = match example {
        Value::String(text) => text.trim(),
        Value::Null => return None,
        other => return TypeExpr::parse(ty).fits(other).then(|| other.clone()),
    };
    if text.is_empty()
        || text == "无"
        || text.eq_ignore_ascii_case("none")
        || text.eq_ignore_ascii_case("null")
    {
        return None;
    }
    let ty = TypeExpr::parse(ty);
    match &ty {
        TypeExpr::Scalar(scalar) => scalar.parse_text(text),
        TypeExpr::List(_) | TypeExpr::Named(_) => {
            let value: Value = serde_json::from_str(text).ok()?;
            ty.fits(&value).then_some(value)
        }
    }
}

/// Adds the examples of `examples.json` (already parsed) to the actions of `spec`.
pub fn read_examples(
    file: &Path,
    examples: &Value,
    english: Option<&English>,
    spec: &mut Map<String, Value>,
    report: &mut Report,
) -> Result<(), ImportError> {
    let Some(by_action) = examples.get("actions").and_then(Value::as_object) else {
        return Err(ImportError::new(
            file,
            "actions",
            "expected an object".into(),
        ));
    };
    let types = spec
        .get("types")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let Some(Value::Object(actions)) = spec.get_mut("actions") else {
        return Ok(());
    };
    for (name, list) in by_action {
        let Some(Value::Object(action)) = actions.get_mut(name) else {
            report.warn(
                file,
                format!("actions.{name}"),
                "examples of an action that api.json does not have; skipped".into(),
            );
            continue;
        };
        let Some(list) = list.as_array() else {
            report.warn(
                file,
                format!("actions.{name}"),
                "expected an array; skipped".into(),
            );
            continue;
        };
        let input = action.get("input").cloned().unwrap_or_default();
        let mut out = Vec::new();
        for (index, example) in list.iter().enumerate() {
            let path = format!("actions.{name}[{index}]");
            let english = english.and_then(|en| en.example(name, index));
            match read_example(example, english, &input, &types) {
                Ok(example) => out.push(example),
                Err((key, message)) => report.warn(
                    file,
                    format!("{path}.{key}"),
                    format!("{message}; example skipped"),
                ),
            }
        }
        if !out.is_empty() {
            action.insert("examples".into(), Value::Array(out));
        }
    }
    Ok(())
}

fn read_example(
    example: &Value,
    english: Option<(String, Option<String>)>,
    input: &Value,
    types: &Map<String, Value>,
) -> Result<Value, (&'static str, String)> {
    let text = |key: &'static str| {
        example
            .get(key)
            .and_then(Value::as_str)
            .ok_or((key, "expected a string".to_owned()))
    };
    let chinese_title = html::to_text(text("title")?);
    let (title, description, lang) = match english {
        Some((title, description)) => (title, description.unwrap_or_default(), Lang::En),
        None => {
            let description = english::document(example).unwrap_or_default();
            let lang =
                english::language_of_chinese_edition(&format!("{chinese_title}{description}"));
            (chinese_title, description, lang)
        }
    };
    let request = request_body(text("input")?, input, types).map_err(|m| ("input", m))?;
    let response: Value = serde_json::from_str(text("output")?.trim())
        .map_err(|e| ("output", format!("the response is not JSON ({e})")))?;
    if !response.get("Response").is_some_and(Value::is_object) {
        return Err(("output", "the response has no `Response` object".into()));
    }
    let mut out = Map::new();
    out.insert(
        "title".into(),
        json!(if title.is_empty() {
            "Example".to_owned()
        } else {
            title.clone()
        }),
    );
    if !description.is_empty() && description != title {
        out.insert("description".into(), json!(description));
    }
    if lang == Lang::Zh {
        out.insert("lang".into(), json!("zh"));
    }
    out.insert("request".into(), request);
    out.insert("response".into(), response);
    Ok(Value::Object(out))
}

/// The JSON request of an example: the body after the HTTP headers of a POST, the JSON itself,
/// or the parameters of a GET URL read as the action's input members say.
fn request_body(text: &str, input: &Value, types: &Map<String, Value>) -> Result<Value, String> {
    let text = text.trim();
    if text.starts_with("https://") || text.starts_with("http://") {
        return super::query::to_json(text, input, types);
    }
    let body = if text.starts_with('{') {
        text
    } else {
        let normalized_end = text
            .find("\n\n")
            .map(|i| i + 2)
            .or_else(|| text.find("\r\n\r\n").map(|i| i + 4));
        match normalized_end {
            Some(start) => text[start..].trim(),
            None => return Err("the request has no body after its headers".into()),
        }
    };
    let value: Value =
        serde_json::from_str(body).map_err(|e| format!("the request body is not JSON ({e})"))?;
    if value.is_object() {
        Ok(value)
    } else {
        Err("the request body is not a JSON object".into())
    }
}
