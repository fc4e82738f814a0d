//! The HTTP headers of a rendered error, and the rules that keep them safe.
//!
//! A header value comes from a param with `header` set, from the request id,
//! or from the envelope's content type. A value that could not travel safely
//! is **dropped, never sanitized**: a value holding CR, LF or any byte other
//! than visible ASCII, space and tab (so also non-ASCII text), an empty
//! string, or one longer than [`Limits::max_header_bytes`], is not sent at
//! all, since a partly rewritten value would carry a different meaning. A
//! param's header name that is not a valid HTTP token is dropped the same
//! way. Nothing here panics on bad input.
//!
//! # Examples
//!
//! ```
//! use errors_core::{ApiError, Audience, Param, ParamValue, ParamVisitor, Renderer};
//! use http::StatusCode;
//!
//! #[derive(Debug)]
//! struct QuotaExceeded { quota: &'static str }
//! impl std::fmt::Display for QuotaExceeded {
//!     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
//!         f.write_str("Quota exceeded")
//!     }
//! }
//! impl std::error::Error for QuotaExceeded {}
//! impl ApiError for QuotaExceeded {
//!     fn code(&self) -> &'static str { "quota_exceeded" }
//!     fn status(&self) -> StatusCode { StatusCode::TOO_MANY_REQUESTS }
//!     fn write_message(&self, _: Audience, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
//!         write!(out, "{self}")
//!     }
//!     fn visit_params(&self, visitor: &mut dyn ParamVisitor) {
//!         visitor.visit(Param {
//!             name: "quota",
//!             value: ParamValue::Str(self.quota),
//!             detail: None,
//!             header: Some("X-Quota-Name"),
//!             sensitive: false,
//!         });
//!     }
//! }
//!
//! let renderer = Renderer::default();
//! let safe = renderer.render_response(&QuotaExceeded { quota: "daily" });
//! assert_eq!(safe.headers()["x-quota-name"], "daily");
//! let injected = renderer.render_response(&QuotaExceeded { quota: "daily\r\nSet-Cookie: a=b" });
//! assert!(injected.headers().get("x-quota-name").is_none());
//! assert!(injected.headers().get("set-cookie").is_none());
//! ```

use http::header::{
    CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER, WWW_AUTHENTICATE,
};

use crate::envelope::{APPLICATION_JSON, APPLICATION_PROBLEM_JSON};
use crate::{ErrorView, Limits, ParamValue};

/// The request id header.
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Adds the headers of `error` to `headers`: `Content-Type`, one per visible
/// param with a `header` (a later param replaces an earlier one of the same
/// name), and `X-Request-Id` when the request id is known.
pub(crate) fn insert_headers(
    error: &ErrorView<'_>,
    content_type: &'static str,
    limits: Limits,
    headers: &mut HeaderMap,
) {
    headers.insert(CONTENT_TYPE, content_type_value(content_type));

    error.for_each_param(|param| {
        let Some(name) = param.header else {
            return;
        };
        let Some(name) = header_name(name) else {
            return;
        };
        if let Some(value) = param_header_value(param.value, limits) {
            headers.insert(name, value);
        }
    });

    if let Some(value) = error.request_id().and_then(|id| text_value(id, limits)) {
        headers.insert(X_REQUEST_ID, value);
    }
}

/// The `Content-Type` of an envelope: the built-in envelopes' media types
/// are header values made at compile time; another envelope's is checked,
/// and replaced by `application/json` when it is not a safe value.
fn content_type_value(content_type: &'static str) -> HeaderValue {
    const JSON: HeaderValue = HeaderValue::from_static(APPLICATION_JSON);
    const PROBLEM_JSON: HeaderValue = HeaderValue::from_static(APPLICATION_PROBLEM_JSON);
    match content_type {
        APPLICATION_PROBLEM_JSON => PROBLEM_JSON,
        APPLICATION_JSON => JSON,
        other if is_safe_text(other) => HeaderValue::from_static(other),
        _ => JSON,
    }
}

/// The headers catalog params commonly carry, named without an allocation.
const KNOWN_HEADERS: [HeaderName; 5] = [
    RETRY_AFTER,
    WWW_AUTHENTICATE,
    HeaderName::from_static("x-ratelimit-limit"),
    HeaderName::from_static("x-ratelimit-remaining"),
    HeaderName::from_static("x-ratelimit-reset"),
];

/// The header named `name` (in any case), or `None` when it is not a valid
/// HTTP token.
fn header_name(name: &str) -> Option<HeaderName> {
    KNOWN_HEADERS
        .iter()
        .find(|known| known.as_str().eq_ignore_ascii_case(name))
        .cloned()
        .or_else(|| HeaderName::from_bytes(name.as_bytes()).ok())
}

/// The header value of a param, or `None` when it can not travel safely.
///
/// Numbers and booleans are written in decimal and as `true`/`false`; a list
/// is joined with `", "`.
pub(crate) fn param_header_value(value: ParamValue<'_>, limits: Limits) -> Option<HeaderValue> {
    match value {
        ParamValue::Str(text) => text_value(text, limits),
        ParamValue::Int(number) => Some(
            u64::try_from(number)
                .ok()
                .and_then(small_number_value)
                .unwrap_or_else(|| HeaderValue::from(number)),
        ),
        ParamValue::UInt(number) | ParamValue::Seconds(number) => {
            Some(small_number_value(number).unwrap_or_else(|| HeaderValue::from(number)))
        }
        ParamValue::Bool(flag) => Some(HeaderValue::from_static(if flag {
            "true"
        } else {
            "false"
        })),
        ParamValue::List(items) => {
            if items.is_empty() || !items.iter().all(|item| is_safe_text(item)) {
                return None;
            }
            text_value(&items.join(", "), limits)
        }
    }
}

/// Numbers below this have a static header value: limits, counts and
/// seconds to wait are mostly small, and their values need no allocation.
const SMALL_NUMBERS: u64 = 1000;

/// The decimal text of every number below [`SMALL_NUMBERS`], back to back:
/// `"0123456789101112..."`.
const SMALL_NUMBER_TEXT: &str = {
    const LEN: usize = 10 + 90 * 2 + 900 * 3;
    const fn digits() -> [u8; LEN] {
        let mut bytes = [0_u8; LEN];
        let (mut number, mut at) = (0_u64, 0_usize);
        while number < SMALL_NUMBERS {
            let width = small_number_width(number);
            let (mut rest, mut index) = (number, width);
            while index > 0 {
                index -= 1;
                bytes[at + index] = b'0' + (rest % 10) as u8;
                rest /= 10;
            }
            at += width;
            number += 1;
        }
        bytes
    }
    const BYTES: [u8; LEN] = digits();
    match std::str::from_utf8(&BYTES) {
        Ok(text) => text,
        Err(_) => panic!("decimal digits are UTF-8"),
    }
};

/// The number of decimal digits of `number`, below [`SMALL_NUMBERS`].
const fn small_number_width(number: u64) -> usize {
    if number < 10 {
        1
    } else if number < 100 {
        2
    } else {
        3
    }
}

/// The header value of `number` from static text, without allocating, when
/// it is below [`SMALL_NUMBERS`].
fn small_number_value(number: u64) -> Option<HeaderValue> {
    let start = match number {
        0..10 => number,
        10..100 => 10 + (number - 10) * 2,
        100..SMALL_NUMBERS => 190 + (number - 100) * 3,
        _ => return None,
    };
    let start = usize::try_from(start).ok()?;
    let text = SMALL_NUMBER_TEXT.get(start..start + small_number_width(number))?;
    Some(HeaderValue::from_static(text))
}

/// `text` as a header value, when it is safe and short enough.
fn text_value(text: &str, limits: Limits) -> Option<HeaderValue> {
    if text.len() > limits.max_header_bytes() || !is_safe_text(text) {
        return None;
    }
    HeaderValue::from_str(text).ok()
}

/// Non-empty and only visible ASCII, space or tab.
fn is_safe_text(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(value: ParamValue<'_>) -> Option<String> {
        param_header_value(value, Limits::DEFAULT.with_max_header_bytes(16))
            .map(|value| value.to_str().unwrap().to_owned())
    }

    #[test]
    fn content_types_are_checked_unless_built_in() {
        assert_eq!(
            content_type_value(APPLICATION_PROBLEM_JSON),
            APPLICATION_PROBLEM_JSON
        );
        assert_eq!(content_type_value(APPLICATION_JSON), APPLICATION_JSON);
        assert_eq!(
            content_type_value("application/vnd.api+json"),
            "application/vnd.api+json"
        );
        assert_eq!(content_type_value("text/plain\r\nx: y"), APPLICATION_JSON);
    }

    #[test]
    fn small_numbers_borrow_static_text() {
        for number in [0_u64, 7, 9, 10, 42, 99, 100, 429, 999, 1000, 65_535] {
            let expected = number.to_string();
            assert_eq!(
                value(ParamValue::UInt(number)).as_deref(),
                Some(expected.as_str())
            );
            assert_eq!(
                value(ParamValue::Seconds(number)).as_deref(),
                Some(expected.as_str())
            );
        }
        assert_eq!(small_number_value(1000), None);
        assert_eq!(value(ParamValue::Int(-1)).as_deref(), Some("-1"));
        assert_eq!(value(ParamValue::Int(60)).as_deref(), Some("60"));
        assert_eq!(SMALL_NUMBER_TEXT.len(), 2890);
    }

    #[test]
    fn numbers_and_flags_become_text() {
        assert_eq!(value(ParamValue::Seconds(60)).as_deref(), Some("60"));
        assert_eq!(value(ParamValue::Int(-3)).as_deref(), Some("-3"));
        assert_eq!(value(ParamValue::Bool(true)).as_deref(), Some("true"));
        let list = ["a".to_owned(), "b".to_owned()];
        assert_eq!(value(ParamValue::List(&list)).as_deref(), Some("a, b"));
    }

    #[test]
    fn header_names_ignore_case() {
        assert_eq!(header_name("Retry-After"), Some(RETRY_AFTER));
        assert_eq!(
            header_name("X-RateLimit-Remaining").unwrap(),
            "x-ratelimit-remaining"
        );
        assert_eq!(header_name("X-Quota-Name").unwrap(), "x-quota-name");
        assert_eq!(header_name("Bad Name"), None);
        assert_eq!(header_name("X-Bad\r\n"), None);
        assert_eq!(header_name(""), None);
    }

    #[test]
    fn unsafe_text_is_dropped() {
        for text in [
            "a\r\nSet-Cookie: x",
            "a\nb",
            "a\rb",
            "nul\0",
            "del\u{7f}",
            "café",
            "",
            "seventeen bytes!!",
        ] {
            assert_eq!(value(ParamValue::Str(text)), None, "{text:?}");
        }
        let list = ["ok".to_owned(), "bad\n".to_owned()];
        assert_eq!(value(ParamValue::List(&list)), None);
        assert_eq!(value(ParamValue::List(&[])), None);
        assert_eq!(
            value(ParamValue::Str("tab\tok")).as_deref(),
            Some("tab\tok")
        );
    }
}
