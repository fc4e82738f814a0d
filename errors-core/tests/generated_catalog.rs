//! The generated catalog (`errors_core::catalog`) agrees with its own
//! metadata table: every example builds, and the typed error reports the
//! code, status, retryability, message and params that `CODES` describes.

use std::fmt;

use errors_core::catalog::{CODES, CatalogError, Code};
use errors_core::{ApiError, Audience, Param, ParamVisitor};

/// The names of the params an error visits, in order.
#[derive(Default)]
struct Names(Vec<&'static str>);

impl ParamVisitor for Names {
    fn visit(&mut self, param: Param<'_>) {
        self.0.push(param.name);
    }
}

/// The message `audience` reads.
fn message(error: &dyn ApiError, audience: Audience) -> String {
    struct Show<'a>(&'a dyn ApiError, Audience);
    impl fmt::Display for Show<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.write_message(self.1, f)
        }
    }
    Show(error, audience).to_string()
}

#[test]
fn code_and_codes_list_the_same_codes_in_the_same_order() {
    assert_eq!(Code::ALL.len(), CODES.len());
    assert_eq!(Code::COUNT, CODES.len());
    for (code, info) in Code::ALL.iter().zip(CODES) {
        assert_eq!(code.as_str(), info.id);
        assert_eq!(code.status(), info.status);
        assert_eq!(code.domain(), info.domain);
        assert_eq!(code.to_string(), info.id);
    }
}

#[test]
fn every_id_and_alias_parses_and_nothing_else_does() {
    for info in CODES {
        for name in info.names() {
            let code: Code = name.parse().unwrap_or_else(|error| panic!("{error}"));
            assert_eq!(code.as_str(), info.id, "`{name}`");
        }
    }
    assert_eq!(
        "throttle_exceeded".parse::<Code>(),
        Ok(Code::RateLimitExceeded)
    );
    for name in ["", "Rate_Limit_Exceeded", "rate_limit_exceede", "zzz"] {
        assert!(name.parse::<Code>().is_err(), "`{name}` parsed");
    }
}

#[test]
fn every_example_builds_an_error_that_matches_its_metadata() {
    let mut built = 0;
    for (code, info) in Code::ALL.iter().zip(CODES) {
        for example in info.examples {
            let place = format!("{} / {}", info.id, example.name);
            let error = CatalogError::example(*code, example.name)
                .unwrap_or_else(|| panic!("{place}: no typed example"));
            built += 1;
            assert_eq!(error.code(), info.id, "{place}");
            assert_eq!(error.status(), info.status, "{place}");
            assert_eq!(error.retryable(), info.retryable, "{place}");
            assert_eq!(error.field_errors().is_some(), info.fields, "{place}");

            let admin = message(&error, Audience::Admin);
            assert_eq!(admin, error.to_string(), "{place}");
            let values = info
                .match_message(&admin)
                .unwrap_or_else(|| panic!("{place}: `{admin}` does not match `{}`", info.message));
            let params = example.params_json();
            for (name, value) in values {
                let expected = match &params[name] {
                    serde_json::Value::String(text) => text.clone(),
                    serde_json::Value::Array(items) => items
                        .iter()
                        .filter_map(serde_json::Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", "),
                    serde_json::Value::Null => String::new(),
                    other => other.to_string(),
                };
                assert_eq!(value, expected, "{place}: `{{{name}}}`");
            }
            if info.public_message.is_some() {
                let public = message(&error, Audience::Public);
                let matches = info.match_message(&public).is_some();
                assert!(matches, "{place}: public message `{public}`");
            }

            let mut visited = Names::default();
            error.visit_params(&mut visited);
            let present: Vec<&str> = info
                .params
                .iter()
                .filter(|param| !params[param.name].is_null())
                .map(|param| param.name)
                .collect();
            assert_eq!(visited.0, present, "{place}: visited params");
        }
    }
    assert!(built >= CODES.len(), "only {built} examples built");
}

#[test]
fn unknown_examples_are_none() {
    assert!(CatalogError::example(Code::RateLimitExceeded, "no_such_example").is_none());
}

#[test]
fn domain_errors_convert_into_the_wrapper() {
    let error = errors_core::catalog::RateLimitingError::TooManyRequests {
        retry_after: std::time::Duration::from_secs(5),
    };
    let wrapped = CatalogError::from(error.clone());
    assert_eq!(wrapped, CatalogError::RateLimiting(error));
    assert_eq!(wrapped.code(), "too_many_requests");
    assert_eq!(wrapped.to_string(), "Rate limit exceeded");
}
