//! `_catalog.yaml` is optional, and when present `codegen::load` checks it
//! like a catalog file: problems come with their file, line and column.

use std::path::{Path, PathBuf};

use codegen::Rule;

const DOMAIN: &str = "domain: auth\ndescription: Auth.\ncodes:\n  - id: token_expired\n    status: 401\n    message: Expired.\n    resolution: Sign in.\n    examples:\n      - name: default\n";

/// A catalog directory of its own for `name`, with one valid domain file and
/// `config` as `_catalog.yaml` when given.
fn catalog(name: &str, config: Option<&str>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "codegen-catalog-config-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("auth.yaml"), DOMAIN).unwrap();
    if let Some(config) = config {
        std::fs::write(dir.join("_catalog.yaml"), config).unwrap();
    }
    dir
}

/// The rule and `file:line:column` of every problem of the catalog in `dir`.
fn problems(dir: &Path) -> Vec<(Rule, String)> {
    let loaded = codegen::load(dir);
    loaded
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let place = diagnostic
                .span()
                .map(ToString::to_string)
                .unwrap_or_default();
            (diagnostic.rule(), place)
        })
        .collect()
}

#[test]
fn a_catalog_without_settings_is_valid() {
    assert_eq!(problems(&catalog("absent", None)), []);
}

#[test]
fn valid_settings_are_no_problem() {
    let dir = catalog("valid", Some("version: \"1.2.0\"\n"));
    assert_eq!(problems(&dir), []);
}

#[test]
fn a_version_that_is_not_semver_is_reported_at_its_line() {
    let dir = catalog("banana", Some("# Settings.\nversion: \"banana\"\n"));
    let file = dir.join("_catalog.yaml");
    assert_eq!(
        problems(&dir),
        [(Rule::InvalidConfig, format!("{}:2:1", file.display()))]
    );
}

#[test]
fn an_unknown_key_is_reported_at_its_line() {
    let dir = catalog("unknown", Some("version: \"1.0.0\"\nusge:\n  paths: []\n"));
    let loaded = codegen::load(&dir);
    let rendered = loaded.diagnostics.render(false);
    assert!(rendered.contains("error[invalid-config]"), "{rendered}");
    assert!(rendered.contains("_catalog.yaml:2:1"), "{rendered}");
    assert!(rendered.contains("usge"), "{rendered}");
}

#[test]
fn an_exemption_without_a_reason_is_reported_at_its_key() {
    let dir = catalog(
        "reason",
        Some("version: \"1.0.0\"\nusage:\n  unraised:\n    token_expired: \"\"\n"),
    );
    let file = dir.join("_catalog.yaml");
    assert_eq!(
        problems(&dir),
        [(Rule::InvalidConfig, format!("{}:4:5", file.display()))]
    );
}
