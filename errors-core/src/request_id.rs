//! Where a renderer gets a request id when the response context has none.

/// Produces a request id for a response whose context carries none.
///
/// Most services already have a request id from their tracing middleware and
/// pass it per response in [`ResponseContext`](crate::ResponseContext); a
/// source is the fallback, consulted once per rendering without one. Any
/// `Fn() -> String` closure is a source.
///
/// # Examples
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use errors_core::RequestIdSource;
///
/// let counter = AtomicU64::new(0);
/// let source = move || format!("req_{}", counter.fetch_add(1, Ordering::Relaxed));
/// assert_eq!(source.request_id(), "req_0");
/// assert_eq!(source.request_id(), "req_1");
/// ```
pub trait RequestIdSource: Send + Sync {
    /// A fresh request id.
    fn request_id(&self) -> String;
}

impl<F> RequestIdSource for F
where
    F: Fn() -> String + Send + Sync,
{
    fn request_id(&self) -> String {
        self()
    }
}
