//! Fuzzes `errors_core::client::Parser` with arbitrary responses.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| error_catalog_fuzz::client_parse(data));
