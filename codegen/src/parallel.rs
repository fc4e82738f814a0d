//! Independent pieces of work spread over the machine's cores (with
//! rayon), with their results handed back in the order of their inputs.
//!
//! The pipeline's heavy steps work on independent pieces: parsing one file,
//! rendering one Rust file, printing one schema. Doing them on several cores
//! shortens the wall time of `cargo xtask codegen` and of build scripts
//! without changing the output: results are always consumed in input order,
//! so the output does not depend on which thread finished first.

use rayon::prelude::*;

/// Runs `work` on every item, on every core, and calls `consume` with each
/// result in the order of `items`.
///
/// `consume` runs on the calling thread. Items are worked on a window at a
/// time (two per core), and the window's results are consumed before the
/// next starts, so that few results wait in memory at once: a large
/// catalog's parse trees are dropped file by file. A panic in `work`
/// reaches the caller.
pub(crate) fn for_each_ordered<'a, T, R, W, C>(items: &'a [T], work: W, mut consume: C)
where
    T: Sync,
    R: Send,
    W: Fn(&'a T) -> R + Sync + Send,
    C: FnMut(R),
{
    let window = rayon::current_num_threads().max(1) * 2;
    for chunk in items.chunks(window) {
        let results: Vec<R> = chunk.par_iter().map(&work).collect();
        results.into_iter().for_each(&mut consume);
    }
}

/// Runs `work` on every item, on every core, and returns the results in the
/// order of `items`.
pub(crate) fn map_ordered<'a, T, R, W>(items: &'a [T], work: W) -> Vec<R>
where
    T: Sync,
    R: Send,
    W: Fn(&'a T) -> R + Sync + Send,
{
    items.par_iter().map(work).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order() {
        let items: Vec<u64> = (0..200).collect();
        // Uneven work, so that threads finish out of order.
        let results = map_ordered(&items, |item| {
            if item % 5 == 0 {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            item * 3
        });
        assert_eq!(
            results,
            items.iter().map(|item| item * 3).collect::<Vec<_>>()
        );
    }

    #[test]
    fn consume_sees_every_result_once_in_order() {
        let items: Vec<usize> = (0..57).collect();
        let mut seen = Vec::new();
        for_each_ordered(
            &items,
            |item| {
                if item % 3 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                item * 2
            },
            |result| seen.push(result),
        );
        assert_eq!(seen, (0..57).map(|item| item * 2).collect::<Vec<_>>());
    }

    #[test]
    fn no_items_is_no_work() {
        let results: Vec<u8> = map_ordered(&[] as &[u8], |item| *item);
        assert!(results.is_empty());
    }

    #[test]
    #[should_panic(expected = "item 13")]
    fn a_panic_in_the_work_reaches_the_caller() {
        let items: Vec<usize> = (0..40).collect();
        map_ordered(&items, |item| {
            assert_ne!(*item, 13, "item 13");
            *item
        });
    }
}
