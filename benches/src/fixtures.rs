//! The errors and renderers every benchmark uses.
//!
//! Two cases cover the rendering paths: a code without dynamic params
//! (`invalid_api_key`, a static message) and a code with a dynamic param in
//! its message and field errors (`user_validation_error`). Each is rendered
//! in the four built-in envelopes, with a fixed clock, a request id and an
//! instance URI, so bodies are byte-for-byte reproducible.

use errors_core::catalog::{AuthenticationError, CatalogError, ValidationError};
use errors_core::{
    ApiError, EnvelopeKind, FieldErrors, FixedClock, Renderer, ResponseContext, Timestamp,
};

/// The request id every rendering carries.
pub const REQUEST_ID: &str = "req_xyz789";

/// The instance URI (RFC 9457 `instance`) every rendering carries.
pub const INSTANCE: &str = "/v1/agents/agent_abc123";

/// The time of every rendering: 2024-12-01T12:00:00Z.
pub const NOW: Timestamp = Timestamp::from_unix_seconds(1_733_054_400);

/// The envelopes measured, in table order.
pub const ENVELOPES: [EnvelopeKind; 4] = [
    EnvelopeKind::Nested,
    EnvelopeKind::Flat,
    EnvelopeKind::Rich,
    EnvelopeKind::Problem,
];

/// Which error a measurement renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// `invalid_api_key`: no params, a static message.
    Plain,
    /// `user_validation_error`: a param shown as the message, and two field errors.
    Params,
}

impl Case {
    /// Both cases, in table order.
    pub const ALL: [Case; 2] = [Case::Plain, Case::Params];

    /// The case's name in benchmark ids and the report.
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(benchmarks::fixtures::Case::Params.name(), "params");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Case::Plain => "plain",
            Case::Params => "params",
        }
    }

    /// The error of this case, built from the generated catalog.
    pub fn error(self) -> CatalogError {
        match self {
            Case::Plain => CatalogError::Authentication(AuthenticationError::InvalidApiKey),
            Case::Params => {
                let mut fields = FieldErrors::new();
                fields.push("name", "Name is required");
                fields.push("temperature", "Temperature must be between 0 and 2");
                CatalogError::Validation(ValidationError::UserValidationError {
                    reason: "Name is required".to_owned(),
                    fields,
                })
            }
        }
    }
}

/// The name of `envelope` in benchmark ids and the report.
pub fn envelope_name(envelope: EnvelopeKind) -> &'static str {
    match envelope {
        EnvelopeKind::Nested => "nested",
        EnvelopeKind::Flat => "flat",
        EnvelopeKind::Rich => "rich",
        EnvelopeKind::Problem => "problem",
    }
}

/// A renderer for `envelope` with the fixed clock.
pub fn renderer(envelope: EnvelopeKind) -> Renderer {
    Renderer::builder()
        .envelope(envelope)
        .clock(FixedClock(NOW))
        .build()
}

/// The per-response context of every rendering: the request id and instance.
pub const fn context() -> ResponseContext<'static> {
    ResponseContext::new()
        .request_id(REQUEST_ID)
        .instance(INSTANCE)
}

/// Renders `error` with `renderer`: the side of each comparison measuring
/// this workspace.
///
/// # Examples
///
/// ```
/// use benchmarks::fixtures::{Case, render, renderer};
/// use errors_core::EnvelopeKind;
///
/// let body = render(&renderer(EnvelopeKind::Flat), &Case::Plain.error());
/// assert_eq!(body, br#"{"error":"Invalid API key format"}"#);
/// ```
pub fn render(renderer: &Renderer, error: &dyn ApiError) -> Vec<u8> {
    renderer.render_body_with(error, &context())
}

/// The response of `case` in `envelope` as a client receives it: status,
/// headers and body.
pub fn response(envelope: EnvelopeKind, case: Case) -> http::Response<Vec<u8>> {
    renderer(envelope).render_response_with(&case.error(), &context())
}
