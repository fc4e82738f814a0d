//! Redaction: what the public never sees, in any envelope, built-in or custom.

use errors_core::http::Response;
use errors_core::{Audience, Envelope, EnvelopeKind, FlatMcp, ResponseContext};

use crate::custom_envelope::Ticket;
use crate::support::{Cause, TestError, renderer};

const CARD: &str = "4111-1111-1111-1111";
const GATEWAY: &str = "gateway-eu-7 said NO_FUNDS";
const INTERNAL_MESSAGE: &str = "Charge failed for card";
const SOURCE: &str = "connection refused by db-primary-3";
const PUBLIC_MESSAGE: &str = "The payment could not be processed";

fn payment_failed() -> TestError {
    TestError::new(
        "payment_failed",
        502,
        "Charge failed for card {card}: {gateway}",
    )
    .public(PUBLIC_MESSAGE)
    .str("card", CARD)
    .detail("card")
    .header("X-Card")
    .sensitive()
    .str("gateway", GATEWAY)
    .detail("gateway")
    .sensitive()
    .str("order_id", "ord_77")
    .detail("order_id")
    .header("X-Order-Id")
    .caused_by(Cause(SOURCE))
}

fn envelopes() -> Vec<&'static dyn Envelope> {
    vec![
        &EnvelopeKind::Nested,
        &EnvelopeKind::Flat,
        &FlatMcp,
        &EnvelopeKind::Rich,
        &EnvelopeKind::Problem,
        &Ticket,
    ]
}

/// The body and every header, as one text to search.
fn everything(response: &Response<Vec<u8>>) -> String {
    let mut text = String::from_utf8(response.body().clone()).unwrap();
    for (name, value) in response.headers() {
        text.push('\n');
        text.push_str(name.as_str());
        text.push_str(": ");
        text.push_str(value.to_str().unwrap());
    }
    text
}

/// Whether the envelope has a place for a param's `detail` member.
fn carries_details(envelope: &dyn Envelope) -> bool {
    matches!(envelope.name(), "rich" | "problem" | "ticket")
}

#[test]
fn the_public_sees_no_sensitive_value_internal_message_or_source() {
    let error = payment_failed();
    for envelope in envelopes() {
        for renderer in [
            renderer(EnvelopeKind::Problem),
            errors_core::Renderer::builder()
                .envelope(EnvelopeKind::Problem)
                .build(),
        ] {
            let context = ResponseContext::new().envelope(envelope);
            let text = everything(&renderer.render_response_with(&error, &context));
            let name = envelope.name();
            for secret in [CARD, GATEWAY, INTERNAL_MESSAGE, SOURCE] {
                assert!(!text.contains(secret), "{name} shows `{secret}`: {text}");
            }
            assert!(
                !text.to_ascii_lowercase().contains("x-card"),
                "{name}: {text}"
            );
            assert!(text.contains(PUBLIC_MESSAGE), "{name}: {text}");
            assert!(text.contains("x-order-id: ord_77"), "{name}: {text}");
            if carries_details(envelope) {
                assert!(
                    text.contains("ord_77\""),
                    "{name} drops public details: {text}"
                );
            }
            for stream in [
                renderer.render_sse_with(&error, &context),
                renderer.render_ws_message_with(&error, &context),
            ] {
                for secret in [CARD, GATEWAY, INTERNAL_MESSAGE, SOURCE] {
                    assert!(!stream.contains(secret), "{name} streams `{secret}`");
                }
            }
        }
    }
}

#[test]
fn admins_see_the_full_message_and_sensitive_details_but_no_source() {
    let error = payment_failed();
    for envelope in envelopes() {
        let context = ResponseContext::new()
            .envelope(envelope)
            .audience(Audience::Admin);
        let text =
            everything(&renderer(EnvelopeKind::Problem).render_response_with(&error, &context));
        let name = envelope.name();
        assert!(
            text.contains(&format!("{INTERNAL_MESSAGE} {CARD}: {GATEWAY}")),
            "{name}: {text}"
        );
        assert!(text.contains(&format!("x-card: {CARD}")), "{name}: {text}");
        if carries_details(envelope) {
            assert!(
                text.contains(&format!("\"card\":\"{CARD}\"")),
                "{name}: {text}"
            );
            assert!(
                text.contains(&format!("\"gateway\":\"{GATEWAY}\"")),
                "{name}: {text}"
            );
        }
        assert!(!text.contains(SOURCE), "{name} shows the source: {text}");
    }
}

#[test]
fn the_renderer_audience_is_the_default_and_the_context_overrides_it() {
    let error = payment_failed();
    let admin = errors_core::Renderer::builder()
        .envelope(EnvelopeKind::Flat)
        .audience(Audience::Admin)
        .build();
    let body = String::from_utf8(admin.render_body(&error)).unwrap();
    assert!(body.contains(CARD), "{body}");
    let public = ResponseContext::new().audience(Audience::Public);
    let body = String::from_utf8(admin.render_body_with(&error, &public)).unwrap();
    assert!(!body.contains(CARD), "{body}");
}

#[test]
fn streams_are_public_unless_the_context_says_otherwise() {
    let error = payment_failed();
    let admin = errors_core::Renderer::builder()
        .envelope(EnvelopeKind::Flat)
        .audience(Audience::Admin)
        .build();
    assert_eq!(
        admin.render_ws_message(&error),
        format!(r#"{{"error":"{PUBLIC_MESSAGE}"}}"#)
    );
    let context = ResponseContext::new().audience(Audience::Admin);
    assert!(admin.render_sse_with(&error, &context).contains(CARD));
}
