//! Errors inside streams: Server-Sent Events frames and WebSocket messages.
//!
//! A stream reaches the browser of whoever opened it, so a stream error is
//! rendered for [`Audience::Public`] unless the response context names
//! another audience, whatever the renderer's default audience is. The body is
//! the one the renderer's envelope (or the context's) writes; a stream has no
//! status line and no headers.

use crate::{ApiError, Audience, JsonWriter, Renderer, ResponseContext};

/// The SSE event name of an error frame.
pub const SSE_ERROR_EVENT: &str = "error";

/// Formats one Server-Sent Events frame: `event: <event>\ndata: <data>\n\n`.
///
/// Each line of `data` (split at CRLF, CR or LF) gets its own `data:` field,
/// so multi-line data can not end the frame early or inject fields; CR and LF
/// are removed from `event`.
///
/// # Examples
///
/// ```
/// use errors_core::stream::sse_frame;
///
/// assert_eq!(sse_frame("error", r#"{"error":"x"}"#), "event: error\ndata: {\"error\":\"x\"}\n\n");
/// assert_eq!(sse_frame("error", "a\nb"), "event: error\ndata: a\ndata: b\n\n");
/// ```
pub fn sse_frame(event: &str, data: &str) -> String {
    let mut frame = String::with_capacity(event.len() + data.len() + 16);
    push_event(&mut frame, event);
    push_data_lines(&mut frame, data);
    frame
}

fn push_event(frame: &mut String, event: &str) {
    frame.push_str("event: ");
    frame.extend(event.chars().filter(|c| !matches!(c, '\r' | '\n')));
    frame.push('\n');
}

fn push_data_lines(frame: &mut String, data: &str) {
    let mut rest = data;
    loop {
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        frame.push_str("data: ");
        frame.push_str(&rest[..end]);
        frame.push('\n');
        if end == rest.len() {
            break;
        }
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
    }
    frame.push('\n');
}

impl Renderer {
    /// Renders `error` as an SSE `error` event, for the public.
    ///
    /// # Examples
    ///
    /// ```
    /// # use errors_core::{ApiError, Audience};
    /// # use http::StatusCode;
    /// # #[derive(Debug)]
    /// # struct Unavailable;
    /// # impl std::fmt::Display for Unavailable {
    /// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("upstream model pool exhausted") }
    /// # }
    /// # impl std::error::Error for Unavailable {}
    /// # impl ApiError for Unavailable {
    /// #     fn code(&self) -> &'static str { "service_unavailable" }
    /// #     fn status(&self) -> StatusCode { StatusCode::SERVICE_UNAVAILABLE }
    /// #     fn write_message(&self, audience: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
    /// #         match audience {
    /// #             Audience::Public => out.write_str("Service temporarily unavailable"),
    /// #             Audience::Admin => write!(out, "{self}"),
    /// #         }
    /// #     }
    /// # }
    /// use errors_core::{Flat, Renderer};
    ///
    /// let renderer = Renderer::builder().envelope(Flat).audience(Audience::Admin).build();
    /// assert_eq!(
    ///     renderer.render_sse(&Unavailable),
    ///     "event: error\ndata: {\"error\":\"Service temporarily unavailable\"}\n\n",
    /// );
    /// ```
    pub fn render_sse(&self, error: &dyn ApiError) -> String {
        self.render_sse_with(error, &ResponseContext::new())
    }

    /// Renders `error` as an SSE `error` event, for the context's audience
    /// (the public when it names none).
    pub fn render_sse_with(&self, error: &dyn ApiError, context: &ResponseContext<'_>) -> String {
        const PREFIX: &str = "event: error\ndata: ";
        let mut frame = self.render_stream_text(error, context, PREFIX, 2);
        let data = &frame[PREFIX.len()..];
        if data.contains(['\r', '\n']) {
            return sse_frame(SSE_ERROR_EVENT, data);
        }
        frame.push_str("\n\n");
        frame
    }

    /// Renders `error` as the text of a WebSocket message (the JSON body
    /// alone), for the public.
    ///
    /// # Examples
    ///
    /// ```
    /// # use errors_core::{ApiError, Audience};
    /// # use http::StatusCode;
    /// # #[derive(Debug)]
    /// # struct Timeout;
    /// # impl std::fmt::Display for Timeout {
    /// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("Request timed out") }
    /// # }
    /// # impl std::error::Error for Timeout {}
    /// # impl ApiError for Timeout {
    /// #     fn code(&self) -> &'static str { "request_timeout" }
    /// #     fn status(&self) -> StatusCode { StatusCode::GATEWAY_TIMEOUT }
    /// #     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result { write!(out, "{self}") }
    /// # }
    /// use errors_core::{EnvelopeKind, Renderer};
    ///
    /// let renderer = Renderer::new(EnvelopeKind::Flat);
    /// assert_eq!(renderer.render_ws_message(&Timeout), r#"{"error":"Request timed out"}"#);
    /// ```
    pub fn render_ws_message(&self, error: &dyn ApiError) -> String {
        self.render_ws_message_with(error, &ResponseContext::new())
    }

    /// Renders `error` as the text of a WebSocket message, for the context's
    /// audience (the public when it names none).
    pub fn render_ws_message_with(
        &self,
        error: &dyn ApiError,
        context: &ResponseContext<'_>,
    ) -> String {
        self.render_stream_text(error, context, "", 0)
    }

    /// Renders the body for a stream after `prefix`, leaving room for
    /// `suffix_room` more bytes.
    fn render_stream_text(
        &self,
        error: &dyn ApiError,
        context: &ResponseContext<'_>,
        prefix: &str,
        suffix_room: usize,
    ) -> String {
        let text = self.with_view(error, context, Audience::Public, |envelope, view| {
            let mut text = Vec::with_capacity(prefix.len() + envelope.size_hint() + suffix_room);
            text.extend_from_slice(prefix.as_bytes());
            envelope.write_body(view, JsonWriter::new(&mut text, self.limits()));
            text
        });
        match String::from_utf8(text) {
            Ok(text) => text,
            Err(error) => String::from_utf8_lossy(error.as_bytes()).into_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_break_starts_a_data_line() {
        assert_eq!(
            sse_frame("error", "a\r\nb\rc\nd"),
            "event: error\ndata: a\ndata: b\ndata: c\ndata: d\n\n"
        );
        assert_eq!(sse_frame("error", ""), "event: error\ndata: \n\n");
        assert_eq!(
            sse_frame("error", "a\n"),
            "event: error\ndata: a\ndata: \n\n"
        );
    }

    #[test]
    fn event_names_can_not_break_lines() {
        assert_eq!(
            sse_frame("err\r\nid: 7", "x"),
            "event: errid: 7\ndata: x\n\n"
        );
    }
}
