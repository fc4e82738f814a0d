//! [`RenderPolicy`]: how one app, or one group of routes, renders errors:
//! its renderer, the envelopes a client may ask for through `Accept`, where
//! the request id comes from, and whether the request path is the problem's
//! `instance`. Shared by the axum layer and the actix-web middleware.

use std::sync::{Arc, OnceLock};

use http::Response;

use crate::renderer::Report;
use crate::{ApiError, Audience, Envelope, Renderer, ResponseContext};

/// How errors are rendered for a set of routes.
///
/// The renderer gives the default envelope and audience; a policy adds what
/// depends on the request.
///
/// # Examples
///
/// ```
/// use errors_core::integration::RenderPolicy;
/// use errors_core::{APPLICATION_PROBLEM_JSON, Problem, Renderer, Rich};
///
/// // Rich bodies, unless the client asks for RFC 9457 problem details.
/// let policy = RenderPolicy::new(Renderer::new(Rich))
///     .negotiate(APPLICATION_PROBLEM_JSON, Problem)
///     .request_id_header("x-request-id")
///     .instance_from_path(true);
/// assert_eq!(policy.envelope_for(Some("application/problem+json")).name(), "problem");
/// assert_eq!(policy.envelope_for(Some("application/json")).name(), "rich");
/// assert_eq!(policy.envelope_for(None).name(), "rich");
/// ```
#[derive(Clone, Debug)]
pub struct RenderPolicy {
    renderer: Renderer,
    negotiated: Vec<(&'static str, Arc<dyn Envelope>)>,
    request_id_header: Option<&'static str>,
    instance_from_path: bool,
}

/// What a policy reads from one request.
#[derive(Clone, Copy, Debug, Default)]
pub struct RequestFacts<'a> {
    /// The `Accept` header, if any.
    pub accept: Option<&'a str>,
    /// The request id, taken from the policy's request id header.
    pub request_id: Option<&'a str>,
    /// The request path.
    pub path: Option<&'a str>,
    /// Who reads the response, when the app decided it for this request.
    pub audience: Option<Audience>,
}

impl RenderPolicy {
    /// A policy that renders everything with `renderer`.
    pub fn new(renderer: Renderer) -> Self {
        Self {
            renderer,
            negotiated: Vec::new(),
            request_id_header: None,
            instance_from_path: false,
        }
    }

    /// Renders in `envelope` for a request whose `Accept` header lists
    /// `media_type` (with a non-zero quality). Earlier calls win over later
    /// ones when a request accepts several.
    #[must_use]
    pub fn negotiate(
        mut self,
        media_type: &'static str,
        envelope: impl Envelope + 'static,
    ) -> Self {
        self.negotiated.push((media_type, Arc::new(envelope)));
        self
    }

    /// Takes the request id from the request header `name` (such as
    /// `x-request-id`) when present, so the error response echoes it.
    #[must_use]
    pub fn request_id_header(mut self, name: &'static str) -> Self {
        self.request_id_header = Some(name);
        self
    }

    /// Uses the request path as the problem's `instance`.
    #[must_use]
    pub fn instance_from_path(mut self, enabled: bool) -> Self {
        self.instance_from_path = enabled;
        self
    }

    /// Sets which errors this policy renders emit a `tracing` event, and how
    /// (the `tracing` feature; by default 5xx at `ERROR` and 4xx at `DEBUG`,
    /// without sensitive params).
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::events::ErrorEvents;
    /// use errors_core::integration::RenderPolicy;
    /// use errors_core::Renderer;
    /// use tracing::Level;
    ///
    /// let policy = RenderPolicy::new(Renderer::default())
    ///     .error_events(ErrorEvents::new().server_errors(Some(Level::WARN)).client_errors(None));
    /// assert_eq!(policy.renderer().error_events().level_for(500), Some(Level::WARN));
    /// assert_eq!(policy.renderer().error_events().level_for(404), None);
    /// ```
    #[cfg(feature = "tracing")]
    #[must_use]
    pub fn error_events(mut self, events: crate::events::ErrorEvents) -> Self {
        self.renderer.set_error_events(events);
        self
    }

    /// The renderer.
    pub fn renderer(&self) -> &Renderer {
        &self.renderer
    }

    /// The header the request id is read from, if any.
    pub fn request_id_header_name(&self) -> Option<&'static str> {
        self.request_id_header
    }

    /// The envelope for a request with this `Accept` header.
    pub fn envelope_for(&self, accept: Option<&str>) -> &dyn Envelope {
        accept
            .and_then(|accept| {
                self.negotiated
                    .iter()
                    .find(|(media_type, _)| accepts(accept, media_type))
            })
            .map_or(self.renderer.envelope(), |(_, envelope)| &**envelope)
    }

    /// Renders `error` for the request described by `facts`.
    ///
    /// With the `tracing` feature, the error is reported as one event, also
    /// while a layer waits for its routes: this is how the layers report
    /// the errors they render again.
    pub fn render(&self, error: &dyn ApiError, facts: &RequestFacts<'_>) -> Response<Vec<u8>> {
        let mut context = ResponseContext::new().envelope(self.envelope_for(facts.accept));
        if let Some(id) = facts.request_id {
            context = context.request_id(id);
        }
        if let Some(audience) = facts.audience {
            context = context.audience(audience);
        }
        if let (true, Some(path)) = (self.instance_from_path, facts.path) {
            context = context.instance(path);
        }
        self.renderer
            .render_response_reported(error, &context, Report::Always)
    }
}

impl From<Renderer> for RenderPolicy {
    fn from(renderer: Renderer) -> Self {
        Self::new(renderer)
    }
}

/// Whether a header of a response rendered for `error` came from the
/// rendering (its `Content-Type`, `Content-Length`, `X-Request-Id` or a param
/// header, sensitive or not) rather than from other middleware. Re-rendering
/// drops such headers from the first response, so that a header the first
/// audience could see never leaks to the second.
#[cfg(any(feature = "axum", feature = "actix-web"))]
pub(crate) fn is_rendered_header(error: &dyn ApiError, name: &str) -> bool {
    use crate::{Param, ParamVisitor};

    const ALWAYS: [&str; 3] = ["content-type", "content-length", "x-request-id"];
    if ALWAYS
        .iter()
        .any(|always| always.eq_ignore_ascii_case(name))
    {
        return true;
    }
    struct FindHeader<'n> {
        name: &'n str,
        found: bool,
    }
    impl ParamVisitor for FindHeader<'_> {
        fn visit(&mut self, param: Param<'_>) {
            self.found |= param
                .header
                .is_some_and(|header| header.eq_ignore_ascii_case(self.name));
        }
    }
    let mut finder = FindHeader { name, found: false };
    error.visit_params(&mut finder);
    finder.found
}

/// Whether an `Accept` header value lists `media_type` with a quality above zero.
fn accepts(accept: &str, media_type: &str) -> bool {
    accept.split(',').any(|range| {
        let mut parts = range.split(';');
        let listed = parts.next().unwrap_or_default().trim();
        let refused = parts.any(|param| {
            let (key, value) = param.split_once('=').unwrap_or((param, ""));
            key.trim().eq_ignore_ascii_case("q")
                && value.trim().parse::<f32>().is_ok_and(|q| q <= 0.0)
        });
        listed.eq_ignore_ascii_case(media_type) && !refused
    })
}

static DEFAULT_RENDERER: OnceLock<Renderer> = OnceLock::new();

/// Sets the renderer that framework responses use when no layer or
/// middleware re-renders them; call it once at startup. Returns the renderer
/// back if one was already set (or already used).
///
/// # Examples
///
/// ```
/// use errors_core::integration::{default_renderer, set_default_renderer};
/// use errors_core::{Renderer, Rich};
///
/// let _ = set_default_renderer(Renderer::new(Rich));
/// assert_eq!(default_renderer().envelope().name(), "rich");
/// ```
pub fn set_default_renderer(renderer: Renderer) -> Result<(), Renderer> {
    DEFAULT_RENDERER.set(renderer)
}

/// The renderer set by [`set_default_renderer`], or [`Renderer::default`]
/// (the problem envelope, public audience).
pub fn default_renderer() -> &'static Renderer {
    DEFAULT_RENDERER.get_or_init(Renderer::default)
}

#[cfg(test)]
mod tests {
    use super::accepts;

    #[test]
    fn accept_lists_are_matched_by_media_type_and_quality() {
        assert!(accepts(
            "application/problem+json",
            "application/problem+json"
        ));
        assert!(accepts(
            "text/html, Application/Problem+JSON;q=0.9",
            "application/problem+json"
        ));
        assert!(!accepts(
            "application/problem+json;q=0",
            "application/problem+json"
        ));
        assert!(!accepts("*/*", "application/problem+json"));
        assert!(!accepts("application/json", "application/problem+json"));
    }
}
