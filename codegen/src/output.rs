//! Writing generated files: only when their content changed, or, in check
//! mode, only reporting what would change.
//!
//! Every artifact is written through a [`FileSync`], so that
//! `cargo xtask codegen` prints what it changed, `cargo xtask codegen
//! --check` fails naming the stale files without touching them, and a build
//! script does not touch files whose content is the same (which would make
//! cargo rebuild).
//!
//! # Examples
//!
//! ```
//! use codegen::output::{ChangeKind, FileSync};
//!
//! let root = std::env::temp_dir().join(format!("codegen-output-doc-{}", std::process::id()));
//! let mut sync = FileSync::new(&root, false);
//! sync.ensure_file_contents("a.txt".as_ref(), "one").unwrap();
//! sync.ensure_file_contents("a.txt".as_ref(), "one").unwrap();
//! assert_eq!(sync.changes().len(), 1);
//! assert_eq!(sync.changes()[0].kind, ChangeKind::Created);
//!
//! let mut check = FileSync::new(&root, true);
//! check.ensure_file_contents("a.txt".as_ref(), "two").unwrap();
//! assert_eq!(check.changes()[0].to_string(), "updated a.txt");
//! assert_eq!(std::fs::read_to_string(root.join("a.txt")).unwrap(), "one\n");
//! # std::fs::remove_dir_all(&root).unwrap();
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What happened, or would happen, to one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// The file did not exist.
    Created,
    /// The file existed with other content.
    Updated,
    /// The file is generated but no longer produced (e.g. its domain was removed).
    Removed,
}

/// One changed file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What changed.
    pub kind: ChangeKind,
    /// The file, relative to the sync's root.
    pub path: PathBuf,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = match self.kind {
            ChangeKind::Created => "created",
            ChangeKind::Updated => "updated",
            ChangeKind::Removed => "removed",
        };
        write!(f, "{verb} {}", self.path.display())
    }
}

/// Writes generated files below a root directory (or, when checking,
/// compares them) and records every change.
#[derive(Debug)]
pub struct FileSync {
    root: PathBuf,
    check: bool,
    changes: Vec<Change>,
}

impl FileSync {
    /// A sync below `root`; with `check`, nothing is written.
    pub fn new(root: impl Into<PathBuf>, check: bool) -> Self {
        Self {
            root: root.into(),
            check,
            changes: Vec::new(),
        }
    }

    /// The changes made (or, when checking, found) so far.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// Makes the file at `path` (relative to the root) hold `contents`,
    /// with `\n` line endings and one final newline; writes only if that
    /// differs from what the file holds (ignoring `\r\n` line endings).
    pub fn ensure_file_contents(&mut self, path: &Path, contents: &str) -> io::Result<()> {
        let contents = normalize_newlines(contents);
        let full = self.root.join(path);
        let kind = match std::fs::read_to_string(&full) {
            Ok(existing) if normalize_newlines(&existing) == contents => return Ok(()),
            Ok(_) => ChangeKind::Updated,
            Err(error) if error.kind() == io::ErrorKind::NotFound => ChangeKind::Created,
            // Unreadable as UTF-8 or otherwise: regenerate it.
            Err(_) => ChangeKind::Updated,
        };
        if !self.check {
            if let Some(parent) = full.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&full, contents.as_bytes())?;
        }
        self.record(kind, path);
        Ok(())
    }

    /// Makes the directory `dir` (relative to the root) hold exactly `files`
    /// (paths relative to `dir`) among its files whose name ends in one of
    /// `extensions`: writes each as [`FileSync::ensure_file_contents`] does
    /// and removes the others. Files with other extensions are left alone.
    pub fn ensure_dir_contents(
        &mut self,
        dir: &Path,
        files: &BTreeMap<PathBuf, String>,
        extensions: &[&str],
    ) -> io::Result<()> {
        for (path, contents) in files {
            self.ensure_file_contents(&dir.join(path), contents)?;
        }
        let mut existing = Vec::new();
        list_files(&self.root.join(dir), Path::new(""), &mut existing)?;
        existing.sort();
        for relative in existing {
            let name = relative.to_string_lossy();
            let owned = extensions.iter().any(|extension| name.ends_with(extension));
            if owned && !files.contains_key(&relative) {
                let path = dir.join(&relative);
                if !self.check {
                    std::fs::remove_file(self.root.join(&path))?;
                }
                self.record(ChangeKind::Removed, &path);
            }
        }
        Ok(())
    }

    fn record(&mut self, kind: ChangeKind, path: &Path) {
        self.changes.push(Change {
            kind,
            path: path.to_path_buf(),
        });
    }
}

/// `text` with `\n` line endings and exactly one final newline (none if empty).
pub fn normalize_newlines(text: &str) -> String {
    let mut out = text.replace("\r\n", "\n");
    let trimmed = out.trim_end_matches('\n').len();
    out.truncate(trimmed);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Every file below `dir` (recursively), as paths relative to the listing's
/// start; a missing directory has none.
fn list_files(dir: &Path, prefix: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let relative = prefix.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            list_files(&entry.path(), &relative, out)?;
        } else {
            out.push(relative);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh, empty directory under the system's temporary directory
    /// (`CARGO_TARGET_TMPDIR` is only set for integration tests).
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir()
            .join(format!("xtask-{}", std::process::id()))
            .join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("the scratch directory can be created");
        dir
    }

    #[test]
    fn writes_only_changed_files() {
        let root = scratch("files-writes-only-changed");
        let mut sync = FileSync::new(&root, false);
        sync.ensure_file_contents(Path::new("a/b.rs"), "one\n")
            .unwrap();
        sync.ensure_file_contents(Path::new("a/b.rs"), "one\n")
            .unwrap();
        std::fs::write(root.join("c.rs"), "old\r\nline\r\n").unwrap();
        sync.ensure_file_contents(Path::new("c.rs"), "old\nline")
            .unwrap();
        sync.ensure_file_contents(Path::new("a/b.rs"), "two")
            .unwrap();
        let changes: Vec<String> = sync.changes().iter().map(ToString::to_string).collect();
        assert_eq!(changes, ["created a/b.rs", "updated a/b.rs"]);
        assert_eq!(
            std::fs::read_to_string(root.join("a/b.rs")).unwrap(),
            "two\n"
        );
    }

    #[test]
    fn check_mode_writes_nothing_and_reports_stale_files() {
        let root = scratch("files-check-mode");
        std::fs::create_dir_all(root.join("gen/domains")).unwrap();
        std::fs::write(root.join("gen/domains/gone.rs"), "x").unwrap();
        std::fs::write(root.join("gen/notes.md"), "kept").unwrap();
        let files = BTreeMap::from([(PathBuf::from("mod.rs"), "m".to_owned())]);
        let mut sync = FileSync::new(&root, true);
        sync.ensure_dir_contents(Path::new("gen"), &files, &[".rs"])
            .unwrap();
        let changes: Vec<String> = sync.changes().iter().map(ToString::to_string).collect();
        assert_eq!(
            changes,
            ["created gen/mod.rs", "removed gen/domains/gone.rs"]
        );
        assert!(!root.join("gen/mod.rs").exists());
        assert!(root.join("gen/domains/gone.rs").exists());

        let mut sync = FileSync::new(&root, false);
        sync.ensure_dir_contents(Path::new("gen"), &files, &[".rs"])
            .unwrap();
        assert!(root.join("gen/mod.rs").exists());
        assert!(!root.join("gen/domains/gone.rs").exists());
        assert!(root.join("gen/notes.md").exists());
    }

    #[test]
    fn newlines_are_normalized() {
        assert_eq!(normalize_newlines("a\r\nb\n\n\n"), "a\nb\n");
        assert_eq!(normalize_newlines(""), "");
    }
}
