//! Wall-clock time of the code generator on synthetic catalogs of 1,000,
//! 10,000 and 20,000 codes: load (parse and validate) and emit Rust, from
//! the YAML texts in memory.
//!
//! One run of the largest catalog takes seconds, so this is a plain timing
//! harness rather than criterion: each size runs `--runs N` times (3 by
//! default) and the median is kept. It prints one JSON object per size on
//! standard output (`codes`, `total_ns`, `load_ns`, `emit_ns`, medians of
//! each) for `cargo xtask bench`, which divides by the number of codes and
//! compares the sizes: growth should be linear.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use codegen::synth::{DEFAULT_CODES_PER_FILE, synthetic_catalog};
use codegen::{RustOptions, generate_rust, load_sources};

/// The catalog sizes measured.
const SIZES: [usize; 3] = [1_000, 10_000, 20_000];

fn main() -> ExitCode {
    let mut runs = 3_usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        // `cargo bench` passes `--bench`; other harness flags do not apply.
        if arg == "--runs" {
            match args.next().and_then(|n| n.parse().ok()).filter(|&n| n > 0) {
                Some(n) => runs = n,
                None => {
                    eprintln!("error: `--runs` needs a number of at least 1: pass `--runs 3`");
                    return ExitCode::FAILURE;
                }
            }
        }
    }
    for codes in SIZES {
        let files = synthetic_catalog(codes, DEFAULT_CODES_PER_FILE);
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            let files = files.clone();
            let start = Instant::now();
            let loaded = load_sources(files);
            let loaded_at = start.elapsed();
            if loaded.diagnostics.has_errors() {
                eprintln!(
                    "error: the synthetic catalog of {codes} codes does not load:\n{}",
                    loaded.diagnostics.render(false)
                );
                return ExitCode::FAILURE;
            }
            let emitted = black_box(generate_rust(&loaded.catalog, &RustOptions::default()));
            let total = start.elapsed();
            drop(emitted);
            samples.push((total, loaded_at, total - loaded_at));
        }
        let total = median(samples.iter().map(|sample| sample.0));
        let load = median(samples.iter().map(|sample| sample.1));
        let emit = median(samples.iter().map(|sample| sample.2));
        eprintln!(
            "codegen {codes} codes: {:.3} s (load {:.3} s, emit {:.3} s), median of {runs}",
            total as f64 / 1e9,
            load as f64 / 1e9,
            emit as f64 / 1e9
        );
        println!(
            "{{\"codes\":{codes},\"total_ns\":{total},\"load_ns\":{load},\"emit_ns\":{emit}}}"
        );
    }
    ExitCode::SUCCESS
}

/// The median of `values`, in nanoseconds.
fn median(values: impl Iterator<Item = Duration>) -> u128 {
    let mut values: Vec<_> = values.collect();
    values.sort();
    values.get(values.len() / 2).map_or(0, Duration::as_nanos)
}
