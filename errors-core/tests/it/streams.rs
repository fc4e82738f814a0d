//! Server-Sent Events frames and WebSocket messages.

use errors_core::stream::{SSE_ERROR_EVENT, sse_frame};
use errors_core::{EnvelopeKind, FlatMcp, ResponseContext};

use crate::support::{TestError, renderer, seed_error};
use crate::validate::assert_valid;

#[test]
fn an_sse_frame_is_one_event_with_one_data_line() {
    let error = TestError::new("bad_input", 400, "line one\nline two\r\nline three");
    for kind in EnvelopeKind::ALL {
        let frame = renderer(kind).render_sse(&error);
        assert!(frame.starts_with("event: error\ndata: "), "{frame}");
        assert!(frame.ends_with("\n\n"), "{frame}");
        assert_eq!(frame.matches('\n').count(), 3, "{kind}: {frame:?}");
        assert!(!frame.contains('\r'));
        let data = &frame["event: error\ndata: ".len()..frame.len() - 2];
        let body = assert_valid(&kind, data.as_bytes());
        assert!(
            body.to_string()
                .contains("line one\\nline two\\r\\nline three")
        );
    }
}

#[test]
fn a_websocket_message_is_the_body() {
    let error = seed_error("mcp_not_enabled", "default");
    let renderer = renderer(EnvelopeKind::Flat);
    let mcp = ResponseContext::new().envelope(&FlatMcp);
    assert_eq!(
        renderer.render_ws_message_with(&error, &mcp),
        r#"{"success":false,"error":"MCP is not enabled for this agent"}"#
    );
    assert_eq!(
        renderer.render_ws_message(&error).as_bytes(),
        renderer.render_body(&error)
    );
}

#[test]
fn multi_line_data_gets_one_data_field_per_line() {
    let frame = sse_frame(SSE_ERROR_EVENT, "{\n  \"error\": \"x\"\n}");
    assert_eq!(
        frame,
        "event: error\ndata: {\ndata:   \"error\": \"x\"\ndata: }\n\n"
    );
}
