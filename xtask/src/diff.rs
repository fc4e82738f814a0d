//! `cargo xtask diff`: compares the catalog with the release lock or with the
//! catalog at a git ref, and prints a Markdown changelog.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::Args;
use codegen::contract::{
    CONFIG_FILE, CatalogConfig, LOCK_FILE, Lock, Verdict, decide, diff, render_markdown,
};

/// Options of `cargo xtask diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The catalog directory (default: `<workspace root>/catalog`).
    #[arg(long, value_name = "DIR")]
    catalog: Option<PathBuf>,

    /// What to compare with: a lock file, or a git ref whose catalog is read
    /// with `git show` [default: the catalog's `release.lock.json`].
    #[arg(long, value_name = "LOCK_OR_GIT_REF")]
    against: Option<String>,
}

/// One side of a comparison: a snapshot and how to name it.
pub(crate) struct Side {
    /// The snapshot.
    pub lock: Lock,
    /// How the changelog names it, e.g. `1.0.0 (catalog/release.lock.json)`.
    pub label: String,
}

/// Runs the diff: the changelog goes to stdout, problems to stderr.
pub(crate) fn run(args: &DiffArgs) -> ExitCode {
    let dir = catalog_dir(args.catalog.as_deref());
    let result = working_tree(&dir).and_then(|new| {
        let old = match &args.against {
            None => lock_file(&dir.join(LOCK_FILE))?,
            Some(against) if Path::new(against).is_file() => lock_file(Path::new(against))?,
            Some(reference) => git_ref(&dir, reference)?,
        };
        Ok((old, new))
    });
    let (old, new) = match result {
        Ok(sides) => sides,
        Err(problem) => {
            eprint!("{problem}");
            return ExitCode::FAILURE;
        }
    };
    let changes = diff(&old.lock, &new.lock);
    print!("{}", render_markdown(&changes, &old.label, &new.label));
    match decide(
        &changes,
        old.lock.version.as_ref(),
        new.lock.version.as_ref(),
    ) {
        Verdict::Rejected(reasons) => {
            for reason in reasons {
                eprintln!("error: {reason}");
            }
            ExitCode::FAILURE
        }
        Verdict::BreakingWithMajorBump => {
            eprintln!("note: breaking changes are allowed by the major version bump");
            ExitCode::SUCCESS
        }
        Verdict::NoChanges | Verdict::Compatible => ExitCode::SUCCESS,
    }
}

/// The catalog directory: `dir` or the workspace's.
pub(crate) fn catalog_dir(dir: Option<&Path>) -> PathBuf {
    let dir = dir.map_or_else(
        || crate::workspace_root().join("catalog"),
        Path::to_path_buf,
    );
    crate::display_path(&dir)
}

/// The catalog in `dir` as a snapshot, or the rendered reason it cannot be
/// read (load errors, a missing or invalid `_catalog.yaml`).
pub(crate) fn working_tree(dir: &Path) -> Result<Side, String> {
    let loaded = codegen::load(dir);
    if loaded.diagnostics.has_errors() {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        return Err(format!(
            "{}error: the catalog has errors: fix them (`cargo xtask check`) before comparing it\n",
            loaded.diagnostics.render(color)
        ));
    }
    let config = CatalogConfig::load(dir).map_err(|error| format!("error: {error}\n"))?;
    let label = format!("{} (working tree)", config.version);
    Ok(Side {
        lock: Lock::from_catalog(&loaded.catalog, Some(config.version)),
        label,
    })
}

/// The lock at `path`.
pub(crate) fn lock_file(path: &Path) -> Result<Side, String> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        format!(
            "error: cannot read `{}` ({error}): run `cargo xtask release` to create the lock, or pass `--against` a git ref\n",
            path.display()
        )
    })?;
    let lock =
        Lock::from_json(&text).map_err(|error| format!("error: {}: {error}\n", path.display()))?;
    let version = lock
        .version
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    Ok(Side {
        label: format!("{version} ({})", path.display()),
        lock,
    })
}

/// The catalog in `dir` as committed at `reference`.
fn git_ref(dir: &Path, reference: &str) -> Result<Side, String> {
    let listing = git(dir, &["ls-tree", "--name-only", reference, "./"]).map_err(|error| {
        format!("error: `{reference}` is neither a lock file nor a git ref: {error}\n")
    })?;
    let mut files = Vec::new();
    let mut config = None;
    for name in listing.lines() {
        if name == CONFIG_FILE {
            config = Some(git(dir, &["show", &format!("{reference}:./{name}")])?);
        } else if name.ends_with(".yaml") && !name.starts_with(['_', '.']) {
            let text = git(dir, &["show", &format!("{reference}:./{name}")])?;
            files.push((PathBuf::from(format!("{reference}:{name}")), text));
        }
    }
    let loaded = codegen::load_sources(files);
    if loaded.diagnostics.has_errors() {
        return Err(format!(
            "{}error: the catalog at `{reference}` has errors: compare with another ref\n",
            loaded.diagnostics.render(false)
        ));
    }
    let version = match config {
        Some(text) => {
            let file = PathBuf::from(format!("{reference}:{CONFIG_FILE}"));
            Some(
                CatalogConfig::parse(&file, &text)
                    .map_err(|error| format!("error: {error}\n"))?
                    .version,
            )
        }
        None => None,
    };
    let label = match &version {
        Some(version) => format!("{version} (`{reference}`)"),
        None => format!("`{reference}` (no version)"),
    };
    Ok(Side {
        lock: Lock::from_catalog(&loaded.catalog, version),
        label,
    })
}

/// Runs git in `dir` and returns its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .map_err(|error| {
            format!("cannot run git ({error}): install git or compare with a lock file")
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(stderr.trim().to_owned());
    }
    String::from_utf8(output.stdout)
        .map_err(|_| format!("`git {}` printed invalid UTF-8", args.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use codegen::contract::ChangeKind;

    const CATALOG: &str = "domain: limits\ndescription: Limits.\ncodes:\n  - id: slow_down\n    status: 429\n    message: \"Slow down\"\n    resolution: Wait.\n    examples:\n      - name: default\n";

    /// A throwaway git repository with a committed catalog.
    struct Repo(PathBuf);

    impl Repo {
        fn new(name: &str) -> Repo {
            let dir = std::env::temp_dir().join(format!("xtask-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(dir.join("catalog")).unwrap();
            std::fs::write(dir.join("catalog/limits.yaml"), CATALOG).unwrap();
            std::fs::write(dir.join("catalog/_catalog.yaml"), "version: \"1.0.0\"\n").unwrap();
            for args in [
                &["init", "-q"][..],
                &["add", "."],
                &[
                    "-c",
                    "user.name=t",
                    "-c",
                    "user.email=t@example.com",
                    "commit",
                    "-q",
                    "-m",
                    "catalog",
                ],
            ] {
                git(&dir, args).unwrap();
            }
            Repo(dir)
        }
    }

    impl Drop for Repo {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn a_git_ref_is_read_with_git_show() {
        let repo = Repo::new("diff-ref");
        let catalog = repo.0.join("catalog");
        std::fs::write(catalog.join("limits.yaml"), CATALOG.replace("429", "503")).unwrap();
        std::fs::write(catalog.join("_catalog.yaml"), "version: \"1.1.0\"\n").unwrap();
        let old = git_ref(&catalog, "HEAD").unwrap();
        assert_eq!(old.label, "1.0.0 (`HEAD`)");
        assert_eq!(old.lock.codes["slow_down"].status, 429);
        let new = working_tree(&catalog).unwrap();
        let changes = diff(&old.lock, &new.lock);
        assert_eq!(changes.changes()[0].kind, ChangeKind::StatusChanged);
        let verdict = decide(
            &changes,
            old.lock.version.as_ref(),
            new.lock.version.as_ref(),
        );
        assert!(!verdict.passes());
    }

    #[test]
    fn an_unknown_ref_is_reported() {
        let repo = Repo::new("diff-bad-ref");
        let error = git_ref(&repo.0.join("catalog"), "no-such-ref")
            .err()
            .unwrap();
        assert!(
            error.starts_with("error: `no-such-ref` is neither a lock file nor a git ref"),
            "{error}"
        );
    }
}
