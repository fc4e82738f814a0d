//! The bodies of the fuzz targets, shared by the libFuzzer binaries in
//! `fuzz_targets/` and by `tests/corpus.rs`, which runs them over the
//! checked-in seed corpora with the stable toolchain.
//!
//! Each body panics only on a broken invariant, which libFuzzer reports as
//! a crash.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use errors_core::client::{ErrorKind, Parser, RetryPolicy};
use errors_core::http::StatusCode;
use errors_core::http::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, RETRY_AFTER};
use errors_core::{APPLICATION_JSON, APPLICATION_PROBLEM_JSON, Audience, EnvelopeKind, Renderer};

/// The bytes before the body in a `client_parse` input.
pub const CLIENT_PREFIX: usize = 5;

/// A response decoded from fuzzer bytes.
///
/// Layout: two bytes of status (any of 100-599), one byte choosing the
/// envelope hint (none or one of the four), one byte of header flags, one
/// byte giving the length of a header value taken from the start of the
/// rest; the remainder is the body.
#[derive(Debug)]
pub struct ClientInput<'a> {
    /// The response status.
    pub status: StatusCode,
    /// The parser, with its options.
    pub parser: Parser,
    /// The response headers.
    pub headers: HeaderMap,
    /// The response body.
    pub body: &'a [u8],
}

impl<'a> ClientInput<'a> {
    /// Decodes `data`; inputs shorter than the prefix are a body alone.
    pub fn decode(data: &'a [u8]) -> Self {
        let Some((prefix, rest)) = data.split_first_chunk::<CLIENT_PREFIX>() else {
            return Self {
                status: StatusCode::BAD_REQUEST,
                parser: Parser::new(),
                headers: HeaderMap::new(),
                body: data,
            };
        };
        let [status_low, status_high, hint, flags, header_length] = *prefix;
        let status = 100 + u16::from_le_bytes([status_low, status_high]) % 500;
        let status = StatusCode::from_u16(status).expect("100-599 is a valid status");
        let mut parser = Parser::new();
        if let Some(&envelope) = EnvelopeKind::ALL.get(usize::from(hint % 6)) {
            parser = parser.envelope(envelope);
        }
        if flags & 0x40 != 0 {
            parser = parser.max_body_bytes(64);
        }
        let split = usize::from(header_length % 48).min(rest.len());
        let (header_text, body) = rest.split_at(split);
        let mut headers = HeaderMap::new();
        if flags & 0x01 != 0 {
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static(APPLICATION_PROBLEM_JSON),
            );
        } else if flags & 0x02 != 0 {
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(APPLICATION_JSON));
        }
        let named: [(u8, HeaderName); 5] = [
            (0x04, RETRY_AFTER),
            (0x08, HeaderName::from_static("x-ratelimit-limit")),
            (0x10, HeaderName::from_static("x-ratelimit-remaining")),
            (0x20, HeaderName::from_static("x-ratelimit-reset")),
            (0x80, HeaderName::from_static("x-request-id")),
        ];
        if let Ok(value) = HeaderValue::from_bytes(header_text) {
            for (bit, name) in named {
                if flags & bit != 0 {
                    headers.insert(name, value.clone());
                }
            }
        }
        Self {
            status,
            parser,
            headers,
            body,
        }
    }

    /// Encodes a response as fuzzer bytes, for seed corpora: the status, no
    /// envelope hint, the content type, and `headers` values.
    pub fn encode(status: u16, problem: bool, retry_after: Option<&str>, body: &[u8]) -> Vec<u8> {
        let [low, high] = (status - 100).to_le_bytes();
        let mut flags = if problem { 0x01 } else { 0x02 };
        let header = retry_after.unwrap_or("");
        if retry_after.is_some() {
            flags |= 0x04;
        }
        let length = u8::try_from(header.len()).expect("a short header value");
        let mut data = vec![low, high, 5, flags, length];
        data.extend_from_slice(header.as_bytes());
        data.extend_from_slice(body);
        data
    }
}

/// The `client_parse` target: parsing never panics and keeps the status;
/// a typed result renders again in every envelope, and what is rendered
/// parses back to the same code.
pub fn client_parse(data: &[u8]) {
    let input = ClientInput::decode(data);
    match input.parser.parse(input.status, &input.headers, input.body) {
        Err(error) => {
            assert_eq!(error.status(), input.status);
            let _ = error.to_string();
        }
        Ok(parsed) => {
            assert_eq!(parsed.status(), input.status);
            let _ = parsed.to_string();
            let policy = RetryPolicy::default().jitter(|_max| Duration::ZERO);
            let _ = policy.decide_at(parsed.status(), parsed.retry(), 0, SystemTime::UNIX_EPOCH);
            let _ = policy.decide_at(parsed.status(), parsed.retry(), 2, SystemTime::now());
            if let ErrorKind::Known(error) = parsed.kind() {
                for envelope in EnvelopeKind::ALL {
                    let renderer = Renderer::builder()
                        .envelope(envelope)
                        .audience(Audience::Admin)
                        .build();
                    let response = renderer.render_response(error);
                    let again = Parser::new()
                        .parse_http(&response)
                        .expect("a rendered error parses");
                    if envelope != EnvelopeKind::Flat {
                        assert_eq!(again.code(), parsed.code(), "{envelope}");
                    }
                }
            }
        }
    }
}

/// The `catalog_load` target: loading any text never panics, diagnostics
/// render, and a catalog that loads without errors has unique code ids.
/// (The emitter is left out: formatting a whole catalog per input would
/// take most of the time meant for the loader.)
///
/// A NUL byte splits the input into two files, so that rules across files
/// are reached too.
pub fn catalog_load(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut files: Vec<(PathBuf, String)> = Vec::with_capacity(2);
    match text.split_once('\0') {
        Some((first, second)) => {
            files.push(("first.yaml".into(), first.to_owned()));
            files.push(("second.yaml".into(), second.to_owned()));
        }
        None => files.push(("fuzz.yaml".into(), text.into_owned())),
    }
    let loaded = codegen::load_sources(files);
    let _ = loaded.diagnostics.render(false);
    if !loaded.diagnostics.has_errors() {
        let mut ids = std::collections::HashSet::new();
        for code in loaded
            .catalog
            .domains
            .iter()
            .flat_map(|domain| &domain.codes)
        {
            assert!(
                ids.insert(code.id.as_str()),
                "duplicate id `{}` passed validation",
                code.id.as_str()
            );
        }
    }
}
