//! How many threads the book's numeric code uses.

use std::sync::OnceLock;

/// How many threads to use: `RNN_BOOK_THREADS` if it is set to a positive
/// number (to measure what the second core brings), else the machine's
/// cores. Read once; a value that is not a positive number is reported and
/// ignored.
pub fn default_threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        match std::env::var("RNN_BOOK_THREADS") {
            Ok(v) => match v.trim().parse::<usize>() {
                Ok(n) if n > 0 => n,
                _ => {
                    eprintln!("warning: RNN_BOOK_THREADS={v:?} is not a positive number; using {cores} threads");
                    cores
                }
            },
            Err(_) => cores,
        }
    })
}

/// `f` applied to every item, `threads` items at a time, the results in the
/// order of `items`. Each call must not depend on the others (each run of
/// an experiment seeds itself), so the results do not depend on `threads`.
pub fn map_in_parallel<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> =
        Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads.clamp(1, items.len().max(1)) {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::SeqCst);
                    let Some(item) = items.get(k) else { break };
                    let result = f(item);
                    results.lock().expect("no worker panicked")[k] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("no worker panicked")
        .into_iter()
        .map(|r| r.expect("every item was mapped"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::map_in_parallel;

    #[test]
    fn results_come_back_in_the_order_of_the_items_for_any_thread_count() {
        let items: Vec<u64> = (0..37).collect();
        for threads in [1, 2, 5, 64] {
            let squares = map_in_parallel(&items, threads, |&k| k * k);
            assert_eq!(squares, items.iter().map(|k| k * k).collect::<Vec<_>>());
        }
        assert!(map_in_parallel(&[] as &[u64], 2, |&k| k).is_empty());
    }
}
