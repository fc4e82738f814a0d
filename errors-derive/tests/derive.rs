//! What `#[derive(ApiError)]` generates, observed through the traits it implements.

use std::error::Error as _;
use std::fmt;
use std::time::Duration;

use errors_core::{ApiError, Audience, FieldErrors, Param, ParamValue, ParamVisitor};

#[derive(Debug, ApiError)]
enum RateLimitError {
    #[api(
        code = "rate_limit_exceeded",
        status = 429,
        retryable,
        message = "Rate limit exceeded. Please retry after {retry_after} seconds ({reason}).",
        public_message = "Rate limit exceeded"
    )]
    RateLimitExceeded {
        #[api(header = "Retry-After")]
        retry_after: Duration,
        #[api(detail = "limit", header = "X-RateLimit-Limit")]
        limit: u32,
        #[api(detail)]
        remaining: u32,
        #[api(sensitive)]
        internal: String,
        reason: Option<String>,
        #[api(fields)]
        fields: FieldErrors,
        #[source]
        cause: std::io::Error,
    },
    #[api(code = "access_denied", status = 403, message = "Access denied")]
    AccessDenied,
    #[api(code = "not_found", status = 404, message = "{0} not found")]
    NotFound(String),
    #[api(
        code = "upstream_failed",
        status = 502,
        message = "upstream failed: {0}",
        public_message = "The upstream service failed"
    )]
    Upstream(#[from] std::io::Error),
}

#[derive(Debug, ApiError)]
#[api(
    code = "agent_not_found",
    status = 404,
    message = "agent {agent_id} not found"
)]
struct AgentNotFound {
    #[api(detail)]
    agent_id: String,
}

#[derive(Debug, ApiError)]
#[api(code = "bad_gateway", status = 502, message = "bad gateway")]
struct BadGateway(#[from] Box<dyn std::error::Error + Send + Sync>);

/// A visited param: name, rendered value, detail, header, sensitive.
type Visited = (
    String,
    String,
    Option<&'static str>,
    Option<&'static str>,
    bool,
);

/// Records every visited param, rendering values as owned strings.
#[derive(Default)]
struct Collect(Vec<Visited>);

impl ParamVisitor for Collect {
    fn visit(&mut self, param: Param<'_>) {
        let value = match param.value {
            ParamValue::Str(s) => format!("str:{s}"),
            ParamValue::Int(n) => format!("int:{n}"),
            ParamValue::UInt(n) => format!("uint:{n}"),
            ParamValue::Bool(b) => format!("bool:{b}"),
            ParamValue::Seconds(n) => format!("seconds:{n}"),
            ParamValue::List(items) => format!("list:{}", items.join("|")),
        };
        self.0.push((
            param.name.to_owned(),
            value,
            param.detail,
            param.header,
            param.sensitive,
        ));
    }
}

fn params(error: &dyn ApiError) -> Vec<Visited> {
    let mut collect = Collect::default();
    error.visit_params(&mut collect);
    collect.0
}

fn message(error: &dyn ApiError, audience: Audience) -> String {
    struct Adapter<'a>(&'a dyn ApiError, Audience);
    impl fmt::Display for Adapter<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.write_message(self.1, f)
        }
    }
    Adapter(error, audience).to_string()
}

fn rate_limited(reason: Option<&str>) -> RateLimitError {
    let mut fields = FieldErrors::new();
    fields.push("email", "Email already exists");
    RateLimitError::RateLimitExceeded {
        retry_after: Duration::from_millis(60_900),
        limit: 100,
        remaining: 0,
        internal: "tenant 42".to_owned(),
        reason: reason.map(str::to_owned),
        fields,
        cause: std::io::Error::other("quota store timed out"),
    }
}

#[test]
fn display_is_the_admin_message_with_params_expanded() {
    assert_eq!(
        rate_limited(Some("burst")).to_string(),
        "Rate limit exceeded. Please retry after 60 seconds (burst)."
    );
    assert_eq!(
        rate_limited(None).to_string(),
        "Rate limit exceeded. Please retry after 60 seconds ()."
    );
    assert_eq!(RateLimitError::AccessDenied.to_string(), "Access denied");
    assert_eq!(
        RateLimitError::NotFound("agent_1".into()).to_string(),
        "agent_1 not found"
    );
    assert_eq!(
        AgentNotFound {
            agent_id: "a1".into()
        }
        .to_string(),
        "agent a1 not found"
    );
}

#[test]
fn public_audience_reads_the_public_message() {
    let error = rate_limited(Some("burst"));
    assert_eq!(message(&error, Audience::Public), "Rate limit exceeded");
    assert_eq!(message(&error, Audience::Admin), error.to_string());
    let missing = RateLimitError::NotFound("agent_1".into());
    assert_eq!(message(&missing, Audience::Public), "agent_1 not found");
    let upstream = RateLimitError::from(std::io::Error::other("connection reset"));
    assert_eq!(
        message(&upstream, Audience::Public),
        "The upstream service failed"
    );
    assert_eq!(
        message(&upstream, Audience::Admin),
        "upstream failed: connection reset"
    );
}

#[test]
fn code_status_and_retryable_follow_the_attributes() {
    let cases: [(&dyn ApiError, &str, u16, bool); 4] = [
        (&rate_limited(None), "rate_limit_exceeded", 429, true),
        (&RateLimitError::AccessDenied, "access_denied", 403, false),
        (
            &RateLimitError::NotFound(String::new()),
            "not_found",
            404,
            false,
        ),
        (
            &AgentNotFound {
                agent_id: String::new(),
            },
            "agent_not_found",
            404,
            false,
        ),
    ];
    for (error, code, status, retryable) in cases {
        assert_eq!(error.code(), code);
        assert_eq!(error.status().as_u16(), status, "{code}");
        assert_eq!(error.retryable(), retryable, "{code}");
    }
}

#[test]
fn params_are_visited_in_declaration_order_with_their_wire_places() {
    let visited = params(&rate_limited(Some("burst")));
    let expected = [
        (
            "retry_after",
            "seconds:60",
            None,
            Some("Retry-After"),
            false,
        ),
        (
            "limit",
            "uint:100",
            Some("limit"),
            Some("X-RateLimit-Limit"),
            false,
        ),
        ("remaining", "uint:0", Some("remaining"), None, false),
        ("internal", "str:tenant 42", None, None, true),
        ("reason", "str:burst", None, None, false),
    ];
    let expected: Vec<_> = expected
        .into_iter()
        .map(|(n, v, d, h, s)| (n.to_owned(), v.to_owned(), d, h, s))
        .collect();
    assert_eq!(visited, expected);
}

#[test]
fn an_absent_optional_param_is_not_visited() {
    let names: Vec<String> = params(&rate_limited(None))
        .into_iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(names, ["retry_after", "limit", "remaining", "internal"]);
}

#[test]
fn tuple_fields_are_params_named_by_index() {
    let visited = params(&RateLimitError::NotFound("agent_1".into()));
    assert_eq!(
        visited,
        [("0".to_owned(), "str:agent_1".to_owned(), None, None, false)]
    );
    assert!(params(&RateLimitError::AccessDenied).is_empty());
}

#[test]
fn field_errors_come_from_the_fields_field() {
    let error = rate_limited(None);
    let fields = error.field_errors().expect("the variant has field errors");
    assert_eq!(
        fields.get("email"),
        Some(&["Email already exists".to_owned()][..])
    );
    assert!(RateLimitError::AccessDenied.field_errors().is_none());
}

#[test]
fn source_returns_the_source_field() {
    let error = rate_limited(None);
    assert_eq!(
        error.source().map(ToString::to_string).as_deref(),
        Some("quota store timed out")
    );
    assert!(RateLimitError::AccessDenied.source().is_none());
    let upstream: RateLimitError = std::io::Error::other("reset").into();
    assert_eq!(
        upstream.source().map(ToString::to_string).as_deref(),
        Some("reset")
    );
}

#[test]
fn from_accepts_boxed_trait_objects() {
    let boxed: Box<dyn std::error::Error + Send + Sync> = "timed out".into();
    let error = BadGateway::from(boxed);
    assert_eq!(
        error.source().map(ToString::to_string).as_deref(),
        Some("timed out")
    );
    assert_eq!(error.status().as_u16(), 502);
}

#[derive(Debug, ApiError)]
#[api(
    code = "invalid_choice",
    status = 422,
    message = "`{type}` must be one of {allowed}; {{literal braces}} stay"
)]
struct InvalidChoice {
    #[api(detail)]
    r#type: String,
    #[api(detail = "allowed_values")]
    allowed: Vec<String>,
}

#[test]
fn raw_identifiers_lists_and_escaped_braces() {
    let error = InvalidChoice {
        r#type: "color".to_owned(),
        allowed: vec!["red".to_owned(), "green".to_owned()],
    };
    assert_eq!(
        error.to_string(),
        "`color` must be one of red, green; {literal braces} stay"
    );
    let visited = params(&error);
    assert_eq!(visited[0].0, "type");
    assert_eq!(visited[0].2, Some("type"));
    assert_eq!(
        visited[1],
        (
            "allowed".to_owned(),
            "list:red|green".to_owned(),
            Some("allowed_values"),
            None,
            false
        )
    );
}
