//! The minGRU: the scans equal the recurrence, the scan forward equals the
//! loop, and the backward pass passes the book's gradient check (every
//! parameter, x and h_0, in f64, from a non-zero h_0).

use future::MinGru;
use future::scan::{scan_chunked, scan_loop, scan_reverse, scan_rounds};
use future::suite::Problem;
use gradcheck::{TOLERANCE, assert_reports};
use ndarray::{Array1, Array2, Array3, ArrayView2};
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

const LENGTHS: [usize; 5] = [1, 2, 3, 17, 1000];
const THREADS: [usize; 6] = [1, 2, 3, 4, 7, 1500];
/// The scans and the loop differ only by rounding.
const CLOSE: f64 = 1e-12;

/// The largest |x − y| over two arrays of the same shape.
fn max_diff<D: ndarray::Dimension>(
    x: &ndarray::Array<f64, D>,
    y: &ndarray::Array<f64, D>,
) -> f64 {
    assert_eq!(x.shape(), y.shape());
    x.iter().zip(y).fold(0.0, |m, (a, b)| m.max((a - b).abs()))
}

/// Coefficients as the minGRU makes them: a = 1 − z in (0, 1), b in (−1, 1).
fn pairs(steps: usize, lanes: usize, seed: u64) -> (Array2<f64>, Array2<f64>, Array1<f64>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let a = random::<f64, _, _>((steps, lanes), 0.5, &mut rng).mapv(|v| v + 0.5);
    let b = random((steps, lanes), 1.0, &mut rng);
    let h0 = random(lanes, 1.0, &mut rng);
    (a, b, h0)
}

/// g_t = a_t ⊙ g_{t+1} + b_t from the end, element by element.
fn reverse_by_hand(
    a: ArrayView2<f64>,
    b: ArrayView2<f64>,
    end: &Array1<f64>,
) -> Array2<f64> {
    let mut g = Array2::zeros(a.raw_dim());
    let mut state = end.clone();
    for t in (0..a.nrows()).rev() {
        for n in 0..a.ncols() {
            state[n] = a[[t, n]] * state[n] + b[[t, n]];
        }
        g.row_mut(t).assign(&state);
    }
    g
}

#[test]
fn every_scan_equals_the_recurrence_for_any_length_and_thread_count() {
    let mut worst: f64 = 0.0;
    for (k, &steps) in LENGTHS.iter().enumerate() {
        for lanes in [1, 5, 64] {
            let (a, b, h0) = pairs(steps, lanes, 100 + k as u64);
            let reference = scan_loop(a.view(), b.view(), h0.view());
            // The loop itself, against the definition written out by hand.
            let mut state = h0.clone();
            for t in 0..steps {
                state = &a.row(t) * &state + b.row(t);
                assert_eq!(reference.row(t), state);
            }
            let rounds = scan_rounds(a.view(), b.view(), h0.view());
            worst = worst.max(max_diff(&rounds, &reference));
            for threads in THREADS {
                let chunked = scan_chunked(a.view(), b.view(), h0.view(), threads);
                let diff = max_diff(&chunked, &reference);
                assert!(
                    diff < CLOSE,
                    "T = {steps}, N = {lanes}, {threads} threads: {diff:e}"
                );
                worst = worst.max(diff);
                let reverse = scan_reverse(a.view(), b.view(), h0.view(), threads);
                let by_hand = reverse_by_hand(a.view(), b.view(), &h0);
                worst = worst.max(max_diff(&reverse, &by_hand));
            }
        }
    }
    println!("largest difference from the recurrence: {worst:e}");
    assert!(worst < CLOSE, "{worst:e}");
}

#[test]
#[should_panic(expected = "scan_chunked: a has shape (3, 4) but b has (3, 5)")]
fn a_scan_names_the_shapes_that_do_not_fit() {
    let (a, _, h0) = pairs(3, 4, 1);
    let (_, b, _) = pairs(3, 5, 1);
    scan_chunked(a.view(), b.view(), h0.view(), 2);
}

#[test]
fn the_scan_forward_equals_the_loop_forward() {
    let mut worst: f64 = 0.0;
    for (k, &steps) in LENGTHS.iter().enumerate() {
        for (batch, input, hidden) in [(1, 1, 1), (3, 4, 5), (8, 6, 16)] {
            let mut rng = StdRng::seed_from_u64(200 + k as u64);
            let cell = MinGru::<f64>::new(input, hidden, Init::PyTorch, &mut rng);
            let x: Array3<f64> = random((steps, batch, input), 1.0, &mut rng);
            let h0: Array2<f64> = random((batch, hidden), 1.0, &mut rng);
            let sequential = cell.forward_sequential(x.view(), Some(h0.view()));
            for threads in [1, 2, 5] {
                let scan = cell.forward_scan(x.view(), Some(h0.view()), threads);
                for (name, s, l) in [
                    ("h", &scan.h, &sequential.h),
                    ("h̃", &scan.h_tilde, &sequential.h_tilde),
                ] {
                    let diff = max_diff(s, l);
                    assert!(
                        diff < CLOSE,
                        "{name}, T = {steps}, {threads} threads: {diff:e}"
                    );
                    worst = worst.max(diff);
                }
                worst = worst.max(max_diff(&scan.z, &sequential.z));
            }
        }
    }
    println!("largest difference between the scan and the loop: {worst:e}");
    assert!(worst < CLOSE, "{worst:e}");
}

#[test]
fn gradcheck_min_gru_one_step_and_sequence() {
    let reports = future::suite::min_gru_reports();
    assert_reports(&reports, 2);
}

#[test]
fn the_backward_pass_is_the_same_from_either_forward() {
    let problem = Problem::new(7, 53);
    let (x, h0) = (problem.x.view(), Some(problem.h0.view()));
    let by_scan = problem.analytic();
    let trace = problem.min_gru.forward_sequential(x, h0);
    let by_loop = problem.min_gru.backward(x, &trace, problem.r.view());
    assert!(max_diff(&by_scan.x, &by_loop.x) < CLOSE);
    assert!(max_diff(&by_scan.h0, &by_loop.h0) < CLOSE);
    assert!(max_diff(&by_scan.params.w_xz, &by_loop.params.w_xz) < CLOSE);
}

#[test]
fn gradcheck_min_gru_detects_a_corrupted_element() {
    let mut problem = Problem::new(7, 54);
    let mut grads = problem.analytic();
    grads.params.b_z[2] += 1e-3;
    let report = problem.check(&grads);
    let failures = report.failures(TOLERANCE);
    assert_eq!(
        failures.len(),
        1,
        "exactly the corrupted tensor fails:\n{report}"
    );
    assert_eq!(failures[0].name, "b_z");
    assert_eq!(failures[0].worst_index, vec![2]);
    let message = report.verdict(TOLERANCE).unwrap_err();
    assert!(
        message.contains("b_z") && message.contains("[2]"),
        "{message}"
    );
}

#[test]
fn a_gate_wide_open_passes_nothing_back_to_h0() {
    // With z_t = 1 (a huge gate bias) every step replaces h_{t−1} by h̃_t:
    // no gradient reaches h_0, and none the saturated gate's parameters.
    let mut problem = Problem::new(4, 55);
    problem.min_gru.b_z.fill(60.0);
    let grads = problem.analytic();
    assert!(grads.h0.iter().all(|&g| g.abs() < 1e-20), "{}", grads.h0);
    assert!(
        grads.params.b_z.iter().all(|&g| g.abs() < 1e-20),
        "{}",
        grads.params.b_z
    );
    assert!(
        grads.params.b_h.iter().any(|&g| g.abs() > 1e-3),
        "{}",
        grads.params.b_h
    );
}
