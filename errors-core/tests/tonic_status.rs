//! A real tonic server on 127.0.0.1 answers one unary method with catalog
//! errors; a real tonic client reads each `tonic::Status` back into the typed
//! catalog error: the gRPC code, the message, `ErrorInfo`, `RetryInfo`,
//! `BadRequest` and `RequestInfo`.

use std::convert::Infallible;
use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use errors_core::catalog::{
    CatalogError, RateLimitingError, ResourcesError, ServerError, ValidationError,
};
use errors_core::client::ErrorKind;
use errors_core::integration::tonic::{ParsedStatus, StatusRenderer, parse_status};
use errors_core::{ApiError, FieldErrors};
use http::uri::PathAndQuery;
use tonic::body::Body;
use tonic::transport::server::TcpIncoming;
use tonic::transport::{Endpoint, Server};
use tonic_prost::ProstCodec;
use tonic_types::StatusExt;

const METHOD: &str = "/errors.test.Orders/Fail";

/// An error that is not in the catalog, raised through the derived
/// `From<E> for tonic::Status`.
#[derive(Debug, ApiError)]
#[api(
    code = "order_frozen",
    status = 409,
    message = "Order {order} is frozen"
)]
struct OrderFrozen {
    #[api(detail)]
    order: String,
}

fn rate_limited() -> RateLimitingError {
    RateLimitingError::RateLimitExceeded {
        retry_after: Duration::from_secs(42),
        limit: 100,
        remaining: 0,
        reset: 1_733_054_460,
    }
}

fn invalid() -> ValidationError {
    let mut fields = FieldErrors::new();
    fields.push("email", "Email already exists");
    fields.push("name", "Name is required");
    fields.push("name", "Name is too short");
    ValidationError::UserValidationError {
        reason: "Email already exists".to_owned(),
        fields,
    }
}

fn missing() -> ResourcesError {
    ResourcesError::ResourceNotFound {
        resource: "Agent".to_owned(),
        resource_type: Some("agent".to_owned()),
        resource_id: None,
    }
}

fn user_creation_failed() -> ServerError {
    ServerError::UserCreationFailed {
        reason: "unique index users_email violated".to_owned(),
    }
}

/// The one method: fails with the error the request names, with the
/// request id from the `x-request-id` metadata.
fn fail(request: tonic::Request<String>) -> Result<tonic::Response<()>, tonic::Status> {
    let request_id = request
        .metadata()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let renderer = StatusRenderer::new("orders.example.com");
    let render = |error: &dyn ApiError| renderer.render(error, request_id.as_deref());
    Err(match request.into_inner().as_str() {
        "rate_limited" => render(&rate_limited()),
        "invalid" => render(&invalid()),
        "missing" => render(&missing()),
        "user_creation_failed" => render(&user_creation_failed()),
        "frozen" => OrderFrozen {
            order: "ord_1".to_owned(),
        }
        .into(),
        other => tonic::Status::invalid_argument(format!("no case {other}")),
    })
}

struct Fail;

impl tonic::server::UnaryService<String> for Fail {
    type Response = ();
    type Future = Ready<Result<tonic::Response<()>, tonic::Status>>;

    fn call(&mut self, request: tonic::Request<String>) -> Self::Future {
        ready(fail(request))
    }
}

/// The server: every path is the one method, decoded with prost.
#[derive(Clone)]
struct Orders;

impl tower_service::Service<http::Request<Body>> for Orders {
    type Response = http::Response<Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<Body>) -> Self::Future {
        Box::pin(async move {
            let mut grpc = tonic::server::Grpc::new(ProstCodec::<(), String>::default());
            Ok(grpc.unary(Fail, request).await)
        })
    }
}

struct Client(tonic::client::Grpc<tonic::transport::Channel>);

impl Client {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a free port");
        let address = listener.local_addr().expect("local address");
        tokio::spawn(async move {
            Server::builder()
                .serve_with_incoming(Orders, TcpIncoming::from(listener))
                .await
                .expect("serve");
        });
        let channel = Endpoint::from_shared(format!("http://{address}"))
            .expect("endpoint")
            .connect()
            .await
            .expect("connect");
        Self(tonic::client::Grpc::new(channel))
    }

    /// Calls the method for `case` and returns the status it fails with.
    async fn status(&mut self, case: &str) -> tonic::Status {
        let mut request = tonic::Request::new(case.to_owned());
        request
            .metadata_mut()
            .insert("x-request-id", "req_grpc".parse().expect("metadata"));
        self.0.ready().await.expect("ready");
        let response: Result<tonic::Response<()>, _> = self
            .0
            .unary(
                request,
                PathAndQuery::from_static(METHOD),
                ProstCodec::<String, ()>::default(),
            )
            .await;
        response.expect_err("the method always fails")
    }

    async fn parsed(&mut self, case: &str) -> (tonic::Status, ParsedStatus) {
        let status = self.status(case).await;
        let parsed = parse_status(&status);
        (status, parsed)
    }
}

#[tokio::test]
async fn a_rate_limit_arrives_typed_with_its_delay() {
    let mut client = Client::start().await;
    let (status, parsed) = client.parsed("rate_limited").await;
    assert_eq!(status.code(), tonic::Code::ResourceExhausted);
    assert_eq!(
        status.message(),
        "Rate limit exceeded. Please retry after 42 seconds."
    );
    assert_eq!(parsed.status().as_u16(), 429);
    assert_eq!(parsed.retry_after(), Some(Duration::from_secs(42)));
    assert_eq!(parsed.request_id(), Some("req_grpc"));
    assert_eq!(parsed.domain(), Some("orders.example.com"));
    assert_eq!(
        parsed.kind(),
        &ErrorKind::Known(CatalogError::RateLimiting(rate_limited()))
    );
    let info = status.get_details_error_info().expect("ErrorInfo");
    assert_eq!(info.reason, "rate_limit_exceeded");
    let mut metadata: Vec<_> = info.metadata.into_iter().collect();
    metadata.sort();
    assert_eq!(
        metadata,
        [
            ("limit".to_owned(), "100".to_owned()),
            ("remaining".to_owned(), "0".to_owned()),
            ("reset".to_owned(), "1733054460".to_owned()),
            ("retry_after".to_owned(), "42".to_owned()),
        ]
    );
}

#[tokio::test]
async fn a_validation_error_arrives_with_its_field_errors() {
    let mut client = Client::start().await;
    let (status, parsed) = client.parsed("invalid").await;
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    let violations: Vec<_> = status
        .get_details_bad_request()
        .expect("BadRequest")
        .field_violations
        .into_iter()
        .map(|violation| (violation.field, violation.description))
        .collect();
    assert_eq!(
        violations,
        [
            ("email".to_owned(), "Email already exists".to_owned()),
            ("name".to_owned(), "Name is required".to_owned()),
            ("name".to_owned(), "Name is too short".to_owned()),
        ]
    );
    assert_eq!(
        parsed.kind(),
        &ErrorKind::Known(CatalogError::Validation(invalid()))
    );
    assert_eq!(parsed.retry_after(), None);
}

#[tokio::test]
async fn optional_params_that_were_absent_stay_absent() {
    let mut client = Client::start().await;
    let (status, parsed) = client.parsed("missing").await;
    assert_eq!(status.code(), tonic::Code::NotFound);
    assert_eq!(status.message(), "Agent not found");
    assert_eq!(
        parsed.kind(),
        &ErrorKind::Known(CatalogError::Resources(missing()))
    );
}

#[tokio::test]
async fn a_sensitive_param_never_travels() {
    let mut client = Client::start().await;
    let (status, parsed) = client.parsed("user_creation_failed").await;
    assert_eq!(status.code(), tonic::Code::Internal);
    assert_eq!(status.message(), "Failed to create user");
    let info = status.get_details_error_info().expect("ErrorInfo");
    assert!(info.metadata.is_empty(), "{:?}", info.metadata);
    assert!(!format!("{status:?}").contains("users_email"), "{status:?}");
    let ErrorKind::Incomplete(incomplete) = parsed.kind() else {
        panic!("{parsed:?}");
    };
    assert_eq!(incomplete.code().as_str(), "user_creation_failed");
    assert_eq!(parsed.status().as_u16(), 500);
}

#[tokio::test]
async fn a_code_outside_the_catalog_stays_readable() {
    let mut client = Client::start().await;
    let (status, parsed) = client.parsed("frozen").await;
    assert_eq!(status.code(), tonic::Code::AlreadyExists);
    assert_eq!(status.message(), "Order ord_1 is frozen");
    let ErrorKind::Unknown(unknown) = parsed.kind() else {
        panic!("{parsed:?}");
    };
    assert_eq!(unknown.code(), Some("order_frozen"));
    assert_eq!(unknown.status().as_u16(), 409);
    assert_eq!(
        unknown.details(),
        Some(&serde_json::json!({"order": "ord_1"}))
    );
    // The derived `From` renders with the default status renderer: no request id.
    assert_eq!(parsed.request_id(), None);
}

#[tokio::test]
async fn a_status_without_error_info_is_unknown() {
    let mut client = Client::start().await;
    let (status, parsed) = client.parsed("no such case").await;
    assert_eq!(status.code(), tonic::Code::InvalidArgument);
    let ErrorKind::Unknown(unknown) = parsed.kind() else {
        panic!("{parsed:?}");
    };
    assert_eq!(unknown.code(), None);
    assert_eq!(unknown.status().as_u16(), 400);
    assert_eq!(parsed.code(), None);
}
