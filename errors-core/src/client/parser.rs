//! The parser: from a status, headers and body bytes to a [`ParsedError`].

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::time::SystemTime;

use http::header::{CONTENT_TYPE, HeaderMap, HeaderValue, RETRY_AFTER};
use http::{Response, StatusCode};
use serde_json::Value;

use super::body;
use super::parsed::{CodeOrigin, ErrorKind, MessageAndId, ParsedError, UnknownError};
use super::retry::{RateLimit, RetryAfter, RetryInfo};
use super::wire::{self, Received};
use super::{ParseError, ParseErrorKind, PartValue, Parts};
use crate::{Catalog, CodeInfo, EnvelopeKind, ParamType};

/// Parses error responses, with options.
///
/// # Examples
///
/// ```
/// use errors_core::EnvelopeKind;
/// use errors_core::client::{ParseErrorKind, Parser};
/// use http::{HeaderMap, StatusCode};
///
/// let parser = Parser::new().envelope(EnvelopeKind::Flat).max_body_bytes(64);
/// let parsed = parser
///     .parse(StatusCode::NOT_FOUND, &HeaderMap::new(), br#"{"error":"User not found in any organization"}"#)
///     .unwrap();
/// assert_eq!(parsed.code().unwrap().as_str(), "user_without_organization");
///
/// let error = parser.parse(StatusCode::NOT_FOUND, &HeaderMap::new(), &[b' '; 65]).unwrap_err();
/// assert_eq!(error.kind(), &ParseErrorKind::TooLarge { limit: 64, length: 65 });
/// ```
///
/// A parser reads the errors of one catalog, its type parameter: the
/// shipped [`catalog`](crate::catalog) by default (`Parser::new()`), or a
/// service's own through [`Parser::for_catalog`]. Codes and flat messages
/// are recognised from that catalog only; anything else is
/// [`ErrorKind::Unknown`](super::ErrorKind::Unknown).
///
/// ```
/// use errors_core::catalog::CatalogError;
/// use errors_core::client::Parser;
///
/// // The same parser, with the catalog named.
/// let parser = Parser::<CatalogError>::for_catalog();
/// assert_eq!(parser, Parser::new());
/// ```
pub struct Parser<
    #[cfg(feature = "catalog")] C: Catalog = crate::catalog::CatalogError,
    #[cfg(not(feature = "catalog"))] C: Catalog,
> {
    envelope: Option<EnvelopeKind>,
    max_body_bytes: usize,
    catalog: PhantomData<fn() -> C>,
}

impl<C: Catalog> Clone for Parser<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C: Catalog> Copy for Parser<C> {}

impl<C: Catalog> PartialEq for Parser<C> {
    fn eq(&self, other: &Self) -> bool {
        (self.envelope, self.max_body_bytes) == (other.envelope, other.max_body_bytes)
    }
}

impl<C: Catalog> Eq for Parser<C> {}

impl<C: Catalog> fmt::Debug for Parser<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Parser")
            .field("catalog", &std::any::type_name::<C>())
            .field("envelope", &self.envelope)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

impl<C: Catalog> Default for Parser<C> {
    fn default() -> Self {
        Self::for_catalog()
    }
}

#[cfg(feature = "catalog")]
impl Parser {
    /// The default body size limit: [`DEFAULT_MAX_BODY_BYTES`], 1 MiB.
    pub const DEFAULT_MAX_BODY_BYTES: usize = DEFAULT_MAX_BODY_BYTES;

    /// A parser of the shipped catalog that detects the envelope and
    /// accepts bodies up to [`DEFAULT_MAX_BODY_BYTES`].
    pub const fn new() -> Self {
        Self::for_catalog()
    }
}

/// The default body size limit of a [`Parser`]: 1 MiB.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1 << 20;

impl<C: Catalog> Parser<C> {
    /// A parser of catalog `C` that detects the envelope and accepts bodies
    /// up to [`DEFAULT_MAX_BODY_BYTES`].
    ///
    /// `C` is a generated `CatalogError`: the shipped one, or one generated
    /// into a service by `codegen::build`.
    pub const fn for_catalog() -> Self {
        Self {
            envelope: None,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            catalog: PhantomData,
        }
    }

    /// Reads every body as `envelope` instead of detecting it.
    #[must_use]
    pub const fn envelope(mut self, envelope: EnvelopeKind) -> Self {
        self.envelope = Some(envelope);
        self
    }

    /// Rejects bodies longer than `bytes` before parsing them.
    #[must_use]
    pub const fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.max_body_bytes = bytes;
        self
    }

    /// The body size limit.
    pub const fn body_limit(&self) -> usize {
        self.max_body_bytes
    }

    /// Parses the response `status`, `headers` and `body`.
    ///
    /// # Errors
    ///
    /// When the body is too large, is not JSON, or matches no envelope (or
    /// not the one named with [`envelope`](Self::envelope)).
    pub fn parse(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<ParsedError<C>, ParseError> {
        let fail = |kind| ParseError::new(status, kind);
        if body.len() > self.max_body_bytes {
            return Err(fail(ParseErrorKind::TooLarge {
                limit: self.max_body_bytes,
                length: body.len(),
            }));
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(fail(ParseErrorKind::Empty));
        }
        let mut root = body::RootObject::default();
        let is_object = body::read(body, &mut root).map_err(|error| fail(json_error(&error)))?;
        let root = is_object.then_some(&mut root);
        let known_headers = ResponseHeaders::find(headers);
        let envelope = self
            .envelope
            .or_else(|| wire::detect(text(known_headers.content_type), root.as_deref()))
            .ok_or_else(|| fail(ParseErrorKind::UnknownShape))?;
        let received = wire::decode(envelope, root, body)
            .map_err(|message| fail(ParseErrorKind::Invalid { envelope, message }))?;
        Ok(build::<C>(
            status,
            headers,
            &known_headers,
            envelope,
            received,
            body,
        ))
    }

    /// Parses an `http::Response` whose body is bytes.
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse).
    pub fn parse_http<B: AsRef<[u8]>>(
        &self,
        response: &Response<B>,
    ) -> Result<ParsedError<C>, ParseError> {
        self.parse(
            response.status(),
            response.headers(),
            response.body().as_ref(),
        )
    }
}

/// Parses an error response of the shipped catalog with the default
/// [`Parser`]: the envelope is detected, bodies up to 1 MiB are read. For
/// another catalog, use [`Parser::for_catalog`].
///
/// # Errors
///
/// See [`Parser::parse`].
///
/// # Examples
///
/// ```
/// use errors_core::client::{CodeOrigin, ErrorKind, parse_response};
/// use http::{HeaderMap, StatusCode};
///
/// let parsed = parse_response(
///     StatusCode::CONFLICT,
///     &HeaderMap::new(),
///     br#"{"error":{"code":"quota_frozen","message":"Frozen","status":409,"fields":{}}}"#,
/// )
/// .unwrap();
/// assert_eq!(parsed.origin(), &CodeOrigin::Stated("quota_frozen".into()));
/// let ErrorKind::Unknown(unknown) = parsed.kind() else { panic!() };
/// assert_eq!(unknown.code(), Some("quota_frozen"));
/// assert_eq!(unknown.message(), "Frozen");
/// ```
#[cfg(feature = "catalog")]
pub fn parse_response(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<ParsedError, ParseError> {
    Parser::new().parse(status, headers, body)
}

/// The kind of a serde_json error.
fn json_error(error: &serde_json::Error) -> ParseErrorKind {
    if error.is_eof() {
        ParseErrorKind::Truncated
    } else if error.to_string().starts_with("recursion limit exceeded") {
        ParseErrorKind::TooDeep
    } else {
        ParseErrorKind::NotJson(error.to_string())
    }
}

/// The headers the parser reads on every response, found in one pass over
/// the header map: cheaper than looking each up by name, which hashes it.
/// Each holds the first value of its name, as `HeaderMap::get` gives.
#[derive(Debug, Default)]
struct ResponseHeaders<'h> {
    /// Read as text only when the envelope is to be detected.
    content_type: Option<&'h HeaderValue>,
    retry_after: Option<&'h HeaderValue>,
    limit: Option<&'h HeaderValue>,
    remaining: Option<&'h HeaderValue>,
    reset: Option<&'h HeaderValue>,
    request_id: Option<&'h HeaderValue>,
}

impl<'h> ResponseHeaders<'h> {
    fn find(headers: &'h HeaderMap) -> Self {
        let mut found = Self::default();
        for (name, value) in headers {
            let slot = if name == CONTENT_TYPE {
                &mut found.content_type
            } else if name == RETRY_AFTER {
                &mut found.retry_after
            } else {
                match name.as_str() {
                    "x-request-id" => &mut found.request_id,
                    "x-ratelimit-limit" => &mut found.limit,
                    "x-ratelimit-remaining" => &mut found.remaining,
                    "x-ratelimit-reset" => &mut found.reset,
                    _ => continue,
                }
            };
            slot.get_or_insert(value);
        }
        found
    }
}

/// The text of a header value, when it is visible ASCII.
fn text(value: Option<&HeaderValue>) -> Option<&str> {
    value.and_then(|value| value.to_str().ok())
}

/// A header value as a decimal number.
fn number(value: Option<&HeaderValue>) -> Option<u64> {
    text(value).and_then(|text| text.trim().parse().ok())
}

/// Types the received members.
fn build<C: Catalog>(
    status: StatusCode,
    headers: &HeaderMap,
    found: &ResponseHeaders<'_>,
    envelope: EnvelopeKind,
    mut received: Received<'_>,
    body: &[u8],
) -> ParsedError<C> {
    let body_request_id = received.request_id.take();
    let request_id = body_request_id
        .as_deref()
        .or_else(|| text(found.request_id));
    let message = std::mem::take(&mut received.message);
    let templates = C::message_templates();
    let codes = C::codes();
    let (code, origin, template) = match &received.code {
        Some(name) => {
            let code = C::find(name);
            // A code without params has no values in its message to read.
            let template = code
                .filter(|code| !C::info(*code).params.is_empty())
                .map(C::index)
                .and_then(|index| templates.match_code(index, &message));
            let stated = match code.map(C::info) {
                Some(info) => Cow::Borrowed(catalog_name(info, name)),
                None => Cow::Owned(name.as_ref().to_owned()),
            };
            (code, CodeOrigin::Stated(stated), template)
        }
        None => match templates.infer(&message, status, |index| codes[index]) {
            Some(inferred) => (
                Some(codes[inferred.code]),
                CodeOrigin::Matched {
                    ties: inferred.ties,
                },
                Some(inferred.template),
            ),
            None => (None, CodeOrigin::None, None),
        },
    };

    let mut retry = RetryInfo {
        retry_after: text(found.retry_after)
            .and_then(RetryAfter::parse)
            .or_else(|| {
                received
                    .retry_after
                    .map(|seconds| RetryAfter::Delay(std::time::Duration::from_secs(seconds)))
            }),
        rate_limit: RateLimit {
            limit: number(found.limit),
            remaining: number(found.remaining),
            reset: number(found.reset),
        },
        retryable: code.map(|code| C::info(code).retryable),
    };

    let kind = match code {
        Some(code) => {
            let info = C::info(code);
            let is_unit = info.params.is_empty() && !info.fields && info.retired.is_none();
            // A unit variant has nothing to collect, and nothing can be
            // missing: no parts are gathered for it.
            let unit = is_unit
                .then(|| C::from_parts(code, &mut Parts::new()).ok())
                .flatten();
            match unit {
                Some(error) => ErrorKind::Known(error),
                None => {
                    let mut parts = collect_parts(info, headers, &mut received);
                    if let Some(template) = template.filter(|_| !info.params.is_empty()) {
                        templates.each_value(template, &message, |name, value| {
                            parts.insert_with(name, || PartValue::Text(value.to_owned()));
                        });
                    }
                    complete_fields(info, envelope, &mut received, &mut parts);
                    fill_rate_limit(info, &parts, &mut retry.rate_limit);
                    ErrorKind::from_parts(code, parts)
                }
            }
        }
        None => ErrorKind::Unknown(UnknownError::new(
            status,
            received.code.map(Cow::into_owned),
            message.as_ref().to_owned(),
            wire::raw_details(envelope, body),
            received.fields,
        )),
    };
    ParsedError {
        status,
        envelope,
        origin,
        kind,
        retry,
        texts: MessageAndId::new(&message, request_id),
    }
}

/// The catalog's own text of `name`, which is the id or an alias of the
/// code `info` describes.
fn catalog_name(info: &'static CodeInfo, name: &str) -> &'static str {
    info.aliases
        .iter()
        .copied()
        .find(|alias| *alias == name)
        .unwrap_or(info.id)
}

/// The param values of the code `info` describes, from every place the
/// envelope carries them but the message, most trustworthy first: details
/// members, headers, the flat `details` list and `retry_after`. (The
/// message's placeholders come last.) Values are moved out of `received`.
fn collect_parts(info: &CodeInfo, headers: &HeaderMap, received: &mut Received<'_>) -> Parts {
    let mut parts = Parts::new();
    for param in info.params {
        if let Some(value) = param.detail.and_then(|member| received.take_member(member)) {
            parts.insert_with(param.name, || PartValue::Json(value));
        }
        if let Some(text) = param
            .header
            .and_then(|name| headers.get(name))
            .and_then(|value| value.to_str().ok())
        {
            parts.insert_with(param.name, || header_value(param.ty, param.header, text));
        }
    }
    // The flat `details` list holds the items of list params with a detail
    // member, then field messages without their field names: it is only
    // read back when it can belong to one param alone.
    if let Some(list) = &received.list {
        let mut list_params = info
            .params
            .iter()
            .filter(|param| param.detail.is_some() && param.ty == ParamType::StringList);
        if let (Some(param), None, false) = (list_params.next(), list_params.next(), info.fields) {
            parts.insert_with(param.name, || {
                let items = list.iter().map(|item| Value::from(item.as_ref())).collect();
                PartValue::Json(Value::Array(items))
            });
        }
    }
    if let Some(seconds) = received.retry_after {
        let retry_param = info.params.iter().find(|param| {
            param
                .header
                .is_some_and(|name| name.eq_ignore_ascii_case(RETRY_AFTER.as_str()))
        });
        if let Some(param) = retry_param {
            parts.insert_with(param.name, || PartValue::Json(Value::from(seconds)));
        }
    }
    parts
}

/// Sets the field errors of `parts`, moved out of `received`.
fn complete_fields(
    info: &CodeInfo,
    envelope: EnvelopeKind,
    received: &mut Received<'_>,
    parts: &mut Parts,
) {
    if let Some(fields) = received.fields.take() {
        parts.set_field_errors(fields);
    } else if info.fields {
        // Renderers leave an empty `errors` list out. The flat envelope
        // lists field messages without their field names: there, field
        // errors come back only when there are none.
        let none_listed = match envelope {
            EnvelopeKind::Flat => received.list.as_ref().is_none_or(Vec::is_empty),
            _ => true,
        };
        if none_listed {
            parts.set_field_errors(crate::FieldErrors::new());
        }
    }
}

/// A header's value as a param value: a `Retry-After` HTTP date becomes the
/// seconds left until it, for a `seconds` param.
fn header_value(ty: ParamType, header: Option<&str>, text: &str) -> PartValue {
    let is_retry_after = header.is_some_and(|name| name.eq_ignore_ascii_case("retry-after"));
    if is_retry_after
        && ty == ParamType::Seconds
        && let Some(RetryAfter::At(time)) = RetryAfter::parse(text)
    {
        let seconds = time.duration_since(SystemTime::now()).unwrap_or_default();
        return PartValue::Json(Value::from(seconds.as_secs()));
    }
    PartValue::Text(text.to_owned())
}

/// Completes `limit` from the params of the code `info` describes that declare the
/// `X-RateLimit-*` headers, for envelopes that carry them in the body.
fn fill_rate_limit(info: &CodeInfo, parts: &Parts, limit: &mut RateLimit) {
    for param in info.params {
        let Some(header) = param.header else {
            continue;
        };
        let slot = if header.eq_ignore_ascii_case("x-ratelimit-limit") {
            &mut limit.limit
        } else if header.eq_ignore_ascii_case("x-ratelimit-remaining") {
            &mut limit.remaining
        } else if header.eq_ignore_ascii_case("x-ratelimit-reset") {
            &mut limit.reset
        } else {
            continue;
        };
        if slot.is_none() {
            *slot = parts.get(param.name).and_then(PartValue::to_value::<u64>);
        }
    }
}
