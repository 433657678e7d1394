//! English descriptions from tccli-intl-en, the international edition of tccli.
//!
//! It ships the same `api.json` and `examples.json` layout as tccli for a subset of service
//! versions (160 of 300), with English text for most of their items. The import takes every
//! English description it has for the same item (service, action, structure, member, example)
//! and keeps tccli's Chinese text only where the English edition has none. Items are matched
//! by name (objects and members) or by position (examples of an action); the English edition
//! may be a slightly newer release, so an item it lacks simply stays Chinese.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::html;
use crate::spec::model::{Lang, ServiceSpec};

/// The English edition of one service version.
#[derive(Debug, Default)]
pub struct English {
    brief: Option<String>,
    actions: Map<String, Value>,
    objects: Map<String, Value>,
    examples: Map<String, Value>,
}

impl English {
    /// Reads the English `api.json` and, if given, `examples.json` (both already parsed);
    /// anything of an unexpected shape counts as absent, so the Chinese text is kept.
    pub fn new(api: &Value, examples: Option<&Value>) -> English {
        let section = |value: Option<&Value>, key: &str| {
            value
                .and_then(|v| v.get(key))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        English {
            brief: api
                .get("metadata")
                .and_then(|m| m.get("api_brief"))
                .and_then(Value::as_str)
                .and_then(text),
            actions: section(Some(api), "actions"),
            objects: section(Some(api), "objects"),
            examples: section(examples, "actions"),
        }
    }

    /// The service's summary.
    pub fn service(&self) -> Option<String> {
        self.brief.clone()
    }

    /// An action's description.
    pub fn action(&self, name: &str) -> Option<String> {
        document(self.actions.get(name)?)
    }

    /// A structure's description.
    pub fn object(&self, name: &str) -> Option<String> {
        document(self.objects.get(name)?)
    }

    /// The description of member `wire` of structure `object`.
    pub fn member(&self, object: &str, wire: &str) -> Option<String> {
        let members = self.objects.get(object)?.get("members")?.as_array()?;
        let member = members
            .iter()
            .find(|m| m.get("name").and_then(Value::as_str) == Some(wire))?;
        document(member)
    }

    /// The title and description of example `index` of `action`.
    pub fn example(&self, action: &str, index: usize) -> Option<(String, Option<String>)> {
        let example = self.examples.get(action)?.as_array()?.get(index)?;
        let title = example
            .get("title")
            .and_then(Value::as_str)
            .and_then(text)?;
        Some((title, document(example)))
    }
}

/// The `document` of a value as text, if it has any.
pub fn document(value: &Value) -> Option<String> {
    value.get("document").and_then(Value::as_str).and_then(text)
}

fn text(html: &str) -> Option<String> {
    Some(html::to_text(html)).filter(|s| !s.is_empty())
}

/// The language of text read from the Chinese edition: Chinese if it has any Han character
/// (some of its descriptions are written in English already).
pub fn language_of_chinese_edition(text: &str) -> Lang {
    if text.chars().any(is_han) {
        Lang::Zh
    } else {
        Lang::En
    }
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

/// The description of an item: the English one when there is one, else the Chinese one,
/// with its language.
pub fn choose(english: Option<String>, chinese: Option<String>) -> Option<(String, Lang)> {
    match english {
        Some(text) => Some((text, Lang::En)),
        None => chinese.map(|text| {
            let lang = language_of_chinese_edition(&text);
            (text, lang)
        }),
    }
}

/// How many of a spec's descriptions are English, of how many: the service's, its actions',
/// structures', members', values' and examples' (those with any text).
pub fn share(spec: &ServiceSpec) -> Share {
    let mut share = Share::default();
    share.add(&spec.description, spec.lang);
    let members = spec
        .actions
        .values()
        .flat_map(|action| action.input.values().chain(action.output.values()))
        .chain(
            spec.types
                .values()
                .flat_map(|ty| ty.members.iter().flat_map(IndexMap::values)),
        );
    for member in members {
        share.add(&member.description, member.lang);
    }
    for action in spec.actions.values() {
        share.add(&action.description, action.lang);
        for example in &action.examples {
            share.add(&example.title, example.lang);
        }
    }
    for ty in spec.types.values() {
        share.add(&ty.description, ty.lang);
        for value in ty.values.iter().flatten() {
            share.add(&value.description, value.lang);
        }
    }
    share
}

/// English descriptions of a spec, of all its descriptions.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    /// Descriptions in English.
    pub english: usize,
    /// All descriptions.
    pub total: usize,
}

impl Share {
    fn add(&mut self, text: &str, lang: Lang) {
        if !text.is_empty() {
            self.total += 1;
            self.english += usize::from(lang == Lang::En);
        }
    }
}
