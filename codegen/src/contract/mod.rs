//! The catalog as a contract: the release lock, the breaking-change diff and
//! the workspace usage checks.
//!
//! Clients branch on code ids, read params from details and headers, and some
//! match the flat envelope's message. Once a catalog version is published,
//! those are promises. This module keeps them:
//!
//! - [`crate::config`] reads `_catalog.yaml` in the catalog directory, which
//!   is optional: the catalog's version (default `0.1.0`) and the usage
//!   checks' settings and exemptions. It sits below the loader, which checks
//!   the file too; its items are re-exported here.
//! - [`lock`] is the release lock, `release.lock.json` in the catalog
//!   directory: the released versions, and every code ever published with
//!   what clients can observe of it.
//! - [`diff`](mod@diff) compares two snapshots of the catalog and classifies every change
//!   as breaking or compatible; [`changelog`] renders the result as Markdown.
//! - [`release`] says which version the next release needs and whether the
//!   catalog's version allows its unreleased changes.
//! - [`usage`] scans the Rust sources of the crate that owns the catalog:
//!   codes that are never raised, code ids spelled as string literals, and
//!   message values that no machine-readable member carries.
//!
//! Everything here is pure: callers (the `xtask` commands) read the files and
//! run git; these functions only take text and models.
//!
//! # Examples
//!
//! ```
//! use codegen::contract::{Lock, assess, diff};
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
//! let before = Lock::from_catalog(&loaded.catalog, version.clone());
//! let after = Lock::from_catalog(&codegen::model::Catalog::default(), semver::Version::new(2, 0, 0));
//! let changes = diff::diff(&before, &after);
//! assert!(changes.has_breaking());
//! // Deleting a code is never allowed, whatever the version.
//! assert!(!assess(&changes, &before.version, &after.version).passes());
//! ```

pub mod changelog;
pub mod diff;
pub mod lock;
pub mod release;
pub mod usage;

pub use crate::config::{CONFIG_FILE, CatalogConfig, ConfigError, DEFAULT_VERSION, UsageConfig};
pub use changelog::render_markdown;
pub use diff::{Change, ChangeKind, Changelog, Impact, diff};
pub use semver::Version;

pub use lock::{LOCK_FILE, LOCK_FORMAT, Lock, LockError, LockedCode, LockedParam};
pub use release::{Assessment, Bump, Refusal, assess};
