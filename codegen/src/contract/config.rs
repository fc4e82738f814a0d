//! `catalog/_catalog.yaml`: settings of the catalog as a whole.
//!
//! The loader skips files whose name starts with `_`, so this file never
//! becomes a domain. It holds the catalog's semver version (recorded in the
//! release lock and compared by the diff) and the settings of the usage
//! checks, with every exemption named and justified:
//!
//! ```yaml
//! version: "1.0.0"
//! usage:
//!   paths: [errors-core, xtask]          # what to scan [default: every workspace member]
//!   unraised:                            # codes no scanned crate has to raise
//!     internal_error: raised by the gateway, outside this workspace
//!   literals:                            # files allowed to spell code ids as strings
//!     errors-core/src/wire.rs: parses ids received from other services
//!   message_only:                        # `code.param` values allowed in a message only
//!     invalid_request.reason: free text meant for humans
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use semver::Version;
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Rule};
use crate::model::Span;

/// The name of the configuration file inside the catalog directory.
pub const CONFIG_FILE: &str = "_catalog.yaml";

/// The parsed `_catalog.yaml`.
///
/// # Examples
///
/// ```
/// use codegen::contract::CatalogConfig;
///
/// let text = "version: \"1.2.0\"\nusage:\n  unraised:\n    old_code: raised by a partner service\n";
/// let config = CatalogConfig::parse("_catalog.yaml".as_ref(), text).unwrap();
/// assert_eq!(config.version, semver::Version::new(1, 2, 0));
/// assert_eq!(config.usage.unraised["old_code"], "raised by a partner service");
/// assert!(config.usage.paths.is_empty());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogConfig {
    /// The catalog's version: a major bump allows breaking changes.
    pub version: Version,
    /// Settings of `cargo xtask usage`.
    pub usage: UsageConfig,
}

/// Settings and exemptions of the usage checks.
///
/// Every exemption maps a name to the reason it is exempt; an empty reason is
/// rejected, like tidy's exemption lists that carry a comment per entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UsageConfig {
    /// Directories or files to scan, relative to the workspace root; empty
    /// means every workspace member.
    pub paths: Vec<PathBuf>,
    /// Codes that no scanned crate has to raise, with the reason.
    pub unraised: BTreeMap<String, String>,
    /// Files (relative to the workspace root, `/`-separated) allowed to spell
    /// code ids as string literals, with the reason.
    pub literals: BTreeMap<String, String>,
    /// `code.param` pairs whose value may appear in a message without a
    /// detail member or header, with the reason.
    pub message_only: BTreeMap<String, String>,
}

/// A problem with `_catalog.yaml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub file: PathBuf,
    /// The 1-based line and column, when known.
    pub position: Option<(u32, u32)>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: ", self.file.display())?,
            None => write!(f, "{}: ", self.file.display())?,
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    version: String,
    #[serde(default)]
    usage: RawUsage,
}

/// The `usage` mapping as written.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUsage {
    #[serde(default)]
    paths: Vec<PathBuf>,
    #[serde(default)]
    unraised: BTreeMap<String, String>,
    #[serde(default)]
    literals: BTreeMap<String, String>,
    #[serde(default)]
    message_only: BTreeMap<String, String>,
}

impl CatalogConfig {
    /// Parses the text of `_catalog.yaml`; `file` is only used in errors.
    pub fn parse(file: &Path, text: &str) -> Result<Self, ConfigError> {
        let error = |position, message: String| ConfigError {
            file: file.to_path_buf(),
            position,
            message,
        };
        let raw: RawConfig = serde_saphyr::from_str(text).map_err(|problem| {
            let inner = problem.without_snippet();
            let position = inner.location().filter(|at| at.line() > 0).map(|at| {
                (
                    u32::try_from(at.line()).unwrap_or(u32::MAX),
                    u32::try_from(at.column()).unwrap_or(u32::MAX),
                )
            });
            let mut message = inner.to_string();
            if let Some(index) = message.find(" at line ") {
                message.truncate(index);
            }
            error(
                position,
                format!("{message}; expected `version` and an optional `usage` mapping"),
            )
        })?;
        let version = Version::parse(raw.version.trim()).map_err(|problem| {
            error(
                locate_key(text, "version"),
                format!(
                    "`version` is not a semver version ({problem}): write it as `MAJOR.MINOR.PATCH`, e.g. \"1.0.0\""
                ),
            )
        })?;
        let usage = raw.usage;
        for (key, list) in [
            ("unraised", &usage.unraised),
            ("literals", &usage.literals),
            ("message_only", &usage.message_only),
        ] {
            if let Some((name, _)) = list.iter().find(|(_, reason)| reason.trim().is_empty()) {
                return Err(error(
                    locate_key(text, name),
                    format!(
                        "the exemption `usage.{key}.{name}` has no reason: say why it is exempt"
                    ),
                ));
            }
        }
        if let Some((name, _)) = usage
            .message_only
            .iter()
            .find(|(name, _)| name.split_once('.').is_none())
        {
            return Err(error(
                locate_key(text, name),
                format!("`usage.message_only.{name}` does not name a param: write `code.param`"),
            ));
        }
        Ok(CatalogConfig {
            version,
            usage: UsageConfig {
                paths: usage.paths,
                unraised: usage.unraised,
                literals: usage.literals,
                message_only: usage.message_only,
            },
        })
    }

    /// Reads and parses `<catalog_dir>/_catalog.yaml`.
    ///
    /// # Examples
    ///
    /// ```no_run
    /// let config = codegen::contract::CatalogConfig::load("catalog".as_ref()).unwrap();
    /// println!("catalog version {}", config.version);
    /// ```
    pub fn load(catalog_dir: &Path) -> Result<Self, ConfigError> {
        let file = catalog_dir.join(CONFIG_FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => CatalogConfig::parse(&file, &text),
            Err(problem) => Err(ConfigError {
                message: format!(
                    "cannot read `{CONFIG_FILE}` ({problem}): create it with `version: \"1.0.0\"`"
                ),
                file,
                position: None,
            }),
        }
    }
}

/// The line and column of the first key `key` in `text`, for problems
/// found after parsing.
fn locate_key(text: &str, key: &str) -> Option<(u32, u32)> {
    text.lines().enumerate().find_map(|(index, line)| {
        let indent = line.len() - line.trim_start().len();
        let rest = line.trim_start();
        let rest = rest
            .strip_prefix(key)
            .or_else(|| rest.strip_prefix(&format!("\"{key}\"")))
            .or_else(|| rest.strip_prefix(&format!("'{key}'")))?;
        rest.trim_start().starts_with(':').then(|| {
            (
                u32::try_from(index + 1).unwrap_or(u32::MAX),
                u32::try_from(indent + 1).unwrap_or(u32::MAX),
            )
        })
    })
}

/// The problem of `<dir>/_catalog.yaml`, when the file exists and is not
/// valid, as a diagnostic at its place, with the file's text for rendering.
/// A missing file is no problem: the settings then have their defaults.
pub(crate) fn check_config_file(dir: &Path) -> Option<(Arc<Path>, Arc<str>, Diagnostic)> {
    let path = dir.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&path).ok()?;
    let problem = CatalogConfig::parse(&path, &text).err()?;
    let file: Arc<Path> = Arc::from(path.as_path());
    let (line, column) = problem.position.unwrap_or((1, 1));
    let offset = crate::yaml::offset_of(&text, line, column);
    let span = Span {
        file: Arc::clone(&file),
        line,
        column,
        offset,
        len: 0,
    };
    let diagnostic = Diagnostic::new(Rule::InvalidConfig, problem.message)
        .at(&span, "")
        .help(format!(
            "`{CONFIG_FILE}` holds the catalog's `version` (semver, e.g. \"1.0.0\") and an optional `usage` mapping; see the `codegen::contract::config` docs"
        ));
    Some((file, Arc::from(text), diagnostic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<CatalogConfig, ConfigError> {
        CatalogConfig::parse(Path::new("_catalog.yaml"), text)
    }

    #[test]
    fn a_version_alone_is_enough() {
        let config = parse("version: \"2.1.3\"\n").unwrap();
        assert_eq!(config.version, Version::new(2, 1, 3));
        assert_eq!(config.usage, UsageConfig::default());
    }

    #[test]
    fn unknown_keys_are_rejected_with_their_line() {
        let error = parse("version: \"1.0.0\"\nusage:\n  path: [a]\n").unwrap_err();
        assert!(error.message.contains("path"), "{error}");
        assert_eq!(error.position.map(|(line, _)| line), Some(3), "{error}");
    }

    #[test]
    fn a_version_must_be_semver() {
        let error = parse("# settings\nversion: \"1.0\"\n").unwrap_err();
        assert_eq!(error.position, Some((2, 1)));
        assert!(
            error
                .message
                .starts_with("`version` is not a semver version")
        );
    }

    #[test]
    fn exemptions_need_a_reason() {
        let error =
            parse("version: \"1.0.0\"\nusage:\n  unraised:\n    a_code: \"\"\n").unwrap_err();
        assert_eq!(
            error.message,
            "the exemption `usage.unraised.a_code` has no reason: say why it is exempt"
        );
    }

    #[test]
    fn message_only_exemptions_name_a_param() {
        let error = parse("version: \"1.0.0\"\nusage:\n  message_only:\n    a_code: free text\n")
            .unwrap_err();
        assert!(error.message.contains("write `code.param`"), "{error}");
    }
}
