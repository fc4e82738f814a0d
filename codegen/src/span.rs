//! Places in catalog files: [`Span`], [`Spanned`] values, and the line and
//! column arithmetic every stage shares.
//!
//! Lines and columns are 1-based; columns count characters, offsets count
//! bytes. This module sits below the YAML reader and imports nothing from the
//! crate, so every stage can use it.

use std::fmt;
use std::ops::{Deref, Range};
use std::path::Path;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// A place in a catalog file.
///
/// # Examples
///
/// ```
/// let loaded = codegen::load_sources(vec![("a.yaml".into(), "domain: [\n".into())]);
/// let problem = loaded.diagnostics.iter().next().unwrap();
/// let span = problem.span().unwrap();
/// assert_eq!(span.file.to_str(), Some("a.yaml"));
/// assert!(span.line >= 1 && span.column >= 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// The file, as given to the loader.
    pub file: Arc<Path>,
    /// The 1-based line.
    pub line: u32,
    /// The 1-based column, in characters.
    pub column: u32,
    /// The byte offset of the start in the file.
    pub offset: usize,
    /// The length in bytes (0 for a point).
    pub len: usize,
}

impl Span {
    /// The byte range of the span in its file.
    pub fn range(&self) -> Range<usize> {
        self.offset..self.offset + self.len
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file.display(), self.line, self.column)
    }
}

/// A value together with the span it was read from.
///
/// Dereferences to the value; equality, ordering and serialization look at the
/// value only.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where the value is written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs `value` with `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Spanned<T> {}

impl PartialEq<str> for Spanned<String> {
    fn eq(&self, other: &str) -> bool {
        self.value == other
    }
}

impl PartialEq<&str> for Spanned<String> {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}

impl<T: fmt::Display> fmt::Display for Spanned<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl Span {
    /// The point at the start of `file`.
    pub(crate) fn start_of(file: &Arc<Path>) -> Span {
        Span {
            file: Arc::clone(file),
            line: 1,
            column: 1,
            offset: 0,
            len: 0,
        }
    }

    /// The span `len` bytes long at byte `offset` of `text` (the contents of
    /// `file`), with its line and column counted from the start.
    pub(crate) fn in_text(file: &Arc<Path>, text: &str, offset: usize, len: usize) -> Span {
        Span::start_of(file).within(text, offset, len)
    }

    /// The span `len` bytes long starting `start` bytes into this span, whose
    /// file holds `text`.
    pub(crate) fn within(&self, text: &str, start: usize, len: usize) -> Span {
        let absolute = self.offset + start;
        let passed = text.get(self.offset..absolute).unwrap_or_default();
        let (line, column) = advance(self.line, self.column, passed);
        Span {
            file: Arc::clone(&self.file),
            line,
            column,
            offset: absolute,
            len,
        }
    }
}

/// Where a new `key: value` entry can be written into a mapping, so that a
/// fix can add a missing key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EntrySlot {
    /// Where the entry goes: before the mapping's first key, or (for an empty
    /// flow mapping) the whole `{}`.
    pub at: Span,
    /// How the mapping is written.
    pub layout: Layout,
}

/// How a mapping is written, which decides how an entry is added.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One key per line, the keys indented by this many columns.
    Block { indent: usize },
    /// `{ a: 1, b: 2 }`.
    Flow,
    /// `{}`, replaced as a whole.
    EmptyFlow,
}

impl EntrySlot {
    /// The slot of a mapping whose first key is at `first_key`, or of an
    /// empty mapping written at `mapping`; `text` is the file.
    pub(crate) fn new(text: &str, mapping: &Span, first_key: Option<&Span>) -> Option<EntrySlot> {
        let Some(key) = first_key else {
            let written = text.get(mapping.range())?;
            let inner = written.strip_prefix('{')?.strip_suffix('}')?;
            return inner.trim().is_empty().then(|| EntrySlot {
                at: mapping.clone(),
                layout: Layout::EmptyFlow,
            });
        };
        let before = text.get(..key.offset)?.trim_end_matches([' ', '\t']);
        let layout = if before.ends_with(['{', ',']) {
            Layout::Flow
        } else {
            Layout::Block {
                indent: usize::try_from(key.column.saturating_sub(1)).ok()?,
            }
        };
        let mut at = key.clone();
        at.len = 0;
        Some(EntrySlot { at, layout })
    }

    /// The text that adds `entries` (such as `status: 429`) at [`EntrySlot::at`].
    pub(crate) fn text(&self, entries: &[&str]) -> String {
        match self.layout {
            Layout::Block { indent } => {
                let indent = " ".repeat(indent);
                entries
                    .iter()
                    .map(|entry| format!("{entry}\n{indent}"))
                    .collect()
            }
            Layout::Flow => entries.iter().map(|entry| format!("{entry}, ")).collect(),
            Layout::EmptyFlow => format!("{{ {} }}", entries.join(", ")),
        }
    }
}

/// The line and column reached from `line` and `column` after `passed`.
///
/// Every forward line and column computation of the crate goes through here.
pub(crate) fn advance(line: u32, column: u32, passed: &str) -> (u32, u32) {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    match passed.rfind('\n') {
        Some(newline) => (
            line.saturating_add(count(passed.bytes().filter(|byte| *byte == b'\n').count())),
            count(passed[newline + 1..].chars().count()).saturating_add(1),
        ),
        None => (line, column.saturating_add(count(passed.chars().count()))),
    }
}

/// The byte offset of a 1-based `line` and `column` (in characters) of
/// `text`; the end of the line or of `text` when they are past it.
pub(crate) fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(index) => start += index + 1,
            None => return text.len(),
        }
    }
    let rest = &text[start..];
    let skip = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    start
        + rest
            .char_indices()
            .nth(skip)
            .map_or(rest.len(), |(index, _)| index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advancing_counts_lines_and_characters() {
        assert_eq!(advance(3, 5, ""), (3, 5));
        assert_eq!(advance(3, 5, "éa"), (3, 7));
        assert_eq!(advance(3, 5, "ab\nc\néx"), (5, 3));
    }

    #[test]
    fn offsets_and_positions_agree() {
        let text = "a: 1\nbé: [x, y]\n";
        let file: Arc<Path> = Arc::from(Path::new("t.yaml"));
        for offset in (0..=text.len()).filter(|at| text.is_char_boundary(*at)) {
            let span = Span::in_text(&file, text, offset, 0);
            assert_eq!(offset_of(text, span.line, span.column), offset, "{span}");
        }
        assert_eq!(offset_of(text, 9, 1), text.len());
    }
}
