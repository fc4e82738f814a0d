//! The rich envelope (Heppu):
//! `{"error":{"message","status","code","timestamp","details"}}`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::envelope::{FieldMessage, write_detail_members, write_field_messages};
use crate::json::member;
use crate::schema::{self, DetailsLayout, SchemaLayout};
use crate::{Envelope, ErrorView, JsonWriter};

/// The members of `details` the rich envelope writes itself, with a type of
/// their own; a param's `detail` member with one of these names is not
/// written. They are the part of
/// [`RESERVED_DETAIL_MEMBERS`](crate::RESERVED_DETAIL_MEMBERS) that this
/// envelope writes (a test checks it).
const RESERVED: &[&str] = &["errors", "request_id"];

/// The rich envelope: message, status, code, an RFC 3339 timestamp and a
/// per-code `details` object.
///
/// `details` holds, in this order: every visible param with a `detail`
/// member, under that member's name; the field errors as
/// `errors: [{"field", "message"}]`; and, for a 5xx status, the request id as
/// `request_id` when one is known. A param whose member is `errors` or
/// `request_id` is not written (these names are the envelope's own), and of
/// two params naming the same member the first is kept (at most 32 param
/// members). `details` is left out when it would be empty.
///
/// # Examples
///
/// ```
/// # use errors_core::{ApiError, Audience};
/// # use http::StatusCode;
/// # #[derive(Debug)]
/// # struct InvalidKey;
/// # impl std::fmt::Display for InvalidKey {
/// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("Invalid API key format") }
/// # }
/// # impl std::error::Error for InvalidKey {}
/// # impl ApiError for InvalidKey {
/// #     fn code(&self) -> &'static str { "invalid_api_key" }
/// #     fn status(&self) -> StatusCode { StatusCode::UNAUTHORIZED }
/// #     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result { write!(out, "{self}") }
/// # }
/// use errors_core::{FixedClock, Renderer, Rich, Timestamp};
///
/// let renderer = Renderer::builder()
///     .envelope(Rich)
///     .clock(FixedClock(Timestamp::from_unix_seconds(1_733_054_400)))
///     .build();
/// assert_eq!(
///     String::from_utf8(renderer.render_body(&InvalidKey)).unwrap(),
///     r#"{"error":{"message":"Invalid API key format","status":401,"code":"invalid_api_key","timestamp":"2024-12-01T12:00:00Z"}}"#,
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rich;

impl Envelope for Rich {
    fn name(&self) -> &str {
        "rich"
    }

    fn write_body(&self, error: &ErrorView<'_>, out: JsonWriter<'_>) {
        let mut root = out.object();
        let mut object = member!(root, "error").object();
        member!(object, "message").string_with(|text| error.write_message(text));
        member!(object, "status").u64(error.status().as_u16().into());
        member!(object, "code").str(error.code());
        let timestamp = error.timestamp().rfc3339_bytes();
        member!(object, "timestamp").plain_str(&timestamp);

        let field_errors = error.field_errors().is_some();
        let request_id = error
            .request_id()
            .filter(|_| error.status().is_server_error());
        let param_members = error
            .find_param(
                |param| {
                    param
                        .detail
                        .is_some_and(|member| !RESERVED.contains(&member))
                },
                |_| (),
            )
            .is_some();
        if !(field_errors || request_id.is_some() || param_members) {
            return;
        }
        let mut details = member!(object, "details").object();
        write_detail_members(error, &mut details, RESERVED);
        if field_errors {
            write_field_messages(error, member!(details, "errors"));
        }
        if let Some(id) = request_id {
            member!(details, "request_id").str(id);
        }
    }

    fn json_schema(&self) -> schemars::Schema {
        schema::body_schema::<RichBody>()
    }

    fn schema_layout(&self) -> SchemaLayout {
        SchemaLayout::new("/properties/error", "code")
            .with_details(DetailsLayout::Member("details"))
    }

    fn size_hint(&self) -> usize {
        320
    }
}

/// A body of the [`Rich`] envelope, for schemas and for clients.
///
/// # Examples
///
/// ```
/// use errors_core::RichBody;
///
/// let body: RichBody = serde_json::from_str(r#"{"error":{"message":"Agent not found","status":404,
///     "code":"resource_not_found","timestamp":"2024-12-01T12:00:00Z",
///     "details":{"resource_type":"agent","resource_id":"agent_abc123"}}}"#).unwrap();
/// let details = body.error.details.unwrap();
/// assert_eq!(details.members["resource_id"], "agent_abc123");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Rich error body",
    description = "An error in the rich envelope: `{\"error\": {\"message\", \"status\", \"code\", \"timestamp\", \"details\"}}`."
)]
pub struct RichBody {
    /// The error.
    pub error: RichError,
}

/// The `error` object of a [`RichBody`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RichError {
    /// The human-readable message.
    pub message: String,
    /// The HTTP status code.
    #[schemars(range(min = 400, max = 599))]
    pub status: u16,
    /// The machine-readable error code.
    pub code: String,
    /// When the error occurred: RFC 3339, UTC.
    #[schemars(extend("format" = "date-time"))]
    pub timestamp: String,
    /// Context for the error, per code; absent when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<RichDetails>,
}

/// The `details` object of a [`RichError`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RichDetails {
    /// Field-level validation messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldMessage>>,
    /// The id of the failed request, for server errors; quote it to support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The code's own members, from its params.
    #[serde(flatten)]
    pub members: Map<String, Value>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rich_envelope_reserves_part_of_the_shared_list() {
        for member in RESERVED {
            assert!(crate::RESERVED_DETAIL_MEMBERS.contains(member), "{member}");
        }
    }
}
