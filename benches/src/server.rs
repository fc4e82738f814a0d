//! The live server: `429 Too Many Requests` with rate-limit headers, from a
//! generated catalog error through the axum integration (`/ours`) and from a
//! hand-written handler sending the same bytes and headers (`/baseline`).
//!
//! The `rate_limit_server` example serves this router on 127.0.0.1 and
//! `cargo xtask bench` loads both routes with a load generator.

use std::time::Duration;

use axum::Router;
use axum::http::header::{CONTENT_TYPE, HeaderValue, RETRY_AFTER};
use axum::http::{HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use errors_core::catalog::RateLimitingError;
use serde::Serialize;

/// Requests allowed per window.
const LIMIT: u32 = 100;
/// Requests left.
const REMAINING: u32 = 0;
/// When the window ends, in Unix seconds.
const RESET: i64 = 1_638_360_060;
/// Seconds to wait.
const RETRY_AFTER_SECONDS: u64 = 60;

/// The route answered by the catalog error.
pub const OURS: &str = "/ours";
/// The route answered by the hand-written handler.
pub const BASELINE: &str = "/baseline";

/// The router serving both routes.
pub fn router() -> Router {
    Router::new()
        .route(OURS, get(ours))
        .route(BASELINE, get(baseline))
}

/// The generated `rate_limit_exceeded` error both routes describe.
pub fn rate_limit_error() -> RateLimitingError {
    RateLimitingError::RateLimitExceeded {
        retry_after: Duration::from_secs(RETRY_AFTER_SECONDS),
        limit: LIMIT,
        remaining: REMAINING,
        reset: RESET,
    }
}

/// The `/ours` handler: the generated error, rendered by its `IntoResponse`.
///
/// # Errors
///
/// Always: the rate limit is exceeded.
pub async fn ours() -> Result<(), RateLimitingError> {
    Err(rate_limit_error())
}

/// The problem body a hand-written handler serializes.
#[derive(Serialize)]
struct RateLimitBody<'a> {
    #[serde(rename = "type")]
    type_: &'a str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    code: &'a str,
    limit: u32,
    remaining: u32,
    reset: i64,
}

/// The `/baseline` handler.
pub async fn baseline() -> Response {
    baseline_response()
}

/// The same response as `/ours`, written by hand: a serde struct and four
/// headers.
pub fn baseline_response() -> Response {
    let status = StatusCode::TOO_MANY_REQUESTS;
    let mut detail = String::with_capacity(64);
    {
        use std::fmt::Write as _;
        let _ = write!(
            detail,
            "Rate limit exceeded. Please retry after {RETRY_AFTER_SECONDS} seconds."
        );
    }
    let body = RateLimitBody {
        type_: "about:blank",
        title: errors_core::reason_phrase(status).unwrap_or(""),
        status: status.as_u16(),
        detail: &detail,
        code: "rate_limit_exceeded",
        limit: LIMIT,
        remaining: REMAINING,
        reset: RESET,
    };
    let mut bytes = Vec::with_capacity(320);
    serde_json::to_writer(&mut bytes, &body).expect("writing to a Vec cannot fail");
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    headers.insert(RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECONDS));
    headers.insert(
        HeaderName::from_static("x-ratelimit-limit"),
        HeaderValue::from(LIMIT),
    );
    headers.insert(
        HeaderName::from_static("x-ratelimit-remaining"),
        HeaderValue::from(REMAINING),
    );
    headers.insert(
        HeaderName::from_static("x-ratelimit-reset"),
        HeaderValue::from(RESET),
    );
    response
}

/// Asserts that both routes answer with the same status, headers and body.
///
/// # Panics
///
/// If they differ, showing both.
pub async fn check_same_responses() {
    let ours = ours().await.into_response();
    let theirs = baseline().await;
    let (ours, theirs) = (parts(ours).await, parts(theirs).await);
    assert!(
        ours == theirs,
        "the catalog error's response differs from the hand-written one\n  ours:     {ours:?}\n  baseline: {theirs:?}"
    );
}

/// The status, the headers (sorted) and the body of `response`.
async fn parts(response: Response) -> (StatusCode, Vec<(String, Vec<u8>)>, Vec<u8>) {
    let (parts, body) = response.into_parts();
    let mut headers: Vec<_> = parts
        .headers
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect();
    headers.sort();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .expect("an in-memory body cannot fail");
    (parts.status, headers, body.to_vec())
}
