//! Seed fidelity: every error body example of the three seed documents,
//! rendered from the GENERATED catalog types, matches the document.
//!
//! Each entry of `tests/fixtures/seed_examples.json` names a code and one of
//! the code's catalog examples; the test parses the code into the generated
//! `Code`, builds the typed value with `CatalogError::example`, renders it in
//! the document's envelope for the document's audience at
//! 2024-12-01T12:00:00Z, and compares status, body (JSON-equal) and the
//! headers the document shows. Every mismatch of every entry is reported,
//! each with the paths that differ.

use std::collections::BTreeMap;

use errors_core::catalog::{CatalogError, Code};
use errors_core::{
    ApiError, Audience, Envelope, EnvelopeKind, FixedClock, FlatMcp, Renderer, ResponseContext,
    Timestamp,
};
use serde::Deserialize;
use serde_json::Value;

/// 2024-12-01T12:00:00Z, the time every Heppu example shows.
const SEED_TIME: Timestamp = Timestamp::from_unix_seconds(1_733_054_400);

/// The request id the documents' 5xx examples show.
const REQUEST_ID: &str = "req_xyz789";

/// One entry of the fixture.
#[derive(Debug, Deserialize)]
struct SeedExample {
    seed: String,
    line: u32,
    code: String,
    example: String,
    envelope: String,
    mcp: bool,
    status: u16,
    headers: BTreeMap<String, String>,
    audience: String,
    body: Value,
}

impl SeedExample {
    fn place(&self) -> String {
        format!(
            "{}:{} (`{}`, example `{}`)",
            self.seed, self.line, self.code, self.example
        )
    }
}

fn seed_examples() -> Vec<SeedExample> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed_examples.json"
    );
    let text = std::fs::read_to_string(path).expect("the seed fixture is readable");
    serde_json::from_str(&text).expect("the seed fixture parses")
}

fn envelope_of(example: &SeedExample) -> Result<&'static dyn Envelope, String> {
    Ok(
        match (example.envelope.parse::<EnvelopeKind>(), example.mcp) {
            (Ok(EnvelopeKind::Flat), true) => &FlatMcp,
            (Ok(EnvelopeKind::Nested), false) => &EnvelopeKind::Nested,
            (Ok(EnvelopeKind::Flat), false) => &EnvelopeKind::Flat,
            (Ok(EnvelopeKind::Rich), false) => &EnvelopeKind::Rich,
            (Ok(EnvelopeKind::Problem), false) => &EnvelopeKind::Problem,
            _ => {
                return Err(format!(
                    "unexpected envelope `{}` (mcp: {})",
                    example.envelope, example.mcp
                ));
            }
        },
    )
}

fn audience_of(example: &SeedExample) -> Result<Audience, String> {
    match example.audience.as_str() {
        "public" => Ok(Audience::Public),
        "admin" => Ok(Audience::Admin),
        other => Err(format!("unknown audience `{other}`")),
    }
}

/// The generated value of the entry's example.
fn generated_error(example: &SeedExample) -> Result<CatalogError, String> {
    let code: Code = example
        .code
        .parse()
        .map_err(|error| format!("{error}: the catalog has no such code"))?;
    CatalogError::example(code, &example.example).ok_or_else(|| {
        let known: Vec<&str> = code.info().examples.iter().map(|e| e.name).collect();
        format!(
            "code `{code}` has no example `{}`; it has: {}",
            example.example,
            known.join(", ")
        )
    })
}

/// Every path at which `actual` differs from `expected`, one line each.
fn json_differences(path: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(expected), Value::Object(actual)) => {
            for (key, value) in expected {
                let path = format!("{path}.{key}");
                match actual.get(key) {
                    Some(other) => json_differences(&path, value, other, out),
                    None => out.push(format!("{path}: missing, expected {value}")),
                }
            }
            for (key, value) in actual {
                if !expected.contains_key(key) {
                    out.push(format!("{path}.{key}: unexpected {value}"));
                }
            }
        }
        (Value::Array(expected), Value::Array(actual)) if expected.len() == actual.len() => {
            for (index, (value, other)) in expected.iter().zip(actual).enumerate() {
                json_differences(&format!("{path}[{index}]"), value, other, out);
            }
        }
        _ if expected != actual => out.push(format!("{path}: expected {expected}, got {actual}")),
        _ => {}
    }
}

/// Renders one entry and lists how it differs from the document.
fn check(example: &SeedExample) -> Result<Vec<String>, String> {
    let error = generated_error(example)?;
    let envelope = envelope_of(example)?;
    let renderer = Renderer::builder()
        .envelope(EnvelopeKind::Problem)
        .clock(FixedClock(SEED_TIME))
        .build();
    let context = ResponseContext::new()
        .request_id(REQUEST_ID)
        .audience(audience_of(example)?)
        .envelope(envelope);
    let response = renderer.render_response_with(&error, &context);

    let mut problems = Vec::new();
    if error.code() != example.code {
        problems.push(format!(
            "code: the document shows `{}`, the generated error says `{}`",
            example.code,
            error.code()
        ));
    }
    if response.status().as_u16() != example.status {
        problems.push(format!(
            "status: expected {}, got {}",
            example.status,
            response.status().as_u16()
        ));
    }
    let body: Value = serde_json::from_slice(response.body())
        .map_err(|error| format!("the rendered body is not JSON: {error}"))?;
    let mut differences = Vec::new();
    json_differences("$", &example.body, &body, &mut differences);
    if !differences.is_empty() {
        problems.push(format!(
            "body differs:\n      {}\n    expected: {}\n    rendered: {}",
            differences.join("\n      "),
            example.body,
            body
        ));
    }
    for (name, value) in &example.headers {
        let rendered = response
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap_or("<not text>"));
        if rendered != Some(value.as_str()) {
            problems.push(format!(
                "header `{name}`: expected `{value}`, got {rendered:?}"
            ));
        }
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok());
    if content_type != Some(envelope.content_type()) {
        problems.push(format!(
            "content type: expected `{}`, got {content_type:?}",
            envelope.content_type()
        ));
    }
    Ok(problems)
}

#[test]
fn every_seed_example_renders_from_the_generated_types() {
    let examples = seed_examples();
    let mut failures = Vec::new();
    for example in &examples {
        match check(example) {
            Ok(problems) if problems.is_empty() => {}
            Ok(problems) => failures.push(format!(
                "{}:\n  - {}",
                example.place(),
                problems.join("\n  - ")
            )),
            Err(problem) => failures.push(format!("{}: {problem}", example.place())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} seed examples do not match their documents:\n\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n\n")
    );
}

#[test]
fn the_fixture_covers_every_document_and_many_codes() {
    let examples = seed_examples();
    for seed in ["7en-errors.md", "agent700-errors.txt", "heppu-errors.txt"] {
        assert!(
            examples.iter().any(|example| example.seed == seed),
            "no example of `{seed}`"
        );
    }
    let codes: std::collections::BTreeSet<&str> = examples
        .iter()
        .map(|example| example.code.as_str())
        .collect();
    assert!(examples.len() >= 40, "only {} examples", examples.len());
    assert!(codes.len() >= 30, "only {} codes", codes.len());
}

#[test]
fn a_wrong_body_is_reported_with_its_path() {
    let mut differences = Vec::new();
    let expected = serde_json::json!({"error": {"code": "a", "details": {"limit": 100}}});
    let actual = serde_json::json!({"error": {"code": "a", "details": {"limit": "100"}, "x": 1}});
    json_differences("$", &expected, &actual, &mut differences);
    assert_eq!(
        differences,
        [
            r#"$.error.details.limit: expected 100, got "100""#,
            "$.error.x: unexpected 1"
        ]
    );
}
