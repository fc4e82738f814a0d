//! Hand-written catalog errors for the tests, implementing `ApiError` the way
//! the derive and the generated code do.

use std::error::Error;
use std::fmt;

use errors_core::http::StatusCode;
use errors_core::{
    ApiError, Audience, FieldErrors, FixedClock, Param, ParamValue, ParamVisitor, Renderer,
    Timestamp,
};

/// 2024-12-01T12:00:00Z, the time of every Heppu example.
pub const SEED_TIME: Timestamp = Timestamp::from_unix_seconds(1_733_054_400);

/// An owned param value.
#[derive(Clone, Debug)]
pub enum Value {
    Str(String),
    Int(i64),
    UInt(u64),
    Seconds(u64),
    List(Vec<String>),
}

impl Value {
    fn borrow(&self) -> ParamValue<'_> {
        match self {
            Value::Str(text) => ParamValue::Str(text),
            Value::Int(number) => ParamValue::Int(*number),
            Value::UInt(number) => ParamValue::UInt(*number),
            Value::Seconds(seconds) => ParamValue::Seconds(*seconds),
            Value::List(items) => ParamValue::List(items),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Str(text) => f.write_str(text),
            Value::Int(number) => write!(f, "{number}"),
            Value::UInt(number) | Value::Seconds(number) => write!(f, "{number}"),
            Value::List(items) => f.write_str(&items.join(", ")),
        }
    }
}

/// One param of a [`TestError`].
#[derive(Clone, Debug)]
pub struct TestParam {
    pub name: &'static str,
    pub value: Value,
    pub detail: Option<&'static str>,
    pub header: Option<&'static str>,
    pub sensitive: bool,
}

/// A catalog error: a code, a message template with `{param}` placeholders,
/// an optional public message template, params, field errors and a source.
#[derive(Debug)]
pub struct TestError {
    pub code: &'static str,
    pub status: StatusCode,
    pub message: &'static str,
    pub public_message: Option<&'static str>,
    pub params: Vec<TestParam>,
    pub fields: Option<FieldErrors>,
    pub source: Option<Box<dyn Error + Send + Sync>>,
}

impl TestError {
    pub fn new(code: &'static str, status: u16, message: &'static str) -> Self {
        Self {
            code,
            status: StatusCode::from_u16(status).unwrap(),
            message,
            public_message: None,
            params: Vec::new(),
            fields: None,
            source: None,
        }
    }

    pub fn public(mut self, message: &'static str) -> Self {
        self.public_message = Some(message);
        self
    }

    fn param(mut self, name: &'static str, value: Value) -> Self {
        self.params.push(TestParam {
            name,
            value,
            detail: None,
            header: None,
            sensitive: false,
        });
        self
    }

    pub fn str(self, name: &'static str, value: &str) -> Self {
        self.param(name, Value::Str(value.to_owned()))
    }

    pub fn int(self, name: &'static str, value: i64) -> Self {
        self.param(name, Value::Int(value))
    }

    pub fn uint(self, name: &'static str, value: u64) -> Self {
        self.param(name, Value::UInt(value))
    }

    pub fn seconds(self, name: &'static str, value: u64) -> Self {
        self.param(name, Value::Seconds(value))
    }

    pub fn list(self, name: &'static str, items: &[&str]) -> Self {
        self.param(
            name,
            Value::List(items.iter().map(|item| (*item).to_owned()).collect()),
        )
    }

    /// Gives the last param a detail member.
    pub fn detail(mut self, member: &'static str) -> Self {
        self.params.last_mut().unwrap().detail = Some(member);
        self
    }

    /// Gives the last param a header.
    pub fn header(mut self, name: &'static str) -> Self {
        self.params.last_mut().unwrap().header = Some(name);
        self
    }

    /// Marks the last param sensitive.
    pub fn sensitive(mut self) -> Self {
        self.params.last_mut().unwrap().sensitive = true;
        self
    }

    pub fn field(mut self, field: &str, message: &str) -> Self {
        self.fields
            .get_or_insert_with(FieldErrors::new)
            .push(field, message);
        self
    }

    pub fn caused_by(mut self, source: impl Error + Send + Sync + 'static) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    /// Writes `template`, replacing each `{name}` with the param's value.
    fn write_template(&self, template: &str, out: &mut dyn fmt::Write) -> fmt::Result {
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.write_str(&rest[..start])?;
            let end = start + rest[start..].find('}').unwrap();
            let name = &rest[start + 1..end];
            let param = self.params.iter().find(|param| param.name == name).unwrap();
            write!(out, "{}", param.value)?;
            rest = &rest[end + 1..];
        }
        out.write_str(rest)
    }
}

impl fmt::Display for TestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_template(self.message, f)
    }
}

impl Error for TestError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn Error + 'static))
    }
}

impl ApiError for TestError {
    fn code(&self) -> &'static str {
        self.code
    }

    fn status(&self) -> StatusCode {
        self.status
    }

    fn write_message(&self, audience: Audience, out: &mut dyn fmt::Write) -> fmt::Result {
        match (audience, self.public_message) {
            (Audience::Public, Some(public)) => self.write_template(public, out),
            _ => self.write_template(self.message, out),
        }
    }

    fn visit_params(&self, visitor: &mut dyn ParamVisitor) {
        for param in &self.params {
            visitor.visit(Param {
                name: param.name,
                value: param.value.borrow(),
                detail: param.detail,
                header: param.header,
                sensitive: param.sensitive,
            });
        }
    }

    fn field_errors(&self) -> Option<&FieldErrors> {
        self.fields.as_ref()
    }
}

/// A source error, to prove sources never reach a body.
#[derive(Debug)]
pub struct Cause(pub &'static str);

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Error for Cause {}

/// A renderer with the seed time and `envelope`.
pub fn renderer(envelope: impl errors_core::Envelope + 'static) -> Renderer {
    Renderer::builder()
        .envelope(envelope)
        .clock(FixedClock(SEED_TIME))
        .build()
}

/// The example `example` of catalog code `code`, as the catalog declares it.
pub fn seed_error(code: &str, example: &str) -> TestError {
    match (code, example) {
        ("user_validation_error", "email_taken") => {
            TestError::new("user_validation_error", 400, "{reason}")
                .str("reason", "Email already exists")
                .field("email", "Email already exists")
        }
        ("invalid_api_key", "default") => {
            TestError::new("invalid_api_key", 401, "Invalid API key format")
        }
        ("missing_api_key", "default") => TestError::new(
            "missing_api_key",
            401,
            "API key required. Include x-api-key header or Authorization: Bearer header.",
        ),
        ("revoked_api_key", "default") => {
            TestError::new("revoked_api_key", 401, "API key has been revoked")
        }
        ("insufficient_permissions", "default") => TestError::new(
            "insufficient_permissions",
            403,
            "Insufficient permissions to access this resource",
        )
        .str("required_permission", "agents:write")
        .detail("required_permission"),
        ("resource_not_found", "agent") => resource_not_found("Agent")
            .str("resource_type", "agent")
            .detail("resource_type")
            .str("resource_id", "agent_abc123")
            .detail("resource_id"),
        ("resource_not_found", "user") => resource_not_found("User"),
        ("resource_not_found", "organization") => resource_not_found("Organization"),
        ("resource_not_found", "rating") => resource_not_found("Rating"),
        ("resource_not_found", "server") => resource_not_found("Server"),
        ("invalid_request", "default") => {
            TestError::new("invalid_request", 400, "Invalid request parameters")
                .field("name", "Name is required")
                .field("temperature", "Temperature must be between 0 and 2")
        }
        ("validation_failed", "default") => {
            TestError::new("validation_failed", 422, "Validation failed")
                .str("field", "systemPrompt")
                .detail("field")
                .str("reason", "System prompt cannot be empty")
                .detail("message")
        }
        ("rate_limit_exceeded", "default") => TestError::new(
            "rate_limit_exceeded",
            429,
            "Rate limit exceeded. Please retry after {retry_after} seconds.",
        )
        .seconds("retry_after", 60)
        .header("Retry-After")
        .uint("limit", 100)
        .detail("limit")
        .header("X-RateLimit-Limit")
        .uint("remaining", 0)
        .detail("remaining")
        .header("X-RateLimit-Remaining")
        .int("reset", 1_638_360_060)
        .detail("reset")
        .header("X-RateLimit-Reset"),
        ("resource_conflict", "default") => TestError::new(
            "resource_conflict",
            409,
            "{resource} with this {field} already exists",
        )
        .str("resource", "Agent")
        .str("field", "name")
        .detail("field")
        .str("conflict", "duplicate_name")
        .detail("conflict"),
        ("internal_error", "default") => TestError::new(
            "internal_error",
            500,
            "An internal error occurred. Please try again later.",
        )
        .public("An internal error occurred. Please try again later."),
        ("missing_required_field", "default") => TestError::new(
            "missing_required_field",
            400,
            "Missing required field: {field}",
        )
        .str("field", "name"),
        ("credentials_required", "default") => TestError::new(
            "credentials_required",
            400,
            "Email and password are required",
        ),
        ("invalid_url_format", "default") => {
            TestError::new("invalid_url_format", 400, "Invalid URL format")
        }
        ("password_validation_failed", "two_rules") => password_validation_failed(&[
            "Password must be at least 12 characters long",
            "Password must contain at least one uppercase letter",
        ]),
        ("password_validation_failed", "three_rules") => password_validation_failed(&[
            "Password must be at least 12 characters long",
            "Password must contain at least one uppercase letter",
            "Password must contain at least one number",
        ]),
        ("authentication_required", "default") => {
            TestError::new("authentication_required", 401, "Authentication required")
        }
        ("invalid_credentials", "default") => {
            TestError::new("invalid_credentials", 401, "Invalid credentials")
        }
        ("invalid_app_password", "default") => {
            TestError::new("invalid_app_password", 401, "Invalid app password token")
        }
        ("unauthorized", "default") => TestError::new("unauthorized", 401, "Unauthorized"),
        ("access_denied", "default") => TestError::new("access_denied", 403, "Access denied"),
        ("not_organization_member", "default") => TestError::new(
            "not_organization_member",
            403,
            "You do not belong to this organization",
        ),
        ("admin_role_required", "default") => TestError::new(
            "admin_role_required",
            403,
            "Only admins or billing owners can {action}",
        )
        .str("action", "add users to organizations"),
        ("mcp_not_enabled", "default") => {
            TestError::new("mcp_not_enabled", 403, "MCP is not enabled for this agent")
        }
        ("mcp_model_not_supported", "default") => TestError::new(
            "mcp_model_not_supported",
            403,
            "MCP is only supported by OpenAI and Claude models. Current model: {model}",
        )
        .str("model", "sonar-pro"),
        ("agent_not_found", "default") => {
            TestError::new("agent_not_found", 404, "Agent not found or access denied")
        }
        ("url_content_too_large", "default") => {
            TestError::new("url_content_too_large", 413, "URL content too large")
        }
        ("too_many_requests", "default") => {
            TestError::new("too_many_requests", 429, "Rate limit exceeded")
                .seconds("retry_after", 60)
                .header("Retry-After")
        }
        ("internal_server_error", "default") => {
            TestError::new("internal_server_error", 500, "Internal server error")
                .public("Internal server error")
        }
        ("user_creation_failed", "default") => TestError::new(
            "user_creation_failed",
            500,
            "Failed to create user: {reason}",
        )
        .public("Failed to create user")
        .str("reason", "Database connection error")
        .sensitive(),
        ("mcp_service_unhealthy", "default") => {
            TestError::new("mcp_service_unhealthy", 503, "MCP service is not healthy")
                .public("MCP service is not healthy")
        }
        ("gateway_timeout", "default") => {
            TestError::new("gateway_timeout", 504, "Request timed out").public("Request timed out")
        }
        ("service_unavailable", "default") => TestError::new(
            "service_unavailable",
            503,
            "Service temporarily unavailable",
        )
        .public("Service temporarily unavailable"),
        _ => panic!("no test error for `{code}` example `{example}`: add it to `seed_error`"),
    }
}

fn resource_not_found(resource: &str) -> TestError {
    TestError::new("resource_not_found", 404, "{resource} not found").str("resource", resource)
}

fn password_validation_failed(rules: &[&str]) -> TestError {
    TestError::new(
        "password_validation_failed",
        400,
        "Password validation failed",
    )
    .list("failures", rules)
    .detail("failures")
}
