//! Every suggested fix, applied as written, fixes what it was suggested for.
//!
//! For each fixture case (`tests/fixtures/{invalid,warning}/`), every
//! diagnostic that carries a machine-applicable fix ([`codegen::Fix`]) has it
//! applied to its file; the case is then loaded again. The diagnostic must be
//! gone, and nothing may be reported inside the text the fix wrote (fixing one
//! mistake may bring others of the case to light: a code left out because of
//! one error is checked further once it is fixed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use codegen::{Diagnostic, Loaded, Rule};

/// The catalog files of a case, as the loader reads them.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.ends_with(".yaml") && !name.starts_with(['_', '.'])
        })
        .map(|path| {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            (path, text)
        })
        .collect();
    files.sort();
    files
}

/// How many diagnostics of each rule and message a load reports.
fn tally(loaded: &Loaded) -> BTreeMap<(Rule, String), usize> {
    let mut tally = BTreeMap::new();
    for diagnostic in &loaded.diagnostics {
        *tally
            .entry((diagnostic.rule(), diagnostic.message().to_owned()))
            .or_default() += 1;
    }
    tally
}

/// The case loaded again with `diagnostic`'s fix applied.
fn with_fix_applied(files: &[(PathBuf, String)], diagnostic: &Diagnostic) -> (Loaded, String) {
    let fix = diagnostic.suggestion().unwrap();
    let mut changed = String::new();
    let fixed: Vec<(PathBuf, String)> = files
        .iter()
        .map(|(path, text)| {
            if path.as_path() == &*fix.span.file {
                changed = fix.apply(text);
                (path.clone(), changed.clone())
            } else {
                (path.clone(), text.clone())
            }
        })
        .collect();
    assert!(!changed.is_empty(), "the fix names no file of the case");
    (codegen::load_sources(fixed), changed)
}

#[test]
fn every_suggested_fix_passes_the_check_it_was_suggested_for() {
    let mut applied = 0;
    let mut rules = std::collections::BTreeSet::new();
    for kind in ["invalid", "warning"] {
        let root = Path::new("tests/fixtures").join(kind);
        let mut cases: Vec<PathBuf> = std::fs::read_dir(&root)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_dir())
            .collect();
        cases.sort();
        for dir in cases {
            let files = sources(&dir);
            if files.is_empty() {
                continue;
            }
            let before = codegen::load_sources(files.clone());
            let all_before = tally(&before);
            for diagnostic in before.diagnostics.iter() {
                if diagnostic.suggestion().is_none() {
                    continue;
                }
                let (after, text) = with_fix_applied(&files, diagnostic);
                let key = (diagnostic.rule(), diagnostic.message().to_owned());
                let context = format!(
                    "{}: fixing `{diagnostic}` with {:?}\n--- fixed file ---\n{text}\n--- now reported ---\n{}",
                    dir.display(),
                    diagnostic.suggestion().unwrap(),
                    after.diagnostics.render(false)
                );
                let still = tally(&after).get(&key).copied().unwrap_or(0);
                assert!(
                    still < all_before[&key],
                    "the diagnostic is still reported\n{context}"
                );
                let fix = diagnostic.suggestion().unwrap();
                let written = fix.span.offset..fix.span.offset + fix.replacement.len();
                for problem in &after.diagnostics {
                    let inside = problem.span().is_some_and(|span| {
                        span.file == fix.span.file
                            && span.offset < written.end.max(written.start + 1)
                            && written.start < span.offset + span.len.max(1)
                    });
                    assert!(
                        !inside,
                        "the fixed text has a problem: `{problem}`\n{context}"
                    );
                }
                applied += 1;
                rules.insert(diagnostic.rule());
            }
        }
    }
    assert!(applied >= 10, "only {applied} fixes were applied");
    // The fixes the format's common mistakes get.
    for rule in [
        Rule::UnknownKey,
        Rule::MissingKey,
        Rule::InvalidName,
        Rule::ExampleMissingParam,
        Rule::WrongType,
    ] {
        assert!(
            rules.contains(&rule),
            "no fixture exercises a fix of `{rule}`"
        );
    }
}
