//! The placeholder locator: maps byte ranges of a string value (such as a
//! template's `{param}`) to spans in the source, through quotes, escapes and
//! block scalars.

use std::ops::Range;
use std::sync::Arc;

use crate::span::{Span, advance};

/// The most placeholders of one template looked for by searching the source;
/// beyond it they point at the whole value, which keeps hostile templates
/// from taking quadratic time.
const MAX_SEARCHES: usize = 64;

/// Maps byte ranges of a string value to spans in the source, for ranges
/// given in increasing order.
///
/// Plain and simply quoted scalars map exactly; for escaped or block scalars
/// the text is searched for, and the whole value is the fallback.
pub(super) struct Locator<'t> {
    text: &'t str,
    base: &'t Span,
    source: &'t str,
    /// How far the value's text is shifted in the source (1 for a quote),
    /// when the source is the value verbatim.
    shift: Option<usize>,
    searches: usize,
    /// A known position: a byte offset into `source` and its line and column.
    at: usize,
    line: u32,
    column: u32,
}

impl<'t> Locator<'t> {
    pub(super) fn new(text: &'t str, base: &'t Span, raw: &str) -> Self {
        let source = text.get(base.range()).unwrap_or_default();
        let shift = if source == raw {
            Some(0)
        } else if source.len() >= 2
            && (source.starts_with('"') || source.starts_with('\''))
            && source.get(1..source.len() - 1) == Some(raw)
        {
            Some(1)
        } else {
            None
        };
        Locator {
            text,
            base,
            source,
            shift,
            searches: 0,
            at: 0,
            line: base.line,
            column: base.column,
        }
    }

    /// The span of `range`, a byte range of `raw` (the value).
    pub(super) fn locate(&mut self, raw: &str, range: Range<usize>) -> Span {
        let needle = raw.get(range.clone()).unwrap_or_default();
        let start = match self.shift {
            Some(shift) => Some(range.start + shift),
            None if !needle.is_empty() && self.searches < MAX_SEARCHES => {
                self.searches += 1;
                let nth = raw[..range.start].matches(needle).count();
                self.source.match_indices(needle).nth(nth).map(|(at, _)| at)
            }
            None => None,
        };
        match start {
            Some(start) if start >= self.at && start <= self.source.len() => {
                self.advance(start);
                Span {
                    file: Arc::clone(&self.base.file),
                    line: self.line,
                    column: self.column,
                    offset: self.base.offset + start,
                    len: needle.len(),
                }
            }
            Some(start) => self.base.within(self.text, start, needle.len()),
            None => self.base.clone(),
        }
    }

    /// Moves the known position forward to `to`.
    fn advance(&mut self, to: usize) {
        let passed = self.source.get(self.at..to).unwrap_or_default();
        (self.line, self.column) = advance(self.line, self.column, passed);
        self.at = to;
    }
}
