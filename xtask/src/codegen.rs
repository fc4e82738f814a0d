//! `cargo xtask codegen`: regenerates every artifact from the catalog.
//!
//! Each artifact is one [`Generator`]: a function that, given the loaded
//! catalog, brings its files up to date through a shared [`FileSync`]
//! (which writes only files whose content changed and, with `--check`,
//! writes nothing and reports what is stale). To add an artifact, write its
//! function and add it to [`GENERATORS`].

use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::ExitCode;

use ::codegen::model::Catalog;
use clap::Args;

use crate::files::{Change, FileSync};

/// Options of `cargo xtask codegen`.
#[derive(Debug, Args)]
pub(crate) struct CodegenArgs {
    /// Write nothing; fail listing the generated files that are out of date.
    #[arg(long)]
    check: bool,
}

/// One generated artifact.
pub(crate) struct Generator {
    /// What it generates, for messages.
    pub(crate) name: &'static str,
    /// Brings the artifact's files up to date from the catalog.
    pub(crate) generate: fn(&Catalog, &mut FileSync) -> io::Result<()>,
}

/// Every artifact, in the order they are generated.
pub(crate) const GENERATORS: &[Generator] = &[
    Generator {
        name: "Rust catalog types",
        generate: generate_rust,
    },
    Generator {
        name: "JSON Schemas",
        generate: generate_schemas,
    },
    Generator {
        name: "documentation",
        generate: crate::docs::generate,
    },
    Generator {
        name: "TypeScript client",
        generate: generate_typescript,
    },
];

/// Where the checked-in Rust output lives, relative to the workspace root.
pub(crate) const RUST_DIR: &str = "errors-core/src/generated";
/// Where the JSON Schemas live, relative to the workspace root.
pub(crate) const SCHEMA_DIR: &str = "schemas";

/// The typed Rust errors, `Code` and `CODES`, into `errors-core/src/generated/`.
fn generate_rust(catalog: &Catalog, sync: &mut FileSync) -> io::Result<()> {
    let files = ::codegen::generate_rust(catalog, &::codegen::RustOptions::default());
    sync.ensure_dir_contents(Path::new(RUST_DIR), &files, &[".rs"])
}

/// The catalog-aware envelope schemas, into `schemas/`.
fn generate_schemas(catalog: &Catalog, sync: &mut FileSync) -> io::Result<()> {
    let files = ::codegen::generate_schemas(catalog);
    sync.ensure_dir_contents(Path::new(SCHEMA_DIR), &files, &[".schema.json"])
}

/// Where the TypeScript client package lives, relative to the workspace root.
pub(crate) const TYPESCRIPT_DIR: &str = "clients/typescript";

/// The TypeScript client package, into `clients/typescript/`.
fn generate_typescript(catalog: &Catalog, sync: &mut FileSync) -> io::Result<()> {
    let files = ::codegen::generate_typescript(catalog);
    sync.ensure_dir_contents(
        Path::new(TYPESCRIPT_DIR),
        &files,
        &[".js", ".d.ts", ".json"],
    )
}

/// Why generation stopped.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The catalog has errors; the rendered diagnostics.
    Catalog(String),
    /// A file could not be read or written.
    Io(&'static str, io::Error),
}

/// Loads the catalog below `root` and runs every generator; returns the
/// changes made or, with `check`, the changes that would be made.
pub(crate) fn generate(root: &Path, check: bool, color: bool) -> Result<Vec<Change>, Failure> {
    let loaded = ::codegen::load(&crate::display_path(&root.join("catalog")));
    if loaded.diagnostics.has_errors() {
        return Err(Failure::Catalog(loaded.diagnostics.render(color)));
    }
    let mut sync = FileSync::new(root, check);
    for generator in GENERATORS {
        (generator.generate)(&loaded.catalog, &mut sync)
            .map_err(|error| Failure::Io(generator.name, error))?;
    }
    Ok(sync.changes().to_vec())
}

/// Runs the command, printing what changed (or what is stale).
pub(crate) fn run(args: &CodegenArgs) -> ExitCode {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match generate(&crate::workspace_root(), args.check, color) {
        Err(Failure::Catalog(report)) => {
            eprint!("{report}");
            eprintln!("error: the catalog has errors, nothing was generated");
            ExitCode::FAILURE
        }
        Err(Failure::Io(name, error)) => {
            eprintln!("error: cannot write the {name}: {error}");
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
        crate::files::ChangeKind::Created => "created",
        crate::files::ChangeKind::Updated => "updated",
        crate::files::ChangeKind::Removed => "removed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_files_are_up_to_date() {
        match generate(&crate::workspace_root(), true, false) {
            Ok(changes) => {
                let stale: Vec<String> = changes.iter().map(ToString::to_string).collect();
                assert!(
                    stale.is_empty(),
                    "generated files are out of date (would be: {}); run `cargo xtask codegen`",
                    stale.join(", ")
                );
            }
            Err(Failure::Catalog(report)) => panic!("the catalog has errors:\n{report}"),
            Err(Failure::Io(name, error)) => panic!("cannot check the {name}: {error}"),
        }
    }
}
