//! The practical limit of parsing: `serde_json::from_slice` into plain
//! owned structs of each envelope's shape, the way a client without the
//! catalog reads an error body.

use std::collections::BTreeMap;

use errors_core::EnvelopeKind;
use serde::Deserialize;

/// A body read into the plain struct of its envelope.
#[derive(Debug)]
pub enum PlainBody {
    /// `{"error":{"code","message","status","fields"}}`.
    Nested {
        /// The error object.
        error: PlainNested,
    },
    /// `{"error":{"message","status","code","timestamp","details"}}`.
    Rich {
        /// The error object.
        error: PlainRich,
    },
    /// `{"error","details"}`.
    Flat(PlainFlat),
    /// Problem details (RFC 9457).
    Problem(PlainProblem),
}

/// The nested envelope's error object.
#[derive(Debug, Deserialize)]
pub struct PlainNested {
    /// The code id.
    pub code: String,
    /// The message.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
    /// Each field with its messages.
    #[serde(default)]
    pub fields: BTreeMap<String, Vec<String>>,
}

/// The flat envelope.
#[derive(Debug, Deserialize)]
pub struct PlainFlat {
    /// The message.
    pub error: String,
    /// The field messages, when there are field errors.
    #[serde(default)]
    pub details: Vec<String>,
}

/// The rich envelope's error object.
#[derive(Debug, Deserialize)]
pub struct PlainRich {
    /// The message.
    pub message: String,
    /// The HTTP status.
    pub status: u16,
    /// The code id.
    pub code: String,
    /// When the error happened, RFC 3339.
    pub timestamp: String,
    /// The field errors, when there are some.
    #[serde(default)]
    pub details: Option<PlainRichDetails>,
}

/// The rich envelope's details.
#[derive(Debug, Deserialize)]
pub struct PlainRichDetails {
    /// The field errors.
    #[serde(default)]
    pub errors: Vec<PlainFieldError>,
}

/// Problem details with the catalog's extension members.
#[derive(Debug, Deserialize)]
pub struct PlainProblem {
    /// The problem type URI.
    #[serde(rename = "type")]
    pub type_: String,
    /// The status's reason phrase.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// The message.
    pub detail: String,
    /// The occurrence's URI.
    #[serde(default)]
    pub instance: Option<String>,
    /// The code id.
    pub code: String,
    /// The field errors.
    #[serde(default)]
    pub errors: Vec<PlainFieldError>,
    /// The request id.
    #[serde(default)]
    pub request_id: Option<String>,
}

/// One field error.
#[derive(Debug, Deserialize)]
pub struct PlainFieldError {
    /// The field.
    pub field: String,
    /// The message.
    pub message: String,
}

/// Reads `body` as the plain struct of `envelope`.
///
/// # Errors
///
/// When `body` is not JSON of that shape.
///
/// # Examples
///
/// ```
/// use benchmarks::plain::{PlainBody, parse_plain};
/// use errors_core::EnvelopeKind;
///
/// let body = parse_plain(EnvelopeKind::Flat, br#"{"error":"Invalid API key format"}"#).unwrap();
/// assert!(matches!(body, PlainBody::Flat(flat) if flat.error == "Invalid API key format"));
/// ```
pub fn parse_plain(envelope: EnvelopeKind, body: &[u8]) -> Result<PlainBody, serde_json::Error> {
    #[derive(Deserialize)]
    struct Wrapped<T> {
        error: T,
    }
    Ok(match envelope {
        EnvelopeKind::Nested => PlainBody::Nested {
            error: serde_json::from_slice::<Wrapped<PlainNested>>(body)?.error,
        },
        EnvelopeKind::Rich => PlainBody::Rich {
            error: serde_json::from_slice::<Wrapped<PlainRich>>(body)?.error,
        },
        EnvelopeKind::Flat => PlainBody::Flat(serde_json::from_slice(body)?),
        EnvelopeKind::Problem => PlainBody::Problem(serde_json::from_slice(body)?),
    })
}
