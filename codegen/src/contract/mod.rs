//! The catalog as a contract: the release lock, the breaking-change diff and
//! the workspace usage checks.
//!
//! Clients branch on code ids, read params from details and headers, and some
//! match the flat envelope's message. Once a catalog version is published,
//! those are promises. This module keeps them:
//!
//! - [`config`] reads `catalog/_catalog.yaml`: the catalog's version and the
//!   usage checks' settings and exemptions.
//! - [`lock`] is the release lock, `catalog/release.lock.json`: every code ever
//!   published, with what clients can observe of it.
//! - [`diff`](mod@diff) compares two snapshots of the catalog and classifies every change
//!   as breaking or compatible; [`changelog`] renders the result as Markdown and
//!   decides whether the versions allow it.
//! - [`usage`] scans the workspace's Rust sources: codes that are never raised,
//!   code ids spelled as string literals, and message values that no
//!   machine-readable member carries.
//!
//! Everything here is pure: callers (the `xtask` commands) read the files and
//! run git; these functions only take text and models.
//!
//! # Examples
//!
//! ```
//! use codegen::contract::{Lock, changelog, diff};
//!
//! let yaml = r#"
//! domain: auth
//! description: Authentication errors.
//! codes:
//!   - id: token_expired
//!     status: 401
//!     message: "The token expired."
//!     resolution: Sign in again.
//!     examples:
//!       - name: default
//! "#;
//! let loaded = codegen::load_sources(vec![("auth.yaml".into(), yaml.into())]);
//! let version = semver::Version::new(1, 0, 0);
//! let before = Lock::from_catalog(&loaded.catalog, Some(version.clone()));
//! let after = Lock::from_catalog(&codegen::model::Catalog::default(), Some(version));
//! let changes = diff::diff(&before, &after);
//! assert!(changes.has_breaking());
//! let verdict = changelog::decide(&changes, before.version.as_ref(), after.version.as_ref());
//! assert!(!verdict.passes());
//! ```

pub mod changelog;
pub mod config;
pub mod diff;
pub mod lock;
pub mod usage;

pub use changelog::{Verdict, decide, is_major_bump, render_markdown};
pub use config::{CONFIG_FILE, CatalogConfig, ConfigError, UsageConfig};
pub use diff::{Change, ChangeKind, Changelog, Impact, diff};
pub use semver::Version;

pub use lock::{LOCK_FILE, LOCK_FORMAT, Lock, LockError, LockedCode, LockedParam};
