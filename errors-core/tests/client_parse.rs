//! The client parser on real and hostile responses: every error body of the
//! seed documents, aliases and unknown codes, retry headers, and bodies
//! that are not errors at all (which must fail with the status kept, never
//! panic, and stay bounded).

use std::time::{Duration, Instant, UNIX_EPOCH};

use errors_core::EnvelopeKind;
use errors_core::catalog::{CatalogError, Code, RateLimitingError, ValidationError};
use errors_core::client::{
    CodeOrigin, ErrorKind, FromPartsReason, ParseErrorKind, Parser, RetryAfter, parse_response,
};
use http::{HeaderMap, HeaderValue, StatusCode};
use serde_json::Value;

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap()
}

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, HeaderValue::from_static(value));
    }
    map
}

fn fail_kind(code: u16, body: &[u8]) -> ParseErrorKind {
    let error = parse_response(status(code), &HeaderMap::new(), body).unwrap_err();
    assert_eq!(error.status(), status(code), "{error}");
    error.kind().clone()
}

/// Every body of the three seed documents parses to the code the fixture
/// names, and where the fixture names a catalog example and the body holds
/// every param, to exactly that example.
#[test]
fn every_seed_body_parses_to_its_code() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed_examples.json"
    );
    let fixture: Vec<Value> = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut known = 0;
    for entry in &fixture {
        let code = Code::find(entry["code"].as_str().unwrap()).unwrap();
        let status = status(u16::try_from(entry["status"].as_u64().unwrap()).unwrap());
        let mut headers = HeaderMap::new();
        for (name, value) in entry["headers"].as_object().unwrap() {
            let name = http::HeaderName::from_bytes(name.as_bytes()).unwrap();
            headers.insert(
                name,
                HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
            );
        }
        let body = serde_json::to_vec(&entry["body"]).unwrap();
        let place = format!("{}:{}", entry["seed"], entry["line"]);
        let parsed =
            parse_response(status, &headers, &body).unwrap_or_else(|e| panic!("{place}: {e}"));
        assert_eq!(parsed.envelope().as_str(), entry["envelope"], "{place}");
        assert_eq!(parsed.code(), Some(code), "{place}: {parsed:?}");
        if let (ErrorKind::Known(error), Some(example)) = (parsed.kind(), entry["example"].as_str())
        {
            let expected = CatalogError::example(code, example).unwrap();
            assert_eq!(error, &expected, "{place}");
            known += 1;
        }
    }
    assert!(
        known >= fixture.len() / 2,
        "only {known} of {} bodies were typed",
        fixture.len()
    );
}

#[test]
fn aliases_resolve_and_are_reported_as_sent() {
    let body = br#"{"error":{"code":"throttle_exceeded","message":"Rate limit exceeded. Please retry after 30 seconds.","status":429,"fields":[]}}"#;
    let headers = headers(&[
        ("x-ratelimit-limit", "100"),
        ("x-ratelimit-remaining", "0"),
        ("x-ratelimit-reset", "1638360060"),
    ]);
    let parsed = parse_response(StatusCode::TOO_MANY_REQUESTS, &headers, body).unwrap();
    assert_eq!(
        parsed.origin(),
        &CodeOrigin::Stated("throttle_exceeded".into())
    );
    let expected = CatalogError::RateLimiting(RateLimitingError::RateLimitExceeded {
        retry_after: Duration::from_secs(30),
        limit: 100,
        remaining: 0,
        reset: 1_638_360_060,
    });
    assert_eq!(parsed.known(), Some(&expected));
    assert_eq!(parsed.retry().rate_limit.reset, Some(1_638_360_060));
}

#[test]
fn unknown_codes_keep_everything_received() {
    let body = br#"{"error":{"message":"Quota frozen","status":409,"code":"quota_frozen",
        "timestamp":"2030-01-01T00:00:00Z","details":{"quota":"daily","errors":[{"field":"plan","message":"Upgrade"}]}}}"#;
    let parsed = parse_response(StatusCode::CONFLICT, &HeaderMap::new(), body).unwrap();
    assert_eq!(parsed.code(), None);
    assert_eq!(parsed.envelope(), EnvelopeKind::Rich);
    assert_eq!(parsed.retry().retryable, None);
    let ErrorKind::Unknown(unknown) = parsed.kind() else {
        panic!("{parsed:?}")
    };
    assert_eq!(unknown.status(), StatusCode::CONFLICT);
    assert_eq!(unknown.code(), Some("quota_frozen"));
    assert_eq!(unknown.message(), "Quota frozen");
    assert_eq!(unknown.details().unwrap()["quota"], "daily");
    assert_eq!(unknown.fields().unwrap().get("plan").unwrap(), ["Upgrade"]);
    assert_eq!(
        parsed.to_string(),
        "`409` `quota_frozen` (unknown code): Quota frozen"
    );

    let flat = parse_response(
        StatusCode::IM_A_TEAPOT,
        &HeaderMap::new(),
        br#"{"error":"Short and stout"}"#,
    )
    .unwrap();
    assert_eq!(flat.origin(), &CodeOrigin::None);
    assert!(matches!(flat.kind(), ErrorKind::Unknown(unknown) if unknown.code().is_none()));
}

#[test]
fn flat_messages_are_matched_within_their_status() {
    let parse =
        |code: u16, body: &[u8]| parse_response(status(code), &HeaderMap::new(), body).unwrap();
    let long = parse(
        400,
        br#"{"error":"Server name too long (max 64 characters)"}"#,
    );
    let expected = CatalogError::Validation(ValidationError::ServerNameTooLong { max: 64 });
    assert_eq!(long.known(), Some(&expected));
    assert_eq!(long.origin(), &CodeOrigin::Matched { ties: vec![] });
    // A placeholder value that does not parse into its type.
    let lots = parse(
        400,
        br#"{"error":"Server name too long (max lots characters)"}"#,
    );
    let ErrorKind::Incomplete(incomplete) = lots.kind() else {
        panic!("{lots:?}")
    };
    assert_eq!(incomplete.code(), Code::ServerNameTooLong);
    assert_eq!(incomplete.reason().param(), Some("max"));
    assert!(matches!(
        incomplete.reason().reason(),
        FromPartsReason::Invalid(_)
    ));
    // The same message under another status is not that code.
    assert_eq!(
        parse(
            500,
            br#"{"error":"Server name too long (max 64 characters)"}"#
        )
        .code(),
        None
    );
    // Field messages lose their names in the flat envelope.
    let password = parse(
        400,
        br#"{"error":"Password validation failed","details":["Too short","No digit"]}"#,
    );
    let expected = CatalogError::Validation(ValidationError::PasswordValidationFailed {
        failures: vec!["Too short".into(), "No digit".into()],
    });
    assert_eq!(password.known(), Some(&expected));
}

#[test]
fn retry_headers_are_read() {
    let body = br#"{"type":"about:blank","title":"Service Unavailable","status":503,
        "detail":"Service temporarily unavailable","code":"service_unavailable"}"#;
    let headers = headers(&[
        ("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"),
        ("x-request-id", "req_9"),
    ]);
    let parsed = parse_response(StatusCode::SERVICE_UNAVAILABLE, &headers, body).unwrap();
    assert_eq!(
        parsed.retry().retry_after,
        Some(RetryAfter::At(
            UNIX_EPOCH + Duration::from_secs(784_111_777)
        ))
    );
    assert_eq!(parsed.request_id(), Some("req_9"));
    // A date in the past leaves nothing to wait for the typed param.
    let Some(CatalogError::Server(error)) = parsed.known() else {
        panic!("{parsed:?}")
    };
    assert_eq!(
        format!("{error:?}"),
        "ServiceUnavailable { retry_after: Some(0ns) }"
    );
}

#[test]
fn malformed_bodies_fail_with_the_status() {
    assert_eq!(
        fail_kind(502, b"<html>Bad Gateway</html>"),
        fail_kind(502, b"<html>x</html>")
    );
    assert!(matches!(
        fail_kind(502, b"<html>Bad Gateway</html>"),
        ParseErrorKind::NotJson(_)
    ));
    assert_eq!(fail_kind(400, b""), ParseErrorKind::Empty);
    assert_eq!(fail_kind(400, b" \n\t"), ParseErrorKind::Empty);
    assert_eq!(
        fail_kind(400, br#"{"error":{"code":"access_de"#),
        ParseErrorKind::Truncated
    );
    assert!(matches!(
        fail_kind(400, b"{\"error\":\"\xff\"}"),
        ParseErrorKind::NotJson(_)
    ));
    assert_eq!(
        fail_kind(400, br#"{"message":"hi"}"#),
        ParseErrorKind::UnknownShape
    );
    assert_eq!(fail_kind(400, b"[1,2,3]"), ParseErrorKind::UnknownShape);
    assert_eq!(
        fail_kind(400, b"\"just a string\""),
        ParseErrorKind::UnknownShape
    );
    let wrong = fail_kind(
        400,
        br#"{"error":{"code":["access_denied"],"message":"m"}}"#,
    );
    assert_eq!(
        wrong,
        ParseErrorKind::Invalid {
            envelope: EnvelopeKind::Nested,
            message: "member `error.code` is an array, expected a string".to_owned(),
        }
    );
}

/// serde_json's recursion limit (128) holds: deep nesting is an error, not
/// a stack overflow.
#[test]
fn deep_nesting_is_rejected() {
    for depth in [129, 10_000, 100_000] {
        let body = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(
            fail_kind(400, body.as_bytes()),
            ParseErrorKind::TooDeep,
            "{depth}"
        );
        let object = format!("{}1{}", r#"{"error":"#.repeat(depth), "}".repeat(depth));
        assert_eq!(
            fail_kind(400, object.as_bytes()),
            ParseErrorKind::TooDeep,
            "{depth}"
        );
    }
    let fine = format!(
        "{{\"error\":\"x\",\"deep\":{}{}}}",
        "[".repeat(100),
        "]".repeat(100)
    );
    assert!(parse_response(StatusCode::BAD_REQUEST, &HeaderMap::new(), fine.as_bytes()).is_ok());
}

#[test]
fn bodies_over_the_limit_are_not_parsed() {
    let big = vec![b' '; Parser::DEFAULT_MAX_BODY_BYTES + 1];
    assert_eq!(
        fail_kind(500, &big),
        ParseErrorKind::TooLarge {
            limit: 1 << 20,
            length: (1 << 20) + 1
        }
    );
    let parser = Parser::new().max_body_bytes(16);
    let error = parser
        .parse(
            StatusCode::BAD_REQUEST,
            &HeaderMap::new(),
            br#"{"error":"Invalid URL format"}"#,
        )
        .unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::TooLarge {
            limit: 16,
            length: 30
        }
    );
    assert!(
        error.to_string().contains("raise `Parser::max_body_bytes`"),
        "{error}"
    );
}

/// A message of almost 1 MiB made of a template's literal text matches in
/// linear time.
#[test]
fn long_messages_match_quickly() {
    let mut message = " with this ".repeat(90_000);
    message.push_str(" already exists");
    let body = serde_json::to_vec(&serde_json::json!({ "error": message })).unwrap();
    assert!(body.len() < Parser::DEFAULT_MAX_BODY_BYTES);
    let started = Instant::now();
    let parsed = parse_response(StatusCode::CONFLICT, &HeaderMap::new(), &body).unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(parsed.code(), Some(Code::ResourceConflict));
}

#[test]
fn a_named_envelope_is_read_as_such() {
    let nested =
        br#"{"error":{"code":"access_denied","message":"Access denied","status":403,"fields":{}}}"#;
    let error = Parser::new()
        .envelope(EnvelopeKind::Flat)
        .parse(StatusCode::FORBIDDEN, &HeaderMap::new(), nested)
        .unwrap_err();
    assert_eq!(
        error.kind(),
        &ParseErrorKind::Invalid {
            envelope: EnvelopeKind::Flat,
            message: "member `error` is an object, expected a string".to_owned(),
        }
    );
    let parsed = Parser::new()
        .envelope(EnvelopeKind::Nested)
        .parse(StatusCode::FORBIDDEN, &HeaderMap::new(), nested)
        .unwrap();
    assert_eq!(parsed.code(), Some(Code::AccessDenied));
}

#[test]
fn flat_messages_rank_exact_templates_first_and_report_ties() {
    let flat = |status: StatusCode, message: &str| {
        let body = serde_json::json!({ "error": message }).to_string();
        parse_response(status, &HeaderMap::new(), body.as_bytes()).unwrap()
    };
    let exact = flat(StatusCode::TOO_MANY_REQUESTS, "Rate limit exceeded");
    assert_eq!(exact.code(), Some(Code::TooManyRequests));
    assert_eq!(exact.origin(), &CodeOrigin::Matched { ties: vec![] });

    let guess = flat(StatusCode::BAD_REQUEST, "Email already exists");
    assert_eq!(guess.code(), Some(Code::AgentValidationError));
    assert_eq!(
        guess.origin(),
        &CodeOrigin::Matched {
            ties: vec![
                Code::KnowledgeSourceValidationError,
                Code::UserValidationError
            ]
        }
    );
    let elsewhere = flat(StatusCode::NOT_FOUND, "Email already exists");
    assert!(matches!(elsewhere.kind(), ErrorKind::Unknown(_)));
}
