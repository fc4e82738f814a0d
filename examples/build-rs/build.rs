//! Generates this crate's error types from `catalog/` into `OUT_DIR`.
//!
//! A catalog error fails the build with the rendered diagnostics; a change
//! to any catalog file reruns this script.

fn main() -> Result<(), codegen::build::BuildError> {
    println!("cargo:rerun-if-changed=build.rs");
    codegen::build::generate("catalog")?;
    Ok(())
}
