//! `cargo xtask release`: records the catalog in the release lock.
//!
//! The lock only moves forward: a release with breaking changes needs a major
//! version bump, deleted codes and reused retired ids are refused whatever the
//! version, a released version is never rewritten with other contents, and the
//! version never goes down.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use codegen::contract::{LOCK_FILE, Lock, Verdict, decide, diff, render_markdown};

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
    /// The lock already records this catalog.
    UpToDate,
    /// Write this text to the lock.
    Write(String),
    /// Refused, with every reason.
    Refuse(Vec<String>),
}

/// Decides what to do with the lock: `old` is the current lock, if any,
/// and `new` the catalog's snapshot.
pub(crate) fn plan(old: Option<(&Lock, &str)>, new: &Lock) -> Plan {
    let text = new.to_json();
    let Some((old, old_text)) = old else {
        return Plan::Write(text);
    };
    let (Some(old_version), Some(new_version)) = (&old.version, &new.version) else {
        return Plan::Refuse(vec![
            "a release needs a version in `catalog/_catalog.yaml`".to_owned(),
        ]);
    };
    if new_version < old_version {
        return Plan::Refuse(vec![format!(
            "`version` {new_version} is lower than the released {old_version}: versions never go down; set it to {old_version} or higher"
        )]);
    }
    let changes = diff(old, new);
    if let Verdict::Rejected(reasons) = decide(&changes, Some(old_version), Some(new_version)) {
        return Plan::Refuse(reasons);
    }
    if !changes.is_empty() && new_version == old_version {
        return Plan::Refuse(vec![format!(
            "{old_version} is already released with other contents: bump `version` in `catalog/_catalog.yaml`"
        )]);
    }
    if text == old_text {
        Plan::UpToDate
    } else {
        Plan::Write(text)
    }
}

/// Runs the release.
pub(crate) fn run(args: &ReleaseArgs) -> ExitCode {
    let dir = crate::diff::catalog_dir(args.catalog.as_deref());
    let new = match crate::diff::working_tree(&dir) {
        Ok(side) => side,
        Err(problem) => {
            eprint!("{problem}");
            return ExitCode::FAILURE;
        }
    };
    let path = dir.join(LOCK_FILE);
    let old = if path.exists() {
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
    let old_text = old
        .as_ref()
        .and_then(|_| std::fs::read_to_string(&path).ok())
        .unwrap_or_default();
    if let Some(old) = &old {
        print!(
            "{}",
            render_markdown(&diff(&old.lock, &new.lock), &old.label, &new.label)
        );
    }
    match plan(
        old.as_ref().map(|side| (&side.lock, old_text.as_str())),
        &new.lock,
    ) {
        Plan::UpToDate => {
            eprintln!("`{}` is up to date", path.display());
            ExitCode::SUCCESS
        }
        Plan::Refuse(reasons) => {
            for reason in reasons {
                eprintln!("error: {reason}");
            }
            eprintln!("error: `{}` was not written", path.display());
            ExitCode::FAILURE
        }
        Plan::Write(_) if args.dry_run => {
            eprintln!("`{}` would be written (dry run)", path.display());
            ExitCode::SUCCESS
        }
        Plan::Write(text) => match std::fs::write(&path, text) {
            Ok(()) => {
                eprintln!(
                    "wrote `{}`: version {}, {} codes",
                    path.display(),
                    new.lock
                        .version
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    new.lock.codes.len()
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
    use codegen::contract::Version;

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
        Lock::from_catalog(&loaded.catalog, Some(version))
    }

    fn plan_over(old: &Lock, new: &Lock) -> Plan {
        plan(Some((old, &old.to_json())), new)
    }

    #[test]
    fn the_first_release_writes_the_lock() {
        let new = snapshot(Version::new(1, 0, 0), 400, false);
        assert_eq!(plan(None, &new), Plan::Write(new.to_json()));
    }

    #[test]
    fn an_unchanged_catalog_is_up_to_date() {
        let old = snapshot(Version::new(1, 0, 0), 400, false);
        assert_eq!(plan_over(&old, &old.clone()), Plan::UpToDate);
    }

    #[test]
    fn breaking_changes_need_a_major_bump() {
        let old = snapshot(Version::new(1, 0, 0), 400, false);
        let minor = snapshot(Version::new(1, 1, 0), 409, false);
        assert!(
            matches!(plan_over(&old, &minor), Plan::Refuse(reasons) if reasons[0].contains("`2.0.0`"))
        );
        let major = snapshot(Version::new(2, 0, 0), 409, false);
        assert_eq!(plan_over(&old, &major), Plan::Write(major.to_json()));
    }

    #[test]
    fn a_released_version_is_not_rewritten() {
        let old = snapshot(Version::new(1, 0, 0), 400, false);
        let same = snapshot(Version::new(1, 0, 0), 400, true);
        assert!(
            matches!(plan_over(&old, &same), Plan::Refuse(reasons) if reasons[0].contains("already released"))
        );
        let bumped = snapshot(Version::new(1, 1, 0), 400, true);
        assert_eq!(plan_over(&old, &bumped), Plan::Write(bumped.to_json()));
    }

    #[test]
    fn versions_never_go_down() {
        let old = snapshot(Version::new(1, 2, 0), 400, false);
        let lower = snapshot(Version::new(1, 1, 0), 400, false);
        assert!(
            matches!(plan_over(&old, &lower), Plan::Refuse(reasons) if reasons[0].contains("never go down"))
        );
    }

    #[test]
    fn deleted_codes_are_refused_even_with_a_major_bump() {
        let old = snapshot(Version::new(1, 0, 0), 400, true);
        let new = snapshot(Version::new(2, 0, 0), 400, false);
        assert!(
            matches!(plan_over(&old, &new), Plan::Refuse(reasons) if reasons[0].contains("never deleted"))
        );
    }
}
