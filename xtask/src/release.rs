//! `cargo xtask release`: records the catalog in the release lock,
//! `release.lock.json` in the catalog directory.
//!
//! The lock only moves forward: it decides exactly as `cargo xtask diff`
//! does (the same comparison, printed the same way), so a release is refused
//! when the catalog's version is lower than the last released one, when it is
//! the released version with other contents, when it is below the least
//! version the unreleased changes need, and, whatever the version, for
//! deleted codes and reused retired ids. A release appends the version to the
//! lock's `released` list and records the catalog's contents.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use codegen::contract::{LOCK_FILE, Lock};

use crate::diff::{Side, compare};

/// Options of `cargo xtask release`.
#[derive(Debug, Args)]
pub(crate) struct ReleaseArgs {
    /// The catalog directory (default: `<workspace root>/catalog`).
    #[arg(long, value_name = "DIR")]
    catalog: Option<PathBuf>,

    /// Check that a release would succeed, without writing the lock.
    #[arg(long)]
    dry_run: bool,
}

/// What a release decided.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Plan {
    /// The lock already records this catalog at this version.
    UpToDate,
    /// Write this lock.
    Write(Box<Lock>),
    /// Refused: the comparison's errors say why.
    Refuse,
}

/// Decides what to do with the lock: `old` is the current lock, if any,
/// `new` the catalog's snapshot, and `passes` whether the comparison of the
/// two allows the release.
pub(crate) fn plan(old: Option<&Lock>, new: &Lock, passes: bool) -> Plan {
    if !passes {
        return Plan::Refuse;
    }
    let lock = new.clone().released_after(old);
    if old == Some(&lock) {
        Plan::UpToDate
    } else {
        Plan::Write(Box::new(lock))
    }
}

/// Runs the release.
pub(crate) fn run(args: &ReleaseArgs) -> ExitCode {
    let dir = crate::diff::catalog_dir(args.catalog.as_deref());
    let new = match crate::diff::working_tree(&dir) {
        Ok(tree) => tree,
        Err(problem) => {
            eprint!("{problem}");
            return ExitCode::FAILURE;
        }
    };
    let path = dir.join(LOCK_FILE);
    let old: Option<Side> = if path.exists() {
        match crate::diff::lock_file(&path) {
            Ok(side) => Some(side),
            Err(problem) => {
                eprint!("{problem}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        None
    };
    let passes = match &old {
        Some(old) => {
            let comparison = compare(old, &new);
            print!("{}", comparison.report);
            for error in &comparison.errors {
                eprintln!("error: {error}");
            }
            comparison.assessment.passes()
        }
        None => {
            println!(
                "first release: {} codes at version {}",
                new.side.lock.codes.len(),
                new.side.lock.version
            );
            true
        }
    };
    match plan(old.as_ref().map(|side| &side.lock), &new.side.lock, passes) {
        Plan::UpToDate => {
            eprintln!("`{}` is up to date", path.display());
            ExitCode::SUCCESS
        }
        Plan::Refuse => {
            eprintln!("error: `{}` was not written", path.display());
            ExitCode::FAILURE
        }
        Plan::Write(_) if args.dry_run => {
            eprintln!("`{}` would be written (dry run)", path.display());
            ExitCode::SUCCESS
        }
        Plan::Write(lock) => match std::fs::write(&path, lock.to_json()) {
            Ok(()) => {
                eprintln!(
                    "wrote `{}`: version {}, {} codes",
                    path.display(),
                    lock.version,
                    lock.codes.len()
                );
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: cannot write `{}` ({error})", path.display());
                ExitCode::FAILURE
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::contract::{Version, assess, diff};

    fn snapshot(version: Version, status: u16, extra_code: bool) -> Lock {
        let mut yaml = format!(
            "domain: a\ndescription: A.\ncodes:\n  - id: a_code\n    status: {status}\n    message: \"A.\"\n    resolution: Fix it.\n    examples:\n      - name: default\n"
        );
        if extra_code {
            yaml.push_str("  - id: b_code\n    status: 400\n    message: \"B.\"\n    resolution: Fix it.\n    examples:\n      - name: default\n");
        }
        let loaded = codegen::load_sources(vec![("a.yaml".into(), yaml)]);
        assert!(
            !loaded.diagnostics.has_errors(),
            "{}",
            loaded.diagnostics.render(false)
        );
        Lock::from_catalog(&loaded.catalog, version)
    }

    /// The plan for releasing `new` over the released `old`, decided as
    /// `cargo xtask diff` decides.
    fn plan_over(old: &Lock, new: &Lock) -> Plan {
        let passes = assess(&diff(old, new), &old.version, &new.version).passes();
        plan(Some(old), new, passes)
    }

    fn released(version: Version, status: u16, extra_code: bool) -> Lock {
        snapshot(version, status, extra_code).released_after(None)
    }

    #[test]
    fn the_first_release_writes_the_lock() {
        let new = snapshot(Version::new(1, 0, 0), 400, false);
        let Plan::Write(lock) = plan(None, &new, true) else {
            panic!("the first release writes the lock");
        };
        assert_eq!(lock.released, [Version::new(1, 0, 0)]);
        assert_eq!(lock.codes, new.codes);
    }

    #[test]
    fn an_unchanged_catalog_is_up_to_date() {
        let old = released(Version::new(1, 0, 0), 400, false);
        let new = snapshot(Version::new(1, 0, 0), 400, false);
        assert_eq!(plan_over(&old, &new), Plan::UpToDate);
    }

    #[test]
    fn a_release_appends_its_version() {
        let old = released(Version::new(1, 0, 0), 400, false);
        let new = snapshot(Version::new(1, 1, 0), 400, true);
        let Plan::Write(lock) = plan_over(&old, &new) else {
            panic!("a compatible change with a minor bump is released");
        };
        assert_eq!(
            lock.released,
            [Version::new(1, 0, 0), Version::new(1, 1, 0)]
        );
        assert_eq!(Lock::from_json(&lock.to_json()).unwrap(), *lock);
    }

    #[test]
    fn refusals_write_nothing() {
        let old = released(Version::new(1, 0, 0), 400, false);
        for new in [
            snapshot(Version::new(1, 1, 0), 409, false),
            snapshot(Version::new(1, 0, 0), 400, true),
            snapshot(Version::new(0, 9, 0), 400, false),
        ] {
            assert_eq!(plan_over(&old, &new), Plan::Refuse, "{}", new.version);
        }
        let major = snapshot(Version::new(2, 0, 0), 409, false);
        assert!(matches!(plan_over(&old, &major), Plan::Write(_)));
    }
}
