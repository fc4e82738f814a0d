//! The `tracing` feature: every error rendered as a response emits exactly
//! one event, with the OpenTelemetry field names, the source chain and the
//! request id, at the level the policy asks for, inside the request's span,
//! and without sensitive values; the response itself shows neither.

use std::fmt;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::routing::get;
use errors_core::events::ErrorEvents;
use errors_core::integration::axum::ErrorLayer;
use errors_core::integration::{RenderPolicy, actix::RenderErrors};
use errors_core::{ApiError, Audience, EnvelopeKind, Renderer, ResponseContext};
use tracing::field::{Field, Visit};
use tracing::{Instrument, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;

/// The innermost cause of a failed query.
#[derive(Debug)]
struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("connection refused")
    }
}

impl std::error::Error for Refused {}

/// A failed query, caused by [`Refused`].
#[derive(Debug)]
struct QueryFailed(Refused);

impl fmt::Display for QueryFailed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("query failed")
    }
}

impl std::error::Error for QueryFailed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[derive(Debug, ApiError)]
enum AppError {
    #[api(
        code = "internal_error",
        status = 500,
        message = "Loading orders of {customer} failed",
        public_message = "An internal error occurred"
    )]
    Internal {
        #[api(sensitive)]
        customer: String,
        #[source]
        cause: QueryFailed,
    },
    #[api(
        code = "rate_limit_exceeded",
        status = 429,
        retryable,
        message = "Retry after {retry_after} seconds"
    )]
    Limited {
        #[api(header = "Retry-After")]
        retry_after: std::time::Duration,
        #[api(detail)]
        plan: String,
    },
}

fn internal() -> AppError {
    AppError::Internal {
        customer: "ana@example.com".to_owned(),
        cause: QueryFailed(Refused),
    }
}

fn limited() -> AppError {
    AppError::Limited {
        retry_after: std::time::Duration::from_secs(30),
        plan: "free".to_owned(),
    }
}

/// One captured event of the `errors_core` target.
#[derive(Clone, Debug)]
struct Captured {
    level: Level,
    fields: Vec<(String, String)>,
    span: Option<String>,
}

impl Captured {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }
}

/// A layer that keeps the events of the `errors_core` target.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<Captured>>>);

impl Capture {
    fn events(&self) -> Vec<Captured> {
        self.0.lock().expect("not poisoned").clone()
    }
}

struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> tracing_subscriber::Layer<S> for Capture {
    fn on_event(&self, event: &tracing::Event<'_>, context: Context<'_, S>) {
        if event.metadata().target() != "errors_core" {
            return;
        }
        let mut fields = Fields(Vec::new());
        event.record(&mut fields);
        let span = context.event_span(event).map(|span| span.name().to_owned());
        self.0.lock().expect("not poisoned").push(Captured {
            level: *event.metadata().level(),
            fields: fields.0,
            span,
        });
    }
}

/// Runs `f` with a subscriber that captures events, and returns them.
fn capture(f: impl FnOnce()) -> Vec<Captured> {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    tracing::subscriber::with_default(subscriber, f);
    capture.events()
}

fn assert_no_secret(event: &Captured) {
    for (name, value) in &event.fields {
        assert!(!value.contains("ana@example.com"), "{name} = {value}");
    }
}

#[test]
fn a_rendered_server_error_is_one_error_event_with_its_chain() {
    let renderer = Renderer::new(EnvelopeKind::Rich);
    let mut response = None;
    let events = capture(|| {
        let context = ResponseContext::new().request_id("req_7");
        response = Some(renderer.render_response_with(&internal(), &context));
    });
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::ERROR);
    assert_eq!(event.field("error.type"), Some("internal_error"));
    assert_eq!(event.field("http.response.status_code"), Some("500"));
    assert_eq!(event.field("request_id"), Some("req_7"));
    assert_eq!(event.field("envelope"), Some("rich"));
    assert_eq!(event.field("audience"), Some("public"));
    assert_eq!(event.field("retryable"), Some("false"));
    assert_eq!(
        event.field("error.sources"),
        Some("query failed: connection refused")
    );
    assert_eq!(event.field("message"), Some("An internal error occurred"));
    assert_eq!(event.field("error.params"), None);
    assert_no_secret(event);

    let response = response.expect("rendered");
    let body = String::from_utf8(response.body().clone()).expect("UTF-8");
    assert!(!body.contains("query failed"), "{body}");
    assert!(!body.contains("connection refused"), "{body}");
    assert!(!body.contains("ana@example.com"), "{body}");
    assert!(body.contains("req_7"), "{body}");
}

#[test]
fn client_errors_are_debug_events_with_their_params() {
    let events = capture(|| {
        Renderer::default().render_response(&limited());
    });
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].level, Level::DEBUG);
    assert_eq!(events[0].field("error.type"), Some("rate_limit_exceeded"));
    assert_eq!(events[0].field("retryable"), Some("true"));
    assert_eq!(
        events[0].field("error.params"),
        Some(r#"retry_after=30, plan="free""#)
    );
    assert_eq!(events[0].field("message"), Some("Retry after 30 seconds"));
    assert_eq!(events[0].field("request_id"), None);
    assert_eq!(events[0].field("error.sources"), None);
}

#[test]
fn levels_are_configurable_and_events_can_be_turned_off() {
    let warn = Renderer::builder()
        .error_events(
            ErrorEvents::new()
                .client_errors(Some(Level::WARN))
                .server_errors(Some(Level::INFO)),
        )
        .build();
    let silent = Renderer::builder()
        .error_events(ErrorEvents::none())
        .build();
    let events = capture(|| {
        warn.render_response(&limited());
        warn.render_response(&internal());
        silent.render_response(&limited());
        silent.render_response(&internal());
    });
    let levels: Vec<_> = events.iter().map(|event| event.level).collect();
    assert_eq!(levels, [Level::WARN, Level::INFO]);
}

#[test]
fn sensitive_params_appear_only_when_the_policy_says_so() {
    let open = Renderer::builder()
        .error_events(ErrorEvents::new().include_sensitive(true))
        .build();
    let events = capture(|| {
        open.render_response(&internal());
    });
    assert_eq!(
        events[0].field("message"),
        Some("Loading orders of ana@example.com failed")
    );
    assert_eq!(
        events[0].field("error.params"),
        Some(r#"customer="ana@example.com""#)
    );
}

#[test]
fn rendering_a_body_alone_emits_nothing() {
    let events = capture(|| {
        Renderer::default().render_body(&internal());
    });
    assert!(events.is_empty(), "{events:?}");
}

async fn failing() -> Result<&'static str, AppError> {
    Err(internal())
}

/// Sends `GET path` with a request id through `app`, in a tokio runtime on
/// this thread, and returns the events and the response body.
fn axum_get(app: Router, path: &str) -> (Vec<Captured>, String) {
    use tower_service::Service;

    let mut body = String::new();
    let events = capture(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("runtime");
        body = runtime.block_on(async {
            let request = http::Request::get(path)
                .header("x-request-id", "req_axum")
                .body(axum::body::Body::empty())
                .expect("request");
            let mut app = app;
            let response = app.call(request).await.expect("infallible");
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("body");
            String::from_utf8(bytes.to_vec()).expect("UTF-8")
        });
    });
    (events, body)
}

/// Enters a `request` span around the rest of the stack, as a tracing
/// middleware would.
async fn in_request_span(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    next.run(request)
        .instrument(tracing::info_span!("request"))
        .await
}

#[test]
fn nested_axum_layers_report_each_error_once_in_the_request_span() {
    let policy = |kind| RenderPolicy::new(Renderer::new(kind)).request_id_header("x-request-id");
    let app = Router::new()
        .nest(
            "/v1",
            Router::new()
                .route("/orders", get(failing))
                .layer(ErrorLayer::new(policy(EnvelopeKind::Problem))),
        )
        .layer(ErrorLayer::new(policy(EnvelopeKind::Nested)).audience(|_| Audience::Public))
        .layer(axum::middleware::from_fn(in_request_span));
    let (events, body) = axum_get(app, "/v1/orders");
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::ERROR);
    assert_eq!(event.span.as_deref(), Some("request"));
    assert_eq!(event.field("request_id"), Some("req_axum"));
    assert_eq!(event.field("envelope"), Some("problem"));
    assert_eq!(
        event.field("error.sources"),
        Some("query failed: connection refused")
    );
    assert_no_secret(event);
    assert!(!body.contains("connection refused"), "{body}");
    assert!(!body.contains("ana@example.com"), "{body}");
}

#[test]
fn an_axum_route_without_a_layer_reports_through_the_default_renderer() {
    let app = Router::new().route("/orders", get(failing));
    let (events, _) = axum_get(app, "/orders");
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].field("error.type"), Some("internal_error"));
    assert_eq!(events[0].field("request_id"), None);
}

async fn actix_failing() -> Result<&'static str, AppError> {
    Err(internal())
}

#[test]
fn the_actix_middleware_reports_each_error_once_with_the_chain() {
    use actix_web::dev::Service as _;
    use actix_web::{App, test, web};

    let events = capture(|| {
        actix_web::rt::System::new().block_on(async {
            let policy = RenderPolicy::new(Renderer::new(EnvelopeKind::Rich))
                .request_id_header("x-request-id");
            let app = test::init_service(
                App::new()
                    .service(
                        web::scope("/v1")
                            .route("/orders", web::get().to(actix_failing))
                            .wrap(RenderErrors::new(policy)),
                    )
                    .wrap(RenderErrors::new(Renderer::new(EnvelopeKind::Nested)))
                    .wrap_fn(|request, service| {
                        service
                            .call(request)
                            .instrument(tracing::info_span!("request"))
                    }),
            )
            .await;
            let request = test::TestRequest::get()
                .uri("/v1/orders")
                .insert_header(("x-request-id", "req_actix"))
                .to_request();
            let response = test::call_service(&app, request).await;
            assert_eq!(response.status().as_u16(), 500);
            let body = test::read_body(response).await;
            let body = String::from_utf8(body.to_vec()).expect("UTF-8");
            assert!(!body.contains("connection refused"), "{body}");
            assert!(!body.contains("ana@example.com"), "{body}");
        });
    });
    assert_eq!(events.len(), 1, "{events:?}");
    let event = &events[0];
    assert_eq!(event.level, Level::ERROR);
    assert_eq!(event.span.as_deref(), Some("request"));
    assert_eq!(event.field("request_id"), Some("req_actix"));
    assert_eq!(event.field("envelope"), Some("rich"));
    assert_eq!(
        event.field("error.sources"),
        Some("query failed: connection refused")
    );
    assert_no_secret(event);
}
