//! The bodies every built-in envelope writes for a few representative
//! errors, for both audiences: what a reviewer should see change.

use errors_core::{Audience, Envelope, EnvelopeKind, FlatMcp, ResponseContext};
use serde_json::{Map, Value};

use crate::support::{TestError, renderer, seed_error};
use crate::validate::assert_valid;

fn cases() -> Vec<(&'static str, TestError)> {
    vec![
        (
            "rate_limit_exceeded",
            seed_error("rate_limit_exceeded", "default"),
        ),
        ("invalid_request", seed_error("invalid_request", "default")),
        (
            "password_validation_failed",
            seed_error("password_validation_failed", "two_rules")
                .field("password", "Password contains email"),
        ),
        (
            "user_creation_failed",
            seed_error("user_creation_failed", "default"),
        ),
        (
            "resource_not_found",
            seed_error("resource_not_found", "agent"),
        ),
    ]
}

fn bodies_of(envelope: &dyn Envelope) -> Value {
    let renderer = renderer(EnvelopeKind::Problem);
    let mut all = Map::new();
    for (name, error) in cases() {
        for (audience, label) in [(Audience::Public, "public"), (Audience::Admin, "admin")] {
            let context = ResponseContext::new()
                .envelope(envelope)
                .audience(audience)
                .request_id("req_xyz789")
                .instance("/v1/agents/agent_abc123");
            let body = renderer.render_body_with(&error, &context);
            all.insert(format!("{name} ({label})"), assert_valid(envelope, &body));
        }
    }
    Value::Object(all)
}

#[test]
fn bodies_are_snapshotted() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_sort_maps(true);
    let envelopes: [(&str, &dyn Envelope); 5] = [
        ("nested", &EnvelopeKind::Nested),
        ("flat", &EnvelopeKind::Flat),
        ("flat_mcp", &FlatMcp),
        ("rich", &EnvelopeKind::Rich),
        ("problem", &EnvelopeKind::Problem),
    ];
    for (name, envelope) in envelopes {
        let bodies = bodies_of(envelope);
        settings.bind(|| insta::assert_json_snapshot!(format!("bodies_{name}"), bodies));
    }
}

/// Parses `body` into `T` and serializes it back, which must give the same JSON.
fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(body: &Value) {
    let parsed: T =
        serde_json::from_value(body.clone()).unwrap_or_else(|error| panic!("{error}: {body}"));
    assert_eq!(&serde_json::to_value(&parsed).unwrap(), body);
}

#[test]
fn body_types_read_every_rendered_body() {
    let renderer = renderer(EnvelopeKind::Problem);
    for (_, error) in cases() {
        for audience in [Audience::Public, Audience::Admin] {
            let context = ResponseContext::new()
                .audience(audience)
                .request_id("req_1")
                .instance("/v1/x");
            let body = |envelope: &dyn Envelope| -> Value {
                let context = context.envelope(envelope);
                serde_json::from_slice(&renderer.render_body_with(&error, &context)).unwrap()
            };
            round_trip::<errors_core::NestedBody>(&body(&EnvelopeKind::Nested));
            round_trip::<errors_core::FlatBody>(&body(&EnvelopeKind::Flat));
            round_trip::<errors_core::FlatBody>(&body(&FlatMcp));
            round_trip::<errors_core::RichBody>(&body(&EnvelopeKind::Rich));
            round_trip::<errors_core::ProblemBody>(&body(&EnvelopeKind::Problem));
        }
    }
}
