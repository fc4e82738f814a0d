//! One corpus, two parsers: every rendering in `docs/examples.json` (every
//! example of every code, in every envelope, for both audiences) and a set
//! of hostile bodies are parsed by the Rust client and by the generated
//! TypeScript client (`clients/typescript`, run by `node`), and the results
//! must agree: kind, code, params (or the received parts and the reason of
//! an incomplete error), fields, origin, envelope, message, request id and
//! retry information, or the failure's reason. A table of retry cases is
//! decided by both `RetryPolicy`s and must agree too.
//!
//! TypeScript numbers are doubles, so numbers are compared as doubles.
//! `node` (20 or later) must be on the `PATH`; without it the test fails
//! under `CI` and is skipped with a notice elsewhere.

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, UNIX_EPOCH};

use errors_core::client::{
    CodeOrigin, ErrorKind, ParseErrorKind, ParsedError, PartValue, RateLimit, RetryAfter,
    RetryDecision, RetryInfo, RetryPolicy, StopReason, parse_response,
};
use errors_core::{ApiError, FieldErrors, Param, ParamValue, ParamVisitor};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::{Map, Value, json};

/// One response: a label for messages, the status, headers and body text.
struct Rendering {
    label: String,
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

/// Every rendering of `docs/examples.json`.
fn examples() -> Vec<Rendering> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/examples.json");
    let text = std::fs::read_to_string(path).expect("docs/examples.json is readable");
    let corpus: Value = serde_json::from_str(&text).expect("docs/examples.json is JSON");
    corpus["examples"]
        .as_array()
        .expect("an `examples` list")
        .iter()
        .map(|example| {
            let text = |key: &str| example[key].as_str().unwrap_or_default().to_owned();
            Rendering {
                label: format!(
                    "{} / {} / {} / {}",
                    text("code"),
                    text("example"),
                    text("envelope"),
                    text("audience")
                ),
                status: u16::try_from(example["status"].as_u64().expect("a status"))
                    .expect("a status fits u16"),
                headers: example["headers"]
                    .as_object()
                    .expect("a headers object")
                    .iter()
                    .map(|(name, value)| (name.clone(), value.as_str().unwrap_or("").to_owned()))
                    .collect(),
                body: serde_json::to_string(&example["body"]).expect("a body serializes"),
            }
        })
        .collect()
}

/// Bodies and headers that must fail alike, or parse alike at the edges.
fn hostile() -> Vec<Rendering> {
    let json = || vec![("Content-Type".to_owned(), "application/json".to_owned())];
    let case = |label: &str, status: u16, body: String| Rendering {
        label: format!("hostile: {label}"),
        status,
        headers: json(),
        body,
    };
    let rate = |details: &str| {
        format!(
            r#"{{"error":{{"message":"Rate limit exceeded. Please retry after 60 seconds.","code":"rate_limit_exceeded","timestamp":"t","details":{details}}}}}"#
        )
    };
    let mut cases = vec![
        case("empty", 400, String::new()),
        case("whitespace with a form feed", 400, " \t\n\u{c}\r".to_owned()),
        case("form feed before JSON", 400, "\u{c}{}".to_owned()),
        case("html", 502, "<html>Bad gateway</html>".to_owned()),
        case("truncated object", 400, r#"{"error":{"code":"x""#.to_owned()),
        case("truncated string", 400, r#"{"error":"abc"#.to_owned()),
        case("truncated literal", 400, r#"{"error":tru"#.to_owned()),
        case("truncated number", 400, r#"{"error":1."#.to_owned()),
        case("lone minus", 400, "-".to_owned()),
        case("minus then letter", 400, "-x".to_owned()),
        case("leading zero", 400, "01".to_owned()),
        case("trailing comma", 400, r#"{"error":"m",}"#.to_owned()),
        case("trailing characters", 400, r#"{"error":"m"} x"#.to_owned()),
        case("byte order mark", 400, "\u{feff}{\"error\":\"m\"}".to_owned()),
        case("control character in a string", 400, "{\"error\":\"a\u{1}b\"}".to_owned()),
        case("lone surrogate escape", 400, r#"{"error":"\ud800"}"#.to_owned()),
        case("lone trailing surrogate escape", 400, r#"{"error":"\udc00x"}"#.to_owned()),
        case("surrogate pair escape", 400, r#"{"error":"\ud83d\ude00"}"#.to_owned()),
        case("truncated hex escape", 400, r#"{"error":"\u12"#.to_owned()),
        case("invalid escape", 400, r#"{"error":"\q"}"#.to_owned()),
        case("number out of range", 400, r#"{"error":"m","x":1e400}"#.to_owned()),
        case("nested 127 deep", 400, format!("{}{}", "[".repeat(127), "]".repeat(127))),
        case("nested 128 deep", 400, format!("{}{}", "[".repeat(128), "]".repeat(128))),
        case("nested deep and truncated", 400, "[".repeat(100)),
        case("nested 100,000 deep", 400, "[".repeat(100_000)),
        case("over 1 MiB", 400, format!(r#"{{"error":"{}"}}"#, "a".repeat(1 << 20))),
        case("array", 400, "[1,2]".to_owned()),
        case("string", 400, r#""error""#.to_owned()),
        case("no known member", 400, r#"{"message":"m"}"#.to_owned()),
        case("error is a number", 400, r#"{"error":3}"#.to_owned()),
        case("error is null", 400, r#"{"error":null}"#.to_owned()),
        case("code is a number", 400, r#"{"error":{"code":7,"message":"m"}}"#.to_owned()),
        case("message is null", 400, r#"{"error":{"code":"c","message":null}}"#.to_owned()),
        case("message missing", 400, r#"{"error":{"code":"c"}}"#.to_owned()),
        case("fields is a string", 400, r#"{"error":{"code":"c","message":"m","fields":"x"}}"#.to_owned()),
        case("fields is a list", 400, r#"{"error":{"code":"c","message":"m","fields":["x"]}}"#.to_owned()),
        case("a field holds a number", 400, r#"{"error":{"code":"c","message":"m","fields":{"a":["x",1]}}}"#.to_owned()),
        case("fields in body order", 422, r#"{"error":{"code":"invalid_request","message":"Invalid request","fields":{"zeta":["z"],"alpha":["a","b"],"empty":[]}}}"#.to_owned()),
        case("duplicate fields member", 422, r#"{"error":{"code":"invalid_request","message":"Invalid request","fields":{"a":["1"]},"fields":{"b":["2"]}}}"#.to_owned()),
        case("duplicate field names", 422, r#"{"error":{"code":"invalid_request","message":"Invalid request","fields":{"a":["1"],"a":["2"]}}}"#.to_owned()),
        case("details is a list", 400, r#"{"error":{"code":"c","message":"m","timestamp":"t","details":[1]}}"#.to_owned()),
        case("errors item without message", 400, r#"{"title":"t","errors":[{"field":"f"}]}"#.to_owned()),
        case("errors item is a string", 400, r#"{"title":"t","errors":["f"]}"#.to_owned()),
        case("problem without detail or title", 400, r#"{"type":"about:blank","status":400}"#.to_owned()),
        case("flat details hold a number", 400, r#"{"error":"m","details":["a",1]}"#.to_owned()),
        case("flat retry_after is negative", 429, r#"{"error":"Rate limit exceeded","retry_after":-1}"#.to_owned()),
        case("flat retry_after is a fraction", 429, r#"{"error":"Rate limit exceeded","retry_after":1.5}"#.to_owned()),
        case("flat retry_after is a string", 429, r#"{"error":"Rate limit exceeded","retry_after":"60"}"#.to_owned()),
        case("flat retry_after of the MCP form", 429, r#"{"success":false,"error":"Rate limit exceeded","retry_after":60}"#.to_owned()),
        case("prototype keys", 400, r#"{"__proto__":{"polluted":true},"error":{"code":"quota_frozen","message":"m","timestamp":"t","details":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}}"#.to_owned()),
        case("prototype keys in problem extensions", 404, r#"{"title":"Not Found","__proto__":{"polluted":true},"toString":1}"#.to_owned()),
        case("detail of the wrong type", 429, rate(r#"{"limit":"100","remaining":0,"reset":1638360060}"#)),
        case("detail as a float", 429, rate(r#"{"limit":100.0,"remaining":0,"reset":1638360060}"#)),
        case("detail as minus zero", 429, rate(r#"{"limit":100,"remaining":-0,"reset":1638360060}"#)),
        case("detail out of range", 429, rate(r#"{"limit":4294967296,"remaining":0,"reset":1638360060}"#)),
        case("detail negative", 429, rate(r#"{"limit":-1,"remaining":0,"reset":1638360060}"#)),
        case("detail null", 429, rate(r#"{"limit":null,"remaining":0,"reset":1638360060}"#)),
        case("huge integer", 429, rate(r#"{"limit":100,"remaining":0,"reset":99999999999999999999999}"#)),
        case("alias", 429, r#"{"error":{"code":"throttle_exceeded","message":"Rate limit exceeded. Please retry after 7 seconds."}}"#.to_owned()),
        case("flat message of no template", 418, r#"{"error":"I'm a teapot"}"#.to_owned()),
        case("flat message with ties", 400, r#"{"error":"Email already exists"}"#.to_owned()),
    ];
    let with_headers = |label: &str, status: u16, headers: &[(&str, &str)], body: &str| Rendering {
        label: format!("hostile: {label}"),
        status,
        headers: headers
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect(),
        body: body.to_owned(),
    };
    let nested_rate = r#"{"error":{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Please retry after 60 seconds."}}"#;
    cases.extend([
        with_headers(
            "problem content type on an array",
            400,
            &[("Content-Type", "application/problem+json; charset=utf-8")],
            "[1]",
        ),
        with_headers(
            "rate limit headers with a plus and blanks",
            429,
            &[
                ("X-RateLimit-Limit", "+100"),
                ("X-RateLimit-Remaining", " 0 "),
                ("X-RateLimit-Reset", "abc"),
                ("Retry-After", "60"),
            ],
            nested_rate,
        ),
        with_headers(
            "retry after a past HTTP date",
            429,
            &[("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT")],
            r#"{"error":"Rate limit exceeded"}"#,
        ),
        with_headers(
            "retry after an RFC 850 date",
            503,
            &[("Retry-After", "Sunday, 06-Nov-94 08:49:37 GMT")],
            r#"{"error":"Service temporarily unavailable"}"#,
        ),
        with_headers(
            "retry after an asctime date with a wrong weekday",
            503,
            &[("Retry-After", "Mon Nov  6 08:49:37 1994")],
            r#"{"error":"Service temporarily unavailable"}"#,
        ),
        with_headers(
            "retry after a huge number",
            429,
            &[("Retry-After", "99999999999999999999999")],
            r#"{"error":"Rate limit exceeded"}"#,
        ),
        with_headers(
            "request id header",
            500,
            &[("X-Request-Id", "req_1")],
            r#"{"error":{"code":"internal_error","message":"An internal error occurred"}}"#,
        ),
    ]);
    cases
}

/// Seeded edits of the examples' bodies (characters deleted, JSON
/// punctuation, escapes, NUL, form feed and non-ASCII inserted, bodies cut
/// short), so that both readers meet the same malformed and odd inputs.
fn mutations(examples: &[Rendering], count: usize) -> Vec<Rendering> {
    const INSERTED: [char; 20] = [
        '"', '{', '}', '[', ']', ':', ',', '\\', '0', '-', 'e', '.', 'n', 'u', ' ', '\u{0}',
        '\u{c}', 'é', '😀', '1',
    ];
    let mut seed: u64 = 0x5eed;
    let mut next = |bound: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).expect("31 bits fit") % bound.max(1)
    };
    (0..count)
        .map(|index| {
            let example = &examples[next(examples.len())];
            let mut chars: Vec<char> = example.body.chars().collect();
            for _ in 0..=next(3) {
                let at = next(chars.len() + 1);
                match next(10) {
                    0..=3 if at < chars.len() => {
                        chars.remove(at);
                    }
                    0..=7 => chars.insert(at, INSERTED[next(INSERTED.len())]),
                    _ => chars.truncate(at),
                }
            }
            Rendering {
                label: format!("mutation {index} of {}", example.label),
                status: example.status,
                headers: example.headers.clone(),
                body: chars.into_iter().collect(),
            }
        })
        .collect()
}

/// The summary of a Rust parse, in the shape `parity.mjs` writes.
fn summarize(result: &Result<ParsedError, errors_core::client::ParseError>) -> Value {
    let parsed = match result {
        Ok(parsed) => parsed,
        Err(error) => {
            let mut summary = json!({"kind": "failure", "status": error.status().as_u16()});
            let (reason, extra) = match error.kind() {
                ParseErrorKind::TooLarge { limit, length } => {
                    ("too_large", json!({"limit": limit, "length": length}))
                }
                ParseErrorKind::Empty => ("empty", json!({})),
                ParseErrorKind::Truncated => ("truncated", json!({})),
                ParseErrorKind::TooDeep => ("too_deep", json!({})),
                // serde_json's wording is not the TypeScript reader's.
                ParseErrorKind::NotJson(_) => ("not_json", json!({})),
                ParseErrorKind::UnknownShape => ("unknown_shape", json!({})),
                ParseErrorKind::Invalid { envelope, message } => (
                    "invalid",
                    json!({"envelope": envelope.to_string(), "message": message}),
                ),
                other => panic!("unexpected failure {other:?}"),
            };
            summary["reason"] = Value::from(reason);
            for (key, value) in extra.as_object().expect("an object") {
                summary[key] = value.clone();
            }
            return summary;
        }
    };
    let retry = parsed.retry();
    let mut summary = json!({
        "status": parsed.status().as_u16(),
        "envelope": parsed.envelope().to_string(),
        "origin": origin(parsed.origin()),
        "message": parsed.message(),
        "requestId": parsed.request_id(),
        "retry": retry_info(retry),
    });
    match parsed.kind() {
        ErrorKind::Known(error) => {
            summary["kind"] = Value::from("known");
            summary["code"] = Value::from(error.code());
            summary["params"] = params(error);
            if let Some(fields) = error.field_errors() {
                summary["fields"] = field_errors(fields);
            }
        }
        ErrorKind::Incomplete(incomplete) => {
            summary["kind"] = Value::from("incomplete");
            summary["code"] = Value::from(incomplete.code().as_str());
            let parts: Vec<Value> = incomplete
                .parts()
                .iter()
                .map(|(name, value)| match value {
                    PartValue::Json(value) => {
                        json!({"name": name, "source": "json", "value": value})
                    }
                    PartValue::Text(text) => json!({"name": name, "source": "text", "value": text}),
                })
                .collect();
            summary["parts"] = Value::Array(parts);
            if let Some(fields) = incomplete.parts().field_errors() {
                summary["fields"] = field_errors(fields);
            }
            let reason = incomplete.reason();
            let (problem, expected) = match reason.reason() {
                errors_core::client::FromPartsReason::Missing => ("missing", None),
                errors_core::client::FromPartsReason::Invalid(expected) => {
                    ("invalid", Some(expected))
                }
                errors_core::client::FromPartsReason::Retired => ("retired", None),
                other => panic!("unexpected reason {other:?}"),
            };
            summary["reason"] = json!({
                "param": reason.param(),
                "problem": problem,
                "expected": expected,
                "message": reason.to_string(),
            });
        }
        ErrorKind::Unknown(unknown) => {
            summary["kind"] = Value::from("unknown");
            summary["code"] = json!(unknown.code());
            summary["details"] = unknown.details().cloned().unwrap_or(Value::Null);
            if let Some(fields) = unknown.fields() {
                summary["fields"] = field_errors(fields);
            }
        }
        other => panic!("unexpected kind {other:?}"),
    }
    summary
}

fn origin(origin: &CodeOrigin) -> Value {
    match origin {
        CodeOrigin::Stated(name) => json!({"kind": "stated", "name": name}),
        CodeOrigin::Matched { ties } => {
            let ties: Vec<&str> = ties.iter().map(|code| code.as_str()).collect();
            json!({"kind": "matched", "ties": ties})
        }
        CodeOrigin::None => json!({"kind": "none"}),
        other => panic!("unexpected origin {other:?}"),
    }
}

fn retry_after(after: Option<RetryAfter>) -> Value {
    match after {
        None => Value::Null,
        Some(RetryAfter::Delay(delay)) => json!({"kind": "delay", "seconds": delay.as_secs()}),
        Some(RetryAfter::At(time)) => {
            let millis = time
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
                .as_millis();
            json!({"kind": "at", "time": millis as f64})
        }
    }
}

fn retry_info(retry: &RetryInfo) -> Value {
    json!({
        "retryAfter": retry_after(retry.retry_after),
        "rateLimit": {
            "limit": retry.rate_limit.limit,
            "remaining": retry.rate_limit.remaining,
            "reset": retry.rate_limit.reset,
        },
        "retryable": retry.retryable,
    })
}

fn field_errors(fields: &FieldErrors) -> Value {
    fields
        .iter()
        .map(|(field, messages)| json!({"field": field, "messages": messages}))
        .collect()
}

/// The typed params of a known error, as JSON.
fn params(error: &dyn ApiError) -> Value {
    struct Collect(Map<String, Value>);
    impl ParamVisitor for Collect {
        fn visit(&mut self, param: Param<'_>) {
            let value = match param.value {
                ParamValue::Str(text) => Value::from(text),
                ParamValue::Int(number) => Value::from(number),
                ParamValue::UInt(number) | ParamValue::Seconds(number) => Value::from(number),
                ParamValue::Bool(flag) => Value::from(flag),
                ParamValue::List(items) => Value::from(items.to_vec()),
            };
            self.0.insert(param.name.to_owned(), value);
        }
    }
    let mut collect = Collect(Map::new());
    error.visit_params(&mut collect);
    Value::Object(collect.0)
}

/// `value` with every number as a double, as TypeScript holds them.
fn doubles(value: &Value) -> Value {
    match value {
        Value::Number(number) => number
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Null, Value::Number),
        Value::Array(items) => items.iter().map(doubles).collect(),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(name, value)| (name.clone(), doubles(value)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The TypeScript summary reduced to what the Rust one states.
fn comparable(rust: &Value, typescript: &Value) -> Value {
    let mut typescript = typescript.clone();
    if let (Some(rust), Some(members)) = (rust.as_object(), typescript.as_object_mut()) {
        // Field errors are compared where the Rust error keeps them.
        if !rust.contains_key("fields") {
            members.remove("fields");
        }
        // Rust names the member that cannot be read in serde's words.
        if let (Some(Value::String(message)), Some(Value::String(ours))) =
            (rust.get("message"), members.get("message"))
            && rust.get("reason") == Some(&Value::from("invalid"))
            && let Some(prefix) = message
                .split_once(" cannot be read")
                .map(|(prefix, _)| prefix)
            && ours.starts_with(prefix)
        {
            members.insert("message".to_owned(), Value::from(message.clone()));
        }
        if rust.get("reason") == Some(&Value::from("not_json")) {
            members.remove("message");
        }
    }
    doubles(&typescript)
}

/// One retry case: a response's status and retry information, the retries
/// made, the time, and the policy's settings in milliseconds.
struct RetryCase {
    status: u16,
    retry: RetryInfo,
    retries: u32,
    now_ms: u64,
    max_retries: u32,
    max_delay_ms: u64,
}

fn retry_cases() -> Vec<RetryCase> {
    let now_ms = 1_000_000;
    let now = UNIX_EPOCH + Duration::from_millis(now_ms);
    let plain = RetryInfo::default();
    let with = |retry_after: Option<RetryAfter>, rate_limit: RateLimit, retryable: Option<bool>| {
        RetryInfo {
            retry_after,
            rate_limit,
            retryable,
        }
    };
    let exhausted = RateLimit {
        limit: Some(10),
        remaining: Some(0),
        reset: Some(1_030),
    };
    let mut cases = Vec::new();
    for status in [
        400, 401, 404, 408, 409, 413, 422, 425, 429, 500, 501, 502, 503, 504, 505, 511,
    ] {
        for retries in [0, 1, 2, 3] {
            cases.push(RetryCase {
                status,
                retry: plain,
                retries,
                now_ms,
                max_retries: 3,
                max_delay_ms: 60_000,
            });
        }
    }
    for retries in [0, 4, 9, 31, 32, 40] {
        cases.push(RetryCase {
            status: 502,
            retry: plain,
            retries,
            now_ms,
            max_retries: 100,
            max_delay_ms: 5_000,
        });
    }
    let infos = [
        with(
            Some(RetryAfter::Delay(Duration::from_secs(30))),
            RateLimit::default(),
            Some(true),
        ),
        with(
            Some(RetryAfter::Delay(Duration::from_secs(3_600))),
            RateLimit::default(),
            None,
        ),
        with(
            Some(RetryAfter::Delay(Duration::from_secs(u64::MAX))),
            RateLimit::default(),
            None,
        ),
        with(
            Some(RetryAfter::At(now + Duration::from_secs(42))),
            RateLimit::default(),
            None,
        ),
        with(
            Some(RetryAfter::At(now - Duration::from_secs(42))),
            RateLimit::default(),
            None,
        ),
        with(None, exhausted, None),
        with(
            None,
            RateLimit {
                reset: Some(10),
                ..exhausted
            },
            None,
        ),
        with(
            None,
            RateLimit {
                remaining: Some(1),
                ..exhausted
            },
            None,
        ),
        with(
            None,
            RateLimit {
                reset: Some(u64::MAX),
                ..exhausted
            },
            None,
        ),
        with(None, RateLimit::default(), Some(false)),
        with(
            Some(RetryAfter::Delay(Duration::from_secs(5))),
            RateLimit::default(),
            Some(false),
        ),
    ];
    for retry in infos {
        for status in [429, 500, 503] {
            cases.push(RetryCase {
                status,
                retry,
                retries: 0,
                now_ms,
                max_retries: 3,
                max_delay_ms: 60_000,
            });
        }
    }
    cases
}

fn rust_decision(case: &RetryCase) -> Value {
    let policy = RetryPolicy::default()
        .max_retries(case.max_retries)
        .max_delay(Duration::from_millis(case.max_delay_ms))
        .jitter(|max: Duration| max / 2);
    let status = StatusCode::from_u16(case.status).expect("a valid status");
    let now = UNIX_EPOCH + Duration::from_millis(case.now_ms);
    let millis = |duration: Duration| duration.as_secs_f64() * 1000.0;
    match policy.decide_at(status, &case.retry, case.retries, now) {
        RetryDecision::Retry(delay) => json!({"kind": "retry", "delayMs": millis(delay)}),
        RetryDecision::Stop(reason) => {
            let (name, wait) = match reason {
                StopReason::ClientError => ("client_error", None),
                StopReason::NotRetryableStatus => ("not_retryable_status", None),
                StopReason::NotRetryableCode => ("not_retryable_code", None),
                StopReason::AttemptsExhausted => ("attempts_exhausted", None),
                StopReason::WaitTooLong(wait) => ("wait_too_long", Some(millis(wait))),
                other => panic!("unexpected stop {other:?}"),
            };
            json!({"kind": "stop", "reason": name, "waitMs": wait})
        }
    }
}

fn retry_case_json(case: &RetryCase) -> Value {
    json!({
        "status": case.status,
        "retry": retry_info(&case.retry),
        "retries": case.retries,
        "nowMs": case.now_ms,
        "policy": {"maxRetries": case.max_retries, "maxDelayMs": case.max_delay_ms},
    })
}

/// Runs `parity.mjs` on `input`; `None` when `node` is not installed.
fn run_node(input: &Value) -> Option<Value> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/typescript/parity.mjs");
    let mut child = match Command::new("node")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return None,
        Err(error) => panic!("cannot start node: {error}"),
    };
    let mut stdin = child.stdin.take().expect("a piped stdin");
    let bytes = serde_json::to_vec(input).expect("the input serializes");
    let writer = std::thread::spawn(move || stdin.write_all(&bytes));
    let output = child.wait_with_output().expect("node runs");
    writer
        .join()
        .expect("the writer finishes")
        .expect("node reads its input");
    assert!(
        output.status.success(),
        "parity.mjs failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(serde_json::from_slice(&output.stdout).expect("parity.mjs writes JSON"))
}

fn header_map(headers: &[(String, String)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.append(
            HeaderName::from_bytes(name.as_bytes()).expect("a valid header name"),
            HeaderValue::from_str(value).expect("a valid header value"),
        );
    }
    map
}

#[test]
fn both_clients_read_every_rendering_and_decide_every_retry_alike() {
    let mut renderings = examples();
    assert!(
        renderings.len() > 400,
        "only {} renderings",
        renderings.len()
    );
    let mutated = mutations(&renderings, 3_000);
    renderings.extend(hostile());
    renderings.extend(mutated);
    let retries = retry_cases();
    let input = json!({
        "renderings": renderings
            .iter()
            .map(|rendering| json!({"status": rendering.status, "headers": rendering.headers, "body": rendering.body}))
            .collect::<Vec<_>>(),
        "retries": retries.iter().map(retry_case_json).collect::<Vec<_>>(),
    });
    let Some(output) = run_node(&input) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "`node` is not installed; CI needs Node 20 or later for this test"
        );
        eprintln!("skipped: `node` is not installed (Node 20 or later runs this test)");
        return;
    };

    let mut differences = Vec::new();
    let mut outcomes = std::collections::BTreeSet::new();
    let ours = output["renderings"].as_array().expect("a renderings list");
    assert_eq!(ours.len(), renderings.len(), "one summary per rendering");
    for (rendering, typescript) in renderings.iter().zip(ours) {
        let status = StatusCode::from_u16(rendering.status).expect("a valid status");
        let rust = summarize(&parse_response(
            status,
            &header_map(&rendering.headers),
            rendering.body.as_bytes(),
        ));
        let typescript = comparable(&rust, typescript);
        let rust = doubles(&rust);
        outcomes.insert(format!(
            "{} {}",
            rust["kind"].as_str().unwrap_or_default(),
            rust["reason"].as_str().unwrap_or_default()
        ));
        if rust != typescript {
            differences.push(format!(
                "{}\n  rust:       {rust}\n  typescript: {typescript}",
                rendering.label
            ));
        }
    }
    // The corpus reaches every outcome, so agreement means something.
    for outcome in [
        "known ",
        "incomplete ",
        "unknown ",
        "failure empty",
        "failure too_large",
        "failure truncated",
        "failure too_deep",
        "failure not_json",
        "failure unknown_shape",
        "failure invalid",
    ] {
        assert!(outcomes.contains(outcome), "no `{outcome}` in {outcomes:?}");
    }
    let decisions = output["retries"].as_array().expect("a retries list");
    assert_eq!(
        decisions.len(),
        retries.len(),
        "one decision per retry case"
    );
    for (case, typescript) in retries.iter().zip(decisions) {
        let rust = doubles(&rust_decision(case));
        let typescript = doubles(typescript);
        if rust != typescript {
            differences.push(format!(
                "retry case {}\n  rust:       {rust}\n  typescript: {typescript}",
                retry_case_json(case)
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "{} of {} cases differ between the Rust and TypeScript clients:\n{}",
        differences.len(),
        renderings.len() + retries.len(),
        differences.join("\n")
    );
}
