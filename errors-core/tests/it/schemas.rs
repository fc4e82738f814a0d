//! The exported JSON Schemas: snapshots, and the catalog-aware narrowing.

use errors_core::schema::{
    CatalogSchema, CodeSchema, catalog_aware, catalog_aware_schemas, envelope_schemas,
};
use errors_core::{Envelope, EnvelopeKind, FlatMcp, ResponseContext};
use serde_json::{Value, json};

use crate::support::{renderer, seed_error};
use crate::validate::assert_valid_against;

fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings
}

/// A catalog written by hand: what codegen will pass for the real one.
fn catalog() -> CatalogSchema {
    CatalogSchema::new()
        .code(
            CodeSchema::new("rate_limit_exceeded")
                .alias("throttle_exceeded")
                .details(json!({
                    "type": "object",
                    "properties": {
                        "limit": {"type": "integer", "minimum": 0},
                        "remaining": {"type": "integer", "minimum": 0},
                        "reset": {"type": "integer"},
                    },
                    "required": ["limit", "remaining", "reset"],
                })),
        )
        .code(CodeSchema::new("resource_not_found").details(json!({
            "type": "object",
            "properties": {
                "resource_type": {"type": "string"},
                "resource_id": {"type": "string"},
            },
        })))
        .code(CodeSchema::new("internal_error"))
        .code(CodeSchema::new("user_validation_error"))
        .code(CodeSchema::new("too_many_requests"))
}

#[test]
fn envelope_schemas_are_snapshotted() {
    let settings = snapshot_settings();
    for (name, schema) in envelope_schemas() {
        settings.bind(|| insta::assert_json_snapshot!(format!("schema_{name}"), schema));
    }
}

#[test]
fn catalog_aware_schemas_are_snapshotted() {
    let settings = snapshot_settings();
    for (name, schema) in catalog_aware_schemas(&catalog()) {
        settings.bind(|| insta::assert_json_snapshot!(format!("catalog_schema_{name}"), schema));
    }
}

#[test]
fn every_exported_schema_is_a_valid_2020_12_schema() {
    let exported = envelope_schemas()
        .into_iter()
        .chain(catalog_aware_schemas(&catalog()));
    for (name, schema) in exported {
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        assert!(
            jsonschema::meta::is_valid(&schema),
            "`{name}` is not a valid JSON Schema"
        );
    }
}

#[test]
fn catalog_aware_schemas_accept_the_catalog_bodies() {
    let catalog = catalog();
    let error = seed_error("rate_limit_exceeded", "default");
    for kind in EnvelopeKind::ALL {
        let body = renderer(kind).render_body(&error);
        assert_valid_against(&catalog_aware(&kind, &catalog).to_value(), &body);
    }
    let mcp = renderer(FlatMcp).render_body(&error);
    assert_valid_against(&catalog_aware(&FlatMcp, &catalog).to_value(), &mcp);
}

fn is_valid(schema: &Value, body: &Value) -> bool {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
        .is_valid(body)
}

fn rich_body(code: &str, details: Value) -> Value {
    json!({"error": {
        "message": "m", "status": 429, "code": code,
        "timestamp": "2024-12-01T12:00:00Z", "details": details,
    }})
}

#[test]
fn codes_outside_the_catalog_are_rejected() {
    let generic = EnvelopeKind::Rich.json_schema().to_value();
    let aware = catalog_aware(&EnvelopeKind::Rich, &catalog()).to_value();
    let unknown = rich_body("no_such_code", json!({}));
    assert!(is_valid(&generic, &unknown));
    assert!(!is_valid(&aware, &unknown));
    let alias = rich_body(
        "throttle_exceeded",
        json!({"limit": 1, "remaining": 0, "reset": 2}),
    );
    assert!(is_valid(&aware, &alias));
}

#[test]
fn rich_details_follow_their_code() {
    let aware = catalog_aware(&EnvelopeKind::Rich, &catalog()).to_value();
    let good = rich_body(
        "rate_limit_exceeded",
        json!({"limit": 100, "remaining": 0, "reset": 1_638_360_060}),
    );
    assert!(is_valid(&aware, &good));
    let wrong_type = rich_body(
        "rate_limit_exceeded",
        json!({"limit": "100", "remaining": 0, "reset": 1}),
    );
    assert!(!is_valid(&aware, &wrong_type));
    let mut missing = rich_body("rate_limit_exceeded", json!({}));
    missing["error"].as_object_mut().unwrap().remove("details");
    assert!(!is_valid(&aware, &missing), "required details are missing");
    let other_code = rich_body("internal_error", json!({"limit": "any"}));
    assert!(is_valid(&aware, &other_code));
}

#[test]
fn problem_extension_members_follow_their_code() {
    let aware = catalog_aware(&EnvelopeKind::Problem, &catalog()).to_value();
    let body = |limit: Value| {
        json!({
            "type": "about:blank", "title": "Too Many Requests", "status": 429,
            "detail": "d", "code": "rate_limit_exceeded",
            "limit": limit, "remaining": 0, "reset": 1,
        })
    };
    assert!(is_valid(&aware, &body(json!(100))));
    assert!(!is_valid(&aware, &body(json!("100"))));
}

#[test]
fn opaque_envelopes_keep_their_schema() {
    assert_eq!(
        catalog_aware(&EnvelopeKind::Flat, &catalog()),
        EnvelopeKind::Flat.json_schema()
    );
}

#[test]
fn a_request_id_in_rich_details_validates() {
    let error = seed_error("internal_error", "default");
    let context = ResponseContext::new().request_id("req_1");
    let body = renderer(EnvelopeKind::Rich).render_body_with(&error, &context);
    let body = assert_valid_against(
        &catalog_aware(&EnvelopeKind::Rich, &catalog()).to_value(),
        &body,
    );
    assert_eq!(body["error"]["details"]["request_id"], "req_1");
}
