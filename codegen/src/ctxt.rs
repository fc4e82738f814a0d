//! The diagnostic collector: gathers every problem so that all are reported at once.

use crate::diagnostic::Diagnostic;

/// Collects diagnostics during loading and validation.
///
/// It is consumed once with [`Ctxt::finish`]; dropping it unfinished is a bug
/// in the loader (problems would be lost), caught by a debug assertion.
pub(crate) struct Ctxt {
    items: Option<Vec<Diagnostic>>,
}

impl Ctxt {
    /// An empty collector.
    pub(crate) fn new() -> Self {
        Ctxt {
            items: Some(Vec::new()),
        }
    }

    /// Records a problem.
    pub(crate) fn push(&mut self, diagnostic: Diagnostic) {
        if let Some(items) = &mut self.items {
            items.push(diagnostic);
        }
    }

    /// Consumes the collector, returning every problem recorded.
    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        self.items.take().unwrap_or_default()
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
