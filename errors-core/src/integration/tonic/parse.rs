//! The client side of gRPC errors: a `tonic::Status` back into the typed
//! catalog error (the `tonic` and `client` features).

use std::fmt;
use std::time::Duration;

use http::StatusCode;
use tonic_types::StatusExt;

use super::http_status;
use crate::FieldErrors;
use crate::catalog::{CatalogError, Code};
use crate::client::{ErrorKind, IncompleteError, PartValue, Parts, UnknownError};

/// A `tonic::Status`, parsed.
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
pub struct ParsedStatus {
    grpc_code: tonic::Code,
    status: StatusCode,
    domain: Option<String>,
    message: String,
    kind: ErrorKind,
    retry_after: Option<Duration>,
    request_id: Option<String>,
}

impl ParsedStatus {
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
    pub fn code(&self) -> Option<Code> {
        match &self.kind {
            ErrorKind::Known(error) => Code::find(crate::ApiError::code(error)),
            ErrorKind::Incomplete(incomplete) => Some(incomplete.code()),
            _ => None,
        }
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
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The typed error, consumed.
    pub fn into_kind(self) -> ErrorKind {
        self.kind
    }

    /// The typed catalog error, when every required param arrived.
    pub fn known(&self) -> Option<&CatalogError> {
        match &self.kind {
            ErrorKind::Known(error) => Some(error),
            _ => None,
        }
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

impl fmt::Display for ParsedStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.grpc_code, self.message)
    }
}

impl std::error::Error for ParsedStatus {}

/// Reads `status` back into the typed catalog error: the code from
/// `ErrorInfo.reason` (aliases included), its params from
/// `ErrorInfo.metadata` and `RetryInfo`, its field errors from
/// `BadRequest`. A status without `ErrorInfo`, or with a code this client
/// does not know, is [`ErrorKind::Unknown`]; a known code whose required
/// params did not travel (a sensitive one never does) is
/// [`ErrorKind::Incomplete`]. Details that do not decode are ignored.
pub fn parse_status(status: &tonic::Status) -> ParsedStatus {
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
    let code = info.and_then(|info| Code::find(&info.reason));
    let kind = match (code, info) {
        (Some(code), Some(info)) => {
            let catalog = code.info();
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
            typed(code, parts)
        }
        _ => ErrorKind::Unknown(UnknownError {
            status: http_status(status.code()),
            code: info.map(|info| info.reason.clone()),
            message: status.message().to_owned(),
            details: info.map(|info| {
                serde_json::Value::Object(
                    info.metadata
                        .iter()
                        .map(|(name, value)| (name.clone(), value.clone().into()))
                        .collect(),
                )
            }),
            fields,
        }),
    };
    ParsedStatus {
        grpc_code: status.code(),
        status: code.map_or_else(|| http_status(status.code()), |code| code.status()),
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

/// The typed error of `code` from `parts`.
fn typed(code: Code, parts: Parts) -> ErrorKind {
    match CatalogError::from_parts(code, &parts) {
        Ok(error) => ErrorKind::Known(error),
        Err(reason) => ErrorKind::Incomplete(IncompleteError {
            code,
            parts,
            reason,
        }),
    }
}
