//! utoipa 6: error types document their own responses (the `utoipa`
//! feature).
//!
//! With the feature, `#[derive(ApiError)]`, and so every generated domain
//! enum and `CatalogError`, implements [`utoipa::IntoResponses`]: listing
//! the type in `#[utoipa::path(responses(...))]` documents one response per
//! status the type can answer with. Each response has
//!
//! - a description naming the status and the codes that answer with it;
//! - the envelope's body schema, as a reference to the component
//!   [`ErrorComponents`] adds (`RichErrorBody` for the rich envelope);
//! - for catalog types, each of the catalog's examples of those codes,
//!   rendered by the real [`Renderer`]: the body, and the headers it sends
//!   (`Retry-After`, `X-RateLimit-*`, ...), at [`EXAMPLE_TIME`] so that the
//!   document does not change between builds. Hand-derived errors are not in
//!   the catalog and have no example values.
//!
//! `IntoResponses` takes no arguments, so the envelope and audience come
//! from the [documentation renderer](documentation_renderer): the one set by
//! [`set_documentation_renderer`], else the app's
//! [default renderer](super::default_renderer). Set it at startup, to the
//! renderer the service answers with, before the OpenAPI document is built.
//!
//! # Examples
//!
//! ```
//! use errors_core::catalog::RateLimitingError;
//! use errors_core::integration::utoipa::ErrorComponents;
//! use utoipa::OpenApi;
//!
//! /// Lists the agents.
//! #[utoipa::path(get, path = "/agents", responses((status = 200, description = "The agents"), RateLimitingError))]
//! async fn list_agents() {}
//!
//! #[derive(OpenApi)]
//! #[openapi(paths(list_agents), modifiers(&ErrorComponents))]
//! struct ApiDoc;
//!
//! let document = serde_json::to_value(ApiDoc::openapi()).unwrap();
//! let limited = &document["paths"]["/agents"]["get"]["responses"]["429"];
//! let content = &limited["content"]["application/problem+json"];
//! assert_eq!(content["schema"]["$ref"], "#/components/schemas/ProblemErrorBody");
//! assert_eq!(content["examples"]["rate_limit_exceeded"]["value"]["code"], "rate_limit_exceeded");
//! assert!(document["components"]["schemas"]["ProblemErrorBody"].is_object());
//! ```

use std::collections::BTreeMap;
use std::sync::OnceLock;

use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{Schema, SchemaType, Type};
use utoipa::openapi::{ContentBuilder, RefOr};

use super::default_renderer;
use crate::renderer::Report;
use crate::{ApiError, CodeInfo, Envelope, FixedClock, Renderer, ResponseContext, Timestamp};

/// The time documented examples are rendered at: 2024-12-01T12:00:00Z,
/// the time of the catalog's generated documentation.
pub const EXAMPLE_TIME: Timestamp = Timestamp::from_unix_seconds(1_733_054_400);

static DOCUMENTATION_RENDERER: OnceLock<Renderer> = OnceLock::new();

/// Sets the renderer whose envelope and audience the documented responses
/// use; call it once at startup. Returns the renderer back if one was
/// already set (or already used).
///
/// # Examples
///
/// ```
/// use errors_core::integration::utoipa::{documentation_renderer, set_documentation_renderer};
/// use errors_core::{Renderer, Rich};
///
/// let _ = set_documentation_renderer(Renderer::new(Rich));
/// assert_eq!(documentation_renderer().envelope().name(), "rich");
/// ```
pub fn set_documentation_renderer(renderer: Renderer) -> Result<(), Renderer> {
    DOCUMENTATION_RENDERER.set(renderer)
}

/// The renderer set by [`set_documentation_renderer`], or the
/// [default renderer](super::default_renderer).
pub fn documentation_renderer() -> &'static Renderer {
    DOCUMENTATION_RENDERER
        .get()
        .unwrap_or_else(|| default_renderer())
}

/// The component name of an envelope's body schema: the envelope's name
/// with its first letter in upper case, then `ErrorBody`.
///
/// # Examples
///
/// ```
/// use errors_core::integration::utoipa::schema_name;
/// use errors_core::Rich;
///
/// assert_eq!(schema_name(&Rich), "RichErrorBody");
/// ```
pub fn schema_name(envelope: &dyn Envelope) -> String {
    let name = envelope.name();
    let mut chars = name.chars();
    let mut out = String::with_capacity(name.len() + 9);
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
    out.push_str("ErrorBody");
    out
}

/// The envelope's body schema as an OpenAPI schema.
///
/// The envelope's JSON Schema (2020-12, the dialect of OpenAPI 3.1) is
/// carried over into utoipa's schema model without its `$schema` member,
/// each `const` written as the one-value `enum` it means (the model has no
/// `const`). A keyword the model does not hold is dropped; the built-in
/// envelopes' schemas use none.
///
/// # Panics
///
/// When the envelope's schema uses a keyword utoipa's schema model cannot
/// hold; the built-in envelopes' schemas convert.
pub fn body_schema(envelope: &dyn Envelope) -> RefOr<Schema> {
    serde_json::from_value(openapi_dialect(envelope.json_schema().to_value())).unwrap_or_else(
        |error| {
            panic!(
                "the `{}` envelope's schema is not an OpenAPI schema utoipa can hold: {error}",
                envelope.name()
            )
        },
    )
}

/// `schema` without `$schema`, and with every `const` as a one-value `enum`.
fn openapi_dialect(mut schema: serde_json::Value) -> serde_json::Value {
    fn rewrite(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(members) => {
                if let Some(constant) = members.remove("const") {
                    members.insert("enum".to_owned(), serde_json::Value::Array(vec![constant]));
                }
                members.values_mut().for_each(rewrite);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(rewrite),
            _ => {}
        }
    }
    if let Some(members) = schema.as_object_mut() {
        members.remove("$schema");
    }
    rewrite(&mut schema);
    schema
}

/// A `utoipa::Modify` that adds the documentation renderer's envelope body
/// schema to the document's components, for the references of the
/// documented error responses.
///
/// # Examples
///
/// ```
/// use errors_core::integration::utoipa::ErrorComponents;
/// use utoipa::Modify;
///
/// let mut document = utoipa::openapi::OpenApi::default();
/// ErrorComponents.modify(&mut document);
/// assert!(document.components.unwrap().schemas.contains_key("ProblemErrorBody"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ErrorComponents;

impl utoipa::Modify for ErrorComponents {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let envelope = documentation_renderer().envelope();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .schemas
            .insert(schema_name(envelope), body_schema(envelope));
    }
}

/// Used by generated code, not public API: the responses of a type that
/// answers with `codes` (each with its status), with the examples
/// `examples` gives for a code.
#[doc(hidden)]
pub fn responses(
    codes: &[(&'static str, u16)],
    examples: &dyn Fn(&'static str) -> Vec<Example>,
) -> BTreeMap<String, RefOr<Response>> {
    let renderer = documentation_renderer().with_clock(FixedClock(EXAMPLE_TIME));
    let envelope = renderer.envelope();
    let reference = utoipa::openapi::Ref::from_schema_name(schema_name(envelope));
    let mut by_status: BTreeMap<u16, Vec<&'static str>> = BTreeMap::new();
    for &(code, status) in codes {
        let listed = by_status.entry(status).or_default();
        if !listed.contains(&code) {
            listed.push(code);
        }
    }
    by_status
        .into_iter()
        .map(|(status, codes)| {
            let mut content = ContentBuilder::new().schema(Some(reference.clone()));
            let mut response = ResponseBuilder::new().description(description(status, &codes));
            let mut headers: Vec<String> = Vec::new();
            let mut rendered = Vec::new();
            for code in &codes {
                for example in examples(code) {
                    let http = renderer.render_response_reported(
                        &*example.error,
                        &ResponseContext::new(),
                        Report::Never,
                    );
                    for name in http.headers().keys() {
                        let name = canonical_header(name.as_str(), &*example.error);
                        if name != "Content-Type" && !headers.contains(&name) {
                            headers.push(name);
                        }
                    }
                    let body =
                        serde_json::from_slice(http.body()).expect("a renderer writes valid JSON");
                    let key = if example.name == "default" {
                        (*code).to_owned()
                    } else {
                        format!("{code}.{}", example.name)
                    };
                    let mut built = ExampleBuilder::new().value(Some(body));
                    if let Some(summary) = example.summary {
                        built = built.summary(summary);
                    }
                    rendered.push((key, built.build()));
                }
            }
            if !rendered.is_empty() {
                content = content.examples_from_iter(rendered);
            }
            for name in headers {
                let header = HeaderBuilder::new()
                    .schema(Some(Schema::Object(
                        utoipa::openapi::ObjectBuilder::new()
                            .schema_type(SchemaType::Type(Type::String))
                            .build(),
                    )))
                    .build();
                response = response.header(name, header);
            }
            response = response.content(envelope.content_type(), content.build());
            (status.to_string(), RefOr::T(response.build()))
        })
        .collect()
}

/// The response description: the status's reason and the codes.
fn description(status: u16, codes: &[&str]) -> String {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("Error");
    let listed: Vec<String> = codes.iter().map(|code| format!("`{code}`")).collect();
    format!("{reason}: {}", listed.join(", "))
}

/// A header name as the error's params spell it (`Retry-After`), else as
/// written in the response.
fn canonical_header(name: &str, error: &dyn ApiError) -> String {
    struct Find<'n> {
        name: &'n str,
        found: Option<&'static str>,
    }
    impl crate::ParamVisitor for Find<'_> {
        fn visit(&mut self, param: crate::Param<'_>) {
            if let Some(header) = param.header
                && header.eq_ignore_ascii_case(self.name)
            {
                self.found = Some(header);
            }
        }
    }
    match name {
        "content-type" => return "Content-Type".to_owned(),
        "x-request-id" => return "X-Request-Id".to_owned(),
        _ => {}
    }
    let mut find = Find { name, found: None };
    error.visit_params(&mut find);
    find.found.unwrap_or(name).to_owned()
}

/// Used by generated code, not public API: one example value of a code.
#[doc(hidden)]
pub struct Example {
    /// The example's name in the catalog (`default`, ...).
    pub name: &'static str,
    /// What the example shows.
    pub summary: Option<&'static str>,
    /// The error.
    pub error: Box<dyn ApiError>,
}

/// Used by generated code, not public API: the examples of `code` that
/// `example` builds from the catalog's `info`.
#[doc(hidden)]
pub fn catalog_examples<E: ApiError + 'static>(
    info: Option<&'static CodeInfo>,
    example: impl Fn(&str) -> Option<E>,
) -> Vec<Example> {
    info.map(|info| info.examples)
        .unwrap_or_default()
        .iter()
        .filter_map(|catalog| {
            example(catalog.name).map(|error| Example {
                name: catalog.name,
                summary: catalog.description,
                error: Box::new(error),
            })
        })
        .collect()
}

/// Emitted by the derive through `impl_framework_integration!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_utoipa {
    (impl [$($generics:tt)*] for [$($ty:tt)*] where [$($bounds:tt)*] codes [$($code:literal => $status:literal),* $(,)?]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::utoipa::IntoResponses for $($ty)*
        where
            $($bounds)*
        {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<$crate::__private::utoipa::openapi::response::Response>,
            > {
                #[allow(unused_imports)]
                use $crate::__private::{WithCatalogExamples as _, WithoutExamples as _};
                $crate::integration::utoipa::responses(&[$(($code, $status)),*], &|code| {
                    (&&$crate::__private::ExampleProbe::<Self>::new()).examples_of(code)
                })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::{body_schema, openapi_dialect};
    use crate::{Envelope, EnvelopeKind};

    #[test]
    fn built_in_body_schemas_convert_without_losing_a_keyword() {
        for kind in EnvelopeKind::ALL {
            let expected = openapi_dialect(kind.json_schema().to_value());
            let converted = serde_json::to_value(body_schema(&kind)).expect("JSON");
            assert_eq!(converted, expected, "{kind}");
        }
    }

    #[test]
    fn const_becomes_a_one_value_enum_everywhere() {
        let schema = serde_json::json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "properties": {"success": {"const": false}},
            "anyOf": [{"const": "a"}]
        });
        assert_eq!(
            openapi_dialect(schema),
            serde_json::json!({
                "properties": {"success": {"enum": [false]}},
                "anyOf": [{"enum": ["a"]}]
            })
        );
    }
}
