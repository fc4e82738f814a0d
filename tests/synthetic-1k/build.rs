//! Writes a synthetic catalog of 1,000 codes into `OUT_DIR/catalog` and
//! generates its Rust types with `codegen::build`, as a crate that does not
//! check generated code in would.

use std::path::PathBuf;

/// The number of codes: enough to show that large catalogs compile.
const CODES: usize = 1_000;

fn main() -> Result<(), codegen::build::BuildError> {
    println!("cargo:rerun-if-changed=build.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets `OUT_DIR`"));
    let catalog = out_dir.join("catalog");
    std::fs::create_dir_all(&catalog).expect("`OUT_DIR/catalog` can be created");
    let files = codegen::synth::synthetic_catalog(CODES, codegen::synth::DEFAULT_CODES_PER_FILE);
    for (name, text) in files {
        let path = catalog.join(name);
        // Rewriting an unchanged file would make cargo rerun this script.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).expect("the synthetic catalog can be written");
        }
    }
    codegen::build::generate_into(&catalog, &out_dir)?;
    Ok(())
}
