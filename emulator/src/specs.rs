//! The services the emulator serves, read from the same specs as the generated clients.
//!
//! A few specs are embedded in the binary (ssl, dnspod, cvm), so it runs anywhere; a spec
//! folder (the whole catalog) or single files add more through [`SpecSet`]. A service is read
//! and checked on its first request, not at start, so that serving the whole catalog starts
//! at once: only the folder listing happens up front.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde_json::{Map, Value};
use tc_codegen::ir;
use tc_codegen::spec::ParsedCommon;

/// The embedded ssl spec (`spec/ssl/2019-12-05.json`).
pub const SSL_SPEC: &str = include_str!("../../spec/ssl/2019-12-05.json");
/// The embedded DNSPod spec (`spec/dnspod/2021-03-23.json`), for the DNS validation journey.
pub const DNSPOD_SPEC: &str = include_str!("../../spec/dnspod/2021-03-23.json");
/// The embedded CVM spec (`spec/cvm/2017-03-12.json`), for the instance listing example.
pub const CVM_SPEC: &str = include_str!("../../spec/cvm/2017-03-12.json");
/// The embedded common spec (`spec/common.json`).
pub const COMMON_SPEC: &str = include_str!("../../spec/common.json");

/// The embedded service specs: (service, version, text).
const BUILTIN: [(&str, &str, &str); 3] = [
    ("ssl", "2019-12-05", SSL_SPEC),
    ("dnspod", "2021-03-23", DNSPOD_SPEC),
    ("cvm", "2017-03-12", CVM_SPEC),
];

/// A spec that could not be read or checked, with every problem found.
#[derive(Debug, Clone)]
pub struct SpecError(pub String);

impl std::fmt::Display for SpecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SpecError {}

fn diagnostics(problems: Vec<tc_codegen::Diagnostic>) -> SpecError {
    SpecError(
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// One checked service version and what the emulator needs from it.
#[derive(Debug)]
pub struct ServiceModel {
    /// The checked service.
    pub ir: ir::Service,
    /// What requests are checked against (`crate::validate`), index for index with `ir`.
    pub rules: tc_rules::ServiceRules,
    /// Each action's first example response (the contents of `Response`), by action name.
    pub examples: HashMap<String, Value>,
    /// Each action's response synthesized from its output types, by action name.
    pub synthesized: HashMap<String, Map<String, Value>>,
    actions: HashMap<String, usize>,
}

impl ServiceModel {
    /// Reads and checks the spec `text` (named `label` in messages) against `common`.
    fn read(label: &str, text: String, common: &ParsedCommon) -> Result<Self, SpecError> {
        let parsed =
            tc_codegen::spec::parse_service(Path::new(label), text).map_err(diagnostics)?;
        let examples = parsed
            .spec
            .actions
            .iter()
            .filter_map(|(name, action)| {
                let response = action.examples.first()?.response.get("Response")?.clone();
                response.is_object().then(|| (name.clone(), response))
            })
            .collect();
        let service = tc_codegen::check::check(&parsed, Some(common)).map_err(diagnostics)?;
        let actions = service
            .actions
            .iter()
            .enumerate()
            .map(|(index, action)| (action.wire_name.clone(), index))
            .collect();
        let synthesized = service
            .actions
            .iter()
            .map(|action| {
                let map = crate::synth::object(&service, &action.output, 0);
                (action.wire_name.clone(), map)
            })
            .collect();
        Ok(ServiceModel {
            rules: tc_rules::from_ir::service(&service),
            ir: service,
            examples,
            synthesized,
            actions,
        })
    }

    /// The action named `name` on the wire.
    pub fn action(&self, name: &str) -> Option<&ir::Action> {
        self.actions.get(name).map(|&index| &self.ir.actions[index])
    }

    /// The contents of `Response` for `action` when no state handles it (without
    /// `RequestId`): the spec's first example when it has one, else every always-sent member
    /// with a value of its type.
    pub fn response(&self, action: &ir::Action) -> Map<String, Value> {
        if let Some(Value::Object(example)) = self.examples.get(&action.wire_name) {
            let mut example = example.clone();
            example.remove("RequestId");
            if !example.contains_key("Error") {
                return example;
            }
        }
        match self.synthesized.get(&action.wire_name) {
            Some(map) => map.clone(),
            None => crate::synth::object(&self.ir, &action.output, 0),
        }
    }
}

/// Where a service's spec comes from.
#[derive(Debug)]
enum Source {
    /// Checked when it was added.
    Checked,
    Embedded(&'static str),
    File(PathBuf),
}

/// One service version: its source, read and checked on first use.
#[derive(Debug)]
struct Entry {
    label: String,
    source: Source,
    model: OnceLock<Result<Arc<ServiceModel>, SpecError>>,
}

impl Entry {
    fn new(label: String, source: Source) -> Arc<Self> {
        Arc::new(Entry {
            label,
            source,
            model: OnceLock::new(),
        })
    }

    fn loaded(label: String, model: ServiceModel) -> Arc<Self> {
        let entry = Entry::new(label, Source::Checked);
        let _ = entry.model.set(Ok(Arc::new(model)));
        entry
    }

    fn model(&self, common: &ParsedCommon) -> Result<Arc<ServiceModel>, SpecError> {
        self.model
            .get_or_init(|| {
                let text = match &self.source {
                    Source::Checked => {
                        return Err(SpecError(format!("{}: no spec text", self.label)));
                    }
                    Source::Embedded(text) => (*text).to_owned(),
                    Source::File(path) => std::fs::read_to_string(path)
                        .map_err(|e| SpecError(format!("cannot read {}: {e}", path.display())))?,
                };
                ServiceModel::read(&self.label, text, common).map(Arc::new)
            })
            .clone()
    }
}

/// A set of service versions, each from its spec, with the common spec they inherit.
/// Cloning shares the services, loaded or not.
#[derive(Debug, Clone)]
pub struct SpecSet {
    services: BTreeMap<(String, String), Arc<Entry>>,
    common: Arc<ParsedCommon>,
    common_errors: Arc<HashMap<String, String>>,
}

impl SpecSet {
    /// No services yet; the embedded common spec.
    pub fn empty() -> Result<Self, SpecError> {
        SpecSet::with_common(COMMON_SPEC)
    }

    /// No services yet; the common spec in `text`.
    pub fn with_common(text: &str) -> Result<Self, SpecError> {
        let common = tc_codegen::spec::parse_common(Path::new("spec/common.json"), text.to_owned())
            .map_err(diagnostics)?;
        let errors = common
            .spec
            .errors
            .iter()
            .map(|(code, spec)| (code.clone(), spec.description().to_owned()))
            .collect();
        Ok(SpecSet {
            services: BTreeMap::new(),
            common: Arc::new(common),
            common_errors: Arc::new(errors),
        })
    }

    /// The embedded specs: ssl 2019-12-05, dnspod 2021-03-23 and cvm 2017-03-12, each checked
    /// on its first request.
    pub fn builtin() -> Result<Self, SpecError> {
        let mut set = SpecSet::empty()?;
        for (service, version, text) in BUILTIN {
            let label = format!("spec/{service}/{version}.json");
            set.services.insert(
                (service.to_owned(), version.to_owned()),
                Entry::new(label, Source::Embedded(text)),
            );
        }
        Ok(set)
    }

    /// Adds the service in `text` (a spec file's contents, named `label` in messages), checked
    /// now: every problem is returned.
    pub fn with_service_text(mut self, label: &str, text: &str) -> Result<Self, SpecError> {
        let model = ServiceModel::read(label, text.to_owned(), &self.common)?;
        let key = (model.ir.service.clone(), model.ir.version.clone());
        self.services
            .insert(key, Entry::loaded(label.to_owned(), model));
        Ok(self)
    }

    /// Adds the service in the spec file at `path`, checked now.
    pub fn with_service_file(self, path: &Path) -> Result<Self, SpecError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| SpecError(format!("cannot read {}: {e}", path.display())))?;
        self.with_service_text(&path.display().to_string(), &text)
    }

    /// Adds every service version of a spec folder laid out like `spec/`
    /// (`<dir>/<service>/<YYYY-MM-DD>.json`), each read and checked on its first request;
    /// they replace embedded specs of the same service and version. Only the folder is
    /// listed now.
    pub fn with_spec_dir(mut self, dir: &Path) -> Result<Self, SpecError> {
        let list = |dir: &Path| {
            std::fs::read_dir(dir)
                .map_err(|e| SpecError(format!("cannot list {}: {e}", dir.display())))
        };
        for folder in list(dir)? {
            let folder = folder.map_err(|e| SpecError(format!("{}: {e}", dir.display())))?;
            let Some(service) = folder.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            if !folder.path().is_dir() {
                continue;
            }
            for file in list(&folder.path())? {
                let path = file
                    .map_err(|e| SpecError(format!("{}: {e}", folder.path().display())))?
                    .path();
                let Some(version) = spec_version(&path) else {
                    continue;
                };
                let label = path.display().to_string();
                self.services.insert(
                    (service.clone(), version.to_owned()),
                    Entry::new(label, Source::File(path.clone())),
                );
            }
        }
        Ok(self)
    }

    /// The service `service` at `version`, read and checked now if it was not yet: `None`
    /// when it is not served, an error when its spec does not read or check.
    pub fn service(
        &self,
        service: &str,
        version: &str,
    ) -> Option<Result<Arc<ServiceModel>, SpecError>> {
        let entry = self
            .services
            .get(&(service.to_owned(), version.to_owned()))?;
        Some(entry.model(&self.common).and_then(|model| {
            if model.ir.service == service && model.ir.version == version {
                Ok(model)
            } else {
                Err(SpecError(format!(
                    "{} describes {} {}, not {service} {version} as its path says",
                    entry.label, model.ir.service, model.ir.version
                )))
            }
        }))
    }

    /// Whether any version of `service` is served.
    pub fn has_service(&self, service: &str) -> bool {
        self.versions(service).next().is_some()
    }

    /// The versions of `service` that are served, oldest first.
    pub fn versions<'a>(&'a self, service: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.services
            .keys()
            .filter(move |(name, _)| name == service)
            .map(|(_, version)| version.as_str())
    }

    /// Every (service, version) served, loaded or not.
    pub fn keys(&self) -> impl Iterator<Item = (&str, &str)> {
        self.services
            .keys()
            .map(|(service, version)| (service.as_str(), version.as_str()))
    }

    /// How many service versions are served.
    pub fn len(&self) -> usize {
        self.services.len()
    }

    /// Whether no service is served.
    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }

    /// The common spec's message for `code`, if it documents the code.
    pub fn common_message(&self, code: &str) -> Option<&str> {
        self.common_errors.get(code).map(String::as_str)
    }
}

/// `2019-12-05` for `…/2019-12-05.json`; `None` for an overlay, a README or anything else.
fn spec_version(path: &Path) -> Option<&str> {
    let stem = path.file_name()?.to_str()?.strip_suffix(".json")?;
    let bytes = stem.as_bytes();
    let date = bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    date.then_some(stem)
}
