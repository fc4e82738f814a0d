//! The [`Catalog`] trait: what the runtime knows of a generated catalog.
//!
//! Every catalog that `cargo xtask codegen` or `codegen::build` generates,
//! the one shipped as [`errors_core::catalog`](crate::catalog) and a team's
//! own alike, implements it on its `CatalogError`. Code that is generic over
//! catalogs, such as the client parser, reads codes, metadata, aliases and
//! message templates through it and builds that catalog's typed errors, so
//! a service's own catalog never parses into codes of another.

use std::fmt;
use std::hash::Hash;

use crate::client::{FromPartsError, Parts};
use crate::message_match::MessageTemplates;
use crate::{ApiError, CodeInfo};

/// A generated catalog, implemented on its `CatalogError` (the enum that
/// wraps every domain's error).
///
/// The implementation is generated: write catalogs in YAML, not this trait
/// by hand. Use it as a bound where code works with any catalog, and as the
/// type parameter that chooses a catalog, as in
/// `Parser::<my_service::errors::CatalogError>::for_catalog()`.
///
/// # Examples
///
/// ```
/// use errors_core::Catalog;
/// use errors_core::catalog::{CatalogError, Code};
///
/// fn describe<C: Catalog>(name: &str) -> Option<String> {
///     let code = C::find(name)?;
///     let info = C::info(code);
///     Some(format!("{} ({})", info.id, info.status.as_u16()))
/// }
///
/// assert_eq!(
///     describe::<CatalogError>("throttle_exceeded").as_deref(),
///     Some("rate_limit_exceeded (429)"),
/// );
/// assert_eq!(CatalogError::codes().len(), CatalogError::table().len());
/// assert_eq!(CatalogError::codes()[0], Code::ALL[0]);
/// ```
pub trait Catalog: ApiError + Clone + fmt::Debug + PartialEq + Send + Sync + 'static {
    /// The fieldless enum of every code (the generated `Code`).
    type Code: Copy + Eq + Hash + fmt::Debug + fmt::Display + Send + Sync + 'static;

    /// Every code, retired ones included, in catalog order.
    fn codes() -> &'static [Self::Code];

    /// The metadata of every code, in the order of [`codes`](Self::codes)
    /// (the generated `CODES`).
    fn table() -> &'static [CodeInfo];

    /// Everything the catalog says about `code`.
    fn info(code: Self::Code) -> &'static CodeInfo;

    /// The position of `code` in [`codes`](Self::codes) and
    /// [`table`](Self::table).
    fn index(code: Self::Code) -> usize;

    /// The code whose id or one of whose aliases is `name`.
    fn find(name: &str) -> Option<Self::Code>;

    /// The code of this error.
    fn catalog_code(&self) -> Self::Code;

    /// Builds the error of `code` from the param values and field errors a
    /// client received, taking the values it uses out of `parts`; when it
    /// fails, `parts` is left as it was.
    ///
    /// # Errors
    ///
    /// When a required param or the field errors are missing, when a value
    /// does not have its param's type, or when `code` is retired and so has
    /// no variant.
    fn from_parts(code: Self::Code, parts: &mut Parts) -> Result<Self, FromPartsError>;

    /// The catalog's message templates, compiled once. Generated; not part
    /// of the public API.
    #[doc(hidden)]
    fn message_templates() -> &'static MessageTemplates;
}
