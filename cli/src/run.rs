//! `tccx <service> <Action> ...`: find the action, build and validate the body, then print a
//! skeleton, a dry run, or the answer (waiting or paging when asked).

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value};

use crate::args::CommandLine;
use crate::call::{Call, Transport, TransportSettings};
use crate::catalog;
use crate::config::{self, Settings};
use crate::error::Failure;
use crate::model::{Action, Schema};
use crate::{credentials, help, output, params, skeleton, validate, waiter};

/// Runs a service command: help, a skeleton or a call.
pub fn service(service: &str, rest: &[&str], line: &CommandLine) -> Result<String, Failure> {
    let service = catalog::canonical(service);
    if catalog::versions(service).is_empty() {
        return Err(Failure::usage(unknown_service(service)));
    }
    let settings = config::resolve(&line.globals, service)?;
    let Some(embedded) = catalog::find(service, settings.version.as_deref()) else {
        return Err(Failure::other(format!(
            "Version: {} is invalid in service: {service}, available versions: {}",
            settings.version.as_deref().unwrap_or(""),
            catalog::versions(service).join(" ")
        )));
    };
    let schema = embedded.schema().map_err(Failure::other)?;
    let action_name = match rest {
        [] => return help::service(embedded, &schema),
        [action] => *action,
        [_, extra, ..] => return Err(Failure::usage(format!("Unknown options: {extra}"))),
    };
    let Some(action) = schema.actions.iter().find(|a| a.name == action_name) else {
        return Err(Failure::usage(unknown_action(&schema, action_name)));
    };
    if line.globals.help {
        return help::action(embedded, &schema, action);
    }
    if line.globals.generate_cli_skeleton {
        return Ok(skeleton::input(&schema, action));
    }
    let body = body(&schema, action, line)?;
    let problems = validate::violations(&schema, action, &body, settings.region.as_deref());
    if !problems.is_empty() {
        let missing_required = action
            .input
            .iter()
            .any(|f| f.required && body.get(&f.name).is_none_or(Value::is_null));
        let invalid = Failure::Invalid {
            action: format!("{} {}", schema.service, action.name),
            violations: problems,
        };
        // tccli refuses a missing required parameter as a usage error (252) before sending;
        // anything else it sends and the service refuses (255). Same codes here.
        return Err(if missing_required {
            Failure::usage(invalid.to_string())
        } else {
            invalid
        });
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::other(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(send(&schema, action, &body, line, &settings))
}

fn body(
    schema: &Schema,
    action: &Action,
    line: &CommandLine,
) -> Result<Map<String, Value>, Failure> {
    let mut body = match &line.globals.cli_input_json {
        Some(raw) => params::from_input_json(raw)?,
        None => Map::new(),
    };
    let given = if line.globals.cli_unfold_argument {
        params::from_unfolded(schema, action, &line.params)?
    } else {
        params::from_options(schema, action, &line.params)?
    };
    // Options given on the line win over the same members of --cli-input-json.
    body.extend(given);
    Ok(body)
}

fn timeout(line: &CommandLine) -> Result<Duration, Failure> {
    match &line.globals.timeout {
        None => Ok(Duration::from_secs(60)),
        Some(text) => text
            .parse::<f64>()
            .ok()
            .filter(|s| s.is_finite() && *s > 0.0)
            .map(Duration::from_secs_f64)
            .ok_or_else(|| Failure::usage(format!("argument --timeout: invalid value: {text:?}"))),
    }
}

async fn send(
    schema: &Schema,
    action: &Action,
    body: &Map<String, Value>,
    line: &CommandLine,
    settings: &Settings,
) -> Result<String, Failure> {
    let timeout = timeout(line)?;
    let waiter = match &line.globals.waiter {
        Some(text) => Some(waiter::Waiter::parse(text, schema, action, settings)?),
        None => None,
    };
    let max_items = match &line.globals.max_items {
        Some(text) => Some(text.parse::<usize>().map_err(|_| {
            Failure::usage(format!("argument --max-items: invalid int value: {text:?}"))
        })?),
        None => None,
    };
    let credentials = match credentials::provider(settings) {
        Ok(provider) => provider,
        // A dry run shows the signature's shape; it needs no real keys when none are set.
        Err(_) if line.globals.dry_run => Arc::new(
            tc_runtime::Credentials::new("AKID-NOT-SET", "not-set")
                .map_err(|e| Failure::other(e.to_string()))?,
        ),
        Err(failure) => return Err(failure),
    };
    let transport = Transport::new(TransportSettings {
        endpoint: settings
            .endpoint
            .clone()
            .unwrap_or_else(|| schema.endpoint.clone()),
        region: settings.region.clone(),
        language: settings.language.clone(),
        request_client: settings.request_client.clone(),
        timeout,
        https_proxy: line.globals.https_proxy.clone(),
        credentials,
    })?;
    let call = Call {
        service: &schema.service,
        version: &schema.version,
        action: &action.name,
        body,
        retry_safe: action.retry_safe,
    };
    if line.globals.dry_run {
        return Ok(transport.dry_run(&call).await? + "\n");
    }
    let response = match (&waiter, line.globals.paginate || max_items.is_some()) {
        (Some(waiter), _) => waiter.run(&transport, &call, schema, action).await?,
        (None, true) => crate::paginate::all_pages(&transport, &call, action, max_items).await?,
        (None, false) => transport.send(&call).await?,
    };
    let mut value = output::project(schema, &action.output, &response);
    if let Some(expression) = &line.globals.filter {
        value = output::filter(expression, &value)?;
    }
    if value.is_null() {
        return Ok(String::new());
    }
    output::render(&value, &settings.output)
}

fn unknown_service(service: &str) -> String {
    let mut text = format!("Invalid choice: service {service:?} is not in this build's specs.");
    let close: Vec<&str> = catalog::service_names()
        .into_iter()
        .filter(|name| help::similar(name, service))
        .collect();
    if !close.is_empty() {
        text.push_str(&format!(" Maybe you meant: {}.", close.join(", ")));
    }
    text + " Run `tccx help` for the list."
}

fn unknown_action(schema: &Schema, action: &str) -> String {
    let mut text = format!(
        "Invalid choice: {:?} is not an action of {} {}.",
        action, schema.service, schema.version
    );
    let close: Vec<&str> = schema
        .actions
        .iter()
        .map(|a| a.name.as_str())
        .filter(|name| help::similar(name, action))
        .collect();
    if !close.is_empty() {
        text.push_str(&format!(" Maybe you meant: {}.", close.join(", ")));
    }
    text + &format!(" Run `tccx {} help` for the list.", schema.service)
}
