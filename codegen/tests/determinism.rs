//! Loading the same files in any order gives identical results.

use std::path::{Path, PathBuf};

/// Every `*.yaml` file under `dir`'s case folders, with paths relative to the crate.
fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the fixture directory")
        .map(|entry| entry.expect("an entry").path())
        .collect();
    cases.sort();
    for case in cases {
        let Ok(entries) = std::fs::read_dir(&case) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("an entry").path();
            if path.extension().is_some_and(|ext| ext == "yaml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                files.push((path, text));
            }
        }
    }
    files
}

/// What a load produced, as comparable text.
fn outcome(files: Vec<(PathBuf, String)>) -> (String, String) {
    let loaded = codegen::load_sources(files);
    let json = serde_json::to_string_pretty(&loaded.catalog).expect("the model serializes");
    (json, loaded.diagnostics.render(false))
}

/// A deterministic shuffle (a linear congruential generator), so that
/// failures reproduce.
fn shuffled<T>(mut items: Vec<T>, seed: u64) -> Vec<T> {
    let mut state = seed;
    for index in (1..items.len()).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let other = usize::try_from(state >> 33).unwrap_or(0) % (index + 1);
        items.swap(index, other);
    }
    items
}

#[test]
fn file_order_does_not_change_the_result() {
    // Many files with errors across files: duplicates, aliases, collisions.
    let mut files = files_under(Path::new("tests/fixtures/invalid"));
    files.extend(files_under(Path::new("tests/fixtures/valid")));
    assert!(files.len() > 40);
    let expected = outcome(files.clone());
    assert!(expected.1.contains("error["));

    let mut reversed = files.clone();
    reversed.reverse();
    assert_eq!(outcome(reversed), expected);
    for seed in 1..=5 {
        assert_eq!(
            outcome(shuffled(files.clone(), seed)),
            expected,
            "seed {seed}"
        );
    }
}

#[test]
fn domains_are_sorted_by_name_and_codes_keep_file_order() {
    let loaded = codegen::load(Path::new("tests/fixtures/valid/several-domains"));
    let names: Vec<&str> = loaded
        .catalog
        .domains
        .iter()
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(names, ["access", "auth", "sessions"]);
    let sessions = loaded.catalog.find_domain("sessions").unwrap();
    let ids: Vec<&str> = sessions.codes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["session_expired", "session_revoked"]);
}

#[test]
fn loading_twice_gives_the_same_result() {
    let files = files_under(Path::new("tests/fixtures/valid"));
    assert_eq!(outcome(files.clone()), outcome(files));
}
