//! The flat envelope (Agent700): `{"error":"message"}` with optional
//! `details`, `retry_after` and the MCP `success` flag.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::json::member;
use crate::schema::{self, SchemaLayout};
use crate::{Envelope, ErrorView, JsonWriter, ParamValue};

/// The flat envelope: the message as the `error` string.
///
/// Besides `error` it writes, when they apply:
///
/// - `details`: a list of strings. It holds the items of every visible
///   [`ParamValue::List`] param that has a `detail` member (such as a list of
///   broken password rules), then the messages of the field errors, each as
///   it is (field messages in this format name their field themselves, like
///   "Password must be at least 12 characters long"); at most
///   [`Limits::max_items`](crate::Limits::max_items) entries. Params of other
///   types with a `detail` member are not rendered: this format has no place
///   for them.
/// - `retry_after`: the seconds of the param whose header is `Retry-After`.
///
/// [`FlatMcp`] is the same envelope with `"success": false` written first, as
/// the format's MCP endpoints send it; select it per response with
/// [`ResponseContext::envelope`](crate::ResponseContext::envelope).
///
/// # Examples
///
/// ```
/// # use errors_core::{ApiError, Audience, Param, ParamValue, ParamVisitor};
/// # use http::StatusCode;
/// # #[derive(Debug)]
/// # struct RateLimited;
/// # impl std::fmt::Display for RateLimited {
/// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("Rate limit exceeded") }
/// # }
/// # impl std::error::Error for RateLimited {}
/// # impl ApiError for RateLimited {
/// #     fn code(&self) -> &'static str { "rate_limit_exceeded" }
/// #     fn status(&self) -> StatusCode { StatusCode::TOO_MANY_REQUESTS }
/// #     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result { write!(out, "{self}") }
/// #     fn visit_params(&self, visitor: &mut dyn ParamVisitor) {
/// #         visitor.visit(Param { name: "retry_after", value: ParamValue::Seconds(60), detail: None, header: Some("Retry-After"), sensitive: false });
/// #     }
/// # }
/// use errors_core::{Flat, FlatMcp, Renderer, ResponseContext};
///
/// let renderer = Renderer::new(Flat);
/// assert_eq!(
///     renderer.render_body(&RateLimited),
///     br#"{"error":"Rate limit exceeded","retry_after":60}"#,
/// );
/// let mcp = ResponseContext::new().envelope(&FlatMcp);
/// assert_eq!(
///     renderer.render_body_with(&RateLimited, &mcp),
///     br#"{"success":false,"error":"Rate limit exceeded","retry_after":60}"#,
/// );
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flat;

/// The flat envelope in its MCP form: `{"success": false, "error": "message"}`,
/// otherwise exactly like [`Flat`].
///
/// # Examples
///
/// ```
/// # use errors_core::{ApiError, Audience};
/// # use http::StatusCode;
/// # #[derive(Debug)]
/// # struct NotFound;
/// # impl std::fmt::Display for NotFound {
/// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("Server not found") }
/// # }
/// # impl std::error::Error for NotFound {}
/// # impl ApiError for NotFound {
/// #     fn code(&self) -> &'static str { "server_not_found" }
/// #     fn status(&self) -> StatusCode { StatusCode::NOT_FOUND }
/// #     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result { write!(out, "{self}") }
/// # }
/// use errors_core::{Envelope, FlatMcp, Renderer};
///
/// let renderer = Renderer::new(FlatMcp);
/// assert_eq!(renderer.render_body(&NotFound), br#"{"success":false,"error":"Server not found"}"#);
/// assert_eq!(FlatMcp.name(), "flat");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FlatMcp;

/// Implements [`Envelope`] for a form of the flat envelope: both forms share
/// the name, the body writer and the schema, and differ in `success`.
macro_rules! flat_envelope {
    ($form:ty, success_member: $success:literal) => {
        impl Envelope for $form {
            fn name(&self) -> &str {
                "flat"
            }

            fn write_body(&self, error: &ErrorView<'_>, out: JsonWriter<'_>) {
                write_flat_body(error, out, $success);
            }

            fn json_schema(&self) -> schemars::Schema {
                schema::body_schema::<FlatBody>()
            }

            fn schema_layout(&self) -> SchemaLayout {
                SchemaLayout::OPAQUE
            }
        }
    };
}

flat_envelope!(Flat, success_member: false);
flat_envelope!(FlatMcp, success_member: true);

/// Writes a flat body; `success_member` selects the MCP form.
fn write_flat_body(error: &ErrorView<'_>, out: JsonWriter<'_>, success_member: bool) {
    let mut root = out.object();
    if success_member {
        member!(root, "success").bool(false);
    }
    member!(root, "error").string_with(|text| error.write_message(text));

    let mut has_list_details = false;
    let mut retry_after = None;
    error.for_each_param(|param| {
        if param.detail.is_some() && matches!(param.value, ParamValue::List(_)) {
            has_list_details = true;
        }
        let is_retry_after = param
            .header
            .is_some_and(|header| header.eq_ignore_ascii_case("retry-after"));
        if is_retry_after && retry_after.is_none() {
            retry_after = seconds(param.value);
        }
    });

    if has_list_details || error.field_errors().is_some() {
        let mut details = member!(root, "details").array();
        error.for_each_param(|param| {
            if let (Some(_), ParamValue::List(items)) = (param.detail, param.value) {
                for item in items {
                    if !details.push_str(item) {
                        break;
                    }
                }
            }
        });
        for (_, messages) in error.field_errors().into_iter().flat_map(|f| f.iter()) {
            for message in messages {
                if !details.push_str(message) {
                    break;
                }
            }
        }
    }

    if let Some(seconds) = retry_after {
        member!(root, "retry_after").u64(seconds);
    }
}

/// A body of the [`Flat`] envelope (both forms, [`FlatMcp`] too), for schemas and for clients.
///
/// # Examples
///
/// ```
/// use errors_core::FlatBody;
///
/// let body: FlatBody = serde_json::from_str(r#"{"success":false,"error":"Server not found"}"#).unwrap();
/// assert_eq!(body.success, Some(false));
/// assert_eq!(body.error, "Server not found");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "Flat error body",
    description = "An error in the flat envelope: `{\"error\": \"message\"}`, with `details` and `retry_after` when they apply and `success: false` in the MCP form."
)]
pub struct FlatBody {
    /// Always `false`; present in the MCP form only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("const" = false), with = "bool")]
    pub success: Option<bool>,
    /// The human-readable message.
    pub error: String,
    /// Specific problems, such as each broken password rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<String>>,
    /// Seconds to wait before retrying, for rate limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "u64")]
    pub retry_after: Option<u64>,
}

/// A `Retry-After` param's value in seconds, if it is a non-negative number.
fn seconds(value: ParamValue<'_>) -> Option<u64> {
    match value {
        ParamValue::Seconds(seconds) | ParamValue::UInt(seconds) => Some(seconds),
        ParamValue::Int(seconds) => u64::try_from(seconds).ok(),
        ParamValue::Str(text) => text.parse().ok(),
        ParamValue::Bool(_) | ParamValue::List(_) => None,
    }
}
