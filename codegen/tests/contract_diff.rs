//! Runs the contract diff on before/after fixture catalogs and snapshots the
//! changelog, and checks the exit decision.
//!
//! Each case in `tests/fixtures/contract/diff/<case>/` has a `before/` and an
//! `after/` catalog, each with its `_catalog.yaml`. The case name says what
//! the diff must conclude: `no-changes`, `breaking--*` (rejected, unless the
//! after side has a major version bump) or `compatible--*`.

use std::path::{Path, PathBuf};

use codegen::contract::{
    CatalogConfig, ChangeKind, Changelog, Lock, Verdict, Version, decide, diff, render_markdown,
};

/// The case folders, sorted.
fn cases() -> Vec<(String, PathBuf)> {
    let dir = Path::new("tests/fixtures/contract/diff");
    let mut cases: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.is_dir())
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, path)
        })
        .collect();
    cases.sort();
    cases
}

/// The snapshot of the catalog in `dir`, which must load cleanly.
fn snapshot_of(dir: &Path) -> Lock {
    let loaded = codegen::load(dir);
    assert!(
        loaded.diagnostics.is_empty(),
        "{}: {}",
        dir.display(),
        loaded.diagnostics.render(false)
    );
    let config = CatalogConfig::load(dir).unwrap_or_else(|error| panic!("{error}"));
    Lock::from_catalog(&loaded.catalog, Some(config.version))
}

fn label(lock: &Lock) -> String {
    lock.version
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default()
}

#[test]
fn every_change_kind_is_classified() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} contract fixtures", cases.len());
    for (case, dir) in cases {
        let before = snapshot_of(&dir.join("before"));
        let after = snapshot_of(&dir.join("after"));
        let changes = diff(&before, &after);
        let verdict = decide(&changes, before.version.as_ref(), after.version.as_ref());
        let kind = case.split("--").next().unwrap_or(&case);
        match kind {
            "no-changes" => assert_eq!(verdict, Verdict::NoChanges, "{case}"),
            "compatible" => {
                assert!(!changes.is_empty(), "{case}: no change found");
                assert_eq!(verdict, Verdict::Compatible, "{case}");
            }
            "breaking" if case.ends_with("major-bump") => {
                assert_eq!(verdict, Verdict::BreakingWithMajorBump, "{case}");
            }
            "breaking" => {
                assert!(changes.has_breaking(), "{case}: nothing breaking");
                assert!(
                    matches!(verdict, Verdict::Rejected(_)),
                    "{case}: {verdict:?}"
                );
            }
            _ => panic!("{case}: name it `no-changes`, `breaking--*` or `compatible--*`"),
        }
        let mut text = render_markdown(&changes, &label(&before), &label(&after));
        text.push_str(&format!("\nverdict: {verdict:?}\n"));
        insta::with_settings!({
            snapshot_path => "snapshots/contract-diff",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("cargo xtask diff, {case}"),
        }, {
            insta::assert_snapshot!(case.as_str(), text);
        });
    }
}

#[test]
fn a_rename_with_an_alias_is_one_compatible_change() {
    let dir = Path::new("tests/fixtures/contract/diff/compatible--code-renamed-with-alias");
    let changes = diff(
        &snapshot_of(&dir.join("before")),
        &snapshot_of(&dir.join("after")),
    );
    let kinds: Vec<ChangeKind> = changes.changes().iter().map(|change| change.kind).collect();
    assert_eq!(kinds, [ChangeKind::CodeRenamed]);
    assert_eq!(changes.changes()[0].code, "quota_exceeded");
}

#[test]
fn the_shipped_catalog_matches_its_lock() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    let text = std::fs::read_to_string(dir.join(codegen::contract::LOCK_FILE)).unwrap();
    let lock = Lock::from_json(&text).unwrap();
    let current = snapshot_of(&dir);
    let changes = diff(&lock, &current);
    let verdict = decide(&changes, lock.version.as_ref(), current.version.as_ref());
    assert!(
        verdict.passes(),
        "{}",
        render_markdown(&changes, "lock", "catalog")
    );
}

mod decision {
    use super::*;

    fn breaking() -> Changelog {
        let dir = Path::new("tests/fixtures/contract/diff/breaking--status-changed");
        diff(
            &snapshot_of(&dir.join("before")),
            &snapshot_of(&dir.join("after")),
        )
    }

    fn forbidden() -> Changelog {
        let dir = Path::new("tests/fixtures/contract/diff/breaking--code-removed");
        diff(
            &snapshot_of(&dir.join("before")),
            &snapshot_of(&dir.join("after")),
        )
    }

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn breaking_changes_pass_only_with_a_major_bump() {
        let changes = breaking();
        for (old, new, passes) in [
            ("1.0.0", "2.0.0", true),
            ("1.4.2", "3.0.0", true),
            ("1.0.0", "1.1.0", false),
            ("1.0.0", "1.0.1", false),
            ("1.0.0", "1.0.0", false),
            ("2.0.0", "1.0.0", false),
            ("0.3.0", "0.4.0", true),
            ("0.3.0", "0.3.1", false),
            ("1.0.0", "2.0.0-rc.1", true),
        ] {
            let verdict = decide(&changes, Some(&v(old)), Some(&v(new)));
            assert_eq!(verdict.passes(), passes, "{old} -> {new}: {verdict:?}");
        }
    }

    #[test]
    fn the_rejection_names_the_next_major_version() {
        let Verdict::Rejected(reasons) = decide(&breaking(), Some(&v("1.2.0")), Some(&v("1.3.0")))
        else {
            panic!("breaking changes without a major bump must be rejected");
        };
        assert_eq!(reasons.len(), 1);
        assert!(reasons[0].contains("to `2.0.0`"), "{}", reasons[0]);
    }

    #[test]
    fn an_unknown_version_is_never_a_major_bump() {
        assert!(!decide(&breaking(), None, Some(&v("9.0.0"))).passes());
        assert!(!decide(&breaking(), Some(&v("1.0.0")), None).passes());
    }

    #[test]
    fn forbidden_changes_fail_whatever_the_version() {
        let changes = forbidden();
        assert!(changes.has_forbidden());
        assert!(!decide(&changes, Some(&v("1.0.0")), Some(&v("2.0.0"))).passes());
    }

    #[test]
    fn compatible_changes_pass_without_a_bump() {
        let dir = Path::new("tests/fixtures/contract/diff/compatible--code-added");
        let changes = diff(
            &snapshot_of(&dir.join("before")),
            &snapshot_of(&dir.join("after")),
        );
        assert_eq!(
            decide(&changes, Some(&v("1.0.0")), Some(&v("1.0.0"))),
            Verdict::Compatible
        );
    }
}
