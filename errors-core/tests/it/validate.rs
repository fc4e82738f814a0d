//! Validation of rendered bodies against the exported envelope schemas.

use errors_core::Envelope;
use serde_json::Value;

/// Asserts that `body` is JSON and validates against `schema`, formats included.
pub fn assert_valid_against(schema: &Value, body: &[u8]) -> Value {
    let instance: Value = serde_json::from_slice(body).unwrap_or_else(|error| {
        panic!(
            "body is not JSON ({error}): {}",
            String::from_utf8_lossy(body)
        )
    });
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles");
    let problems: Vec<String> = validator
        .iter_errors(&instance)
        .map(|error| format!("{} at {}", error, error.instance_path()))
        .collect();
    assert!(
        problems.is_empty(),
        "body {instance} does not validate: {problems:#?}"
    );
    instance
}

/// Asserts that `body` validates against the schema `envelope` exports.
pub fn assert_valid(envelope: &dyn Envelope, body: &[u8]) -> Value {
    assert_valid_against(&envelope.json_schema().to_value(), body)
}
