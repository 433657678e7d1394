//! Structures: requests with their constructors and setters, responses, shared structures.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc, paragraphs, spec_text, without_null_note};
use super::{ident, rust_type, validate};
use crate::ir::ActionStatus;
use crate::ir::{Action, Field, NamedType, Primitive, Service, TypeKind, TypeRef};

/// The request of `action`, its constructor, setters and `Action` impl (with `validate()`).
pub fn request(service: &Service, action: &Action) -> TokenStream {
    let name = ident(&action.request);
    let status = match action.status {
        ActionStatus::Online => "",
        ActionStatus::Deprecated => {
            "**Deprecated**: the service still answers this action, but it has been replaced."
        }
        ActionStatus::Offline => "**Offline**: the service no longer answers this action.",
    };
    let link = format!(
        "The request of `{}`; send it with [`{}::{}`].",
        action.wire_name, service.client, action.method
    );
    let docs = paragraphs(&[&spec_text(&action.description), status, &link]);
    let body = definition(service, &name, &action.input, docs, Side::Request);
    let methods = constructor_and_setters(service, &name, &action.input);
    // `validate` lives in the `Action` impl, and only when there is something to check.
    let validate::RequestChecks {
        action_items,
        inherent,
    } = validate::request(service, action);
    let wire_name = &action.wire_name;
    let service_name = &service.service;
    let version = &service.version;
    // The trait's defaults (no rate limit, not safe to repeat) are left unsaid.
    let rate_limit = action.rate_limit.map(|limit| {
        let limit = super::int(u64::from(limit));
        quote!(const RATE_LIMIT: Option<u32> = Some(#limit);)
    });
    let retry_safe = action.retry_safe.then(|| {
        quote!(
            const RETRY_SAFE: bool = true;
        )
    });
    let response = ident(&action.response);
    let codes = ident(&service.service_errors.name);
    quote! {
        #body
        impl #name {
            #methods
            #inherent
        }
        impl tc_runtime::Action for #name {
            const SERVICE: &'static str = #service_name;
            const VERSION: &'static str = #version;
            const NAME: &'static str = #wire_name;
            #rate_limit
            #retry_safe
            const READS_ABSENT_AS_ZERO: bool = true;
            type Output = #response;
            type ErrorCode = tc_runtime::Code<#codes>;
            #action_items
        }
    }
}

/// The response of `action`: every member the spec lists, and `RequestId`.
pub fn response(service: &Service, action: &Action) -> TokenStream {
    let name = ident(&action.response);
    let text = format!("The answer to [`{}`].", action.request);
    let request_id = quote! {
        /// The id of this request, to quote to Tencent Cloud support.
        #[serde(default)]
        pub request_id: String,
    };
    definition(
        service,
        &name,
        &action.output,
        doc(&text),
        Side::Response(request_id),
    )
}

/// A shared structure, with constructor and setters, or `None` for a value set.
pub fn shared_structure(service: &Service, ty: &NamedType) -> Option<TokenStream> {
    let TypeKind::Object { fields, has_limits } = &ty.kind else {
        return None;
    };
    let name = ident(&ty.rust_name);
    let side = if ty.in_requests {
        Side::Both {
            read: ty.in_responses,
        }
    } else {
        Side::Response(TokenStream::new())
    };
    let body = definition(
        service,
        &name,
        fields,
        doc(&spec_text(&ty.description)),
        side,
    );
    if !ty.in_requests {
        // Only the service makes these: callers read them and never build one.
        return Some(body);
    }
    let methods = constructor_and_setters(service, &name, fields);
    let check = has_limits.then(|| validate::structure(service, fields));
    Some(quote! {
        #body
        impl #name {
            #methods
            #check
        }
    })
}

/// Which way a structure travels, which decides how its unset members are written.
enum Side {
    /// Built by callers and sent: unset members are left out of the JSON, never sent as `null`.
    Request,
    /// Only sent by the service: an unset member is written as `null`, as the service may
    /// send it. Holds the members every such struct ends with (a response's `request_id`).
    Response(TokenStream),
    /// A structure found in requests, and maybe in responses (then `read`): written as a
    /// request.
    Both { read: bool },
}

impl Side {
    fn sent(&self) -> bool {
        !matches!(self, Side::Response(_))
    }

    /// The serde traits the type derives: what its direction needs, or both when the service
    /// is generated for round trips.
    fn serde_derives(&self, round_trip: bool) -> impl Iterator<Item = TokenStream> {
        let write = (self.sent() || round_trip).then(|| quote!(serde::Serialize));
        let read = self.reads(round_trip).then(|| quote!(serde::Deserialize));
        write.into_iter().chain(read)
    }

    /// Whether the type is `Deserialize`.
    fn reads(&self, round_trip: bool) -> bool {
        round_trip
            || match self {
                Side::Request => false,
                Side::Response(_) => true,
                Side::Both { read } => *read,
            }
    }
}

/// The struct itself; `Debug` is written by hand when a member is secret. Members are named on
/// the wire by serde's `PascalCase` rule, and renamed one by one only where it differs.
fn definition(
    service: &Service,
    name: &proc_macro2::Ident,
    fields: &[Field],
    docs: TokenStream,
    side: Side,
) -> TokenStream {
    let tail = match &side {
        Side::Response(tail) => tail.clone(),
        _ => TokenStream::new(),
    };
    let request_id = !tail.is_empty();
    let derive_default =
        (!request_id && fields.iter().all(Field::is_optional)).then(|| quote!(Default));
    // A secret member is a `tc_runtime::Secret`, which `Debug` shows as `***`.
    let derives: Vec<TokenStream> = [quote!(Debug)]
        .into_iter()
        .chain(derive_default)
        .chain([quote!(Clone), quote!(PartialEq)])
        .chain(side.serde_derives(service.round_trip))
        .collect();
    let definitions = fields
        .iter()
        .map(|field| field_definition(service, field, &side));
    quote! {
        #docs
        #[derive(#( #derives ),*)]
        #[serde(rename_all = "PascalCase")]
        #[non_exhaustive]
        pub struct #name {
            #( #definitions )*
            #tail
        }
    }
}

/// The wire name serde's `rename_all = "PascalCase"` gives a Rust field name: each
/// `_`-separated word capitalised and joined (`domain_name` is `DomainName`).
fn pascal_case(rust_name: &str) -> String {
    let mut out = String::with_capacity(rust_name.len());
    let mut capitalize = true;
    for c in crate::naming::bare(rust_name).chars() {
        if c == '_' {
            capitalize = true;
        } else if capitalize {
            out.push(c.to_ascii_uppercase());
            capitalize = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// One member, with the serde attributes its side needs.
fn field_definition(service: &Service, field: &Field, side: &Side) -> TokenStream {
    let name = ident(&field.rust_name);
    let wire = &field.wire_name;
    let ty = member_type(service, field);
    let docs = field_docs(field, side);
    let number = matches!(
        field.ty,
        TypeRef::Primitive(Primitive::I64 | Primitive::U64 | Primitive::F64)
    );
    // Read leniently wherever the type is read: the service, and the docs' examples, send some
    // numbers as strings (`"ProjectId": "0"`).
    // A secret is read as its value is, strictly.
    let lenient = number && !field.sensitive && side.reads(service.round_trip);
    // Only where serde's `PascalCase` rule would name the member otherwise (`SSLDeployType`).
    let rename = (pascal_case(&field.rust_name) != field.wire_name).then(|| quote!(rename = #wire));
    // Reading and writing rules go in attributes of their own, which fit on a line each.
    let mut read = Vec::new();
    read.extend(rename);
    let mut write = None;
    if field.is_optional() {
        // serde reads a missing `Option` as `None` by itself, but not through `deserialize_with`.
        if lenient {
            read.push(quote!(default));
            read.push(quote!(
                deserialize_with = "tc_runtime::lenient::optional_number"
            ));
        }
        if side.sent() {
            write = Some(quote!(#[serde(skip_serializing_if = "Option::is_none")]));
        }
    } else if lenient {
        read.push(quote!(deserialize_with = "tc_runtime::lenient::number"));
    }
    let read = (!read.is_empty()).then(|| quote!(#[serde(#( #read ),*)]));
    let ty = if field.is_optional() {
        quote!(Option<#ty>)
    } else {
        ty
    };
    quote! {
        #docs
        #read
        #write
        pub #name: #ty,
    }
}

/// The member's documentation: its description, format and status. An optional member of a
/// structure that callers build is documented once, on its setter, which is where callers
/// meet it; the field links there.
fn field_docs(field: &Field, side: &Side) -> TokenStream {
    if side.sent() && field.is_optional() {
        return doc(&format!(
            "Set by [`Self::{}()`].",
            crate::naming::bare(&field.rust_name)
        ));
    }
    let description = description(field);
    if description.is_empty() {
        doc(&format!("Wire name: `{}`.", field.wire_name))
    } else {
        doc(&description)
    }
}

/// The member's Rust type (without the `Option` of an optional member): a secret one is a
/// `tc_runtime::Secret`, which `Debug` shows as `***`.
fn member_type(service: &Service, field: &Field) -> TokenStream {
    let ty = rust_type(service, &field.ty);
    match &field.ty {
        // Text is the default of `Secret`'s parameter.
        TypeRef::Primitive(Primitive::String) if field.sensitive => quote!(tc_runtime::Secret),
        _ if field.sensitive => quote!(tc_runtime::Secret<#ty>),
        _ => ty,
    }
}

/// Whether the constructor and setter take `impl Into<T>`: for text (`&str` or `String`),
/// value sets (from their wire value) and secrets (from the value).
fn takes_into(field: &Field) -> bool {
    field.sensitive
        || matches!(
            field.ty,
            TypeRef::Enum(_)
                | TypeRef::Primitive(
                    Primitive::String
                        | Primitive::DateTime
                        | Primitive::DateTimeIso
                        | Primitive::Date
                )
        )
}

/// What a member means, with its text format and whether it is deprecated; empty when the
/// spec says nothing.
fn description(field: &Field) -> String {
    let format = match innermost(&field.ty) {
        TypeRef::Primitive(Primitive::DateTime) => "Format: `YYYY-MM-DD hh:mm:ss`.",
        TypeRef::Primitive(Primitive::DateTimeIso) => {
            "Format: ISO 8601, `YYYY-MM-DDThh:mm:ss+08:00`."
        }
        TypeRef::Primitive(Primitive::Date) => "Format: `YYYY-MM-DD`.",
        _ => "",
    };
    let deprecated = if field.deprecated {
        "**Deprecated**: no longer to be used."
    } else {
        ""
    };
    // The docs' note that a member "may return null" is the type's to say: an `Option` says
    // it, and any other member reads `null` as its zero value (`docs/nullability.md`).
    let stripped = without_null_note(&field.description);
    let noted = stripped != field.description;
    let mut text = spec_text(&stripped);
    if noted && !field.is_optional() {
        add_sentence(
            &mut text,
            "`null` from the service reads as the zero value.",
        );
    }
    [text.as_str(), format, deprecated]
        .iter()
        .filter(|part| !part.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `sentence` at the end of `text`'s last paragraph when that is plain prose, else as a
/// paragraph of its own.
fn add_sentence(text: &mut String, sentence: &str) {
    let last = text.lines().last().unwrap_or_default().trim_end();
    let prose = !last.is_empty()
        && !last.starts_with("- ")
        && !last.starts_with("```")
        && !last.starts_with('|');
    if !prose {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
    } else if last.ends_with(['.', '。', '!', '?', ')']) {
        text.push(' ');
    } else {
        text.push_str(". ");
    }
    text.push_str(sentence);
}

fn innermost(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::List(inner) => innermost(inner),
        other => other,
    }
}

/// `new(required...)` and one setter per optional member.
fn constructor_and_setters(
    service: &Service,
    name: &proc_macro2::Ident,
    fields: &[Field],
) -> TokenStream {
    let required: Vec<&Field> = fields.iter().filter(|f| !f.is_optional()).collect();
    let params = required.iter().map(|field| {
        let param = ident(&field.rust_name);
        let ty = member_type(service, field);
        if takes_into(field) {
            quote!(#param: impl Into<#ty>)
        } else {
            quote!(#param: #ty)
        }
    });
    let inits = fields.iter().map(|field| {
        let member = ident(&field.rust_name);
        if field.is_optional() {
            quote!(#member: None)
        } else if takes_into(field) {
            quote!(#member: #member.into())
        } else {
            quote!(#member)
        }
    });
    let new_docs = if required.is_empty() {
        doc(&format!(
            "An empty [`{name}`]; set members with the methods below."
        ))
    } else {
        let names: Vec<String> = required
            .iter()
            .map(|f| format!("`{}`", f.wire_name))
            .collect();
        doc(&format!(
            "{} [`{name}`] with its required members ({}); set optional ones with the methods below.",
            super::docs::article(&name.to_string()),
            names.join(", ")
        ))
    };
    let setters = fields.iter().filter(|f| f.is_optional()).map(|field| {
        let member = ident(&field.rust_name);
        let description = description(field);
        let docs = if description.is_empty() {
            doc(&format!("Sets `{}`.", field.wire_name))
        } else {
            doc(&format!("Sets `{}`: {description}", field.wire_name))
        };
        let ty = member_type(service, field);
        // `value` keeps the signature on one line, however long the member's name.
        if takes_into(field) {
            quote! {
                #docs
                pub fn #member(mut self, value: impl Into<#ty>) -> Self {
                    self.#member = Some(value.into());
                    self
                }
            }
        } else {
            quote! {
                #docs
                pub fn #member(mut self, value: #ty) -> Self {
                    self.#member = Some(value);
                    self
                }
            }
        }
    });
    let body = if required.is_empty() {
        quote!(Self::default())
    } else {
        quote!(Self { #( #inits ),* })
    };
    // Required members are the constructor's parameters, however many the spec lists.
    let many = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        #new_docs
        #many
        pub fn new(#( #params ),*) -> Self {
            #body
        }
        #( #setters )*
    }
}

#[cfg(test)]
mod tests {
    use super::add_sentence;

    #[test]
    fn a_sentence_joins_prose_and_stands_apart_from_a_list() {
        let mut prose = "Total number".to_owned();
        add_sentence(&mut prose, "More.");
        assert_eq!(prose, "Total number. More.");
        let mut list = "Status:\n- `0`: off\n- `1`: on".to_owned();
        add_sentence(&mut list, "More.");
        assert_eq!(list, "Status:\n- `0`: off\n- `1`: on\n\nMore.");
        let mut empty = String::new();
        add_sentence(&mut empty, "More.");
        assert_eq!(empty, "More.");
    }
}
