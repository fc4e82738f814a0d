//! `cargo xtask diff`: compares the catalog with its last release (the
//! release lock, another lock file, or the catalog at a git ref) and prints
//! the unreleased changes as a Markdown changelog, with the least version the
//! next release needs.
//!
//! It fails when the catalog's version does not allow those changes (see
//! `codegen::contract::release`): CI runs it, so a released version whose
//! contents changed, or a version that goes down, never reaches `main`.
//! `cargo xtask release` decides with the same [`compare`], so the two
//! always agree.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::Args;
use codegen::contract::{
    Assessment, CONFIG_FILE, CatalogConfig, LOCK_FILE, Lock, assess, diff, render_markdown,
};

/// Options of `cargo xtask diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The catalog directory (default: `<workspace root>/catalog`).
    #[arg(long, value_name = "DIR")]
    catalog: Option<PathBuf>,

    /// The last release to compare with: a lock file, or a git ref whose
    /// catalog is read with `git show` [default: `release.lock.json` in the
    /// catalog directory].
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

/// The catalog in the working tree: its snapshot and where its version
/// comes from.
pub(crate) struct WorkingTree {
    /// The snapshot, at the catalog's version.
    pub side: Side,
    /// The catalog's `_catalog.yaml`, which refusals tell to edit.
    pub config_file: PathBuf,
    /// Whether `config_file` exists (without it the version is the default).
    pub config_exists: bool,
}

/// What comparing the working tree with the last release concluded.
pub(crate) struct Comparison {
    /// The changelog, ending with what the next release needs (stdout).
    pub report: String,
    /// The refusals, each a line naming the file to edit (stderr).
    pub errors: Vec<String>,
    /// The decision the report and errors come from.
    pub assessment: Assessment,
}

/// Runs the diff: the changelog goes to stdout, problems to stderr.
pub(crate) fn run(args: &DiffArgs) -> ExitCode {
    let dir = catalog_dir(args.catalog.as_deref());
    let result = working_tree(&dir).and_then(|new| {
        let old = match &args.against {
            None => {
                let path = dir.join(LOCK_FILE);
                if !path.exists() {
                    println!(
                        "nothing released yet: `{}` does not exist; `cargo xtask release{}` records the first release, at any version",
                        path.display(),
                        catalog_flag(args.catalog.as_deref(), &dir)
                    );
                    return Ok(None);
                }
                lock_file(&path)?
            }
            Some(against) if Path::new(against).is_file() => lock_file(Path::new(against))?,
            Some(reference) => git_ref(&dir, reference)?,
        };
        Ok(Some((old, new)))
    });
    let (old, new) = match result {
        Ok(Some(sides)) => sides,
        Ok(None) => return ExitCode::SUCCESS,
        Err(problem) => {
            eprint!("{problem}");
            return ExitCode::FAILURE;
        }
    };
    let comparison = compare(&old, &new);
    print!("{}", comparison.report);
    for error in &comparison.errors {
        eprintln!("error: {error}");
    }
    if comparison.assessment.passes() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Compares the working tree `new` with the release `old`: the changelog of
/// the unreleased changes, what the next release needs, and the refusals.
pub(crate) fn compare(old: &Side, new: &WorkingTree) -> Comparison {
    let changes = diff(&old.lock, &new.side.lock);
    let assessment = assess(&changes, &old.lock.version, &new.side.lock.version);
    let mut report = render_markdown(&changes, &old.label, &new.side.label);
    report.push('\n');
    report.push_str(&assessment.summary());
    let errors = assessment
        .refusals
        .iter()
        .map(|refusal| refusal.message(&new.config_file, new.config_exists))
        .collect();
    Comparison {
        report,
        errors,
        assessment,
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

/// ` --catalog DIR` when the command was given one, for the commands a
/// message suggests.
pub(crate) fn catalog_flag(given: Option<&Path>, dir: &Path) -> String {
    given.map_or_else(String::new, |_| format!(" --catalog {}", dir.display()))
}

/// The catalog in `dir` as a snapshot at the version of its `_catalog.yaml`
/// (or the default version without one), or the rendered reason it cannot
/// be read (load errors, an invalid `_catalog.yaml`).
pub(crate) fn working_tree(dir: &Path) -> Result<WorkingTree, String> {
    let loaded = codegen::load(dir);
    if loaded.diagnostics.has_errors() {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        return Err(format!(
            "{}error: the catalog in `{}` has errors: fix them (`cargo xtask check --catalog {}`) before comparing it\n",
            loaded.diagnostics.render(color),
            dir.display(),
            dir.display()
        ));
    }
    let config_file = dir.join(CONFIG_FILE);
    let config_exists = config_file.exists();
    let config =
        CatalogConfig::load_or_default(dir).map_err(|error| format!("error: {error}\n"))?;
    let label = if config_exists {
        format!("{} (working tree)", config.version)
    } else {
        format!(
            "{} (working tree, the default: no `{}`)",
            config.version,
            config_file.display()
        )
    };
    Ok(WorkingTree {
        side: Side {
            lock: Lock::from_catalog(&loaded.catalog, config.version),
            label,
        },
        config_file,
        config_exists,
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
    Ok(Side {
        label: format!("{} ({})", lock.version, path.display()),
        lock,
    })
}

/// The catalog in `dir` as committed at `reference`, taken as released
/// (e.g. a release tag).
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
    let (version, label) = match config {
        Some(text) => {
            let file = PathBuf::from(format!("{reference}:{CONFIG_FILE}"));
            let version = CatalogConfig::parse(&file, &text)
                .map_err(|error| format!("error: {error}\n"))?
                .version;
            let label = format!("{version} (`{reference}`)");
            (version, label)
        }
        None => {
            let version = CatalogConfig::default().version;
            let label = format!("{version} (`{reference}`, the default: no `{CONFIG_FILE}`)");
            (version, label)
        }
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
            git(&dir, &["init", "-q"]).unwrap();
            git(&dir, &["add", "."]).unwrap();
            let repo = Repo(dir);
            repo.commit("catalog");
            repo
        }

        /// Commits what is staged, as a throwaway author.
        fn commit(&self, message: &str) {
            let author = ["-c", "user.name=t", "-c", "user.email=t@example.com"];
            let args: Vec<&str> = author
                .into_iter()
                .chain(["commit", "-q", "-m", message])
                .collect();
            git(&self.0, &args).unwrap();
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
        let comparison = compare(&old, &new);
        assert!(
            comparison
                .report
                .contains("- status changed from 429 to 503\n"),
            "{}",
            comparison.report
        );
        assert!(!comparison.assessment.passes());
        assert_eq!(
            comparison.errors,
            [format!(
                "the breaking changes since 1.0.0 need a major version bump, and `version` is 1.1.0: set `version` in `{}` to 2.0.0 or higher",
                catalog.join("_catalog.yaml").display()
            )]
        );
    }

    #[test]
    fn a_git_ref_without_catalog_settings_has_the_default_version() {
        let repo = Repo::new("diff-ref-default");
        let catalog = repo.0.join("catalog");
        git(&repo.0, &["rm", "-q", "catalog/_catalog.yaml"]).unwrap();
        repo.commit("no settings");
        let old = git_ref(&catalog, "HEAD").unwrap();
        assert_eq!(old.lock.version, codegen::contract::DEFAULT_VERSION);
        assert!(old.label.contains("the default"), "{}", old.label);
        let new = working_tree(&catalog).unwrap();
        assert!(!new.config_exists);
        let comparison = compare(&old, &new);
        assert!(comparison.assessment.passes(), "{:?}", comparison.errors);
        assert!(
            comparison
                .report
                .ends_with("Nothing to release: the catalog is release 0.1.0.\n"),
            "{}",
            comparison.report
        );
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
