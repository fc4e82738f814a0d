//! gRPC with tonic 0.14: catalog errors as `tonic::Status` with the
//! `google.rpc` error details, and back (the `tonic` feature).
//!
//! A [`StatusRenderer`] turns any [`ApiError`] into a `tonic::Status`,
//! following AIP-193:
//!
//! - the gRPC code comes from the HTTP status, by the table below, which
//!   reverses the HTTP mapping documented on `google.rpc.Code`;
//! - the status message is the message of the renderer's audience (the
//!   public message by default);
//! - `ErrorInfo`: `reason` is the code id (`RATE_LIMIT_EXCEEDED` in Google's
//!   APIs, the catalog's `rate_limit_exceeded` here), `domain` the service's
//!   name, and `metadata` every non-sensitive param, by param name, written
//!   as in messages and headers (numbers in decimal, durations in seconds,
//!   lists joined by `", "`);
//! - `RetryInfo` from the param sent as `Retry-After`;
//! - `BadRequest`, one field violation per field error message;
//! - `RequestInfo` with the request id, when there is one.
//!
//! With the `tonic` feature, `#[derive(ApiError)]` (and so every generated
//! catalog type) also implements `From<E> for tonic::Status`, rendering with
//! the [default status renderer](default_status_renderer), so that handlers
//! can use `?`.
//!
//! | HTTP status | gRPC code             | | HTTP status | gRPC code           |
//! |-------------|-----------------------|-|-------------|---------------------|
//! | 400         | `INVALID_ARGUMENT`    | | 499         | `CANCELLED`         |
//! | 401         | `UNAUTHENTICATED`     | | 500         | `INTERNAL`          |
//! | 403         | `PERMISSION_DENIED`   | | 501         | `UNIMPLEMENTED`     |
//! | 404, 410    | `NOT_FOUND`           | | 502, 503    | `UNAVAILABLE`       |
//! | 409         | `ALREADY_EXISTS`      | | 504         | `DEADLINE_EXCEEDED` |
//! | 412         | `FAILED_PRECONDITION` | | other 4xx   | `FAILED_PRECONDITION` |
//! | 416         | `OUT_OF_RANGE`        | | other 5xx   | `INTERNAL`          |
//! | 422         | `INVALID_ARGUMENT`    | | other       | `UNKNOWN`           |
//! | 429         | `RESOURCE_EXHAUSTED`  | |             |                     |
//!
//! `google.rpc.Code` maps `ABORTED` to 409 too, and `FAILED_PRECONDITION` and
//! `OUT_OF_RANGE` to 400; going from HTTP, one code has to be chosen, and the
//! client does not need the others: it reads the catalog code from
//! `ErrorInfo`, and the HTTP status from the catalog.
//!
//! With the `client` feature, `parse_status` reads such a status back into
//! the typed `CatalogError` of the shipped catalog ([`parse_status_for`] of
//! any generated catalog), like `errors_core::client::parse_response` reads
//! an HTTP response.

#[cfg(feature = "client")]
mod parse;

use std::collections::HashMap;
use std::sync::OnceLock;

use http::StatusCode;
use tonic::Code;
use tonic_types::{ErrorDetails, FieldViolation, StatusExt};

use crate::{ApiError, Audience, Param, ParamValue, ParamVisitor};

#[cfg(all(feature = "client", feature = "catalog"))]
pub use parse::parse_status;
#[cfg(feature = "client")]
pub use parse::{ParsedStatus, parse_status_for};

/// The `ErrorInfo.domain` of a [`StatusRenderer`] that names none.
pub const DEFAULT_DOMAIN: &str = "errors-core";

/// The gRPC code for an HTTP status, by the table of the
/// [module documentation](self).
///
/// # Examples
///
/// ```
/// use errors_core::integration::tonic::grpc_code;
/// use http::StatusCode;
///
/// assert_eq!(grpc_code(StatusCode::TOO_MANY_REQUESTS), tonic::Code::ResourceExhausted);
/// assert_eq!(grpc_code(StatusCode::NOT_FOUND), tonic::Code::NotFound);
/// assert_eq!(grpc_code(StatusCode::IM_A_TEAPOT), tonic::Code::FailedPrecondition);
/// ```
pub fn grpc_code(status: StatusCode) -> Code {
    match status.as_u16() {
        400 | 422 => Code::InvalidArgument,
        401 => Code::Unauthenticated,
        403 => Code::PermissionDenied,
        404 | 410 => Code::NotFound,
        409 => Code::AlreadyExists,
        412 => Code::FailedPrecondition,
        416 => Code::OutOfRange,
        429 => Code::ResourceExhausted,
        499 => Code::Cancelled,
        501 => Code::Unimplemented,
        502 | 503 => Code::Unavailable,
        504 => Code::DeadlineExceeded,
        400..=499 => Code::FailedPrecondition,
        500..=599 => Code::Internal,
        _ => Code::Unknown,
    }
}

/// The HTTP status `google.rpc.Code` documents for a gRPC code, for statuses
/// that carry no catalog code.
///
/// # Examples
///
/// ```
/// use errors_core::integration::tonic::http_status;
///
/// assert_eq!(http_status(tonic::Code::ResourceExhausted).as_u16(), 429);
/// assert_eq!(http_status(tonic::Code::Aborted).as_u16(), 409);
/// ```
pub fn http_status(code: Code) -> StatusCode {
    match code {
        Code::Ok => StatusCode::OK,
        Code::Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => {
            StatusCode::BAD_REQUEST
        }
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::Aborted => StatusCode::CONFLICT,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        Code::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::Unknown | Code::Internal | Code::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Renders errors as `tonic::Status`: the `ErrorInfo` domain and the
/// audience of the message.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use errors_core::catalog::RateLimitingError;
/// use errors_core::integration::tonic::StatusRenderer;
/// use tonic_types::StatusExt;
///
/// let error = RateLimitingError::TooManyRequests { retry_after: Duration::from_secs(30) };
/// let status = StatusRenderer::new("api.example.com").render(&error, Some("req_1"));
/// assert_eq!(status.code(), tonic::Code::ResourceExhausted);
/// assert_eq!(status.message(), "Rate limit exceeded");
/// let details = status.get_error_details();
/// let info = details.error_info().unwrap();
/// assert_eq!((info.reason.as_str(), info.domain.as_str()), ("too_many_requests", "api.example.com"));
/// assert_eq!(info.metadata["retry_after"], "30");
/// assert_eq!(details.retry_info().unwrap().retry_delay, Some(Duration::from_secs(30)));
/// assert_eq!(details.request_info().unwrap().request_id, "req_1");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusRenderer {
    domain: String,
    audience: Audience,
}

impl StatusRenderer {
    /// A renderer for the public audience with `domain` as the `ErrorInfo`
    /// domain: the service's name, such as `api.example.com`.
    pub fn new(domain: impl Into<String>) -> Self {
        Self {
            domain: domain.into(),
            audience: Audience::Public,
        }
    }

    /// Sets who reads the status messages.
    #[must_use]
    pub fn audience(mut self, audience: Audience) -> Self {
        self.audience = audience;
        self
    }

    /// The `ErrorInfo` domain.
    pub fn domain(&self) -> &str {
        &self.domain
    }

    /// `error` as a status, with the request id in `RequestInfo` when given.
    pub fn render(&self, error: &dyn ApiError, request_id: Option<&str>) -> tonic::Status {
        let mut message = String::new();
        // Writing into a `String` only fails if the error's own impl does.
        let _ = error.write_message(self.audience, &mut message);

        let mut metadata = Metadata::default();
        error.visit_params(&mut metadata);
        let mut details =
            ErrorDetails::with_error_info(error.code(), self.domain.clone(), metadata.entries);
        if let Some(seconds) = metadata.retry_after {
            details.set_retry_info(Some(std::time::Duration::from_secs(seconds)));
        }
        if let Some(fields) = error.field_errors() {
            let violations: Vec<FieldViolation> = fields
                .iter()
                .flat_map(|(field, messages)| {
                    messages
                        .iter()
                        .map(move |message| FieldViolation::new(field, message))
                })
                .collect();
            if !violations.is_empty() {
                details.set_bad_request(violations);
            }
        }
        if let Some(id) = request_id {
            details.set_request_info(id, "");
        }
        tonic::Status::with_error_details(grpc_code(error.status()), message, details)
    }
}

impl Default for StatusRenderer {
    fn default() -> Self {
        Self::new(DEFAULT_DOMAIN)
    }
}

/// The non-sensitive params as `ErrorInfo` metadata, and the `Retry-After` delay.
#[derive(Default)]
struct Metadata {
    entries: HashMap<String, String>,
    retry_after: Option<u64>,
}

impl ParamVisitor for Metadata {
    fn visit(&mut self, param: Param<'_>) {
        if param.sensitive {
            return;
        }
        if param
            .header
            .is_some_and(|header| header.eq_ignore_ascii_case("retry-after"))
            && let ParamValue::Seconds(seconds) | ParamValue::UInt(seconds) = param.value
        {
            self.retry_after = Some(seconds);
        }
        let mut text = String::new();
        // Writing into a `String` cannot fail.
        let _ = crate::__private::write_param(&mut text, param.value);
        self.entries.insert(param.name.to_owned(), text);
    }
}

static DEFAULT_STATUS_RENDERER: OnceLock<StatusRenderer> = OnceLock::new();

/// Sets the renderer the derived `From<E> for tonic::Status` impls use;
/// call it once at startup. Returns the renderer back if one was already
/// set (or already used).
///
/// # Examples
///
/// ```
/// use errors_core::integration::tonic::{StatusRenderer, default_status_renderer, set_default_status_renderer};
///
/// let _ = set_default_status_renderer(StatusRenderer::new("api.example.com"));
/// assert_eq!(default_status_renderer().domain(), "api.example.com");
/// ```
pub fn set_default_status_renderer(renderer: StatusRenderer) -> Result<(), StatusRenderer> {
    DEFAULT_STATUS_RENDERER.set(renderer)
}

/// The renderer set by [`set_default_status_renderer`], or one for the
/// public audience with the [`DEFAULT_DOMAIN`].
pub fn default_status_renderer() -> &'static StatusRenderer {
    DEFAULT_STATUS_RENDERER.get_or_init(StatusRenderer::default)
}

/// `error` as a status, with the [default status renderer](default_status_renderer).
///
/// This is what the derived `From<E> for tonic::Status` calls.
pub fn into_status(error: &dyn ApiError) -> tonic::Status {
    default_status_renderer().render(error, None)
}

/// Emitted by the derive through `impl_framework_integration!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_tonic {
    (impl [$($generics:tt)*] for [$($ty:tt)*] where [$($bounds:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* ::core::convert::From<$($ty)*> for $crate::__private::tonic::Status
        where
            $($bounds)*
        {
            fn from(error: $($ty)*) -> Self {
                $crate::integration::tonic::into_status(&error)
            }
        }
    };
}
