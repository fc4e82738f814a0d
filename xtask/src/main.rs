//! `cargo xtask`: the workspace's developer commands.
//!
//! Each command lives in its own module; `main` only parses the command line
//! and dispatches.

mod bench;
mod check;
mod diff;
mod docs;
mod explain;
mod generate;
mod lookup;
mod release;
mod render;
mod rfc3339;
mod synth;
mod usage;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Developer commands for the error catalog workspace.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Run the benchmarks and print their ratios against the goals (`benches/`).
    Bench(bench::BenchArgs),
    /// Validate the catalog and print every problem found.
    Check(check::CheckArgs),
    /// Regenerate every artifact from a catalog (Rust types, schemas, docs, TypeScript client).
    Codegen(generate::CodegenArgs),
    /// Print the documentation of a code, like `rustc --explain`.
    Explain(explain::ExplainArgs),
    /// Print the changes since the last release and the least version the next release needs.
    Diff(diff::DiffArgs),
    /// Print an error's response body exactly as a server sends it.
    Render(render::RenderArgs),
    /// Record the catalog in the release lock, refusing changes the version does not allow.
    Release(release::ReleaseArgs),
    /// Write a synthetic catalog of any size, or time the pipeline on one.
    Synth(synth::SynthArgs),
    /// Check that every code is raised, no code id is spelled as a string, and message values are machine-readable.
    Usage(usage::UsageArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Bench(args) => bench::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Codegen(args) => generate::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Release(args) => release::run(&args),
        Command::Synth(args) => synth::run(&args),
        Command::Usage(args) => usage::run(&args),
    }
}

/// The workspace root: the parent of the xtask crate.
pub(crate) fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// `path` relative to the current directory when it is below it, for
/// shorter diagnostics.
pub(crate) fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .filter(|relative| !relative.as_os_str().is_empty())
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_workspace_root_holds_the_catalog_readme() {
        assert!(workspace_root().join("catalog/README.md").is_file());
    }
}
