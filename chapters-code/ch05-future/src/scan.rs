//! Three ways to compute the linear recurrence
//!
//! ```text
//! h_t = a_t ⊙ h_{t−1} + b_t        (t = 1 … T, from h_0)
//! ```
//!
//! on arrays of shape (T, N): row t − 1 holds a_t or b_t, and the N columns
//! are independent lanes (for the minGRU, N = B·H). The result has the same
//! shape: row t − 1 holds h_t.
//!
//! A step is the map h ↦ a ⊙ h + b, the pair (a, b). Two steps in a row,
//! first (a₁, b₁) then (a₂, b₂), are again one step:
//!
//! ```text
//! (a₁, b₁) ∘ (a₂, b₂) = (a₁ ⊙ a₂,  a₂ ⊙ b₁ + b₂)
//! ```
//!
//! The operator ∘ is associative (it composes maps) and (1, 0) leaves any
//! step unchanged. So h_t is the prefix P_t = (a_1, b_1) ∘ … ∘ (a_t, b_t)
//! applied to h_0, and the prefixes can be grouped in any way: that freedom
//! is what a parallel scan uses. Counting one combine as one unit of work
//! and the longest chain of combines that wait for each other as the depth:
//!
//! * [`scan_loop`], the recurrence itself: work T, depth T.
//! * [`scan_rounds`] (Hillis and Steele, 1986), the answer to exercise 5b:
//!   in round j every row t ≥ 2^j combines with row t − 2^j, all at once.
//!   Depth ⌈log₂ T⌉ rounds, but work about T log₂ T: with few cores it does
//!   more than the loop, not less.
//! * [`scan_chunked`], the work-efficient scan for p threads: cut T into p
//!   chunks, reduce each chunk to its one pair (in parallel), carry the state
//!   from chunk to chunk (p − 1 combines, one after the other), then run the
//!   loop in every chunk from its carry (in parallel). Each step is combined
//!   twice: work about 2T, depth about 2T/p + p. It is Blelloch's (1990)
//!   tree scan with a tree of two levels, which is all p threads need.
//!
//! [`scan_reverse`] runs the recurrence backwards in time, as the backward
//! pass needs; it is [`scan_chunked`] on the rows read in reverse order.

use std::thread;

use ndarray::{Array1, Array2, ArrayView1, ArrayView2, ArrayViewMut2, Axis, Zip, s};
use numeric::Scalar;

// ANCHOR: loop
/// The reference: h_t = a_t ⊙ h_{t−1} + b_t, one step after the other.
/// `a` and `b` are (T, N) with T ≥ 1, `h0` is (N); returns h_1 … h_T (T, N).
pub fn scan_loop<F: Scalar>(
    a: ArrayView2<F>,
    b: ArrayView2<F>,
    h0: ArrayView1<F>,
) -> Array2<F> {
    check_pairs("scan_loop", &a, &b, &h0);
    let mut h = Array2::zeros(a.raw_dim());
    loop_into(a, b, h0, h.view_mut());
    h
}

/// The loop from the state `start`, writing h into `h` (T, N).
fn loop_into<F: Scalar>(
    a: ArrayView2<F>,
    b: ArrayView2<F>,
    start: ArrayView1<F>,
    mut h: ArrayViewMut2<F>,
) {
    let mut state = start.to_owned();
    let rows = a.outer_iter().zip(b.outer_iter()).zip(h.outer_iter_mut());
    for ((a_t, b_t), mut h_t) in rows {
        Zip::from(&mut state)
            .and(&mut h_t)
            .and(&a_t)
            .and(&b_t)
            .for_each(|state, h, &a, &b| {
                *state = a * *state + b;
                *h = *state;
            });
    }
}
// ANCHOR_END: loop

// ANCHOR: rounds
/// Hillis and Steele's scan, single-threaded: ⌈log₂ T⌉ rounds, each a batch
/// of independent combines. Same arguments and result as [`scan_loop`].
pub fn scan_rounds<F: Scalar>(
    a: ArrayView2<F>,
    b: ArrayView2<F>,
    h0: ArrayView1<F>,
) -> Array2<F> {
    check_pairs("scan_rounds", &a, &b, &h0);
    let steps = a.nrows();
    // Row t holds the pair of the steps t − 2^j + 1 … t after round j.
    let (mut pa, mut pb) = (a.to_owned(), b.to_owned());
    let mut offset = 1;
    while offset < steps {
        let earlier_a = pa.slice(s![..steps - offset, ..]).to_owned();
        let earlier_b = pb.slice(s![..steps - offset, ..]).to_owned();
        // Every row t ≥ offset at once: P_t ← P_{t−offset} ∘ P_t.
        Zip::from(pa.slice_mut(s![offset.., ..]))
            .and(pb.slice_mut(s![offset.., ..]))
            .and(&earlier_a)
            .and(&earlier_b)
            .for_each(|a, b, &ea, &eb| {
                *b = *a * eb + *b;
                *a = ea * *a;
            });
        offset *= 2;
    }
    // Row t now holds the whole prefix P_t: h_t = A_t ⊙ h_0 + B_t.
    pb + &(pa * h0)
}
// ANCHOR_END: rounds

// ANCHOR: chunked
/// The work-efficient scan on up to `threads` threads (any number ≥ 1 gives
/// the same result, up to rounding). Same arguments and result as [`scan_loop`].
pub fn scan_chunked<F: Scalar>(
    a: ArrayView2<F>,
    b: ArrayView2<F>,
    h0: ArrayView1<F>,
    threads: usize,
) -> Array2<F> {
    let mut h = Array2::zeros(a.raw_dim());
    scan_chunked_into(a, b, h0, h.view_mut(), threads);
    h
}

/// [`scan_chunked`], writing h_1 … h_T into `h` (T, N).
pub fn scan_chunked_into<F: Scalar>(
    a: ArrayView2<F>,
    b: ArrayView2<F>,
    h0: ArrayView1<F>,
    mut h: ArrayViewMut2<F>,
    threads: usize,
) {
    check_pairs("scan_chunked", &a, &b, &h0);
    assert_eq!(
        h.dim(),
        a.dim(),
        "scan_chunked: the output has shape {:?} but a and b are {:?} (T, N)",
        h.dim(),
        a.dim()
    );
    let len = chunk_length(a.nrows(), threads);
    if len == a.nrows() {
        return loop_into(a, b, h0, h);
    }
    let a_chunks: Vec<_> = a.axis_chunks_iter(Axis(0), len).collect();
    let b_chunks: Vec<_> = b.axis_chunks_iter(Axis(0), len).collect();
    // Pass 1, in parallel: every chunk but the last reduced to its pair.
    let last = a_chunks.len() - 1;
    let pairs: Vec<_> = thread::scope(|scope| {
        let handles: Vec<_> = (0..last)
            .map(|c| {
                let (a, b) = (a_chunks[c], b_chunks[c]);
                scope.spawn(move || reduce(a, b))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a scan thread panicked"))
            .collect()
    });
    // The carries, one after the other: the state entering chunk c + 1 is
    // chunk c's pair applied to the state entering chunk c.
    let mut carries = vec![h0.to_owned()];
    for (chunk_a, chunk_b) in &pairs {
        let entering = &carries[carries.len() - 1];
        carries.push(chunk_a * entering + chunk_b);
    }
    // Pass 2, in parallel: every chunk runs the loop from its carry.
    let h_chunks = h.axis_chunks_iter_mut(Axis(0), len);
    thread::scope(|scope| {
        for (c, h) in h_chunks.enumerate() {
            let (a, b, carry) = (a_chunks[c], b_chunks[c], carries[c].view());
            scope.spawn(move || loop_into(a, b, carry, h));
        }
    });
}

/// One chunk's steps combined into one pair (A, B), the map h ↦ A ⊙ h + B
/// that the whole chunk applies, from the identity (1, 0). `a`, `b` are (T', N).
fn reduce<F: Scalar>(a: ArrayView2<F>, b: ArrayView2<F>) -> (Array1<F>, Array1<F>) {
    let mut chunk_a = Array1::ones(a.ncols());
    let mut chunk_b = Array1::zeros(a.ncols());
    for (a_t, b_t) in a.outer_iter().zip(b.outer_iter()) {
        // (A, B) ∘ (a_t, b_t) = (A ⊙ a_t, a_t ⊙ B + b_t).
        Zip::from(&mut chunk_a)
            .and(&mut chunk_b)
            .and(&a_t)
            .and(&b_t)
            .for_each(|big_a, big_b, &a, &b| {
                *big_a *= a;
                *big_b = a * *big_b + b;
            });
    }
    (chunk_a, chunk_b)
}
// ANCHOR_END: chunked

// ANCHOR: reverse
/// The recurrence backwards in time: g_t = a_t ⊙ g_{t+1} + b_t for
/// t = T … 1, from g_{T+1} = `end`. `a` and `b` are (T, N), `end` is (N);
/// returns g_1 … g_T (T, N), row t − 1 holding g_t. It is [`scan_chunked`]
/// on views whose rows run backwards (a negative stride: nothing is copied).
pub fn scan_reverse<F: Scalar>(
    a: ArrayView2<F>,
    b: ArrayView2<F>,
    end: ArrayView1<F>,
    threads: usize,
) -> Array2<F> {
    let mut g = Array2::zeros(a.raw_dim());
    scan_chunked_into(
        a.slice(s![..;-1, ..]),
        b.slice(s![..;-1, ..]),
        end,
        g.slice_mut(s![..;-1, ..]),
        threads,
    );
    g
}
// ANCHOR_END: reverse

/// The length of the chunks that `steps` steps are cut into for `threads`
/// threads: ⌈T / p⌉ with p = `threads` clamped to 1 … T, so that there are
/// at most p chunks and none is empty. Panics if `steps` is 0.
pub fn chunk_length(steps: usize, threads: usize) -> usize {
    assert!(
        steps >= 1,
        "chunk_length: there are no steps to cut into chunks"
    );
    steps.div_ceil(threads.clamp(1, steps))
}

/// Panic unless `a` and `b` are both (T, N) with T ≥ 1 and `state` is (N).
fn check_pairs<F>(name: &str, a: &ArrayView2<F>, b: &ArrayView2<F>, state: &ArrayView1<F>) {
    assert_eq!(
        a.dim(),
        b.dim(),
        "{name}: a has shape {:?} but b has {:?}; both must be (T, N)",
        a.dim(),
        b.dim()
    );
    assert!(
        a.nrows() >= 1,
        "{name}: a and b have shape {:?}; they need at least one step",
        a.dim()
    );
    assert_eq!(
        state.len(),
        a.ncols(),
        "{name}: the state has length {} but a and b are {:?} (T, N)",
        state.len(),
        a.dim()
    );
}
