//! The error of parsing an error response: the body could not be read as
//! any envelope. It keeps the response's status, which is still meaningful.

use std::fmt;

use http::StatusCode;

use crate::EnvelopeKind;

/// Why a response body could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The body is longer than the parser's limit; nothing was parsed.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
        /// The body's length, or a lower bound when the body was being
        /// read from a stream.
        length: usize,
    },
    /// The body is empty or only whitespace.
    Empty,
    /// The body ends in the middle of a JSON value.
    Truncated,
    /// The JSON nests arrays and objects deeper than serde_json's recursion
    /// limit (128 levels).
    TooDeep,
    /// The body is not JSON (or not UTF-8); the text is serde_json's.
    NotJson(String),
    /// The body is JSON but matches none of the envelopes.
    UnknownShape,
    /// The body has the shape of `envelope`, but a member is missing or has
    /// the wrong type; the text names it.
    Invalid {
        /// The envelope the body was read as.
        envelope: EnvelopeKind,
        /// What is wrong, naming the member.
        message: String,
    },
    /// The body could not be read from the connection (the reqwest helper).
    Read(String),
}

/// A response body that could not be parsed into an error, with the
/// response's status.
///
/// # Examples
///
/// ```
/// use errors_core::client::{ParseErrorKind, parse_response};
/// use http::{HeaderMap, StatusCode};
///
/// let error = parse_response(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"<html>oops</html>")
///     .unwrap_err();
/// assert_eq!(error.status(), StatusCode::BAD_GATEWAY);
/// assert!(matches!(error.kind(), ParseErrorKind::NotJson(_)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    status: StatusCode,
    kind: ParseErrorKind,
}

impl ParseError {
    /// An error of `kind` for a response with `status`.
    pub fn new(status: StatusCode, kind: ParseErrorKind) -> Self {
        Self { status, kind }
    }

    /// The response's HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Why the body could not be parsed.
    pub fn kind(&self) -> &ParseErrorKind {
        &self.kind
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let status = self.status.as_u16();
        write!(f, "cannot parse the error body of a `{status}` response: ")?;
        match &self.kind {
            ParseErrorKind::TooLarge { limit, length } => write!(
                f,
                "the body has {length} bytes, more than the limit of {limit}; raise `Parser::max_body_bytes` if the server really sends such bodies"
            ),
            ParseErrorKind::Empty => f.write_str("the body is empty"),
            ParseErrorKind::Truncated => {
                f.write_str("the JSON ends early; the body was cut off")
            }
            ParseErrorKind::TooDeep => {
                f.write_str("the JSON nests deeper than 128 levels")
            }
            ParseErrorKind::NotJson(message) => write!(f, "the body is not JSON ({message})"),
            ParseErrorKind::UnknownShape => f.write_str(
                "the JSON matches no envelope; name one with `Parser::envelope` if the shape is known",
            ),
            ParseErrorKind::Invalid { envelope, message } => {
                write!(f, "not a valid `{envelope}` body: {message}")
            }
            ParseErrorKind::Read(message) => write!(f, "reading the body failed ({message})"),
        }
    }
}

impl std::error::Error for ParseError {}
