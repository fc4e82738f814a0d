//! Framework integration: derived errors as axum and actix-web responses,
//! as documented OpenAPI responses (`utoipa`, with the `utoipa` feature)
//! and as gRPC statuses (`tonic`, with the `tonic` feature).
//!
//! # How an app chooses its envelope and audience
//!
//! Error types cannot know how they will be shown, so the choice is made in
//! three places, from the widest to the narrowest:
//!
//! 1. **Per process**: [`set_default_renderer`] sets the renderer used when
//!    nothing else decides (by default the problem envelope, public audience).
//!    A derived error returned from a handler that no layer wraps renders
//!    with it.
//! 2. **Per app or per group of routes**: a [`RenderPolicy`] (a renderer,
//!    plus the envelopes a client may ask for through `Accept`, the request id
//!    header and the problem `instance`) installed as axum's
//!    [`ErrorLayer`](axum::ErrorLayer) or actix-web's
//!    [`RenderErrors`](actix::RenderErrors). The layer or middleware renders
//!    the error with its policy, instead of the default renderer (each error
//!    is rendered once); the innermost one wins, so a nested router or scope
//!    overrides the app.
//! 3. **Per request**: the policy negotiates the envelope from `Accept`
//!    (e.g. `application/problem+json` picks the problem envelope), and the
//!    layer's audience closure decides from the request who reads it (e.g.
//!    an admin for requests an authentication layer marked as operators).
//!
//! The orphan rule keeps errors-core from implementing `IntoResponse`,
//! `ResponseError`, `IntoResponses` or `From<E> for tonic::Status` for types
//! of other crates, so `#[derive(ApiError)]` emits those impls into the
//! user's crate, through a macro whose expansion depends on errors-core's
//! `axum`, `actix-web`, `utoipa` and `tonic` features. Users need neither
//! framework as a direct dependency for the impls: they name the framework
//! through errors-core.
//!
//! Hand-written [`ApiError`](crate::ApiError) types get the same behaviour by
//! calling [`axum::into_response`] or [`actix::error_response`] from their
//! own impls.

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[doc(hidden)]
pub mod derive_support;
#[cfg(any(feature = "axum", feature = "actix-web"))]
mod layer_scope;
mod policy;
#[cfg(all(test, any(feature = "axum", feature = "actix-web")))]
mod test_errors;
#[cfg(feature = "tonic")]
pub mod tonic;
#[cfg(feature = "utoipa")]
pub mod utoipa;

pub use policy::{RenderPolicy, RequestFacts, default_renderer, set_default_renderer};
