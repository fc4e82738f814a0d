//! `cargo xtask codegen`: regenerates every artifact from a catalog.
//!
//! The artifacts and how they are written live in the codegen library
//! ([`codegen::artifacts`]), so the build-script API produces the same
//! files; this command chooses the catalog and the directories. Without
//! options it regenerates the shipped catalog's checked-in output; with
//! `--catalog DIR --out OUT` it writes any catalog's artifacts under `OUT`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ::codegen::artifacts::{Artifact, OutputDirs, write_artifacts};
use ::codegen::output::{Change, ChangeKind, FileSync};
use clap::Args;

/// Options of `cargo xtask codegen`.
#[derive(Debug, Args)]
pub(crate) struct CodegenArgs {
    /// Write nothing; fail listing the generated files that are out of date.
    #[arg(long)]
    check: bool,
    /// The catalog directory [default: this workspace's `catalog/`].
    #[arg(long, value_name = "DIR", requires = "out")]
    catalog: Option<PathBuf>,
    /// Write the artifacts under this directory: `OUT/rust/`, `OUT/schemas/`,
    /// `OUT/docs/` and `OUT/typescript/` [default: the shipped catalog's
    /// checked-in places].
    #[arg(long, value_name = "OUT", requires = "catalog")]
    out: Option<PathBuf>,
}

/// Where the checked-in Rust output lives, relative to the workspace root.
pub(crate) const RUST_DIR: &str = "errors-core/src/generated";
/// Where the JSON Schemas live, relative to the workspace root.
pub(crate) const SCHEMA_DIR: &str = "schemas";
/// Where the TypeScript client package lives, relative to the workspace root.
pub(crate) const TYPESCRIPT_DIR: &str = "clients/typescript";

/// The shipped catalog's output directories, relative to the workspace root.
fn shipped_dirs() -> OutputDirs {
    OutputDirs {
        rust: PathBuf::from(RUST_DIR),
        schemas: PathBuf::from(SCHEMA_DIR),
        docs: PathBuf::from(crate::docs::DOCS_DIR),
        typescript: PathBuf::from(TYPESCRIPT_DIR),
    }
}

/// Why generation stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The catalog has errors; the rendered diagnostics.
    Catalog(String),
    /// A file could not be read or written.
    Io(std::io::Error),
}

/// Loads the catalog in `catalog_dir` and brings its artifacts up to date in
/// `dirs` (relative to `root`); returns the changes made or, with `check`,
/// the changes that would be made.
pub(crate) fn generate(
    catalog_dir: &Path,
    root: &Path,
    dirs: &OutputDirs,
    check: bool,
    color: bool,
) -> Result<Vec<Change>, Failure> {
    let loaded = ::codegen::load(&crate::display_path(catalog_dir));
    if loaded.diagnostics.has_errors() {
        return Err(Failure::Catalog(loaded.diagnostics.render(color)));
    }
    let mut sync = FileSync::new(root, check);
    write_artifacts(
        &loaded.catalog,
        &Artifact::ALL,
        dirs,
        &crate::docs::settings(catalog_dir),
        &mut sync,
    )
    .map_err(Failure::Io)?;
    Ok(sync.changes().to_vec())
}

/// The shipped catalog's artifacts, checked in below the workspace root.
pub(crate) fn generate_shipped(check: bool, color: bool) -> Result<Vec<Change>, Failure> {
    let root = crate::workspace_root();
    generate(&root.join("catalog"), &root, &shipped_dirs(), check, color)
}

/// Runs the command, printing what changed (or what is stale).
pub(crate) fn run(args: &CodegenArgs) -> ExitCode {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let result = match (&args.catalog, &args.out) {
        (Some(catalog), Some(out)) => generate(
            catalog,
            Path::new(""),
            &OutputDirs::under(&crate::display_path(out)),
            args.check,
            color,
        ),
        _ => generate_shipped(args.check, color),
    };
    match result {
        Err(Failure::Catalog(report)) => {
            eprint!("{report}");
            eprintln!("error: the catalog has errors, nothing was generated");
            ExitCode::FAILURE
        }
        Err(Failure::Io(error)) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
        Ok(changes) if args.check => {
            if changes.is_empty() {
                println!("generated files are up to date");
                return ExitCode::SUCCESS;
            }
            eprintln!("error: generated files are out of date:");
            for change in &changes {
                eprintln!("  {} (would be {})", change.path.display(), verb(change));
            }
            eprintln!("run `cargo xtask codegen` to regenerate them, then commit the result");
            ExitCode::FAILURE
        }
        Ok(changes) => {
            for change in &changes {
                println!("{change}");
            }
            if changes.is_empty() {
                println!("generated files are up to date");
            }
            ExitCode::SUCCESS
        }
    }
}

fn verb(change: &Change) -> &'static str {
    match change.kind {
        ChangeKind::Created => "created",
        ChangeKind::Updated => "updated",
        ChangeKind::Removed => "removed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_files_are_up_to_date() {
        match generate_shipped(true, false) {
            Ok(changes) => {
                let stale: Vec<String> = changes.iter().map(ToString::to_string).collect();
                assert!(
                    stale.is_empty(),
                    "generated files are out of date (would be: {}); run `cargo xtask codegen`",
                    stale.join(", ")
                );
            }
            Err(Failure::Catalog(report)) => panic!("the catalog has errors:\n{report}"),
            Err(Failure::Io(error)) => panic!("cannot check the generated files: {error}"),
        }
    }
}
