//! Fuzzes `codegen::load_sources` with arbitrary catalog files.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| error_catalog_fuzz::catalog_load(data));
