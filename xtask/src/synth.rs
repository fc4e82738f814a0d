//! `cargo xtask synth`: writes a synthetic catalog of any size and measures
//! how long the pipeline takes on it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Args;

/// Options of `cargo xtask synth`.
#[derive(Debug, Args)]
pub(crate) struct SynthArgs {
    /// The number of codes.
    #[arg(long, value_name = "N")]
    codes: usize,

    /// Write the catalog files into this directory.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// The most codes per file (the YAML parser's node budget bounds a file).
    #[arg(long, value_name = "N", default_value_t = ::codegen::synth::DEFAULT_CODES_PER_FILE as u64,
          value_parser = clap::value_parser!(u64).range(1..))]
    per_file: u64,

    /// Time loading (parse and validate) and emitting (Rust and schemas),
    /// and report the peak memory.
    #[arg(long)]
    measure: bool,

    /// With `--measure`: print the measurement as one JSON object (times in
    /// nanoseconds, sizes in bytes), as `cargo xtask bench` reads it.
    #[arg(long, requires = "measure")]
    json: bool,
}

/// Runs the command.
pub(crate) fn run(args: &SynthArgs) -> ExitCode {
    let per_file = usize::try_from(args.per_file).unwrap_or(usize::MAX);
    let files = ::codegen::synth::synthetic_catalog(args.codes, per_file);
    if let Some(dir) = &args.out {
        if let Err(error) = write(dir, &files) {
            eprintln!("error: cannot write to `{}`: {error}", dir.display());
            return ExitCode::FAILURE;
        }
        println!(
            "wrote {} codes in {} files to {}",
            args.codes,
            files.len(),
            dir.display()
        );
    }
    if args.measure {
        return measure(args.codes, files, args.json);
    }
    if args.out.is_none() {
        eprintln!("error: nothing to do: pass `--out DIR`, `--measure` or both");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn write(dir: &std::path::Path, files: &[(PathBuf, String)]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in files {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

fn measure(codes: usize, files: Vec<(PathBuf, String)>, json: bool) -> ExitCode {
    let start = Instant::now();
    let loaded = ::codegen::load_sources(files);
    let load = start.elapsed();
    if loaded.diagnostics.has_errors() {
        eprint!("{}", loaded.diagnostics.render(false));
        return ExitCode::FAILURE;
    }
    let start = Instant::now();
    let rust = ::codegen::generate_rust(&loaded.catalog, &::codegen::RustOptions::default());
    let emit_rust = start.elapsed();
    let start = Instant::now();
    let schemas = ::codegen::generate_schemas(&loaded.catalog);
    let emit_schemas = start.elapsed();
    let bytes: usize = rust.values().chain(schemas.values()).map(String::len).sum();
    let peak = peak_memory();
    let total = load + emit_rust + emit_schemas;
    if json {
        println!(
            "{{\"codes\":{codes},\"load_ns\":{},\"rust_ns\":{},\"schemas_ns\":{},\"total_ns\":{},\"generated_bytes\":{bytes},\"peak_bytes\":{}}}",
            load.as_nanos(),
            emit_rust.as_nanos(),
            emit_schemas.as_nanos(),
            total.as_nanos(),
            peak.unwrap_or(0)
        );
        return ExitCode::SUCCESS;
    }
    let peak = peak.map_or_else(
        || "unknown".to_owned(),
        |peak| format!("{} KiB", peak / 1024),
    );
    println!(
        "{codes} codes: load and validate {}, emit Rust {}, emit schemas {}, total {} ({} KiB generated, peak memory {peak})",
        seconds(load),
        seconds(emit_rust),
        seconds(emit_schemas),
        seconds(total),
        bytes / 1024
    );
    ExitCode::SUCCESS
}

/// The process's peak resident memory in bytes (`VmHWM`, Linux only).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))?
        .trim()
        .strip_suffix("kB")?
        .trim()
        .parse::<u64>()
        .ok()?;
    Some(kib * 1024)
}

fn seconds(duration: Duration) -> String {
    format!("{:.3} s", duration.as_secs_f64())
}
