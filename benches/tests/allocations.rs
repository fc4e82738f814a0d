//! Allocations per rendering and per client parse, counted by a counting
//! global allocator: a code without dynamic params renders into the output
//! buffer and nothing else, and a parse allocates no more than the plain
//! serde struct of the same body plus what its result holds.

use benchmarks::alloc::{CountingAllocator, parse_allocations, render_allocations};
use benchmarks::fixtures::{Case, ENVELOPES, envelope_name};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

#[test]
fn a_code_without_params_allocates_only_the_body() {
    for envelope in ENVELOPES {
        let (ours, _) = render_allocations(envelope, Case::Plain);
        assert_eq!(
            ours,
            1,
            "rendering `invalid_api_key` in the {} envelope allocated {ours} times, expected only the body buffer",
            envelope_name(envelope)
        );
    }
}

#[test]
fn a_code_with_params_allocates_no_more_than_the_serde_baseline() {
    for envelope in ENVELOPES {
        let (ours, serde) = render_allocations(envelope, Case::Params);
        assert!(
            ours <= serde.max(1),
            "rendering `user_validation_error` in the {} envelope allocated {ours} times, the serde baseline {serde}",
            envelope_name(envelope)
        );
    }
}

#[test]
fn a_parse_allocates_no_more_than_the_plain_struct_and_its_result() {
    for envelope in ENVELOPES {
        for case in Case::ALL {
            let counts = parse_allocations(envelope, case);
            assert!(
                counts.ours <= counts.budget(),
                "parsing the {} body of `{}` allocated {} times; the plain struct {}, the result holds {}",
                envelope_name(envelope),
                case.name(),
                counts.ours,
                counts.plain,
                counts.result,
            );
        }
    }
}

#[test]
fn the_counter_sees_allocations() {
    let (count, _) = benchmarks::alloc::allocations_during(|| vec![0_u8; 3].into_boxed_slice());
    assert_eq!(count, 1);
}
