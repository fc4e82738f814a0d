//! Used by generated code, not public API: the helpers `#[derive(ApiError)]`
//! expands to, re-exported from `errors_core::__private`.

use std::error::Error;
use std::fmt;

use crate::{FieldErrors, ParamValue};

/// The status `code` as a `StatusCode`, evaluated at compile time by the
/// derive's `const { ... }` blocks, so an invalid code fails the build.
pub const fn status(code: u16) -> http::StatusCode {
    match http::StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => panic!("an HTTP status code is a number from 100 to 999"),
    }
}

/// Writes a param into a message: strings as they are, numbers in decimal,
/// durations as whole seconds, lists joined with `", "`.
pub fn write_param<W: fmt::Write + ?Sized>(out: &mut W, value: ParamValue<'_>) -> fmt::Result {
    match value {
        ParamValue::Str(s) => out.write_str(s),
        ParamValue::Int(n) => write!(out, "{n}"),
        ParamValue::UInt(n) | ParamValue::Seconds(n) => write!(out, "{n}"),
        ParamValue::Bool(b) => out.write_str(if b { "true" } else { "false" }),
        ParamValue::List(items) => {
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.write_str(", ")?;
                }
                out.write_str(item)?;
            }
            Ok(())
        }
    }
}

/// The types an `#[api(fields)]` field may have; the derive calls it with
/// the field's type spelled out, so a wrong type is reported at the field.
#[diagnostic::on_unimplemented(
    message = "`#[api(fields)]` needs a `FieldErrors` or an `Option<FieldErrors>`, not `{Self}`",
    label = "not `errors_core::FieldErrors`"
)]
pub trait FieldErrorsField {
    /// The field errors, if any.
    fn field_errors(&self) -> Option<&FieldErrors>;
}

impl FieldErrorsField for FieldErrors {
    fn field_errors(&self) -> Option<&FieldErrors> {
        Some(self)
    }
}

impl FieldErrorsField for Option<FieldErrors> {
    fn field_errors(&self) -> Option<&FieldErrors> {
        self.as_ref()
    }
}

/// Turns a source field into `&dyn Error`, for sized error types and for the
/// boxed trait objects (`Box<dyn Error + Send + Sync>`) alike; the derive
/// calls it with method syntax so that auto-deref reaches the trait object.
pub trait AsDynError<'a> {
    /// `self` as a trait object.
    fn as_dyn_error(&self) -> &(dyn Error + 'a);
}

impl<'a, T: Error + 'a> AsDynError<'a> for T {
    fn as_dyn_error(&self) -> &(dyn Error + 'a) {
        self
    }
}

macro_rules! as_dyn_error_for_trait_objects {
    ($($object:ty),*) => {
        $(impl<'a> AsDynError<'a> for $object {
            fn as_dyn_error(&self) -> &(dyn Error + 'a) {
                self
            }
        })*
    };
}

as_dyn_error_for_trait_objects!(
    dyn Error + 'a,
    dyn Error + Send + 'a,
    dyn Error + Sync + 'a,
    dyn Error + Send + Sync + 'a
);

/// Emitted by `#[derive(ApiError)]` for every type: expands to the
/// framework impls that errors-core's enabled features ask for (`axum`,
/// `actix-web`, `tonic`, `utoipa`), and to nothing when none is enabled. The
/// features are evaluated here, in errors-core, which is why this is a macro.
///
/// `codes` lists the codes the type answers with and their statuses, for
/// the documented responses.
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_framework_integration {
    (impl [$($generics:tt)*] for [$($ty:tt)*] where [$($bounds:tt)*]) => {
        $crate::__private::impl_framework_integration! {
            impl [$($generics)*] for [$($ty)*] where [$($bounds)*] codes []
        }
    };
    (impl [$($generics:tt)*] for [$($ty:tt)*] where [$($bounds:tt)*] codes [$($codes:tt)*]) => {
        $crate::__private::__impl_axum! { impl [$($generics)*] for [$($ty)*] where [$($bounds)*] }
        $crate::__private::__impl_actix_web! { impl [$($generics)*] for [$($ty)*] where [$($bounds)*] }
        $crate::__private::__impl_tonic! { impl [$($generics)*] for [$($ty)*] where [$($bounds)*] }
        $crate::__private::__impl_utoipa! {
            impl [$($generics)*] for [$($ty)*] where [$($bounds)*] codes [$($codes)*]
        }
    };
}

/// Implemented by generated catalog types: what a code is in the catalog,
/// and its examples as values of the type.
pub trait CatalogExamples: Sized {
    /// The catalog's entry for `code` (an id or an alias), if any.
    fn code_info(code: &str) -> Option<&'static crate::CodeInfo>;

    /// The example named `name` of `code`, when the type raises `code`.
    fn catalog_example(code: &str, name: &str) -> Option<Self>;
}

/// Chooses, by autoref, between the examples of a [`CatalogExamples`] type
/// and none, for the documented responses of any derived type.
#[cfg(feature = "utoipa")]
pub struct ExampleProbe<T>(core::marker::PhantomData<T>);

#[cfg(feature = "utoipa")]
impl<T> ExampleProbe<T> {
    /// A probe for `T`.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        Self(core::marker::PhantomData)
    }
}

/// The examples of a catalog type.
#[cfg(feature = "utoipa")]
pub trait WithCatalogExamples {
    /// The catalog's examples of `code`, as values of the probed type.
    fn examples_of(&self, code: &'static str) -> Vec<crate::integration::utoipa::Example>;
}

#[cfg(feature = "utoipa")]
impl<T: CatalogExamples + crate::ApiError + 'static> WithCatalogExamples for &ExampleProbe<T> {
    fn examples_of(&self, code: &'static str) -> Vec<crate::integration::utoipa::Example> {
        crate::integration::utoipa::catalog_examples(T::code_info(code), |name| {
            T::catalog_example(code, name)
        })
    }
}

/// No examples: the type is not from the catalog.
#[cfg(feature = "utoipa")]
pub trait WithoutExamples {
    /// No examples.
    fn examples_of(&self, code: &'static str) -> Vec<crate::integration::utoipa::Example> {
        let _ = code;
        Vec::new()
    }
}

#[cfg(feature = "utoipa")]
impl<T> WithoutExamples for ExampleProbe<T> {}

#[cfg(not(feature = "axum"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_axum {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "actix-web"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_actix_web {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "tonic"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_tonic {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "utoipa"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_utoipa {
    ($($input:tt)*) => {};
}

pub use crate::__impl_framework_integration as impl_framework_integration;

pub use crate::{__impl_actix_web, __impl_axum, __impl_tonic, __impl_utoipa};
#[cfg(feature = "actix-web")]
pub use actix_web;
#[cfg(feature = "axum")]
pub use axum;
#[cfg(feature = "tonic")]
pub use tonic;
#[cfg(feature = "utoipa")]
pub use utoipa;
