//! `--paginate` and `--max-items` for actions that page with `Offset` and `Limit`: fetch pages
//! until the total is reached (or `--max-items`), and answer with one response whose list
//! holds every item.

use serde_json::{Map, Value};

use crate::call::{Call, Transport};
use crate::error::Failure;
use crate::model::Action;

/// Calls every page of `call` and merges their lists.
pub async fn all_pages(
    transport: &Transport,
    call: &Call<'_>,
    action: &Action,
    max_items: Option<usize>,
) -> Result<Map<String, Value>, Failure> {
    let Some(pages) = &action.pages else {
        return Err(Failure::usage(format!(
            "{} does not page (no Offset and Limit in, TotalCount and a list out)",
            action.name
        )));
    };
    let mut body = call.body.clone();
    let mut offset = body.get("Offset").and_then(Value::as_u64).unwrap_or(0);
    let mut first: Option<Map<String, Value>> = None;
    let mut items: Vec<Value> = Vec::new();
    loop {
        body.insert("Offset".to_owned(), Value::from(offset));
        let page = transport
            .send(&Call {
                body: &body,
                ..*call
            })
            .await?;
        let got = match page.get(&pages.list) {
            Some(Value::Array(list)) => list.clone(),
            _ => Vec::new(),
        };
        let total = page.get("TotalCount").and_then(Value::as_u64);
        let count = got.len() as u64;
        items.extend(got);
        first.get_or_insert(page);
        let enough = max_items.is_some_and(|max| items.len() >= max);
        // No total means no way to know there is more: stop rather than loop.
        let finished = count == 0 || total.is_none_or(|total| offset + count >= total);
        if enough || finished {
            break;
        }
        offset += count;
    }
    if let Some(max) = max_items {
        items.truncate(max);
    }
    let mut merged = first.unwrap_or_default();
    merged.insert(pages.list.clone(), Value::Array(items));
    Ok(merged)
}
