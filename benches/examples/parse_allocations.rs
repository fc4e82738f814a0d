//! Prints the allocations of one client parse per envelope and case, ours,
//! the plain serde struct's and the parse result's own, one JSON object per
//! line, for `cargo xtask bench`. (`tests/allocations.rs` asserts the
//! budget.)

use benchmarks::alloc::{CountingAllocator, parse_allocations};
use benchmarks::fixtures::{Case, ENVELOPES, envelope_name};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn main() {
    for envelope in ENVELOPES {
        for case in Case::ALL {
            let counts = parse_allocations(envelope, case);
            println!(
                "{}",
                serde_json::json!({
                    "envelope": envelope_name(envelope),
                    "case": case.name(),
                    "ours": counts.ours,
                    "plain": counts.plain,
                    "result": counts.result,
                    "budget": counts.budget(),
                })
            );
        }
    }
}
