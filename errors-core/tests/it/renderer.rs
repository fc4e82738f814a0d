//! The renderer's configuration and the per-response context.

use std::sync::atomic::{AtomicU32, Ordering};

use errors_core::http::StatusCode;
use errors_core::{
    APPLICATION_JSON, APPLICATION_PROBLEM_JSON, Audience, EnvelopeKind, FixedClock, Renderer,
    ResponseContext, Timestamp,
};

use crate::support::{TestError, seed_error};
use crate::validate::assert_valid;

fn assert_shareable<T: Clone + Send + Sync + 'static>() {}

#[test]
fn renderers_are_shareable() {
    assert_shareable::<Renderer>();
}

#[test]
fn the_default_is_problem_details_for_the_public() {
    let renderer = Renderer::default();
    assert_eq!(renderer.envelope().name(), "problem");
    assert_eq!(renderer.audience(), Audience::Public);
    let response = renderer.render_response(&seed_error("invalid_api_key", "default"));
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.headers()["content-type"], APPLICATION_PROBLEM_JSON);
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["type"], "about:blank");
    assert!(body.get("instance").is_none());
}

#[test]
fn request_ids_come_from_the_context_or_the_source() {
    let counter = AtomicU32::new(0);
    let renderer = Renderer::builder()
        .envelope(EnvelopeKind::Rich)
        .clock(FixedClock(Timestamp::UNIX_EPOCH))
        .request_id_source(move || format!("gen_{}", counter.fetch_add(1, Ordering::Relaxed)))
        .build();
    let error = seed_error("internal_error", "default");
    let first = renderer.render_response(&error);
    assert_eq!(first.headers()["x-request-id"], "gen_0");
    let body: serde_json::Value = serde_json::from_slice(first.body()).unwrap();
    assert_eq!(body["error"]["details"]["request_id"], "gen_0");
    assert_eq!(body["error"]["timestamp"], "1970-01-01T00:00:00Z");
    assert_eq!(
        renderer.render_response(&error).headers()["x-request-id"],
        "gen_1"
    );

    let context = ResponseContext::new().request_id("req_given");
    let given = renderer.render_response_with(&error, &context);
    assert_eq!(given.headers()["x-request-id"], "req_given");
    // The context's id does not consume one from the source.
    assert_eq!(
        renderer.render_response(&error).headers()["x-request-id"],
        "gen_2"
    );
}

#[test]
fn rich_details_carry_the_request_id_for_server_errors_only() {
    let renderer = Renderer::new(EnvelopeKind::Rich);
    let context = ResponseContext::new().request_id("req_1");
    let client = renderer.render_body_with(&seed_error("invalid_api_key", "default"), &context);
    let client: serde_json::Value = serde_json::from_slice(&client).unwrap();
    assert!(client["error"].get("details").is_none(), "{client}");
    let server = TestError::new("upstream_failed", 502, "Upstream failed");
    let server = renderer.render_body_with(&server, &context);
    let server: serde_json::Value = serde_json::from_slice(&server).unwrap();
    assert_eq!(server["error"]["details"]["request_id"], "req_1");
}

#[test]
fn the_problem_type_is_the_docs_page_of_the_code() {
    let renderer = Renderer::builder()
        .docs_base_url("https://docs.example.com/errors/")
        .build();
    let context = ResponseContext::new().instance("/v1/agents/agent_abc123");
    let body = renderer.render_body_with(&seed_error("resource_not_found", "agent"), &context);
    let body = assert_valid(&EnvelopeKind::Problem, &body);
    assert_eq!(
        body["type"],
        "https://docs.example.com/errors/resource_not_found"
    );
    assert_eq!(body["title"], "Not Found");
    assert_eq!(body["instance"], "/v1/agents/agent_abc123");
    assert_eq!(body["resource_id"], "agent_abc123");
}

#[test]
fn the_context_envelope_replaces_the_renderer_envelope() {
    let renderer = Renderer::new(EnvelopeKind::Problem);
    let context = ResponseContext::new().envelope(&EnvelopeKind::Nested);
    let response = renderer.render_response_with(&seed_error("access_denied", "default"), &context);
    assert_eq!(response.headers()["content-type"], APPLICATION_JSON);
    assert_eq!(
        response.body(),
        br#"{"error":{"code":"access_denied","message":"Access denied","status":403,"fields":{}}}"#
    );
}

#[test]
fn bodies_can_be_rendered_into_one_buffer() {
    let renderer = Renderer::new(EnvelopeKind::Flat);
    let mut buf = Vec::new();
    let context = ResponseContext::new();
    renderer.render_body_into(&seed_error("access_denied", "default"), &context, &mut buf);
    buf.push(b'\n');
    renderer.render_body_into(
        &seed_error("invalid_url_format", "default"),
        &context,
        &mut buf,
    );
    assert_eq!(
        buf,
        b"{\"error\":\"Access denied\"}\n{\"error\":\"Invalid URL format\"}"
    );
}
