//! Runs the contract diff on before/after fixture catalogs, snapshots the
//! changelog, and checks what the release rules conclude.
//!
//! Each case in `tests/fixtures/contract/diff/<case>/` has a `before/` and an
//! `after/` catalog, each with its `_catalog.yaml`; `before` is taken as the
//! last release. The case name says what the rules must conclude:
//! `no-changes`, `breaking--*` (refused, unless the after side has a major
//! version bump) or `compatible--*` (allowed by the after side's minor bump).

use std::path::{Path, PathBuf};

use codegen::contract::{
    Assessment, Bump, CatalogConfig, ChangeKind, Changelog, Lock, Refusal, Version, assess, diff,
    render_markdown,
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
    let config = CatalogConfig::load_or_default(dir).unwrap_or_else(|error| panic!("{error}"));
    Lock::from_catalog(&loaded.catalog, config.version)
}

/// What the release rules conclude about releasing `after` over `before`.
fn assessment(changes: &Changelog, before: &Lock, after: &Lock) -> Assessment {
    assess(changes, &before.version, &after.version)
}

#[test]
fn every_change_kind_is_classified() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} contract fixtures", cases.len());
    for (case, dir) in cases {
        let before = snapshot_of(&dir.join("before"));
        let after = snapshot_of(&dir.join("after"));
        let changes = diff(&before, &after);
        let assessment = assessment(&changes, &before, &after);
        let kind = case.split("--").next().unwrap_or(&case);
        match kind {
            "no-changes" => {
                assert!(changes.is_empty(), "{case}");
                assert!(assessment.passes(), "{case}: {assessment:?}");
                assert_eq!(assessment.least, None, "{case}");
            }
            "compatible" => {
                assert!(!changes.is_empty(), "{case}: no change found");
                assert!(!changes.has_breaking(), "{case}");
                assert!(assessment.passes(), "{case}: {assessment:?}");
                assert!(
                    matches!(assessment.bump, Some(Bump::Minor | Bump::Patch)),
                    "{case}: {assessment:?}"
                );
            }
            "breaking" if case.ends_with("major-bump") => {
                assert!(assessment.passes(), "{case}: {assessment:?}");
                assert_eq!(assessment.bump, Some(Bump::Major), "{case}");
            }
            "breaking" => {
                assert!(changes.has_breaking(), "{case}: nothing breaking");
                assert!(!assessment.passes(), "{case}: {assessment:?}");
            }
            _ => panic!("{case}: name it `no-changes`, `breaking--*` or `compatible--*`"),
        }
        let mut text = render_markdown(
            &changes,
            &before.version.to_string(),
            &after.version.to_string(),
        );
        text.push('\n');
        text.push_str(&assessment.summary());
        for refusal in &assessment.refusals {
            text.push_str(&format!("error: {refusal}\n"));
        }
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
fn a_rename_without_an_alias_is_refused_whatever_the_version() {
    let dir = Path::new("tests/fixtures/contract/diff/breaking--code-renamed-without-alias");
    let before = snapshot_of(&dir.join("before"));
    let changes = diff(&before, &snapshot_of(&dir.join("after")));
    assert!(changes.has_forbidden());
    let assessment = assess(&changes, &before.version, &Version::new(9, 0, 0));
    assert_eq!(assessment.refusals, [Refusal::Forbidden { count: 1 }]);
}

#[test]
fn the_shipped_catalog_matches_its_lock() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../catalog");
    let text = std::fs::read_to_string(dir.join(codegen::contract::LOCK_FILE)).unwrap();
    let lock = Lock::from_json(&text).unwrap();
    let current = snapshot_of(&dir);
    let changes = diff(&lock, &current);
    let assessment = assess(&changes, &lock.version, &current.version);
    assert!(
        assessment.passes(),
        "{}{}{:?}",
        render_markdown(&changes, "lock", "catalog"),
        assessment.summary(),
        assessment.refusals
    );
}

mod decision {
    use super::*;

    fn changes_of(case: &str) -> Changelog {
        let dir = Path::new("tests/fixtures/contract/diff").join(case);
        diff(
            &snapshot_of(&dir.join("before")),
            &snapshot_of(&dir.join("after")),
        )
    }

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    /// Whether releasing `changes` over `released` as `version` passes.
    fn table(changes: &Changelog, rows: &[(&str, &str, bool)]) {
        for (released, version, passes) in rows {
            let assessment = assess(changes, &v(released), &v(version));
            assert_eq!(
                assessment.passes(),
                *passes,
                "{released} -> {version}: {assessment:?}"
            );
        }
    }

    #[test]
    fn breaking_changes_pass_only_with_a_major_bump() {
        table(
            &changes_of("breaking--status-changed"),
            &[
                ("1.0.0", "2.0.0", true),
                ("1.4.2", "3.0.0", true),
                ("1.0.0", "1.1.0", false),
                ("1.0.0", "1.0.1", false),
                ("1.0.0", "1.0.0", false),
                ("2.0.0", "1.0.0", false),
                ("0.3.0", "0.4.0", true),
                ("0.3.0", "0.3.1", false),
                ("1.0.0", "2.0.0-rc.1", true),
            ],
        );
    }

    #[test]
    fn compatible_changes_need_a_minor_bump() {
        table(
            &changes_of("compatible--code-added"),
            &[
                ("1.0.0", "1.1.0", true),
                ("1.0.0", "2.0.0", true),
                ("1.0.0", "1.0.1", false),
                ("1.0.0", "1.0.0", false),
                ("0.3.0", "0.3.1", true),
            ],
        );
    }

    #[test]
    fn edits_of_text_for_people_need_a_patch_bump() {
        let changes = changes_of("compatible--docs-edited");
        assert_eq!(Bump::required(&changes), Some(Bump::Patch));
        table(
            &changes,
            &[
                ("1.0.0", "1.0.1", true),
                ("1.0.0", "1.0.0", false),
                ("1.0.0", "0.9.0", false),
            ],
        );
    }

    #[test]
    fn the_refusals_name_the_least_version() {
        let changes = changes_of("breaking--status-changed");
        let assessment = assess(&changes, &v("1.2.0"), &v("1.3.0"));
        assert_eq!(assessment.least, Some(v("2.0.0")));
        assert_eq!(
            assessment.refusals,
            [Refusal::BumpTooSmall {
                released: v("1.2.0"),
                version: v("1.3.0"),
                bump: Bump::Major,
                least: v("2.0.0"),
            }]
        );
        let assessment = assess(
            &changes_of("compatible--code-added"),
            &v("1.0.0"),
            &v("1.0.0"),
        );
        assert_eq!(
            assessment.refusals,
            [Refusal::AlreadyReleased {
                released: v("1.0.0"),
                least: v("1.1.0"),
            }]
        );
        assert!(
            assessment.refusals[0]
                .to_string()
                .starts_with("1.0.0 is already released with other contents: bump `version`"),
            "{}",
            assessment.refusals[0]
        );
    }

    #[test]
    fn versions_never_go_down_even_without_changes() {
        let assessment = assess(&Changelog::default(), &v("1.2.0"), &v("1.1.0"));
        assert_eq!(
            assessment.refusals,
            [Refusal::VersionLowered {
                released: v("1.2.0"),
                version: v("1.1.0"),
                least: v("1.2.0"),
            }]
        );
        assert!(assess(&Changelog::default(), &v("1.2.0"), &v("1.3.0")).passes());
    }

    #[test]
    fn forbidden_changes_fail_whatever_the_version() {
        let changes = changes_of("breaking--code-removed");
        assert!(changes.has_forbidden());
        let assessment = assess(&changes, &v("1.0.0"), &v("2.0.0"));
        assert_eq!(assessment.refusals, [Refusal::Forbidden { count: 1 }]);
        assert_eq!(assessment.least, None);
        assert_eq!(
            assessment.summary(),
            "No version allows releasing these changes over 1.0.0.\n"
        );
    }
}
