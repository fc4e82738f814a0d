//! Runs the loader on every fixture catalog and snapshots what it reports.
//!
//! Fixtures live in `tests/fixtures/<kind>/<case>/`, one folder per case:
//!
//! - `invalid/`: each case must produce at least one error with a
//!   `file:line:column`. A case named `<rule-id>` or `<rule-id>--<variant>`
//!   must report that rule; `multi--*` cases break several rules at once, and
//!   `no-catalog-files` has no file to point into.
//! - `warning/`: each case must report its rule as a warning and no error.
//! - `valid/`: no diagnostics at all; the loaded model is snapshotted as JSON.
//!
//! Paths are given relative to the crate (the directory cargo runs tests in),
//! so the snapshots do not depend on where the workspace is checked out.

use std::path::{Path, PathBuf};

use codegen::{Loaded, Rule, Severity};

/// The case folders of one kind, sorted.
fn cases(kind: &str) -> Vec<(String, PathBuf)> {
    let dir = Path::new("tests/fixtures").join(kind);
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry"))
        .filter(|entry| entry.path().is_dir())
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, entry.path())
        })
        .collect();
    cases.sort();
    assert!(!cases.is_empty(), "no fixtures in {}", dir.display());
    cases
}

/// The rule a case is named after, if any.
fn expected_rule(case: &str) -> Option<Rule> {
    let id = case.split("--").next().unwrap_or(case);
    Rule::from_id(id)
}

fn snapshot(name: &str, value: &str) {
    insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!(name, value);
    });
}

fn load(dir: &Path) -> Loaded {
    codegen::load(dir)
}

#[test]
fn invalid_catalogs_report_errors_with_locations() {
    let cases = cases("invalid");
    assert!(cases.len() >= 30, "only {} invalid fixtures", cases.len());
    for (case, dir) in cases {
        let loaded = load(&dir);
        let diagnostics = &loaded.diagnostics;
        let rendered = diagnostics.render(false);
        assert!(
            diagnostics.has_errors(),
            "{case}: no error reported:\n{rendered}"
        );
        if case != "no-catalog-files" {
            let located = diagnostics.iter().any(|diagnostic| {
                diagnostic.severity() == Severity::Error
                    && diagnostic.file().is_some_and(|file| file.starts_with(&dir))
                    && diagnostic.line().is_some_and(|line| line >= 1)
                    && diagnostic.column().is_some_and(|column| column >= 1)
            });
            assert!(
                located,
                "{case}: no error with file:line:column:\n{rendered}"
            );
            let arrow = format!("--> {}", dir.display());
            assert!(
                rendered.contains(&arrow),
                "{case}: no `{arrow}` in:\n{rendered}"
            );
        }
        if case.starts_with("multi--") {
            let rules: std::collections::BTreeSet<Rule> = diagnostics
                .iter()
                .map(|diagnostic| diagnostic.rule())
                .collect();
            assert!(
                rules.len() >= 3,
                "{case}: breaks only {rules:?}:\n{rendered}"
            );
        } else {
            let rule = expected_rule(&case)
                .unwrap_or_else(|| panic!("{case}: the folder name names no rule"));
            assert!(
                diagnostics
                    .iter()
                    .any(|diagnostic| diagnostic.rule() == rule),
                "{case}: `{rule}` not reported:\n{rendered}"
            );
        }
        snapshot(&format!("invalid-{case}"), &rendered);
    }
}

#[test]
fn warning_catalogs_report_only_their_warning() {
    for (case, dir) in cases("warning") {
        let loaded = load(&dir);
        let diagnostics = &loaded.diagnostics;
        let rendered = diagnostics.render(false);
        let rule = expected_rule(&case).unwrap_or_else(|| panic!("{case}: names no rule"));
        assert_eq!(rule.severity(), Severity::Warning, "{case}");
        assert!(
            !diagnostics.has_errors(),
            "{case}: errors reported:\n{rendered}"
        );
        assert!(
            diagnostics
                .iter()
                .all(|diagnostic| diagnostic.rule() == rule),
            "{case}: other rules reported:\n{rendered}"
        );
        assert!(diagnostics.warning_count() >= 1, "{case}: no warning");
        snapshot(&format!("warning-{case}"), &rendered);
    }
}

#[test]
fn valid_catalogs_load_cleanly() {
    for (case, dir) in cases("valid") {
        let loaded = load(&dir);
        assert!(
            loaded.diagnostics.is_empty(),
            "{case}:\n{}",
            loaded.diagnostics.render(false)
        );
        assert!(loaded.catalog.codes().count() > 0, "{case}: no codes");
        let json = serde_json::to_string_pretty(&loaded.catalog).expect("the model serializes");
        snapshot(&format!("valid-{case}"), &json);
    }
}

#[test]
fn catalogs_with_errors_keep_their_valid_entries() {
    let loaded = load(Path::new(
        "tests/fixtures/invalid/multi--broken-and-valid-files",
    ));
    let domains: Vec<&str> = loaded
        .catalog
        .domains
        .iter()
        .map(|domain| domain.name.as_str())
        .collect();
    assert_eq!(domains, ["auth", "server"]);
    assert!(loaded.catalog.find_code("token_expired").is_some());
    assert!(loaded.catalog.find_code("internal").is_some());
}

#[test]
fn the_shipped_catalog_has_no_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    let loaded = load(&dir);
    assert!(
        !loaded.diagnostics.has_errors(),
        "{}",
        loaded.diagnostics.render(false)
    );
    assert!(loaded.catalog.codes().count() > 0);
}
