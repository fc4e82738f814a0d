//! The reason phrases of HTTP error statuses, as the IANA registry names them.
//!
//! The problem envelope's `title` and every status line of the generated docs
//! use [`reason_phrase`], so that a status reads the same everywhere. The
//! registry follows RFC 9110, which renamed two phrases that the `http` crate
//! still spells the older way: 413 is `Content Too Large` (was `Payload Too
//! Large`) and 422 is `Unprocessable Content` (was `Unprocessable Entity`).

use http::StatusCode;

/// The registered reason phrase of a 4xx or 5xx status (RFC 9110, RFC 6585,
/// RFC 8470, RFC 7725 and RFC 4918 where the IANA registry points to them),
/// else the `http` crate's canonical reason, if any.
///
/// # Examples
///
/// ```
/// use errors_core::reason_phrase;
/// use http::StatusCode;
///
/// assert_eq!(reason_phrase(StatusCode::TOO_MANY_REQUESTS), Some("Too Many Requests"));
/// assert_eq!(reason_phrase(StatusCode::PAYLOAD_TOO_LARGE), Some("Content Too Large"));
/// assert_eq!(reason_phrase(StatusCode::from_u16(499).unwrap()), None);
/// ```
pub fn reason_phrase(status: StatusCode) -> Option<&'static str> {
    let phrase = match status.as_u16() {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return status.canonical_reason(),
    };
    Some(phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_9110_renames_win_over_the_older_phrases() {
        let phrase = |code| reason_phrase(StatusCode::from_u16(code).unwrap());
        assert_eq!(phrase(413), Some("Content Too Large"));
        assert_eq!(phrase(422), Some("Unprocessable Content"));
        // Statuses the registry does not name keep the `http` crate's phrase.
        assert_eq!(phrase(418), Some("I'm a teapot"));
        assert_eq!(phrase(599), None);
    }

    #[test]
    fn only_the_renamed_phrases_differ_from_the_http_crate() {
        let differing: Vec<u16> = (400..=599)
            .filter_map(|code| StatusCode::from_u16(code).ok())
            .filter(|status| reason_phrase(*status) != status.canonical_reason())
            .map(|status| status.as_u16())
            .collect();
        assert_eq!(differing, [413, 422]);
    }
}
