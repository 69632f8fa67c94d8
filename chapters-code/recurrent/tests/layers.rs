//! Stacked and bidirectional layers, and a bidirectional layer under
//! dropout with fixed masks: their gradients against central differences
//! (every parameter and x; the three problems of Appendix A's table), a
//! corrupted gradient named, and the shapes and time order of what they compute.

use gradcheck::{EPS, TOLERANCE, assert_reports, check_gradients};
use ndarray::s;
use recurrent::suite::{bidirectional_problem, reports, stack_problem};

#[test]
fn gradcheck_stacked_bidirectional_and_dropout_layers() {
    assert_reports(&reports(), 3);
}

#[test]
fn a_stack_of_one_layer_is_that_layer() {
    let p = stack_problem(3);
    let one = recurrent::Stacked::new(vec![p.stack.layers[0].clone()]);
    let (alone, _) = p.stack.layers[0].forward(p.x.view());
    assert_eq!(one.forward(p.x.view()).0, alone);
}

#[test]
fn the_backward_half_reads_the_sequence_from_the_end() {
    let p = bidirectional_problem(4);
    let (y, _) = p.layer.forward(p.x.view());
    assert_eq!(y.dim(), (5, 2, 7));
    // The forward half is the forward layer's states.
    assert_eq!(y.slice(s![.., .., ..4]), p.layer.fwd.forward(p.x.view()).0);
    // The backward half at the last step has read only x_T: it equals the
    // backward layer's first state on the reversed sequence of length 1.
    let last = p.x.slice(s![4..5, .., ..]);
    let (h, _) = p.layer.bwd.forward(last);
    let diff = (&y.slice(s![4, .., 4..]) - &h.slice(s![0, .., ..])).mapv(f64::abs);
    assert!(diff.iter().all(|&d| d < 1e-15), "{diff}");
}

#[test]
fn a_corrupted_gradient_of_the_upper_layer_is_named() {
    let mut p = stack_problem(5);
    let (_, trace) = p.stack.forward(p.x.view());
    let (params, x) = p.stack.backward(&trace, p.r.view());
    let mut named = numeric::params::to_named(&params);
    named.push(("x".to_owned(), x.into_dyn()));
    // The last tensor of the upper layer (layer 1), one element changed.
    let (name, tensor) = named
        .iter_mut()
        .rev()
        .find(|(n, _)| n.starts_with("1."))
        .expect("layer 1 has parameters");
    tensor.as_slice_mut().expect("contiguous")[0] += 1e-3;
    let corrupted = name.clone();
    let report = check_gradients(&mut p, &named, EPS);
    let failures = report.failures(TOLERANCE);
    assert_eq!(failures.len(), 1, "{report}");
    assert_eq!(failures[0].name, corrupted);
}

#[test]
fn a_stack_of_fast_cells_computes_what_the_readable_stack_does() {
    use rand::SeedableRng;
    use recurrent::{CellKind, Recurrent, Stacked};
    let make = |lstm: CellKind, gru: CellKind| {
        let mut rng = rand::rngs::StdRng::seed_from_u64(9);
        Stacked::<f64>::new(vec![
            Recurrent::new(lstm, 3, 4, &mut rng),
            Recurrent::new(gru, 4, 3, &mut rng),
        ])
    };
    let readable = make(CellKind::Lstm, CellKind::Gru);
    let fast = make(CellKind::LstmFast, CellKind::GruFast);
    let p = stack_problem(10);
    let (y_readable, t_readable) = readable.forward(p.x.view());
    let (y_fast, t_fast) = fast.forward(p.x.view());
    let close = |a: &ndarray::Array3<f64>, b: &ndarray::Array3<f64>| {
        (a - b).iter().fold(0.0f64, |m, d| m.max(d.abs())) < 1e-12
    };
    assert!(close(&y_readable, &y_fast));
    let (_, dx_readable) = readable.backward(&t_readable, p.r.view());
    let (_, dx_fast) = fast.backward(&t_fast, p.r.view());
    assert!(close(&dx_readable, &dx_fast));
}
