//! Prints the allocations of one rendering per envelope and case, ours and
//! the serde baseline's, one JSON object per line, for `cargo xtask bench`.
//! (`tests/allocations.rs` asserts the same counts.)

use benchmarks::alloc::{CountingAllocator, render_allocations};
use benchmarks::fixtures::{Case, ENVELOPES, envelope_name};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn main() {
    for envelope in ENVELOPES {
        for case in Case::ALL {
            let (ours, serde) = render_allocations(envelope, case);
            println!(
                "{}",
                serde_json::json!({
                    "envelope": envelope_name(envelope),
                    "case": case.name(),
                    "ours": ours,
                    "serde": serde,
                })
            );
        }
    }
}
