//! Runs the `xtask` binary's `check` command: exit codes and output streams.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../codegen/tests/fixtures")
        .join(path)
}

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("check")
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the xtask binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_valid_catalog_exits_zero_with_a_summary_on_stdout() {
    let dir = fixture("valid/several-domains");
    let output = check(&["--catalog", dir.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stdout),
        "checked 3 domains, 4 codes: no problems\n"
    );
    assert_eq!(text(&output.stderr), "");
}

#[test]
fn errors_exit_one_with_diagnostics_on_stderr() {
    let dir = fixture("invalid/unknown-key");
    let output = check(&["--catalog", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(text(&output.stdout), "");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("error[unknown-key]: unknown key `stauts` in a code"),
        "{stderr}"
    );
    assert!(stderr.contains("auth.yaml:8:5"), "{stderr}");
    assert!(
        stderr.contains("= help: did you mean `status`?"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with("error: could not load the catalog due to 1 previous error\n"),
        "{stderr}"
    );
    assert!(
        !stderr.contains('\u{1b}'),
        "colored output with NO_COLOR set: {stderr:?}"
    );
}

#[test]
fn warnings_exit_one_only_when_denied() {
    let dir = fixture("warning/missing-public-message");
    let dir = dir.to_str().unwrap();
    let allowed = check(&["--catalog", dir]);
    assert_eq!(allowed.status.code(), Some(0));
    assert_eq!(
        text(&allowed.stdout),
        "checked 1 domain, 1 code: 1 warning\n"
    );
    assert!(text(&allowed.stderr).contains("warning[missing-public-message]"));

    let denied = check(&["--catalog", dir, "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    assert!(text(&denied.stderr).contains("`--deny-warnings`"));
}

#[test]
fn a_directory_without_catalog_files_is_an_error() {
    let dir = fixture("invalid/no-catalog-files");
    let output = check(&["--catalog", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("error[no-catalog-files]: no catalog files found in"));
}

#[test]
fn unknown_flags_are_usage_errors() {
    let output = check(&["--catalgo", "x"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        text(&output.stderr).contains("--catalog"),
        "{}",
        text(&output.stderr)
    );
}
