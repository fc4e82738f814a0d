//! The error type and handlers both framework tests serve: one derived
//! enum with a rate limit (headers, a sensitive detail), field errors and a
//! tuple variant, a renderer with a fixed clock, and the responses both
//! servers must send.

use std::time::Duration;

use errors_core::{ApiError, EnvelopeKind, FieldErrors, FixedClock, Renderer, Timestamp};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
pub enum ShopError {
    #[api(
        code = "rate_limit_exceeded",
        status = 429,
        retryable,
        message = "Rate limit exceeded for tenant {tenant}. Retry after {retry_after} seconds.",
        public_message = "Rate limit exceeded. Retry after {retry_after} seconds."
    )]
    RateLimited {
        #[api(header = "Retry-After", detail)]
        retry_after: Duration,
        #[api(detail = "limit", header = "X-RateLimit-Limit")]
        limit: u32,
        #[api(sensitive, detail, header = "X-Tenant")]
        tenant: String,
    },
    #[api(
        code = "user_validation_error",
        status = 400,
        message = "Email already exists"
    )]
    Invalid {
        #[api(fields)]
        fields: FieldErrors,
    },
    #[api(
        code = "agent_not_found",
        status = 404,
        message = "Agent {0} not found"
    )]
    AgentNotFound(String),
}

pub async fn limited() -> Result<&'static str, ShopError> {
    Err(ShopError::RateLimited {
        retry_after: Duration::from_secs(60),
        limit: 100,
        tenant: "acme".to_owned(),
    })
}

pub async fn invalid() -> Result<&'static str, ShopError> {
    let mut fields = FieldErrors::new();
    fields.push("email", "Email already exists");
    Err(ShopError::Invalid { fields })
}

pub async fn missing() -> Result<&'static str, ShopError> {
    Err(ShopError::AgentNotFound("agent_abc123".to_owned()))
}

pub fn renderer(envelope: EnvelopeKind) -> Renderer {
    Renderer::builder()
        .envelope(envelope)
        .clock(FixedClock(Timestamp::from_unix_seconds(1_733_054_400)))
        .build()
}

/// The public bodies of `ShopError::RateLimited` in every envelope, with
/// their content types, as both servers must send them.
pub fn rate_limited_public_bodies() -> [(&'static str, &'static str, Value); 4] {
    let public = "Rate limit exceeded. Retry after 60 seconds.";
    [
        (
            "nested",
            "application/json",
            json!({"error": {"code": "rate_limit_exceeded", "message": public, "status": 429, "fields": {}}}),
        ),
        (
            "flat",
            "application/json",
            json!({"error": public, "retry_after": 60}),
        ),
        (
            "rich",
            "application/json",
            json!({"error": {
                "message": public,
                "status": 429,
                "code": "rate_limit_exceeded",
                "timestamp": "2024-12-01T12:00:00Z",
                "details": {"retry_after": 60, "limit": 100}
            }}),
        ),
        (
            "problem",
            "application/problem+json",
            json!({
                "type": "about:blank",
                "title": "Too Many Requests",
                "status": 429,
                "detail": public,
                "code": "rate_limit_exceeded",
                "retry_after": 60,
                "limit": 100
            }),
        ),
    ]
}

/// The value of the response header `name`, which must be ASCII.
pub fn header<'h>(headers: &'h reqwest::header::HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).map(|v| v.to_str().expect("ASCII header"))
}

/// The problem body of `ShopError::AgentNotFound` when the request asks for
/// `application/problem+json` with the request id `req_42` at `instance`.
pub fn negotiated_problem_body(instance: &str) -> Value {
    json!({
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "Agent agent_abc123 not found",
        "instance": instance,
        "code": "agent_not_found",
        "request_id": "req_42"
    })
}
