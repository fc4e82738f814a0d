//! A team's own envelope goes through everything the built-ins do:
//! rendering, headers, audiences, streams and schema export.

use errors_core::schema::{CatalogSchema, CodeSchema, DetailsLayout, SchemaLayout, catalog_aware};
use errors_core::{Audience, Envelope, ErrorView, JsonWriter, ResponseContext};
use serde_json::json;

use crate::support::{TestError, renderer, seed_error};
use crate::validate::{assert_valid, assert_valid_against};

/// `{"ticket": {"kind", "summary", "http", "at", "context"?, "trace"?}}`.
#[derive(Debug)]
pub struct Ticket;

impl Envelope for Ticket {
    fn name(&self) -> &str {
        "ticket"
    }

    fn content_type(&self) -> &'static str {
        "application/vnd.acme.ticket+json"
    }

    fn write_body(&self, error: &ErrorView<'_>, out: JsonWriter<'_>) {
        let mut root = out.object();
        let mut ticket = root.member("ticket").object();
        ticket.member("kind").str(error.code());
        ticket.member("summary").display(&error.message());
        ticket.member("http").u64(error.status().as_u16().into());
        ticket.member("at").display(&error.timestamp());
        if error.has_detail_params() {
            let mut context = ticket.member("context").object();
            error.for_each_param(|param| {
                if let Some(member) = param.detail {
                    context.member(member).param(param.value);
                }
            });
        }
        if let Some(id) = error.request_id() {
            ticket.member("trace").str(id);
        }
    }

    fn json_schema(&self) -> schemars::Schema {
        schemars::json_schema!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Ticket error body",
            "type": "object",
            "properties": {
                "ticket": {
                    "type": "object",
                    "properties": {
                        "kind": {"type": "string"},
                        "summary": {"type": "string"},
                        "http": {"type": "integer", "minimum": 400, "maximum": 599},
                        "at": {"type": "string", "format": "date-time"},
                        "context": {"type": "object"},
                        "trace": {"type": "string"}
                    },
                    "required": ["kind", "summary", "http", "at"],
                    "additionalProperties": false
                }
            },
            "required": ["ticket"],
            "additionalProperties": false
        })
    }

    fn schema_layout(&self) -> SchemaLayout {
        SchemaLayout::new("/properties/ticket", "kind")
            .with_details(DetailsLayout::Member("context"))
    }
}

#[test]
fn renders_a_response_with_headers() {
    let error = seed_error("rate_limit_exceeded", "default");
    let context = ResponseContext::new().request_id("req_9");
    let response = renderer(Ticket).render_response_with(&error, &context);
    assert_eq!(response.status(), 429);
    let headers = response.headers();
    assert_eq!(headers["content-type"], "application/vnd.acme.ticket+json");
    assert_eq!(headers["retry-after"], "60");
    assert_eq!(headers["x-ratelimit-limit"], "100");
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert_eq!(headers["x-ratelimit-reset"], "1638360060");
    assert_eq!(headers["x-request-id"], "req_9");
    let body = assert_valid(&Ticket, response.body());
    assert_eq!(
        body,
        json!({"ticket": {
            "kind": "rate_limit_exceeded",
            "summary": "Rate limit exceeded. Please retry after 60 seconds.",
            "http": 429,
            "at": "2024-12-01T12:00:00Z",
            "context": {"limit": 100, "remaining": 0, "reset": 1_638_360_060},
            "trace": "req_9",
        }})
    );
}

#[test]
fn follows_the_audience() {
    let error = TestError::new("charge_failed", 502, "Charge failed: {reason}")
        .public("The payment could not be processed")
        .str("reason", "gateway-17 refused")
        .detail("reason")
        .sensitive();
    let public = String::from_utf8(renderer(Ticket).render_body(&error)).unwrap();
    assert!(public.contains("The payment could not be processed"));
    assert!(!public.contains("gateway-17"), "{public}");
    let admin = ResponseContext::new().audience(Audience::Admin);
    let admin = String::from_utf8(renderer(Ticket).render_body_with(&error, &admin)).unwrap();
    assert!(
        admin.contains("Charge failed: gateway-17 refused"),
        "{admin}"
    );
    assert!(
        admin.contains(r#""reason":"gateway-17 refused""#),
        "{admin}"
    );
}

#[test]
fn streams_like_the_built_ins() {
    let error = seed_error("invalid_api_key", "default");
    let frame = renderer(Ticket).render_sse(&error);
    let data = frame
        .strip_prefix("event: error\ndata: ")
        .and_then(|rest| rest.strip_suffix("\n\n"))
        .unwrap();
    assert_valid(&Ticket, data.as_bytes());
    assert_eq!(renderer(Ticket).render_ws_message(&error), data);
}

#[test]
fn exports_a_catalog_aware_schema() {
    let catalog =
        CatalogSchema::new().code(CodeSchema::new("rate_limit_exceeded").details(json!({
            "type": "object",
            "properties": {"limit": {"type": "integer"}},
            "required": ["limit"],
        })));
    let schema = catalog_aware(&Ticket, &catalog).to_value();
    assert_eq!(
        schema["properties"]["ticket"]["properties"]["kind"]["enum"],
        json!(["rate_limit_exceeded"])
    );
    let body = renderer(Ticket).render_body(&seed_error("rate_limit_exceeded", "default"));
    assert_valid_against(&schema, &body);
    let other = renderer(Ticket).render_body(&seed_error("invalid_api_key", "default"));
    let instance: serde_json::Value = serde_json::from_slice(&other).unwrap();
    assert!(!jsonschema::is_valid(&schema, &instance));
}
