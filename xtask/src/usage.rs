//! `cargo xtask usage`: checks how the Rust code of the crate that owns the
//! catalog uses it (codes never raised, code ids spelled as string literals)
//! and that message values also travel in machine-readable members.
//!
//! The crate that owns a catalog is the nearest ancestor of the catalog
//! directory with a `Cargo.toml`: for this workspace's `catalog/`, the
//! workspace root, whose members are scanned. Unraised codes, message-only
//! values and stale exemptions are warnings; code literals are errors. CI
//! runs it without `--deny-warnings`: the workspace is a library, so most
//! codes are raised by the services that use it, not by its own crates.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use codegen::contract::usage::{ConfigSource, RustFile, check};
use codegen::contract::{CONFIG_FILE, CatalogConfig};
use codegen::text::plural;

/// Options of `cargo xtask usage`.
#[derive(Debug, Args)]
pub(crate) struct UsageArgs {
    /// The catalog directory (default: `<workspace root>/catalog`).
    #[arg(long, value_name = "DIR")]
    catalog: Option<PathBuf>,

    /// A directory or file to scan, relative to the crate that owns the
    /// catalog (the nearest ancestor of the catalog directory with a
    /// `Cargo.toml`); repeat for several [default: `usage.paths` of
    /// `_catalog.yaml`, else that crate, or every member of a workspace root].
    #[arg(long = "path", value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Fail on warnings as well as on errors.
    #[arg(long)]
    deny_warnings: bool,
}

/// Runs the check: diagnostics to stderr, the summary to stdout.
pub(crate) fn run(args: &UsageArgs) -> ExitCode {
    match usage(args) {
        Ok(outcome) => {
            eprint!("{}", outcome.report);
            println!("{}", outcome.summary);
            if outcome.success {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(problem) => {
            eprint!("{problem}");
            ExitCode::FAILURE
        }
    }
}

/// What the usage check concluded.
struct Outcome {
    /// Whether the check passed.
    success: bool,
    /// The diagnostics, rendered.
    report: String,
    /// The summary line: what was scanned and what was found.
    summary: String,
}

/// Runs the check, or returns why it could not run.
fn usage(args: &UsageArgs) -> Result<Outcome, String> {
    let dir = crate::diff::catalog_dir(args.catalog.as_deref());
    let loaded = codegen::load(&dir);
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    if loaded.diagnostics.has_errors() {
        return Err(format!(
            "{}error: the catalog in `{}` has errors: fix them (`cargo xtask check --catalog {}`) first\n",
            loaded.diagnostics.render(color),
            dir.display(),
            dir.display()
        ));
    }
    let config =
        CatalogConfig::load_or_default(&dir).map_err(|error| format!("error: {error}\n"))?;
    let config_path = dir.join(CONFIG_FILE);
    let config_text = std::fs::read_to_string(&config_path).ok();
    let root = owning_crate(&dir)?;
    let scope = if !args.paths.is_empty() {
        Scope::Paths(args.paths.clone())
    } else if !config.usage.paths.is_empty() {
        Scope::Paths(config.usage.paths.clone())
    } else {
        default_scope(&root)?
    };
    let roots = match &scope {
        Scope::Crate => vec![PathBuf::new()],
        Scope::Members(paths) | Scope::Paths(paths) => paths.clone(),
    };
    let mut files = Vec::new();
    for path in &roots {
        let full = root.join(path);
        if !full.exists() {
            return Err(format!(
                "error: `{}` does not exist: pass paths relative to `{}`, the crate that owns the catalog\n",
                full.display(),
                root.display()
            ));
        }
        collect_rust_files(&root, &full, &mut files)
            .map_err(|error| format!("error: cannot read `{}` ({error})\n", full.display()))?;
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    let source = config_text.as_deref().map(|text| ConfigSource {
        path: &config_path,
        text,
    });
    let usage = check(&loaded, &config.usage, source, &files);
    let mut report = usage.render(color);
    let diagnostics = &usage.diagnostics;
    let live: Vec<&str> = loaded
        .catalog
        .codes()
        .filter(|code| code.retired.is_none())
        .map(|code| code.id.value.as_str())
        .collect();
    let codes = live.len();
    let raised = live
        .iter()
        .filter(|id| usage.raised.contains_key(**id))
        .count();
    let listed = |paths: &[PathBuf]| {
        paths
            .iter()
            .map(|path| format!("`{}`", path.display()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let place = match &scope {
        Scope::Crate => format!("`{}`", root.display()),
        Scope::Members(members) => {
            format!("the members of `{}` ({})", root.display(), listed(members))
        }
        Scope::Paths(paths) => format!("`{}`: {}", root.display(), listed(paths)),
    };
    let summary = format!(
        "scanned {} Rust {} in {place}: {raised} of {codes} codes raised, {} {}, {} {}",
        usage.scanned_files,
        plural(usage.scanned_files, "file", "files"),
        diagnostics.error_count(),
        plural(diagnostics.error_count(), "error", "errors"),
        diagnostics.warning_count(),
        plural(diagnostics.warning_count(), "warning", "warnings"),
    );
    let mut success = !diagnostics.has_errors();
    if success && args.deny_warnings && diagnostics.warning_count() > 0 {
        report.push_str("error: warnings are denied by `--deny-warnings`\n");
        success = false;
    }
    Ok(Outcome {
        success,
        report,
        summary,
    })
}

/// What to scan, relative to the crate that owns the catalog.
#[derive(Debug, PartialEq, Eq)]
enum Scope {
    /// The whole crate.
    Crate,
    /// The members of the workspace rooted there.
    Members(Vec<PathBuf>),
    /// These paths, given with `--path` or `usage.paths`.
    Paths(Vec<PathBuf>),
}

/// The crate that owns the catalog in `dir`: the nearest ancestor of it
/// (itself included) with a `Cargo.toml`, shown relative to the current
/// directory.
fn owning_crate(dir: &Path) -> Result<PathBuf, String> {
    let absolute = std::fs::canonicalize(dir)
        .map_err(|error| format!("error: cannot read `{}` ({error})\n", dir.display()))?;
    absolute
        .ancestors()
        .find(|ancestor| ancestor.join("Cargo.toml").is_file())
        .map(crate::display_path)
        .ok_or_else(|| {
            format!(
                "error: no `Cargo.toml` in `{}` or above it, so no crate owns the catalog: move the catalog into the crate that raises its codes\n",
                dir.display()
            )
        })
}

/// What to scan in the crate at `root` by default: every member of a
/// workspace root without a package of its own, else the whole crate.
fn default_scope(root: &Path) -> Result<Scope, String> {
    let manifest = root.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|error| format!("error: cannot read `{}` ({error})\n", manifest.display()))?;
    let has_table = |name: &str| text.lines().any(|line| line.trim() == name);
    if has_table("[package]") || !has_table("[workspace]") {
        return Ok(Scope::Crate);
    }
    let members = workspace_members(&text)
        .map_err(|problem| format!("error: `{}`: {problem}\n", manifest.display()))?;
    let mut paths = Vec::new();
    for member in members {
        match member.strip_suffix("/*") {
            Some(parent) => paths.extend(member_dirs(root, Path::new(parent))),
            None => paths.push(PathBuf::from(member)),
        }
    }
    Ok(Scope::Members(paths))
}

/// The `members` of a workspace manifest's text, as written (globs
/// included).
fn workspace_members(manifest: &str) -> Result<Vec<String>, String> {
    let start = manifest
        .lines()
        .scan(0, |offset, line| {
            let start = *offset;
            *offset += line.len() + 1;
            Some((start, line))
        })
        .find(|(_, line)| {
            line.trim_start()
                .strip_prefix("members")
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|(start, _)| start);
    let list = start
        .and_then(|start| manifest[start..].split_once('['))
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .ok_or_else(|| "the workspace has no `members` list: pass `--path` instead".to_owned())?;
    Ok(list
        .split(',')
        .map(|item| item.trim().trim_matches('"'))
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect())
}

/// The directories below `root`/`parent` with a `Cargo.toml`, sorted: what a
/// `parent/*` member names.
fn member_dirs(root: &Path, parent: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(root.join(parent)) else {
        return Vec::new();
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("Cargo.toml").is_file())
        .map(|entry| parent.join(entry.file_name()))
        .collect();
    dirs.sort();
    dirs
}

/// Adds every `.rs` file under `path` (or `path` itself), skipping `target`
/// and hidden directories; paths are made relative to `root`.
fn collect_rust_files(root: &Path, path: &Path, out: &mut Vec<RustFile>) -> std::io::Result<()> {
    if path.is_file() {
        if path.extension().is_some_and(|ext| ext == "rs") {
            let text = std::fs::read_to_string(path)?;
            let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
            out.push(RustFile {
                path: relative,
                text,
            });
        }
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        let name = entry
            .file_name()
            .map(|name| name.to_string_lossy().into_owned());
        let skipped = name
            .as_deref()
            .is_some_and(|name| name == "target" || name.starts_with('.'));
        if !skipped {
            collect_rust_files(root, &entry, out)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suggested_code_enum_is_the_generated_one() {
        let name = std::any::type_name::<errors_core::catalog::Code>();
        let (module, item) = codegen::contract::usage::CODE_ENUM_PATH
            .rsplit_once("::")
            .unwrap();
        assert!(name.starts_with(module) && name.ends_with(item), "{name}");
        assert_eq!(
            errors_core::catalog::Code::RateLimitExceeded.as_str(),
            "rate_limit_exceeded"
        );
    }

    #[test]
    fn the_workspace_owns_its_catalog_and_its_members_are_scanned() {
        let root = crate::workspace_root();
        let owner = owning_crate(&root.join("catalog")).unwrap();
        assert_eq!(
            std::fs::canonicalize(&owner).unwrap(),
            std::fs::canonicalize(&root).unwrap()
        );
        let Scope::Members(members) = default_scope(&root).unwrap() else {
            panic!("the workspace root has no package: its members are scanned");
        };
        assert!(members.contains(&PathBuf::from("codegen")), "{members:?}");
        assert!(members.contains(&PathBuf::from("xtask")), "{members:?}");
    }

    #[test]
    fn a_package_is_scanned_whole_and_a_catalog_outside_crates_is_refused() {
        let dir = std::env::temp_dir().join(format!("xtask-usage-owner-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("svc/errors/catalog")).unwrap();
        std::fs::write(
            dir.join("svc/Cargo.toml"),
            "[package]\nname = \"svc\"\n\n[workspace]\nmembers = [\"client\"]\n",
        )
        .unwrap();
        let owner = owning_crate(&dir.join("svc/errors/catalog")).unwrap();
        assert_eq!(
            std::fs::canonicalize(&owner).unwrap(),
            std::fs::canonicalize(dir.join("svc")).unwrap()
        );
        assert_eq!(default_scope(&owner).unwrap(), Scope::Crate);

        std::fs::create_dir_all(dir.join("workspace/crates/a")).unwrap();
        std::fs::create_dir_all(dir.join("workspace/crates/notes")).unwrap();
        std::fs::write(dir.join("workspace/crates/a/Cargo.toml"), "[package]\n").unwrap();
        std::fs::write(
            dir.join("workspace/Cargo.toml"),
            "[workspace]\ndefault-members = [\"tool\"]\nmembers = [\n  \"crates/*\",\n  \"tool\",\n]\n",
        )
        .unwrap();
        assert_eq!(
            default_scope(&dir.join("workspace")).unwrap(),
            Scope::Members(vec![PathBuf::from("crates/a"), PathBuf::from("tool")])
        );

        std::fs::create_dir_all(dir.join("loose")).unwrap();
        // The temporary directory may itself lie inside a crate; only check
        // the refusal when it does not.
        if !dir
            .ancestors()
            .any(|ancestor| ancestor.join("Cargo.toml").is_file())
        {
            let error = owning_crate(&dir.join("loose")).unwrap_err();
            assert!(error.contains("no `Cargo.toml` in"), "{error}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn rust_files_are_collected_relative_to_the_root() {
        let root = crate::workspace_root();
        let mut files = Vec::new();
        collect_rust_files(&root, &root.join("xtask/src"), &mut files).unwrap();
        assert!(
            files
                .iter()
                .any(|file| file.path == Path::new("xtask/src/usage.rs"))
        );
        assert!(files.iter().all(|file| file.path.starts_with("xtask/src")));
    }
}
