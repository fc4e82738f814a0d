//! Generates this service's error types from `catalog/` into `OUT_DIR`, and
//! its JSON Schemas and docs (pages, `catalog.json`, `examples.json`,
//! `openapi.json`) beside them, under `OUT_DIR/schemas` and `OUT_DIR/docs`.
//!
//! A catalog error fails the build with the rendered diagnostics; a change
//! to any catalog file reruns this script. A service that checks its docs
//! in passes directories of its own instead, such as `docs/errors`.

use std::path::PathBuf;

fn main() -> Result<(), codegen::build::BuildError> {
    println!("cargo:rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    codegen::build::Builder::new("catalog")
        .schemas(out.join("schemas"))
        .docs(out.join("docs"))
        .generate()?;
    Ok(())
}
