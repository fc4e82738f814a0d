//! `openapi.json`: OpenAPI 3.1 components for API specs to `$ref`: a schema
//! per envelope, a header per param header, and a response per code with its
//! examples in every envelope.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;
use serde::Serialize;
use serde_json::{Value as Json, json};

use super::{Audience, DocsInput, EnvelopeDoc, GENERATED_NOTICE};
use crate::model::{Code, ParamType};

/// The OpenAPI version written.
const OPENAPI_VERSION: &str = "3.1.0";

#[derive(Serialize)]
struct Document {
    openapi: &'static str,
    info: Info,
    components: Components,
}

#[derive(Serialize)]
struct Info {
    title: &'static str,
    version: String,
    description: String,
}

#[derive(Serialize)]
struct Components {
    schemas: BTreeMap<String, Json>,
    headers: BTreeMap<String, Header>,
    responses: BTreeMap<String, Response>,
}

#[derive(Serialize)]
struct Header {
    description: String,
    schema: Json,
}

#[derive(Serialize)]
struct Response {
    description: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<String, Json>,
    content: BTreeMap<String, MediaType>,
}

#[derive(Serialize)]
struct MediaType {
    schema: Json,
    examples: BTreeMap<String, Example>,
}

#[derive(Serialize)]
struct Example {
    summary: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(serialize_with = "super::json::serialize_raw")]
    value: String,
}

/// The name of an envelope's schema under `components.schemas`, such as
/// `RichErrorBody`.
///
/// # Examples
///
/// ```
/// assert_eq!(codegen::emit_docs::envelope_schema_name("problem"), "ProblemErrorBody");
/// ```
pub fn envelope_schema_name(envelope: &str) -> String {
    format!(
        "{}ErrorBody",
        component_key(&envelope.to_upper_camel_case())
    )
}

/// The name of the request id header under `components.headers`.
const REQUEST_ID_HEADER: &str = "X-Request-Id";

/// `openapi.json`: the components of every envelope and code, pretty-printed.
///
/// Each code's response (`components.responses.<code>`) has one content
/// entry per media type; a media type that several envelopes share
/// (`application/json`) accepts any of their schemas, and its examples are
/// named `<envelope>_<example>`. Examples show what the public reads.
pub fn openapi(input: &DocsInput<'_>) -> String {
    let mut schemas = BTreeMap::new();
    for envelope in input.envelopes {
        let mut schema = envelope.schema.clone();
        if let Some(object) = schema.as_object_mut() {
            object.remove("$schema");
        }
        schemas.insert(envelope_schema_name(&envelope.name), schema);
    }

    let mut headers = BTreeMap::new();
    headers.insert(
        REQUEST_ID_HEADER.to_owned(),
        Header {
            description: "The id of the failed request, when the server knows it.".to_owned(),
            schema: json!({"type": "string"}),
        },
    );
    for code in input.catalog.codes() {
        for param in code.params.iter().filter(|param| !param.sensitive) {
            if let Some(name) = &param.header {
                headers
                    .entry(component_key(name))
                    .or_insert_with(|| Header {
                        description: super::markdown::one_line(&param.description),
                        schema: header_schema(param.ty),
                    });
            }
        }
    }

    let mut by_media_type: BTreeMap<&str, Vec<&EnvelopeDoc>> = BTreeMap::new();
    for envelope in input.envelopes {
        by_media_type
            .entry(envelope.media_type.as_str())
            .or_default()
            .push(envelope);
    }
    let responses = input
        .catalog
        .codes()
        .map(|code| (code.id.value.clone(), response(input, code, &by_media_type)))
        .collect();

    let document = Document {
        openapi: OPENAPI_VERSION,
        info: Info {
            title: "Error catalog",
            version: input.catalog_version(),
            description: format!(
                "{GENERATED_NOTICE} The error bodies and responses of the catalog, to reference \
                 from API specs with `$ref`."
            ),
        },
        components: Components {
            schemas,
            headers,
            responses,
        },
    };
    super::json::to_pretty(&document)
}

/// The response of one code.
fn response(
    input: &DocsInput<'_>,
    code: &Code,
    by_media_type: &BTreeMap<&str, Vec<&EnvelopeDoc>>,
) -> Response {
    let mut headers = BTreeMap::new();
    for param in code.params.iter().filter(|param| !param.sensitive) {
        if let Some(name) = &param.header {
            headers.insert(
                name.value.clone(),
                json!({"$ref": format!("#/components/headers/{}", component_key(name))}),
            );
        }
    }
    headers.insert(
        REQUEST_ID_HEADER.to_owned(),
        json!({"$ref": format!("#/components/headers/{REQUEST_ID_HEADER}")}),
    );

    let mut content = BTreeMap::new();
    for (media_type, envelopes) in by_media_type {
        let refs: Vec<Json> = envelopes
            .iter()
            .map(|envelope| {
                json!({"$ref": format!("#/components/schemas/{}", envelope_schema_name(&envelope.name))})
            })
            .collect();
        let schema = match <[Json; 1]>::try_from(refs) {
            Ok([single]) => single,
            Err(refs) => json!({ "anyOf": refs }),
        };
        let mut examples = BTreeMap::new();
        for envelope in envelopes {
            for example in &code.examples {
                let Some(rendered) =
                    input.rendered(&code.id, &example.name, &envelope.name, Audience::Public)
                else {
                    continue;
                };
                examples.insert(
                    format!("{}_{}", envelope.name, example.name.value),
                    Example {
                        summary: format!(
                            "`{}` in the {} envelope",
                            example.name.value, envelope.name
                        ),
                        description: example
                            .description
                            .as_deref()
                            .map(super::markdown::one_line),
                        value: rendered.body.clone(),
                    },
                );
            }
        }
        content.insert((*media_type).to_owned(), MediaType { schema, examples });
    }

    Response {
        description: format!(
            "`{}` ({}): {}",
            code.id.value,
            super::status::status_text(code.status),
            code.public_template().raw
        ),
        headers,
        content,
    }
}

/// The schema of a header carrying a param of type `ty`.
fn header_schema(ty: ParamType) -> Json {
    match ty {
        ParamType::Bool => json!({"type": "boolean"}),
        ParamType::String | ParamType::StringList => json!({"type": "string"}),
        ParamType::U16 | ParamType::U32 | ParamType::U64 | ParamType::Seconds => {
            json!({"type": "integer", "minimum": 0})
        }
        ParamType::I32 | ParamType::I64 | ParamType::Timestamp => json!({"type": "integer"}),
    }
}

/// `name` as a component key: characters outside `[A-Za-z0-9._-]` become `_`.
fn component_key(name: &str) -> String {
    name.chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || matches!(ch, '.' | '-' | '_') {
                ch
            } else {
                '_'
            }
        })
        .collect()
}
