//! The reason phrases of the HTTP error statuses, for status lines and tables,
//! from the runtime's table so that docs and problem titles agree.

/// The reason phrase of a status, as the runtime's problem `title` names it
/// ([`errors_core::reason_phrase`]): RFC 9110's `Content Too Large` for 413
/// and `Unprocessable Content` for 422.
///
/// # Examples
///
/// ```
/// use codegen::emit_docs::reason_phrase;
///
/// assert_eq!(reason_phrase(429), Some("Too Many Requests"));
/// assert_eq!(reason_phrase(413), Some("Content Too Large"));
/// assert_eq!(reason_phrase(499), None);
/// ```
pub fn reason_phrase(status: u16) -> Option<&'static str> {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(errors_core::reason_phrase)
}

/// `429 Too Many Requests`, or the number alone for an unregistered status.
pub(crate) fn status_text(status: u16) -> String {
    match reason_phrase(status) {
        Some(phrase) => format!("{status} {phrase}"),
        None => status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalog_status_in_the_registry_has_a_phrase() {
        let registered = (400..=599).filter(|status| reason_phrase(*status).is_some());
        // The 38 statuses of the IANA registry, and 418 and 510, which the
        // `http` crate names.
        assert_eq!(registered.count(), 40);
        assert_eq!(status_text(503), "503 Service Unavailable");
        assert_eq!(status_text(599), "599");
    }
}
