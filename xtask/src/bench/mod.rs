//! `cargo xtask bench`: runs the benchmarks of the `benchmarks` crate and
//! prints one table of ratios, each against its goal.
//!
//! Every ratio divides two sides measured in the same run, so it holds up on
//! a noisy machine where absolute times drift: criterion's median times for
//! rendering and parsing ([`criterion`]), allocation counts
//! ([`allocations`]), gungraun's instruction counts ([`instructions`], when
//! `gungraun-runner` is installed), the code generator on synthetic
//! catalogs ([`codegen_scale`]), and requests per second of a live axum
//! server ([`live_server`]) under `wrk` or `oha` ([`load_generator`]),
//! alternating sides. [`table`] prints the rows.
//!
//! The command installs nothing: a missing tool skips its rows, and a note
//! under the table says what is missing and how to get it.

mod allocations;
mod codegen_scale;
mod criterion;
mod instructions;
mod live_server;
mod load_generator;
mod table;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use clap::Args;

use crate::workspace_root;

/// Options of `cargo xtask bench`.
#[derive(Debug, Args)]
pub(crate) struct BenchArgs {
    /// Fewer samples and shorter load: about a minute less noise-proof.
    #[arg(long)]
    quick: bool,

    /// Write the table to this file as well (Markdown).
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,

    /// Run only these parts (repeat or separate with commas); all by default.
    #[arg(long, value_enum, value_delimiter = ',')]
    only: Vec<Part>,
}

/// The parts of the benchmark run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Part {
    /// Rendering against serde and http-api-problem (criterion).
    Render,
    /// Allocations per rendering.
    Alloc,
    /// The client parser against serde (criterion).
    Parse,
    /// Instruction counts (gungraun).
    Instructions,
    /// The code generator on synthetic catalogs.
    Codegen,
    /// The live axum server under a load generator.
    Server,
}

/// The envelopes and cases of the render and parse benchmarks, in table order.
const ENVELOPES: [&str; 4] = ["nested", "flat", "rich", "problem"];
const CASES: [&str; 2] = ["plain", "params"];

/// Runs the command.
pub(crate) fn run(args: &BenchArgs) -> ExitCode {
    let root = workspace_root();
    let target = target_dir(&root);
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    let mut failed = false;

    let mut step = |name: &str, result: Result<(), String>| {
        if let Err(message) = result {
            eprintln!("error: {name}: {message}");
            failed = true;
        }
    };

    let runs = |part: Part| args.only.is_empty() || args.only.contains(&part);
    if runs(Part::Render) {
        step(
            "render benchmarks",
            criterion::ratios(&target, "render", args.quick, &mut rows),
        );
    }
    if runs(Part::Alloc) {
        step("allocation counts", allocations::rows(&mut rows));
    }
    if runs(Part::Parse) {
        step(
            "parse benchmarks",
            criterion::ratios(&target, "parse", args.quick, &mut rows),
        );
    }
    if runs(Part::Instructions) {
        match instructions::runner() {
            Some(runner) => step("instruction counts", instructions::rows(&runner, &mut rows)),
            None => notes.push(instructions::missing_runner_note()),
        }
    }
    if runs(Part::Codegen) {
        step(
            "codegen benchmarks",
            codegen_scale::rows(args.quick, &mut rows),
        );
    }
    if runs(Part::Server) {
        step(
            "live server",
            live_server::rows(&target, args.quick, &mut rows, &mut notes),
        );
    }

    let table = table::table(&rows, &notes, args.quick);
    println!("\n{table}");
    if let Some(out) = &args.out
        && let Err(error) = std::fs::write(out, &table)
    {
        eprintln!("error: cannot write `{}`: {error}", out.display());
        failed = true;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The cargo target directory.
fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_absolute() {
                dir
            } else {
                root.join(dir)
            }
        })
        .unwrap_or_else(|| root.join("target"))
}

/// `cargo` as cargo itself names it when running xtask.
fn cargo() -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(workspace_root());
    command
}

/// Runs `command`, printing `what` first; its output goes to standard
/// error, keeping standard output for the table.
fn run_visible(what: &str, command: &mut Command) -> Result<(), String> {
    eprintln!("== {what}");
    let status = command
        .stdout(Stdio::from(std::io::stderr()))
        .status()
        .map_err(|error| format!("cannot start `{command:?}`: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{command:?}` failed with {status}"))
    }
}

/// Runs `command` and returns its standard output; standard error goes to
/// the terminal.
fn run_captured(what: &str, command: &mut Command) -> Result<String, String> {
    eprintln!("== {what}");
    let output = command
        .stderr(Stdio::inherit())
        .output()
        .map_err(|error| format!("cannot start `{command:?}`: {error}"))?;
    if output.status.success() {
        String::from_utf8(output.stdout).map_err(|_| "the output is not UTF-8".to_owned())
    } else {
        Err(format!("`{command:?}` failed with {}", output.status))
    }
}
