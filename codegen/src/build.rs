//! Code generation from a build script, for crates that prefer generating
//! the catalog types into `OUT_DIR` to checking them in.
//!
//! [`generate_into`] loads and validates a catalog directory, prints the
//! `cargo:rerun-if-changed` lines that rebuild when the catalog changes,
//! reports warnings as `cargo:warning` lines, and writes the whole catalog
//! as one file, `error_catalog.rs`, for `include!`. A catalog with errors
//! fails the build with the rendered diagnostics.
//!
//! # Examples
//!
//! `build.rs` (with `error-catalog-codegen` as a build dependency):
//!
//! ```no_run
//! fn main() -> Result<(), codegen::build::BuildError> {
//!     codegen::build::generate("catalog")?;
//!     Ok(())
//! }
//! ```
//!
//! `src/lib.rs` (with `errors-core` as a dependency):
//!
//! ```ignore
//! include!(concat!(env!("OUT_DIR"), "/error_catalog.rs"));
//! ```
//!
//! [`Builder`] also writes the catalog's other artifacts (its JSON Schemas
//! and docs: a page per code, `catalog.json`, `examples.json`,
//! `openapi.json`) into directories of the crate, so that a service with its
//! own catalog gets everything the shipped catalog gets:
//!
//! ```no_run
//! fn main() -> Result<(), codegen::build::BuildError> {
//!     codegen::build::Builder::new("catalog")
//!         .schemas("generated/schemas")
//!         .docs("generated/docs")
//!         .generate()?;
//!     Ok(())
//! }
//! ```
//!
//! `examples/build-rs/` in the workspace is a complete crate doing this.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::artifacts::{Artifact, OutputDirs, write_artifacts};
use crate::contract::CatalogConfig;
use crate::emit_docs::DocsSettings;
use crate::output::FileSync;
use crate::{Layout, RustOptions, Severity, generate_rust};

/// The name of the file [`generate_into`] writes.
pub const OUTPUT_FILE: &str = "error_catalog.rs";

/// The first line of the generated file.
const BUILD_HEADER: &str =
    "// Generated from the error catalog by `codegen::build`, do not edit by hand.";

/// Why a build script could not generate the catalog.
///
/// Its `Debug` output is the readable report, so that a build script whose
/// `main` returns `Result<(), BuildError>` prints the diagnostics as they are.
pub struct BuildError {
    report: String,
}

impl BuildError {
    /// The rendered report: diagnostics, or the I/O problem.
    pub fn report(&self) -> &str {
        &self.report
    }
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report)
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.report)
    }
}

impl std::error::Error for BuildError {}

/// [`generate_into`] the directory named by the `OUT_DIR` environment
/// variable, which cargo sets for build scripts.
///
/// # Errors
///
/// As [`generate_into`]; also when `OUT_DIR` is not set (not run by cargo).
pub fn generate(catalog_dir: impl AsRef<Path>) -> Result<PathBuf, BuildError> {
    Builder::new(catalog_dir).generate()
}

/// Generates a catalog's Rust types into `OUT_DIR` and, when asked, its
/// other artifacts into directories of the crate.
///
/// The schemas and docs directories are relative to the build script's
/// working directory, the crate's root; their files are written only when
/// their content changes, and generated files that are no longer produced
/// (a removed code's page) are deleted. Other files there are left alone.
///
/// # Examples
///
/// ```
/// use codegen::build::Builder;
///
/// let dir = std::env::temp_dir().join(format!("codegen-builder-doc-{}", std::process::id()));
/// let catalog = dir.join("catalog");
/// std::fs::create_dir_all(&catalog).unwrap();
/// std::fs::write(catalog.join("auth.yaml"), "domain: auth\ndescription: Auth.\ncodes:\n  - id: token_expired\n    status: 401\n    message: Expired.\n    resolution: Sign in.\n    examples:\n      - name: default\n").unwrap();
/// let rust = Builder::new(&catalog)
///     .schemas(dir.join("schemas"))
///     .docs(dir.join("docs"))
///     .typescript(dir.join("web"))
///     .generate_into(&dir)
///     .unwrap();
/// assert!(std::fs::read_to_string(rust).unwrap().contains("pub enum AuthError"));
/// assert!(dir.join("schemas/rich.schema.json").is_file());
/// assert!(dir.join("docs/errors/token_expired.md").is_file());
/// assert!(dir.join("docs/openapi.json").is_file());
/// assert!(dir.join("web/index.d.ts").is_file());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Builder {
    catalog_dir: PathBuf,
    schemas: Option<PathBuf>,
    docs: Option<PathBuf>,
    typescript: Option<PathBuf>,
    docs_settings: Option<DocsSettings>,
}

impl Builder {
    /// A builder for the catalog in `catalog_dir` that generates its Rust
    /// types only.
    pub fn new(catalog_dir: impl AsRef<Path>) -> Self {
        Self {
            catalog_dir: catalog_dir.as_ref().to_path_buf(),
            schemas: None,
            docs: None,
            typescript: None,
            docs_settings: None,
        }
    }

    /// Also writes the four envelopes' JSON Schemas, narrowed to the
    /// catalog, into `dir`.
    #[must_use]
    pub fn schemas(mut self, dir: impl AsRef<Path>) -> Self {
        self.schemas = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Also writes the docs into `dir`: `errors/<code>.md` per code, the
    /// index and handling pages, `catalog.json`, `examples.json` and
    /// `openapi.json`.
    #[must_use]
    pub fn docs(mut self, dir: impl AsRef<Path>) -> Self {
        self.docs = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Also writes the TypeScript client package into `dir`: ES modules with
    /// declarations, no dependencies (see `generate_typescript`).
    #[must_use]
    pub fn typescript(mut self, dir: impl AsRef<Path>) -> Self {
        self.typescript = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The context the docs' examples are rendered in (request id, time,
    /// the problem `type` base URL); by default [`DocsSettings::default`]
    /// with the version from the catalog's `_catalog.yaml`.
    #[must_use]
    pub fn docs_settings(mut self, settings: DocsSettings) -> Self {
        self.docs_settings = Some(settings);
        self
    }

    /// Generates into the directory named by the `OUT_DIR` environment
    /// variable, which cargo sets for build scripts; returns the path of the
    /// Rust file.
    ///
    /// # Errors
    ///
    /// As [`generate_into`](Self::generate_into); also when `OUT_DIR` is not
    /// set (not run by cargo).
    pub fn generate(self) -> Result<PathBuf, BuildError> {
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| BuildError {
            report: "error: `OUT_DIR` is not set: call `generate` from a build script, or use `generate_into`".to_owned(),
        })?;
        self.generate_into(Path::new(&out_dir))
    }

    /// Generates the Rust types into `out_dir/error_catalog.rs`, as
    /// [`generate_into`](fn@generate_into) does, then the other artifacts
    /// asked for; returns the path of the Rust file.
    ///
    /// # Errors
    ///
    /// When the catalog has errors (the report is the rendered
    /// diagnostics) or a file cannot be written.
    pub fn generate_into(self, out_dir: &Path) -> Result<PathBuf, BuildError> {
        let (path, catalog) = generate_rust_file(&self.catalog_dir, out_dir)?;
        let which: Vec<Artifact> = [
            self.schemas.as_ref().map(|_| Artifact::Schemas),
            self.docs.as_ref().map(|_| Artifact::Docs),
            self.typescript.as_ref().map(|_| Artifact::TypeScript),
        ]
        .into_iter()
        .flatten()
        .collect();
        if which.is_empty() {
            return Ok(path);
        }
        let dirs = OutputDirs {
            rust: out_dir.to_path_buf(),
            schemas: self.schemas.unwrap_or_default(),
            docs: self.docs.unwrap_or_default(),
            typescript: self.typescript.unwrap_or_default(),
        };
        let settings = self.docs_settings.unwrap_or_else(|| DocsSettings {
            catalog_version: CatalogConfig::load_or_default(&self.catalog_dir)
                .ok()
                .map(|config| config.version.to_string()),
            ..DocsSettings::default()
        });
        let mut sync = FileSync::new(PathBuf::new(), false);
        write_artifacts(&catalog, &which, &dirs, &settings, &mut sync).map_err(|error| {
            BuildError {
                report: format!("error: {error}"),
            }
        })?;
        Ok(path)
    }
}

/// Loads the catalog in `catalog_dir` and writes its Rust types to
/// `out_dir/error_catalog.rs`, returning that path.
///
/// Prints `cargo:rerun-if-changed` for the directory and each catalog file,
/// and one `cargo:warning` line per warning. The file is only rewritten when
/// its content changes. The generated code names the runtime as
/// `::errors_core`, so the crate must depend on errors-core.
///
/// # Errors
///
/// When the catalog has errors (the report is the rendered diagnostics) or
/// the file cannot be written.
///
/// # Examples
///
/// ```
/// let dir = std::env::temp_dir().join(format!("codegen-build-doc-{}", std::process::id()));
/// let catalog = dir.join("catalog");
/// std::fs::create_dir_all(&catalog).unwrap();
/// std::fs::write(catalog.join("auth.yaml"), "domain: auth\ndescription: Auth.\ncodes:\n  - id: token_expired\n    status: 401\n    message: Expired.\n    resolution: Sign in.\n    examples:\n      - name: default\n").unwrap();
/// let path = codegen::build::generate_into(&catalog, &dir).unwrap();
/// let text = std::fs::read_to_string(path).unwrap();
/// assert!(text.contains("pub enum AuthError"));
///
/// std::fs::write(catalog.join("auth.yaml"), "domain: auth\n").unwrap();
/// let error = codegen::build::generate_into(&catalog, &dir).unwrap_err();
/// assert!(error.report().contains("missing"));
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn generate_into(catalog_dir: &Path, out_dir: &Path) -> Result<PathBuf, BuildError> {
    generate_rust_file(catalog_dir, out_dir).map(|(path, _)| path)
}

/// [`generate_into`], also returning the loaded catalog.
fn generate_rust_file(
    catalog_dir: &Path,
    out_dir: &Path,
) -> Result<(PathBuf, crate::model::Catalog), BuildError> {
    println!("cargo:rerun-if-changed={}", catalog_dir.display());
    let loaded = crate::load(catalog_dir);
    for file in catalog_files(catalog_dir) {
        println!("cargo:rerun-if-changed={}", file.display());
    }
    if loaded.diagnostics.has_errors() {
        return Err(BuildError {
            report: loaded.diagnostics.render(false),
        });
    }
    for diagnostic in loaded
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity() == Severity::Warning)
    {
        let place = diagnostic
            .span()
            .map(|span| format!("{span}: "))
            .unwrap_or_default();
        println!(
            "cargo:warning={place}{} [{}]",
            diagnostic.message(),
            diagnostic.rule().id()
        );
    }
    let options = RustOptions::default()
        .layout(Layout::SingleFile)
        .header(BUILD_HEADER);
    let files = generate_rust(&loaded.catalog, &options);
    let text = files
        .get(Path::new(OUTPUT_FILE))
        .expect("the single-file layout writes `error_catalog.rs`");
    let path = out_dir.join(OUTPUT_FILE);
    let unchanged = std::fs::read_to_string(&path).is_ok_and(|existing| existing == *text);
    if !unchanged {
        std::fs::create_dir_all(out_dir)
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|error| BuildError {
                report: format!("error: cannot write `{}`: {error}", path.display()),
            })?;
    }
    Ok((path, loaded.catalog))
}

/// The `*.yaml` files directly in `dir`, sorted (for `rerun-if-changed`).
fn catalog_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    files.sort();
    files
}
