//! Envelopes: the wire formats an error renders into.
//!
//! The set is open: the four built-ins ([`Nested`], [`Flat`], [`Rich`],
//! [`Problem`]) implement the same public [`Envelope`] trait a team implements
//! to add its own format, and a custom envelope gets rendering, headers,
//! audiences and schema export exactly like them.

mod flat;
mod nested;
mod problem;
mod rich;

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::json::member;
use crate::schema::SchemaLayout;
use crate::{ErrorView, JsonWriter, ObjectWriter};

pub use flat::{Flat, FlatBody, FlatMcp};
pub use nested::{Nested, NestedBody, NestedError};
pub use problem::{Problem, ProblemBody};
pub use rich::{Rich, RichBody, RichDetails, RichError};

/// The `Content-Type` of plain JSON bodies.
pub const APPLICATION_JSON: &str = "application/json";

/// The `Content-Type` of RFC 9457 problem details.
pub const APPLICATION_PROBLEM_JSON: &str = "application/problem+json";

/// A wire format for errors.
///
/// An envelope writes the body of one error from an [`ErrorView`], which has
/// already applied the audience rules (public message, no sensitive params,
/// no source errors), and describes the bodies it writes with a JSON Schema.
/// The trait is object safe: a [`Renderer`](crate::Renderer) holds an
/// `Arc<dyn Envelope>`.
///
/// # Examples
///
/// A format of one's own, `{"code": "...", "text": "..."}`:
///
/// ```
/// use errors_core::schema::SchemaLayout;
/// use errors_core::{ApiError, Audience, Envelope, ErrorView, JsonWriter, Renderer};
/// use http::StatusCode;
///
/// #[derive(Debug)]
/// struct Terse;
///
/// impl Envelope for Terse {
///     fn name(&self) -> &str {
///         "terse"
///     }
///
///     fn write_body(&self, error: &ErrorView<'_>, out: JsonWriter<'_>) {
///         let mut body = out.object();
///         body.member("code").str(error.code());
///         body.member("text").string_with(|text| error.write_message(text));
///     }
///
///     fn json_schema(&self) -> schemars::Schema {
///         schemars::json_schema!({
///             "type": "object",
///             "properties": {"code": {"type": "string"}, "text": {"type": "string"}},
///             "required": ["code", "text"]
///         })
///     }
///
///     fn schema_layout(&self) -> SchemaLayout {
///         SchemaLayout::new("", "code")
///     }
/// }
///
/// #[derive(Debug)]
/// struct Gone;
/// impl std::fmt::Display for Gone {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         f.write_str("The page is gone")
///     }
/// }
/// impl std::error::Error for Gone {}
/// impl ApiError for Gone {
///     fn code(&self) -> &'static str { "gone" }
///     fn status(&self) -> StatusCode { StatusCode::GONE }
///     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
///         write!(out, "{self}")
///     }
/// }
///
/// let renderer = Renderer::builder().envelope(Terse).build();
/// let body = renderer.render_body(&Gone);
/// assert_eq!(body, br#"{"code":"gone","text":"The page is gone"}"#);
/// ```
pub trait Envelope: Send + Sync + fmt::Debug {
    /// The format's name, such as `"rich"`; it names its schema file.
    fn name(&self) -> &str;

    /// The body's `Content-Type`: [`APPLICATION_JSON`] unless overridden.
    ///
    /// A value that is not a valid header value is replaced by
    /// [`APPLICATION_JSON`] when rendering.
    fn content_type(&self) -> &'static str {
        APPLICATION_JSON
    }

    /// Writes the body of `error` into `out`.
    fn write_body(&self, error: &ErrorView<'_>, out: JsonWriter<'_>);

    /// The JSON Schema (2020-12) every body this envelope writes validates against.
    fn json_schema(&self) -> schemars::Schema;

    /// Where [`json_schema`](Envelope::json_schema) puts the code and the
    /// details, so that [`schema::catalog_aware`](crate::schema::catalog_aware)
    /// can narrow them to a catalog. [`SchemaLayout::OPAQUE`] (the default)
    /// leaves the schema as it is.
    fn schema_layout(&self) -> SchemaLayout {
        SchemaLayout::OPAQUE
    }

    /// The initial capacity of the body buffer, in bytes.
    ///
    /// A hint large enough for most bodies keeps rendering to a single
    /// allocation.
    fn size_hint(&self) -> usize {
        256
    }
}

impl<E: Envelope + ?Sized> Envelope for &E {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn content_type(&self) -> &'static str {
        (**self).content_type()
    }
    fn write_body(&self, error: &ErrorView<'_>, out: JsonWriter<'_>) {
        (**self).write_body(error, out);
    }
    fn json_schema(&self) -> schemars::Schema {
        (**self).json_schema()
    }
    fn schema_layout(&self) -> SchemaLayout {
        (**self).schema_layout()
    }
    fn size_hint(&self) -> usize {
        (**self).size_hint()
    }
}

/// The built-in envelopes, by name.
///
/// Handy where the format comes from configuration; an `EnvelopeKind` is an
/// [`Envelope`] itself.
///
/// # Examples
///
/// ```
/// use errors_core::{Envelope, EnvelopeKind};
///
/// let kind: EnvelopeKind = "rich".parse().unwrap();
/// assert_eq!(kind, EnvelopeKind::Rich);
/// assert_eq!(kind.name(), "rich");
/// assert_eq!(EnvelopeKind::Problem.content_type(), "application/problem+json");
/// assert!("xml".parse::<EnvelopeKind>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EnvelopeKind {
    /// [`Nested`]: `{"error":{"code","message","status","fields"}}`.
    Nested,
    /// [`Flat`]: `{"error":"message"}`.
    Flat,
    /// [`Rich`]: `{"error":{"message","status","code","timestamp","details"}}`.
    Rich,
    /// [`Problem`]: RFC 9457 `application/problem+json`.
    Problem,
}

impl EnvelopeKind {
    /// Every built-in envelope, in a stable order.
    pub const ALL: [EnvelopeKind; 4] = [
        EnvelopeKind::Nested,
        EnvelopeKind::Flat,
        EnvelopeKind::Rich,
        EnvelopeKind::Problem,
    ];

    /// The envelope's name: `nested`, `flat`, `rich` or `problem`.
    pub const fn as_str(self) -> &'static str {
        match self {
            EnvelopeKind::Nested => "nested",
            EnvelopeKind::Flat => "flat",
            EnvelopeKind::Rich => "rich",
            EnvelopeKind::Problem => "problem",
        }
    }

    fn envelope(self) -> &'static dyn Envelope {
        match self {
            EnvelopeKind::Nested => &Nested,
            EnvelopeKind::Flat => &Flat,
            EnvelopeKind::Rich => &Rich,
            EnvelopeKind::Problem => &Problem,
        }
    }
}

impl fmt::Display for EnvelopeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EnvelopeKind {
    type Err = UnknownEnvelope;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        EnvelopeKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
            .ok_or(UnknownEnvelope)
    }
}

impl Envelope for EnvelopeKind {
    fn name(&self) -> &str {
        self.as_str()
    }
    fn content_type(&self) -> &'static str {
        self.envelope().content_type()
    }
    fn write_body(&self, error: &ErrorView<'_>, out: JsonWriter<'_>) {
        self.envelope().write_body(error, out);
    }
    fn json_schema(&self) -> schemars::Schema {
        self.envelope().json_schema()
    }
    fn schema_layout(&self) -> SchemaLayout {
        self.envelope().schema_layout()
    }
    fn size_hint(&self) -> usize {
        self.envelope().size_hint()
    }
}

/// The error of parsing an [`EnvelopeKind`] from an unknown name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownEnvelope;

impl fmt::Display for UnknownEnvelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown envelope, expected one of `nested`, `flat`, `rich`, `problem`")
    }
}

impl std::error::Error for UnknownEnvelope {}

/// One field-level validation message, as the rich and problem envelopes
/// list them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(description = "One validation message of one field.")]
pub struct FieldMessage {
    /// The field's name.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

/// Writes the field errors as `[{"field", "message"}]`, one entry per
/// message, at most `max_items` entries in all.
fn write_field_messages(error: &ErrorView<'_>, out: JsonWriter<'_>) {
    let mut entries = out.array();
    let Some(fields) = error.field_errors() else {
        return;
    };
    for (field, messages) in fields.iter() {
        for message in messages {
            if entries.is_full() {
                return;
            }
            let mut entry = entries.item().object();
            member!(entry, "field").str(field);
            member!(entry, "message").str(message);
        }
    }
}

/// The most detail members one body carries; params past it are left out.
///
/// The catalog checker rejects a code with more `detail` params, so that no
/// catalog value is silently dropped.
///
/// # Examples
///
/// ```
/// assert_eq!(errors_core::MAX_DETAIL_MEMBERS, 32);
/// ```
pub const MAX_DETAIL_MEMBERS: usize = 32;

/// The members the built-in envelopes write themselves, next to or instead of
/// an error's detail members: a param's `detail` member with one of these
/// names is not written.
///
/// The problem envelope (RFC 9457) writes all of them at the top level, where
/// its detail members go; the rich envelope writes `errors` and `request_id`
/// into its `details` object. The catalog checker rejects a `detail` member
/// with one of these names, and a client reading details skips them.
///
/// # Examples
///
/// ```
/// assert!(errors_core::RESERVED_DETAIL_MEMBERS.contains(&"title"));
/// ```
pub const RESERVED_DETAIL_MEMBERS: &[&str] = &[
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "errors",
    "request_id",
];

/// Writes every visible param with a `detail` member whose name is not in
/// `reserved` as a member of `object`.
///
/// When two params name the same member, the first one is written, so that
/// member names stay unique; at most [`MAX_DETAIL_MEMBERS`] are written.
fn write_detail_members(error: &ErrorView<'_>, object: &mut ObjectWriter<'_>, reserved: &[&str]) {
    let mut written: [&str; MAX_DETAIL_MEMBERS] = [""; MAX_DETAIL_MEMBERS];
    let mut count = 0;
    error.for_each_param(|param| {
        let Some(member) = param.detail else {
            return;
        };
        if count == MAX_DETAIL_MEMBERS
            || reserved.contains(&member)
            || written[..count].contains(&member)
        {
            return;
        }
        written[count] = member;
        count += 1;
        object.member(member).param(param.value);
    });
}
