//! A counting global allocator: how many allocations a piece of code makes.
//!
//! A binary installs it with `#[global_allocator]`; [`allocations_during`]
//! then counts the allocations (and reallocations) of the current thread
//! while a closure runs. Counts are exact and stable, unlike times, so tests
//! assert them.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The system allocator, counting each thread's allocations.
///
/// # Examples
///
/// ```
/// use benchmarks::alloc::{CountingAllocator, allocations_during};
///
/// #[global_allocator]
/// static GLOBAL: CountingAllocator = CountingAllocator;
///
/// let (count, _) = allocations_during(|| Vec::<u8>::with_capacity(64));
/// assert_eq!(count, 1);
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count_one() {
    // `try_with`: the thread's counter may already be gone while the thread
    // exits, and allocations then are not counted.
    let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
}

// SAFETY: every call is forwarded unchanged to the system allocator; the
// counter is a const-initialized thread local that never allocates.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: the caller upholds `GlobalAlloc::alloc_zeroed`'s contract.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs `run` and returns how many allocations and reallocations the
/// current thread made meanwhile, with its result.
///
/// The count is 0 for everything unless [`CountingAllocator`] is the
/// binary's global allocator.
pub fn allocations_during<T>(run: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = run();
    (ALLOCATIONS.with(Cell::get) - before, value)
}

/// Allocations of one rendering of `case` in `envelope`: ours, then the
/// hand-written serde baseline's.
///
/// Each side renders once first, so one-time work (such as thread-local
/// setup) is not counted. Counts are 0 unless [`CountingAllocator`] is the
/// binary's global allocator.
pub fn render_allocations(
    envelope: errors_core::EnvelopeKind,
    case: crate::fixtures::Case,
) -> (usize, usize) {
    use crate::baseline::serde_body;
    use crate::fixtures::{INSTANCE, NOW, REQUEST_ID, render, renderer};

    let renderer = renderer(envelope);
    let error = case.error();
    let ours = || render(&renderer, &error);
    let serde = || serde_body(envelope, &error, NOW, INSTANCE, REQUEST_ID);
    drop((ours(), serde()));
    let (ours, _) = allocations_during(ours);
    let (serde, _) = allocations_during(serde);
    (ours, serde)
}

/// Allocations of one client parse of the response of `case` in
/// `envelope`, against what the parse may cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParseAllocations {
    /// The client parser's allocations: [`Parser::parse_http`] of the
    /// response, told the envelope.
    ///
    /// [`Parser::parse_http`]: errors_core::client::Parser::parse_http
    pub ours: usize,
    /// `serde_json::from_slice` of the same body into the plain owned
    /// struct of its envelope ([`parse_plain`](crate::plain::parse_plain)).
    pub plain: usize,
    /// The parse result's own: what cloning the `ParsedError` the parser
    /// returned allocates (its message, code, request id and typed error).
    pub result: usize,
}

impl ParseAllocations {
    /// The most the parser may allocate: the plain struct's allocations
    /// plus the result's own.
    ///
    /// # Examples
    ///
    /// ```
    /// use benchmarks::alloc::ParseAllocations;
    ///
    /// let counts = ParseAllocations { ours: 3, plain: 2, result: 3 };
    /// assert_eq!(counts.budget(), 5);
    /// ```
    pub const fn budget(&self) -> usize {
        self.plain + self.result
    }
}

/// Allocations of one client parse of `case` in `envelope`, ours and the
/// plain struct's, with the parse result's own.
///
/// Each side parses once first, so one-time work (the compiled message
/// templates) is not counted. Counts are 0 unless [`CountingAllocator`] is
/// the binary's global allocator.
///
/// # Panics
///
/// When either side fails to parse the body.
pub fn parse_allocations(
    envelope: errors_core::EnvelopeKind,
    case: crate::fixtures::Case,
) -> ParseAllocations {
    use errors_core::client::Parser;

    let response = crate::fixtures::response(envelope, case);
    let parser = Parser::new().envelope(envelope);
    let ours = || {
        parser
            .parse_http(&response)
            .expect("the parser reads the body")
    };
    let plain = || {
        crate::plain::parse_plain(envelope, response.body())
            .expect("the plain struct reads the body")
    };
    let parsed = ours();
    drop(plain());
    let (result, _) = allocations_during(|| parsed.clone());
    let (ours, _) = allocations_during(ours);
    let (plain, _) = allocations_during(plain);
    ParseAllocations {
        ours,
        plain,
        result,
    }
}
