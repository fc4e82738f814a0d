//! The example service's OpenAPI document: every error response comes from
//! the error types, the document is valid OpenAPI 3.1 for a real validator
//! (openapi-spec-validator), and a reviewer sees it change in a snapshot.

use std::process::Command;

use errors_core::integration::utoipa::set_documentation_renderer;
use serde_json::Value;
use utoipa::OpenApi;

// The test reads the document; the routes are for the example's server.
#[allow(dead_code)]
#[path = "../examples/openapi/service.rs"]
mod service;

fn document() -> Value {
    let _ = set_documentation_renderer(service::renderer());
    serde_json::to_value(service::ApiDoc::openapi()).expect("a document is JSON")
}

#[test]
fn every_error_response_comes_from_the_error_types() {
    let document = document();
    let responses = |path: &str, method: &str| -> Vec<String> {
        document["paths"][path][method]["responses"]
            .as_object()
            .expect("responses")
            .keys()
            .cloned()
            .collect()
    };
    // `ResourcesError`, and the hand-derived `ArchiveError`.
    assert_eq!(responses("/agents/{id}", "get"), ["200", "404"]);
    assert_eq!(responses("/agents/{id}", "delete"), ["204", "401", "410"]);
    // `AuthenticationError`, `ValidationError` and `RateLimitingError`.
    assert_eq!(
        responses("/agents", "post"),
        ["201", "400", "401", "413", "422", "429"]
    );
    assert_eq!(responses("/agents", "get"), ["200", "429"]);

    let limited = &document["paths"]["/agents"]["get"]["responses"]["429"];
    assert_eq!(
        limited["description"],
        "Too Many Requests: `rate_limit_exceeded`, `too_many_requests`"
    );
    let content = &limited["content"]["application/json"];
    assert_eq!(
        content["schema"]["$ref"],
        "#/components/schemas/RichErrorBody"
    );
    let example = &content["examples"]["rate_limit_exceeded"]["value"]["error"];
    assert_eq!(example["code"], "rate_limit_exceeded");
    assert_eq!(example["details"]["limit"], 100);
    assert!(limited["headers"]["Retry-After"].is_object(), "{limited}");
    assert!(
        limited["headers"]["X-RateLimit-Limit"].is_object(),
        "{limited}"
    );
    // A hand-derived error has no catalog examples, but its schema.
    let archived = &document["paths"]["/agents/{id}"]["delete"]["responses"]["410"];
    assert_eq!(archived["description"], "Gone: `agent_archived`");
    assert!(archived["content"]["application/json"]["examples"].is_null());
    assert!(document["components"]["schemas"]["RichErrorBody"].is_object());
}

#[test]
fn every_example_validates_against_the_body_schema() {
    let document = document();
    let schema = &document["components"]["schemas"]["RichErrorBody"];
    let validator = jsonschema::validator_for(schema).expect("a JSON Schema");
    let mut checked = 0;
    for (path, methods) in document["paths"].as_object().expect("paths") {
        for (method, operation) in methods.as_object().expect("methods") {
            for (status, response) in operation["responses"].as_object().expect("responses") {
                let examples = &response["content"]["application/json"]["examples"];
                for (name, example) in examples.as_object().into_iter().flatten() {
                    let errors: Vec<String> = validator
                        .iter_errors(&example["value"])
                        .map(|error| error.to_string())
                        .collect();
                    assert!(
                        errors.is_empty(),
                        "{method} {path} {status} {name}: {errors:?}"
                    );
                    assert_eq!(
                        example["value"]["error"]["status"].as_u64(),
                        status.parse().ok(),
                        "{method} {path} {name}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} examples");
}

#[test]
fn the_document_is_unchanged() {
    insta::assert_json_snapshot!("openapi_document", document());
}

/// Validates the document with openapi-spec-validator (`pip install
/// openapi-spec-validator`). Without it the test is skipped, except in CI
/// (`CI` set), which installs it and must run it.
#[test]
fn the_document_is_valid_openapi_3_1() {
    let available = Command::new("python3")
        .args(["-c", "import openapi_spec_validator"])
        .status()
        .is_ok_and(|status| status.success());
    if !available {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install openapi-spec-validator (`pip install openapi-spec-validator`)"
        );
        eprintln!("skipped: openapi-spec-validator is not installed");
        return;
    }
    let document = document();
    assert_eq!(document["openapi"], "3.1.0");
    let path =
        std::env::temp_dir().join(format!("errors-core-openapi-{}.json", std::process::id()));
    std::fs::write(&path, serde_json::to_vec_pretty(&document).expect("JSON")).expect("write");
    let output = Command::new("python3")
        .args(["-m", "openapi_spec_validator"])
        .arg(&path)
        .output()
        .expect("run openapi-spec-validator");
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
