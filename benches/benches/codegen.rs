//! Wall-clock time of the code generator on synthetic catalogs of 1,000,
//! 10,000 and 20,000 codes: load (parse and validate) and emit Rust, from
//! the YAML texts in memory.
//!
//! `cargo xtask bench` divides by the number of codes and compares the
//! sizes: growth should be linear.

use std::hint::black_box;

use codegen::synth::{DEFAULT_CODES_PER_FILE, synthetic_catalog};
use codegen::{RustOptions, generate_rust, load_sources};
use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};

/// The catalog sizes measured.
const SIZES: [usize; 3] = [1_000, 10_000, 20_000];

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("codegen");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);
    for codes in SIZES {
        let files = synthetic_catalog(codes, DEFAULT_CODES_PER_FILE);
        let loaded = load_sources(files.clone());
        assert!(
            !loaded.diagnostics.has_errors(),
            "the synthetic catalog of {codes} codes does not load:\n{}",
            loaded.diagnostics.render(false)
        );
        group.bench_with_input(BenchmarkId::from_parameter(codes), &files, |b, files| {
            b.iter_batched(
                || files.clone(),
                |files| {
                    let loaded = load_sources(files);
                    black_box(generate_rust(&loaded.catalog, &RustOptions::default()))
                },
                criterion::BatchSize::PerIteration,
            );
        });
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
