//! `#[derive(ApiError)]`: implements `Display`, `std::error::Error` and
//! `errors_core::ApiError` for an error enum or struct from `#[api(...)]`
//! attributes.
//!
//! Use it through `errors_core`, which re-exports it next to the trait of the
//! same name:
//!
//! ```
//! use errors_core::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! pub enum AccountError {
//!     #[api(code = "account_not_found", status = 404, message = "account {0} not found")]
//!     NotFound(String),
//! }
//! ```
//!
//! The attribute reference lives on the `errors_core::ApiError` derive
//! documentation. This crate only parses (`ast`, `attr`, `fmt`),
//! checks (`valid`) and emits (`expand`, `fallback`).

mod ast;
mod attr;
mod errors;
mod expand;
#[cfg(test)]
mod expand_tests;
mod fallback;
mod fmt;
mod valid;

use proc_macro::TokenStream;

/// Derives `Display`, `std::error::Error`, `errors_core::ApiError` and, for
/// `#[from]` fields, `From`; with errors-core's `axum` or `actix-web`
/// feature, also the framework's response trait.
///
/// # On a variant, or on a struct
///
/// `#[api(code = "...", status = N, message = "...")]`, plus optionally
/// `public_message = "..."` and `retryable`:
///
/// - `code`: the snake_case code id, unique within the enum;
/// - `status`: an HTTP status from 400 to 599;
/// - `message`: the full message (the `Display` output and what admins read);
///   `{field}` or `{0}` inserts a field, `{{` and `}}` are literal braces;
///   the template is split at compile time into direct writes;
/// - `public_message`: what the public audience reads instead; it cannot show
///   sensitive fields or the source, and a `message` that shows them needs one;
/// - `retryable`: clients may retry the request unchanged.
///
/// # On a field
///
/// Every field is a param, visited in declaration order, except the source
/// and the field errors. A param's type implements
/// `errors_core::IntoParamValue`; a field written `Option<T>` is visited only
/// when `Some` and renders as nothing in a message when `None`.
///
/// - `#[api(detail)]` or `#[api(detail = "member")]`: the value goes into the
///   envelope's details (under the field's name, or `member`);
/// - `#[api(header = "Retry-After")]`: the value goes into that header
///   (`Retry-After` only on 413, 429 and 503, `X-RateLimit-*` only on 429,
///   `WWW-Authenticate` only on 401);
/// - `#[api(sensitive)]`: never shown to the public audience;
/// - `#[api(fields)]`: the `errors_core::FieldErrors` (or an `Option` of it)
///   that envelopes render as field-level validation errors;
/// - `#[source]` or `#[api(source)]`: the cause, returned by
///   `Error::source` and never rendered; `#[from]` also generates
///   `From<Cause>` and must be the only field.
///
/// A tuple field that is in no template and has no `detail`, `header`,
/// `fields` or source role is rejected: it could never reach a client.
///
/// # Examples
///
/// ```
/// use errors_core::ApiError;
///
/// #[derive(Debug, ApiError)]
/// pub enum RateLimitError {
///     #[api(code = "rate_limit_exceeded", status = 429, retryable,
///           message = "Rate limit exceeded. Please retry after {retry_after} seconds.")]
///     RateLimitExceeded {
///         #[api(header = "Retry-After")]
///         retry_after: std::time::Duration,
///         #[api(detail = "limit", header = "X-RateLimit-Limit")]
///         limit: u32,
///     },
///     #[api(code = "not_found", status = 404, message = "{0} not found")]
///     NotFound(String),
/// }
///
/// let error = RateLimitError::NotFound("agent_1".to_owned());
/// assert_eq!(error.to_string(), "agent_1 not found");
/// assert_eq!(error.code(), "not_found");
/// assert_eq!(error.status().as_u16(), 404);
/// ```
#[proc_macro_derive(ApiError, attributes(api, source, from))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
