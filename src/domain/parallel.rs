//! Work side by side on the machine's cores, for the loader's big arrays: 100,000 stages and
//! 300,000 transitions are read in a few chunks at once. Results come back in input order, so
//! what is built and what is reported do not depend on the number of threads.

use std::num::NonZeroUsize;
use std::thread;

/// Below this many items a chunk is not worth a thread.
const MIN_CHUNK: usize = 4096;
/// Enough for the machines we run on; more threads only add start-up and merging.
const MAX_WORKERS: usize = 8;

/// How many threads may work at once.
pub fn workers() -> usize {
    thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .clamp(1, MAX_WORKERS)
}

/// `items` cut into at most `workers()` contiguous chunks of at least `MIN_CHUNK` items (one
/// chunk when there are few).
pub fn chunks<T>(items: &[T]) -> Vec<&[T]> {
    if items.is_empty() {
        return Vec::new();
    }
    let len = items.len().div_ceil(workers()).max(MIN_CHUNK);
    items.chunks(len).collect()
}

/// `f` applied to each item, the items side by side on threads, the results in order. A thread
/// that cannot be started leaves its item to the calling thread.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let Some((last, rest)) = items.split_last() else {
        return Vec::new();
    };
    let f = &f;
    thread::scope(|scope| {
        let handles: Vec<_> = rest
            .iter()
            .map(|item| {
                thread::Builder::new()
                    .spawn_scoped(scope, move || f(item))
                    .map_err(|_| item)
            })
            .collect();
        let mine = f(last);
        let mut results: Vec<R> = handles
            .into_iter()
            .map(|handle| match handle {
                // A panic in `f` is a bug; let it surface as it would have on this thread.
                Ok(handle) => handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                Err(item) => f(item),
            })
            .collect();
        results.push(mine);
        results
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_item_in_order() {
        for n in [0, 1, 10, MIN_CHUNK, MIN_CHUNK + 1, 3 * MIN_CHUNK + 7, 100_000] {
            let items: Vec<usize> = (0..n).collect();
            let parts = chunks(&items);
            assert!(parts.len() <= workers().max(1), "{n}: {} chunks", parts.len());
            assert!(parts.iter().all(|p| !p.is_empty()));
            let joined: Vec<usize> = parts.concat();
            assert_eq!(joined, items);
            if n <= MIN_CHUNK {
                assert!(parts.len() <= 1);
            }
        }
    }

    #[test]
    fn map_keeps_the_order_of_its_items() {
        let items: Vec<u64> = (0..37).collect();
        let squares = map(&items, |x| x * x);
        assert_eq!(squares, items.iter().map(|x| x * x).collect::<Vec<_>>());
        assert!(map(&Vec::<u8>::new(), |x| *x).is_empty());
    }

    #[test]
    fn map_borrows_from_its_caller() {
        let text = String::from("a b c");
        let words: Vec<&str> = text.split(' ').collect();
        let lengths = map(&words, |w| (w.len(), &text[..1]));
        assert_eq!(lengths, vec![(1, "a"), (1, "a"), (1, "a")]);
    }
}
