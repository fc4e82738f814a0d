//! JSON Schemas (2020-12) of the envelopes, generic or narrowed to a catalog.
//!
//! [`envelope_schemas`] gives the generic schema of each built-in envelope.
//! [`catalog_aware`] narrows any envelope's schema to one catalog: `code`
//! becomes an enum of the catalog's ids and aliases, and where the envelope
//! has per-code details, each code's details follow that code's schema.

use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value, json};

use crate::{Envelope, EnvelopeKind};

/// Where an envelope's schema keeps the error code and the details, for
/// [`catalog_aware`].
///
/// # Examples
///
/// ```
/// use errors_core::schema::{DetailsLayout, SchemaLayout};
///
/// // `{"error": {"code": ..., "details": {...}}}`
/// let layout = SchemaLayout::new("/properties/error", "code")
///     .with_details(DetailsLayout::Member("details"));
/// assert_eq!(layout.code_member(), Some("code"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SchemaLayout {
    error_object: &'static str,
    code_member: Option<&'static str>,
    details: DetailsLayout,
}

/// Where the per-code details of an envelope live, relative to the object
/// holding the code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetailsLayout {
    /// The envelope has no per-code details.
    None,
    /// The details are an object under this member.
    Member(&'static str),
    /// The details are members of the object itself (RFC 9457 extension members).
    Inline,
}

impl SchemaLayout {
    /// A schema [`catalog_aware`] leaves as it is.
    pub const OPAQUE: SchemaLayout = SchemaLayout {
        error_object: "",
        code_member: None,
        details: DetailsLayout::None,
    };

    /// The code is the member `code_member` of the object schema at the JSON
    /// pointer `error_object` (`""` for the root), without details.
    pub const fn new(error_object: &'static str, code_member: &'static str) -> Self {
        Self {
            error_object,
            code_member: Some(code_member),
            details: DetailsLayout::None,
        }
    }

    /// Sets where the details live.
    pub const fn with_details(mut self, details: DetailsLayout) -> Self {
        self.details = details;
        self
    }

    /// The JSON pointer, within the schema, of the object schema holding the code.
    pub const fn error_object(&self) -> &'static str {
        self.error_object
    }

    /// The code's member name, if the body has a code.
    pub const fn code_member(&self) -> Option<&'static str> {
        self.code_member
    }

    /// Where the details live.
    pub const fn details(&self) -> DetailsLayout {
        self.details
    }
}

/// What [`catalog_aware`] needs to know of one code of a catalog.
///
/// # Examples
///
/// ```
/// use errors_core::schema::CodeSchema;
/// use serde_json::json;
///
/// let code = CodeSchema::new("rate_limit_exceeded")
///     .alias("throttle_exceeded")
///     .details(json!({"type": "object", "properties": {"limit": {"type": "integer"}}}));
/// assert_eq!(code.id(), "rate_limit_exceeded");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CodeSchema {
    id: String,
    aliases: Vec<String>,
    details: Option<Value>,
}

impl CodeSchema {
    /// A code with no aliases and no details schema.
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            aliases: Vec::new(),
            details: None,
        }
    }

    /// Adds another name clients must recognise for this code.
    pub fn alias(mut self, alias: impl Into<String>) -> Self {
        self.aliases.push(alias.into());
        self
    }

    /// Sets the schema of this code's details (an object schema).
    pub fn details(mut self, schema: Value) -> Self {
        self.details = Some(schema);
        self
    }

    /// The code id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The aliases.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// The details schema, if set.
    pub fn details_schema(&self) -> Option<&Value> {
        self.details.as_ref()
    }

    fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.id.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The codes of a catalog, for [`catalog_aware`].
///
/// # Examples
///
/// ```
/// use errors_core::schema::{CatalogSchema, CodeSchema};
///
/// let catalog = CatalogSchema::new()
///     .code(CodeSchema::new("invalid_api_key"))
///     .code(CodeSchema::new("internal_error"));
/// assert_eq!(catalog.codes().len(), 2);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CatalogSchema {
    codes: Vec<CodeSchema>,
}

impl CatalogSchema {
    /// An empty catalog.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a code.
    pub fn code(mut self, code: CodeSchema) -> Self {
        self.codes.push(code);
        self
    }

    /// Adds a code in place.
    pub fn push(&mut self, code: CodeSchema) -> &mut Self {
        self.codes.push(code);
        self
    }

    /// The codes, in the order added.
    pub fn codes(&self) -> &[CodeSchema] {
        &self.codes
    }
}

impl FromIterator<CodeSchema> for CatalogSchema {
    fn from_iter<I: IntoIterator<Item = CodeSchema>>(iter: I) -> Self {
        Self {
            codes: iter.into_iter().collect(),
        }
    }
}

/// The generic schema of each built-in envelope, by name: `nested`, `flat`,
/// `rich`, `problem`.
///
/// # Examples
///
/// ```
/// let schemas = errors_core::schema::envelope_schemas();
/// let names: Vec<_> = schemas.iter().map(|(name, _)| *name).collect();
/// assert_eq!(names, ["nested", "flat", "rich", "problem"]);
/// assert_eq!(schemas[0].1["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// ```
pub fn envelope_schemas() -> Vec<(&'static str, Value)> {
    EnvelopeKind::ALL
        .into_iter()
        .map(|kind| (kind.as_str(), kind.json_schema().to_value()))
        .collect()
}

/// The schema of each built-in envelope narrowed to `catalog`, by name.
///
/// # Examples
///
/// ```
/// use errors_core::schema::{CatalogSchema, CodeSchema, catalog_aware_schemas};
///
/// let catalog = CatalogSchema::new().code(CodeSchema::new("gone"));
/// let schemas = catalog_aware_schemas(&catalog);
/// assert_eq!(schemas[3].1["properties"]["code"]["enum"], serde_json::json!(["gone"]));
/// ```
pub fn catalog_aware_schemas(catalog: &CatalogSchema) -> Vec<(&'static str, Value)> {
    EnvelopeKind::ALL
        .into_iter()
        .map(|kind| (kind.as_str(), catalog_aware(&kind, catalog).to_value()))
        .collect()
}

/// The schema of `envelope`'s bodies, narrowed to the codes of `catalog`.
///
/// Following the envelope's [`SchemaLayout`]: the code member becomes an
/// enum of every id and alias of the catalog; and for each code with a
/// details schema, an `if`/`then` rule under `allOf` makes the details of a
/// body with that code (or one of its aliases) follow it; when that schema
/// requires members, the details member itself becomes required for that
/// code. An envelope with [`SchemaLayout::OPAQUE`], or whose layout's
/// `error_object` pointer does not reach an object schema, keeps its schema
/// as it is.
///
/// # Examples
///
/// ```
/// use errors_core::Rich;
/// use errors_core::schema::{CatalogSchema, CodeSchema, catalog_aware};
/// use serde_json::json;
///
/// let catalog = CatalogSchema::new()
///     .code(CodeSchema::new("resource_not_found").details(json!({
///         "type": "object",
///         "properties": {"resource_id": {"type": "string"}},
///         "required": ["resource_id"],
///     })));
/// let schema = catalog_aware(&Rich, &catalog).to_value();
/// let error = &schema["properties"]["error"];
/// assert_eq!(error["properties"]["code"]["enum"], json!(["resource_not_found"]));
/// assert_eq!(error["allOf"][0]["then"]["required"], json!(["details"]));
/// ```
pub fn catalog_aware(envelope: &dyn Envelope, catalog: &CatalogSchema) -> Schema {
    let mut schema = envelope.json_schema();
    let layout = envelope.schema_layout();
    let Some(code_member) = layout.code_member else {
        return schema;
    };
    let Some(object) = schema
        .pointer_mut(layout.error_object)
        .and_then(Value::as_object_mut)
    else {
        return schema;
    };

    // First occurrence of each name, in catalog order; the set keeps this
    // linear for large catalogs.
    let mut seen = std::collections::HashSet::new();
    let names: Vec<&str> = catalog
        .codes
        .iter()
        .flat_map(CodeSchema::names)
        .filter(|name| seen.insert(*name))
        .collect();
    let properties = object
        .entry("properties")
        .or_insert_with(|| Value::Object(Map::new()));
    if let Some(properties) = properties.as_object_mut() {
        let code = properties.entry(code_member).or_insert_with(|| json!({}));
        if let Some(code) = code.as_object_mut() {
            code.insert("type".into(), json!("string"));
            code.insert("enum".into(), json!(names));
        }
    }

    let rules: Vec<Value> = catalog
        .codes
        .iter()
        .filter_map(|code| {
            let details = code.details.as_ref()?;
            let then = match layout.details {
                DetailsLayout::None => return None,
                DetailsLayout::Inline => details.clone(),
                DetailsLayout::Member(member) => {
                    let requires_members = details
                        .get("required")
                        .and_then(Value::as_array)
                        .is_some_and(|required| !required.is_empty());
                    let mut then = json!({ "properties": { member: details } });
                    if requires_members {
                        then["required"] = json!([member]);
                    }
                    then
                }
            };
            let names: Vec<&str> = code.names().collect();
            Some(json!({
                "if": {
                    "properties": { code_member: { "enum": names } },
                    "required": [code_member],
                },
                "then": then,
            }))
        })
        .collect();
    if !rules.is_empty() {
        match object.get_mut("allOf").and_then(Value::as_array_mut) {
            Some(all_of) => all_of.extend(rules),
            None => {
                object.insert("allOf".into(), Value::Array(rules));
            }
        }
    }
    schema
}

/// The root schema of `T` as it is serialized, JSON Schema 2020-12, with
/// every subschema inlined so that JSON pointers into it reach the objects
/// themselves, and tidied (see [`tidy`]).
pub(crate) fn body_schema<T: JsonSchema>() -> Schema {
    let mut schema = schemars::generate::SchemaSettings::draft2020_12()
        .with(|settings| {
            settings.inline_subschemas = true;
            settings.contract = schemars::generate::Contract::Serialize;
        })
        .into_generator()
        .into_root_schema_for::<T>();
    tidy(schema.as_object_mut().map(|object| object.values_mut()));
    schema
}

/// Adapts generated schemas to what the renderers write and what strict
/// validators accept: an optional member is left out rather than `null`, so
/// `"type": [T, "null"]` becomes `"type": T`; and Rust's integer widths
/// (`"format": "uint16"`), which are no JSON Schema formats, are dropped.
fn tidy<'a>(values: Option<impl Iterator<Item = &'a mut Value>>) {
    for value in values.into_iter().flatten() {
        match value {
            Value::Object(object) => {
                if let Some(Value::Array(types)) = object.get_mut("type") {
                    types.retain(|kind| kind != "null");
                    if let [single] = types.as_slice() {
                        let single = single.clone();
                        object.insert("type".into(), single);
                    }
                }
                let numeric_format =
                    object
                        .get("format")
                        .and_then(Value::as_str)
                        .is_some_and(|format| {
                            format.starts_with("int")
                                || format.starts_with("uint")
                                || format == "double"
                        });
                if numeric_format {
                    object.remove("format");
                }
                tidy(Some(object.values_mut()));
            }
            Value::Array(items) => tidy(Some(items.iter_mut())),
            _ => {}
        }
    }
}
