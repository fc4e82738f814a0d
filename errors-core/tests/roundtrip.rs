//! Round trip: every code of the catalog, with generated param values,
//! rendered in every envelope for both audiences, parses back to the same
//! typed error wherever the envelope carries the information, and to
//! exactly the documented loss where it does not (see the table in
//! `errors_core::client`).
//!
//! The expectation is computed from the catalog's metadata, not from the
//! parser: which params the envelope and the audience carry, and for the
//! flat envelope which code the message must be matched to, by an
//! independent matcher ([`CodeInfo::match_message`]). Cases per code,
//! envelope and audience: `PROPTEST_CASES`, 64 by default; the generator is
//! seeded, so a failure reproduces.

use errors_core::catalog::{CatalogError, Code};
use errors_core::client::{CodeOrigin, ErrorKind, PartValue, Parts, RetryAfter, parse_response};
use errors_core::{
    ApiError, Audience, CodeInfo, EnvelopeKind, FieldErrors, ParamInfo, ParamType, Renderer,
    ResponseContext,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use serde_json::{Value, json};

/// Text for string values: JSON escapes, braces, non-ASCII, but no space,
/// so that a value never contains the literal text that follows its
/// placeholder in a template (`" not found"`), which would make the
/// message's split ambiguous.
const TEXT: &str = "[A-Za-z0-9_./:{}\"\\\\é€\n-]{0,12}";

fn value_strategy(param: &ParamInfo) -> BoxedStrategy<Value> {
    match param.ty {
        ParamType::String => TEXT.prop_map(Value::from).boxed(),
        ParamType::Bool => any::<bool>().prop_map(Value::from).boxed(),
        ParamType::I32 => any::<i32>().prop_map(Value::from).boxed(),
        ParamType::I64 | ParamType::Timestamp => any::<i64>().prop_map(Value::from).boxed(),
        ParamType::U16 => any::<u16>().prop_map(Value::from).boxed(),
        ParamType::U32 => any::<u32>().prop_map(Value::from).boxed(),
        ParamType::U64 | ParamType::Seconds => any::<u64>().prop_map(Value::from).boxed(),
        // Items are never empty and never hold `", "`, the separator of a
        // list written into a message.
        ParamType::StringList => prop::collection::vec("[a-zA-Z0-9_é]{1,8}", 0..4)
            .prop_map(Value::from)
            .boxed(),
    }
}

fn fields_strategy() -> impl Strategy<Value = FieldErrors> {
    prop::collection::btree_map(
        "[a-z]{1,8}",
        prop::collection::vec("[A-Za-z é]{1,16}", 1..3),
        0..3,
    )
    .prop_map(|map| {
        let mut fields = FieldErrors::new();
        // Reverse order: the parser must keep the order it receives.
        for (field, messages) in map.into_iter().rev() {
            for message in messages {
                fields.push(field.clone(), message);
            }
        }
        fields
    })
}

/// Generated param values (absent optional ones left out) and field errors.
fn parts_strategy(info: &'static CodeInfo) -> impl Strategy<Value = Parts> {
    let values: Vec<BoxedStrategy<Option<(&'static str, Value)>>> = info
        .params
        .iter()
        .map(|param| {
            let name = param.name;
            let value = value_strategy(param).prop_map(move |value| Some((name, value)));
            if param.optional {
                prop_oneof![Just(None), value].boxed()
            } else {
                value.boxed()
            }
        })
        .collect();
    let fields = if info.fields {
        fields_strategy().prop_map(Some).boxed()
    } else {
        Just(None).boxed()
    };
    (values, fields).prop_map(|(values, fields)| {
        let mut parts = Parts::new();
        for (name, value) in values.into_iter().flatten() {
            parts.insert(name, PartValue::Json(value));
        }
        if let Some(fields) = fields {
            parts.set_field_errors(fields);
        }
        parts
    })
}

/// The number of literal characters of a template (`{{` counts as one).
fn literal_chars(template: &str) -> usize {
    let mut count = 0;
    let mut chars = template.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                count += 1;
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                count += 1;
            }
            '{' => {
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
            }
            _ => count += 1,
        }
    }
    count
}

/// Whether `template` mentions `{name}`.
fn mentions(template: &str, name: &str) -> bool {
    template.contains(&format!("{{{name}}}"))
}

/// The code a flat message must be matched to, and the ties: among codes
/// of the same status, the template with the most literal characters, then
/// catalog order.
fn expected_flat_code(message: &str, status: http::StatusCode) -> Option<(Code, Vec<Code>)> {
    let mut ranked: Vec<(usize, Code)> = Vec::new();
    for &code in Code::ALL {
        let info = code.info();
        if info.status != status {
            continue;
        }
        let best = std::iter::once(info.message)
            .chain(info.public_message)
            .filter(|template| {
                let alone = CodeInfo {
                    message: template,
                    public_message: None,
                    ..*info
                };
                alone.match_message(message).is_some()
            })
            .map(literal_chars)
            .max();
        if let Some(rank) = best {
            ranked.push((rank, code));
        }
    }
    let top = ranked.iter().map(|(rank, _)| *rank).max()?;
    let mut codes = ranked
        .into_iter()
        .filter(|(rank, _)| *rank == top)
        .map(|(_, code)| code);
    let first = codes.next()?;
    Some((first, codes.collect()))
}

/// Whether the rendering carries `param`, by the module docs' table.
fn carried(
    info: &CodeInfo,
    param: &ParamInfo,
    envelope: EnvelopeKind,
    audience: Audience,
    response: &http::Response<Vec<u8>>,
) -> bool {
    if audience == Audience::Public && param.sensitive {
        return false;
    }
    let template = match audience {
        Audience::Admin => info.message,
        Audience::Public => info.public_template(),
    };
    let in_details = param.detail.is_some()
        && match envelope {
            EnvelopeKind::Rich | EnvelopeKind::Problem => true,
            EnvelopeKind::Flat => {
                param.ty == ParamType::StringList
                    && !info.fields
                    && info
                        .params
                        .iter()
                        .filter(|other| other.detail.is_some() && other.ty == ParamType::StringList)
                        .count()
                        == 1
            }
            EnvelopeKind::Nested => false,
        };
    let in_header = param
        .header
        .is_some_and(|header| response.headers().contains_key(header));
    let in_retry_after = envelope == EnvelopeKind::Flat
        && param.ty == ParamType::Seconds
        && param
            .header
            .is_some_and(|header| header.eq_ignore_ascii_case("retry-after"));
    in_details || in_header || in_retry_after || mentions(template, param.name)
}

/// The parts the parser can recover: the generated ones less what the
/// rendering does not carry.
fn carried_parts(
    info: &CodeInfo,
    parts: &Parts,
    envelope: EnvelopeKind,
    audience: Audience,
    response: &http::Response<Vec<u8>>,
) -> Parts {
    let mut kept = Parts::new();
    for param in info.params {
        if let Some(value) = parts.get(param.name)
            && carried(info, param, envelope, audience, response)
        {
            kept.insert(param.name, value.clone());
        }
    }
    if let Some(fields) = parts.field_errors() {
        let lists_empty = info
            .params
            .iter()
            .filter(|param| param.detail.is_some() && param.ty == ParamType::StringList)
            .all(|param| {
                parts
                    .get(param.name)
                    .is_none_or(|value| value == &PartValue::Json(json!([])))
            });
        if envelope != EnvelopeKind::Flat || (fields.is_empty() && lists_empty) {
            kept.set_field_errors(fields.clone());
        }
    }
    kept
}

fn check(
    code: Code,
    parts: &Parts,
    envelope: EnvelopeKind,
    audience: Audience,
) -> Result<(), TestCaseError> {
    let info = code.info();
    let error = CatalogError::from_parts(code, &mut parts.clone())
        .expect("generated parts build the error");
    prop_assert_eq!(error.code(), info.id);
    let renderer = Renderer::builder()
        .envelope(envelope)
        .audience(audience)
        .build();
    let context = ResponseContext::new().request_id("req_roundtrip");
    let response = renderer.render_response_with(&error, &context);
    let parsed = parse_response(response.status(), response.headers(), response.body())
        .map_err(|error| TestCaseError::fail(error.to_string()))?;
    prop_assert_eq!(parsed.status(), info.status);
    prop_assert_eq!(parsed.envelope(), envelope);
    prop_assert_eq!(parsed.request_id(), Some("req_roundtrip"));
    prop_assert_eq!(parsed.retry().retryable, Some(info.retryable));
    let retry_param = info
        .params
        .iter()
        .find(|param| param.header == Some("Retry-After"))
        .filter(|param| audience == Audience::Admin || !param.sensitive);
    if let Some(seconds) = retry_param
        .and_then(|param| parts.get(param.name))
        .and_then(PartValue::to_value::<u64>)
    {
        prop_assert_eq!(
            parsed.retry().retry_after,
            Some(RetryAfter::Delay(std::time::Duration::from_secs(seconds)))
        );
    }

    if envelope == EnvelopeKind::Flat {
        let (expected, ties) = expected_flat_code(parsed.message(), info.status)
            .ok_or_else(|| TestCaseError::fail("the message matches no template"))?;
        prop_assert_eq!(parsed.origin(), &CodeOrigin::Matched { ties });
        prop_assert_eq!(parsed.code(), Some(expected));
        if expected != code {
            // Another code's template ranks first: the documented choice.
            return Ok(());
        }
    } else {
        prop_assert_eq!(parsed.origin(), &CodeOrigin::Stated(info.id.into()));
    }

    let kept = carried_parts(info, parts, envelope, audience, &response);
    match (
        CatalogError::from_parts(code, &mut kept.clone()),
        parsed.kind(),
    ) {
        (Ok(expected), ErrorKind::Known(actual)) => prop_assert_eq!(actual, &expected),
        (Err(reason), ErrorKind::Incomplete(incomplete)) => {
            prop_assert_eq!(incomplete.code(), code);
            prop_assert_eq!(incomplete.reason(), &reason);
        }
        (expected, actual) => {
            return Err(TestCaseError::fail(format!(
                "expected {expected:?}, parsed {actual:?}"
            )));
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(64)
}

fn run(envelope: EnvelopeKind, audience: Audience) {
    for &code in Code::ALL {
        let info = code.info();
        if info.retired.is_some() {
            continue;
        }
        let config = Config {
            cases: cases(),
            failure_persistence: None,
            ..Config::default()
        };
        let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
        let mut runner = TestRunner::new_with_rng(config, rng);
        let result = runner.run(&parts_strategy(info), |parts| {
            check(code, &parts, envelope, audience)
        });
        if let Err(failure) = result {
            panic!("`{code}` in `{envelope}` for {audience:?}: {failure}");
        }
    }
}

#[test]
fn nested_admin() {
    run(EnvelopeKind::Nested, Audience::Admin);
}

#[test]
fn nested_public() {
    run(EnvelopeKind::Nested, Audience::Public);
}

#[test]
fn flat_admin() {
    run(EnvelopeKind::Flat, Audience::Admin);
}

#[test]
fn flat_public() {
    run(EnvelopeKind::Flat, Audience::Public);
}

#[test]
fn rich_admin() {
    run(EnvelopeKind::Rich, Audience::Admin);
}

#[test]
fn rich_public() {
    run(EnvelopeKind::Rich, Audience::Public);
}

#[test]
fn problem_admin() {
    run(EnvelopeKind::Problem, Audience::Admin);
}

#[test]
fn problem_public() {
    run(EnvelopeKind::Problem, Audience::Public);
}

/// What the table documents, pinned on one code per loss.
#[test]
fn documented_losses() {
    let parse = |error: &CatalogError, envelope, audience| {
        let renderer = Renderer::builder()
            .envelope(envelope)
            .audience(audience)
            .build();
        let response = renderer.render_response(error);
        parse_response(response.status(), response.headers(), response.body()).unwrap()
    };
    // A sensitive param is gone from a public rendering.
    let failed = CatalogError::example(Code::UserCreationFailed, "default").unwrap();
    let public = parse(&failed, EnvelopeKind::Rich, Audience::Public);
    let ErrorKind::Incomplete(incomplete) = public.kind() else {
        panic!("{public:?}")
    };
    assert_eq!(incomplete.reason().param(), Some("reason"));
    let admin = parse(&failed, EnvelopeKind::Rich, Audience::Admin);
    assert_eq!(admin.known(), Some(&failed));
    // The nested envelope has no details: a detail-only param is lost.
    let denied = CatalogError::example(Code::InsufficientPermissions, "default").unwrap();
    let nested = parse(&denied, EnvelopeKind::Nested, Audience::Admin);
    assert!(
        matches!(nested.kind(), ErrorKind::Incomplete(_)),
        "{nested:?}"
    );
    assert_eq!(
        parse(&denied, EnvelopeKind::Problem, Audience::Admin).known(),
        Some(&denied)
    );
    // The flat envelope names no code: `{reason}` codes of one status tie.
    let user = CatalogError::example(Code::UserValidationError, "email_taken")
        .or_else(|| CatalogError::example(Code::UserValidationError, "default"))
        .unwrap();
    let flat = parse(&user, EnvelopeKind::Flat, Audience::Admin);
    assert_eq!(flat.code(), Some(Code::AgentValidationError));
    let CodeOrigin::Matched { ties } = flat.origin() else {
        panic!("{flat:?}")
    };
    assert!(ties.contains(&Code::UserValidationError));
}
