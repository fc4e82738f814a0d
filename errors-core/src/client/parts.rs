//! The pieces of a received error, before they are typed: param values by
//! name and field errors, and the generated `from_parts` constructors that
//! turn them into a catalog error.
//!
//! A parser collects each param value from wherever the envelope carried it
//! (a details member, a header, a placeholder of the message) into [`Parts`];
//! `CatalogError::from_parts` then converts every value into its Rust type.
//! These types are always compiled, without the `client` feature, because
//! the generated catalog code names them.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use serde_json::Value;

use crate::FieldErrors;

/// One param value as received, not yet converted to its Rust type.
///
/// # Examples
///
/// ```
/// use errors_core::client::PartValue;
///
/// let from_header = PartValue::Text("60".to_owned());
/// let from_details = PartValue::Json(serde_json::json!(60));
/// assert_eq!(from_header.to_value::<u32>(), Some(60));
/// assert_eq!(from_details.to_value::<u32>(), Some(60));
/// assert_eq!(PartValue::Text("sixty".to_owned()).to_value::<u32>(), None);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum PartValue {
    /// A JSON value from the body's details.
    Json(Value),
    /// Text from a header or from a placeholder of the message.
    Text(String),
}

impl PartValue {
    /// The value as a `T`, when it has that type (text is parsed).
    pub fn to_value<T: FromPart>(&self) -> Option<T> {
        T::from_part(self)
    }
}

/// A Rust type a param value converts into.
///
/// Implemented for the Rust types of the catalog's param types. JSON values
/// must have the matching JSON type (a number for integers, a string for
/// strings, an array of strings for lists); text, which has no type, is
/// parsed: integers in decimal, booleans as `true` or `false`, lists as items
/// joined by `", "` (the way messages and headers write them; an empty text
/// is an empty list).
pub trait FromPart: Sized {
    /// The catalog type names this conversion accepts, for error messages.
    const EXPECTED: &'static str;

    /// Whether every string converts: a check can then skip converting.
    const TEXT: bool = false;

    /// Converts `value`, or `None` when it does not have this type.
    fn from_part(value: &PartValue) -> Option<Self>;

    /// Converts `value`, moving its text out instead of copying it where
    /// the type holds text; `None` when it does not have this type.
    fn take_part(value: PartValue) -> Option<Self> {
        Self::from_part(&value)
    }
}

impl FromPart for String {
    const EXPECTED: &'static str = "a string";
    const TEXT: bool = true;

    fn from_part(value: &PartValue) -> Option<Self> {
        match value {
            PartValue::Json(Value::String(text)) | PartValue::Text(text) => Some(text.clone()),
            PartValue::Json(_) => None,
        }
    }

    fn take_part(value: PartValue) -> Option<Self> {
        match value {
            PartValue::Json(Value::String(text)) | PartValue::Text(text) => Some(text),
            PartValue::Json(_) => None,
        }
    }
}

impl FromPart for bool {
    const EXPECTED: &'static str = "`true` or `false`";

    fn from_part(value: &PartValue) -> Option<Self> {
        match value {
            PartValue::Json(Value::Bool(flag)) => Some(*flag),
            PartValue::Text(text) => match text.as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            PartValue::Json(_) => None,
        }
    }
}

macro_rules! integer_parts {
    ($($ty:ty => $expected:literal),*) => {
        $(impl FromPart for $ty {
            const EXPECTED: &'static str = $expected;

            fn from_part(value: &PartValue) -> Option<Self> {
                match value {
                    PartValue::Json(Value::Number(number)) => {
                        if let Some(unsigned) = number.as_u64() {
                            <$ty>::try_from(unsigned).ok()
                        } else {
                            number.as_i64().and_then(|signed| <$ty>::try_from(signed).ok())
                        }
                    }
                    PartValue::Text(text) => decimal(text)?.parse().ok(),
                    PartValue::Json(_) => None,
                }
            }
        })*
    };
}

integer_parts!(
    i32 => "an integer (i32)",
    i64 => "an integer (i64)",
    u16 => "an integer from 0 to 65535",
    u32 => "an integer from 0 to 4294967295",
    u64 => "a non-negative integer"
);

/// `text` when it is a decimal integer as rendering writes it: digits with
/// an optional leading `-`, no sign `+` and no blanks.
fn decimal(text: &str) -> Option<&str> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    (!digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit())).then_some(text)
}

impl FromPart for Duration {
    const EXPECTED: &'static str = "whole seconds";

    fn from_part(value: &PartValue) -> Option<Self> {
        u64::from_part(value).map(Duration::from_secs)
    }
}

impl FromPart for Vec<String> {
    const EXPECTED: &'static str = "a list of strings";

    fn from_part(value: &PartValue) -> Option<Self> {
        match value {
            PartValue::Json(Value::Array(items)) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned))
                .collect(),
            PartValue::Text(text) if text.is_empty() => Some(Vec::new()),
            PartValue::Text(text) => Some(text.split(", ").map(str::to_owned).collect()),
            PartValue::Json(_) => None,
        }
    }

    fn take_part(value: PartValue) -> Option<Self> {
        match value {
            PartValue::Json(Value::Array(items)) => items
                .into_iter()
                .map(|item| match item {
                    Value::String(text) => Some(text),
                    _ => None,
                })
                .collect(),
            value => Self::from_part(&value),
        }
    }
}

/// The param values and field errors of one received error, by name.
///
/// The first value given for a name is kept: a parser adds the most
/// trustworthy source first (details, then headers, then the message).
///
/// # Examples
///
/// ```
/// use errors_core::catalog::{CatalogError, Code, ValidationError};
/// use errors_core::client::{PartValue, Parts};
///
/// let mut parts = Parts::new();
/// parts.insert("max", PartValue::Text("64".to_owned()));
/// let error = CatalogError::from_parts(Code::ServerNameTooLong, &mut parts).unwrap();
/// assert_eq!(error, CatalogError::Validation(ValidationError::ServerNameTooLong { max: 64 }));
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parts {
    /// The first value, kept inline: most codes have at most one param, and
    /// a parser then allocates no list. Names are the catalog's own
    /// `&'static str` when a parser inserts them.
    first: Option<(Cow<'static, str>, PartValue)>,
    /// The values after the first.
    rest: Vec<(Cow<'static, str>, PartValue)>,
    fields: Option<FieldErrors>,
}

impl Parts {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the value of param `name`, unless it has one already; returns
    /// whether the value was added.
    pub fn insert(&mut self, name: impl Into<String>, value: PartValue) -> bool {
        let name = name.into();
        if self.get(&name).is_some() {
            return false;
        }
        self.push(Cow::Owned(name), value);
        true
    }

    fn push(&mut self, name: Cow<'static, str>, value: PartValue) {
        if self.first.is_none() {
            self.first = Some((name, value));
        } else {
            self.rest.push((name, value));
        }
    }

    /// Adds the value `value` makes for the catalog param `name`, unless it
    /// has one already (then `value` is not called); returns whether the
    /// value was added.
    #[cfg(feature = "client")]
    pub(crate) fn insert_with(
        &mut self,
        name: &'static str,
        value: impl FnOnce() -> PartValue,
    ) -> bool {
        if self.get(name).is_some() {
            return false;
        }
        self.push(Cow::Borrowed(name), value());
        true
    }

    /// The value of param `name`, if any.
    pub fn get(&self, name: &str) -> Option<&PartValue> {
        self.entries()
            .find(|(candidate, _)| *candidate == name)
            .map(|(_, value)| value)
    }

    /// Every param value, in the order they were added.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &PartValue)> {
        self.entries().map(|(name, value)| (name.as_ref(), value))
    }

    fn entries(&self) -> impl Iterator<Item = &(Cow<'static, str>, PartValue)> {
        self.first.iter().chain(&self.rest)
    }

    /// The number of param values.
    pub fn len(&self) -> usize {
        usize::from(self.first.is_some()) + self.rest.len()
    }

    /// Whether there are no param values and no field errors.
    pub fn is_empty(&self) -> bool {
        self.first.is_none() && self.fields.is_none()
    }

    /// Sets the field errors (replacing any set before).
    pub fn set_field_errors(&mut self, fields: FieldErrors) {
        self.fields = Some(fields);
    }

    /// The field errors, when the envelope carried them.
    pub fn field_errors(&self) -> Option<&FieldErrors> {
        self.fields.as_ref()
    }

    /// Checks that the required param `param` of `code` has a value that
    /// converts into `T`, without taking it; the [`Checked`] it gives takes
    /// the value out with [`take_checked`](Self::take_checked).
    ///
    /// Generated `from_parts` constructors check every param before they
    /// take any, so that a failed construction leaves the parts as they
    /// were.
    ///
    /// # Errors
    ///
    /// When the value is absent or does not convert into `T`.
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::client::{FromPartsReason, PartValue, Parts};
    ///
    /// let mut parts = Parts::new();
    /// parts.insert("max", PartValue::Text("64".to_owned()));
    /// let error = parts.check_required::<bool>("server_name_too_long", "max").unwrap_err();
    /// assert_eq!(error.reason(), FromPartsReason::Invalid("`true` or `false`"));
    ///
    /// let max = parts.check_required::<u32>("server_name_too_long", "max").unwrap();
    /// assert_eq!(parts.take_checked(max), 64);
    /// assert!(parts.is_empty());
    /// ```
    pub fn check_required<T: FromPart>(
        &self,
        code: &'static str,
        param: &'static str,
    ) -> Result<Checked<T>, FromPartsError> {
        match self.get(param) {
            None => Err(FromPartsError::new(
                code,
                Some(param),
                FromPartsReason::Missing,
            )),
            Some(value) => Self::check_value::<T>(value, code, param).map(|()| Checked::new(param)),
        }
    }

    /// Checks that the optional param `param` of `code`, when it has a
    /// value, converts into `T`, without taking it; the [`Checked`] it
    /// gives takes the value, if any, out with
    /// [`take_checked`](Self::take_checked).
    ///
    /// # Errors
    ///
    /// When a value is present but does not convert into `T`.
    pub fn check_optional<T: FromPart>(
        &self,
        code: &'static str,
        param: &'static str,
    ) -> Result<Checked<Option<T>>, FromPartsError> {
        match self.get(param) {
            None => Ok(Checked::new(param)),
            Some(value) => Self::check_value::<T>(value, code, param).map(|()| Checked::new(param)),
        }
    }

    fn check_value<T: FromPart>(
        value: &PartValue,
        code: &'static str,
        param: &'static str,
    ) -> Result<(), FromPartsError> {
        let converts = match value {
            // Strings take any text: no need to copy it to know.
            PartValue::Text(_) | PartValue::Json(Value::String(_)) if T::TEXT => true,
            value => T::from_part(value).is_some(),
        };
        if converts {
            Ok(())
        } else {
            Err(FromPartsError::new(
                code,
                Some(param),
                FromPartsReason::Invalid(T::EXPECTED),
            ))
        }
    }

    /// Takes out the value a check found: moved, not copied, when it holds
    /// text.
    pub fn take_checked<T: CheckedValue>(&mut self, checked: Checked<T>) -> T {
        T::take(self, checked.param)
    }

    /// Checks that `code`, which declares `fields: true`, has its field
    /// errors.
    ///
    /// # Errors
    ///
    /// When the envelope did not carry them.
    pub fn check_field_errors(&self, code: &'static str) -> Result<(), FromPartsError> {
        match self.fields {
            Some(_) => Ok(()),
            None => Err(FromPartsError::new(code, None, FromPartsReason::Missing)),
        }
    }

    /// Takes the value of param `param` out, converted into `T`: moved, not
    /// copied, when `T` holds text. `None` when there is no value or it
    /// does not convert (the value is removed either way).
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::client::{PartValue, Parts};
    ///
    /// let mut parts = Parts::new();
    /// parts.insert("resource", PartValue::Text("agent".to_owned()));
    /// assert_eq!(parts.take::<String>("resource"), Some("agent".to_owned()));
    /// assert_eq!(parts.get("resource"), None);
    /// ```
    pub fn take<T: FromPart>(&mut self, param: &str) -> Option<T> {
        let value = if self.first.as_ref().is_some_and(|(name, _)| name == param) {
            let (_, value) = self.first.take()?;
            if !self.rest.is_empty() {
                self.first = Some(self.rest.remove(0));
            }
            value
        } else {
            let position = self.rest.iter().position(|(name, _)| name == param)?;
            self.rest.remove(position).1
        };
        T::take_part(value)
    }

    /// Takes the field errors out.
    pub fn take_field_errors(&mut self) -> Option<FieldErrors> {
        self.fields.take()
    }
}

/// A param that [`Parts::check_required`] or [`Parts::check_optional`] found
/// to convert into `T` (an `Option` for an optional param); give it to
/// [`Parts::take_checked`] to take the value out.
#[derive(Debug)]
#[must_use = "a check is followed by taking the value"]
pub struct Checked<T> {
    param: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T> Checked<T> {
    const fn new(param: &'static str) -> Self {
        Self {
            param,
            value: PhantomData,
        }
    }
}

/// What a [`Checked`] param takes out of [`Parts`]: the value of a required
/// param, or an `Option` of it for an optional one.
pub trait CheckedValue: Sized {
    /// Takes the value of `param` out of `parts`.
    fn take(parts: &mut Parts, param: &'static str) -> Self;
}

impl<T: FromPart + Default> CheckedValue for T {
    fn take(parts: &mut Parts, param: &'static str) -> Self {
        parts.take(param).unwrap_or_default()
    }
}

impl<T: FromPart> CheckedValue for Option<T> {
    fn take(parts: &mut Parts, param: &'static str) -> Self {
        parts.take(param)
    }
}

/// Why a typed error could not be built from its [`Parts`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FromPartsReason {
    /// A required param (or the field errors) had no value.
    Missing,
    /// A value was present but not of the param's type; the text says what
    /// was expected.
    Invalid(&'static str),
    /// The code is retired: no variant exists to build.
    Retired,
}

/// The error of a generated `from_parts` constructor: which code, which
/// param (`None` for the field errors or the code itself) and why.
///
/// # Examples
///
/// ```
/// use errors_core::catalog::{CatalogError, Code};
/// use errors_core::client::{FromPartsReason, Parts};
///
/// let error = CatalogError::from_parts(Code::ServerNameTooLong, &mut Parts::new()).unwrap_err();
/// assert_eq!(error.param(), Some("max"));
/// assert_eq!(error.reason(), FromPartsReason::Missing);
/// assert_eq!(
///     error.to_string(),
///     "missing param `max` of `server_name_too_long`: the response did not carry it",
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FromPartsError {
    code: &'static str,
    param: Option<&'static str>,
    reason: FromPartsReason,
}

impl FromPartsError {
    /// An error about `param` (or the field errors, for `None`) of `code`.
    pub const fn new(
        code: &'static str,
        param: Option<&'static str>,
        reason: FromPartsReason,
    ) -> Self {
        Self {
            code,
            param,
            reason,
        }
    }

    /// The error of a retired `code`, which has no variant.
    pub const fn retired(code: &'static str) -> Self {
        Self::new(code, None, FromPartsReason::Retired)
    }

    /// The code id.
    pub const fn code(&self) -> &'static str {
        self.code
    }

    /// The param, or `None` for the field errors or the code itself.
    pub const fn param(&self) -> Option<&'static str> {
        self.param
    }

    /// Why.
    pub const fn reason(&self) -> FromPartsReason {
        self.reason
    }
}

impl fmt::Display for FromPartsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code;
        match (self.reason, self.param) {
            (FromPartsReason::Missing, Some(param)) => write!(
                f,
                "missing param `{param}` of `{code}`: the response did not carry it"
            ),
            (FromPartsReason::Missing, None) => write!(
                f,
                "missing field errors of `{code}`: the response did not carry them by field"
            ),
            (FromPartsReason::Invalid(expected), Some(param)) => write!(
                f,
                "invalid param `{param}` of `{code}`: expected {expected}"
            ),
            (FromPartsReason::Invalid(expected), None) => {
                write!(f, "invalid field errors of `{code}`: expected {expected}")
            }
            (FromPartsReason::Retired, _) => write!(
                f,
                "retired code `{code}` has no typed error: handle it by its code"
            ),
        }
    }
}

impl std::error::Error for FromPartsError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> PartValue {
        PartValue::Text(value.to_owned())
    }

    #[test]
    fn integers_parse_strictly_and_check_their_range() {
        assert_eq!(text("42").to_value::<u16>(), Some(42));
        assert_eq!(text("-42").to_value::<i32>(), Some(-42));
        assert_eq!(text("+42").to_value::<u32>(), None);
        assert_eq!(text(" 42").to_value::<u32>(), None);
        assert_eq!(text("").to_value::<u32>(), None);
        assert_eq!(text("-").to_value::<i64>(), None);
        assert_eq!(text("70000").to_value::<u16>(), None);
        assert_eq!(text("-1").to_value::<u64>(), None);
        assert_eq!(
            PartValue::Json(serde_json::json!(-1)).to_value::<i64>(),
            Some(-1)
        );
        assert_eq!(
            PartValue::Json(serde_json::json!(1.5)).to_value::<u64>(),
            None
        );
        assert_eq!(
            PartValue::Json(serde_json::json!("7")).to_value::<u64>(),
            None
        );
    }

    #[test]
    fn lists_split_text_and_read_string_arrays() {
        assert_eq!(
            text("a, b").to_value::<Vec<String>>(),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(text("").to_value::<Vec<String>>(), Some(vec![]));
        let json = PartValue::Json(serde_json::json!(["x", 1]));
        assert_eq!(json.to_value::<Vec<String>>(), None);
    }

    #[test]
    fn the_first_value_of_a_name_wins() {
        let mut parts = Parts::new();
        assert!(parts.insert("limit", text("1")));
        assert!(!parts.insert("limit", text("2")));
        assert_eq!(parts.get("limit"), Some(&text("1")));
        assert_eq!(parts.len(), 1);
    }

    #[test]
    fn errors_name_code_param_and_fix() {
        let invalid = FromPartsError::new("c", Some("p"), FromPartsReason::Invalid("a string"));
        assert_eq!(
            invalid.to_string(),
            "invalid param `p` of `c`: expected a string"
        );
        assert_eq!(
            FromPartsError::retired("old").to_string(),
            "retired code `old` has no typed error: handle it by its code"
        );
    }
}
