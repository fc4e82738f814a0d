//! `#[derive(ApiError)]`: implements `Display`, `std::error::Error` and
//! `errors_core::ApiError` for an error enum or struct from `#[api(...)]`
//! attributes.
//!
//! Use it through `errors_core`, which re-exports it next to the trait of the
//! same name:
//!
//! ```ignore
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
mod fallback;
mod fmt;
mod valid;

use proc_macro::TokenStream;

/// Derives `Display`, `std::error::Error`, `errors_core::ApiError` and, for
/// `#[from]` fields, `From`.
///
/// See the `errors_core::ApiError` derive documentation for the attributes.
#[proc_macro_derive(ApiError, attributes(api, source, from))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}
