//! Integration tests of the rendering paths.

mod bodies;
mod custom_envelope;
mod dynamic;
mod limits;
mod properties;
mod redaction;
mod renderer;
mod schemas;
mod seeds;
mod streams;
mod support;
mod validate;
