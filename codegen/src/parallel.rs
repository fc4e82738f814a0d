//! Independent pieces of work spread over the machine's cores, with their
//! results handed back in the order of their inputs.
//!
//! The pipeline's heavy steps work on independent pieces: parsing one file,
//! rendering one Rust file, printing one schema. Doing them on several cores
//! shortens the wall time of `cargo xtask codegen` and of build scripts
//! without changing the output: results are always consumed in input order,
//! so the output does not depend on which thread finished first.

use std::num::NonZeroUsize;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, mpsc};
use std::thread;

/// Runs `work` on every item, on as many threads as there are cores, and
/// calls `consume` with each result in the order of `items`.
///
/// `consume` runs on the calling thread, as soon as a result and all the
/// results before it are ready, so that a result can be used and dropped
/// while later items are still being worked on. Workers stay at most two
/// items per thread ahead of `consume`, so that few results wait in memory
/// at once. With one core or one item, everything runs on the calling
/// thread. A panic in `work` stops the other threads from starting new
/// items and is resumed on the calling thread.
pub(crate) fn for_each_ordered<'a, T, R, W, C>(items: &'a [T], work: W, mut consume: C)
where
    T: Sync,
    R: Send,
    W: Fn(&'a T) -> R + Sync,
    C: FnMut(R),
{
    let threads = thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .min(items.len());
    if threads <= 1 {
        items.iter().map(&work).for_each(consume);
        return;
    }
    let window = threads * 2;
    let next = AtomicUsize::new(0);
    // The index of the next result `consume` takes, or `usize::MAX` once a
    // worker panicked.
    let due = Mutex::new(0usize);
    let turn = Condvar::new();
    let (sender, receiver) = mpsc::channel::<(usize, thread::Result<R>)>();
    let panic = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let sender = sender.clone();
                let (next, due, turn, work) = (&next, &due, &turn, &work);
                scope.spawn(move || {
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else {
                            return;
                        };
                        let mut due_now = lock(due);
                        while *due_now != usize::MAX && index >= *due_now + window {
                            due_now = turn.wait(due_now).unwrap_or_else(PoisonError::into_inner);
                        }
                        if *due_now == usize::MAX {
                            return;
                        }
                        drop(due_now);
                        let outcome = panic::catch_unwind(AssertUnwindSafe(|| work(item)));
                        let panicked = outcome.is_err();
                        if sender.send((index, outcome)).is_err() || panicked {
                            return;
                        }
                    }
                })
            })
            .collect();
        drop(sender);
        let mut waiting: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
        let mut next_due = 0;
        let mut panic = None;
        // The channel closes when every worker has returned.
        for (index, outcome) in &receiver {
            match outcome {
                Ok(result) => waiting[index] = Some(result),
                Err(payload) => {
                    panic = Some(payload);
                    *lock(&due) = usize::MAX;
                    turn.notify_all();
                    break;
                }
            }
            let before = next_due;
            while let Some(result) = waiting.get_mut(next_due).and_then(Option::take) {
                consume(result);
                next_due += 1;
            }
            if next_due != before {
                *lock(&due) = next_due;
                turn.notify_all();
            }
        }
        drop(receiver);
        for worker in workers {
            if let Err(payload) = worker.join() {
                panic.get_or_insert(payload);
            }
        }
        panic
    });
    if let Some(payload) = panic {
        panic::resume_unwind(payload);
    }
}

/// Locks `mutex`, which no code can leave inconsistent by panicking.
fn lock(mutex: &Mutex<usize>) -> MutexGuard<'_, usize> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `work` on every item, on as many threads as there are cores, and
/// returns the results in the order of `items`.
pub(crate) fn map_ordered<'a, T, R, W>(items: &'a [T], work: W) -> Vec<R>
where
    T: Sync,
    R: Send,
    W: Fn(&'a T) -> R + Sync,
{
    let mut results = Vec::with_capacity(items.len());
    for_each_ordered(items, work, |result| results.push(result));
    results
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
        for_each_ordered(&items, |item| item * 2, |result| seen.push(result));
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
