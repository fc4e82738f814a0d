//! The problem envelope: RFC 9457 problem details, `application/problem+json`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::envelope::{
    APPLICATION_PROBLEM_JSON, FieldMessage, RESERVED_DETAIL_MEMBERS, write_detail_members,
    write_field_messages,
};
use crate::json::member;
use crate::schema::{self, DetailsLayout, SchemaLayout};
use crate::{Envelope, ErrorView, JsonWriter};

/// The problem envelope: RFC 9457 problem details.
///
/// - `type`: the renderer's docs base URL followed by the code id (the base
///   should end with `/`, `#` or similar), or `about:blank` without a base.
/// - `title`: the status's reason phrase ([`reason_phrase`](crate::reason_phrase)),
///   such as `Too Many Requests`.
/// - `status`, `detail` (the message for the audience), `code`.
/// - `instance`: the occurrence's URI, when the response context gives one.
/// - Extension members: every visible param with a `detail` member, under
///   that name (skipped when the name is one of the members above or was
///   written already; at most 32 of them), then the
///   field errors as `errors: [{"field", "message"}]` and the request id as
///   `request_id`, when known.
///
/// # Examples
///
/// ```
/// # use errors_core::{ApiError, Audience};
/// # use http::StatusCode;
/// # #[derive(Debug)]
/// # struct Revoked;
/// # impl std::fmt::Display for Revoked {
/// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("API key has been revoked") }
/// # }
/// # impl std::error::Error for Revoked {}
/// # impl ApiError for Revoked {
/// #     fn code(&self) -> &'static str { "revoked_api_key" }
/// #     fn status(&self) -> StatusCode { StatusCode::UNAUTHORIZED }
/// #     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result { write!(out, "{self}") }
/// # }
/// use errors_core::{Problem, Renderer};
///
/// let renderer = Renderer::builder()
///     .envelope(Problem)
///     .docs_base_url("https://docs.example.com/errors/")
///     .build();
/// let response = renderer.render_response(&Revoked);
/// assert_eq!(response.headers()["content-type"], "application/problem+json");
/// let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
/// assert_eq!(body["type"], "https://docs.example.com/errors/revoked_api_key");
/// assert_eq!(body["title"], "Unauthorized");
/// assert_eq!(body["detail"], "API key has been revoked");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Problem;

impl Envelope for Problem {
    fn name(&self) -> &str {
        "problem"
    }

    fn content_type(&self) -> &'static str {
        APPLICATION_PROBLEM_JSON
    }

    fn write_body(&self, error: &ErrorView<'_>, out: JsonWriter<'_>) {
        let mut root = out.object();
        let code = error.code();
        match error.docs_base_url() {
            Some(base) => member!(root, "type").string_with(|out| {
                out.write_str(base)?;
                out.write_str(code)
            }),
            None => member!(root, "type").plain_str(b"about:blank"),
        }
        let status = error.status();
        member!(root, "title")
            .plain_str(crate::reason_phrase(status).unwrap_or("Error").as_bytes());
        member!(root, "status").u64(status.as_u16().into());
        member!(root, "detail").string_with(|text| error.write_message(text));
        if let Some(instance) = error.instance() {
            member!(root, "instance").str(instance);
        }
        member!(root, "code").str(code);
        // The problem envelope writes every reserved member at the top level.
        write_detail_members(error, &mut root, RESERVED_DETAIL_MEMBERS);
        if error.field_errors().is_some() {
            write_field_messages(error, member!(root, "errors"));
        }
        if let Some(id) = error.request_id() {
            member!(root, "request_id").str(id);
        }
    }

    fn json_schema(&self) -> schemars::Schema {
        schema::body_schema::<ProblemBody>()
    }

    fn schema_layout(&self) -> SchemaLayout {
        SchemaLayout::new("", "code").with_details(DetailsLayout::Inline)
    }

    fn size_hint(&self) -> usize {
        320
    }
}

/// A body of the [`Problem`] envelope, for schemas and for clients.
///
/// # Examples
///
/// ```
/// use errors_core::ProblemBody;
///
/// let body: ProblemBody = serde_json::from_str(r#"{"type":"about:blank","title":"Too Many Requests",
///     "status":429,"detail":"Slow down","code":"rate_limit_exceeded","limit":100}"#).unwrap();
/// assert_eq!(body.extensions["limit"], 100);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Problem details (RFC 9457)",
    description = "An error as RFC 9457 problem details, with the error code and the code's details as extension members."
)]
pub struct ProblemBody {
    /// The URI of the problem type: the code's documentation page, or `about:blank`.
    #[serde(rename = "type")]
    #[schemars(extend("format" = "uri-reference"))]
    pub problem_type: String,
    /// A short summary: the HTTP reason phrase.
    pub title: String,
    /// The HTTP status code.
    #[schemars(range(min = 400, max = 599))]
    pub status: u16,
    /// The human-readable explanation of this occurrence.
    pub detail: String,
    /// The URI of this occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "uri-reference"))]
    pub instance: Option<String>,
    /// The machine-readable error code.
    pub code: String,
    /// Field-level validation messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub errors: Option<Vec<FieldMessage>>,
    /// The id of the failed request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The code's own members, from its params.
    #[serde(flatten)]
    pub extensions: Map<String, Value>,
}
