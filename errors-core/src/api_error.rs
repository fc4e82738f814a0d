//! The error contract: what every catalog error tells an envelope about itself.

use std::fmt;

use http::StatusCode;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::FieldErrors;

/// Who reads a rendered error.
///
/// The public audience sees a code's public message instead of its full
/// message, and never sees sensitive params or source errors. The admin
/// audience sees the full message.
///
/// # Examples
///
/// ```
/// use errors_core::Audience;
///
/// assert_eq!(Audience::default(), Audience::Public);
/// assert_eq!(Audience::ALL.map(Audience::as_str), ["public", "admin"]);
/// assert_eq!(serde_json::to_string(&Audience::Admin).unwrap(), r#""admin""#);
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// End users and third parties: the public message, no sensitive params.
    /// The safe default.
    #[default]
    Public,
    /// Operators and administrators: the full message and every param.
    Admin,
}

impl Audience {
    /// Both audiences, public first.
    pub const ALL: [Audience; 2] = [Audience::Public, Audience::Admin];

    /// `public` or `admin`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Admin => "admin",
        }
    }
}

/// The value of one error parameter, borrowed from the error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamValue<'a> {
    /// A string.
    Str(&'a str),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A boolean.
    Bool(bool),
    /// A duration in whole seconds.
    Seconds(u64),
    /// A list of strings.
    List(&'a [String]),
}

/// One parameter of an error, with where it goes on the wire besides the message.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param<'a> {
    /// The parameter's name, as declared in the catalog.
    pub name: &'static str,
    /// The value.
    pub value: ParamValue<'a>,
    /// The member name under which the value goes into the envelope's details, if any.
    pub detail: Option<&'static str>,
    /// The HTTP header that carries the value, if any (`Retry-After`, `X-RateLimit-Remaining`, ...).
    pub header: Option<&'static str>,
    /// Whether the value must never be shown to the public audience.
    pub sensitive: bool,
}

/// Receives the params of an error, in declaration order.
pub trait ParamVisitor {
    /// Called once per param that has a value (an absent optional param is not visited).
    fn visit(&mut self, param: Param<'_>);
}

/// Converts a field of an error type into a [`ParamValue`].
///
/// Implemented for the param types of the catalog: strings, integers, `bool`,
/// [`std::time::Duration`] (as seconds) and `Vec<String>`. Implement it for
/// your own types to use them as error fields that go into details or headers.
pub trait IntoParamValue {
    /// Borrows `self` as a param value.
    fn to_param_value(&self) -> ParamValue<'_>;
}

/// The contract of a catalog error: everything an envelope needs to render it.
///
/// `Display` is the full (admin) message. The source error, from
/// [`std::error::Error::source`], is never rendered to the public.
///
/// # Examples
///
/// A hand-written implementation (the derive writes the same):
///
/// ```
/// use std::fmt;
/// use errors_core::{ApiError, Audience, Param, ParamValue, ParamVisitor};
/// use http::StatusCode;
///
/// #[derive(Debug)]
/// struct RateLimited { retry_after: u64 }
///
/// impl fmt::Display for RateLimited {
///     fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
///         f.write_str("Rate limit exceeded")
///     }
/// }
/// impl std::error::Error for RateLimited {}
///
/// impl ApiError for RateLimited {
///     fn code(&self) -> &'static str { "rate_limit_exceeded" }
///     fn status(&self) -> StatusCode { StatusCode::TOO_MANY_REQUESTS }
///     fn retryable(&self) -> bool { true }
///     fn write_message(&self, _: Audience, out: &mut dyn fmt::Write) -> fmt::Result {
///         write!(out, "{self}")
///     }
///     fn visit_params(&self, visitor: &mut dyn ParamVisitor) {
///         visitor.visit(Param {
///             name: "retry_after",
///             value: ParamValue::Seconds(self.retry_after),
///             detail: None,
///             header: Some("Retry-After"),
///             sensitive: false,
///         });
///     }
/// }
///
/// let error = RateLimited { retry_after: 60 };
/// assert_eq!(error.code(), "rate_limit_exceeded");
/// assert_eq!(error.status().as_u16(), 429);
/// ```
pub trait ApiError: std::error::Error {
    /// The stable snake_case code id, e.g. `"rate_limit_exceeded"`.
    fn code(&self) -> &'static str;

    /// The HTTP status, always 400-599.
    fn status(&self) -> StatusCode;

    /// Whether a client may retry the same request unchanged.
    fn retryable(&self) -> bool {
        false
    }

    /// Writes the message that `audience` sees.
    ///
    /// For [`Audience::Admin`] this is the full message (the `Display` output);
    /// for [`Audience::Public`] it is the code's public message when it has one,
    /// and never contains a sensitive param.
    fn write_message(&self, audience: Audience, out: &mut dyn fmt::Write) -> fmt::Result;

    /// Visits every param of the error, in declaration order.
    fn visit_params(&self, visitor: &mut dyn ParamVisitor) {
        let _ = visitor;
    }

    /// Field-level validation errors carried by this error, if any.
    fn field_errors(&self) -> Option<&FieldErrors> {
        None
    }
}

impl IntoParamValue for String {
    fn to_param_value(&self) -> ParamValue<'_> {
        ParamValue::Str(self)
    }
}

impl IntoParamValue for &str {
    fn to_param_value(&self) -> ParamValue<'_> {
        ParamValue::Str(self)
    }
}

impl IntoParamValue for std::borrow::Cow<'_, str> {
    fn to_param_value(&self) -> ParamValue<'_> {
        ParamValue::Str(self)
    }
}

impl IntoParamValue for bool {
    fn to_param_value(&self) -> ParamValue<'_> {
        ParamValue::Bool(*self)
    }
}

impl IntoParamValue for Vec<String> {
    fn to_param_value(&self) -> ParamValue<'_> {
        ParamValue::List(self)
    }
}

impl IntoParamValue for std::time::Duration {
    fn to_param_value(&self) -> ParamValue<'_> {
        ParamValue::Seconds(self.as_secs())
    }
}

macro_rules! int_param_values {
    ($variant:ident as $wide:ty: $($ty:ty),*) => {
        $(impl IntoParamValue for $ty {
            fn to_param_value(&self) -> ParamValue<'_> {
                ParamValue::$variant(<$wide>::from(*self))
            }
        })*
    };
}

int_param_values!(Int as i64: i8, i16, i32, i64);
int_param_values!(UInt as u64: u8, u16, u32, u64);
