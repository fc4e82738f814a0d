//! A real axum server on a free local port returns derived errors; a real
//! HTTP client checks status, headers and body for every envelope, the
//! audience rules, `Accept` negotiation and the per-route override.

use axum::Router;
use axum::routing::get;
use errors_core::integration::axum::{ErrorExtension, ErrorLayer};
use errors_core::integration::{RenderPolicy, set_default_renderer};
use errors_core::{
    APPLICATION_PROBLEM_JSON, Audience, EnvelopeKind, Flat, Problem, Renderer, Rich,
};
use serde_json::{Value, json};

#[path = "support/shop.rs"]
mod shop;

use shop::{
    header, invalid, limited, missing, negotiated_problem_body, rate_limited_public_bodies,
    renderer,
};

/// The routes, with a header added by a layer inside the error layer.
fn routes() -> Router {
    Router::new()
        .route("/limited", get(limited))
        .route("/invalid", get(invalid))
        .route("/missing", get(missing))
        .layer(axum::middleware::map_response(
            |mut response: axum::response::Response| async move {
                response
                    .headers_mut()
                    .insert("x-served-by", http::HeaderValue::from_static("test"));
                response
            },
        ))
}

/// One nested router per envelope, an app-wide layer (nested envelope,
/// problem on request, admin for `x-admin`), and `/raw` outside every layer.
fn app() -> Router {
    let mut app = routes();
    for kind in EnvelopeKind::ALL {
        let layer = ErrorLayer::new(renderer(kind));
        app = app.nest(&format!("/{kind}"), routes().layer(layer));
    }
    // A logging middleware inside the app's layer reads the error the layer
    // is about to render.
    app = app.route(
        "/logged",
        get(limited).layer(axum::middleware::map_response(
            |mut response: axum::response::Response| async move {
                let code = response
                    .extensions()
                    .get::<ErrorExtension>()
                    .map(|stored| stored.error().code());
                if let Some(code) = code {
                    response.headers_mut().insert(
                        "x-logged-code",
                        code.parse().expect("a code is a header value"),
                    );
                }
                response
            },
        )),
    );
    let policy = RenderPolicy::new(renderer(EnvelopeKind::Nested))
        .negotiate(APPLICATION_PROBLEM_JSON, Problem)
        .request_id_header("x-request-id")
        .instance_from_path(true);
    app.layer(ErrorLayer::new(policy).audience(|request| {
        if request.headers.contains_key("x-admin") {
            Audience::Admin
        } else {
            Audience::Public
        }
    }))
    .route("/raw/limited", get(limited))
}

struct Server {
    base: String,
    client: reqwest::Client,
}

impl Server {
    async fn start() -> Self {
        // Unlayered routes render for admins; layered ones render once, with
        // their policy's audience, so the public sees nothing sensitive.
        let _ = set_default_renderer(Renderer::builder().audience(Audience::Admin).build());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a free port");
        let address = listener.local_addr().expect("local address");
        tokio::spawn(async move { axum::serve(listener, app()).await.expect("serve") });
        Self {
            base: format!("http://{address}"),
            client: reqwest::Client::new(),
        }
    }

    async fn get(
        &self,
        path: &str,
        headers: &[(&str, &str)],
    ) -> (u16, reqwest::header::HeaderMap, Value) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("request");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("body");
        let body = serde_json::from_slice(&body).expect("a JSON body");
        (status, headers, body)
    }
}

#[tokio::test]
async fn every_envelope_renders_rate_limits_with_headers() {
    let server = Server::start().await;
    let expected = rate_limited_public_bodies();
    for (envelope, content_type, body) in expected {
        let (status, headers, actual) = server.get(&format!("/{envelope}/limited"), &[]).await;
        assert_eq!(status, 429, "{envelope}");
        assert_eq!(
            header(&headers, "content-type"),
            Some(content_type),
            "{envelope}"
        );
        assert_eq!(header(&headers, "retry-after"), Some("60"), "{envelope}");
        assert_eq!(
            header(&headers, "x-ratelimit-limit"),
            Some("100"),
            "{envelope}"
        );
        assert_eq!(actual, body, "{envelope}");
    }
}

#[tokio::test]
async fn the_audience_comes_from_the_request() {
    let server = Server::start().await;
    let (_, _, public) = server.get("/limited", &[]).await;
    assert_eq!(
        public["error"]["message"],
        "Rate limit exceeded. Retry after 60 seconds."
    );
    let (status, _, admin) = server.get("/limited", &[("x-admin", "1")]).await;
    assert_eq!(status, 429);
    assert_eq!(
        admin["error"]["message"],
        "Rate limit exceeded for tenant acme. Retry after 60 seconds."
    );
}

#[tokio::test]
async fn accept_negotiates_problem_details_with_request_id_and_instance() {
    let server = Server::start().await;
    let (status, headers, body) = server
        .get(
            "/missing",
            &[
                ("accept", "application/problem+json"),
                ("x-request-id", "req_42"),
            ],
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        header(&headers, "content-type"),
        Some("application/problem+json")
    );
    assert_eq!(header(&headers, "x-request-id"), Some("req_42"));
    assert_eq!(body, negotiated_problem_body("/missing"));
}

#[tokio::test]
async fn field_errors_reach_the_nested_envelope() {
    let server = Server::start().await;
    let (status, _, body) = server.get("/invalid", &[]).await;
    assert_eq!(status, 400);
    assert_eq!(
        body,
        json!({"error": {
            "code": "user_validation_error",
            "message": "Email already exists",
            "status": 400,
            "fields": {"email": ["Email already exists"]}
        }})
    );
}

#[tokio::test]
async fn without_a_layer_the_default_renderer_applies() {
    let server = Server::start().await;
    let (status, headers, body) = server.get("/raw/limited", &[]).await;
    assert_eq!(status, 429);
    assert_eq!(
        header(&headers, "content-type"),
        Some("application/problem+json")
    );
    assert_eq!(header(&headers, "retry-after"), Some("60"));
    assert_eq!(header(&headers, "x-tenant"), Some("acme"));
    assert_eq!(
        body["detail"],
        "Rate limit exceeded for tenant acme. Retry after 60 seconds."
    );
    assert_eq!(body["tenant"], "acme");
}

#[tokio::test]
async fn middleware_can_read_the_error_from_the_extensions() {
    let server = Server::start().await;
    let (status, headers, _) = server.get("/logged", &[]).await;
    assert_eq!(status, 429);
    assert_eq!(
        header(&headers, "x-logged-code"),
        Some("rate_limit_exceeded")
    );
}

#[test]
fn the_flat_envelope_is_also_available_as_a_value() {
    // `FlatMcp` and friends plug into a policy like any envelope.
    let policy = RenderPolicy::new(Renderer::new(Rich)).negotiate("application/x-mcp+json", Flat);
    assert_eq!(
        policy.envelope_for(Some("application/x-mcp+json")).name(),
        "flat"
    );
}
