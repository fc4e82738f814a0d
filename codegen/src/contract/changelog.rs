//! Renders a [`Changelog`] as Markdown and decides whether the catalog's
//! version allows it.

use std::fmt::Write as _;

use semver::Version;

use crate::contract::diff::{Change, Changelog};
use crate::text::plural;

/// Whether `new` is a major bump over `old`, in semver's sense.
///
/// Below 1.0.0 a minor bump counts as major (`0.3.1` → `0.4.0`), as Cargo
/// treats it.
///
/// # Examples
///
/// ```
/// use codegen::contract::is_major_bump;
/// use semver::Version;
///
/// assert!(is_major_bump(&Version::new(1, 4, 2), &Version::new(2, 0, 0)));
/// assert!(!is_major_bump(&Version::new(1, 4, 2), &Version::new(1, 5, 0)));
/// assert!(is_major_bump(&Version::new(0, 3, 1), &Version::new(0, 4, 0)));
/// assert!(!is_major_bump(&Version::new(2, 0, 0), &Version::new(1, 9, 0)));
/// ```
pub fn is_major_bump(old: &Version, new: &Version) -> bool {
    if old.major == 0 {
        new.major > 0 || new.minor > old.minor
    } else {
        new.major > old.major
    }
}

/// What the diff concludes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing changed.
    NoChanges,
    /// Only compatible changes.
    Compatible,
    /// Breaking changes, allowed by a major version bump.
    BreakingWithMajorBump,
    /// Changes that the versions do not allow; each reason says how to fix it.
    Rejected(Vec<String>),
}

impl Verdict {
    /// Whether the diff passes (exit status 0).
    pub fn passes(&self) -> bool {
        !matches!(self, Verdict::Rejected(_))
    }
}

/// Decides whether `changes` are allowed going from version `old` to `new`.
///
/// Breaking changes need a major bump; forbidden ones (a deleted code, a
/// reused retired id) are never allowed. An unknown version (a snapshot
/// without `_catalog.yaml`) never counts as a major bump.
///
/// # Examples
///
/// ```
/// use codegen::contract::{Changelog, Verdict, decide};
/// use semver::Version;
///
/// let none = Changelog::default();
/// let verdict = decide(&none, Some(&Version::new(1, 0, 0)), Some(&Version::new(1, 0, 0)));
/// assert_eq!(verdict, Verdict::NoChanges);
/// ```
pub fn decide(changes: &Changelog, old: Option<&Version>, new: Option<&Version>) -> Verdict {
    if changes.is_empty() {
        return Verdict::NoChanges;
    }
    let mut reasons = Vec::new();
    let forbidden = changes
        .changes()
        .iter()
        .filter(|change| change.forbidden)
        .count();
    if forbidden > 0 {
        reasons.push(format!(
            "{forbidden} {} never allowed: codes are never deleted and retired ids are never reused, whatever the version",
            plural(forbidden, "change is", "changes are")
        ));
    }
    let breaking = changes
        .breaking()
        .filter(|change| !change.forbidden)
        .count();
    let major = match (old, new) {
        (Some(old), Some(new)) => is_major_bump(old, new),
        _ => false,
    };
    if breaking > 0 && !major {
        let versions = match (old, new) {
            (Some(old), Some(new)) => format!(" (from {old} to {new})"),
            _ => String::new(),
        };
        let next = old.map_or_else(
            || "the next major version".to_owned(),
            |old| {
                if old.major == 0 {
                    format!("`0.{}.0`", old.minor + 1)
                } else {
                    format!("`{}.0.0`", old.major + 1)
                }
            },
        );
        reasons.push(format!(
            "{breaking} breaking {} without a major version bump{versions}: set `version` in `catalog/_catalog.yaml` to {next} or undo {}",
            plural(breaking, "change", "changes"),
            plural(breaking, "it", "them"),
        ));
    }
    if !reasons.is_empty() {
        Verdict::Rejected(reasons)
    } else if changes.has_breaking() {
        Verdict::BreakingWithMajorBump
    } else {
        Verdict::Compatible
    }
}

/// Renders the changelog as Markdown: a title, then `## Breaking` and
/// `## Compatible`, each with a `###` section per code.
///
/// `old_label` and `new_label` name the two sides, e.g. `1.0.0 (release.lock.json)`.
///
/// # Examples
///
/// ```
/// use codegen::contract::{Changelog, render_markdown};
///
/// let text = render_markdown(&Changelog::default(), "1.0.0", "1.0.0 (working tree)");
/// assert_eq!(text, "# Catalog changes: 1.0.0 → 1.0.0 (working tree)\n\nno changes\n");
/// ```
pub fn render_markdown(changes: &Changelog, old_label: &str, new_label: &str) -> String {
    let mut out = format!("# Catalog changes: {old_label} → {new_label}\n\n");
    if changes.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    let sections: [(&str, Vec<&Change>); 2] = [
        ("Breaking", changes.breaking().collect()),
        ("Compatible", changes.compatible().collect()),
    ];
    let mut first = true;
    for (title, list) in sections {
        if list.is_empty() {
            continue;
        }
        if !first {
            out.push('\n');
        }
        first = false;
        let _ = writeln!(out, "## {title}");
        let mut current: Option<&str> = None;
        for change in list {
            if current != Some(change.code.as_str()) {
                let _ = write!(out, "\n### `{}`\n\n", change.code);
                current = Some(&change.code);
            }
            let marker = if change.forbidden {
                "**not allowed, whatever the version**: "
            } else {
                ""
            };
            let _ = writeln!(out, "- {marker}{}", change.summary);
        }
    }
    out
}
