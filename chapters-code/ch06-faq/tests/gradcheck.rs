//! Gradient checks of the chapter's model (recurrent layer → Dense(1) on
//! h_T → mean squared error) for every cell, and of the per-distance
//! gradients that Q1 plots, against finite differences in f64.

use faq_experiments::distance::gradient_by_distance;
use gradcheck::suite::{EPS, assert_reports};
use ndarray::{Array2, Array3, s};
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;
use recurrent::{CellKind, Recurrent};

#[test]
fn gradcheck_regressor_every_cell() {
    assert_reports(&faq_experiments::suite::reports(), 3);
}

/// L(h_t) = ⟨R, h_T⟩ where h_T is computed from h_t (and, for the LSTM, a
/// fixed C_t) over the steps after t: the function whose gradient
/// `gradient_by_distance` reports at distance T − t.
fn suffix_loss(
    rnn: &Recurrent<f64>,
    x: &Array3<f64>,
    t: usize,
    h_t: &Array2<f64>,
    r: &Array2<f64>,
) -> f64 {
    let steps = x.dim().0;
    if t == steps {
        return (h_t * r).sum();
    }
    let suffix = x.slice(s![t.., .., ..]);
    let h_last = match rnn {
        Recurrent::Rnn(c) => c.forward(suffix, Some(h_t.view())).last().to_owned(),
        Recurrent::Gru(c) => c.forward(suffix, Some(h_t.view())).last().to_owned(),
        Recurrent::Lstm(c) => {
            let full = c.forward(x.view(), None, None);
            let c_t = full.c.slice(s![t, .., ..]).to_owned();
            c.forward(suffix, Some(h_t.view()), Some(c_t.view()))
                .last_h()
                .to_owned()
        }
        _ => unreachable!("only the readable cells are checked here"),
    };
    (&h_last * r).sum()
}

fn states_of(rnn: &Recurrent<f64>, x: &Array3<f64>) -> Array3<f64> {
    let (states, _) = rnn.forward(x.view());
    let (steps, batch, hidden) = states.dim();
    let mut all = Array3::zeros((steps + 1, batch, hidden));
    all.slice_mut(s![1.., .., ..]).assign(&states);
    all
}

#[test]
fn gradcheck_gradient_by_distance_matches_finite_differences_at_every_distance() {
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let mut rng = StdRng::seed_from_u64(22);
        let rnn = Recurrent::<f64>::new(cell, 2, 5, &mut rng);
        let x: Array3<f64> = random((6, 1, 2), 1.5, &mut rng);
        let r: Array2<f64> = random((1, 5), 1.0, &mut rng);
        let profile = gradient_by_distance(&rnn, x.view(), r.view());
        assert_eq!(profile.len(), 7);
        let states = states_of(&rnn, &x);
        for t in 0..=6 {
            let h_t = states.slice(s![t, .., ..]).to_owned();
            let mut numeric = Array2::<f64>::zeros((1, 5));
            for k in 0..5 {
                let (mut plus, mut minus) = (h_t.clone(), h_t.clone());
                plus[[0, k]] += EPS;
                minus[[0, k]] -= EPS;
                numeric[[0, k]] = (suffix_loss(&rnn, &x, t, &plus, &r)
                    - suffix_loss(&rnn, &x, t, &minus, &r))
                    / (2.0 * EPS);
            }
            let norm = numeric.iter().map(|v| v * v).sum::<f64>().sqrt();
            let reported = profile[6 - t];
            assert!(
                (norm - reported).abs() <= 1e-6 * norm.max(1e-12),
                "{cell:?}, t = {t}: finite differences give {norm:e}, gradient_by_distance {reported:e}"
            );
        }
    }
}
