//! The diagnostic collector: gathers every problem so that all are reported at once.

use crate::diagnostic::{Diagnostic, Rule};

/// The most diagnostics one load reports.
///
/// A catalog with more problems than this has a systematic mistake that the
/// first ones show; the cap also bounds the time spent on suggestions and
/// rendering for hostile input.
pub(crate) const MAX_DIAGNOSTICS: usize = 1_000;

/// Collects diagnostics during loading and validation.
///
/// It is consumed once with [`Ctxt::finish`]; dropping it unfinished is a bug
/// in the loader (problems would be lost), caught by a debug assertion.
pub(crate) struct Ctxt {
    items: Option<Vec<Diagnostic>>,
    /// Diagnostics past [`MAX_DIAGNOSTICS`], counted but not kept.
    dropped: usize,
}

impl Ctxt {
    /// An empty collector.
    pub(crate) fn new() -> Self {
        Ctxt {
            items: Some(Vec::new()),
            dropped: 0,
        }
    }

    /// Records a problem.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        if let Some(items) = &mut self.items {
            if items.len() < MAX_DIAGNOSTICS {
                items.push(diagnostic);
            } else {
                self.dropped += 1;
            }
        }
    }

    /// Whether further problems would be dropped: checks that are costly per
    /// problem stop early.
    pub(crate) fn is_full(&self) -> bool {
        self.items
            .as_ref()
            .is_none_or(|items| items.len() >= MAX_DIAGNOSTICS)
    }

    /// Consumes the collector, returning every problem recorded.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        let mut items = self.items.take().unwrap_or_default();
        if self.dropped > 0 || items.len() >= MAX_DIAGNOSTICS {
            let more = if self.dropped > 0 {
                format!("at least {} more problems were found", self.dropped)
            } else {
                "more problems may exist".to_owned()
            };
            items.push(
                Diagnostic::new(
                    Rule::TooManyProblems,
                    format!("{more}; only the first {MAX_DIAGNOSTICS} are reported"),
                )
                .help("fix the problems above and run the check again"),
            );
        }
        items
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        debug_assert!(
            self.items.is_none() || std::thread::panicking(),
            "a diagnostic collector was dropped without being finished"
        );
    }
}
