//! actix-web 4: derived errors are `ResponseError`, and [`RenderErrors`]
//! renders them the way an app or a scope wants.
//!
//! With the `actix-web` feature, `#[derive(ApiError)]` also implements
//! `actix_web::ResponseError`. Outside any middleware, its
//! `error_response(&self)` renders with the
//! [default renderer](super::default_renderer) and the response carries
//! nothing else. Under a [`RenderErrors`] middleware, wrapped around an app
//! or a scope, the response is left unrendered with an owned
//! [`ErrorSnapshot`] of the error in its extensions (`error_response` only
//! borrows the error), and the middleware renders the snapshot once with
//! its [`RenderPolicy`]: negotiated envelope, audience decided from the
//! request, request id from a header. The innermost middleware wins.
//!
//! Limits, compared to axum: the snapshot is a copy (code, status, both
//! messages, params, field errors), made for every error response under the
//! middleware. It keeps the source chain, as text, only with the `tracing`
//! feature, for the event the middleware emits; without it, log sources
//! where the error is raised. actix-web 4 uses `http` 0.2 types, so statuses
//! and headers are converted by value.

use std::fmt;
use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};

use super::layer_scope::{layer_renders, poll_as_layer};
use super::policy::is_rendered_header;
use super::{RenderPolicy, RequestFacts, default_renderer};
use crate::{ApiError, Audience, DynamicParam, FieldErrors, Param, ParamVisitor};

/// The HTTP status of `error` in actix-web's `http` 0.2 type.
pub fn status_code(error: &dyn ApiError) -> StatusCode {
    StatusCode::from_u16(error.status().as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response for `error`: rendered with the default renderer; under a
/// [`RenderErrors`] middleware, left for the middleware to render, with an
/// [`ErrorSnapshot`] in its extensions.
///
/// This is what the derived `ResponseError::error_response` calls.
pub fn error_response(error: &dyn ApiError) -> HttpResponse {
    if layer_renders() {
        let mut response = HttpResponse::new(status_code(error));
        response.extensions_mut().insert(ErrorSnapshot::of(error));
        return response;
    }
    to_actix(default_renderer().render_response(error))
}

/// Converts an `http` 1 response into an actix-web one.
fn to_actix(response: http::Response<Vec<u8>>) -> HttpResponse {
    let (parts, body) = response.into_parts();
    let status =
        StatusCode::from_u16(parts.status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut out = HttpResponse::with_body(status, body);
    for (name, value) in &parts.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            out.headers_mut().append(name, value);
        }
    }
    out.map_into_boxed_body()
}

/// An owned copy of what rendering needs from an error: code, status,
/// retryability, the message of each audience, params and field errors.
///
/// It implements [`ApiError`] itself, so any renderer can render it.
#[derive(Clone, Debug)]
pub struct ErrorSnapshot {
    code: &'static str,
    status: http::StatusCode,
    retryable: bool,
    admin_message: String,
    public_message: String,
    params: Vec<DynamicParam>,
    field_errors: Option<FieldErrors>,
    #[cfg(feature = "tracing")]
    source: Option<Box<SourceText>>,
}

/// A source error kept as its `Display` text, with its own source.
#[cfg(feature = "tracing")]
#[derive(Clone, Debug)]
struct SourceText {
    text: String,
    source: Option<Box<SourceText>>,
}

#[cfg(feature = "tracing")]
impl SourceText {
    /// The chain that starts at `error`, as text.
    fn chain(error: &dyn std::error::Error) -> Box<Self> {
        Box::new(Self {
            text: error.to_string(),
            source: error.source().map(Self::chain),
        })
    }
}

#[cfg(feature = "tracing")]
impl fmt::Display for SourceText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(feature = "tracing")]
impl std::error::Error for SourceText {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

impl ErrorSnapshot {
    /// Copies `error`.
    ///
    /// # Examples
    ///
    /// ```
    /// use errors_core::integration::actix::ErrorSnapshot;
    /// use errors_core::ApiError;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api(code = "quota_exceeded", status = 429, message = "tenant {tenant} is over quota",
    ///       public_message = "Quota exceeded")]
    /// struct QuotaExceeded {
    ///     #[api(sensitive)]
    ///     tenant: String,
    /// }
    ///
    /// let snapshot = ErrorSnapshot::of(&QuotaExceeded { tenant: "acme".into() });
    /// assert_eq!(snapshot.code(), "quota_exceeded");
    /// assert_eq!(snapshot.to_string(), "tenant acme is over quota");
    /// ```
    pub fn of(error: &dyn ApiError) -> Self {
        struct Collect(Vec<DynamicParam>);
        impl ParamVisitor for Collect {
            fn visit(&mut self, param: Param<'_>) {
                self.0.push(DynamicParam::from(param));
            }
        }
        let message = |audience| {
            let mut out = String::new();
            // Writing into a `String` only fails if the error's own impl does.
            let _ = error.write_message(audience, &mut out);
            out
        };
        let mut params = Collect(Vec::new());
        error.visit_params(&mut params);
        Self {
            code: error.code(),
            status: error.status(),
            retryable: error.retryable(),
            admin_message: message(Audience::Admin),
            public_message: message(Audience::Public),
            params: params.0,
            field_errors: error.field_errors().cloned(),
            #[cfg(feature = "tracing")]
            source: error.source().map(SourceText::chain),
        }
    }
}

impl fmt::Display for ErrorSnapshot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.admin_message)
    }
}

impl std::error::Error for ErrorSnapshot {
    #[cfg(feature = "tracing")]
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}

impl ApiError for ErrorSnapshot {
    fn code(&self) -> &'static str {
        self.code
    }

    fn status(&self) -> http::StatusCode {
        self.status
    }

    fn retryable(&self) -> bool {
        self.retryable
    }

    fn write_message(&self, audience: Audience, out: &mut dyn fmt::Write) -> fmt::Result {
        match audience {
            Audience::Admin => out.write_str(&self.admin_message),
            Audience::Public => out.write_str(&self.public_message),
        }
    }

    fn visit_params(&self, visitor: &mut dyn ParamVisitor) {
        for param in &self.params {
            visitor.visit(param.as_param());
        }
    }

    fn field_errors(&self) -> Option<&FieldErrors> {
        self.field_errors.as_ref()
    }
}

type AudienceFn = dyn Fn(&HttpRequest) -> Audience + Send + Sync;

/// Middleware that renders the errors of the app or scope it wraps with a
/// [`RenderPolicy`].
///
/// # Examples
///
/// ```
/// use actix_web::{App, web};
/// use errors_core::integration::RenderPolicy;
/// use errors_core::integration::actix::RenderErrors;
/// use errors_core::{APPLICATION_PROBLEM_JSON, Audience, Nested, Problem, Renderer};
///
/// let policy = RenderPolicy::new(Renderer::new(Nested)).negotiate(APPLICATION_PROBLEM_JSON, Problem);
/// let app = App::new()
///     .wrap(RenderErrors::new(policy).audience(|request| {
///         if request.headers().contains_key("x-admin-token") { Audience::Admin } else { Audience::Public }
///     }))
///     .route("/health", web::get().to(|| async { "ok" }));
/// # drop(app);
/// ```
#[derive(Clone)]
pub struct RenderErrors {
    policy: Arc<RenderPolicy>,
    audience: Option<Arc<AudienceFn>>,
}

impl RenderErrors {
    /// Middleware that renders with `policy`, for the renderer's audience.
    ///
    /// A [`Renderer`](crate::Renderer) converts into a policy that only
    /// renders with it.
    pub fn new(policy: impl Into<RenderPolicy>) -> Self {
        Self {
            policy: Arc::new(policy.into()),
            audience: None,
        }
    }

    /// Decides the audience of each request.
    #[must_use]
    pub fn audience(
        mut self,
        decide: impl Fn(&HttpRequest) -> Audience + Send + Sync + 'static,
    ) -> Self {
        self.audience = Some(Arc::new(decide));
        self
    }
}

impl fmt::Debug for RenderErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RenderErrors")
            .field("policy", &self.policy)
            .field("audience", &self.audience.is_some())
            .finish()
    }
}

impl<S, B> Transform<S, ServiceRequest> for RenderErrors
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Transform = RenderErrorsService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RenderErrorsService {
            service,
            middleware: self.clone(),
        }))
    }
}

/// The service made by [`RenderErrors`].
pub struct RenderErrorsService<S> {
    service: S,
    middleware: RenderErrors,
}

/// Marks a response a [`RenderErrors`] already rendered, so outer ones keep it.
#[derive(Clone, Copy, Debug)]
struct Rendered;

impl<S, B> Service<ServiceRequest> for RenderErrorsService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = actix_web::Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>>>>;

    forward_ready!(service);

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let future = self.service.call(request);
        let middleware = self.middleware.clone();
        Box::pin(async move {
            // The routes leave their errors to this middleware, which also
            // reports the errors it renders: the routes' own renderings would
            // report them twice.
            let mut future = std::pin::pin!(future);
            let response = std::future::poll_fn(|cx| {
                let poll_routes = || poll_as_layer(|| future.as_mut().poll(cx));
                #[cfg(feature = "tracing")]
                let poll = crate::events::deferred(poll_routes);
                #[cfg(not(feature = "tracing"))]
                let poll = {
                    let mut poll_routes = poll_routes;
                    poll_routes()
                };
                poll
            })
            .await?;
            let snapshot = {
                let extensions = response.response().extensions();
                if extensions.get::<Rendered>().is_some() {
                    None
                } else {
                    extensions.get::<ErrorSnapshot>().cloned()
                }
            };
            let Some(snapshot) = snapshot else {
                return Ok(response.map_into_left_body());
            };
            let (request, old) = response.into_parts();
            let fresh = rerender(&middleware, &snapshot, &request, &old);
            Ok(ServiceResponse::new(request, fresh).map_into_right_body())
        })
    }
}

/// Renders `snapshot` for `request`, keeping the headers other middleware put
/// on `old`, except those the rendering sets.
fn rerender<B>(
    middleware: &RenderErrors,
    snapshot: &ErrorSnapshot,
    request: &HttpRequest,
    old: &HttpResponse<B>,
) -> HttpResponse {
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    let facts = RequestFacts {
        accept: header("accept"),
        request_id: middleware.policy.request_id_header_name().and_then(header),
        path: Some(request.path()),
        audience: middleware.audience.as_ref().map(|decide| decide(request)),
    };
    let mut fresh = to_actix(middleware.policy.render(snapshot, &facts));
    for (name, value) in old.headers() {
        if !is_rendered_header(snapshot, name.as_str()) {
            fresh.headers_mut().append(name.clone(), value.clone());
        }
    }
    fresh.extensions_mut().insert(snapshot.clone());
    fresh.extensions_mut().insert(Rendered);
    fresh
}

/// Emitted by the derive through `impl_framework_integration!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_actix_web {
    (impl [$($generics:tt)*] for [$($ty:tt)*] where [$($bounds:tt)*]) => {
        #[automatically_derived]
        #[allow(deprecated)]
        impl $($generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        where
            $($bounds)*
        {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::integration::actix::status_code(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::integration::actix::error_response(self)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::integration::test_errors::Busy;

    #[test]
    fn without_middleware_the_response_is_rendered_and_keeps_nothing() {
        let response = error_response(&Busy);
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(response.headers().contains_key("content-type"));
        assert!(response.extensions().get::<ErrorSnapshot>().is_none());
    }

    #[test]
    fn under_middleware_the_error_is_left_for_it_to_render() {
        let response = poll_as_layer(|| error_response(&Busy));
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(response.headers().is_empty());
        let code = response
            .extensions()
            .get::<ErrorSnapshot>()
            .map(|snapshot| snapshot.code());
        assert_eq!(code, Some("busy"));
    }
}
