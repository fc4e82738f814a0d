//! Header safety and body size bounds, for every envelope.

use errors_core::{
    Audience, Envelope, EnvelopeKind, FlatMcp, Limits, Renderer, ResponseContext, TRUNCATION_MARKER,
};

use crate::custom_envelope::Ticket;
use crate::support::{TestError, renderer};
use crate::validate::assert_valid;

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

#[test]
fn unsafe_header_values_are_dropped_not_sent() {
    let error = TestError::new("quota_exceeded", 429, "Quota {quota} exceeded")
        .str("quota", "daily\r\nSet-Cookie: session=stolen")
        .detail("quota")
        .header("X-Quota-Name")
        .str("region", "zürich")
        .header("X-Region")
        .str("plan", "free")
        .header("Bad Header Name")
        .str("tier", "gold")
        .header("X-Tier")
        .seconds("retry_after", 30)
        .header("Retry-After");
    let context = ResponseContext::new().request_id("req_1\nX-Admin: yes");
    for envelope in envelopes() {
        let context = context.envelope(envelope);
        let response = renderer(EnvelopeKind::Problem).render_response_with(&error, &context);
        let headers = response.headers();
        let name = envelope.name();
        assert!(headers.get("x-quota-name").is_none(), "{name}");
        assert!(headers.get("set-cookie").is_none(), "{name}");
        assert!(headers.get("x-region").is_none(), "{name}");
        assert!(headers.get("x-request-id").is_none(), "{name}");
        assert!(headers.get("x-admin").is_none(), "{name}");
        assert_eq!(headers["x-tier"], "gold", "{name}");
        assert_eq!(headers["retry-after"], "30", "{name}");
        assert_eq!(headers.len(), 3, "{name}: {headers:?}");
        for value in headers.values() {
            assert!(!value.as_bytes().contains(&b'\n') && !value.as_bytes().contains(&b'\r'));
        }
        // The body keeps the value, escaped as JSON.
        let body = assert_valid(envelope, response.body());
        assert!(
            body.to_string().contains("daily\\r\\nSet-Cookie"),
            "{name}: {body}"
        );
    }
}

#[test]
fn long_header_values_are_dropped() {
    let long = "x".repeat(2000);
    let error = TestError::new("quota_exceeded", 429, "Quota exceeded")
        .str("quota", &long)
        .header("X-Quota-Name");
    let response = renderer(EnvelopeKind::Rich).render_response(&error);
    assert!(response.headers().get("x-quota-name").is_none());
    let renderer = Renderer::builder()
        .limits(Limits::DEFAULT.with_max_header_bytes(4096))
        .build();
    assert_eq!(
        renderer.render_response(&error).headers()["x-quota-name"],
        long
    );
}

#[test]
fn huge_values_are_bounded_and_bodies_stay_valid() {
    let huge = "é\"\n".repeat(400_000);
    let items: Vec<String> = (0..10_000).map(|index| format!("rule {index}")).collect();
    let items: Vec<&str> = items.iter().map(String::as_str).collect();
    let mut error = TestError::new("payload_rejected", 413, "Rejected: {content}")
        .str("content", &huge)
        .detail("content")
        .list("rules", &items)
        .detail("rules");
    for index in 0..500 {
        error = error.field(&format!("field_{index}"), &huge);
    }
    let limits = Limits::DEFAULT;
    for envelope in envelopes() {
        for audience in [Audience::Public, Audience::Admin] {
            let context = ResponseContext::new().envelope(envelope).audience(audience);
            let body = renderer(EnvelopeKind::Problem).render_body_with(&error, &context);
            let name = envelope.name();
            assert!(body.len() < 2_000_000, "{name}: {} bytes", body.len());
            let json = assert_valid(envelope, &body);
            let text = json.to_string();
            assert!(text.contains(TRUNCATION_MARKER), "{name}: no marker");
            check_strings(
                &json,
                limits.max_string_bytes() + TRUNCATION_MARKER.len(),
                limits.max_items(),
            );
        }
    }
}

/// Every string is at most `max_bytes` long and every array holds at most
/// `max_items` items.
fn check_strings(value: &serde_json::Value, max_bytes: usize, max_items: usize) {
    match value {
        serde_json::Value::String(text) => assert!(text.len() <= max_bytes, "{} bytes", text.len()),
        serde_json::Value::Array(items) => {
            assert!(items.len() <= max_items, "{} items", items.len());
            items
                .iter()
                .for_each(|item| check_strings(item, max_bytes, max_items));
        }
        serde_json::Value::Object(members) => {
            assert!(members.len() <= max_items + 16, "{} members", members.len());
            members
                .values()
                .for_each(|item| check_strings(item, max_bytes, max_items));
        }
        _ => {}
    }
}

#[test]
fn strings_are_cut_on_char_boundaries_with_a_marker() {
    let renderer = Renderer::builder()
        .envelope(EnvelopeKind::Flat)
        .limits(Limits::DEFAULT.with_max_string_bytes(10))
        .build();
    let error = TestError::new("too_long", 400, "{text}").str("text", "ab€€€€€€");
    let body: serde_json::Value = serde_json::from_slice(&renderer.render_body(&error)).unwrap();
    assert_eq!(body["error"], format!("ab€€{TRUNCATION_MARKER}"));
    let exact = TestError::new("too_long", 400, "{text}").str("text", "0123456789");
    let body: serde_json::Value = serde_json::from_slice(&renderer.render_body(&exact)).unwrap();
    assert_eq!(body["error"], "0123456789");
}

#[test]
fn detail_members_stay_unique() {
    let error = TestError::new("conflict", 409, "Conflict")
        .str("first", "kept")
        .detail("field")
        .str("second", "dropped")
        .detail("field")
        .str("errors_param", "dropped")
        .detail("errors")
        .field("name", "Name is taken");
    for kind in [EnvelopeKind::Rich, EnvelopeKind::Problem] {
        let body = renderer(kind).render_body(&error);
        let text = String::from_utf8(body.clone()).unwrap();
        assert_eq!(text.matches("\"field\":\"kept\"").count(), 1, "{text}");
        assert!(!text.contains("dropped"), "{text}");
        assert_valid(&kind, &body);
    }
}

#[test]
fn long_field_names_are_bounded() {
    let name = "f".repeat(100_000);
    let error = TestError::new("invalid", 400, "Invalid").field(&name, "bad");
    let body = renderer(EnvelopeKind::Nested).render_body(&error);
    assert!(body.len() < 5_000, "{} bytes", body.len());
    let json = assert_valid(&EnvelopeKind::Nested, &body);
    let fields = json["error"]["fields"].as_object().unwrap();
    let key = fields.keys().next().unwrap();
    assert!(key.ends_with(TRUNCATION_MARKER), "{key}");
}

#[test]
fn reserved_detail_members_are_left_to_the_envelope() {
    let error = TestError::new("odd", 400, "Odd")
        .str("errors", "not a list")
        .detail("errors")
        .str("request_id", "not the request id")
        .detail("request_id");
    let body = renderer(EnvelopeKind::Rich).render_body(&error);
    let json = assert_valid(&EnvelopeKind::Rich, &body);
    assert!(json["error"].get("details").is_none(), "{json}");
}
