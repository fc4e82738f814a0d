//! The checks every benchmark runs once before measuring: both sides of a
//! comparison produce the same body, so the ratio compares equal work.

use errors_core::EnvelopeKind;

use crate::baseline::serde_body;
use crate::fixtures::{Case, INSTANCE, NOW, REQUEST_ID, envelope_name, render, renderer};
use crate::peer::problem_body;

/// Asserts that the renderer and the hand-written serde body of `case` in
/// `envelope` are the same bytes.
///
/// # Examples
///
/// ```
/// use benchmarks::check::same_bytes_as_serde;
/// use benchmarks::fixtures::{Case, ENVELOPES};
///
/// for envelope in ENVELOPES {
///     for case in Case::ALL {
///         same_bytes_as_serde(envelope, case);
///     }
/// }
/// ```
///
/// # Panics
///
/// If the bodies differ, showing both.
pub fn same_bytes_as_serde(envelope: EnvelopeKind, case: Case) {
    let error = case.error();
    let ours = render(&renderer(envelope), &error);
    let theirs = serde_body(envelope, &error, NOW, INSTANCE, REQUEST_ID);
    assert!(
        ours == theirs,
        "the {} body of `{}` differs from the serde baseline\n  ours:  {}\n  serde: {}",
        envelope_name(envelope),
        case.name(),
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&theirs),
    );
}

/// Asserts that the renderer's problem body of `case` and the one
/// `http-api-problem` builds are the same JSON value (member order aside).
///
/// # Panics
///
/// If the bodies differ, showing both.
pub fn same_problem_as_peer(case: Case) {
    let error = case.error();
    let ours = render(&renderer(EnvelopeKind::Problem), &error);
    let theirs = problem_body(&error, INSTANCE, REQUEST_ID);
    let parse = |body: &[u8]| -> serde_json::Value {
        serde_json::from_slice(body).expect("both sides write JSON")
    };
    assert!(
        parse(&ours) == parse(&theirs),
        "the problem body of `{}` differs from http-api-problem's\n  ours:  {}\n  peer:  {}",
        case.name(),
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&theirs),
    );
}

/// Asserts that the client parser reads the response of `case` in
/// `envelope` back into the error that was rendered (for the flat
/// envelope, which carries no code, into some error of the same status
/// and message), and that the plain serde struct reads it too.
///
/// # Panics
///
/// If either side fails, or the parser gives another error.
pub fn parses_back(envelope: EnvelopeKind, case: Case) {
    let response = crate::fixtures::response(envelope, case);
    let parsed = errors_core::client::Parser::new()
        .envelope(envelope)
        .parse_http(&response)
        .unwrap_or_else(|error| {
            panic!(
                "the client cannot parse the {} body of `{}`: {error}",
                envelope_name(envelope),
                case.name()
            )
        });
    let expected = case.error();
    if envelope == EnvelopeKind::Flat {
        assert_eq!(parsed.status(), response.status());
    } else {
        assert_eq!(
            parsed.known(),
            Some(&expected),
            "the client parsed the {} body of `{}` into another error",
            envelope_name(envelope),
            case.name()
        );
    }
    if let Err(error) = crate::plain::parse_plain(envelope, response.body()) {
        panic!(
            "the plain struct cannot read the {} body of `{}`: {error}",
            envelope_name(envelope),
            case.name()
        );
    }
}
