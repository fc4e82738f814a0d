//! The client side: parse any error response back into a typed catalog
//! error (feature `client`).
//!
//! A [`Parser`] reads a status, the headers and the body bytes of a
//! response in any of the four envelopes, detected from `Content-Type` and
//! the body's shape or named by the caller, and gives a [`ParsedError`]. It
//! reads the errors of one catalog, any type that implements
//! [`Catalog`](crate::Catalog): a service's own generated `CatalogError`
//! (`Parser::<my_errors::CatalogError>::for_catalog()`), or, with the
//! default feature `catalog`, the shipped one (`Parser::new()` and the
//! `parse_response` shortcut). Codes, aliases and flat messages are
//! recognised from that catalog only:
//!
//! - [`ErrorKind::Known`]: the body named a catalog code (or an alias), or
//!   its flat message matched a code's template, and every required param
//!   was recovered: the catalog's generated `CatalogError`, equal to the one
//!   the server rendered.
//! - [`ErrorKind::Incomplete`]: a catalog code whose typed error cannot be
//!   built, because what the envelope or the audience drops (see below)
//!   included a required param; the code and the recovered [`Parts`] remain.
//! - [`ErrorKind::Unknown`]: a code this client does not know (a newer
//!   server), or a flat message that matches no template: the status, code,
//!   message and raw details are kept. Never a failure.
//!
//! A body that is not an error of any envelope gives a [`ParseError`] that
//! keeps the status: too large (1 MiB by default, checked before parsing),
//! empty, truncated, nested deeper than serde_json's recursion limit of 128,
//! not JSON, or JSON of no known shape or with a member of the wrong type.
//! Parsing never panics.
//!
//! # Where params come back from
//!
//! Each param is read from the first place that has it: its details member,
//! its header, the flat `retry_after` (for the `Retry-After` param), then
//! the placeholders of the message, matched against the code's message
//! template and else its public one. A value must convert into the param's
//! type (`{max}` must be an integer); text is parsed, JSON must have the
//! right JSON type. A `Retry-After` header holding an HTTP date gives a
//! `seconds` param the seconds left until that date (zero once past).
//!
//! | carried by                   | nested            | flat                                | rich                        | problem                 |
//! |------------------------------|-------------------|-------------------------------------|-----------------------------|-------------------------|
//! | the code                     | `error.code`      | none: matched from the message      | `error.code`                | `code`                  |
//! | params in the message        | placeholders      | placeholders                        | placeholders                | placeholders            |
//! | params with a `detail`       | not carried       | `details`, for one `string_list` param of a code without field errors | `error.details.<member>` | extension members |
//! | params with a `header`       | headers           | headers; `Retry-After` also as `retry_after` | headers            | headers                 |
//! | field errors                 | `error.fields`, in order | only when there are none (messages lose their field) | `error.details.errors` (none when absent) | `errors` (none when absent) |
//! | request id                   | `X-Request-Id`    | `X-Request-Id`                      | `details.request_id` (5xx), `X-Request-Id` | `request_id`, `X-Request-Id` |
//!
//! What the public audience sees is less: its message is the code's public
//! message, so params that only the full message shows are gone, and a
//! sensitive param is in no message, member or header. A code that needs
//! such a param parses as [`ErrorKind::Incomplete`] from a public
//! rendering. Long strings were cut by the renderer's
//! [`Limits`](crate::Limits), so a cut value may not match its template.
//!
//! # Codes from flat messages
//!
//! The flat envelope carries no code. Its message is matched against every
//! template (message and public message) of the codes whose status is the
//! response's status; a code of another status never matches. The template
//! with the most literal characters wins, so `Rate limit exceeded` beats
//! `{reason}`; among equals the first code in catalog order is taken, and
//! the others are listed in [`CodeOrigin::Matched`]: a message such as
//! `Email already exists` matches three `{reason}` codes of status `400`,
//! and only the ties tell that the choice is a guess.
//!
//! # Retrying
//!
//! [`RetryInfo`] has `Retry-After` (seconds or an HTTP date), the flat
//! `retry_after`, the `X-RateLimit-*` values and the catalog's `retryable`
//! flag; [`RetryPolicy`] turns them into a [`RetryDecision`] following the
//! API documents: no retry on a 4xx except `408`, `425` and `429`,
//! exponential backoff with jitter, `Retry-After` respected, bounded
//! attempts.
//!
//! # Examples
//!
//! ```
//! use errors_core::catalog::{CatalogError, RateLimitingError};
//! use errors_core::client::{ErrorKind, RetryDecision, RetryPolicy, parse_response};
//! use http::{HeaderMap, HeaderValue, StatusCode};
//! use std::time::Duration;
//!
//! let mut headers = HeaderMap::new();
//! headers.insert("retry-after", HeaderValue::from_static("60"));
//! let body = br#"{"error":{"message":"Rate limit exceeded. Please retry after 60 seconds.",
//!     "status":429,"code":"rate_limit_exceeded","timestamp":"2024-12-01T12:00:00Z",
//!     "details":{"limit":100,"remaining":0,"reset":1638360060}}}"#;
//! let parsed = parse_response(StatusCode::TOO_MANY_REQUESTS, &headers, body).unwrap();
//! let ErrorKind::Known(CatalogError::RateLimiting(RateLimitingError::RateLimitExceeded {
//!     retry_after, limit, ..
//! })) = parsed.kind() else { panic!("{parsed:?}") };
//! assert_eq!((*retry_after, *limit), (Duration::from_secs(60), 100));
//!
//! let policy = RetryPolicy::default().jitter(|_max| Duration::ZERO);
//! assert_eq!(policy.decide(&parsed, 0), RetryDecision::Retry(Duration::from_secs(60)));
//! ```

mod parts;

pub use parts::{
    Checked, CheckedValue, FromPart, FromPartsError, FromPartsReason, PartValue, Parts,
};

#[cfg(feature = "client")]
mod body;
#[cfg(feature = "client")]
mod error;
#[cfg(feature = "client")]
mod parsed;
#[cfg(feature = "client")]
mod parser;
#[cfg(feature = "reqwest")]
mod reqwest_ext;
#[cfg(feature = "client")]
mod retry;
#[cfg(feature = "client")]
mod wire;

#[cfg(feature = "client")]
pub use error::{ParseError, ParseErrorKind};
#[cfg(feature = "client")]
pub use parsed::{CodeOrigin, ErrorKind, IncompleteError, ParsedError, UnknownError};
#[cfg(all(feature = "client", feature = "catalog"))]
pub use parser::parse_response;
#[cfg(feature = "client")]
pub use parser::{DEFAULT_MAX_BODY_BYTES, Parser};
#[cfg(feature = "reqwest")]
pub use reqwest_ext::ResponseExt;
#[cfg(feature = "client")]
pub use retry::{
    Jitter, RandomJitter, RateLimit, RetryAfter, RetryDecision, RetryInfo, RetryPolicy, StopReason,
};
