//! axum 0.8: derived errors are
//! [`IntoResponse`](axum::response::IntoResponse), and [`ErrorLayer`]
//! renders them the way an app or a group of routes wants.
//!
//! With the `axum` feature, `#[derive(ApiError)]` also implements
//! `IntoResponse`. Outside any layer the error renders with the
//! [default renderer](super::default_renderer), and the response carries
//! nothing else. Under an [`ErrorLayer`], the route's response is left
//! unrendered with the error in its extensions as an [`ErrorExtension`], and
//! the layer renders it once with its [`RenderPolicy`]: its envelope, or the
//! one the request's `Accept` asks for, for the audience the app decides
//! from the request, with the request id from a header. The innermost layer
//! wins, so a layer on a nested router overrides the app-wide one; the error
//! stays in the extensions for middleware around and inside the layer, such
//! as logging.
//!
//! Costs: the layer copies the request's `Accept`, request id header and URI
//! (reference-counted) before calling the routes, and keeps the error in an
//! `Arc`. Derived errors must be `Send + Sync + 'static` for the impl to
//! apply, for that `Arc`.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::extract::Request;
use axum::response::Response;
use http::header::ACCEPT;
use http::request::Parts;

use super::layer_scope::{layer_renders, poll_as_layer};
use super::policy::is_rendered_header;
use super::{RenderPolicy, RequestFacts, default_renderer};
use crate::{ApiError, Audience};

/// The error behind an error response under an [`ErrorLayer`], kept in the
/// response's extensions.
///
/// Middleware inside or around the layer can read it, for instance to log
/// the full message and the source chain next to the request id.
#[derive(Clone)]
pub struct ErrorExtension(Arc<dyn ApiError + Send + Sync>);

impl ErrorExtension {
    /// The error.
    pub fn error(&self) -> &(dyn ApiError + Send + Sync) {
        &*self.0
    }
}

impl std::fmt::Debug for ErrorExtension {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("ErrorExtension")
            .field(&self.0.code())
            .finish()
    }
}

/// The response for `error`: rendered with the default renderer; under an
/// [`ErrorLayer`], left for the layer to render, with the error in its
/// extensions.
///
/// This is what the derived `IntoResponse` impl calls.
pub fn into_response<E: ApiError + Send + Sync + 'static>(error: E) -> Response {
    if layer_renders() {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = error.status();
        response
            .extensions_mut()
            .insert(ErrorExtension(Arc::new(error)));
        return response;
    }
    default_renderer().render_response(&error).map(Body::from)
}

type AudienceFn = dyn Fn(&Parts) -> Audience + Send + Sync;

/// A tower layer that renders the errors of the routes it wraps with a
/// [`RenderPolicy`].
///
/// # Examples
///
/// ```
/// use axum::Router;
/// use axum::routing::get;
/// use errors_core::integration::RenderPolicy;
/// use errors_core::integration::axum::ErrorLayer;
/// use errors_core::{APPLICATION_PROBLEM_JSON, Audience, Problem, Renderer, Rich};
///
/// let policy = RenderPolicy::new(Renderer::new(Rich)).negotiate(APPLICATION_PROBLEM_JSON, Problem);
/// let app: Router = Router::new()
///     .route("/health", get(|| async { "ok" }))
///     .layer(ErrorLayer::new(policy).audience(|request| {
///         // Operators on the internal network read the full messages.
///         if request.headers.contains_key("x-admin-token") { Audience::Admin } else { Audience::Public }
///     }));
/// ```
#[derive(Clone)]
pub struct ErrorLayer {
    policy: Arc<RenderPolicy>,
    audience: Option<Arc<AudienceFn>>,
}

impl ErrorLayer {
    /// A layer that renders with `policy`, for the renderer's audience.
    ///
    /// A [`Renderer`](crate::Renderer) converts into a policy that only
    /// renders with it.
    pub fn new(policy: impl Into<RenderPolicy>) -> Self {
        Self {
            policy: Arc::new(policy.into()),
            audience: None,
        }
    }

    /// Decides the audience of each request (from its headers, its
    /// extensions set by an authentication layer, ...).
    #[must_use]
    pub fn audience(mut self, decide: impl Fn(&Parts) -> Audience + Send + Sync + 'static) -> Self {
        self.audience = Some(Arc::new(decide));
        self
    }
}

impl std::fmt::Debug for ErrorLayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ErrorLayer")
            .field("policy", &self.policy)
            .field("audience", &self.audience.is_some())
            .finish()
    }
}

impl<S> tower_layer::Layer<S> for ErrorLayer {
    type Service = ErrorService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrorService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service made by [`ErrorLayer`].
#[derive(Clone, Debug)]
pub struct ErrorService<S> {
    inner: S,
    layer: ErrorLayer,
}

/// What the service keeps of a request until its response is known.
struct Facts {
    accept: Option<http::HeaderValue>,
    request_id: Option<http::HeaderValue>,
    uri: http::Uri,
    audience: Option<Audience>,
}

impl<S> tower_service::Service<Request> for ErrorService<S>
where
    S: tower_service::Service<Request, Response = Response, Error = Infallible>,
{
    type Response = Response;
    type Error = Infallible;
    type Future = ErrorFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let (parts, body) = request.into_parts();
        let policy = Arc::clone(&self.layer.policy);
        let facts = Facts {
            accept: parts.headers.get(ACCEPT).cloned(),
            request_id: policy
                .request_id_header_name()
                .and_then(|name| parts.headers.get(name))
                .cloned(),
            uri: parts.uri.clone(),
            audience: self.layer.audience.as_ref().map(|decide| decide(&parts)),
        };
        ErrorFuture {
            inner: self.inner.call(Request::from_parts(parts, body)),
            policy,
            facts,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response future of [`ErrorService`]: the inner service's response,
    /// rendered when it carries an error.
    pub struct ErrorFuture<F> {
        #[pin]
        inner: F,
        policy: Arc<RenderPolicy>,
        facts: Facts,
    }
}

impl<F> Future for ErrorFuture<F>
where
    F: Future<Output = Result<Response, Infallible>>,
{
    type Output = Result<Response, Infallible>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        // The routes leave their errors to this layer, which also reports
        // the errors it renders: the routes' own renderings would report them
        // twice.
        let inner = this.inner;
        let poll_routes = || poll_as_layer(|| inner.poll(cx));
        #[cfg(feature = "tracing")]
        let response = std::task::ready!(crate::events::deferred(poll_routes))?;
        #[cfg(not(feature = "tracing"))]
        let response = std::task::ready!(poll_routes())?;
        if response.extensions().get::<Rendered>().is_some() {
            return Poll::Ready(Ok(response));
        }
        let Some(stored) = response.extensions().get::<ErrorExtension>().cloned() else {
            return Poll::Ready(Ok(response));
        };
        Poll::Ready(Ok(rerender(this.policy, &stored, this.facts, response)))
    }
}

impl<F> std::fmt::Debug for ErrorFuture<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ErrorFuture").finish_non_exhaustive()
    }
}

/// Renders `stored` and keeps the headers other layers put on `old`, except
/// those the rendering sets.
fn rerender(
    policy: &RenderPolicy,
    stored: &ErrorExtension,
    facts: &Facts,
    old: Response,
) -> Response {
    fn text(value: Option<&http::HeaderValue>) -> Option<&str> {
        value.and_then(|v| v.to_str().ok())
    }
    let facts = RequestFacts {
        accept: text(facts.accept.as_ref()),
        request_id: text(facts.request_id.as_ref()),
        path: Some(facts.uri.path()),
        audience: facts.audience,
    };
    let mut response = policy.render(stored.error(), &facts).map(Body::from);
    let (old_parts, _) = old.into_parts();
    for (name, value) in &old_parts.headers {
        if !is_rendered_header(stored.error(), name.as_str()) {
            response.headers_mut().append(name, value.clone());
        }
    }
    response.extensions_mut().extend(old_parts.extensions);
    response.extensions_mut().insert(stored.clone());
    response.extensions_mut().insert(Rendered);
    response
}

/// Marks a response an [`ErrorLayer`] already rendered, so outer layers keep it.
#[derive(Clone, Copy, Debug)]
struct Rendered;

/// Emitted by the derive through `impl_framework_integration!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum {
    (impl [$($generics:tt)*] for [$($ty:tt)*] where [$($bounds:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::axum::response::IntoResponse for $($ty)*
        where
            $($bounds)*
            Self: ::core::marker::Send + ::core::marker::Sync + 'static,
        {
            fn into_response(self) -> $crate::__private::axum::response::Response {
                $crate::integration::axum::into_response(self)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::integration::test_errors::Busy;

    #[test]
    fn without_a_layer_the_response_is_rendered_and_keeps_nothing() {
        let response = into_response(Busy);
        assert_eq!(response.status(), 503);
        assert!(response.headers().contains_key(http::header::CONTENT_TYPE));
        assert!(response.extensions().get::<ErrorExtension>().is_none());
    }

    #[test]
    fn under_a_layer_the_error_is_left_for_the_layer_to_render() {
        let response = poll_as_layer(|| into_response(Busy));
        assert_eq!(response.status(), 503);
        assert!(response.headers().is_empty(), "{:?}", response.headers());
        let stored = response.extensions().get::<ErrorExtension>();
        assert_eq!(stored.map(|stored| stored.error().code()), Some("busy"));
    }
}
