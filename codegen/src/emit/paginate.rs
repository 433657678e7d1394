//! Paginators: `impl Paginated` for the request of each list action, and the client method
//! that walks its pages.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::doc;
use super::{ident, int, rust_type};
use crate::ir::{Action, Field, Primitive, Service, TypeRef};

/// `impl tc_runtime::Paginated` for the request of a list action.
pub fn paginated(service: &Service, action: &Action) -> Option<TokenStream> {
    let pages = action.pagination?;
    let request = ident(&action.request);
    let response = ident(&action.response);
    let offset_field = &action.input[pages.offset];
    let limit_field = &action.input[pages.limit];
    let offset = ident(&offset_field.rust_name);
    let limit = ident(&limit_field.rust_name);
    let list = &action.output[pages.items];
    let items = ident(&list.rust_name);
    let total_field = &action.output[pages.total];
    let total = ident(&total_field.rust_name);
    let TypeRef::List(item) = &list.ty else {
        return None;
    };
    let item = rust_type(service, item);
    // No stated maximum is the trait's default.
    let max = pages.max_limit.map(|max| {
        let max = int(max);
        quote!(const MAX_PAGE_SIZE: Option<u64> = Some(#max);)
    });

    let read_offset = match (signed(offset_field), offset_field.is_optional()) {
        (false, true) => quote!(self.#offset.unwrap_or_default()),
        (true, true) => quote!(self.#offset.map_or(0, |offset| u64::try_from(offset).unwrap_or(0))),
        (false, false) => quote!(self.#offset),
        (true, false) => quote!(u64::try_from(self.#offset).unwrap_or(0)),
    };
    let read_limit = match (signed(limit_field), limit_field.is_optional()) {
        (false, true) => quote!(self.#limit),
        (true, true) => quote!(self.#limit.and_then(|limit| u64::try_from(limit).ok())),
        (false, false) => quote!(Some(self.#limit)),
        (true, false) => quote!(u64::try_from(self.#limit).ok()),
    };
    let offset_value = if signed(offset_field) {
        quote!(i64::try_from(offset).unwrap_or(i64::MAX))
    } else {
        quote!(offset)
    };
    let set_offset = if offset_field.is_optional() {
        quote!(self.#offset = Some(#offset_value);)
    } else {
        quote!(self.#offset = #offset_value;)
    };
    let size_value = if signed(limit_field) {
        quote!(i64::try_from(size).unwrap_or(i64::MAX))
    } else {
        quote!(size)
    };
    let set_limit = if limit_field.is_optional() && !signed(limit_field) {
        quote!(self.#limit = size;)
    } else if limit_field.is_optional() {
        quote!(self.#limit = size.map(|size| #size_value);)
    } else {
        quote! {
            if let Some(size) = size {
                self.#limit = #size_value;
            }
        }
    };
    let list_value = if list.is_optional() {
        quote!(output.#items.unwrap_or_default())
    } else {
        quote!(output.#items)
    };
    let total_value = match (signed(total_field), total_field.is_optional()) {
        (false, true) => quote!(output.#total),
        (true, true) => quote!(output.#total.and_then(|total| u64::try_from(total).ok())),
        (false, false) => quote!(Some(output.#total)),
        (true, false) => quote!(u64::try_from(output.#total).ok()),
    };
    Some(quote! {
        impl tc_runtime::Paginated for #request {
            type Item = #item;
            #max
            fn offset(&self) -> u64 {
                #read_offset
            }
            fn page_size(&self) -> Option<u64> {
                #read_limit
            }
            fn set_page(&mut self, offset: u64, size: Option<u64>) {
                #set_offset
                #set_limit
            }
            fn into_page(output: #response) -> tc_runtime::Page<#item> {
                tc_runtime::Page {
                    items: #list_value,
                    total: #total_value,
                }
            }
        }
    })
}

/// `<action>_pages`: the paginator of a list action on the service client.
pub fn client_method(action: &Action) -> Option<TokenStream> {
    let pages = action.pagination?;
    let request = ident(&action.request);
    let method = ident(&format!("{}_pages", action.method.trim_start_matches("r#")));
    let list = &action.output[pages.items];
    let docs = doc(&format!(
        "Walks the pages of [`{method}`](Self::{method}) (its `{}`), from the request's \
         `{}` on: `.items()` streams the elements, `.pages()` the pages, `.next_page()` asks for \
         one at a time. See [`tc_runtime::Paginator`] for when the walk ends.",
        list.wire_name,
        action.input[pages.offset].wire_name,
        method = action.method.trim_start_matches("r#"),
    ));
    Some(quote! {
        #docs
        pub fn #method(&self, request: #request) -> tc_runtime::Paginator<#request> {
            self.client.paginate(request)
        }
    })
}

fn signed(field: &Field) -> bool {
    matches!(field.ty, TypeRef::Primitive(Primitive::I64))
}
