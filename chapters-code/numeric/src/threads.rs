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
