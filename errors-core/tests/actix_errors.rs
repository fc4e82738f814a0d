//! A real actix-web server on a free local port returns derived errors; a
//! real HTTP client checks status, headers and body for every envelope, the
//! audience rules, `Accept` negotiation and the per-scope override.

use std::net::TcpListener;
use std::time::Duration;

use actix_web::middleware::DefaultHeaders;
use actix_web::{App, HttpServer, web};
use errors_core::integration::actix::{ErrorSnapshot, RenderErrors};
use errors_core::integration::{RenderPolicy, set_default_renderer};
use errors_core::{APPLICATION_PROBLEM_JSON, Audience, EnvelopeKind, Problem, Renderer};
use serde_json::{Value, json};

#[path = "support/shop.rs"]
mod shop;

use shop::{
    ShopError, header, invalid, limited, missing, negotiated_problem_body,
    rate_limited_public_bodies, renderer,
};

fn routes(scope: actix_web::Scope) -> actix_web::Scope {
    scope
        .route("/limited", web::get().to(limited))
        .route("/invalid", web::get().to(invalid))
        .route("/missing", web::get().to(missing))
}

/// A header added by middleware inside the error middleware.
fn served_by() -> DefaultHeaders {
    DefaultHeaders::new().add(("x-served-by", "test"))
}

/// Starts the server on a thread of its own (actix-web runs on its own
/// single-threaded runtimes) and returns its base URL.
fn start() -> String {
    // Unscoped routes render for admins, so re-rendering for the public must
    // drop what the first rendering showed.
    let _ = set_default_renderer(Renderer::builder().audience(Audience::Admin).build());
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let address = listener.local_addr().expect("local address");
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            HttpServer::new(|| {
                let policy = RenderPolicy::new(renderer(EnvelopeKind::Nested))
                    .negotiate(APPLICATION_PROBLEM_JSON, Problem)
                    .request_id_header("x-request-id")
                    .instance_from_path(true);
                let mut app =
                    App::new()
                        .route("/raw/limited", web::get().to(limited))
                        .service(routes(web::scope("/app")).wrap(
                            RenderErrors::new(policy).audience(|request| {
                                if request.headers().contains_key("x-admin") {
                                    Audience::Admin
                                } else {
                                    Audience::Public
                                }
                            }),
                        ));
                for kind in EnvelopeKind::ALL {
                    let middleware = RenderErrors::new(renderer(kind));
                    app = app.service(
                        routes(web::scope(&format!("/{kind}")))
                            .wrap(served_by())
                            .wrap(middleware),
                    );
                }
                app
            })
            .workers(1)
            .listen(listener)
            .expect("listen")
            .run()
            .await
            .expect("serve");
        });
    });
    format!("http://{address}")
}

async fn get(
    base: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, reqwest::header::HeaderMap, Value) {
    let mut request = reqwest::Client::new().get(format!("{base}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.expect("request");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response.bytes().await.expect("body");
    (
        status,
        headers,
        serde_json::from_slice(&body).expect("a JSON body"),
    )
}

#[tokio::test]
async fn every_envelope_renders_rate_limits_with_headers() {
    let base = start();
    let expected = rate_limited_public_bodies();
    for (envelope, content_type, body) in expected {
        let (status, headers, actual) = get(&base, &format!("/{envelope}/limited"), &[]).await;
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
    let base = start();
    let (_, _, public) = get(&base, "/app/limited", &[]).await;
    assert_eq!(
        public["error"]["message"],
        "Rate limit exceeded. Retry after 60 seconds."
    );
    let (status, _, admin) = get(&base, "/app/limited", &[("x-admin", "1")]).await;
    assert_eq!(status, 429);
    assert_eq!(
        admin["error"]["message"],
        "Rate limit exceeded for tenant acme. Retry after 60 seconds."
    );
}

#[tokio::test]
async fn accept_negotiates_problem_details_with_request_id_and_instance() {
    let base = start();
    let (status, headers, body) = get(
        &base,
        "/app/missing",
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
    assert_eq!(body, negotiated_problem_body("/app/missing"));
}

#[tokio::test]
async fn field_errors_reach_the_nested_envelope() {
    let base = start();
    let (status, _, body) = get(&base, "/app/invalid", &[]).await;
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
async fn without_middleware_the_default_renderer_applies() {
    let base = start();
    let (status, headers, body) = get(&base, "/raw/limited", &[]).await;
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

#[test]
fn a_snapshot_renders_like_the_error_it_copies() {
    let error = ShopError::RateLimited {
        retry_after: Duration::from_secs(60),
        limit: 100,
        tenant: "acme".to_owned(),
    };
    let renderer = renderer(EnvelopeKind::Rich);
    let snapshot = ErrorSnapshot::of(&error);
    for audience in [Audience::Public, Audience::Admin] {
        let context = errors_core::ResponseContext::new().audience(audience);
        let original = renderer.render_response_with(&error, &context);
        let copy = renderer.render_response_with(&snapshot, &context);
        assert_eq!(original.status(), copy.status());
        assert_eq!(original.headers(), copy.headers());
        assert_eq!(original.body(), copy.body(), "{audience:?}");
    }
}
