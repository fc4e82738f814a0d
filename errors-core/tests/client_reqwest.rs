//! `ResponseExt::api_error` against a real HTTP connection: a rendered
//! error comes back typed, and a body over the limit is refused while it
//! streams in.

use std::net::SocketAddr;

use errors_core::catalog::{CatalogError, Code};
use errors_core::client::{ParseErrorKind, Parser, ResponseExt};
use errors_core::{Renderer, Rich};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Answers one request with `response`, written as raw HTTP/1.1.
async fn serve_once(response: Vec<u8>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut buffer = [0; 1024];
        while !request.windows(4).any(|window| window == b"\r\n\r\n") {
            let read = stream.read(&mut buffer).await.unwrap();
            if read == 0 {
                return;
            }
            request.extend_from_slice(&buffer[..read]);
        }
        // The client may hang up early; that is what one test checks.
        let _ = stream.write_all(&response).await;
    });
    address
}

#[tokio::test]
async fn responses_parse_into_typed_errors() {
    let error = CatalogError::example(Code::RateLimitExceeded, "default").unwrap();
    let rendered = Renderer::new(Rich).render_response(&error);
    let mut raw = format!("HTTP/1.1 {}\r\n", rendered.status()).into_bytes();
    for (name, value) in rendered.headers() {
        raw.extend_from_slice(format!("{name}: {}\r\n", value.to_str().unwrap()).as_bytes());
    }
    raw.extend_from_slice(format!("content-length: {}\r\n\r\n", rendered.body().len()).as_bytes());
    raw.extend_from_slice(rendered.body());
    let address = serve_once(raw).await;

    let response = reqwest::get(format!("http://{address}/")).await.unwrap();
    let parsed = response.api_error().await.unwrap();
    assert_eq!(parsed.known(), Some(&error));
    assert_eq!(parsed.retry().rate_limit.limit, Some(100));
}

#[tokio::test]
async fn oversized_bodies_stop_the_read() {
    let chunk = vec![b' '; 64 * 1024];
    let mut raw =
        b"HTTP/1.1 500 Internal Server Error\r\ntransfer-encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..32 {
        raw.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        raw.extend_from_slice(&chunk);
        raw.extend_from_slice(b"\r\n");
    }
    raw.extend_from_slice(b"0\r\n\r\n");
    let address = serve_once(raw).await;

    let response = reqwest::get(format!("http://{address}/")).await.unwrap();
    let error = response
        .api_error_with(Parser::new().max_body_bytes(100_000))
        .await
        .unwrap_err();
    assert_eq!(error.status(), 500);
    let ParseErrorKind::TooLarge { limit, length } = *error.kind() else {
        panic!("{error:?}")
    };
    assert_eq!(limit, 100_000);
    assert!(length > limit && length <= limit + 64 * 1024, "{length}");
}

#[tokio::test]
async fn a_declared_length_over_the_limit_is_refused_before_reading() {
    let raw = b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 5000000\r\n\r\n{".to_vec();
    let address = serve_once(raw).await;
    let response = reqwest::get(format!("http://{address}/")).await.unwrap();
    let error = response.api_error().await.unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::TooLarge {
            limit: Parser::DEFAULT_MAX_BODY_BYTES,
            length: 5_000_000
        }
    );
}
