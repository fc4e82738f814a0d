//! Rendering a body allocates once: the body buffer.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt;

use errors_core::http::StatusCode;
use errors_core::{
    ApiError, Audience, EnvelopeKind, FixedClock, FlatMcp, Param, ParamValue, ParamVisitor,
    Renderer, ResponseContext, Timestamp,
};

/// Counts the allocations of the current thread.
struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded to the system allocator unchanged.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller upholds `GlobalAlloc::dealloc`'s contract.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        // SAFETY: the caller upholds `GlobalAlloc::realloc`'s contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn allocations_of<T>(run: impl FnOnce() -> T) -> (usize, T) {
    let before = ALLOCATIONS.with(Cell::get);
    let value = run();
    (ALLOCATIONS.with(Cell::get) - before, value)
}

#[derive(Debug)]
struct InvalidApiKey;

impl fmt::Display for InvalidApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Invalid API key format")
    }
}

impl std::error::Error for InvalidApiKey {}

impl ApiError for InvalidApiKey {
    fn code(&self) -> &'static str {
        "invalid_api_key"
    }
    fn status(&self) -> StatusCode {
        StatusCode::UNAUTHORIZED
    }
    fn write_message(&self, _: Audience, out: &mut dyn fmt::Write) -> fmt::Result {
        write!(out, "{self}")
    }
}

#[derive(Debug)]
struct RateLimited {
    retry_after: u64,
    limit: u32,
}

impl fmt::Display for RateLimited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Rate limit exceeded. Please retry after {} seconds.",
            self.retry_after
        )
    }
}

impl std::error::Error for RateLimited {}

impl ApiError for RateLimited {
    fn code(&self) -> &'static str {
        "rate_limit_exceeded"
    }
    fn status(&self) -> StatusCode {
        StatusCode::TOO_MANY_REQUESTS
    }
    fn write_message(&self, _: Audience, out: &mut dyn fmt::Write) -> fmt::Result {
        write!(out, "{self}")
    }
    fn visit_params(&self, visitor: &mut dyn ParamVisitor) {
        visitor.visit(Param {
            name: "retry_after",
            value: ParamValue::Seconds(self.retry_after),
            detail: None,
            header: Some("Retry-After"),
            sensitive: false,
        });
        visitor.visit(Param {
            name: "limit",
            value: ParamValue::UInt(self.limit.into()),
            detail: Some("limit"),
            header: Some("X-RateLimit-Limit"),
            sensitive: false,
        });
    }
}

#[test]
fn a_body_is_one_allocation() {
    let errors: [&dyn ApiError; 2] = [
        &InvalidApiKey,
        &RateLimited {
            retry_after: 60,
            limit: 100,
        },
    ];
    let renderers: Vec<Renderer> = EnvelopeKind::ALL
        .into_iter()
        .map(|kind| {
            Renderer::builder()
                .envelope(kind)
                .clock(FixedClock(Timestamp::from_unix_seconds(1_733_054_400)))
                .build()
        })
        .collect();
    let mcp = ResponseContext::new()
        .envelope(&FlatMcp)
        .request_id("req_1");
    for renderer in &renderers {
        for error in errors {
            let (count, body) = allocations_of(|| renderer.render_body(error));
            assert_eq!(
                count,
                1,
                "{:?}: {}",
                renderer.envelope(),
                String::from_utf8(body).unwrap()
            );
            let (count, _) = allocations_of(|| renderer.render_body_with(error, &mcp));
            assert_eq!(count, 1, "{:?} with a context", renderer.envelope());
            let mut buf = Vec::with_capacity(1024);
            let (count, ()) = allocations_of(|| {
                renderer.render_body_into(error, &ResponseContext::new(), &mut buf)
            });
            assert_eq!(count, 0, "{:?} into a buffer", renderer.envelope());
        }
    }
}
