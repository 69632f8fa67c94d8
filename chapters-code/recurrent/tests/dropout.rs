//! Dropout: the masks' statistics, recurrent dropout against a layer whose
//! recurrent weights carry the mask (one sequence), and a corrupted mask in
//! the backward pass caught by the gradient check.

use gradcheck::{EPS, TOLERANCE, check_gradients};
use ndarray::{Array2, Axis};
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;
use recurrent::dropout::{DropoutRates, Masks, mask};
use recurrent::suite::dropout_problem;
use recurrent::{CellKind, Recurrent};

#[test]
fn a_mask_keeps_the_expectation_and_drops_about_p() {
    let mut rng = StdRng::seed_from_u64(1);
    let m: Array2<f64> = mask((200, 100), 0.3, &mut rng);
    let dropped = m.iter().filter(|&&v| v == 0.0).count() as f64 / m.len() as f64;
    assert!((dropped - 0.3).abs() < 0.01, "dropped {dropped}");
    assert!(m.iter().all(|&v| v == 0.0 || (v - 1.0 / 0.7).abs() < 1e-12));
    assert!(
        (m.mean().unwrap() - 1.0).abs() < 0.02,
        "mean {}",
        m.mean().unwrap()
    );
    let none: Array2<f64> = mask((3, 4), 0.0, &mut rng);
    assert!(none.iter().all(|&v| v == 1.0));
}

#[test]
#[should_panic(expected = "expected 0 <= p < 1")]
fn a_drop_probability_of_one_is_refused() {
    let _: Array2<f32> = mask((2, 2), 1.0, &mut StdRng::seed_from_u64(0));
}

#[test]
fn recurrent_dropout_on_one_sequence_is_a_masked_recurrent_matrix() {
    // For one sequence, (h ⊙ m) W_h = h (diag(m) W_h): the masked layer must
    // equal an unmasked layer whose W_h has its rows scaled by m.
    let mut rng = StdRng::seed_from_u64(2);
    let layer = Recurrent::<f64>::new(CellKind::LstmFast, 3, 4, &mut rng);
    let x = random((6, 1, 3), 1.0, &mut rng);
    let m: Array2<f64> = mask((1, 4), 0.5, &mut rng);
    assert!(m.iter().any(|&v| v == 0.0) && m.iter().any(|&v| v != 0.0));
    let (masked, _) = layer.forward_masked(x.view(), Some(m.view()));
    let Recurrent::LstmFast(mut scaled) = layer.clone() else {
        unreachable!()
    };
    scaled.w_h = &scaled.w_h * &m.t();
    let (plain, _) = Recurrent::LstmFast(scaled).forward(x.view());
    let diff = (&masked - &plain)
        .mapv(f64::abs)
        .fold(0.0, |a: f64, &b| a.max(b));
    assert!(diff < 1e-14, "largest difference {diff}");
    // And the mask changes the states (it is not ignored).
    let (unmasked, _) = layer.forward(x.view());
    assert!((&masked - &unmasked).mapv(f64::abs).sum() > 1e-3);
}

#[test]
fn a_gradient_that_forgets_the_recurrent_mask_is_caught() {
    let mut p = dropout_problem(9);
    let x_dropped = recurrent::dropout::drop_steps(p.x.view(), p.m_x.view());
    let (_, trace) = p
        .layer
        .forward_masked(x_dropped.view(), Some((p.m_f.view(), p.m_b.view())));
    let dy = &p.r * &p.m_y;
    // The backward pass run without the recurrent masks: wrong gradients.
    let (params, dx) = p.layer.backward(x_dropped.view(), &trace, dy.view());
    let mut named = numeric::params::to_named(&params);
    named.push(("x".to_owned(), (dx * &p.m_x).into_dyn()));
    let report = check_gradients(&mut p, &named, EPS);
    let failed: Vec<_> = report
        .failures(TOLERANCE)
        .iter()
        .map(|t| t.name.clone())
        .collect();
    assert!(
        failed.iter().any(|n| n == "fwd.w_h") && failed.iter().any(|n| n == "bwd.w_h"),
        "failed: {failed:?}"
    );
}

#[test]
fn masks_have_the_shapes_of_their_places() {
    let rates = DropoutRates {
        words: 0.4,
        input: 0.1,
        recurrent: 0.2,
        output: 0.3,
    };
    let ids = ndarray::Array2::from_shape_fn((5, 9), |(b, t)| (b * t % 4) as u32);
    let m = Masks::<f32>::sample(rates, ids.view(), 7, 3, &mut StdRng::seed_from_u64(3));
    assert_eq!(m.words.dim(), (9, 5));
    assert_eq!(m.x.dim(), (5, 7));
    assert_eq!((m.h_fwd.dim(), m.h_bwd.dim()), ((5, 3), (5, 3)));
    assert_eq!(m.y.dim(), (5, 6));
    assert_eq!(m.y.sum_axis(Axis(0)).len(), 6);
}

#[test]
fn word_dropout_gives_every_occurrence_of_a_word_the_same_factor() {
    let mut rng = StdRng::seed_from_u64(4);
    // Two sequences of 400 ids among 20 words.
    let ids = ndarray::Array2::from_shape_fn((2, 400), |(b, t)| ((7 * t + b) % 20) as u32);
    let m: Array2<f64> = recurrent::dropout::word_mask(ids.view(), 0.5, &mut rng);
    assert_eq!(m.dim(), (400, 2));
    for b in 0..2 {
        for t in 0..400 {
            let first = (0..400).find(|&u| ids[[b, u]] == ids[[b, t]]).unwrap();
            assert_eq!(
                m[[t, b]],
                m[[first, b]],
                "word {} of sequence {b}",
                ids[[b, t]]
            );
        }
        // Some words are dropped and some kept, each kept one scaled by 2.
        assert!(m.column(b).iter().any(|&v| v == 0.0));
        assert!(m.column(b).iter().any(|&v| v == 2.0));
    }
}
