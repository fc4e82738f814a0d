//! Every artifact generated from a catalog, for any catalog: where each goes
//! and how it is brought up to date.
//!
//! `cargo xtask codegen` (with or without `--catalog`/`--out`) and the
//! build-script [`Builder`](crate::build::Builder) both write through
//! [`write_artifacts`], so a team's own catalog gets exactly what the shipped
//! one gets: the Rust types, the catalog-aware JSON Schemas, and the docs
//! (a page per code, `catalog.json`, `examples.json` rendered through the
//! real runtime, and `openapi.json`), and the TypeScript client package.
//!
//! # Examples
//!
//! ```
//! use codegen::artifacts::{Artifact, OutputDirs, write_artifacts};
//! use codegen::emit_docs::DocsSettings;
//! use codegen::output::FileSync;
//!
//! let yaml = "domain: auth\ndescription: Auth.\ncodes:\n  - id: token_expired\n    status: 401\n    message: Token expired.\n    resolution: Sign in again.\n    examples:\n      - name: default\n";
//! let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
//! let out = std::env::temp_dir().join(format!("codegen-artifacts-doc-{}", std::process::id()));
//! let mut sync = FileSync::new(&out, false);
//! write_artifacts(
//!     &loaded.catalog,
//!     &Artifact::ALL,
//!     &OutputDirs::under("generated".as_ref()),
//!     &DocsSettings::default(),
//!     &mut sync,
//! )
//! .unwrap();
//! assert!(out.join("generated/rust/mod.rs").is_file());
//! assert!(out.join("generated/schemas/problem.schema.json").is_file());
//! assert!(out.join("generated/docs/errors/token_expired.md").is_file());
//! assert!(out.join("generated/docs/openapi.json").is_file());
//! assert!(out.join("generated/typescript/catalog.d.ts").is_file());
//! # std::fs::remove_dir_all(&out).unwrap();
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::emit_docs::{self, DocsSettings};
use crate::model::Catalog;
use crate::output::FileSync;
use crate::{RustOptions, generate_rust, generate_schemas, generate_typescript};

/// One kind of generated output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Artifact {
    /// The Rust types: domain enums, `Code`, `CODES`, `CatalogError`.
    Rust,
    /// The four envelopes' JSON Schemas, narrowed to the catalog's codes.
    Schemas,
    /// A page per code, the index and handling pages, `catalog.json`,
    /// `examples.json` and `openapi.json`.
    Docs,
    /// The TypeScript client package: typed codes, every envelope parsed,
    /// retry advice.
    TypeScript,
}

impl Artifact {
    /// Every artifact, in the order they are generated.
    pub const ALL: [Artifact; 4] = [
        Artifact::Rust,
        Artifact::Schemas,
        Artifact::Docs,
        Artifact::TypeScript,
    ];

    /// What the artifact is, for messages.
    pub const fn description(self) -> &'static str {
        match self {
            Artifact::Rust => "Rust catalog types",
            Artifact::Schemas => "JSON Schemas",
            Artifact::Docs => "documentation",
            Artifact::TypeScript => "TypeScript client",
        }
    }
}

impl fmt::Display for Artifact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

/// Where each artifact goes, relative to the [`FileSync`]'s root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutputDirs {
    /// The Rust module directory (`mod.rs` and its files).
    pub rust: PathBuf,
    /// The `*.schema.json` files.
    pub schemas: PathBuf,
    /// The docs: pages under `errors/`, JSON files beside it.
    pub docs: PathBuf,
    /// The TypeScript package; its `.js` and `.d.ts` files are all generated.
    pub typescript: PathBuf,
}

impl OutputDirs {
    /// `out/rust`, `out/schemas`, `out/docs` and `out/typescript`: the layout of
    /// `cargo xtask codegen --out OUT`.
    pub fn under(out: &Path) -> Self {
        Self {
            rust: out.join("rust"),
            schemas: out.join("schemas"),
            docs: out.join("docs"),
            typescript: out.join("typescript"),
        }
    }
}

/// The docs' pages directory within [`OutputDirs::docs`]; every `.md` file
/// in it is generated.
const PAGES_DIR: &str = "errors";

/// Brings the artifacts in `which` up to date for `catalog`, in the
/// directories `dirs`, through `sync`: files are written only when their
/// content changes, and generated files that are no longer produced (a
/// removed domain's Rust file, a removed code's page) are deleted. Other
/// files in those directories (a docs README, say) are left alone. The
/// docs' examples are rendered in the context of `settings`.
///
/// # Errors
///
/// When a file cannot be read, written or removed; the error names the
/// artifact and the file.
pub fn write_artifacts(
    catalog: &Catalog,
    which: &[Artifact],
    dirs: &OutputDirs,
    settings: &DocsSettings,
    sync: &mut FileSync,
) -> io::Result<()> {
    for artifact in which {
        let result = match artifact {
            Artifact::Rust => {
                let files = generate_rust(catalog, &RustOptions::default());
                sync.ensure_dir_contents(&dirs.rust, &files, &[".rs"])
            }
            Artifact::Schemas => {
                let files = generate_schemas(catalog);
                sync.ensure_dir_contents(&dirs.schemas, &files, &[".schema.json"])
            }
            Artifact::Docs => write_docs(catalog, &dirs.docs, settings, sync),
            Artifact::TypeScript => {
                let files = generate_typescript(catalog);
                sync.ensure_dir_contents(&dirs.typescript, &files, &[".js", ".d.ts"])
            }
        };
        result.map_err(|error| {
            io::Error::new(
                error.kind(),
                format!("cannot write the {artifact}: {error}"),
            )
        })?;
    }
    Ok(())
}

/// The docs into `dir`: the pages under `errors/` (removing pages of codes
/// that are gone) and the JSON files.
fn write_docs(
    catalog: &Catalog,
    dir: &Path,
    settings: &DocsSettings,
    sync: &mut FileSync,
) -> io::Result<()> {
    let mut pages = BTreeMap::new();
    for (path, contents) in emit_docs::generate_docs(catalog, settings) {
        match path.strip_prefix(PAGES_DIR) {
            Ok(page) => {
                pages.insert(page.to_path_buf(), contents);
            }
            Err(_) => sync.ensure_file_contents(&dir.join(path), &contents)?,
        }
    }
    sync.ensure_dir_contents(&dir.join(PAGES_DIR), &pages, &[".md"])
}
