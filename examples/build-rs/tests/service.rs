//! The example service as its clients meet it: every error it raises, sent
//! by axum in each of the four envelopes, parses back into this catalog's
//! own typed error (flat bodies by their message templates), every body
//! validates against the schema the build generated, and the generated docs
//! describe exactly this catalog.

use std::path::Path;
use std::time::Duration;

use build_rs_example::errors::{CatalogError, Code, OrdersError, PaymentsError};
use errors_core::client::{ErrorKind, Parser, ResponseExt};
use errors_core::{Catalog, FieldErrors};
use reqwest::StatusCode;
use serde_json::Value;

/// The generated docs and schemas, written by `build.rs`.
const GENERATED: &str = env!("OUT_DIR");

/// Starts the service on a free port; returns its base URL.
async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, build_rs_example::app()).await });
    format!("http://{address}")
}

/// One request and the error the handler raises for it.
struct Case {
    method: reqwest::Method,
    path: &'static str,
    raised: CatalogError,
}

fn cases() -> Vec<Case> {
    let mut fields = FieldErrors::new();
    fields.push("quantity", "must be at least 1");
    vec![
        Case {
            method: reqwest::Method::GET,
            path: "/orders/ord_42",
            raised: OrdersError::OrderNotFound {
                order_id: "ord_42".into(),
            }
            .into(),
        },
        Case {
            method: reqwest::Method::GET,
            path: "/orders/ord_locked",
            raised: OrdersError::OrderLocked {
                order_id: "ord_locked".into(),
                retry_after: Duration::from_secs(5),
            }
            .into(),
        },
        Case {
            method: reqwest::Method::POST,
            path: "/orders",
            raised: OrdersError::InvalidOrder { fields }.into(),
        },
        Case {
            method: reqwest::Method::POST,
            path: "/payments/declined",
            raised: PaymentsError::PaymentDeclined.into(),
        },
        Case {
            method: reqwest::Method::POST,
            path: "/payments/card_1",
            raised: PaymentsError::QuotaExceeded {
                limit: 100,
                retry_after: Duration::from_secs(60),
            }
            .into(),
        },
    ]
}

/// What a public rendering in `envelope` cannot carry back, as the client
/// documents it: the flat envelope has no field names, and the public
/// message of `quota_exceeded` leaves `limit` out, which only the rich and
/// problem envelopes carry as a details member.
fn lost(envelope: &str, code: Code) -> Option<&'static str> {
    match (envelope, code) {
        ("flat", Code::InvalidOrder) => Some("field errors"),
        ("flat" | "nested", Code::QuotaExceeded) => Some("`limit`"),
        _ => None,
    }
}

fn schema(envelope: &str) -> jsonschema::Validator {
    let path = Path::new(GENERATED).join(format!("schemas/{envelope}.schema.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[tokio::test]
async fn every_error_parses_back_into_this_catalogs_types_in_every_envelope() {
    let base = serve().await;
    let client = reqwest::Client::new();
    for envelope in ["nested", "flat", "rich", "problem"] {
        let validator = schema(envelope);
        for case in cases() {
            let url = format!("{base}/{envelope}{}", case.path);
            let response = client
                .request(case.method.clone(), &url)
                .send()
                .await
                .unwrap();
            let expected = case.raised.catalog_code();
            assert_eq!(
                response.status().as_u16(),
                CatalogError::info(expected).status.as_u16()
            );
            let bytes = response.bytes().await.unwrap();
            let body: Value = serde_json::from_slice(&bytes).unwrap();
            assert!(validator.is_valid(&body), "{envelope} {expected}: {body}");

            let response = client
                .request(case.method.clone(), &url)
                .send()
                .await
                .unwrap();
            let parsed = response.api_error_as::<CatalogError>().await.unwrap();
            assert_eq!(parsed.code(), Some(expected), "{envelope} {expected}");
            match (parsed.kind(), lost(envelope, expected)) {
                (ErrorKind::Known(known), None) => assert_eq!(known, &case.raised, "{envelope}"),
                (ErrorKind::Incomplete(incomplete), Some(lost)) => {
                    let reason = incomplete.reason().to_string();
                    assert!(reason.contains(lost), "{envelope} {expected}: {reason}");
                }
                (other, _) => panic!("{envelope} {expected}: {other:?}"),
            }
        }
    }
}

#[tokio::test]
async fn retry_advice_comes_from_this_catalog() {
    let base = serve().await;
    let response = reqwest::Client::new()
        .post(format!("{base}/rich/payments/card_1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let parsed = response.api_error_as::<CatalogError>().await.unwrap();
    assert_eq!(parsed.retry().retryable, Some(true));
    let policy = errors_core::client::RetryPolicy::default().jitter(|_max| Duration::ZERO);
    assert_eq!(
        policy.decide(&parsed, 0),
        errors_core::client::RetryDecision::Retry(Duration::from_secs(60))
    );
}

#[test]
fn a_flat_message_of_another_catalog_is_unknown_here() {
    let parser = Parser::<CatalogError>::for_catalog();
    let parsed = parser
        .parse(
            http::StatusCode::NOT_FOUND,
            &http::HeaderMap::new(),
            br#"{"error":"Invoice inv_9 not found"}"#,
        )
        .unwrap();
    assert!(matches!(parsed.kind(), ErrorKind::Unknown(_)), "{parsed:?}");
    assert_eq!(parsed.code(), None);

    let parsed = parser
        .parse(
            http::StatusCode::NOT_FOUND,
            &http::HeaderMap::new(),
            br#"{"error":"Order ord_7 not found"}"#,
        )
        .unwrap();
    assert_eq!(
        parsed.known(),
        Some(&CatalogError::from(OrdersError::OrderNotFound {
            order_id: "ord_7".into()
        }))
    );
}

#[test]
fn the_build_generated_this_catalogs_docs() {
    let docs = Path::new(GENERATED).join("docs");
    for code in CatalogError::codes() {
        let page = docs.join(format!("errors/{code}.md"));
        assert!(page.is_file(), "{} is missing", page.display());
    }
    let openapi: Value =
        serde_json::from_str(&std::fs::read_to_string(docs.join("openapi.json")).unwrap()).unwrap();
    let responses = openapi["components"]["responses"].as_object().unwrap();
    let mut documented: Vec<&str> = responses.keys().map(String::as_str).collect();
    documented.sort_unstable();
    let mut codes: Vec<String> = CatalogError::codes()
        .iter()
        .map(ToString::to_string)
        .collect();
    codes.sort_unstable();
    assert_eq!(documented.len(), codes.len(), "{documented:?}");
    let catalog: Value =
        serde_json::from_str(&std::fs::read_to_string(docs.join("catalog.json")).unwrap()).unwrap();
    assert_eq!(catalog["catalog_version"], "0.1.0");
    let examples: Value =
        serde_json::from_str(&std::fs::read_to_string(docs.join("examples.json")).unwrap())
            .unwrap();
    let rendered = examples["examples"].as_array().unwrap();
    assert!(
        rendered
            .iter()
            .all(|example| CatalogError::find(example["code"].as_str().unwrap()).is_some())
    );
    // 5 codes with one example each, 4 envelopes and the MCP form, 2 audiences.
    assert_eq!(rendered.len(), 5 * 5 * 2);
}
