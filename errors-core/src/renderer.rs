//! The [`Renderer`]: turns an error into an HTTP response or a body, in one
//! envelope, for one audience.

use std::fmt;
use std::sync::Arc;

use http::Response;

use crate::headers::insert_headers;
use crate::{
    ApiError, Audience, Clock, Envelope, ErrorView, JsonWriter, Limits, Problem, RequestIdSource,
    SystemClock,
};

/// Renders errors into HTTP responses, bodies and stream frames.
///
/// A renderer holds the configuration shared by every response: the
/// [`Envelope`], the default [`Audience`], the docs base URL (the problem
/// envelope's `type`), the [`Clock`], an optional [`RequestIdSource`] and the
/// [`Limits`]. Build one at startup and share it: it is cheap to clone and
/// `Send + Sync`. What varies per response (the request id, the audience of
/// this caller, another envelope) goes in a [`ResponseContext`].
///
/// The defaults are the [`Problem`] envelope, [`Audience::Public`], no docs
/// base URL, [`SystemClock`], no request id source and [`Limits::DEFAULT`].
///
/// # Examples
///
/// ```
/// use errors_core::{ApiError, Audience, Param, ParamValue, ParamVisitor, Renderer, Rich};
/// use http::StatusCode;
///
/// #[derive(Debug)]
/// struct RateLimited { retry_after: u64 }
/// impl std::fmt::Display for RateLimited {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         write!(f, "Rate limit exceeded. Please retry after {} seconds.", self.retry_after)
///     }
/// }
/// impl std::error::Error for RateLimited {}
/// impl ApiError for RateLimited {
///     fn code(&self) -> &'static str { "rate_limit_exceeded" }
///     fn status(&self) -> StatusCode { StatusCode::TOO_MANY_REQUESTS }
///     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
///         write!(out, "{self}")
///     }
///     fn visit_params(&self, visitor: &mut dyn ParamVisitor) {
///         visitor.visit(Param {
///             name: "retry_after",
///             value: ParamValue::Seconds(self.retry_after),
///             detail: None,
///             header: Some("Retry-After"),
///             sensitive: false,
///         });
///     }
/// }
///
/// let renderer = Renderer::builder().envelope(Rich).build();
/// let response = renderer.render_response(&RateLimited { retry_after: 60 });
/// assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
/// assert_eq!(response.headers()["retry-after"], "60");
/// assert_eq!(response.headers()["content-type"], "application/json");
/// let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
/// assert_eq!(body["error"]["code"], "rate_limit_exceeded");
/// ```
#[derive(Clone)]
pub struct Renderer {
    envelope: Arc<dyn Envelope>,
    audience: Audience,
    docs_base_url: Option<Arc<str>>,
    clock: Arc<dyn Clock>,
    request_ids: Option<Arc<dyn RequestIdSource>>,
    limits: Limits,
    #[cfg(feature = "tracing")]
    events: crate::events::ErrorEvents,
}

/// Whether rendering a response reports the error as a `tracing` event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Report {
    /// Unless a layer that renders the error again waits for the response.
    UnlessDeferred,
    /// Always: the caller is the layer.
    Always,
    /// Never: the response documents an example, no error happened.
    #[cfg_attr(not(feature = "utoipa"), allow(dead_code))]
    Never,
}

impl Renderer {
    /// A renderer with the defaults and `envelope`.
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::{Envelope, EnvelopeKind, Renderer};
    ///
    /// let renderer = Renderer::new(EnvelopeKind::Flat);
    /// assert_eq!(renderer.envelope().name(), "flat");
    /// ```
    pub fn new(envelope: impl Envelope + 'static) -> Self {
        Self::builder().envelope(envelope).build()
    }

    /// A builder starting from the defaults.
    pub fn builder() -> RendererBuilder {
        RendererBuilder::default()
    }

    /// The envelope used when the response context names none.
    pub fn envelope(&self) -> &dyn Envelope {
        &*self.envelope
    }

    /// The audience used when the response context names none.
    pub fn audience(&self) -> Audience {
        self.audience
    }

    /// The limits bodies and headers obey.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Which rendered responses emit a `tracing` event, and how (the
    /// `tracing` feature).
    #[cfg(feature = "tracing")]
    pub fn error_events(&self) -> crate::events::ErrorEvents {
        self.events
    }

    /// This renderer with `clock` instead of its own.
    #[cfg(feature = "utoipa")]
    pub(crate) fn with_clock(&self, clock: impl Clock + 'static) -> Self {
        Self {
            clock: Arc::new(clock),
            ..self.clone()
        }
    }

    /// Replaces the event settings.
    #[cfg(feature = "tracing")]
    pub(crate) fn set_error_events(&mut self, events: crate::events::ErrorEvents) {
        self.events = events;
    }

    /// Renders `error` as an HTTP response with the default context.
    ///
    /// See [`render_response_with`](Self::render_response_with).
    pub fn render_response(&self, error: &dyn ApiError) -> Response<Vec<u8>> {
        self.render_response_with(error, &ResponseContext::new())
    }

    /// Renders `error` as an HTTP response: the error's status, the body, a
    /// `Content-Type` from the envelope, one header per visible param with a
    /// `header` (such as `Retry-After` or `X-RateLimit-Remaining`), and
    /// `X-Request-Id` when a request id is known. Unsafe header values are
    /// dropped (see the [`headers`](crate::headers) rules).
    ///
    /// # Examples
    ///
    /// ```
    /// # use errors_core::{ApiError, Audience};
    /// # use http::StatusCode;
    /// # #[derive(Debug)]
    /// # struct Internal;
    /// # impl std::fmt::Display for Internal {
    /// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("An internal error occurred") }
    /// # }
    /// # impl std::error::Error for Internal {}
    /// # impl ApiError for Internal {
    /// #     fn code(&self) -> &'static str { "internal_error" }
    /// #     fn status(&self) -> StatusCode { StatusCode::INTERNAL_SERVER_ERROR }
    /// #     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result { write!(out, "{self}") }
    /// # }
    /// use errors_core::{Renderer, ResponseContext};
    ///
    /// let renderer = Renderer::default();
    /// let context = ResponseContext::new().request_id("req_xyz789");
    /// let response = renderer.render_response_with(&Internal, &context);
    /// assert_eq!(response.status(), 500);
    /// assert_eq!(response.headers()["x-request-id"], "req_xyz789");
    /// ```
    ///
    /// With the `tracing` feature, the error is reported as one event (see
    /// [`events`](crate::events)).
    pub fn render_response_with(
        &self,
        error: &dyn ApiError,
        context: &ResponseContext<'_>,
    ) -> Response<Vec<u8>> {
        self.render_response_reported(error, context, Report::UnlessDeferred)
    }

    /// [`render_response_with`](Self::render_response_with), reporting the
    /// error as `report` says.
    pub(crate) fn render_response_reported(
        &self,
        error: &dyn ApiError,
        context: &ResponseContext<'_>,
        report: Report,
    ) -> Response<Vec<u8>> {
        #[cfg(not(feature = "tracing"))]
        let _ = report;
        self.with_view(error, context, self.audience, |envelope, view| {
            let mut body = Vec::with_capacity(envelope.size_hint());
            envelope.write_body(view, JsonWriter::new(&mut body, self.limits));
            let mut response = Response::new(body);
            *response.status_mut() = view.status();
            insert_headers(
                view,
                envelope.content_type(),
                self.limits,
                response.headers_mut(),
            );
            #[cfg(feature = "tracing")]
            if report == Report::Always
                || (report == Report::UnlessDeferred && !crate::events::is_deferred())
            {
                crate::events::emit(&self.events, error, view, envelope);
            }
            response
        })
    }

    /// Renders the body of `error` alone, with the default context.
    pub fn render_body(&self, error: &dyn ApiError) -> Vec<u8> {
        self.render_body_with(error, &ResponseContext::new())
    }

    /// Renders the body of `error` alone.
    ///
    /// # Examples
    ///
    /// ```
    /// # use errors_core::{ApiError, Audience};
    /// # use http::StatusCode;
    /// # #[derive(Debug)]
    /// # struct Denied;
    /// # impl std::fmt::Display for Denied {
    /// #     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("Access denied") }
    /// # }
    /// # impl std::error::Error for Denied {}
    /// # impl ApiError for Denied {
    /// #     fn code(&self) -> &'static str { "access_denied" }
    /// #     fn status(&self) -> StatusCode { StatusCode::FORBIDDEN }
    /// #     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result { write!(out, "{self}") }
    /// # }
    /// use errors_core::{EnvelopeKind, Renderer, ResponseContext};
    ///
    /// let renderer = Renderer::default();
    /// let context = ResponseContext::new().envelope(&EnvelopeKind::Flat);
    /// assert_eq!(renderer.render_body_with(&Denied, &context), br#"{"error":"Access denied"}"#);
    /// ```
    pub fn render_body_with(&self, error: &dyn ApiError, context: &ResponseContext<'_>) -> Vec<u8> {
        self.with_view(error, context, self.audience, |envelope, view| {
            let mut body = Vec::with_capacity(envelope.size_hint());
            envelope.write_body(view, JsonWriter::new(&mut body, self.limits));
            body
        })
    }

    /// Appends the body of `error` to `buf`, to reuse one buffer across
    /// renderings.
    pub fn render_body_into(
        &self,
        error: &dyn ApiError,
        context: &ResponseContext<'_>,
        buf: &mut Vec<u8>,
    ) {
        self.with_view(error, context, self.audience, |envelope, view| {
            envelope.write_body(view, JsonWriter::new(buf, self.limits));
        });
    }

    /// Builds the view of `error` for `context` and hands it, with the
    /// envelope in force, to `render`.
    ///
    /// `default_audience` applies when the context names none.
    pub(crate) fn with_view<R>(
        &self,
        error: &dyn ApiError,
        context: &ResponseContext<'_>,
        default_audience: Audience,
        render: impl FnOnce(&dyn Envelope, &ErrorView<'_>) -> R,
    ) -> R {
        let generated;
        let request_id = match (context.request_id, &self.request_ids) {
            (Some(id), _) => Some(id),
            (None, Some(source)) => {
                generated = source.request_id();
                Some(generated.as_str())
            }
            (None, None) => None,
        };
        let envelope = context.envelope.unwrap_or(&*self.envelope);
        let view = ErrorView::new(
            error,
            context.audience.unwrap_or(default_audience),
            &*self.clock,
            request_id,
            context.instance,
            self.docs_base_url.as_deref(),
        );
        render(envelope, &view)
    }
}

impl Default for Renderer {
    fn default() -> Self {
        Self::builder().build()
    }
}

impl fmt::Debug for Renderer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Renderer")
            .field("envelope", &self.envelope)
            .field("audience", &self.audience)
            .field("docs_base_url", &self.docs_base_url)
            .field("request_ids", &self.request_ids.is_some())
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Renderer`].
///
/// # Examples
///
/// ```
/// use errors_core::{Audience, FixedClock, Limits, Renderer, Rich, Timestamp};
///
/// let renderer = Renderer::builder()
///     .envelope(Rich)
///     .audience(Audience::Public)
///     .docs_base_url("https://docs.example.com/errors/")
///     .clock(FixedClock(Timestamp::from_unix_seconds(1_733_054_400)))
///     .request_id_source(|| "req_1".to_owned())
///     .limits(Limits::DEFAULT.with_max_string_bytes(1024))
///     .build();
/// assert_eq!(renderer.audience(), Audience::Public);
/// ```
#[must_use]
pub struct RendererBuilder {
    envelope: Arc<dyn Envelope>,
    audience: Audience,
    docs_base_url: Option<Arc<str>>,
    clock: Arc<dyn Clock>,
    request_ids: Option<Arc<dyn RequestIdSource>>,
    limits: Limits,
    #[cfg(feature = "tracing")]
    events: crate::events::ErrorEvents,
}

impl Default for RendererBuilder {
    fn default() -> Self {
        Self {
            envelope: Arc::new(Problem),
            audience: Audience::Public,
            docs_base_url: None,
            clock: Arc::new(SystemClock),
            request_ids: None,
            limits: Limits::DEFAULT,
            #[cfg(feature = "tracing")]
            events: crate::events::ErrorEvents::new(),
        }
    }
}

impl RendererBuilder {
    /// Sets the envelope.
    pub fn envelope(self, envelope: impl Envelope + 'static) -> Self {
        self.shared_envelope(Arc::new(envelope))
    }

    /// Sets an envelope that is already shared.
    pub fn shared_envelope(mut self, envelope: Arc<dyn Envelope>) -> Self {
        self.envelope = envelope;
        self
    }

    /// Sets the default audience.
    pub fn audience(mut self, audience: Audience) -> Self {
        self.audience = audience;
        self
    }

    /// Sets the base URL of the error documentation; a code's page is this
    /// base followed by the code id, so it usually ends with `/`.
    pub fn docs_base_url(mut self, url: impl Into<String>) -> Self {
        self.docs_base_url = Some(url.into().into());
        self
    }

    /// Sets the clock for timestamps.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Sets where request ids come from when a response context has none.
    pub fn request_id_source(mut self, source: impl RequestIdSource + 'static) -> Self {
        self.request_ids = Some(Arc::new(source));
        self
    }

    /// Sets the limits.
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// Sets which rendered responses emit a `tracing` event, and how (the
    /// `tracing` feature; by default 5xx at `ERROR` and 4xx at `DEBUG`).
    #[cfg(feature = "tracing")]
    pub fn error_events(mut self, events: crate::events::ErrorEvents) -> Self {
        self.events = events;
        self
    }

    /// Builds the renderer.
    pub fn build(self) -> Renderer {
        Renderer {
            envelope: self.envelope,
            audience: self.audience,
            docs_base_url: self.docs_base_url,
            clock: self.clock,
            request_ids: self.request_ids,
            limits: self.limits,
            #[cfg(feature = "tracing")]
            events: self.events,
        }
    }
}

impl fmt::Debug for RendererBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RendererBuilder")
            .field("envelope", &self.envelope)
            .field("audience", &self.audience)
            .finish_non_exhaustive()
    }
}

/// What varies per response: the request id, the audience of this caller,
/// the occurrence's URI, another envelope.
///
/// Every field is optional; an unset one falls back to the renderer.
///
/// # Examples
///
/// ```
/// use errors_core::{Audience, Flat, FlatMcp, ResponseContext};
///
/// // An admin calling an MCP endpoint.
/// let context = ResponseContext::new()
///     .request_id("req_42")
///     .audience(Audience::Admin)
///     .envelope(&FlatMcp);
/// assert_eq!(context.request_id_value(), Some("req_42"));
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct ResponseContext<'a> {
    request_id: Option<&'a str>,
    audience: Option<Audience>,
    envelope: Option<&'a dyn Envelope>,
    instance: Option<&'a str>,
}

impl<'a> ResponseContext<'a> {
    /// An empty context: everything from the renderer.
    pub const fn new() -> Self {
        Self {
            request_id: None,
            audience: None,
            envelope: None,
            instance: None,
        }
    }

    /// Sets the id of the request being answered.
    pub const fn request_id(mut self, id: &'a str) -> Self {
        self.request_id = Some(id);
        self
    }

    /// Sets who reads this response, such as [`Audience::Admin`] for an
    /// authenticated operator.
    pub const fn audience(mut self, audience: Audience) -> Self {
        self.audience = Some(audience);
        self
    }

    /// Renders this response in `envelope` instead of the renderer's, such as
    /// [`FlatMcp`](crate::FlatMcp) on MCP endpoints.
    pub const fn envelope(mut self, envelope: &'a dyn Envelope) -> Self {
        self.envelope = Some(envelope);
        self
    }

    /// Sets the URI of this occurrence (RFC 9457 `instance`), such as the
    /// request path.
    pub const fn instance(mut self, uri: &'a str) -> Self {
        self.instance = Some(uri);
        self
    }

    /// The request id set, if any.
    pub const fn request_id_value(&self) -> Option<&'a str> {
        self.request_id
    }

    /// The audience set, if any.
    pub const fn audience_value(&self) -> Option<Audience> {
        self.audience
    }
}
