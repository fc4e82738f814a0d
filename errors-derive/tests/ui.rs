//! Compile errors: every misuse of `#[derive(ApiError)]` fails with a message
//! that points at the offending tokens and says what to write instead.
//!
//! Regenerate the expected output with `TRYBUILD=overwrite cargo test -p
//! errors-derive --test ui`, then review every changed `.stderr`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*/*.rs");
}
