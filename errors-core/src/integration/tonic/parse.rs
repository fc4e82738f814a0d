//! The client side of gRPC errors: a `tonic::Status` back into the typed
//! catalog error (the `tonic` and `client` features).

use std::fmt;
use std::time::Duration;

use http::StatusCode;
use tonic_types::StatusExt;

use super::http_status;
use crate::client::{ErrorKind, PartValue, Parts, UnknownError};
use crate::{Catalog, FieldErrors};

/// A `tonic::Status`, parsed.
///
/// Its type parameter is the catalog it was read with, the shipped one by
/// default (see [`parse_status_for`]).
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use errors_core::catalog::{CatalogError, RateLimitingError};
/// use errors_core::client::ErrorKind;
/// use errors_core::integration::tonic::{StatusRenderer, parse_status};
///
/// let sent = RateLimitingError::TooManyRequests { retry_after: Duration::from_secs(30) };
/// let status = StatusRenderer::new("api.example.com").render(&sent, Some("req_1"));
///
/// let parsed = parse_status(&status);
/// assert_eq!(parsed.status().as_u16(), 429);
/// assert_eq!(parsed.retry_after(), Some(Duration::from_secs(30)));
/// assert_eq!(parsed.request_id(), Some("req_1"));
/// assert_eq!(parsed.kind(), &ErrorKind::Known(CatalogError::RateLimiting(sent)));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedStatus<
    #[cfg(feature = "catalog")] C: Catalog = crate::catalog::CatalogError,
    #[cfg(not(feature = "catalog"))] C: Catalog,
> {
    grpc_code: tonic::Code,
    status: StatusCode,
    code: Option<C::Code>,
    domain: Option<String>,
    message: String,
    kind: ErrorKind<C>,
    retry_after: Option<Duration>,
    request_id: Option<String>,
}

impl<C: Catalog> ParsedStatus<C> {
    /// The gRPC code of the status.
    pub fn grpc_code(&self) -> tonic::Code {
        self.grpc_code
    }

    /// The HTTP status: the catalog's for a known code, else the one
    /// `google.rpc.Code` documents for the gRPC code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The catalog code, when `ErrorInfo.reason` named a known code or alias.
    pub fn code(&self) -> Option<C::Code> {
        self.code
    }

    /// `ErrorInfo.domain`, when the status had an `ErrorInfo`.
    pub fn domain(&self) -> Option<&str> {
        self.domain.as_deref()
    }

    /// The status message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How far the status could be typed.
    pub fn kind(&self) -> &ErrorKind<C> {
        &self.kind
    }

    /// The typed error, consumed.
    pub fn into_kind(self) -> ErrorKind<C> {
        self.kind
    }

    /// The typed catalog error, when every required param arrived.
    pub fn known(&self) -> Option<&C> {
        self.kind.known()
    }

    /// `RetryInfo.retry_delay`.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// `RequestInfo.request_id`.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl<C: Catalog> fmt::Display for ParsedStatus<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.grpc_code, self.message)
    }
}

impl<C: Catalog> std::error::Error for ParsedStatus<C> {}

/// Reads `status` back into the typed error of the shipped catalog: the code from
/// `ErrorInfo.reason` (aliases included), its params from
/// `ErrorInfo.metadata` and `RetryInfo`, its field errors from
/// `BadRequest`. A status without `ErrorInfo`, or with a code this client
/// does not know, is [`ErrorKind::Unknown`]; a known code whose required
/// params did not travel (a sensitive one never does) is
/// [`ErrorKind::Incomplete`]. Details that do not decode are ignored.
#[cfg(feature = "catalog")]
pub fn parse_status(status: &tonic::Status) -> ParsedStatus {
    parse_status_for(status)
}

/// Reads `status` back into the typed error of catalog `C`, a generated
/// `CatalogError`; see [`parse_status`].
///
/// # Examples
///
/// ```
/// use errors_core::catalog::{CatalogError, Code, ResourcesError};
/// use errors_core::integration::tonic::{StatusRenderer, parse_status_for};
///
/// let status = StatusRenderer::default().render(&ResourcesError::AgentNotFound, None);
/// let parsed = parse_status_for::<CatalogError>(&status);
/// assert_eq!(parsed.code(), Some(Code::AgentNotFound));
/// ```
pub fn parse_status_for<C: Catalog>(status: &tonic::Status) -> ParsedStatus<C> {
    let details = status.get_error_details();
    let info = details.error_info();
    let retry_after = details.retry_info().and_then(|retry| retry.retry_delay);
    let fields = details.bad_request().map(|bad_request| {
        let mut fields = FieldErrors::new();
        for violation in &bad_request.field_violations {
            fields.push(violation.field.clone(), violation.description.clone());
        }
        fields
    });
    let code = info.and_then(|info| C::find(&info.reason));
    let kind = match (code, info) {
        (Some(code), Some(info)) => {
            let catalog = C::info(code);
            let mut parts = Parts::new();
            for param in catalog.params {
                if let Some(text) = info.metadata.get(param.name) {
                    parts.insert(param.name, PartValue::Text(text.clone()));
                } else if let (Some(delay), Some(header)) = (retry_after, param.header)
                    && header.eq_ignore_ascii_case("retry-after")
                {
                    parts.insert(param.name, PartValue::Text(delay.as_secs().to_string()));
                }
            }
            match (&fields, catalog.fields) {
                (Some(fields), _) => parts.set_field_errors(fields.clone()),
                // A status leaves an empty `BadRequest` out.
                (None, true) => parts.set_field_errors(FieldErrors::new()),
                (None, false) => {}
            }
            ErrorKind::from_parts(code, parts)
        }
        _ => ErrorKind::Unknown(UnknownError::new(
            http_status(status.code()),
            info.map(|info| info.reason.clone()),
            status.message().to_owned(),
            info.map(|info| {
                serde_json::Value::Object(
                    info.metadata
                        .iter()
                        .map(|(name, value)| (name.clone(), value.clone().into()))
                        .collect(),
                )
            }),
            fields,
        )),
    };
    ParsedStatus {
        grpc_code: status.code(),
        status: code.map_or_else(|| http_status(status.code()), |code| C::info(code).status),
        code,
        domain: info.map(|info| info.domain.clone()),
        message: status.message().to_owned(),
        kind,
        retry_after,
        request_id: details
            .request_info()
            .map(|request| request.request_id.clone())
            .filter(|id| !id.is_empty()),
    }
}
