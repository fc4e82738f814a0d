//! The runtime every backend crate links to return catalog errors.
//!
//! An error type describes itself through the [`ApiError`] trait (usually by
//! `#[derive(ApiError)]` or by the code generated from the catalog); a
//! [`Renderer`] then renders it in one of the wire formats, the
//! [`Envelope`]s, for one [`Audience`]:
//!
//! - as an HTTP response ([`Renderer::render_response`]) with its status,
//!   `Content-Type`, param headers (`Retry-After`, `X-RateLimit-*`, ...) and
//!   `X-Request-Id`;
//! - as a JSON body alone ([`Renderer::render_body`]);
//! - as a Server-Sent Events frame or a WebSocket message ([`stream`]).
//!
//! The built-in envelopes are [`Nested`], [`Flat`], [`Rich`] and [`Problem`]
//! (RFC 9457); a team adds its own by implementing [`Envelope`]. Every
//! envelope describes its bodies with a JSON Schema ([`schema`]).
//!
//! # Audiences
//!
//! The public (the default) reads a code's public message, never a sensitive
//! param (in the body, the details or the headers) and never a source error.
//! Admins read the full message and every param. Source errors
//! ([`std::error::Error::source`]) are never rendered, for any audience:
//! they belong in logs, next to the request id the response carries.
//!
//! # Bounds
//!
//! Every string in a body is bounded by [`Limits`] (a long one is cut on a
//! char boundary and ends with [`TRUNCATION_MARKER`]), lists keep a bounded
//! number of items, and the body stays valid JSON. Header values that are not
//! safe are dropped ([`headers`]).

#![warn(missing_docs)]

// The generated catalog derives `ApiError`, whose expansion names this crate
// by its absolute path, `::errors_core`.
extern crate self as errors_core;

mod api_error;
#[cfg(feature = "catalog")]
#[path = "generated/mod.rs"]
#[rustfmt::skip] // Formatted by prettyplease when generated.
pub mod catalog;
mod catalog_info;
pub mod client;
mod clock;
mod dynamic;
mod envelope;
mod error_catalog;
#[cfg(feature = "tracing")]
pub mod events;
mod field_errors;
pub mod headers;
pub mod integration;
mod json;
// Flat-message matching serves the client parser; without it only
// `CodeInfo::match_message` uses the tokenizer.
#[cfg_attr(not(feature = "client"), allow(dead_code))]
mod message_match;
mod name_index;
mod renderer;
mod request_id;
pub mod schema;
mod status;
pub mod stream;
mod view;

#[doc(hidden)]
pub mod __private;

pub use http;

#[cfg(feature = "derive")]
pub use errors_derive::ApiError;

pub use api_error::{ApiError, Audience, IntoParamValue, Param, ParamValue, ParamVisitor};
pub use catalog_info::{
    CodeInfo, DeprecationInfo, ExampleInfo, ParamInfo, ParamType, RetirementInfo, UnknownCode,
};
pub use clock::{Clock, FixedClock, SystemClock, Timestamp};
pub use dynamic::{DynamicError, DynamicParam, MessageTemplate, OwnedParamValue, TemplatePart};
pub use envelope::{
    APPLICATION_JSON, APPLICATION_PROBLEM_JSON, Envelope, EnvelopeKind, FieldMessage, Flat,
    FlatBody, FlatMcp, MAX_DETAIL_MEMBERS, Nested, NestedBody, NestedError, Problem, ProblemBody,
    RESERVED_DETAIL_MEMBERS, Rich, RichBody, RichDetails, RichError, UnknownEnvelope,
};
pub use error_catalog::Catalog;
pub use field_errors::FieldErrors;
pub use json::{ArrayWriter, JsonWriter, Limits, ObjectWriter, TRUNCATION_MARKER};
pub use renderer::{Renderer, RendererBuilder, ResponseContext};
pub use request_id::RequestIdSource;
pub use status::reason_phrase;
pub use view::{ErrorView, Message};
