//! Runs the usage check on a fixture workspace and snapshots what it reports.
//!
//! `tests/fixtures/contract/usage/` holds a catalog (with `_catalog.yaml`
//! exemptions) and a small workspace whose Rust files raise, match, spell and
//! exempt its codes in every way the check distinguishes.

use std::path::{Path, PathBuf};

use codegen::Rule;
use codegen::contract::CatalogConfig;
use codegen::contract::usage::{ConfigSource, RustFile, Usage, check};

const FIXTURE: &str = "tests/fixtures/contract/usage";

/// Every `.rs` file under `dir`, with paths relative to `root`.
fn rust_files(root: &Path, dir: &Path, out: &mut Vec<RustFile>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(root, &path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(RustFile {
                path: path.strip_prefix(root).unwrap().to_path_buf(),
                text: std::fs::read_to_string(&path).unwrap(),
            });
        }
    }
}

fn run() -> Usage {
    let catalog = Path::new(FIXTURE).join("catalog");
    let loaded = codegen::load(&catalog);
    assert!(
        !loaded.diagnostics.has_errors(),
        "{}",
        loaded.diagnostics.render(false)
    );
    let config_path = catalog.join("_catalog.yaml");
    let config_text = std::fs::read_to_string(&config_path).unwrap();
    let config = CatalogConfig::parse(&config_path, &config_text).unwrap();
    let workspace = Path::new(FIXTURE).join("workspace");
    let mut files = Vec::new();
    rust_files(&workspace, &workspace, &mut files);
    let source = ConfigSource {
        path: &config_path,
        text: &config_text,
    };
    check(&loaded, &config.usage, Some(source), &files)
}

/// `rule file:line:column` of every diagnostic.
fn locations(usage: &Usage, rule: Rule) -> Vec<String> {
    usage
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule() == rule)
        .map(|diagnostic| match diagnostic.span() {
            Some(span) => span.to_string(),
            None => diagnostic.message().to_owned(),
        })
        .collect()
}

#[test]
fn constructions_raise_and_patterns_generated_code_and_docs_do_not() {
    let usage = run();
    let raised: Vec<(&str, Vec<String>)> = usage
        .raised
        .iter()
        .map(|(code, spans)| {
            (
                code.as_str(),
                spans.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    assert_eq!(
        raised,
        [
            (
                "plan_expired",
                vec!["app/src/handwritten.rs:11:5".to_owned()]
            ),
            ("quota_exhausted", vec!["app/tests/wire.rs:5:39".to_owned()]),
            ("slow_down", vec!["app/src/lib.rs:15:9".to_owned()]),
        ]
    );
    assert_eq!(usage.scanned_files, 5, "the generated file is skipped");
    let unraised = locations(&usage, Rule::UnraisedCode);
    assert_eq!(unraised.len(), 1, "{unraised:?}");
    assert!(unraised[0].contains("limits.yaml:53:9"), "{unraised:?}");
}

#[test]
fn code_literals_are_errors_outside_tests_and_exemptions() {
    let usage = run();
    assert_eq!(
        locations(&usage, Rule::CodeLiteral),
        ["app/src/lib.rs:30:6", "app/src/lib.rs:30:25"]
    );
    assert_eq!(usage.diagnostics.error_count(), 2);
}

#[test]
fn message_values_need_a_machine_readable_member() {
    let usage = run();
    let found = locations(&usage, Rule::MessageOnlyValue);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with("limits.yaml:21:21"), "{found:?}");
    assert!(found[1].ends_with("limits.yaml:33:42"), "{found:?}");
}

#[test]
fn exemptions_that_exempt_nothing_are_reported() {
    let usage = run();
    let stale: Vec<&str> = usage
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule() == Rule::StaleExemption)
        .map(|diagnostic| diagnostic.message())
        .collect();
    assert_eq!(stale.len(), 3, "{stale:?}");
    assert!(
        stale
            .iter()
            .any(|message| message.contains("`usage.unraised.no_such_code`"))
    );
    assert!(
        stale
            .iter()
            .any(|message| message.contains("app/src/clean.rs"))
    );
    assert!(
        stale
            .iter()
            .any(|message| message.contains("`usage.message_only.slow_down.retry_after`"))
    );
}

#[test]
fn the_report_reads_like_rustc() {
    let rendered = run().render(false);
    insta::with_settings!({
        snapshot_path => "snapshots/contract-usage",
        prepend_module_to_snapshot => false,
        omit_expression => true,
        description => "cargo xtask usage on tests/fixtures/contract/usage",
    }, {
        insta::assert_snapshot!("usage", rendered);
    });
}
