//! The validated catalog: domains, codes, params and examples.
//!
//! This is what emitters consume. Every entry keeps the [`Span`] it was read
//! from so that later passes can point at it, but spans are never serialized:
//! the serialized model (for `catalog.json` or a release lock) only changes when
//! the catalog's meaning changes, not when a line moves.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Serialize, Serializer};

use crate::span::EntrySlot;
pub use crate::span::{Span, Spanned};
/// The type of a param value; defined by the runtime, whose metadata names it too.
pub use errors_core::ParamType;

/// The whole catalog: every domain, sorted by name.
///
/// # Examples
///
/// ```
/// let yaml = r#"
/// domain: auth
/// description: Authentication errors.
/// codes:
///   - id: token_expired
///     status: 401
///     message: "The token expired."
///     resolution: Sign in again.
///     aliases: [expired_token]
///     examples:
///       - name: default
/// "#;
/// let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
/// assert!(!loaded.diagnostics.has_errors(), "{}", loaded.diagnostics.render(false));
/// let code = loaded.catalog.find_code("expired_token").unwrap();
/// assert_eq!(code.id, "token_expired");
/// assert_eq!(loaded.catalog.codes().count(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Catalog {
    /// The domains, sorted by name (and by file for duplicate names).
    pub domains: Vec<Domain>,
}

impl Catalog {
    /// Every code of every domain, domains in order and codes in file order.
    pub fn codes(&self) -> impl Iterator<Item = &Code> {
        self.domains.iter().flat_map(|domain| domain.codes.iter())
    }

    /// Every code with the domain it belongs to.
    pub fn codes_with_domain(&self) -> impl Iterator<Item = (&Domain, &Code)> {
        self.domains
            .iter()
            .flat_map(|domain| domain.codes.iter().map(move |code| (domain, code)))
    }

    /// The code whose id or one of whose aliases is `id_or_alias`.
    ///
    /// An id wins over an alias of another code.
    pub fn find_code(&self, id_or_alias: &str) -> Option<&Code> {
        self.codes()
            .find(|code| code.id == id_or_alias)
            .or_else(|| {
                self.codes()
                    .find(|code| code.aliases.iter().any(|alias| *alias == id_or_alias))
            })
    }

    /// The domain named `name`.
    pub fn find_domain(&self, name: &str) -> Option<&Domain> {
        self.domains.iter().find(|domain| domain.name == name)
    }
}

/// One domain: a file of the catalog and the codes it declares.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Domain {
    /// The snake_case domain name, unique across the catalog.
    pub name: Spanned<String>,
    /// Markdown shown on the docs index.
    pub description: String,
    /// The generated enum's name: the `rust_name` key, or the name in
    /// UpperCamelCase followed by `Error`.
    pub rust_name: Spanned<String>,
    /// The file the domain was read from, as given to the loader.
    ///
    /// Serialized as the file name only, so that serialized output does not
    /// depend on where the catalog is checked out.
    #[serde(serialize_with = "serialize_file_name")]
    pub file: PathBuf,
    /// The codes, in file order.
    pub codes: Vec<Code>,
}

/// Serializes a path as its file name.
fn serialize_file_name<S: Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    let name = path.file_name().unwrap_or(path.as_os_str());
    serializer.serialize_str(&name.to_string_lossy())
}

/// One error code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Code {
    /// The stable snake_case id clients branch on.
    pub id: Spanned<String>,
    /// The HTTP status, 400-599.
    pub status: u16,
    /// The wire message (what the admin audience sees).
    pub message: Template,
    /// What the public audience sees instead of `message`, if set.
    pub public_message: Option<Template>,
    /// Markdown: when the error occurs.
    pub description: Option<String>,
    /// Markdown: what the client should do.
    pub resolution: String,
    /// Whether a client may retry the same request unchanged.
    pub retryable: bool,
    /// The catalog version that added the code.
    pub since: Option<String>,
    /// Other or former names clients must still recognise.
    pub aliases: Vec<Spanned<String>>,
    /// Set when the code should not be used for new work.
    pub deprecated: Option<Deprecation>,
    /// Set when the code is no longer raised at all.
    pub retired: Option<Retirement>,
    /// Whether the error carries field-level validation messages.
    pub fields: bool,
    /// The params, in declaration order.
    pub params: Vec<Param>,
    /// Named sets of example param values, at least one.
    pub examples: Vec<Example>,
    /// The span of the code's entry (its first key).
    #[serde(skip)]
    pub span: Span,
    /// Spans of individual keys' values, for diagnostics.
    #[serde(skip)]
    pub spans: CodeSpans,
}

impl Code {
    /// The param named `name`.
    pub fn param(&self, name: &str) -> Option<&Param> {
        self.params.iter().find(|param| param.name == name)
    }

    /// The message the public audience sees: `public_message` if set, else `message`.
    pub fn public_template(&self) -> &Template {
        self.public_message.as_ref().unwrap_or(&self.message)
    }
}

/// Spans of a code's scalar values, kept for diagnostics.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodeSpans {
    /// The `status` value.
    pub status: Option<Span>,
    /// The `retryable` value, when written.
    pub retryable: Option<Span>,
    /// The `fields` value, when written.
    pub fields: Option<Span>,
}

/// A `deprecated` entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Deprecation {
    /// The code to use instead, if any.
    pub replacement: Option<Spanned<String>>,
    /// Free text for the deprecation notice.
    pub note: Option<String>,
}

/// A `retired` entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Retirement {
    /// The catalog version that retired the code.
    pub since: String,
    /// Why, and what replaces it.
    pub note: String,
}

/// A message template: text with `{param}` placeholders.
///
/// `{{` and `}}` stand for literal braces and are unescaped in the segments.
///
/// # Examples
///
/// ```
/// use codegen::model::{Segment, Template};
///
/// let template = Template::parse("Retry in {seconds}s {{ok}}").unwrap();
/// assert_eq!(template.segments, vec![
///     Segment::Literal("Retry in ".into()),
///     Segment::Param("seconds".into()),
///     Segment::Literal("s {ok}".into()),
/// ]);
/// assert_eq!(template.params().collect::<Vec<_>>(), ["seconds"]);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Template {
    /// The template as written.
    pub raw: String,
    /// The literal text and placeholders, in order.
    pub segments: Vec<Segment>,
    /// Each placeholder occurrence with its span (the `{name}` text when it
    /// can be found in the source, otherwise the whole value).
    #[serde(skip)]
    pub placeholders: Vec<Spanned<String>>,
    /// The span of the template's value.
    #[serde(skip)]
    pub span: Option<Span>,
}

/// A piece of a [`Template`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Segment {
    /// Literal text, with `{{` and `}}` already unescaped.
    Literal(String),
    /// A `{name}` placeholder.
    Param(String),
}

/// One param of a code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Param {
    /// The snake_case name, unique within the code.
    pub name: Spanned<String>,
    /// The value type.
    #[serde(rename = "type")]
    pub ty: ParamType,
    /// What the value means.
    pub description: String,
    /// An example value of the param's type.
    pub example: Spanned<Value>,
    /// Whether the value may be absent.
    pub optional: bool,
    /// Whether the value must never reach the public audience.
    pub sensitive: bool,
    /// The member name in the envelope's details, if any.
    pub detail: Option<Spanned<String>>,
    /// The HTTP header that carries the value, if any.
    pub header: Option<Spanned<String>>,
}

/// An example value as written in the catalog.
///
/// Only values that some param type could accept are represented; whether a
/// value fits its param's type is checked by validation.
///
/// # Examples
///
/// ```
/// use codegen::model::{ParamType, Value};
///
/// let scopes = Value::List(vec![Value::String("read".into())]);
/// assert_eq!(scopes.as_string_list(), Some(vec!["read"]));
/// assert!(scopes.check_type(ParamType::StringList).is_ok());
/// assert!(Value::Integer(70_000).check_type(ParamType::U16).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A boolean.
    Bool(bool),
    /// An integer.
    Integer(i128),
    /// A float (never valid for a param; kept to report it).
    Float(f64),
    /// A string.
    String(String),
    /// A list.
    List(Vec<Value>),
}

impl Value {
    /// Describes the value's kind for messages ("a string", "an integer", ...).
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Bool(_) => "a boolean",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a float",
            Value::String(_) => "a string",
            Value::List(items) if items.iter().all(|item| matches!(item, Value::String(_))) => {
                "a list of strings"
            }
            Value::List(_) => "a list with non-string items",
        }
    }

    /// Checks that the value is a value of `ty`; the error says what was found.
    pub fn check_type(&self, ty: ParamType) -> Result<(), String> {
        let ok = match (ty, self) {
            (ParamType::String, Value::String(_)) | (ParamType::Bool, Value::Bool(_)) => true,
            (ParamType::StringList, Value::List(items)) => {
                items.iter().all(|item| matches!(item, Value::String(_)))
            }
            (_, Value::Integer(number)) => match ty.integer_range() {
                Some((min, max)) if (min..=max).contains(number) => true,
                Some((min, max)) => {
                    return Err(format!("{number} is out of range ({min} to {max})"));
                }
                None => false,
            },
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(format!("found {}", self.describe()))
        }
    }

    /// The value written as YAML flow text, such as `"inv_1"` or `[1, 2]`
    /// (JSON, which YAML reads as it is).
    pub fn to_flow(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "null".to_owned())
    }

    /// The string, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    /// The integer, if the value is one.
    pub fn as_integer(&self) -> Option<i128> {
        match self {
            Value::Integer(number) => Some(*number),
            _ => None,
        }
    }

    /// The boolean, if the value is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    /// The strings of a list of strings.
    pub fn as_string_list(&self) -> Option<Vec<&str>> {
        match self {
            Value::List(items) => items.iter().map(Value::as_str).collect(),
            _ => None,
        }
    }
}

/// A named set of example param values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Example {
    /// The snake_case name, unique within the code.
    pub name: Spanned<String>,
    /// What the example shows.
    pub description: Option<String>,
    /// A value for params, by param name.
    pub params: BTreeMap<String, ExampleValue>,
    /// Field-level messages (field, messages), in file order.
    pub fields: Vec<(String, Vec<String>)>,
    /// The span of the `fields` key, when written.
    #[serde(skip)]
    pub fields_span: Option<Span>,
    /// Where a missing param value can be added, for fixes: into the
    /// `params` mapping (`true`), or as a new `params` key (`false`).
    #[serde(skip)]
    pub(crate) params_slot: Option<(EntrySlot, bool)>,
}

/// One value of an [`Example`].
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ExampleValue {
    /// The value.
    pub value: Value,
    /// The span of the param name (the key).
    #[serde(skip)]
    pub key_span: Span,
    /// The span of the value.
    #[serde(skip)]
    pub span: Span,
}
