//! `catalog.json`: the whole catalog as data for docs sites and clients in
//! any language, and its JSON Schema, derived from the same types so that the
//! two never drift.
//!
//! The shape is versioned by [`FORMAT_VERSION`]: a change that could break a
//! reader (a member removed, renamed or retyped) bumps it; new optional
//! members do not.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::{GENERATED_NOTICE, page_path};
use crate::model::{Catalog, ParamType, Segment, Value};

/// The version of the `catalog.json` shape.
pub const FORMAT_VERSION: u32 = 1;

/// The whole catalog.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(
    title = "Error catalog",
    description = "Every error code of an API: status, message templates with typed params, docs and examples."
)]
pub struct CatalogJson {
    /// Says that the file is generated.
    #[serde(rename = "$comment")]
    pub comment: String,
    /// The version of this file's shape; it changes only when a reader could break.
    pub version: u32,
    /// The catalog's own version.
    pub catalog_version: String,
    /// The domains, by name.
    pub domains: Vec<DomainJson>,
    /// Every code, domains in order and codes in file order within each.
    pub codes: Vec<CodeJson>,
}

/// One domain.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct DomainJson {
    /// The snake_case domain name.
    pub name: String,
    /// Markdown: what the domain's errors have in common.
    pub description: String,
    /// The ids of its codes, in file order.
    pub codes: Vec<String>,
}

/// One error code.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct CodeJson {
    /// The stable snake_case id clients branch on.
    pub id: String,
    /// The domain it belongs to.
    pub domain: String,
    /// The HTTP status.
    #[schemars(range(min = 400, max = 599))]
    pub status: u16,
    /// The full message template; `{name}` stands for the param `name`,
    /// `{{` and `}}` for literal braces.
    pub message: String,
    /// The full message as parts, ready to fill in.
    pub message_parts: Vec<TemplatePartJson>,
    /// What the public reads instead of `message`, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_message: Option<String>,
    /// The public message as parts, if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_message_parts: Option<Vec<TemplatePartJson>>,
    /// Markdown: when the error occurs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Markdown: what the client should do.
    pub resolution: String,
    /// Whether a client may retry the same request unchanged.
    pub retryable: bool,
    /// The catalog version that added the code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Other or former names clients must treat like the id.
    pub aliases: Vec<String>,
    /// Set when the code should not be used for new work.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<DeprecationJson>,
    /// Set when the code is no longer raised.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retired: Option<RetirementJson>,
    /// Whether the error carries field-level validation messages.
    pub fields: bool,
    /// The params, in declaration order.
    pub params: Vec<ParamJson>,
    /// Named sets of example values.
    pub examples: Vec<ExampleJson>,
    /// The code's docs page, relative to the directory of this file.
    pub docs: String,
}

/// A piece of a message template.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TemplatePartJson {
    /// Literal text, braces already unescaped.
    Literal {
        /// The text.
        text: String,
    },
    /// The value of a param.
    Param {
        /// The param's name.
        name: String,
    },
}

/// A `deprecated` entry.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct DeprecationJson {
    /// The code to use instead, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    /// Markdown: the deprecation notice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A `retired` entry.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct RetirementJson {
    /// The catalog version that retired the code.
    pub since: String,
    /// Markdown: why, and what replaces it.
    pub note: String,
}

/// One param of a code.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ParamJson {
    /// The snake_case name.
    pub name: String,
    /// The value type.
    #[serde(rename = "type")]
    pub ty: ParamType,
    /// Markdown: what the value means.
    pub description: String,
    /// Whether the value may be absent.
    pub optional: bool,
    /// Whether the value never reaches the public audience.
    pub sensitive: bool,
    /// The member of the envelope's details that carries the value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The HTTP header that carries the value, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// An example value.
    pub example: ValueJson,
}

/// A param value.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ValueJson {
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    Signed(i64),
    /// An unsigned integer too large for `Signed`.
    Unsigned(u64),
    /// A string.
    String(String),
    /// A list of strings.
    List(Vec<String>),
}

impl ValueJson {
    /// The JSON form of a validated example value.
    fn from_model(value: &Value) -> Self {
        match value {
            Value::Bool(flag) => ValueJson::Bool(*flag),
            Value::Integer(number) => match i64::try_from(*number) {
                Ok(signed) => ValueJson::Signed(signed),
                Err(_) => ValueJson::Unsigned(u64::try_from(*number).unwrap_or(u64::MAX)),
            },
            Value::Float(number) => ValueJson::String(number.to_string()),
            Value::String(text) => ValueJson::String(text.clone()),
            Value::List(items) => ValueJson::List(
                items
                    .iter()
                    .map(|item| match item {
                        Value::String(text) => text.clone(),
                        other => serde_json::to_string(other).unwrap_or_default(),
                    })
                    .collect(),
            ),
        }
    }
}

/// A named set of example values.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ExampleJson {
    /// The snake_case name.
    pub name: String,
    /// Markdown: what the example shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A value per param, by name.
    pub params: BTreeMap<String, ValueJson>,
    /// Field-level messages by field, in the catalog's order.
    pub fields: Vec<FieldMessagesJson>,
}

/// The messages of one field of an example.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct FieldMessagesJson {
    /// The field's name.
    pub field: String,
    /// What is wrong with it.
    pub messages: Vec<String>,
}

/// The catalog as `catalog.json` holds it, at version `catalog_version`.
///
/// # Examples
///
/// ```
/// let loaded = codegen::load_sources(vec![("a.yaml".into(), r#"
/// domain: a
/// description: A.
/// codes:
///   - id: gone
///     status: 410
///     message: "Gone {{forever}}"
///     resolution: Stop asking.
///     examples: [{name: default}]
/// "#.into())]);
/// let json = codegen::emit_docs::catalog_json(&loaded.catalog, "1.0.0");
/// assert_eq!(json.version, 1);
/// assert_eq!(json.codes[0].message, "Gone {{forever}}");
/// assert_eq!(json.codes[0].docs, "errors/gone.md");
/// ```
pub fn catalog_json(catalog: &Catalog, catalog_version: &str) -> CatalogJson {
    CatalogJson {
        comment: GENERATED_NOTICE.to_owned(),
        version: FORMAT_VERSION,
        catalog_version: catalog_version.to_owned(),
        domains: catalog
            .domains
            .iter()
            .map(|domain| DomainJson {
                name: domain.name.value.clone(),
                description: domain.description.clone(),
                codes: domain
                    .codes
                    .iter()
                    .map(|code| code.id.value.clone())
                    .collect(),
            })
            .collect(),
        codes: catalog
            .codes_with_domain()
            .map(|(domain, code)| CodeJson {
                id: code.id.value.clone(),
                domain: domain.name.value.clone(),
                status: code.status,
                message: code.message.raw.clone(),
                message_parts: parts(&code.message.segments),
                public_message: code
                    .public_message
                    .as_ref()
                    .map(|public| public.raw.clone()),
                public_message_parts: code
                    .public_message
                    .as_ref()
                    .map(|public| parts(&public.segments)),
                description: code.description.clone(),
                resolution: code.resolution.clone(),
                retryable: code.retryable,
                since: code.since.clone(),
                aliases: code
                    .aliases
                    .iter()
                    .map(|alias| alias.value.clone())
                    .collect(),
                deprecated: code.deprecated.as_ref().map(|deprecated| DeprecationJson {
                    replacement: deprecated
                        .replacement
                        .as_ref()
                        .map(|replacement| replacement.value.clone()),
                    note: deprecated.note.clone(),
                }),
                retired: code.retired.as_ref().map(|retired| RetirementJson {
                    since: retired.since.clone(),
                    note: retired.note.clone(),
                }),
                fields: code.fields,
                params: code
                    .params
                    .iter()
                    .map(|param| ParamJson {
                        name: param.name.value.clone(),
                        ty: param.ty,
                        description: param.description.clone(),
                        optional: param.optional,
                        sensitive: param.sensitive,
                        detail: param.detail.as_ref().map(|detail| detail.value.clone()),
                        header: param.header.as_ref().map(|header| header.value.clone()),
                        example: ValueJson::from_model(&param.example),
                    })
                    .collect(),
                examples: code
                    .examples
                    .iter()
                    .map(|example| ExampleJson {
                        name: example.name.value.clone(),
                        description: example.description.clone(),
                        params: example
                            .params
                            .iter()
                            .map(|(name, value)| {
                                (name.clone(), ValueJson::from_model(&value.value))
                            })
                            .collect(),
                        fields: example
                            .fields
                            .iter()
                            .map(|(field, messages)| FieldMessagesJson {
                                field: field.clone(),
                                messages: messages.clone(),
                            })
                            .collect(),
                    })
                    .collect(),
                docs: page_path(&code.id).to_string_lossy().replace('\\', "/"),
            })
            .collect(),
    }
}

/// The JSON Schema (2020-12) of `catalog.json`, derived from [`CatalogJson`].
///
/// # Examples
///
/// ```
/// let schema = codegen::emit_docs::catalog_json_schema();
/// assert_eq!(schema["title"], "Error catalog");
/// assert!(schema["required"].as_array().unwrap().iter().any(|name| name == "codes"));
/// ```
pub fn catalog_json_schema() -> serde_json::Value {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .with(|settings| settings.contract = schemars::generate::Contract::Serialize)
        .into_generator()
        .into_root_schema_for::<CatalogJson>()
        .to_value();
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "$comment".to_owned(),
            serde_json::Value::String(GENERATED_NOTICE.to_owned()),
        );
    }
    schema
}

fn parts(segments: &[Segment]) -> Vec<TemplatePartJson> {
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(text) => TemplatePartJson::Literal { text: text.clone() },
            Segment::Param(name) => TemplatePartJson::Param { name: name.clone() },
        })
        .collect()
}
