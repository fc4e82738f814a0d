//! `api_error()` on `reqwest::Response` (feature `reqwest`): reads the body,
//! at most the parser's limit of it, and parses it.

use std::future::Future;

use super::{ParseError, ParseErrorKind, ParsedError, Parser};
use crate::Catalog;

/// Parses a `reqwest::Response` as a catalog error.
///
/// The body is read chunk by chunk and reading stops as soon as it passes
/// the parser's limit (also checked against `Content-Length` first), so a
/// hostile server cannot make the client buffer more than that.
///
/// # Examples
///
/// ```no_run
/// use errors_core::client::{ErrorKind, ResponseExt};
///
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// let response = reqwest::get("http://localhost:8080/agents/a1").await?;
/// if !response.status().is_success() {
///     let error = response.api_error().await?;
///     if let ErrorKind::Known(known) = error.kind() {
///         eprintln!("{known}");
///     }
///     return Err(error.into());
/// }
/// # Ok(())
/// # }
/// ```
///
/// For a service's own catalog, name it:
/// `response.api_error_as::<my_service::errors::CatalogError>()`, or pass a
/// configured `Parser::for_catalog()` to [`api_error_with`](Self::api_error_with).
pub trait ResponseExt: private::Sealed {
    /// Reads and parses the body with the default [`Parser`] of the shipped
    /// catalog.
    #[cfg(feature = "catalog")]
    fn api_error(self) -> impl Future<Output = Result<ParsedError, ParseError>> + Send;

    /// Reads and parses the body with the default [`Parser`] of catalog `C`.
    fn api_error_as<C: Catalog>(
        self,
    ) -> impl Future<Output = Result<ParsedError<C>, ParseError>> + Send;

    /// Reads and parses the body with `parser`.
    fn api_error_with<C: Catalog>(
        self,
        parser: Parser<C>,
    ) -> impl Future<Output = Result<ParsedError<C>, ParseError>> + Send;
}

impl ResponseExt for reqwest::Response {
    #[cfg(feature = "catalog")]
    fn api_error(self) -> impl Future<Output = Result<ParsedError, ParseError>> + Send {
        self.api_error_with(Parser::new())
    }

    fn api_error_as<C: Catalog>(
        self,
    ) -> impl Future<Output = Result<ParsedError<C>, ParseError>> + Send {
        self.api_error_with(Parser::<C>::for_catalog())
    }

    async fn api_error_with<C: Catalog>(
        mut self,
        parser: Parser<C>,
    ) -> Result<ParsedError<C>, ParseError> {
        let status = self.status();
        let limit = parser.body_limit();
        let too_large =
            |length: usize| ParseError::new(status, ParseErrorKind::TooLarge { limit, length });
        if let Some(length) = self.content_length()
            && length > limit as u64
        {
            return Err(too_large(usize::try_from(length).unwrap_or(usize::MAX)));
        }
        let mut body = Vec::new();
        loop {
            match self.chunk().await {
                Ok(Some(chunk)) => {
                    let length = body.len().saturating_add(chunk.len());
                    if length > limit {
                        return Err(too_large(length));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(error) => {
                    return Err(ParseError::new(
                        status,
                        ParseErrorKind::Read(error.to_string()),
                    ));
                }
            }
        }
        parser.parse(status, self.headers(), &body)
    }
}

mod private {
    /// Only `reqwest::Response` implements the extension.
    pub trait Sealed {}

    impl Sealed for reqwest::Response {}
}
