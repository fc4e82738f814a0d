//! `tracing` events for rendered errors (the `tracing` feature).
//!
//! Every error rendered as an HTTP response emits one event: by
//! [`Renderer::render_response`](crate::Renderer::render_response) and
//! [`render_response_with`](crate::Renderer::render_response_with), by axum's
//! [`ErrorLayer`](crate::integration::axum::ErrorLayer) and by actix-web's
//! [`RenderErrors`](crate::integration::actix::RenderErrors). Errors are never
//! logged twice: while a layer or middleware waits for the routes it wraps,
//! the responses they render emit nothing, and the layer emits the event when
//! it renders the error again, with the request id and the envelope the client
//! reads.
//!
//! The event's target is `errors_core`, its parent the current span (so an
//! event emitted while a request span is entered belongs to that request), and
//! its fields follow the OpenTelemetry semantic conventions where one exists:
//!
//! | field                       | value                                                     |
//! |-----------------------------|-----------------------------------------------------------|
//! | `error.type`                | the code, such as `internal_error`                        |
//! | `http.response.status_code` | the status, such as `500`                                 |
//! | `request_id`                | the request id the response carries, when there is one    |
//! | `envelope`                  | the envelope's name, such as `problem`                    |
//! | `audience`                  | `public` or `admin`: who reads the response               |
//! | `retryable`                 | whether the client may retry unchanged                    |
//! | `error.params`              | `name=value` pairs, comma separated, when there are any   |
//! | `error.sources`             | the source chain, each `source()`'s `Display` joined by `: ` |
//!
//! The event's message is the error's full message, or its public message when
//! the error has a sensitive param. Sensitive params appear in neither the
//! message nor `error.params` unless [`ErrorEvents::include_sensitive`] says
//! so. Server errors (5xx) are emitted at `ERROR` and client errors (4xx) at
//! `DEBUG` unless [`ErrorEvents`] says otherwise.
//!
//! With no subscriber interested in the event, emitting it costs a
//! thread-local read and the `tracing` callsite check.

use std::cell::Cell;
use std::error::Error;
use std::fmt;

use tracing::Level;

use crate::{ApiError, Audience, Envelope, ErrorView, Message, Param, ParamValue, ParamVisitor};

/// Which rendered errors emit an event, at which level, and whether events
/// may show sensitive params.
///
/// Set it on a renderer ([`RendererBuilder::error_events`](crate::RendererBuilder::error_events))
/// or on a [`RenderPolicy`](crate::integration::RenderPolicy::error_events).
///
/// # Examples
///
/// ```
/// use errors_core::events::ErrorEvents;
/// use errors_core::{Renderer, Rich};
/// use tracing::Level;
///
/// // Client errors are worth a warning in this service; server errors stay at ERROR.
/// let events = ErrorEvents::new().client_errors(Some(Level::WARN));
/// let renderer = Renderer::builder().envelope(Rich).error_events(events).build();
/// assert_eq!(renderer.error_events().level_for(429), Some(Level::WARN));
/// assert_eq!(renderer.error_events().level_for(503), Some(Level::ERROR));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorEvents {
    server_errors: Option<Level>,
    client_errors: Option<Level>,
    include_sensitive: bool,
}

impl ErrorEvents {
    /// The defaults: 5xx at `ERROR`, 4xx at `DEBUG`, no sensitive params.
    pub const fn new() -> Self {
        Self {
            server_errors: Some(Level::ERROR),
            client_errors: Some(Level::DEBUG),
            include_sensitive: false,
        }
    }

    /// No events at all.
    pub const fn none() -> Self {
        Self {
            server_errors: None,
            client_errors: None,
            include_sensitive: false,
        }
    }

    /// The level of server errors (5xx), or `None` for no event.
    #[must_use]
    pub const fn server_errors(mut self, level: Option<Level>) -> Self {
        self.server_errors = level;
        self
    }

    /// The level of client errors (4xx and any other status), or `None` for
    /// no event.
    #[must_use]
    pub const fn client_errors(mut self, level: Option<Level>) -> Self {
        self.client_errors = level;
        self
    }

    /// Lets events show sensitive params, in the message and in
    /// `error.params`; only for logs as protected as the data itself.
    #[must_use]
    pub const fn include_sensitive(mut self, include: bool) -> Self {
        self.include_sensitive = include;
        self
    }

    /// The level of the event for a response with status `status`, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::events::ErrorEvents;
    /// use tracing::Level;
    ///
    /// assert_eq!(ErrorEvents::new().level_for(500), Some(Level::ERROR));
    /// assert_eq!(ErrorEvents::new().level_for(404), Some(Level::DEBUG));
    /// assert_eq!(ErrorEvents::none().level_for(500), None);
    /// ```
    pub const fn level_for(&self, status: u16) -> Option<Level> {
        if status >= 500 {
            self.server_errors
        } else {
            self.client_errors
        }
    }
}

impl Default for ErrorEvents {
    fn default() -> Self {
        Self::new()
    }
}

thread_local! {
    /// Set while a layer or middleware waits for its routes: responses
    /// rendered then will be rendered again, and reported, by the layer.
    static DEFERRED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f` with events of [`Renderer::render_response`](crate::Renderer::render_response)
/// deferred to the caller, which reports the error itself.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn deferred<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            DEFERRED.with(|deferred| deferred.set(self.0));
        }
    }
    let _restore = Restore(DEFERRED.with(|deferred| deferred.replace(true)));
    f()
}

/// Whether a layer will report the responses rendered now.
pub(crate) fn is_deferred() -> bool {
    DEFERRED.with(Cell::get)
}

/// One `tracing::event!` callsite at `$level` for a [`Report`].
macro_rules! report_at {
    ($level:expr, $report:expr) => {{
        let report = &$report;
        tracing::event!(
            target: "errors_core",
            $level,
            error.type = report.view.code(),
            http.response.status_code = report.view.status().as_u16(),
            request_id = report.view.request_id(),
            envelope = report.envelope.name(),
            audience = audience_name(report.view.audience()),
            retryable = report.view.retryable(),
            error.params = report.params(),
            error.sources = report.error.source().map(|source| tracing::field::display(SourceChain(source))),
            "{}",
            report.message(),
        )
    }};
}

/// Emits the event for `error`, rendered as `view` in `envelope`.
pub(crate) fn emit(
    events: &ErrorEvents,
    error: &dyn ApiError,
    view: &ErrorView<'_>,
    envelope: &dyn Envelope,
) {
    let Some(level) = events.level_for(view.status().as_u16()) else {
        return;
    };
    let report = Report {
        error,
        view,
        envelope,
        include_sensitive: events.include_sensitive,
    };
    // One callsite per level: `tracing` needs the level of a callsite to be a
    // constant, and checks each one's interest before evaluating any field.
    match level {
        Level::ERROR => report_at!(Level::ERROR, report),
        Level::WARN => report_at!(Level::WARN, report),
        Level::INFO => report_at!(Level::INFO, report),
        Level::DEBUG => report_at!(Level::DEBUG, report),
        Level::TRACE => report_at!(Level::TRACE, report),
    }
}

/// What an event reports.
struct Report<'a> {
    error: &'a dyn ApiError,
    view: &'a ErrorView<'a>,
    envelope: &'a dyn Envelope,
    include_sensitive: bool,
}

impl<'a> Report<'a> {
    /// The full message, unless a sensitive param could show in it.
    fn message(&self) -> Message<'a> {
        let audience = if self.include_sensitive || !has_sensitive_param(self.error) {
            Audience::Admin
        } else {
            Audience::Public
        };
        Message::new(self.error, audience)
    }

    /// The params an event may show, if there are any.
    fn params(&self) -> Option<tracing::field::DisplayValue<Params<'a>>> {
        let params = Params {
            error: self.error,
            include_sensitive: self.include_sensitive,
        };
        params.any().then(|| tracing::field::display(params))
    }
}

fn audience_name(audience: Audience) -> &'static str {
    match audience {
        Audience::Public => "public",
        Audience::Admin => "admin",
    }
}

fn has_sensitive_param(error: &dyn ApiError) -> bool {
    let mut found = false;
    error.visit_params(&mut VisitWith(|param: Param<'_>| found |= param.sensitive));
    found
}

/// The params of an error as `name=value` pairs.
#[derive(Clone, Copy)]
struct Params<'a> {
    error: &'a dyn ApiError,
    include_sensitive: bool,
}

impl Params<'_> {
    fn any(&self) -> bool {
        let mut any = false;
        self.error.visit_params(&mut VisitWith(|param: Param<'_>| {
            any |= self.include_sensitive || !param.sensitive;
        }));
        any
    }
}

impl fmt::Display for Params<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut result = Ok(());
        let mut first = true;
        self.error.visit_params(&mut VisitWith(|param: Param<'_>| {
            if result.is_err() || (param.sensitive && !self.include_sensitive) {
                return;
            }
            let separator = if first { "" } else { ", " };
            first = false;
            result = write!(f, "{separator}{}=", param.name).and_then(|()| match param.value {
                ParamValue::Str(s) => write!(f, "{s:?}"),
                ParamValue::List(items) => write!(f, "{items:?}"),
                value => crate::__private::write_param(f, value),
            });
        }));
        result
    }
}

/// An error's source chain: each source's `Display`, joined by `: `.
struct SourceChain<'a>(&'a (dyn Error + 'static));

impl fmt::Display for SourceChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut next = Some(self.0);
        let mut first = true;
        while let Some(source) = next {
            if !first {
                f.write_str(": ")?;
            }
            first = false;
            write!(f, "{source}")?;
            next = source.source();
        }
        Ok(())
    }
}

/// A closure as a [`ParamVisitor`].
struct VisitWith<F>(F);

impl<F: FnMut(Param<'_>)> ParamVisitor for VisitWith<F> {
    fn visit(&mut self, param: Param<'_>) {
        (self.0)(param);
    }
}
