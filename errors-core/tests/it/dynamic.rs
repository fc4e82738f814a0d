//! A `DynamicError` built from a code's data renders exactly like a derived
//! type declaring the same code: every envelope, both audiences, status,
//! headers and body.

use std::time::Duration;

use errors_core::{
    ApiError, Audience, DynamicError, DynamicParam, EnvelopeKind, FieldErrors, FlatMcp,
    MessageTemplate, ResponseContext,
};
use http::StatusCode;

use crate::support::renderer;

#[derive(Debug, ApiError)]
enum ShopError {
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
        #[api(sensitive, detail)]
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
        code = "password_validation_failed",
        status = 400,
        message = "Password validation failed"
    )]
    Password {
        #[api(detail = "rules")]
        rules: Vec<String>,
    },
}

fn rate_limited() -> (ShopError, DynamicError) {
    let derived = ShopError::RateLimited {
        retry_after: Duration::from_secs(60),
        limit: 100,
        tenant: "acme".to_owned(),
    };
    let dynamic = DynamicError::new("rate_limit_exceeded", StatusCode::TOO_MANY_REQUESTS)
        .with_retryable(true)
        .with_message(
            MessageTemplate::new()
                .literal("Rate limit exceeded for tenant ")
                .param("tenant")
                .literal(". Retry after ")
                .param("retry_after")
                .literal(" seconds."),
        )
        .with_public_message(
            MessageTemplate::new()
                .literal("Rate limit exceeded. Retry after ")
                .param("retry_after")
                .literal(" seconds."),
        )
        .with_param(
            DynamicParam::new("retry_after", Duration::from_secs(60))
                .header("Retry-After")
                .detail("retry_after"),
        )
        .with_param(
            DynamicParam::new("limit", 100_u32)
                .detail("limit")
                .header("X-RateLimit-Limit"),
        )
        .with_param(
            DynamicParam::new("tenant", "acme")
                .detail("tenant")
                .sensitive(true),
        );
    (derived, dynamic)
}

fn invalid() -> (ShopError, DynamicError) {
    let mut fields = FieldErrors::new();
    fields.push("email", "Email already exists");
    fields.push("email", "Email is too long");
    let derived = ShopError::Invalid {
        fields: fields.clone(),
    };
    let dynamic = DynamicError::new("user_validation_error", StatusCode::BAD_REQUEST)
        .with_message(MessageTemplate::new().literal("Email already exists"))
        .with_fields(fields);
    (derived, dynamic)
}

fn password() -> (ShopError, DynamicError) {
    let rules = vec![
        "Password must be at least 12 characters long".to_owned(),
        "Password must contain at least one number".to_owned(),
    ];
    let derived = ShopError::Password {
        rules: rules.clone(),
    };
    let dynamic = DynamicError::new("password_validation_failed", StatusCode::BAD_REQUEST)
        .with_message(MessageTemplate::new().literal("Password validation failed"))
        .with_param(DynamicParam::new("rules", rules).detail("rules"));
    (derived, dynamic)
}

#[test]
fn dynamic_errors_render_like_derived_ones() {
    for (derived, dynamic) in [rate_limited(), invalid(), password()] {
        assert_eq!(dynamic.code(), derived.code());
        assert_eq!(dynamic.retryable(), derived.retryable());
        assert_eq!(dynamic.to_string(), derived.to_string());
        let envelopes: [&dyn errors_core::Envelope; 5] = [
            &EnvelopeKind::Nested,
            &EnvelopeKind::Flat,
            &FlatMcp,
            &EnvelopeKind::Rich,
            &EnvelopeKind::Problem,
        ];
        for envelope in envelopes {
            for audience in [Audience::Public, Audience::Admin] {
                let context = ResponseContext::new()
                    .request_id("req_xyz789")
                    .audience(audience)
                    .envelope(envelope);
                let renderer = renderer(EnvelopeKind::Problem);
                let expected = renderer.render_response_with(&derived, &context);
                let actual = renderer.render_response_with(&dynamic, &context);
                let place = format!("{} / {} / {audience:?}", derived.code(), envelope.name());
                assert_eq!(actual.status(), expected.status(), "{place}");
                assert_eq!(actual.headers(), expected.headers(), "{place}");
                assert_eq!(
                    String::from_utf8_lossy(actual.body()),
                    String::from_utf8_lossy(expected.body()),
                    "{place}"
                );
            }
        }
    }
}

#[test]
fn the_public_never_sees_a_sensitive_dynamic_param() {
    let (_, dynamic) = rate_limited();
    for envelope in EnvelopeKind::ALL {
        let context = ResponseContext::new()
            .audience(Audience::Public)
            .envelope(&envelope);
        let response = renderer(EnvelopeKind::Problem).render_response_with(&dynamic, &context);
        let body = String::from_utf8_lossy(response.body());
        assert!(!body.contains("acme"), "{}: {body}", envelope.as_str());
        assert!(
            response
                .headers()
                .values()
                .all(|value| value.to_str().unwrap() != "acme")
        );
    }
}
