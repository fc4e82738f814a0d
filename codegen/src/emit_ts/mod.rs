//! Emits a TypeScript client package for the catalog: ES modules with
//! declaration files, no runtime dependencies, for Node 20 and browsers.
//!
//! The package is plain JavaScript with `.d.ts` declarations, so it runs as
//! checked in (no build step) and type-checks under `tsc --strict`. Two
//! parts:
//!
//! - the runtime (`package/`, emitted verbatim with the header by
//!   [`runtime`]): envelope detection, a bounded strict JSON reader,
//!   template matching, param conversion, retry advice. It is the same for
//!   every catalog and mirrors `errors_core::client` rule for rule;
//! - the catalog (`catalog.js` from [`table`], `catalog.d.ts` from
//!   [`types`]): the `Code` union, an interface of params per code, the
//!   frozen metadata table the runtime parses against.
//!
//! The JavaScript carries JSDoc types checked against the declarations
//! (`tsc --strict --checkJs`), so the two cannot drift apart unnoticed.

mod package_json;
mod runtime;
mod table;
mod text;
mod types;

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::model::Catalog;

/// The TypeScript client package of `catalog`: every file by its path
/// relative to the package root, each starting with the "generated, do not
/// edit" header (`package.json` carries it as its `"//"` member).
///
/// # Examples
///
/// ```
/// let yaml = "domain: auth\ndescription: Auth.\ncodes:\n  - id: token_expired\n    status: 401\n    message: Expired.\n    resolution: Sign in.\n    examples:\n      - name: default\n";
/// let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
/// let files = codegen::generate_typescript(&loaded.catalog);
/// let types = &files[std::path::Path::new("catalog.d.ts")];
/// assert!(types.contains(r#"export type Code = "token_expired";"#));
/// assert!(files.contains_key(std::path::Path::new("runtime/parse.js")));
/// assert!(files.values().all(|text| text.contains(codegen::HEADER.trim_start_matches("// "))));
/// ```
pub fn generate_typescript(catalog: &Catalog) -> BTreeMap<PathBuf, String> {
    let mut files: BTreeMap<PathBuf, String> = runtime::files()
        .map(|(path, text)| (PathBuf::from(path), text))
        .collect();
    files.insert(PathBuf::from("catalog.js"), table::catalog_js(catalog));
    files.insert(PathBuf::from("catalog.d.ts"), types::catalog_dts(catalog));
    files.insert(PathBuf::from("package.json"), package_json::package_json());
    files
}
