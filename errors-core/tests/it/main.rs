//! Integration tests of the rendering paths.

mod custom_envelope;
mod dynamic;
mod limits;
mod redaction;
mod schemas;
mod seeds;
mod streams;
mod support;
mod validate;
