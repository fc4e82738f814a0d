//! The release lock: every code ever published and what clients can observe
//! of it.
//!
//! `cargo xtask release` writes it to `catalog/release.lock.json`; the diff
//! compares the current catalog with it. It is pretty-printed JSON with codes
//! sorted by id and params in declaration order, so a release shows up in
//! review as a readable diff, and it never records spans or file paths, so it
//! only changes when the catalog's meaning does.

use std::collections::BTreeMap;
use std::fmt;

use semver::Version;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{Catalog, Code, Param};

/// The name of the lock file inside the catalog directory.
pub const LOCK_FILE: &str = "release.lock.json";

/// The lock file's format number, bumped when its layout changes.
pub const LOCK_FORMAT: u32 = 1;

/// A snapshot of the catalog's contract: a release lock, or a catalog read
/// from the working tree or a git ref.
///
/// # Examples
///
/// ```
/// use codegen::contract::Lock;
///
/// let yaml = r#"
/// domain: auth
/// description: Authentication errors.
/// codes:
///   - id: token_expired
///     status: 401
///     message: "The token expired."
///     resolution: Sign in again.
///     aliases: [expired_token]
///     examples:
///       - name: default
/// "#;
/// let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
/// let lock = Lock::from_catalog(&loaded.catalog, Some(semver::Version::new(1, 0, 0)));
/// let json = lock.to_json();
/// assert!(json.contains("\"token_expired\": {"));
/// assert_eq!(Lock::from_json(&json).unwrap(), lock);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// The layout of the file, [`LOCK_FORMAT`].
    pub format: u32,
    /// The catalog version; `None` only for a snapshot of a catalog without
    /// `_catalog.yaml` (a lock file always has one).
    #[serde(
        serialize_with = "serialize_version",
        deserialize_with = "deserialize_version"
    )]
    pub version: Option<Version>,
    /// Every code, by id.
    pub codes: BTreeMap<String, LockedCode>,
}

/// One code as clients see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedCode {
    /// The domain the code belongs to.
    pub domain: String,
    /// The HTTP status.
    pub status: u16,
    /// Whether a client may retry unchanged.
    pub retryable: bool,
    /// The message template, as written in the catalog.
    pub message: String,
    /// The public message template, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_message: Option<String>,
    /// Other or former names, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Whether the error carries field-level messages.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fields: bool,
    /// The params, in declaration order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<LockedParam>,
    /// The catalog version that added the code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// The deprecation, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<LockedDeprecation>,
    /// The retirement, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<LockedRetirement>,
    /// When the error occurs (Markdown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What the client should do (Markdown).
    pub resolution: String,
}

/// One param of a [`LockedCode`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedParam {
    /// The param's name.
    pub name: String,
    /// The catalog type name (`string`, `u32`, ...).
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether the value may be absent.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// Whether the value never reaches the public audience.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// The details member that carries the value, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The HTTP header that carries the value, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// What the value means.
    pub description: String,
}

/// A `deprecated` entry of a [`LockedCode`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedDeprecation {
    /// The code to use instead, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    /// The deprecation notice, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A `retired` entry of a [`LockedCode`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LockedRetirement {
    /// The catalog version that retired the code.
    pub since: String,
    /// Why, and what replaces it.
    pub note: String,
}

/// Why a lock file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockError {
    /// What is wrong and how to fix it.
    pub message: String,
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LockError {}

impl Lock {
    /// The snapshot of `catalog` at `version`.
    pub fn from_catalog(catalog: &Catalog, version: Option<Version>) -> Self {
        let codes = catalog
            .codes_with_domain()
            .map(|(domain, code)| (code.id.value.clone(), locked_code(&domain.name, code)))
            .collect();
        Lock {
            format: LOCK_FORMAT,
            version,
            codes,
        }
    }

    /// The lock as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .unwrap_or_else(|error| unreachable!("a lock always serializes: {error}"));
        text.push('\n');
        text
    }

    /// Reads a lock file's text.
    pub fn from_json(text: &str) -> Result<Self, LockError> {
        let lock: Lock = serde_json::from_str(text).map_err(|error| LockError {
            message: format!(
                "the lock is not valid ({error}): restore it from git or rewrite it with `cargo xtask release`"
            ),
        })?;
        if lock.format != LOCK_FORMAT {
            return Err(LockError {
                message: format!(
                    "the lock has `format: {}` but this tool reads format {LOCK_FORMAT}: update the tool",
                    lock.format
                ),
            });
        }
        if lock.version.is_none() {
            return Err(LockError {
                message: "the lock has no `version`: restore it from git or rewrite it with `cargo xtask release`".to_owned(),
            });
        }
        Ok(lock)
    }

    /// The code whose id or alias is `name`, with its id.
    pub fn find(&self, name: &str) -> Option<(&str, &LockedCode)> {
        self.codes
            .get_key_value(name)
            .or_else(|| {
                self.codes
                    .iter()
                    .find(|(_, code)| code.aliases.iter().any(|alias| alias == name))
            })
            .map(|(id, code)| (id.as_str(), code))
    }
}

fn locked_code(domain: &str, code: &Code) -> LockedCode {
    let mut aliases: Vec<String> = code
        .aliases
        .iter()
        .map(|alias| alias.value.clone())
        .collect();
    aliases.sort();
    LockedCode {
        domain: domain.to_owned(),
        status: code.status,
        retryable: code.retryable,
        message: code.message.raw.clone(),
        public_message: code
            .public_message
            .as_ref()
            .map(|template| template.raw.clone()),
        aliases,
        fields: code.fields,
        params: code.params.iter().map(locked_param).collect(),
        since: code.since.clone(),
        deprecated: code
            .deprecated
            .as_ref()
            .map(|deprecation| LockedDeprecation {
                replacement: deprecation
                    .replacement
                    .as_ref()
                    .map(|replacement| replacement.value.clone()),
                note: deprecation.note.clone(),
            }),
        retired: code.retired.as_ref().map(|retirement| LockedRetirement {
            since: retirement.since.clone(),
            note: retirement.note.clone(),
        }),
        description: code.description.clone(),
        resolution: code.resolution.clone(),
    }
}

fn locked_param(param: &Param) -> LockedParam {
    LockedParam {
        name: param.name.value.clone(),
        ty: param.ty.as_str().to_owned(),
        optional: param.optional,
        sensitive: param.sensitive,
        detail: param.detail.as_ref().map(|detail| detail.value.clone()),
        header: param.header.as_ref().map(|header| header.value.clone()),
        description: param.description.clone(),
    }
}

fn is_false(flag: &bool) -> bool {
    !flag
}

fn serialize_version<S: Serializer>(
    version: &Option<Version>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match version {
        Some(version) => serializer.collect_str(version),
        None => serializer.serialize_none(),
    }
}

fn deserialize_version<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Version>, D::Error> {
    let text = Option::<String>::deserialize(deserializer)?;
    text.map(|text| Version::parse(&text).map_err(serde::de::Error::custom))
        .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = r#"
domain: limits
description: Limits.
codes:
  - id: slow_down
    status: 429
    message: "Retry after {retry_after} seconds."
    resolution: Wait.
    retryable: true
    aliases: [zz_old, aa_old]
    params:
      - name: retry_after
        type: seconds
        description: Seconds to wait.
        example: 5
        header: Retry-After
    examples:
      - name: default
        params: { retry_after: 5 }
"#;

    fn lock() -> Lock {
        let loaded = crate::load_sources(vec![("limits.yaml".into(), YAML.into())]);
        assert!(
            !loaded.diagnostics.has_errors(),
            "{}",
            loaded.diagnostics.render(false)
        );
        Lock::from_catalog(&loaded.catalog, Some(Version::new(1, 4, 0)))
    }

    #[test]
    fn records_what_clients_observe() {
        let lock = lock();
        let code = &lock.codes["slow_down"];
        assert_eq!((code.status, code.retryable), (429, true));
        assert_eq!(code.aliases, ["aa_old", "zz_old"]);
        assert_eq!(code.params[0].ty, "seconds");
        assert_eq!(code.params[0].header.as_deref(), Some("Retry-After"));
        assert_eq!(lock.find("zz_old").map(|(id, _)| id), Some("slow_down"));
    }

    #[test]
    fn round_trips_through_json() {
        let lock = lock();
        let json = lock.to_json();
        assert!(
            json.starts_with("{\n  \"format\": 1,\n  \"version\": \"1.4.0\","),
            "{json}"
        );
        assert_eq!(Lock::from_json(&json).unwrap(), lock);
    }

    #[test]
    fn rejects_other_formats_and_missing_versions() {
        let error =
            Lock::from_json(r#"{"format": 9, "version": "1.0.0", "codes": {}}"#).unwrap_err();
        assert!(error.message.contains("`format: 9`"), "{error}");
        let error = Lock::from_json(r#"{"format": 1, "version": null, "codes": {}}"#).unwrap_err();
        assert!(error.message.contains("no `version`"), "{error}");
        let error = Lock::from_json(r#"{"format": 1, "version": "1.0.0", "codes": {}, "x": 1}"#)
            .unwrap_err();
        assert!(error.message.contains("unknown field"), "{error}");
    }
}
