//! [`DynamicError`]: an [`ApiError`] assembled at run time from a code's data
//! rather than declared as a Rust type.
//!
//! Tools that only know a catalog as data (a documentation generator, a CLI
//! that renders an example, a test harness replaying fixtures) build one per
//! error and render it with a [`Renderer`](crate::Renderer) exactly as a
//! derived or generated type would be rendered: same message, same params,
//! same headers, same audience rules.

use std::fmt;
use std::time::Duration;

use http::StatusCode;

use crate::integration::derive_support::write_param;
use crate::{ApiError, Audience, FieldErrors, Param, ParamValue, ParamVisitor};

/// An error whose code, status, message template and params are data.
///
/// The message is a [`MessageTemplate`]: literal text and `{param}`
/// placeholders, each replaced by the value of the param of that name (an
/// absent param renders as nothing, like an absent optional param of a
/// generated type). The public audience reads the public message when one is
/// set, the full message otherwise; in either, a sensitive param renders as
/// nothing for the public, so a template can never leak it. `Display` is the
/// full message. A dynamic error has no source.
///
/// Code, param names, detail members and header names are `&'static str`, as
/// the [`ApiError`] contract hands them out: take them from a static table,
/// or intern them once for the life of the process.
///
/// # Examples
///
/// ```
/// use errors_core::{
///     Audience, DynamicError, DynamicParam, FixedClock, MessageTemplate, Renderer,
///     ResponseContext, Rich, Timestamp,
/// };
/// use http::StatusCode;
///
/// let error = DynamicError::new("rate_limit_exceeded", StatusCode::TOO_MANY_REQUESTS)
///     .with_message(
///         MessageTemplate::new()
///             .literal("Rate limit exceeded. Please retry after ")
///             .param("retry_after")
///             .literal(" seconds."),
///     )
///     .with_retryable(true)
///     .with_param(DynamicParam::new("retry_after", 60_u64).header("Retry-After"))
///     .with_param(DynamicParam::new("limit", 100_u64).detail("limit"));
/// assert_eq!(error.to_string(), "Rate limit exceeded. Please retry after 60 seconds.");
///
/// let renderer = Renderer::builder()
///     .envelope(Rich)
///     .clock(FixedClock(Timestamp::from_unix_seconds(1_733_054_400)))
///     .build();
/// let response = renderer.render_response(&error);
/// assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
/// assert_eq!(response.headers()["retry-after"], "60");
/// let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
/// assert_eq!(body["error"]["details"]["limit"], 100);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DynamicError {
    code: &'static str,
    status: StatusCode,
    retryable: bool,
    message: MessageTemplate,
    public_message: Option<MessageTemplate>,
    params: Vec<DynamicParam>,
    fields: Option<FieldErrors>,
}

impl DynamicError {
    /// An error with `code` and `status`, an empty message, no params and
    /// not retryable.
    pub fn new(code: &'static str, status: StatusCode) -> Self {
        Self {
            code,
            status,
            retryable: false,
            message: MessageTemplate::new(),
            public_message: None,
            params: Vec::new(),
            fields: None,
        }
    }

    /// Sets the full message, what the admin audience reads.
    pub fn with_message(mut self, template: MessageTemplate) -> Self {
        self.message = template;
        self
    }

    /// Sets the message the public audience reads instead of the full one.
    pub fn with_public_message(mut self, template: MessageTemplate) -> Self {
        self.public_message = Some(template);
        self
    }

    /// Sets whether a client may retry the same request unchanged.
    pub fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = retryable;
        self
    }

    /// Adds a param; params are visited in the order added.
    pub fn with_param(mut self, param: DynamicParam) -> Self {
        self.params.push(param);
        self
    }

    /// Adds `message` to the field-level messages of `field`.
    pub fn with_field(mut self, field: impl Into<String>, message: impl Into<String>) -> Self {
        self.fields
            .get_or_insert_with(FieldErrors::new)
            .push(field, message);
        self
    }

    /// Sets the field-level messages, replacing any added before.
    pub fn with_fields(mut self, fields: FieldErrors) -> Self {
        self.fields = Some(fields);
        self
    }

    /// The full message template.
    pub fn message_template(&self) -> &MessageTemplate {
        &self.message
    }

    /// The public message template, if one is set.
    pub fn public_message_template(&self) -> Option<&MessageTemplate> {
        self.public_message.as_ref()
    }

    /// The params, in the order added.
    pub fn params(&self) -> &[DynamicParam] {
        &self.params
    }

    /// Writes `template` for `audience`, substituting param values.
    fn write_template(
        &self,
        template: &MessageTemplate,
        audience: Audience,
        out: &mut dyn fmt::Write,
    ) -> fmt::Result {
        for part in &template.parts {
            match part {
                TemplatePart::Literal(text) => out.write_str(text)?,
                TemplatePart::Param(name) => {
                    let visible = self.params.iter().find(|param| {
                        param.name == *name && (audience == Audience::Admin || !param.sensitive)
                    });
                    if let Some(param) = visible {
                        write_param(out, param.value.as_param_value())?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for DynamicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_template(&self.message, Audience::Admin, f)
    }
}

impl std::error::Error for DynamicError {}

impl ApiError for DynamicError {
    fn code(&self) -> &'static str {
        self.code
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn retryable(&self) -> bool {
        self.retryable
    }

    fn write_message(&self, audience: Audience, out: &mut dyn fmt::Write) -> fmt::Result {
        let template = match (audience, &self.public_message) {
            (Audience::Public, Some(public)) => public,
            _ => &self.message,
        };
        self.write_template(template, audience, out)
    }

    fn visit_params(&self, visitor: &mut dyn ParamVisitor) {
        for param in &self.params {
            visitor.visit(param.as_param());
        }
    }

    fn field_errors(&self) -> Option<&FieldErrors> {
        self.fields.as_ref()
    }
}

/// A message template: literal text and `{param}` placeholders, in order.
///
/// # Examples
///
/// ```
/// use errors_core::{MessageTemplate, TemplatePart};
///
/// let template = MessageTemplate::new().param("resource").literal(" not found");
/// assert_eq!(template.parts(), [
///     TemplatePart::Param("resource"),
///     TemplatePart::Literal(" not found".to_owned()),
/// ]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageTemplate {
    parts: Vec<TemplatePart>,
}

impl MessageTemplate {
    /// An empty template.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends literal text (written as it is: no brace escapes).
    pub fn literal(mut self, text: impl Into<String>) -> Self {
        self.parts.push(TemplatePart::Literal(text.into()));
        self
    }

    /// Appends a placeholder for the param `name`.
    pub fn param(mut self, name: &'static str) -> Self {
        self.parts.push(TemplatePart::Param(name));
        self
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[TemplatePart] {
        &self.parts
    }
}

impl FromIterator<TemplatePart> for MessageTemplate {
    fn from_iter<I: IntoIterator<Item = TemplatePart>>(iter: I) -> Self {
        Self {
            parts: iter.into_iter().collect(),
        }
    }
}

/// A piece of a [`MessageTemplate`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplatePart {
    /// Literal text.
    Literal(String),
    /// The value of the param of this name.
    Param(&'static str),
}

/// One param of a [`DynamicError`]: a name, an owned value and where the
/// value goes on the wire besides the message.
///
/// # Examples
///
/// ```
/// use errors_core::{DynamicParam, OwnedParamValue};
///
/// let param = DynamicParam::new("reason", "Database connection error").sensitive(true);
/// assert_eq!(param.value(), &OwnedParamValue::Str("Database connection error".to_owned()));
/// assert!(param.is_sensitive());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct DynamicParam {
    name: &'static str,
    value: OwnedParamValue,
    detail: Option<&'static str>,
    header: Option<&'static str>,
    sensitive: bool,
}

impl DynamicParam {
    /// A param that goes into the message only, and is not sensitive.
    pub fn new(name: &'static str, value: impl Into<OwnedParamValue>) -> Self {
        Self {
            name,
            value: value.into(),
            detail: None,
            header: None,
            sensitive: false,
        }
    }

    /// Puts the value into the envelope's details under `member`.
    pub fn detail(mut self, member: &'static str) -> Self {
        self.detail = Some(member);
        self
    }

    /// Sends the value in the HTTP header `name`.
    pub fn header(mut self, name: &'static str) -> Self {
        self.header = Some(name);
        self
    }

    /// Sets whether the value must never reach the public audience.
    pub fn sensitive(mut self, sensitive: bool) -> Self {
        self.sensitive = sensitive;
        self
    }

    /// The param's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The value.
    pub fn value(&self) -> &OwnedParamValue {
        &self.value
    }

    /// The details member, if any.
    pub fn detail_member(&self) -> Option<&'static str> {
        self.detail
    }

    /// The header name, if any.
    pub fn header_name(&self) -> Option<&'static str> {
        self.header
    }

    /// Whether the value is hidden from the public audience.
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// Borrows the param as an [`ApiError::visit_params`] visitor sees it.
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::{DynamicParam, ParamValue};
    ///
    /// let param = DynamicParam::new("limit", 100_u32).detail("limit").header("X-RateLimit-Limit");
    /// let borrowed = param.as_param();
    /// assert_eq!(borrowed.value, ParamValue::UInt(100));
    /// assert_eq!(borrowed.header, Some("X-RateLimit-Limit"));
    /// ```
    pub fn as_param(&self) -> Param<'_> {
        Param {
            name: self.name,
            value: self.value.as_param_value(),
            detail: self.detail,
            header: self.header,
            sensitive: self.sensitive,
        }
    }
}

/// An owned copy of a visited param, with its wire places.
///
/// # Examples
///
/// ```
/// use errors_core::{DynamicParam, Param, ParamValue};
///
/// let visited = Param {
///     name: "retry_after",
///     value: ParamValue::Seconds(30),
///     detail: None,
///     header: Some("Retry-After"),
///     sensitive: false,
/// };
/// assert_eq!(DynamicParam::from(visited).as_param(), visited);
/// ```
impl From<Param<'_>> for DynamicParam {
    fn from(param: Param<'_>) -> Self {
        Self {
            name: param.name,
            value: param.value.into(),
            detail: param.detail,
            header: param.header,
            sensitive: param.sensitive,
        }
    }
}

/// An owned [`ParamValue`].
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use errors_core::{OwnedParamValue, ParamValue};
///
/// let value = OwnedParamValue::from(Duration::from_secs(60));
/// assert_eq!(value.as_param_value(), ParamValue::Seconds(60));
/// assert_eq!(OwnedParamValue::from(-5_i64).as_param_value(), ParamValue::Int(-5));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnedParamValue {
    /// A string.
    Str(String),
    /// A signed integer.
    Int(i64),
    /// An unsigned integer.
    UInt(u64),
    /// A boolean.
    Bool(bool),
    /// A duration in whole seconds.
    Seconds(u64),
    /// A list of strings.
    List(Vec<String>),
}

impl OwnedParamValue {
    /// Borrows the value.
    pub fn as_param_value(&self) -> ParamValue<'_> {
        match self {
            OwnedParamValue::Str(text) => ParamValue::Str(text),
            OwnedParamValue::Int(number) => ParamValue::Int(*number),
            OwnedParamValue::UInt(number) => ParamValue::UInt(*number),
            OwnedParamValue::Bool(flag) => ParamValue::Bool(*flag),
            OwnedParamValue::Seconds(seconds) => ParamValue::Seconds(*seconds),
            OwnedParamValue::List(items) => ParamValue::List(items),
        }
    }
}

impl From<ParamValue<'_>> for OwnedParamValue {
    fn from(value: ParamValue<'_>) -> Self {
        match value {
            ParamValue::Str(text) => OwnedParamValue::Str(text.to_owned()),
            ParamValue::Int(number) => OwnedParamValue::Int(number),
            ParamValue::UInt(number) => OwnedParamValue::UInt(number),
            ParamValue::Bool(flag) => OwnedParamValue::Bool(flag),
            ParamValue::Seconds(seconds) => OwnedParamValue::Seconds(seconds),
            ParamValue::List(items) => OwnedParamValue::List(items.to_vec()),
        }
    }
}

impl From<String> for OwnedParamValue {
    fn from(text: String) -> Self {
        OwnedParamValue::Str(text)
    }
}

impl From<&str> for OwnedParamValue {
    fn from(text: &str) -> Self {
        OwnedParamValue::Str(text.to_owned())
    }
}

impl From<bool> for OwnedParamValue {
    fn from(flag: bool) -> Self {
        OwnedParamValue::Bool(flag)
    }
}

impl From<Vec<String>> for OwnedParamValue {
    fn from(items: Vec<String>) -> Self {
        OwnedParamValue::List(items)
    }
}

impl From<Duration> for OwnedParamValue {
    fn from(duration: Duration) -> Self {
        OwnedParamValue::Seconds(duration.as_secs())
    }
}

macro_rules! owned_int_values {
    ($variant:ident as $wide:ty: $($ty:ty),*) => {
        $(impl From<$ty> for OwnedParamValue {
            fn from(number: $ty) -> Self {
                OwnedParamValue::$variant(<$wide>::from(number))
            }
        })*
    };
}

owned_int_values!(Int as i64: i8, i16, i32, i64);
owned_int_values!(UInt as u64: u8, u16, u32, u64);

#[cfg(test)]
mod tests {
    use super::*;

    fn message(error: &DynamicError, audience: Audience) -> String {
        let mut out = String::new();
        error.write_message(audience, &mut out).unwrap();
        out
    }

    fn failed_user() -> DynamicError {
        DynamicError::new("user_creation_failed", StatusCode::INTERNAL_SERVER_ERROR)
            .with_message(
                MessageTemplate::new()
                    .literal("Failed to create user: ")
                    .param("reason"),
            )
            .with_public_message(MessageTemplate::new().literal("Failed to create user"))
            .with_param(DynamicParam::new("reason", "Database connection error").sensitive(true))
    }

    #[test]
    fn audiences_read_their_message() {
        let error = failed_user();
        assert_eq!(
            message(&error, Audience::Admin),
            "Failed to create user: Database connection error"
        );
        assert_eq!(message(&error, Audience::Public), "Failed to create user");
        assert_eq!(
            error.to_string(),
            "Failed to create user: Database connection error"
        );
    }

    #[test]
    fn sensitive_params_never_reach_the_public_message() {
        let error = DynamicError::new("leaky", StatusCode::BAD_REQUEST)
            .with_message(MessageTemplate::new().literal("token ").param("token"))
            .with_param(DynamicParam::new("token", "s3cret").sensitive(true));
        assert_eq!(message(&error, Audience::Public), "token ");
        assert_eq!(message(&error, Audience::Admin), "token s3cret");
    }

    #[test]
    fn absent_params_render_as_nothing_and_values_as_text() {
        let error = DynamicError::new("mixed", StatusCode::BAD_REQUEST).with_message(
            [
                TemplatePart::Param("missing"),
                TemplatePart::Literal("[".to_owned()),
                TemplatePart::Param("list"),
                TemplatePart::Literal("] ".to_owned()),
                TemplatePart::Param("flag"),
                TemplatePart::Literal(" ".to_owned()),
                TemplatePart::Param("delta"),
            ]
            .into_iter()
            .collect(),
        );
        let error = error
            .with_param(DynamicParam::new(
                "list",
                vec!["a".to_owned(), "b".to_owned()],
            ))
            .with_param(DynamicParam::new("flag", true))
            .with_param(DynamicParam::new("delta", -3_i32));
        assert_eq!(error.to_string(), "[a, b] true -3");
    }

    #[test]
    fn params_are_visited_in_order_with_their_wire_places() {
        struct Names(Vec<(&'static str, Option<&'static str>, Option<&'static str>)>);
        impl ParamVisitor for Names {
            fn visit(&mut self, param: Param<'_>) {
                self.0.push((param.name, param.detail, param.header));
            }
        }
        let error = DynamicError::new("rate_limit_exceeded", StatusCode::TOO_MANY_REQUESTS)
            .with_param(
                DynamicParam::new("retry_after", Duration::from_secs(60)).header("Retry-After"),
            )
            .with_param(DynamicParam::new("limit", 100_u32).detail("limit"));
        let mut names = Names(Vec::new());
        error.visit_params(&mut names);
        assert_eq!(
            names.0,
            [
                ("retry_after", None, Some("Retry-After")),
                ("limit", Some("limit"), None)
            ]
        );
    }

    #[test]
    fn fields_accumulate() {
        let error = DynamicError::new("invalid_request", StatusCode::BAD_REQUEST)
            .with_field("name", "Name is required")
            .with_field("name", "Name is too short");
        assert_eq!(
            error.field_errors().and_then(|fields| fields.get("name")),
            Some(
                &[
                    "Name is required".to_owned(),
                    "Name is too short".to_owned()
                ][..]
            )
        );
        assert!(
            DynamicError::new("x", StatusCode::BAD_REQUEST)
                .field_errors()
                .is_none()
        );
    }
}
