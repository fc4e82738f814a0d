//! Catalog examples rendered by the runtime: a code and a set of param
//! values become an `errors_core::DynamicError`, rendered by the real
//! `Renderer` exactly as a server renders the generated type. The docs'
//! responses (`examples.json`, the pages, `openapi.json`) come from here,
//! for the shipped catalog and for any other alike.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Mutex, OnceLock};

use errors_core::http::{Response, StatusCode};
use errors_core::{
    DynamicError, DynamicParam, Envelope, EnvelopeKind, FixedClock, FlatMcp, MessageTemplate,
    OwnedParamValue, Renderer, ResponseContext, TemplatePart, Timestamp,
};

use super::{Audience, DocsSettings, EnvelopeDoc, RenderedExample};
use crate::model::{Catalog, Code, Example, ParamType, Segment, Template, Value};

/// `text` as a `&'static str`, leaked once per distinct string.
///
/// The runtime's error contract hands out `&'static str` codes and names; a
/// process that builds errors from catalog data leaks each distinct name
/// once, which bounds the memory by the size of the catalog.
pub fn intern(text: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<HashSet<&'static str>>> = OnceLock::new();
    let mut names = NAMES
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(name) = names.get(text) {
        return name;
    }
    let name: &'static str = Box::leak(text.to_owned().into_boxed_str());
    names.insert(name);
    name
}

/// A catalog value as the runtime value of a param of type `ty`, or `None`
/// when it does not fit the type.
pub fn owned_value(ty: ParamType, value: &Value) -> Option<OwnedParamValue> {
    let integer = value.as_integer();
    Some(match ty {
        ParamType::String => OwnedParamValue::Str(value.as_str()?.to_owned()),
        ParamType::Bool => OwnedParamValue::Bool(value.as_bool()?),
        ParamType::I32 => OwnedParamValue::Int(i32::try_from(integer?).ok()?.into()),
        ParamType::I64 | ParamType::Timestamp => {
            OwnedParamValue::Int(i64::try_from(integer?).ok()?)
        }
        ParamType::U16 => OwnedParamValue::UInt(u16::try_from(integer?).ok()?.into()),
        ParamType::U32 => OwnedParamValue::UInt(u32::try_from(integer?).ok()?.into()),
        ParamType::U64 => OwnedParamValue::UInt(u64::try_from(integer?).ok()?),
        ParamType::Seconds => OwnedParamValue::Seconds(u64::try_from(integer?).ok()?),
        ParamType::StringList => OwnedParamValue::List(
            value
                .as_string_list()?
                .into_iter()
                .map(str::to_owned)
                .collect(),
        ),
    })
}

/// The runtime template of a catalog template.
fn message_template(template: &Template) -> MessageTemplate {
    template
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(text) => TemplatePart::Literal(text.clone()),
            Segment::Param(name) => TemplatePart::Param(intern(name)),
        })
        .collect()
}

/// `code` as a runtime error with these param values and field messages.
///
/// Params without a value (absent optional ones) are left out, and a value
/// that does not fit its param's type is skipped: callers check values
/// first (the catalog's validation does so for its examples).
pub fn dynamic_error(
    code: &Code,
    values: &BTreeMap<String, Value>,
    fields: &[(String, Vec<String>)],
) -> DynamicError {
    let status = StatusCode::from_u16(code.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut error = DynamicError::new(intern(&code.id), status)
        .with_retryable(code.retryable)
        .with_message(message_template(&code.message));
    if let Some(public) = &code.public_message {
        error = error.with_public_message(message_template(public));
    }
    for param in &code.params {
        let Some(value) = values
            .get(param.name.as_str())
            .and_then(|value| owned_value(param.ty, value))
        else {
            continue;
        };
        let mut dynamic = DynamicParam::new(intern(&param.name), value).sensitive(param.sensitive);
        if let Some(detail) = &param.detail {
            dynamic = dynamic.detail(intern(detail));
        }
        if let Some(header) = &param.header {
            dynamic = dynamic.header(intern(header));
        }
        error = error.with_param(dynamic);
    }
    for (field, messages) in fields {
        for message in messages {
            error = error.with_field(field.as_str(), message.as_str());
        }
    }
    error
}

/// The example `example` of `code` as a runtime error.
pub fn example_error(code: &Code, example: &Example) -> DynamicError {
    let values: BTreeMap<String, Value> = example
        .params
        .iter()
        .map(|(name, value)| (name.clone(), value.value.clone()))
        .collect();
    dynamic_error(code, &values, &example.fields)
}

/// How one response is rendered.
#[derive(Clone, Copy, Debug)]
pub struct RenderSettings<'a> {
    /// The envelope.
    pub envelope: &'a dyn Envelope,
    /// Who reads it.
    pub audience: Audience,
    /// The time of the rendering.
    pub at: Timestamp,
    /// The request id, if known.
    pub request_id: Option<&'a str>,
    /// The docs base URL the problem envelope's `type` starts with.
    pub docs_base_url: &'a str,
}

/// Renders `error` as the HTTP response a server sends.
pub fn render(error: &DynamicError, settings: &RenderSettings<'_>) -> Response<Vec<u8>> {
    let renderer = Renderer::builder()
        .docs_base_url(settings.docs_base_url)
        .clock(FixedClock(settings.at))
        .build();
    let mut context = ResponseContext::new()
        .audience(settings.audience)
        .envelope(settings.envelope);
    if let Some(request_id) = settings.request_id {
        context = context.request_id(request_id);
    }
    renderer.render_response_with(error, &context)
}

/// The response's headers, in order, each name spelled as the catalog
/// spells it (`X-RateLimit-Limit`) or, for the runtime's own headers, in
/// the usual capitalisation (`Content-Type`, `X-Request-Id`).
pub fn headers(code: &Code, response: &Response<Vec<u8>>) -> Vec<(String, String)> {
    response
        .headers()
        .iter()
        .map(|(name, value)| {
            let spelled = code
                .params
                .iter()
                .filter_map(|param| param.header.as_ref())
                .find(|header| header.eq_ignore_ascii_case(name.as_str()))
                .map_or_else(|| capitalise(name.as_str()), |header| header.value.clone());
            (
                spelled,
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect()
}

/// `x-request-id` as `X-Request-Id`.
fn capitalise(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Renders the example `example` of `code` for the docs, in the context of
/// `settings` (its fixed time and request id). `mcp` marks a rendering in
/// the MCP form of the flat envelope.
pub fn rendered_example(
    code: &Code,
    example: &Example,
    envelope: &dyn Envelope,
    mcp: bool,
    audience: Audience,
    settings: &DocsSettings,
) -> RenderedExample {
    let error = example_error(code, example);
    let response = render(
        &error,
        &RenderSettings {
            envelope,
            audience,
            at: settings.at,
            request_id: Some(&settings.request_id),
            docs_base_url: &settings.docs_base_url,
        },
    );
    RenderedExample {
        code: code.id.value.clone(),
        example: example.name.value.clone(),
        envelope: envelope.name().to_owned(),
        mcp,
        audience,
        status: response.status().as_u16(),
        headers: headers(code, &response),
        body: String::from_utf8_lossy(response.body()).into_owned(),
    }
}

/// Every example of every code of `catalog` rendered in every built-in
/// envelope, and in the MCP form of the flat one, for both audiences, in
/// the context of `settings`.
///
/// # Examples
///
/// ```
/// use codegen::emit_docs::{DocsSettings, rendered_examples};
///
/// let yaml = "domain: auth\ndescription: Auth.\ncodes:\n  - id: token_expired\n    status: 401\n    message: Token expired.\n    resolution: Sign in again.\n    examples:\n      - name: default\n";
/// let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
/// let rendered = rendered_examples(&loaded.catalog, &DocsSettings::default());
/// // 4 envelopes and the MCP form, for 2 audiences.
/// assert_eq!(rendered.len(), 10);
/// let nested = &rendered[0];
/// assert_eq!((nested.envelope.as_str(), nested.status), ("nested", 401));
/// assert!(nested.body.contains(r#""code":"token_expired""#));
/// assert!(rendered.iter().any(|example| example.mcp && example.body.contains(r#""success":false"#)));
/// ```
pub fn rendered_examples(catalog: &Catalog, settings: &DocsSettings) -> Vec<RenderedExample> {
    catalog
        .codes()
        .flat_map(|code| rendered_code_examples(code, settings))
        .collect()
}

/// Every example of `code` rendered as [`rendered_examples`] renders it.
pub fn rendered_code_examples(code: &Code, settings: &DocsSettings) -> Vec<RenderedExample> {
    let mut rendered = Vec::new();
    {
        for example in &code.examples {
            for kind in EnvelopeKind::ALL {
                for audience in Audience::ALL {
                    rendered.push(rendered_example(
                        code, example, &kind, false, audience, settings,
                    ));
                }
                if matches!(kind, EnvelopeKind::Flat) {
                    for audience in Audience::ALL {
                        rendered.push(rendered_example(
                            code, example, &FlatMcp, true, audience, settings,
                        ));
                    }
                }
            }
        }
    }
    rendered
}

/// The built-in envelopes as the docs describe them, with their schemas
/// narrowed to `catalog`.
pub fn envelopes(catalog: &Catalog) -> Vec<EnvelopeDoc> {
    let schema = crate::catalog_schema(catalog);
    EnvelopeKind::ALL
        .into_iter()
        .map(|kind| EnvelopeDoc {
            name: kind.as_str().to_owned(),
            media_type: kind.content_type().to_owned(),
            schema: errors_core::schema::catalog_aware(&kind, &schema).to_value(),
        })
        .collect()
}

/// Every documentation file of `catalog`, by path relative to the docs
/// directory: its examples rendered through the runtime in the context of
/// `settings`, then [`emit`](super::emit).
pub fn generate_docs(
    catalog: &Catalog,
    settings: &DocsSettings,
) -> BTreeMap<std::path::PathBuf, String> {
    let envelopes = envelopes(catalog);
    let examples = rendered_examples(catalog, settings);
    super::emit(&super::DocsInput {
        catalog,
        envelopes: &envelopes,
        examples: &examples,
        settings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_names_are_shared() {
        let first = intern("retry_after");
        let second = intern(&String::from("retry_after"));
        assert!(std::ptr::eq(first, second));
    }

    #[test]
    fn values_must_fit_their_type() {
        assert_eq!(owned_value(ParamType::U16, &Value::Integer(70_000)), None);
        assert_eq!(
            owned_value(ParamType::Seconds, &Value::Integer(60)),
            Some(OwnedParamValue::Seconds(60))
        );
        assert_eq!(
            owned_value(ParamType::Timestamp, &Value::Integer(-1)),
            Some(OwnedParamValue::Int(-1))
        );
        assert_eq!(
            owned_value(ParamType::Bool, &Value::String("yes".into())),
            None
        );
        assert_eq!(
            owned_value(
                ParamType::StringList,
                &Value::List(vec![Value::String("a".into())])
            ),
            Some(OwnedParamValue::List(vec!["a".into()]))
        );
    }

    #[test]
    fn runtime_headers_are_capitalised() {
        assert_eq!(capitalise("x-request-id"), "X-Request-Id");
        assert_eq!(capitalise("content-type"), "Content-Type");
    }
}
