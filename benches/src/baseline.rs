//! The practical limit: hand-written `#[derive(Serialize)]` bodies of the
//! same shape as each envelope, serialized by serde_json to the same bytes.
//!
//! This is what a team writes without the catalog: a struct per envelope,
//! its members in the envelope's order, borrowing the error's strings, and a
//! `match` that knows each code's id, status and message. Both sides start
//! from the same error value and write into a buffer of the envelope's
//! [`size_hint`](errors_core::Envelope::size_hint).

use errors_core::catalog::{AuthenticationError, CatalogError, ValidationError};
use errors_core::{Envelope, EnvelopeKind, FieldErrors, Timestamp};
use http::StatusCode;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// What the hand-written bodies need from an error.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    /// The code id.
    pub code: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The message shown to the public.
    pub message: &'a str,
    /// The field errors, `None` when there are none.
    pub fields: Option<&'a FieldErrors>,
}

/// The facts of `error`, as a hand-written `match` would know them.
///
/// # Panics
///
/// If `error` is not one of the codes the benchmarks render
/// ([`Case`](crate::fixtures::Case)).
pub fn facts(error: &CatalogError) -> Facts<'_> {
    match error {
        CatalogError::Authentication(AuthenticationError::InvalidApiKey) => Facts {
            code: "invalid_api_key",
            status: StatusCode::UNAUTHORIZED,
            message: "Invalid API key format",
            fields: None,
        },
        CatalogError::Validation(ValidationError::UserValidationError { reason, fields }) => {
            Facts {
                code: "user_validation_error",
                status: StatusCode::BAD_REQUEST,
                message: reason,
                fields: (!fields.is_empty()).then_some(fields),
            }
        }
        other => panic!("the baseline has no hand-written body for {other:?}"),
    }
}

/// The nested envelope: `{"error":{"code","message","status","fields"}}`.
#[derive(Serialize)]
struct NestedBody<'a> {
    error: NestedError<'a>,
}

#[derive(Serialize)]
struct NestedError<'a> {
    code: &'a str,
    message: &'a str,
    status: u16,
    #[serde(serialize_with = "fields_map")]
    fields: Option<&'a FieldErrors>,
}

/// The flat envelope: `{"error","details"}`.
#[derive(Serialize)]
struct FlatBody<'a> {
    error: &'a str,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "field_messages"
    )]
    details: Option<&'a FieldErrors>,
}

/// The rich envelope: `{"error":{"message","status","code","timestamp","details"}}`.
#[derive(Serialize)]
struct RichBody<'a> {
    error: RichError<'a>,
}

#[derive(Serialize)]
struct RichError<'a> {
    message: &'a str,
    status: u16,
    code: &'a str,
    timestamp: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<RichDetails<'a>>,
}

#[derive(Serialize)]
struct RichDetails<'a> {
    #[serde(serialize_with = "field_list")]
    errors: &'a FieldErrors,
}

/// The problem envelope (RFC 9457) with the catalog's extension members.
#[derive(Serialize)]
struct ProblemBody<'a> {
    #[serde(rename = "type")]
    type_: &'a str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    instance: &'a str,
    code: &'a str,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "optional_field_list"
    )]
    errors: Option<&'a FieldErrors>,
    request_id: &'a str,
}

/// One field error of the rich and problem envelopes.
#[derive(Serialize)]
pub struct FieldEntry<'a> {
    /// The field.
    pub field: &'a str,
    /// One of its messages.
    pub message: &'a str,
}

/// `{"field":["message",...],...}`; `{}` without field errors.
fn fields_map<S: Serializer>(fields: &Option<&FieldErrors>, s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(None)?;
    for (field, messages) in fields.iter().flat_map(|fields| fields.iter()) {
        map.serialize_entry(field, messages)?;
    }
    map.end()
}

/// `["message",...]`: every message of every field.
fn field_messages<S: Serializer>(fields: &Option<&FieldErrors>, s: S) -> Result<S::Ok, S::Error> {
    let mut seq = s.serialize_seq(None)?;
    for (_, messages) in fields.iter().flat_map(|fields| fields.iter()) {
        for message in messages {
            seq.serialize_element(message)?;
        }
    }
    seq.end()
}

/// `[{"field","message"},...]`: one entry per message.
fn field_list<S: Serializer>(fields: &&FieldErrors, s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(FieldList(fields).entries())
}

fn optional_field_list<S: Serializer>(
    fields: &Option<&FieldErrors>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match fields {
        Some(fields) => field_list(fields, s),
        None => s.serialize_none(),
    }
}

/// Field errors as the list `[{"field","message"},...]`.
#[derive(Clone, Copy, Debug)]
pub struct FieldList<'a>(pub &'a FieldErrors);

impl<'a> FieldList<'a> {
    /// One entry per message, in order.
    pub fn entries(self) -> impl Iterator<Item = FieldEntry<'a>> {
        self.0.iter().flat_map(|(field, messages)| {
            messages
                .iter()
                .map(move |message| FieldEntry { field, message })
        })
    }
}

impl Serialize for FieldList<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.entries())
    }
}

/// The body of `error` in `envelope`, written by serde_json from a
/// hand-written struct.
///
/// `now` is the rich envelope's timestamp; `instance` and `request_id` are
/// the problem envelope's members of the same names.
///
/// # Examples
///
/// ```
/// use benchmarks::baseline::serde_body;
/// use benchmarks::fixtures::{Case, INSTANCE, NOW, REQUEST_ID};
/// use errors_core::EnvelopeKind;
///
/// let body = serde_body(EnvelopeKind::Flat, &Case::Plain.error(), NOW, INSTANCE, REQUEST_ID);
/// assert_eq!(body, br#"{"error":"Invalid API key format"}"#);
/// ```
///
/// # Panics
///
/// If `error` is not a benchmark case (see [`facts`]).
pub fn serde_body(
    envelope: EnvelopeKind,
    error: &CatalogError,
    now: Timestamp,
    instance: &str,
    request_id: &str,
) -> Vec<u8> {
    let facts = facts(error);
    let mut out = Vec::with_capacity(envelope.size_hint());
    let written = match envelope {
        EnvelopeKind::Nested => serde_json::to_writer(
            &mut out,
            &NestedBody {
                error: NestedError {
                    code: facts.code,
                    message: facts.message,
                    status: facts.status.as_u16(),
                    fields: facts.fields,
                },
            },
        ),
        EnvelopeKind::Flat => serde_json::to_writer(
            &mut out,
            &FlatBody {
                error: facts.message,
                details: facts.fields,
            },
        ),
        EnvelopeKind::Rich => {
            let timestamp = now.rfc3339_bytes();
            let timestamp = std::str::from_utf8(&timestamp).expect("RFC 3339 is ASCII");
            serde_json::to_writer(
                &mut out,
                &RichBody {
                    error: RichError {
                        message: facts.message,
                        status: facts.status.as_u16(),
                        code: facts.code,
                        timestamp,
                        details: facts.fields.map(|errors| RichDetails { errors }),
                    },
                },
            )
        }
        EnvelopeKind::Problem => serde_json::to_writer(
            &mut out,
            &ProblemBody {
                type_: "about:blank",
                title: errors_core::reason_phrase(facts.status).unwrap_or(""),
                status: facts.status.as_u16(),
                detail: facts.message,
                instance,
                code: facts.code,
                errors: facts.fields,
                request_id,
            },
        ),
    };
    written.expect("writing to a Vec cannot fail");
    out
}
