//! HTTP facts the catalog's checks rely on: which statuses carry which
//! headers, which 4xx statuses are retryable, the members envelopes reserve.
//!
//! The docs use the same data. `errors-derive` cannot depend on this crate
//! (errors-core, which codegen depends on, depends on it), so it keeps its own
//! copies of the header rules and name checks; a test in `errors-derive`
//! asserts that they agree with these.

/// A known HTTP header and the statuses whose responses carry it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeaderRule {
    /// The header name, in its usual spelling.
    pub name: &'static str,
    /// The statuses a param may send it on.
    pub statuses: &'static [u16],
}

/// The headers a param may only use on some statuses.
///
/// `Retry-After` is defined for 413, 429 and 503 (RFC 9110 and RFC 6585), the
/// rate-limit headers describe a 429, and `WWW-Authenticate` belongs to a 401.
///
/// # Examples
///
/// ```
/// use codegen::http_facts::HEADER_STATUSES;
///
/// let retry_after = HEADER_STATUSES.iter().find(|rule| rule.name == "Retry-After").unwrap();
/// assert_eq!(retry_after.statuses, &[413, 429, 503]);
/// ```
pub const HEADER_STATUSES: &[HeaderRule] = &[
    HeaderRule {
        name: "Retry-After",
        statuses: &[413, 429, 503],
    },
    HeaderRule {
        name: "X-RateLimit-Limit",
        statuses: &[429],
    },
    HeaderRule {
        name: "X-RateLimit-Remaining",
        statuses: &[429],
    },
    HeaderRule {
        name: "X-RateLimit-Reset",
        statuses: &[429],
    },
    HeaderRule {
        name: "WWW-Authenticate",
        statuses: &[401],
    },
];

/// The statuses that may carry `header`, or `None` for a header without
/// restrictions. Header names compare case-insensitively.
///
/// # Examples
///
/// ```
/// use codegen::http_facts::header_statuses;
///
/// assert_eq!(header_statuses("retry-after"), Some(&[413, 429, 503][..]));
/// assert_eq!(header_statuses("X-Quota-Name"), None);
/// ```
pub fn header_statuses(header: &str) -> Option<&'static [u16]> {
    HEADER_STATUSES
        .iter()
        .find(|rule| rule.name.eq_ignore_ascii_case(header))
        .map(|rule| rule.statuses)
}

/// The 4xx statuses for which retrying the same request can succeed.
///
/// 408 (timeout), 409 (conflict with the current state), 425 (too early) and
/// 429 (too many requests) depend on timing; every other client error needs a
/// changed request.
pub const RETRYABLE_CLIENT_STATUSES: &[u16] = &[408, 409, 425, 429];

/// The members the envelopes write themselves: a param's `detail` member
/// must not use these names (errors-core leaves such a member out, so the
/// catalog rejects it). Defined by the runtime.
///
/// # Examples
///
/// ```
/// assert!(codegen::http_facts::RESERVED_DETAIL_MEMBERS.contains(&"status"));
/// ```
pub use errors_core::RESERVED_DETAIL_MEMBERS;

/// The most `detail` members one code may have: errors-core writes at most
/// this many into a body. Defined by the runtime.
pub use errors_core::MAX_DETAIL_MEMBERS;

/// The statuses a catalog code may have.
pub const STATUS_RANGE: std::ops::RangeInclusive<u16> = 400..=599;

/// Whether `name` is a valid HTTP field name (an RFC 9110 token).
///
/// # Examples
///
/// ```
/// use codegen::http_facts::is_header_name;
///
/// assert!(is_header_name("X-Quota-Name"));
/// assert!(!is_header_name("X Quota"));
/// assert!(!is_header_name(""));
/// ```
pub fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte))
}
