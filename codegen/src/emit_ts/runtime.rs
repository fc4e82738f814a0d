//! The hand-written part of the package, the same for every catalog:
//! `index` binds the runtime to the generated `catalog`, `runtime/` parses
//! and advises on retries. The sources live in `package/` at the paths they
//! take in the output and are emitted with the header prepended.

use crate::HEADER;

/// Every hand-written file: its path in the package and its source.
const FILES: &[(&str, &str)] = &[
    ("index.d.ts", include_str!("package/index.d.ts")),
    ("index.js", include_str!("package/index.js")),
    (
        "runtime/envelope.d.ts",
        include_str!("package/runtime/envelope.d.ts"),
    ),
    (
        "runtime/envelope.js",
        include_str!("package/runtime/envelope.js"),
    ),
    (
        "runtime/json.d.ts",
        include_str!("package/runtime/json.d.ts"),
    ),
    ("runtime/json.js", include_str!("package/runtime/json.js")),
    (
        "runtime/parse.d.ts",
        include_str!("package/runtime/parse.d.ts"),
    ),
    ("runtime/parse.js", include_str!("package/runtime/parse.js")),
    (
        "runtime/retry.d.ts",
        include_str!("package/runtime/retry.d.ts"),
    ),
    ("runtime/retry.js", include_str!("package/runtime/retry.js")),
    (
        "runtime/table.d.ts",
        include_str!("package/runtime/table.d.ts"),
    ),
    ("runtime/table.js", include_str!("package/runtime/table.js")),
    (
        "runtime/template.d.ts",
        include_str!("package/runtime/template.d.ts"),
    ),
    (
        "runtime/template.js",
        include_str!("package/runtime/template.js"),
    ),
    (
        "runtime/types.d.ts",
        include_str!("package/runtime/types.d.ts"),
    ),
    (
        "runtime/values.d.ts",
        include_str!("package/runtime/values.d.ts"),
    ),
    (
        "runtime/values.js",
        include_str!("package/runtime/values.js"),
    ),
];

/// The hand-written files with the header, newlines normalized to `\n`.
pub(super) fn files() -> impl Iterator<Item = (&'static str, String)> {
    FILES.iter().map(|(path, source)| {
        let source = source.replace("\r\n", "\n");
        (*path, format!("{HEADER}\n{}\n", source.trim_end()))
    })
}
