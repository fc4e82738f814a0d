//! `_catalog.yaml`: settings of the catalog as a whole.
//!
//! The loader skips files whose name starts with `_`, so this file never
//! becomes a domain. It holds the catalog's semver version (recorded in the
//! release lock and compared by the diff) and the settings of the usage
//! checks, with every exemption named and justified:
//!
//! ```yaml
//! version: "1.0.0"
//! usage:
//!   paths: [errors-core, xtask]          # what to scan [default: the crate owning the catalog]
//!   unraised:                            # codes no scanned crate has to raise
//!     internal_error: raised by the gateway, outside this workspace
//!   literals:                            # files allowed to spell code ids as strings
//!     errors-core/src/wire.rs: parses ids received from other services
//!   message_only:                        # `code.param` values allowed in a message only
//!     invalid_request.reason: free text meant for humans
//! ```
//!
//! The file is optional: a catalog without it has the version
//! [`DEFAULT_VERSION`] (`0.1.0`) and no usage settings or exemptions
//! ([`CatalogConfig::default`]); [`CatalogConfig::load_or_default`] reads it
//! that way. Only a file that is present but invalid is an error.

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

/// The version of a catalog without `_catalog.yaml`.
///
/// `0.1.0`, the version `cargo new` gives a crate: below 1.0.0, so the
/// catalog makes no stability promise until its author writes one.
///
/// # Examples
///
/// ```
/// use codegen::contract::{CatalogConfig, DEFAULT_VERSION};
///
/// assert_eq!(DEFAULT_VERSION.to_string(), "0.1.0");
/// assert_eq!(CatalogConfig::default().version, DEFAULT_VERSION);
/// ```
pub const DEFAULT_VERSION: Version = Version::new(0, 1, 0);

/// The parsed `_catalog.yaml`, or the defaults when a catalog has none.
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

/// The settings of a catalog without `_catalog.yaml`: version
/// [`DEFAULT_VERSION`], no usage settings and no exemptions.
impl Default for CatalogConfig {
    fn default() -> Self {
        CatalogConfig {
            version: DEFAULT_VERSION,
            usage: UsageConfig::default(),
        }
    }
}

/// Settings and exemptions of the usage checks.
///
/// Every exemption maps a name to the reason it is exempt; an empty reason is
/// rejected, like tidy's exemption lists that carry a comment per entry.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UsageConfig {
    /// Directories or files to scan, relative to the crate that owns the
    /// catalog (the nearest ancestor of the catalog directory with a
    /// `Cargo.toml`); empty means that whole crate, or every member when it
    /// is a workspace root.
    pub paths: Vec<PathBuf>,
    /// Codes that no scanned crate has to raise, with the reason.
    pub unraised: BTreeMap<String, String>,
    /// Files (relative to the crate that owns the catalog, `/`-separated)
    /// allowed to spell code ids as string literals, with the reason.
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

    /// Reads and parses `<catalog_dir>/_catalog.yaml`, or returns the
    /// defaults when the file does not exist.
    ///
    /// This is how every command reads the file: only a file that exists
    /// but cannot be read or is invalid is an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use codegen::contract::{CatalogConfig, DEFAULT_VERSION};
    ///
    /// let dir = std::env::temp_dir().join(format!("config-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir).unwrap();
    /// let config = CatalogConfig::load_or_default(&dir).unwrap();
    /// assert_eq!(config.version, DEFAULT_VERSION);
    ///
    /// std::fs::write(dir.join("_catalog.yaml"), "version: banana\n").unwrap();
    /// let error = CatalogConfig::load_or_default(&dir).unwrap_err();
    /// assert!(error.message.contains("not a semver version"), "{error}");
    /// # std::fs::remove_dir_all(&dir).unwrap();
    /// ```
    pub fn load_or_default(catalog_dir: &Path) -> Result<Self, ConfigError> {
        let file = catalog_dir.join(CONFIG_FILE);
        match std::fs::read_to_string(&file) {
            Ok(text) => CatalogConfig::parse(&file, &text),
            Err(problem) if problem.kind() == std::io::ErrorKind::NotFound => {
                Ok(CatalogConfig::default())
            }
            Err(problem) => Err(ConfigError {
                message: format!("cannot read the file ({problem}): check its permissions"),
                file,
                position: None,
            }),
        }
    }

    /// Reads and parses `<catalog_dir>/_catalog.yaml`, which must exist.
    ///
    /// Commands use [`CatalogConfig::load_or_default`]; this is for callers
    /// that need the file itself.
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
    let offset = crate::span::offset_of(&text, line, column);
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

    /// A fresh directory under the system's temporary directory.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join(format!("codegen-config-{}", std::process::id()))
            .join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_missing_file_gives_the_defaults() {
        let dir = scratch("missing");
        let config = CatalogConfig::load_or_default(&dir).unwrap();
        assert_eq!(config, CatalogConfig::default());
        assert_eq!(config.version, Version::new(0, 1, 0));
        assert!(config.usage.unraised.is_empty() && config.usage.paths.is_empty());
    }

    #[test]
    fn a_present_file_must_be_valid_and_is_named_in_errors() {
        let dir = scratch("invalid");
        std::fs::write(dir.join(CONFIG_FILE), "version: \"1.0.0\"\nusge: {}\n").unwrap();
        let error = CatalogConfig::load_or_default(&dir).unwrap_err();
        assert_eq!(error.file, dir.join(CONFIG_FILE));
        assert_eq!(error.position.map(|(line, _)| line), Some(2), "{error}");
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}:2:", dir.join(CONFIG_FILE).display())),
            "{error}"
        );

        std::fs::write(dir.join(CONFIG_FILE), "version: \"2.3.4\"\n").unwrap();
        let config = CatalogConfig::load_or_default(&dir).unwrap();
        assert_eq!(config.version, Version::new(2, 3, 4));
    }

    #[test]
    fn an_unreadable_file_is_an_error() {
        let dir = scratch("unreadable");
        std::fs::create_dir_all(dir.join(CONFIG_FILE)).unwrap();
        let error = CatalogConfig::load_or_default(&dir).unwrap_err();
        assert!(error.message.starts_with("cannot read the file"), "{error}");
    }
}
