//! Embeds a compact description of every service version in `spec/`: checked by
//! `tc_codegen::load` (the same checker as the generated code), reduced to what the CLI
//! interprets ([`model`], whose members and rules are `tc_rules`' model), serialized, and
//! deflated per service version so that a command inflates only the one it uses.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use tc_codegen::ir;

#[path = "src/model.rs"]
mod model;

use model::{Action, ActionDocs, Docs, Field, Pages, Schema, Ty, TypeDocs, Waiter};
use tc_rules::from_ir::{field, literal, named_type, rule};

fn main() -> ExitCode {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    // TCCX_SPEC_DIR embeds another spec tree (a catalog imported elsewhere, for measuring).
    println!("cargo::rerun-if-env-changed=TCCX_SPEC_DIR");
    let spec_root = std::env::var_os("TCCX_SPEC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir.join("../spec"));
    println!("cargo::rerun-if-changed={}", spec_root.display());
    let specs = match service_specs(&spec_root) {
        Ok(specs) => specs,
        Err(message) => {
            println!("cargo::error={message}");
            return ExitCode::FAILURE;
        }
    };
    // Each spec is loaded, reduced and deflated on its own: spread them over the cores (the
    // whole catalog is ~20 s of one core in an unoptimized build script).
    let next = AtomicUsize::new(0);
    let results: Vec<Mutex<Option<Embedding>>> = specs.iter().map(|_| Mutex::new(None)).collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers.min(specs.len()) {
            scope.spawn(|| {
                loop {
                    let slot = next.fetch_add(1, Ordering::Relaxed);
                    let Some(spec) = specs.get(slot) else { break };
                    let outcome = embed(spec, &out_dir);
                    *results[slot].lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
                }
            });
        }
    });
    let mut table = String::from("&[\n");
    let mut failed = false;
    for (spec, result) in specs.iter().zip(results) {
        println!("cargo::rerun-if-changed={}", spec.display());
        match result.into_inner().unwrap_or_else(|e| e.into_inner()) {
            Some(Ok(entry)) => table.push_str(&entry),
            Some(Err(problems)) => {
                failed = true;
                for problem in problems {
                    println!("cargo::error={problem}");
                }
            }
            None => failed = true,
        }
    }
    if failed {
        return ExitCode::FAILURE;
    }
    table.push(']');
    if let Err(message) =
        tc_codegen::files::write_if_changed(&out_dir.join("catalog.rs"), table.as_bytes())
    {
        println!("cargo::error={message}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// A spec's line of the catalog table, or the checker's problems with it.
type Embedding = Result<String, Vec<String>>;

/// Loads, reduces and deflates one spec into `out_dir`; returns its line of the catalog table,
/// or the checker's problems.
fn embed(spec: &Path, out_dir: &Path) -> Embedding {
    let loaded = tc_codegen::load(spec)
        .map_err(|problems| problems.iter().map(ToString::to_string).collect::<Vec<_>>())?;
    let service = &loaded.service;
    let (schema, docs) = describe(service, &examples_of(spec));
    let stem = format!("{}_{}", service.service, service.version);
    let schema_file = out_dir.join(format!("{stem}.schema.z"));
    let docs_file = out_dir.join(format!("{stem}.docs.z"));
    for (file, bytes) in [
        (&schema_file, deflate(&schema)),
        (&docs_file, deflate(&docs)),
    ] {
        tc_codegen::files::write_if_changed(file, &bytes).map_err(|message| vec![message])?;
    }
    Ok(format!(
        "    Embedded {{ service: {:?}, version: {:?}, schema: include_bytes!({:?}), docs: include_bytes!({:?}) }},\n",
        service.service,
        service.version,
        schema_file.display().to_string(),
        docs_file.display().to_string(),
    ))
}

/// Every `spec/<service>/<version>.json`, sorted, without overlays and other files.
fn service_specs(spec_root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut specs = Vec::new();
    for dir in tc_codegen::files::service_dirs(spec_root)? {
        println!("cargo::rerun-if-changed={}", dir.display());
        specs.extend(tc_codegen::files::service_specs(&dir)?);
    }
    Ok(specs)
}

/// The example requests of each action (title, parameters), read from the spec as JSON; the
/// IR does not carry them. A spec that is not plain JSON simply has no examples in help.
fn examples_of(spec: &Path) -> serde_json::Map<String, serde_json::Value> {
    let text = std::fs::read_to_string(spec).unwrap_or_default();
    let Ok(serde_json::Value::Object(mut root)) = serde_json::from_str(&text) else {
        return serde_json::Map::new();
    };
    match root.remove("actions") {
        Some(serde_json::Value::Object(actions)) => actions,
        _ => serde_json::Map::new(),
    }
}

fn describe(
    service: &ir::Service,
    examples: &serde_json::Map<String, serde_json::Value>,
) -> (Schema, Docs) {
    let types = service.types.iter().map(named_type).collect();
    let type_docs = service.types.iter().map(type_docs).collect();
    let actions = service.actions.iter().map(action).collect();
    let action_docs = service
        .actions
        .iter()
        .map(|a| action_docs(a, examples.get(&a.wire_name)))
        .collect();
    let waiters = service
        .waiters
        .iter()
        .map(|w| {
            let polled = &service.actions[w.action];
            Waiter {
                name: w.wire_name.clone(),
                action: polled.wire_name.clone(),
                status: polled.output[w.status].wire_name.clone(),
                success: w.success.iter().map(literal).collect(),
                failure: w.failure.iter().map(literal).collect(),
                delay_seconds: w.delay_seconds,
                timeout_seconds: w.timeout_seconds,
            }
        })
        .collect();
    let schema = Schema {
        service: service.service.clone(),
        version: service.version.clone(),
        endpoint: service.endpoint.clone(),
        actions,
        types,
        waiters,
    };
    let docs = Docs {
        name: service.name.clone(),
        description: service.description.clone(),
        actions: action_docs,
        types: type_docs,
        waiters: service
            .waiters
            .iter()
            .map(|w| w.description.clone())
            .collect(),
    };
    (schema, docs)
}

fn action(action: &ir::Action) -> Action {
    let input: Vec<Field> = action.input.iter().map(field).collect();
    let output: Vec<Field> = action.output.iter().map(field).collect();
    Action {
        name: action.wire_name.clone(),
        pages: pages(&input, &output),
        input,
        output,
        rules: action.constraints.iter().map(rule).collect(),
        retry_safe: action.retry_safe,
        deprecated: action.status != tc_codegen::ir::ActionStatus::default(),
    }
}

/// Offset paging: `Offset` and `Limit` in, `TotalCount` and exactly one list out.
fn pages(input: &[Field], output: &[Field]) -> Option<Pages> {
    let integer = |f: &&Field| matches!(f.ty, Ty::Int | Ty::Uint);
    let has_in = |name: &str| input.iter().filter(integer).any(|f| f.name == name);
    let has_total = output
        .iter()
        .filter(integer)
        .any(|f| f.name == "TotalCount");
    let mut lists = output.iter().filter(|f| matches!(f.ty, Ty::List(_)));
    match (
        has_in("Offset") && has_in("Limit") && has_total,
        lists.next(),
        lists.next(),
    ) {
        (true, Some(list), None) => Some(Pages {
            list: list.name.clone(),
        }),
        _ => None,
    }
}

fn action_docs(action: &ir::Action, spec: Option<&serde_json::Value>) -> ActionDocs {
    let examples = spec
        .and_then(|spec| spec.get("examples"))
        .and_then(|examples| examples.as_array())
        .map(|examples| {
            examples
                .iter()
                .filter_map(|example| {
                    let title = example.get("title")?.as_str()?.to_owned();
                    Some((title, example.get("request")?.clone()))
                })
                .collect()
        })
        .unwrap_or_default();
    ActionDocs {
        description: action.description.clone(),
        input: action.input.iter().map(|f| f.description.clone()).collect(),
        output: action
            .output
            .iter()
            .map(|f| f.description.clone())
            .collect(),
        examples,
    }
}

fn type_docs(named: &ir::NamedType) -> TypeDocs {
    let items = match &named.kind {
        ir::TypeKind::Object { fields, .. } => {
            fields.iter().map(|f| f.description.clone()).collect()
        }
        ir::TypeKind::Enum { variants, .. } => {
            variants.iter().map(|v| v.description.clone()).collect()
        }
    };
    TypeDocs {
        description: named.description.clone(),
        items,
    }
}

/// JSON, deflated at the best level: decoding JSON is fast enough for one service per call and
/// keeps the embedded data inspectable.
fn deflate(value: &impl serde::Serialize) -> Vec<u8> {
    let json = serde_json::to_vec(value).expect("the model always serializes");
    miniz_oxide::deflate::compress_to_vec(&json, 9)
}
