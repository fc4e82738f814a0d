//! Runs the fuzz targets' bodies over the checked-in seed corpora and the
//! regression inputs of past crashes, with the stable toolchain: CI checks
//! the targets without libFuzzer.

use std::fs;
use std::path::Path;

/// Calls `target` with every file under `fuzz/<dir>/<name>/`; returns how
/// many there were.
fn run_all(dir: &str, name: &str, target: fn(&[u8])) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(name);
    let Ok(entries) = fs::read_dir(&path) else {
        return 0;
    };
    let mut files: Vec<_> = entries
        .map(|entry| entry.expect("a corpus entry").path())
        .collect();
    files.sort();
    for file in &files {
        let data = fs::read(file).expect("a readable corpus file");
        let result = std::panic::catch_unwind(|| target(&data));
        assert!(result.is_ok(), "the target panicked on {}", file.display());
    }
    files.len()
}

#[test]
fn client_parse_seed_corpus() {
    let seeds = run_all("corpus", "client_parse", error_catalog_fuzz::client_parse);
    assert!(
        seeds >= 50,
        "the seed corpus has {seeds} files: run the seed_corpus example"
    );
    run_all(
        "regressions",
        "client_parse",
        error_catalog_fuzz::client_parse,
    );
}

#[test]
fn catalog_load_seed_corpus() {
    let seeds = run_all("corpus", "catalog_load", error_catalog_fuzz::catalog_load);
    assert!(
        seeds >= 20,
        "the seed corpus has {seeds} files: run the seed_corpus example"
    );
    run_all(
        "regressions",
        "catalog_load",
        error_catalog_fuzz::catalog_load,
    );
}
