//! The release rules: the least version the next release needs, and whether
//! the catalog's version allows its unreleased changes.
//!
//! The lock records the released versions and the contents of the last one;
//! a released version names those contents for good. The unreleased changes
//! are the differences between the last release and the catalog, and the
//! next release needs at least the last released version bumped by the
//! largest of them, as semver reads versions:
//!
//! - a **breaking** change needs a major bump (`1.4.2` → `2.0.0`);
//! - a compatible change that adds to what clients or callers can use (a
//!   code, an alias, a param, a details member, a deprecation, a retirement)
//!   needs a **minor** bump (`1.4.2` → `1.5.0`);
//! - an edit of text meant for people only (descriptions, resolutions, the
//!   public message, `since`, a retired code) needs a **patch** bump
//!   (`1.4.2` → `1.4.3`).
//!
//! Below 1.0.0, as Cargo reads versions, a breaking change bumps the minor
//! (`0.3.1` → `0.4.0`) and anything else the patch (`0.3.1` → `0.3.2`).
//!
//! [`assess`] refuses, whatever else holds: a forbidden change (a deleted
//! code, which includes a code renamed without keeping its old id as an
//! alias, and a reused retired id); a version lower than the released one;
//! the released version itself with other contents; and a version below the
//! least one the changes need. `cargo xtask diff` and `cargo xtask release`
//! both decide with it, so they always agree.

use std::fmt;
use std::path::Path;

use semver::Version;

use crate::config::{CONFIG_FILE, DEFAULT_VERSION};
use crate::contract::diff::{Change, ChangeKind, Changelog, Impact};

/// How much a version must grow for a change, in semver's terms.
///
/// Ordered from the smallest to the largest bump.
///
/// # Examples
///
/// ```
/// use codegen::contract::Bump;
/// use semver::Version;
///
/// assert_eq!(Bump::Minor.apply(&Version::new(1, 4, 2)), Version::new(1, 5, 0));
/// assert_eq!(Bump::Major.apply(&Version::new(0, 3, 1)), Version::new(0, 4, 0));
/// assert_eq!(Bump::Minor.apply(&Version::new(0, 3, 1)), Version::new(0, 3, 2));
/// assert!(Bump::Patch < Bump::Major);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bump {
    /// Text meant for people changed: `1.4.2` → `1.4.3`.
    Patch,
    /// Something was added that existing clients and callers do not need:
    /// `1.4.2` → `1.5.0`.
    Minor,
    /// Clients or callers written against the release may break:
    /// `1.4.2` → `2.0.0`.
    Major,
}

impl Bump {
    /// The bump `change` needs.
    ///
    /// # Examples
    ///
    /// ```
    /// use codegen::contract::{Bump, Change, ChangeKind, Impact};
    ///
    /// let change = Change {
    ///     code: "token_expired".to_owned(),
    ///     kind: ChangeKind::DocsEdited,
    ///     impact: Impact::Compatible,
    ///     forbidden: false,
    ///     summary: "resolution edited".to_owned(),
    /// };
    /// assert_eq!(Bump::of(&change), Bump::Patch);
    /// ```
    pub fn of(change: &Change) -> Bump {
        if change.impact == Impact::Breaking {
            return Bump::Major;
        }
        match change.kind {
            ChangeKind::DocsEdited
            | ChangeKind::SinceChanged
            | ChangeKind::PublicMessageChanged
            | ChangeKind::RetiredCodeEdited => Bump::Patch,
            _ => Bump::Minor,
        }
    }

    /// The largest bump the allowed changes of `changes` need; `None` when
    /// there are none (no change, or only forbidden ones, which no version
    /// allows).
    pub fn required(changes: &Changelog) -> Option<Bump> {
        changes
            .changes()
            .iter()
            .filter(|change| !change.forbidden)
            .map(Bump::of)
            .max()
    }

    /// The least version after `released` with this bump; pre-release and
    /// build metadata are dropped.
    pub fn apply(self, released: &Version) -> Version {
        let Version {
            major,
            minor,
            patch,
            ..
        } = *released;
        match (self, major) {
            (Bump::Major, 0) => Version::new(0, minor + 1, 0),
            (Bump::Major, _) => Version::new(major + 1, 0, 0),
            (Bump::Minor, 0) | (Bump::Patch, _) => Version::new(major, minor, patch + 1),
            (Bump::Minor, _) => Version::new(major, minor + 1, 0),
        }
    }

    /// `"major"`, `"minor"` or `"patch"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// What the changes that need this bump are, for messages.
    fn changes_phrase(self) -> &'static str {
        match self {
            Bump::Patch => "edits of text meant for people",
            Bump::Minor => "compatible changes",
            Bump::Major => "breaking changes",
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why the catalog's version does not allow releasing its changes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// Changes that no version allows: a deleted code (or a code renamed
    /// without keeping its old id as an alias) or a reused retired id.
    Forbidden {
        /// How many.
        count: usize,
    },
    /// The version is lower than the last released one.
    VersionLowered {
        /// The last released version.
        released: Version,
        /// The catalog's version.
        version: Version,
        /// The least version that fixes it.
        least: Version,
    },
    /// The version is the last released one, but the contents changed.
    AlreadyReleased {
        /// The last released version, which is also the catalog's.
        released: Version,
        /// The least version the changes need.
        least: Version,
    },
    /// The version is above the released one, but below what the changes need.
    BumpTooSmall {
        /// The last released version.
        released: Version,
        /// The catalog's version.
        version: Version,
        /// The bump the changes need.
        bump: Bump,
        /// The least version the changes need.
        least: Version,
    },
}

impl Refusal {
    /// The least version that resolves the refusal; `None` when no version
    /// does ([`Refusal::Forbidden`]).
    pub fn least_version(&self) -> Option<&Version> {
        match self {
            Refusal::Forbidden { .. } => None,
            Refusal::VersionLowered { least, .. }
            | Refusal::AlreadyReleased { least, .. }
            | Refusal::BumpTooSmall { least, .. } => Some(least),
        }
    }

    /// The message, with a fix that names `config_file` (the catalog's
    /// `_catalog.yaml`, which `config_exists` says exists or not).
    ///
    /// # Examples
    ///
    /// ```
    /// use codegen::contract::Refusal;
    /// use semver::Version;
    ///
    /// let refusal = Refusal::AlreadyReleased {
    ///     released: Version::new(1, 0, 0),
    ///     least: Version::new(1, 1, 0),
    /// };
    /// assert_eq!(
    ///     refusal.message("svc/errors/_catalog.yaml".as_ref(), true),
    ///     "1.0.0 is already released with other contents: bump `version` in `svc/errors/_catalog.yaml` to 1.1.0 or higher"
    /// );
    /// assert_eq!(
    ///     refusal.message("svc/errors/_catalog.yaml".as_ref(), false),
    ///     "1.0.0 is already released with other contents: create `svc/errors/_catalog.yaml` with `version: \"1.1.0\"` (without it the version is 0.1.0)"
    /// );
    /// ```
    pub fn message(&self, config_file: &Path, config_exists: bool) -> String {
        let problem = match self {
            Refusal::Forbidden { count } => {
                return format!(
                    "{count} {} never allowed, whatever the version: codes are never deleted (a renamed code keeps its old id as an alias) and retired ids are never reused",
                    if *count == 1 {
                        "change is"
                    } else {
                        "changes are"
                    }
                );
            }
            Refusal::VersionLowered {
                released, version, ..
            } => format!(
                "`version` {version} is lower than the released {released}: versions never go down"
            ),
            Refusal::AlreadyReleased { released, .. } => {
                format!("{released} is already released with other contents")
            }
            Refusal::BumpTooSmall {
                released,
                version,
                bump,
                ..
            } => format!(
                "the {} since {released} need a {bump} version bump, and `version` is {version}",
                bump.changes_phrase()
            ),
        };
        let Some(least) = self.least_version() else {
            return problem;
        };
        let fix = if config_exists {
            let verb = match self {
                Refusal::AlreadyReleased { .. } => "bump",
                _ => "set",
            };
            format!(
                "{verb} `version` in `{}` to {least} or higher",
                config_file.display()
            )
        } else {
            format!(
                "create `{}` with `version: \"{least}\"` (without it the version is {DEFAULT_VERSION})",
                config_file.display()
            )
        };
        format!("{problem}: {fix}")
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Path::new(CONFIG_FILE), true))
    }
}

/// What the unreleased changes need, and whether the catalog's version
/// allows them.
///
/// # Examples
///
/// ```
/// use codegen::contract::{Bump, Lock, assess, diff};
/// use semver::Version;
///
/// let yaml = r#"
/// domain: auth
/// description: Authentication errors.
/// codes:
///   - id: token_expired
///     status: 401
///     message: "The token expired."
///     resolution: Sign in again.
///     examples:
///       - name: default
/// "#;
/// let lock = |yaml: &str, version| {
///     let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
///     Lock::from_catalog(&loaded.catalog, version)
/// };
/// let released = lock(yaml, Version::new(1, 0, 0)).released_after(None);
/// let edited = yaml.replace("Sign in again.", "Sign in again, then retry.");
///
/// // A resolution is text for people: the next release needs 1.0.1.
/// let same_version = lock(&edited, Version::new(1, 0, 0));
/// let assessment = assess(&diff(&released, &same_version), &released.version, &same_version.version);
/// assert_eq!(assessment.bump, Some(Bump::Patch));
/// assert_eq!(assessment.least, Some(Version::new(1, 0, 1)));
/// assert!(!assessment.passes());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assessment {
    /// The last released version.
    pub released: Version,
    /// The catalog's version.
    pub version: Version,
    /// The bump the allowed changes need; `None` when there are none.
    pub bump: Option<Bump>,
    /// The least version the next release needs; `None` when there is
    /// nothing to release but the version itself.
    pub least: Option<Version>,
    /// Why the version does not allow the changes; empty when it does.
    pub refusals: Vec<Refusal>,
}

impl Assessment {
    /// Whether the version allows the changes (exit status 0).
    pub fn passes(&self) -> bool {
        self.refusals.is_empty()
    }

    /// One Markdown paragraph for the end of the changelog: what the next
    /// release needs and what the catalog's version is.
    ///
    /// # Examples
    ///
    /// ```
    /// use codegen::contract::{Changelog, assess};
    /// use semver::Version;
    ///
    /// let version = Version::new(1, 1, 0);
    /// let assessment = assess(&Changelog::default(), &version, &version);
    /// assert_eq!(assessment.summary(), "Nothing to release: the catalog is release 1.1.0.\n");
    /// ```
    pub fn summary(&self) -> String {
        let Assessment {
            released, version, ..
        } = self;
        let forbidden = self
            .refusals
            .iter()
            .any(|refusal| matches!(refusal, Refusal::Forbidden { .. }));
        match (&self.bump, &self.least) {
            _ if forbidden => {
                format!("No version allows releasing these changes over {released}.\n")
            }
            (Some(bump), Some(least)) => format!(
                "The next release needs {least} or higher ({} since {released}); `version` is {version}.\n",
                bump.changes_phrase()
            ),
            _ if version == released => {
                format!("Nothing to release: the catalog is release {released}.\n")
            }
            _ => format!(
                "No changes since {released}; `version` is {version}, which a release would record with the same contents.\n"
            ),
        }
    }
}

/// Decides whether `changes`, the differences between the release
/// `released` and the catalog at `version`, may be released as `version`.
///
/// A pre-release of the least version counts as that version
/// (`2.0.0-rc.1` allows breaking changes over `1.4.0`).
pub fn assess(changes: &Changelog, released: &Version, version: &Version) -> Assessment {
    let mut refusals = Vec::new();
    let forbidden = changes
        .changes()
        .iter()
        .filter(|change| change.forbidden)
        .count();
    if forbidden > 0 {
        refusals.push(Refusal::Forbidden { count: forbidden });
    }
    let bump = Bump::required(changes);
    let least = bump.map(|bump| bump.apply(released));
    let release = Version::new(version.major, version.minor, version.patch);
    if version < released {
        refusals.push(Refusal::VersionLowered {
            released: released.clone(),
            version: version.clone(),
            least: least.clone().unwrap_or_else(|| released.clone()),
        });
    } else if let (Some(bump), Some(least)) = (bump, &least) {
        if version == released {
            refusals.push(Refusal::AlreadyReleased {
                released: released.clone(),
                least: least.clone(),
            });
        } else if release < *least {
            refusals.push(Refusal::BumpTooSmall {
                released: released.clone(),
                version: version.clone(),
                bump,
                least: least.clone(),
            });
        }
    }
    Assessment {
        released: released.clone(),
        version: version.clone(),
        bump,
        least,
        refusals,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn bumps_follow_semver_and_cargo_below_one() {
        let cases = [
            (Bump::Major, "1.4.2", "2.0.0"),
            (Bump::Minor, "1.4.2", "1.5.0"),
            (Bump::Patch, "1.4.2", "1.4.3"),
            (Bump::Major, "0.3.1", "0.4.0"),
            (Bump::Minor, "0.3.1", "0.3.2"),
            (Bump::Patch, "0.3.1", "0.3.2"),
            (Bump::Major, "0.0.3", "0.1.0"),
            (Bump::Minor, "2.0.0-rc.1", "2.1.0"),
        ];
        for (bump, released, least) in cases {
            assert_eq!(bump.apply(&v(released)), v(least), "{bump} over {released}");
        }
    }

    #[test]
    fn refusal_messages_name_the_fix() {
        let lowered = Refusal::VersionLowered {
            released: v("1.2.0"),
            version: v("1.1.0"),
            least: v("1.2.0"),
        };
        assert_eq!(
            lowered.to_string(),
            "`version` 1.1.0 is lower than the released 1.2.0: versions never go down: set `version` in `_catalog.yaml` to 1.2.0 or higher"
        );
        let small = Refusal::BumpTooSmall {
            released: v("1.2.0"),
            version: v("1.3.0"),
            bump: Bump::Major,
            least: v("2.0.0"),
        };
        assert_eq!(
            small.message(Path::new("x/_catalog.yaml"), true),
            "the breaking changes since 1.2.0 need a major version bump, and `version` is 1.3.0: set `version` in `x/_catalog.yaml` to 2.0.0 or higher"
        );
        assert_eq!(
            Refusal::Forbidden { count: 2 }.to_string(),
            "2 changes are never allowed, whatever the version: codes are never deleted (a renamed code keeps its old id as an alias) and retired ids are never reused"
        );
    }
}
