//! Run-time metadata of catalog codes: the types of the static table that
//! `cargo xtask codegen` generates into [`catalog::CODES`](crate::catalog::CODES).
//!
//! The table describes every code of the catalog, retired ones included, so
//! that a docs endpoint can list them, a client can recognise a code (or one
//! of its aliases) it receives, and a client that only gets a flat message can
//! match it against the codes' message templates. Only the data is generated;
//! the types and their behaviour live here.
//!
//! The structs have public fields so that code generated into any crate (see
//! the `codegen::build` API) can build them in a `static`; treat them as
//! read-only.

use std::fmt;

use http::StatusCode;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::message_match::match_template;

/// Everything the catalog says about one code.
///
/// # Examples
///
/// ```
/// use errors_core::catalog::Code;
///
/// let info = Code::RateLimitExceeded.info();
/// assert_eq!(info.id, "rate_limit_exceeded");
/// assert_eq!(info.status.as_u16(), 429);
/// assert!(info.retryable);
/// assert_eq!(info.aliases, ["throttle_exceeded"]);
/// assert_eq!(info.param("retry_after").unwrap().header, Some("Retry-After"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    /// The stable snake_case id clients branch on.
    pub id: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The snake_case name of the domain the code belongs to.
    pub domain: &'static str,
    /// The message template (what the admin audience sees), with `{param}`
    /// placeholders and `{{`/`}}` for literal braces.
    pub message: &'static str,
    /// The template the public audience sees instead of `message`, if any.
    pub public_message: Option<&'static str>,
    /// Markdown: when the error occurs.
    pub description: Option<&'static str>,
    /// Markdown: what the client should do.
    pub resolution: &'static str,
    /// Whether a client may retry the same request unchanged.
    pub retryable: bool,
    /// The catalog version that added the code.
    pub since: Option<&'static str>,
    /// Set when the code should not be used for new work.
    pub deprecated: Option<DeprecationInfo>,
    /// Set when the code is no longer raised at all.
    pub retired: Option<RetirementInfo>,
    /// Other or former names clients must still recognise.
    pub aliases: &'static [&'static str],
    /// Whether the error carries field-level validation messages.
    pub fields: bool,
    /// The params, in declaration order.
    pub params: &'static [ParamInfo],
    /// Named sets of example values.
    pub examples: &'static [ExampleInfo],
}

impl CodeInfo {
    /// The id followed by the aliases.
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::catalog::Code;
    ///
    /// let names: Vec<_> = Code::RateLimitExceeded.info().names().collect();
    /// assert_eq!(names, ["rate_limit_exceeded", "throttle_exceeded"]);
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &'static str> + use<> {
        std::iter::once(self.id).chain(self.aliases.iter().copied())
    }

    /// Whether `name` is the id or one of the aliases.
    pub fn is_named(&self, name: &str) -> bool {
        self.id == name || self.aliases.contains(&name)
    }

    /// The param named `name`.
    pub fn param(&self, name: &str) -> Option<&'static ParamInfo> {
        self.params.iter().find(|param| param.name == name)
    }

    /// The example named `name`.
    pub fn example(&self, name: &str) -> Option<&'static ExampleInfo> {
        self.examples.iter().find(|example| example.name == name)
    }

    /// The template the public audience sees: `public_message`, else `message`.
    pub fn public_template(&self) -> &'static str {
        self.public_message.unwrap_or(self.message)
    }

    /// Matches a received message against this code's templates (the message,
    /// then the public message), returning the param values it shows.
    ///
    /// Each placeholder but the last takes the shortest text after which the
    /// rest still matches, so a template whose placeholders are not separated
    /// by literal text may split values differently than they were written;
    /// an empty placeholder value matches too.
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::catalog::Code;
    ///
    /// let info = Code::RateLimitExceeded.info();
    /// let values = info
    ///     .match_message("Rate limit exceeded. Please retry after 30 seconds.")
    ///     .unwrap();
    /// assert_eq!(values, [("retry_after", "30".to_owned())]);
    /// assert!(info.match_message("Something else").is_none());
    /// ```
    pub fn match_message(&self, message: &str) -> Option<Vec<(&'static str, String)>> {
        let owned = |values: Vec<(&'static str, &str)>| {
            values
                .into_iter()
                .map(|(name, value)| (name, value.to_owned()))
                .collect()
        };
        match_template(self.message, message)
            .or_else(|| self.public_message.and_then(|t| match_template(t, message)))
            .map(owned)
    }
}

/// A `deprecated` entry of a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeprecationInfo {
    /// The code to use instead, if any.
    pub replacement: Option<&'static str>,
    /// Free text for the deprecation notice.
    pub note: Option<&'static str>,
}

/// A `retired` entry of a code: it is no longer raised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetirementInfo {
    /// The catalog version that retired the code.
    pub since: &'static str,
    /// Why, and what replaces it.
    pub note: &'static str,
}

/// One param of a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamInfo {
    /// The snake_case name, also the field name of the generated variant.
    pub name: &'static str,
    /// The value type.
    pub ty: ParamType,
    /// What the value means.
    pub description: &'static str,
    /// Whether the value may be absent.
    pub optional: bool,
    /// Whether the value must never reach the public audience.
    pub sensitive: bool,
    /// The member name in the envelope's details, if any.
    pub detail: Option<&'static str>,
    /// The HTTP header that carries the value, if any.
    pub header: Option<&'static str>,
}

/// The type of a param value, as named in the catalog.
///
/// This is the one definition of the catalog's param types: the catalog
/// loader (`codegen`) parses `type:` into it, the generated metadata names
/// it, and `catalog.json` serializes it by its catalog name. The Rust type
/// each one becomes is [`ParamType::rust_type`].
///
/// # Examples
///
/// ```
/// use errors_core::ParamType;
///
/// assert_eq!(ParamType::Seconds.as_str(), "seconds");
/// assert_eq!(ParamType::StringList.to_string(), "string_list");
/// assert_eq!(ParamType::from_name("u32"), Some(ParamType::U32));
/// assert_eq!(ParamType::Seconds.rust_type(), "::std::time::Duration");
/// assert_eq!(serde_json::to_string(&ParamType::I64).unwrap(), r#""i64""#);
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "The type of a param value.")]
pub enum ParamType {
    /// A string.
    String,
    /// A boolean.
    Bool,
    /// A 32-bit signed integer.
    I32,
    /// A 64-bit signed integer.
    I64,
    /// A 16-bit unsigned integer.
    U16,
    /// A 32-bit unsigned integer.
    U32,
    /// A 64-bit unsigned integer.
    U64,
    /// A duration in whole seconds (unsigned 64-bit).
    Seconds,
    /// A time in Unix seconds (signed 64-bit).
    Timestamp,
    /// A list of strings.
    StringList,
}

impl ParamType {
    /// Every param type, in documentation order.
    pub const ALL: [ParamType; 10] = [
        ParamType::String,
        ParamType::Bool,
        ParamType::I32,
        ParamType::I64,
        ParamType::U16,
        ParamType::U32,
        ParamType::U64,
        ParamType::Seconds,
        ParamType::Timestamp,
        ParamType::StringList,
    ];

    /// The name used in the catalog (`string`, `u32`, `string_list`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Bool => "bool",
            ParamType::I32 => "i32",
            ParamType::I64 => "i64",
            ParamType::U16 => "u16",
            ParamType::U32 => "u32",
            ParamType::U64 => "u64",
            ParamType::Seconds => "seconds",
            ParamType::Timestamp => "timestamp",
            ParamType::StringList => "string_list",
        }
    }

    /// The type named `name` in the catalog, the inverse of [`ParamType::as_str`].
    pub fn from_name(name: &str) -> Option<ParamType> {
        ParamType::ALL.into_iter().find(|ty| ty.as_str() == name)
    }

    /// The Rust type of a required param of this type, as generated code
    /// spells it: by absolute path, so that no name in scope shadows it.
    ///
    /// `seconds` is a [`std::time::Duration`], which the derive turns into
    /// a seconds param value; `timestamp` is Unix seconds as `i64`.
    pub const fn rust_type(self) -> &'static str {
        match self {
            ParamType::String => "::std::string::String",
            ParamType::Bool => "bool",
            ParamType::I32 => "i32",
            ParamType::I64 | ParamType::Timestamp => "i64",
            ParamType::U16 => "u16",
            ParamType::U32 => "u32",
            ParamType::U64 => "u64",
            ParamType::Seconds => "::std::time::Duration",
            ParamType::StringList => "::std::vec::Vec<::std::string::String>",
        }
    }

    /// The inclusive range of an integer type's values, `None` for other types.
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::ParamType;
    ///
    /// assert_eq!(ParamType::U16.integer_range(), Some((0, 65_535)));
    /// assert_eq!(ParamType::Bool.integer_range(), None);
    /// ```
    pub fn integer_range(self) -> Option<(i128, i128)> {
        match self {
            ParamType::I32 => Some((i32::MIN.into(), i32::MAX.into())),
            ParamType::I64 | ParamType::Timestamp => Some((i64::MIN.into(), i64::MAX.into())),
            ParamType::U16 => Some((0, u16::MAX.into())),
            ParamType::U32 => Some((0, u32::MAX.into())),
            ParamType::U64 | ParamType::Seconds => Some((0, u64::MAX.into())),
            ParamType::String | ParamType::Bool | ParamType::StringList => None,
        }
    }
}

impl fmt::Display for ParamType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A named set of example values of a code.
///
/// # Examples
///
/// ```
/// use errors_core::catalog::Code;
///
/// let example = Code::RateLimitExceeded.info().example("default").unwrap();
/// let params = example.params_json();
/// assert_eq!(params["retry_after"], 60);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExampleInfo {
    /// The snake_case name, unique within the code.
    pub name: &'static str,
    /// What the example shows.
    pub description: Option<&'static str>,
    /// The param values, as a JSON object (absent optional params are left out).
    pub params: &'static str,
    /// Field-level messages: field name and its messages, in catalog order.
    pub fields: &'static [(&'static str, &'static [&'static str])],
}

impl ExampleInfo {
    /// The param values as a JSON object.
    ///
    /// # Panics
    ///
    /// If [`ExampleInfo::params`] is not JSON, which generated tables never do.
    pub fn params_json(&self) -> serde_json::Value {
        serde_json::from_str(self.params).expect("generated example params are JSON")
    }
}

/// The error of parsing a name that is neither a code nor an alias.
///
/// # Examples
///
/// ```
/// use errors_core::catalog::Code;
///
/// let error = "no_such_code".parse::<Code>().unwrap_err();
/// assert_eq!(error.name(), "no_such_code");
/// assert_eq!(error.to_string(), "unknown error code `no_such_code`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    name: String,
}

impl UnknownCode {
    /// An error for `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into() }
    }

    /// The name that was not recognised.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown error code `{}`", self.name)
    }
}

impl std::error::Error for UnknownCode {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_code_names_the_input() {
        let error = UnknownCode::new("nope");
        assert_eq!(error.to_string(), "unknown error code `nope`");
    }
}
