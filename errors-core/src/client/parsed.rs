//! The result of parsing an error response: the typed catalog error when
//! the code and its params could be recovered, and what is known otherwise.

use std::borrow::Cow;
use std::fmt;

use http::StatusCode;
use serde_json::Value;

use super::{FromPartsError, Parts, RetryDecision, RetryInfo, RetryPolicy};
use crate::{Catalog, EnvelopeKind, FieldErrors};

/// An error response, parsed.
///
/// # Examples
///
/// ```
/// use errors_core::catalog::{CatalogError, Code, ValidationError};
/// use errors_core::client::{ErrorKind, parse_response};
/// use http::{HeaderMap, StatusCode};
///
/// let parsed = parse_response(
///     StatusCode::BAD_REQUEST,
///     &HeaderMap::new(),
///     br#"{"error":"Server name too long (max 64 characters)"}"#,
/// )
/// .unwrap();
/// assert_eq!(parsed.code(), Some(Code::ServerNameTooLong));
/// match parsed.kind() {
///     ErrorKind::Known(CatalogError::Validation(ValidationError::ServerNameTooLong { max })) => {
///         assert_eq!(*max, 64);
///     }
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
///
/// Its type parameter is the catalog the parser read it with (see
/// [`Parser`](super::Parser)), the shipped one by default.
#[derive(Clone, PartialEq)]
pub struct ParsedError<
    #[cfg(feature = "catalog")] C: Catalog = crate::catalog::CatalogError,
    #[cfg(not(feature = "catalog"))] C: Catalog,
> {
    pub(crate) status: StatusCode,
    pub(crate) envelope: EnvelopeKind,
    pub(crate) origin: CodeOrigin<C>,
    pub(crate) kind: ErrorKind<C>,
    pub(crate) retry: RetryInfo,
    pub(crate) texts: MessageAndId,
}

impl<C: Catalog> ParsedError<C> {
    /// The response's HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The envelope the body was read as.
    pub fn envelope(&self) -> EnvelopeKind {
        self.envelope
    }

    /// The catalog code, when the body named a known code (or one of its
    /// aliases) or its message matched a template.
    pub fn code(&self) -> Option<C::Code> {
        match &self.kind {
            ErrorKind::Known(error) => Some(error.catalog_code()),
            ErrorKind::Incomplete(incomplete) => Some(incomplete.code),
            ErrorKind::Unknown(_) => None,
        }
    }

    /// How the code was found.
    pub fn origin(&self) -> &CodeOrigin<C> {
        &self.origin
    }

    /// The message as received.
    pub fn message(&self) -> &str {
        self.texts.message()
    }

    /// The typed error, or what is known of it.
    pub fn kind(&self) -> &ErrorKind<C> {
        &self.kind
    }

    /// The typed error, or what is known of it, by value.
    pub fn into_kind(self) -> ErrorKind<C> {
        self.kind
    }

    /// The typed catalog error, when the code and every required param
    /// were recovered.
    pub fn known(&self) -> Option<&C> {
        self.kind.known()
    }

    /// What the response says about retrying.
    pub fn retry(&self) -> &RetryInfo {
        &self.retry
    }

    /// The request id, from the body or the `X-Request-Id` header; quote it
    /// to support.
    pub fn request_id(&self) -> Option<&str> {
        self.texts.request_id()
    }

    /// The decision of the default [`RetryPolicy`] after this error, when
    /// `retries` retries were made already.
    pub fn retry_policy(&self, retries: u32) -> RetryDecision {
        RetryPolicy::default().decide(self, retries)
    }
}

impl<C: Catalog> fmt::Debug for ParsedError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedError")
            .field("status", &self.status)
            .field("envelope", &self.envelope)
            .field("origin", &self.origin)
            .field("message", &self.message())
            .field("kind", &self.kind)
            .field("retry", &self.retry)
            .field("request_id", &self.request_id())
            .finish()
    }
}

impl<C: Catalog> fmt::Display for ParsedError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status.as_u16();
        match &self.kind {
            ErrorKind::Known(error) => {
                write!(
                    f,
                    "`{status}` `{}`: {}",
                    crate::ApiError::code(error),
                    self.message()
                )
            }
            ErrorKind::Incomplete(incomplete) => {
                write!(f, "`{status}` `{}`: {}", incomplete.code, self.message())
            }
            ErrorKind::Unknown(unknown) => match &unknown.code {
                Some(code) => write!(f, "`{status}` `{code}` (unknown code): {}", self.message()),
                None => write!(f, "`{status}`: {}", self.message()),
            },
        }
    }
}

impl<C: Catalog> std::error::Error for ParsedError<C> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Known(error) => Some(error),
            ErrorKind::Incomplete(incomplete) => Some(&incomplete.reason),
            ErrorKind::Unknown(_) => None,
        }
    }
}

/// How far a response could be typed.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ErrorKind<
    #[cfg(feature = "catalog")] C: Catalog = crate::catalog::CatalogError,
    #[cfg(not(feature = "catalog"))] C: Catalog,
> {
    /// A catalog code with every required param: the typed error.
    Known(C),
    /// A catalog code whose typed error cannot be built, because the
    /// envelope or the audience left a required param out (or a value had
    /// the wrong type, or the code is retired).
    Incomplete(IncompleteError<C>),
    /// No catalog code: a code this client does not know (from a newer
    /// server), or a flat message that matches no template.
    Unknown(UnknownError),
}

impl<C: Catalog> ErrorKind<C> {
    /// The typed catalog error, when the code and every required param
    /// were recovered.
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::catalog::{AuthenticationError, CatalogError};
    /// use errors_core::client::parse_response;
    /// use http::{HeaderMap, StatusCode};
    ///
    /// let body = br#"{"error":{"code":"invalid_api_key","message":"Invalid API key format","status":401,"fields":{}}}"#;
    /// let parsed = parse_response(StatusCode::UNAUTHORIZED, &HeaderMap::new(), body).unwrap();
    /// assert_eq!(
    ///     parsed.kind().known(),
    ///     Some(&CatalogError::Authentication(AuthenticationError::InvalidApiKey))
    /// );
    /// ```
    pub fn known(&self) -> Option<&C> {
        match self {
            ErrorKind::Known(error) => Some(error),
            _ => None,
        }
    }

    /// The typed error of `code` built from `parts`, or, when a value is
    /// missing or invalid, the incomplete error that keeps them.
    pub(crate) fn from_parts(code: C::Code, mut parts: Parts) -> Self {
        match C::from_parts(code, &mut parts) {
            Ok(error) => ErrorKind::Known(error),
            Err(reason) => ErrorKind::Incomplete(IncompleteError {
                code,
                parts: Box::new(parts),
                reason,
            }),
        }
    }
}

/// A known code whose typed error could not be built.
#[derive(Clone, Debug, PartialEq)]
pub struct IncompleteError<
    #[cfg(feature = "catalog")] C: Catalog = crate::catalog::CatalogError,
    #[cfg(not(feature = "catalog"))] C: Catalog,
> {
    pub(crate) code: C::Code,
    /// Boxed: this path is rare, and a smaller [`ErrorKind`] makes every
    /// parse result cheaper to move.
    pub(crate) parts: Box<Parts>,
    pub(crate) reason: FromPartsError,
}

impl<C: Catalog> IncompleteError<C> {
    /// The code.
    pub fn code(&self) -> C::Code {
        self.code
    }

    /// The param values and field errors that were recovered.
    pub fn parts(&self) -> &Parts {
        &self.parts
    }

    /// What was missing or invalid.
    pub fn reason(&self) -> &FromPartsError {
        &self.reason
    }
}

/// An error whose code this client does not know, kept as received.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownError {
    status: StatusCode,
    code: Option<String>,
    message: String,
    /// The details and field errors, boxed when there are any: a smaller
    /// [`ErrorKind`] makes every parse result cheaper to move.
    extra: Option<Box<UnknownExtra>>,
}

/// The details and field errors of an [`UnknownError`].
#[derive(Clone, Debug, PartialEq)]
struct UnknownExtra {
    details: Option<Value>,
    fields: Option<FieldErrors>,
}

impl UnknownError {
    /// An error as received with code `code`, `message`, `details` and
    /// `fields`.
    pub(crate) fn new(
        status: StatusCode,
        code: Option<String>,
        message: String,
        details: Option<Value>,
        fields: Option<FieldErrors>,
    ) -> Self {
        let extra = (details.is_some() || fields.is_some())
            .then(|| Box::new(UnknownExtra { details, fields }));
        Self {
            status,
            code,
            message,
            extra,
        }
    }

    /// The response's HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The code as sent; `None` for a flat body.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message as received.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The details as received: the rich `details` object, the problem
    /// extension members as an object, or the flat `details` list.
    pub fn details(&self) -> Option<&Value> {
        self.extra.as_ref()?.details.as_ref()
    }

    /// The field errors, when the envelope carried them by field.
    pub fn fields(&self) -> Option<&FieldErrors> {
        self.extra.as_ref()?.fields.as_ref()
    }
}

/// How the code of a parsed error was found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CodeOrigin<
    #[cfg(feature = "catalog")] C: Catalog = crate::catalog::CatalogError,
    #[cfg(not(feature = "catalog"))] C: Catalog,
> {
    /// The body named it, as this id or alias: the catalog's own text for
    /// a code of the catalog (no copy), the body's for an unknown code.
    Stated(Cow<'static, str>),
    /// The body named none (the flat envelope); the message matched this
    /// code's template. `ties` are the other codes of the same status whose
    /// templates matched with as many literal characters; the first in
    /// catalog order was chosen, so a non-empty list means the code is a
    /// guess.
    Matched {
        /// The codes that ranked the same, in catalog order.
        ties: Vec<C::Code>,
    },
    /// No code: the body named none and no template matched.
    None,
}

/// A parsed error's message and request id, kept in one allocation: every
/// parse has a message, most responses a request id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MessageAndId {
    /// The message, then the request id.
    text: String,
    /// Where the message ends in `text`.
    message_end: usize,
    has_id: bool,
}

impl MessageAndId {
    pub(crate) fn new(message: &str, request_id: Option<&str>) -> Self {
        let id = request_id.unwrap_or_default();
        let mut text = String::with_capacity(message.len() + id.len());
        text.push_str(message);
        text.push_str(id);
        Self {
            text,
            message_end: message.len(),
            has_id: request_id.is_some(),
        }
    }

    pub(crate) fn message(&self) -> &str {
        &self.text[..self.message_end]
    }

    pub(crate) fn request_id(&self) -> Option<&str> {
        self.has_id.then(|| &self.text[self.message_end..])
    }
}

#[cfg(test)]
mod tests {
    use super::MessageAndId;

    #[test]
    fn the_message_and_the_request_id_come_back_apart() {
        for (message, id) in [
            ("Frozen", Some("req_1")),
            ("Größe überschritten", Some("ид-7")),
            ("", Some("req_2")),
            ("No id", None),
            ("Empty id", Some("")),
            ("", None),
        ] {
            let texts = MessageAndId::new(message, id);
            assert_eq!((texts.message(), texts.request_id()), (message, id));
        }
    }

    #[cfg(feature = "catalog")]
    #[test]
    fn debug_shows_the_message_and_the_request_id_as_fields() {
        let mut headers = http::HeaderMap::new();
        headers.insert("x-request-id", http::HeaderValue::from_static("req_9"));
        let parsed = crate::client::parse_response(
            http::StatusCode::CONFLICT,
            &headers,
            br#"{"error":"Frozen"}"#,
        )
        .unwrap();
        let debug = format!("{parsed:?}");
        assert!(debug.starts_with("ParsedError { status: 409,"), "{debug}");
        assert!(debug.contains(r#"message: "Frozen""#), "{debug}");
        assert!(debug.ends_with(r#"request_id: Some("req_9") }"#), "{debug}");
    }
}
