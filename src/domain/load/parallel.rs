//! Work side by side on the machine's cores, for the loader's big arrays: 100,000 stages and
//! 300,000 transitions are read in chunks, a few threads taking the next chunk as they finish.
//! Results come back in input order, so what is built and what is reported do not depend on the
//! number of threads.

#[cfg(test)]
use std::cell::Cell;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;

/// Below this many items a chunk is not worth a thread.
const MIN_CHUNK: usize = 4096;
/// Chunks stay small enough that the memory of one, freed, is reused by the next allocations
/// rather than left to the allocator's cache (a 100k-stage audit peaked 18 MB higher).
const MAX_CHUNK: usize = 8192;
/// Enough for the machines we run on; more threads only add start-up and merging.
const MAX_WORKERS: usize = 8;

/// How many threads may work at once: one a core, up to `MAX_WORKERS`.
pub fn workers() -> usize {
    #[cfg(test)]
    if let Some(n) = WORKERS.with(Cell::get) {
        return n;
    }
    thread::available_parallelism()
        .map_or(1, NonZeroUsize::get)
        .clamp(1, MAX_WORKERS)
}

#[cfg(test)]
thread_local! {
    static WORKERS: Cell<Option<usize>> = const { Cell::new(None) };
}

/// Runs `f` with `n` workers (at least one) for the work it starts on this thread, whatever the
/// machine: tests show with it that results do not depend on the count.
#[cfg(test)]
pub(crate) fn with_workers<R>(n: usize, f: impl FnOnce() -> R) -> R {
    /// Puts the count back however `f` ends.
    struct Restore(Option<usize>);
    impl Drop for Restore {
        fn drop(&mut self) {
            WORKERS.with(|w| w.set(self.0));
        }
    }
    let _restore = Restore(WORKERS.with(|w| w.replace(Some(n.max(1)))));
    f()
}

/// `items` cut into contiguous chunks of `MIN_CHUNK` to `MAX_CHUNK` items, enough for every
/// worker (one chunk when there are few items).
pub fn chunks<T>(items: &[T]) -> Vec<&[T]> {
    if items.is_empty() {
        return Vec::new();
    }
    let len = items.len().div_ceil(workers()).clamp(MIN_CHUNK, MAX_CHUNK);
    items.chunks(len).collect()
}

/// `f` applied to each item, on up to `workers()` threads (the calling thread is one), the
/// results in item order. If no thread can be started, the calling thread does all the work.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    // Each worker takes the next item until none is left, keeping its results' positions.
    let work = || {
        let mut done = Vec::new();
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(k) else {
                return done;
            };
            done.push((k, f(item)));
        }
    };
    let helpers = workers().min(items.len()).saturating_sub(1);
    let mut done: Vec<(usize, R)> = thread::scope(|scope| {
        let handles: Vec<_> = (0..helpers)
            .filter_map(|_| thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let mut all = work();
        for handle in handles {
            // A panic in `f` is a bug; let it surface as it would have on this thread.
            all.extend(handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        all
    });
    done.sort_unstable_by_key(|(k, _)| *k);
    done.into_iter().map(|(_, r)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_cover_every_item_in_order() {
        for n in [0, 1, 10, MIN_CHUNK, MIN_CHUNK + 1, 3 * MIN_CHUNK + 7, 100_000] {
            let items: Vec<usize> = (0..n).collect();
            let parts = chunks(&items);
            assert!(parts.iter().all(|p| !p.is_empty() && p.len() <= MAX_CHUNK));
            if n >= MIN_CHUNK * workers() {
                assert!(parts.len() >= workers(), "{n}: {} chunks", parts.len());
            }
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
        // Uneven work, so that threads finish out of order.
        let squares = map(&items, |x| {
            std::thread::sleep(std::time::Duration::from_micros((x % 5) * 200));
            x * x
        });
        assert_eq!(squares, items.iter().map(|x| x * x).collect::<Vec<_>>());
        assert!(map(&Vec::<u8>::new(), |x| *x).is_empty());
    }

    #[test]
    fn the_worker_count_can_be_set_for_a_while() {
        let items: Vec<usize> = (0..20_000).collect();
        for n in [1, 8] {
            let (count, parts) = with_workers(n, || (workers(), chunks(&items).len()));
            assert_eq!(count, n);
            assert_eq!(parts, if n == 1 { 3 } else { 5 }, "{n} workers");
        }
        assert_eq!(with_workers(0, workers), 1);
    }

    #[test]
    fn map_borrows_from_its_caller() {
        let text = String::from("a b c");
        let words: Vec<&str> = text.split(' ').collect();
        let lengths = map(&words, |w| (w.len(), &text[..1]));
        assert_eq!(lengths, vec![(1, "a"), (1, "a"), (1, "a")]);
    }
}
