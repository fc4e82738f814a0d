//! `cargo xtask usage`: checks how the workspace's Rust code uses the
//! catalog (codes never raised, code ids spelled as string literals) and that
//! message values also travel in machine-readable members.
//!
//! Unraised codes, message-only values and stale exemptions are warnings;
//! code literals are errors. CI runs it without `--deny-warnings`: the
//! workspace is a library, so most codes are raised by the services that use
//! it, not by its own crates.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use codegen::contract::usage::{ConfigSource, RustFile, check};
use codegen::contract::{CONFIG_FILE, CatalogConfig};

/// Options of `cargo xtask usage`.
#[derive(Debug, Args)]
pub(crate) struct UsageArgs {
    /// The catalog directory (default: `<workspace root>/catalog`).
    #[arg(long, value_name = "DIR")]
    catalog: Option<PathBuf>,

    /// A directory or file to scan, relative to the workspace root; repeat
    /// for several [default: `usage.paths` of `_catalog.yaml`, else every
    /// workspace member].
    #[arg(long = "path", value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Fail on warnings as well as on errors.
    #[arg(long)]
    deny_warnings: bool,
}

/// Runs the check: diagnostics to stderr, the summary to stdout.
pub(crate) fn run(args: &UsageArgs) -> ExitCode {
    let root = crate::workspace_root();
    let dir = crate::diff::catalog_dir(args.catalog.as_deref());
    let loaded = codegen::load(&dir);
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    if loaded.diagnostics.has_errors() {
        eprint!("{}", loaded.diagnostics.render(color));
        eprintln!("error: the catalog has errors: fix them (`cargo xtask check`) first");
        return ExitCode::FAILURE;
    }
    let config_path = dir.join(CONFIG_FILE);
    let config_text = match std::fs::read_to_string(&config_path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!(
                "error: cannot read `{}` ({error}): create it with `version: \"1.0.0\"`",
                config_path.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let config = match CatalogConfig::parse(&config_path, &config_text) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let roots = if !args.paths.is_empty() {
        args.paths.clone()
    } else if !config.usage.paths.is_empty() {
        config.usage.paths.clone()
    } else {
        match workspace_members(&root) {
            Ok(members) => members,
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    };
    let mut files = Vec::new();
    for path in &roots {
        let full = root.join(path);
        if !full.exists() {
            eprintln!(
                "error: `{}` does not exist: pass paths relative to the workspace root",
                path.display()
            );
            return ExitCode::FAILURE;
        }
        if let Err(error) = collect_rust_files(&root, &full, &mut files) {
            eprintln!("error: cannot read `{}` ({error})", path.display());
            return ExitCode::FAILURE;
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    let source = ConfigSource {
        path: &config_path,
        text: &config_text,
    };
    let usage = check(&loaded, &config.usage, Some(source), &files);
    eprint!("{}", usage.render(color));
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
    println!(
        "scanned {} Rust files in {}: {} of {codes} codes raised, {} {}, {} {}",
        usage.scanned_files,
        roots
            .iter()
            .map(|path| format!("`{}`", path.display()))
            .collect::<Vec<_>>()
            .join(", "),
        raised,
        diagnostics.error_count(),
        if diagnostics.error_count() == 1 {
            "error"
        } else {
            "errors"
        },
        diagnostics.warning_count(),
        if diagnostics.warning_count() == 1 {
            "warning"
        } else {
            "warnings"
        },
    );
    if diagnostics.has_errors() {
        ExitCode::FAILURE
    } else if args.deny_warnings && diagnostics.warning_count() > 0 {
        eprintln!("error: warnings are denied by `--deny-warnings`");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The `members` of the workspace's `Cargo.toml`.
fn workspace_members(root: &Path) -> Result<Vec<PathBuf>, String> {
    let manifest = root.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|error| format!("cannot read `{}` ({error})", manifest.display()))?;
    let list = text
        .split_once("members")
        .and_then(|(_, rest)| rest.split_once('['))
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .ok_or_else(|| {
            "the workspace `Cargo.toml` has no `members` list: pass `--path` instead".to_owned()
        })?;
    Ok(list
        .split(',')
        .map(|item| item.trim().trim_matches('"'))
        .filter(|item| !item.is_empty())
        .map(PathBuf::from)
        .collect())
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
    fn the_workspace_members_are_found() {
        let members = workspace_members(&crate::workspace_root()).unwrap();
        assert!(members.contains(&PathBuf::from("codegen")), "{members:?}");
        assert!(members.contains(&PathBuf::from("xtask")), "{members:?}");
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
