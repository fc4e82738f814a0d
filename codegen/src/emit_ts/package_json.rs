//! `package.json`: an ES module package with no dependencies. JSON has no
//! comments, so the header is its `"//"` member, npm's convention for one.

use crate::HEADER;

/// The manifest. The package is `private` so that it is not published by
/// accident: a team that publishes it names and versions it.
pub(super) fn package_json() -> String {
    let header = serde_json::to_string(HEADER.trim_start_matches("// "))
        .expect("a string always serializes");
    format!(
        r#"{{
  "//": {header},
  "name": "error-catalog-client",
  "private": true,
  "description": "Typed codes, every envelope parsed and retry advice for the error catalog's API errors",
  "type": "module",
  "sideEffects": false,
  "engines": {{ "node": ">=20" }},
  "main": "./index.js",
  "types": "./index.d.ts",
  "exports": {{
    ".": {{ "types": "./index.d.ts", "default": "./index.js" }},
    "./catalog": {{ "types": "./catalog.d.ts", "default": "./catalog.js" }}
  }}
}}
"#
    )
}
