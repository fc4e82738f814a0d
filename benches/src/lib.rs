//! Shared fixtures of the benchmarks (`cargo xtask bench`): the errors under
//! test, the renderers, and the baselines each measurement compares against.
//!
//! Every comparison renders the same bytes on both sides, checked once when a
//! benchmark starts ([`check`]): a hand-written `#[derive(Serialize)]` body
//! per envelope ([`baseline`]), the `http-api-problem` crate for problem
//! details ([`peer`]), `serde_json::from_slice` into plain structs for the
//! client parser ([`plain`]), and a hand-written axum handler for the live server
//! ([`server`]).

pub mod alloc;
pub mod baseline;
pub mod check;
pub mod fixtures;
pub mod peer;
pub mod plain;
pub mod server;
