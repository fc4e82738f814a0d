//! The release lock: every code ever published and what clients can observe
//! of it.
//!
//! `cargo xtask release` writes it to `release.lock.json` in the catalog
//! directory; the diff compares the current catalog with it. It records the
//! contents of the last release and every version released so far (oldest
//! first, the last one being the lock's `version`). It is pretty-printed JSON
//! with codes sorted by id and params in declaration order, so a release
//! shows up in review as a readable diff, and it never records spans or file
//! paths, so it only changes when the catalog's meaning does.

use std::collections::BTreeMap;
use std::fmt;

use semver::Version;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{Catalog, Code, Param};

/// The name of the lock file inside the catalog directory.
pub const LOCK_FILE: &str = "release.lock.json";

/// The lock file's format number, bumped when its layout changes.
///
/// Format 2 added the `released` list; a format 1 lock is still read, as a
/// lock whose only released version is its `version`.
pub const LOCK_FORMAT: u32 = 2;

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
/// let snapshot = Lock::from_catalog(&loaded.catalog, semver::Version::new(1, 0, 0));
/// assert!(snapshot.released.is_empty());
/// let lock = snapshot.released_after(None);
/// let json = lock.to_json();
/// assert!(json.contains("\"released\": [\n    \"1.0.0\"\n  ]"), "{json}");
/// assert!(json.contains("\"token_expired\": {"));
/// assert_eq!(Lock::from_json(&json).unwrap(), lock);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// The layout of the file, [`LOCK_FORMAT`].
    pub format: u32,
    /// The catalog version: of the last release for a lock file, the
    /// catalog's own for a snapshot.
    #[serde(with = "version_text")]
    pub version: Version,
    /// Every released version, oldest first, the last one being `version`;
    /// empty for a snapshot that is not a release (the working tree, a git
    /// ref).
    #[serde(default, with = "version_list", skip_serializing_if = "Vec::is_empty")]
    pub released: Vec<Version>,
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
    /// The snapshot of `catalog` at `version`: not a release, so
    /// [`released`](Lock::released) is empty.
    pub fn from_catalog(catalog: &Catalog, version: Version) -> Self {
        let codes = catalog
            .codes_with_domain()
            .map(|(domain, code)| (code.id.value.clone(), locked_code(&domain.name, code)))
            .collect();
        Lock {
            format: LOCK_FORMAT,
            version,
            released: Vec::new(),
            codes,
        }
    }

    /// This snapshot as the lock that records its release after `previous`
    /// (the lock file so far, if any): the released versions are those of
    /// `previous` followed by this snapshot's version, unless it is already
    /// the last one.
    ///
    /// Whether the versions allow the release is decided before, by
    /// [`assess`](crate::contract::assess).
    ///
    /// # Examples
    ///
    /// ```
    /// use codegen::contract::Lock;
    /// use codegen::model::Catalog;
    /// use semver::Version;
    ///
    /// let first = Lock::from_catalog(&Catalog::default(), Version::new(1, 0, 0)).released_after(None);
    /// let second = Lock::from_catalog(&Catalog::default(), Version::new(1, 1, 0)).released_after(Some(&first));
    /// assert_eq!(second.released, [Version::new(1, 0, 0), Version::new(1, 1, 0)]);
    /// ```
    #[must_use]
    pub fn released_after(mut self, previous: Option<&Lock>) -> Lock {
        let mut released = previous.map_or_else(Vec::new, |lock| lock.released.clone());
        if released.last() != Some(&self.version) {
            released.push(self.version.clone());
        }
        self.format = LOCK_FORMAT;
        self.released = released;
        self
    }

    /// The lock as pretty-printed JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .unwrap_or_else(|error| unreachable!("a lock always serializes: {error}"));
        text.push('\n');
        text
    }

    /// Reads a lock file's text (format [`LOCK_FORMAT`], or format 1).
    pub fn from_json(text: &str) -> Result<Self, LockError> {
        const RESTORE: &str = "restore it from git or rewrite it with `cargo xtask release`";
        let invalid = |message: String| LockError { message };
        let mut lock: Lock = serde_json::from_str(text)
            .map_err(|error| invalid(format!("the lock is not valid ({error}): {RESTORE}")))?;
        match lock.format {
            1 if lock.released.is_empty() => {
                // Format 1 recorded the last release only.
                lock.released.push(lock.version.clone());
                lock.format = LOCK_FORMAT;
            }
            1 => {
                return Err(invalid(format!(
                    "the lock has `format: 1` and a `released` list, which format 1 does not have: {RESTORE}"
                )));
            }
            LOCK_FORMAT => {}
            other => {
                return Err(invalid(format!(
                    "the lock has `format: {other}` but this tool reads formats 1 to {LOCK_FORMAT}: update the tool"
                )));
            }
        }
        if lock.released.last() != Some(&lock.version) {
            return Err(invalid(format!(
                "the lock's `released` list does not end with its `version` {}: {RESTORE}",
                lock.version
            )));
        }
        if lock.released.windows(2).any(|pair| pair[0] >= pair[1]) {
            return Err(invalid(format!(
                "the lock's `released` versions are not in increasing order: {RESTORE}"
            )));
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

/// A version as its text, `"1.2.0"`.
mod version_text {
    use super::*;

    pub(super) fn serialize<S: Serializer>(
        version: &Version,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_str(version)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Version, D::Error> {
        let text = String::deserialize(deserializer)?;
        Version::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// A list of versions as a list of their texts.
mod version_list {
    use super::*;

    pub(super) fn serialize<S: Serializer>(
        versions: &[Version],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(versions.iter().map(ToString::to_string))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<Version>, D::Error> {
        Vec::<String>::deserialize(deserializer)?
            .iter()
            .map(|text| Version::parse(text).map_err(serde::de::Error::custom))
            .collect()
    }
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
        Lock::from_catalog(&loaded.catalog, Version::new(1, 4, 0))
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
        let lock = lock().released_after(None);
        let json = lock.to_json();
        assert!(
            json.starts_with(
                "{\n  \"format\": 2,\n  \"version\": \"1.4.0\",\n  \"released\": [\n    \"1.4.0\"\n  ],"
            ),
            "{json}"
        );
        assert_eq!(Lock::from_json(&json).unwrap(), lock);
    }

    #[test]
    fn releases_accumulate_and_a_rerelease_is_not_repeated() {
        let first = lock().released_after(None);
        let mut next = lock();
        next.version = Version::new(1, 5, 0);
        let second = next.released_after(Some(&first));
        assert_eq!(
            second.released,
            [Version::new(1, 4, 0), Version::new(1, 5, 0)]
        );
        let again = lock().released_after(Some(&first));
        assert_eq!(again.released, [Version::new(1, 4, 0)]);
    }

    #[test]
    fn reads_format_1_as_one_release() {
        let lock = Lock::from_json(r#"{"format": 1, "version": "1.0.0", "codes": {}}"#).unwrap();
        assert_eq!(lock.format, LOCK_FORMAT);
        assert_eq!(lock.released, [Version::new(1, 0, 0)]);
    }

    #[test]
    fn rejects_other_formats_and_inconsistent_versions() {
        let error =
            Lock::from_json(r#"{"format": 9, "version": "1.0.0", "codes": {}}"#).unwrap_err();
        assert!(error.message.contains("`format: 9`"), "{error}");
        let error = Lock::from_json(r#"{"format": 1, "version": null, "codes": {}}"#).unwrap_err();
        assert!(error.message.contains("not valid"), "{error}");
        let error = Lock::from_json(r#"{"format": 1, "version": "1.0.0", "codes": {}, "x": 1}"#)
            .unwrap_err();
        assert!(error.message.contains("unknown field"), "{error}");
        let error =
            Lock::from_json(r#"{"format": 2, "version": "1.0.0", "codes": {}}"#).unwrap_err();
        assert!(error.message.contains("does not end with"), "{error}");
        let error = Lock::from_json(
            r#"{"format": 2, "version": "1.0.0", "released": ["1.1.0", "1.0.0"], "codes": {}}"#,
        )
        .unwrap_err();
        assert!(error.message.contains("increasing order"), "{error}");
        let error = Lock::from_json(
            r#"{"format": 1, "version": "1.0.0", "released": ["1.0.0"], "codes": {}}"#,
        )
        .unwrap_err();
        assert!(error.message.contains("format 1 does not have"), "{error}");
    }
}
