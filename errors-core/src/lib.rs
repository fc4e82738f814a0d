//! The runtime every backend crate links to return catalog errors.
//!
//! An error type describes itself through the [`ApiError`] trait (usually by
//! `#[derive(ApiError)]` or by the code generated from the catalog); an
//! envelope then renders it into one of the wire formats.

mod api_error;
mod field_errors;

pub use api_error::{ApiError, Audience, IntoParamValue, Param, ParamValue, ParamVisitor};
pub use field_errors::FieldErrors;
