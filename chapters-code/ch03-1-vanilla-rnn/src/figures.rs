//! The figure of section 3.1: how the gradient that flows back from the last
//! step shrinks or grows with distance, for recurrent weights of different gains.

use std::path::{Path, PathBuf};

use figures::{Corner, FigureError, LineChart, Series};
use ndarray::{Array2, Array3, Axis};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, Normal};

use layers::Dense;
use numeric::Init;
use numeric::init::orthogonal;

use crate::VanillaRnn;

/// Gains of the recurrent matrix W_hh = gain · Q (Q orthogonal, so every
/// singular value of W_hh, and its spectral radius, equals the gain).
pub const GAINS: [f64; 5] = [0.5, 0.9, 1.0, 1.1, 1.5];

/// ‖∂L/∂h_t‖ (averaged over the batch) for t = 0 … T, where L = Σ h_T ⊙ R
/// depends on the last state only, for a layer whose W_hh has the given gain.
///
/// One backward pass: step t's [`step_backward`](VanillaRnn::step_backward)
/// turns ∂L/∂h_t into ∂L/∂h_{t-1}, and every one is measured on the way.
pub fn gradient_norms(gain: f64, steps: usize, seed: u64) -> Vec<f64> {
    let (input, hidden, batch) = (8, 64, 16);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut rnn = VanillaRnn::<f64>::new(input, hidden, Init::PyTorch, &mut rng);
    // The section's layer has a one-unit output layer y_t = W_hy h_t + b_y.
    // The loss reads h_T only, so it is not used; it is drawn all the same,
    // in this order, so that the seeded figure and the profiles recorded in
    // chapter 6 (`faq gradients`) are reproduced exactly.
    let _output = Dense::<f64>::new(hidden, 1, Init::PyTorch, &mut rng);
    rnn.w_hh = orthogonal::<f64>(hidden, &mut rng) * gain;
    let noise = Normal::new(0.0, 1.0).expect("unit normal");
    let x = Array3::from_shape_simple_fn((steps, batch, input), || noise.sample(&mut rng));
    let trace = rnn.forward(x.view(), None);
    // Only the last state feeds the loss: dL/dh_T = R, and nothing reaches
    // the earlier states from outside the layer.
    let mut dh_t = Array2::from_shape_simple_fn((batch, hidden), || noise.sample(&mut rng));
    let mut norms = vec![0.0; steps + 1];
    norms[steps] = batch_mean_norm(&dh_t);
    // The parameters' gradients, which this figure does not need.
    let mut grads = numeric::params::zeros_like(&rnn);
    for t in (0..steps).rev() {
        let (_, dh_prev) = rnn.step_backward(
            x.index_axis(Axis(0), t),
            trace.h.index_axis(Axis(0), t),
            trace.h.index_axis(Axis(0), t + 1),
            dh_t.view(),
            &mut grads,
        );
        norms[t] = batch_mean_norm(&dh_prev);
        dh_t = dh_prev;
    }
    norms
}

fn batch_mean_norm(g: &Array2<f64>) -> f64 {
    let batch = g.nrows() as f64;
    g.rows().into_iter().map(|r| r.dot(&r).sqrt()).sum::<f64>() / batch
}

/// Write the section's figures into `dir`.
pub fn write_figures(dir: &Path, seed: u64) -> Result<Vec<PathBuf>, FigureError> {
    let steps = 60;
    let mut chart = LineChart::new(
        "Gradient reaching h_t from a loss at the last step",
        "distance T − t (steps)",
        "mean ‖∂L/∂h_t‖",
    )
    .log_y()
    .legend_at(Corner::LowerLeft);
    for gain in GAINS {
        let norms = gradient_norms(gain, steps, seed);
        let points = norms
            .iter()
            .enumerate()
            .map(|(t, n)| ((steps - t) as f64, n.max(1e-300)))
            .collect();
        chart = chart.with(Series::line(format!("gain {gain}"), points));
    }
    let path = dir.join("vanilla-gradient-norms.svg");
    chart.save_svg(&path)?;
    let (cell, bptt) = (dir.join("vanilla-cell.svg"), dir.join("vanilla-bptt.svg"));
    crate::diagram::cell().save_svg(&cell)?;
    crate::diagram::bptt().save_svg(&bptt)?;
    Ok(vec![path, cell, bptt])
}
