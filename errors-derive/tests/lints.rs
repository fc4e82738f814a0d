//! The expansion is lint-clean: these types derive `ApiError` under strict
//! rustc lints, and `cargo clippy --all-targets` checks clippy's as well.

#![deny(
    warnings,
    missing_docs,
    unused_qualifications,
    unused_results,
    unused_extern_crates,
    trivial_casts,
    trivial_numeric_casts,
    unreachable_pub,
    single_use_lifetimes,
    deprecated,
    clippy::all,
    clippy::pedantic,
    clippy::nursery
)]

use std::fmt::Debug;
use std::time::Duration;

use errors_core::{ApiError, FieldErrors};

/// Errors of every shape, with a deprecated variant as the catalog generates.
#[derive(Debug, ApiError)]
pub enum Strict {
    /// A struct variant using every field attribute.
    #[api(
        code = "rate_limit_exceeded",
        status = 429,
        retryable,
        message = "retry after {retry_after} seconds: {cause} ({note})",
        public_message = "Rate limit exceeded"
    )]
    Limited {
        /// Seconds to wait.
        #[api(header = "Retry-After", detail)]
        retry_after: Duration,
        /// A secret.
        #[api(sensitive)]
        secret: String,
        /// An optional note.
        note: Option<String>,
        /// Field errors.
        #[api(fields)]
        fields: Option<FieldErrors>,
        /// The cause.
        #[source]
        cause: std::io::Error,
    },
    /// A unit variant.
    #[deprecated = "use `Limited`"]
    #[api(code = "old_code", status = 400, message = "old")]
    Old,
    /// A tuple variant with a converted source.
    #[api(
        code = "io_failed",
        status = 500,
        message = "io failed",
        public_message = "Internal error"
    )]
    Io(#[from] std::io::Error),
}

/// A generic struct: bounds are inferred for the field's type.
#[derive(Debug, ApiError)]
#[api(code = "missing_item", status = 404, message = "missing {item}")]
pub struct Missing<T: Debug> {
    /// The missing item.
    #[api(detail)]
    pub item: T,
}

/// An uninhabited error.
#[derive(Debug, ApiError)]
pub enum Never {}

#[test]
fn strict_types_work() {
    let error = Missing { item: 7_u32 };
    assert_eq!(error.to_string(), "missing 7");
    assert_eq!(error.code(), "missing_item");
    let io: Strict = std::io::Error::other("disk").into();
    assert_eq!(io.status().as_u16(), 500);
}
