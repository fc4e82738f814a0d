//! Every error body example of the three seed documents, rendered from a
//! hand-written error and compared with the document: body, status, headers.

use errors_core::{Audience, Envelope, EnvelopeKind, FlatMcp, ResponseContext};
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

use crate::support::{renderer, seed_error};
use crate::validate::assert_valid;

/// One entry of `tests/fixtures/seed_examples.json`.
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

fn seed_examples() -> Vec<SeedExample> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed_examples.json"
    );
    let text = std::fs::read_to_string(path).expect("the seed fixture is readable");
    serde_json::from_str(&text).expect("the seed fixture parses")
}

fn envelope_of(example: &SeedExample) -> &'static dyn Envelope {
    match (example.envelope.parse::<EnvelopeKind>(), example.mcp) {
        (Ok(EnvelopeKind::Flat), true) => &FlatMcp,
        (Ok(EnvelopeKind::Nested), false) => &EnvelopeKind::Nested,
        (Ok(EnvelopeKind::Flat), false) => &EnvelopeKind::Flat,
        (Ok(EnvelopeKind::Rich), false) => &EnvelopeKind::Rich,
        (Ok(EnvelopeKind::Problem), false) => &EnvelopeKind::Problem,
        _ => panic!(
            "{}:{}: unexpected envelope `{}`",
            example.seed, example.line, example.envelope
        ),
    }
}

fn audience_of(example: &SeedExample) -> Audience {
    match example.audience.as_str() {
        "public" => Audience::Public,
        "admin" => Audience::Admin,
        other => panic!(
            "{}:{}: unknown audience `{other}`",
            example.seed, example.line
        ),
    }
}

#[test]
fn the_fixture_covers_the_three_documents() {
    let examples = seed_examples();
    for seed in ["7en-errors.md", "agent700-errors.txt", "heppu-errors.txt"] {
        assert!(
            examples.iter().any(|example| example.seed == seed),
            "no example of `{seed}`"
        );
    }
    assert!(examples.len() >= 40, "only {} examples", examples.len());
}

#[test]
fn every_seed_example_renders_as_documented() {
    for example in seed_examples() {
        let place = format!(
            "{}:{} ({} / {})",
            example.seed, example.line, example.code, example.example
        );
        let error = seed_error(&example.code, &example.example);
        let envelope = envelope_of(&example);
        let context = ResponseContext::new()
            .request_id("req_xyz789")
            .audience(audience_of(&example))
            .envelope(envelope);
        let response = renderer(EnvelopeKind::Problem).render_response_with(&error, &context);

        assert_eq!(
            response.status().as_u16(),
            example.status,
            "{place}: status"
        );
        let body = assert_valid(envelope, response.body());
        assert_eq!(body, example.body, "{place}: body");
        for (name, value) in &example.headers {
            assert_eq!(
                response
                    .headers()
                    .get(name)
                    .map(|value| value.to_str().unwrap()),
                Some(value.as_str()),
                "{place}: header `{name}`"
            );
        }
        let content_type = response.headers()["content-type"].to_str().unwrap();
        assert_eq!(
            content_type,
            envelope.content_type(),
            "{place}: content type"
        );
    }
}

#[test]
fn streamed_seed_examples_match_their_bodies() {
    for example in seed_examples()
        .iter()
        .filter(|example| example.audience == "public")
    {
        let error = seed_error(&example.code, &example.example);
        let envelope = envelope_of(example);
        let renderer = renderer(EnvelopeKind::Problem);
        let context = ResponseContext::new()
            .request_id("req_xyz789")
            .envelope(envelope);
        let message = renderer.render_ws_message_with(&error, &context);
        let body: Value = serde_json::from_str(&message).unwrap();
        assert_eq!(body, example.body, "{}:{}", example.seed, example.line);
        let frame = renderer.render_sse_with(&error, &context);
        assert_eq!(frame, format!("event: error\ndata: {message}\n\n"));
    }
}
