//! Web framework integration: derived errors as axum and actix-web responses.

#[doc(hidden)]
pub mod derive_support;
