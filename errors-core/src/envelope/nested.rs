//! The nested envelope (7en): `{"error":{"code","message","status","fields"}}`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::json::member;
use crate::schema::{self, SchemaLayout};
use crate::{Envelope, ErrorView, JsonWriter};

/// The nested envelope: code, message and status wrapped in an `error` object,
/// with field-level messages under `fields`.
///
/// `fields` maps each field name to its messages. It is always present and
/// always an object: `{}` when the error has no field errors. (The format's
/// original documentation gives `[]` as its example, the way some frameworks
/// serialize an empty map; sending `{}` keeps the declared type, and
/// [`NestedBody`] reads both.) Params appear only in the message: this format
/// has no details member.
///
/// # Examples
///
/// ```
/// # use errors_core::{ApiError, Audience, FieldErrors};
/// # use http::StatusCode;
/// # #[derive(Debug)]
/// # struct Duplicate(FieldErrors);
/// # impl std::fmt::Display for Duplicate {
/// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("Email already exists") }
/// # }
/// # impl std::error::Error for Duplicate {}
/// # impl ApiError for Duplicate {
/// #     fn code(&self) -> &'static str { "user_validation_error" }
/// #     fn status(&self) -> StatusCode { StatusCode::BAD_REQUEST }
/// #     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result { write!(out, "{self}") }
/// #     fn field_errors(&self) -> Option<&FieldErrors> { Some(&self.0) }
/// # }
/// use errors_core::{Nested, Renderer};
///
/// let mut fields = FieldErrors::new();
/// fields.push("email", "Email already exists");
/// let body = Renderer::builder().envelope(Nested).build().render_body(&Duplicate(fields));
/// assert_eq!(
///     String::from_utf8(body).unwrap(),
///     r#"{"error":{"code":"user_validation_error","message":"Email already exists","status":400,"fields":{"email":["Email already exists"]}}}"#,
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Nested;

impl Envelope for Nested {
    fn name(&self) -> &str {
        "nested"
    }

    fn write_body(&self, error: &ErrorView<'_>, out: JsonWriter<'_>) {
        let mut root = out.object();
        let mut object = member!(root, "error").object();
        member!(object, "code").str(error.code());
        member!(object, "message").string_with(|text| error.write_message(text));
        member!(object, "status").u64(error.status().as_u16().into());
        let mut fields = member!(object, "fields").object();
        if let Some(errors) = error.field_errors() {
            let max_items = fields.limits().max_items();
            for (field, messages) in errors.iter().take(max_items) {
                fields.member(field).str_list(messages);
            }
        }
    }

    fn json_schema(&self) -> schemars::Schema {
        schema::body_schema::<NestedBody>()
    }

    fn schema_layout(&self) -> SchemaLayout {
        SchemaLayout::new("/properties/error", "code")
    }
}

/// A body of the [`Nested`] envelope, for schemas and for clients.
///
/// # Examples
///
/// ```
/// use errors_core::NestedBody;
///
/// let body: NestedBody = serde_json::from_str(
///     r#"{"error":{"code":"object_not_found","message":"Not found","status":404,"fields":[]}}"#,
/// ).unwrap();
/// assert!(body.error.fields.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Nested error body",
    description = "An error in the nested envelope: `{\"error\": {\"code\", \"message\", \"status\", \"fields\"}}`."
)]
pub struct NestedBody {
    /// The error.
    pub error: NestedError,
}

/// The `error` object of a [`NestedBody`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NestedError {
    /// The machine-readable error code.
    pub code: String,
    /// The human-readable message.
    pub message: String,
    /// The HTTP status code.
    #[schemars(range(min = 400, max = 599))]
    pub status: u16,
    /// Field-level validation messages: each field's name maps to its messages.
    #[serde(default, deserialize_with = "map_or_empty_list")]
    pub fields: BTreeMap<String, Vec<String>>,
}

/// Reads `fields` as a map, or as an empty list standing for an empty map.
fn map_or_empty_list<'de, D>(deserializer: D) -> Result<BTreeMap<String, Vec<String>>, D::Error>
where
    D: Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Fields {
        Map(BTreeMap<String, Vec<String>>),
        List([(); 0]),
    }
    match Fields::deserialize(deserializer)? {
        Fields::Map(map) => Ok(map),
        Fields::List([]) => Ok(BTreeMap::new()),
    }
}
