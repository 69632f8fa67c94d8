//! The figure of section 3.1: how the gradient that flows back from the last
//! step shrinks or grows with distance, for recurrent weights of different gains.

use std::path::{Path, PathBuf};

use figures::{Corner, FigureError, LineChart, Series};
use ndarray::{Array2, Array3, Axis, s};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, Normal};

use numeric::Init;
use numeric::init::orthogonal;

use crate::{RnnTrace, VanillaRnn};

/// Gains of the recurrent matrix W_hh = gain · Q (Q orthogonal, so every
/// singular value of W_hh, and its spectral radius, equals the gain).
pub const GAINS: [f64; 5] = [0.5, 0.9, 1.0, 1.1, 1.5];

/// ‖∂L/∂h_t‖ (averaged over the batch) for t = 0 … T, where L = Σ h_T ⊙ R
/// depends on the last state only, for a layer whose W_hh has the given gain.
pub fn gradient_norms(gain: f64, steps: usize, seed: u64) -> Vec<f64> {
    let (input, hidden, batch) = (8, 64, 16);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut rnn = VanillaRnn::<f64>::new(input, hidden, 1, Init::PyTorch, &mut rng);
    rnn.w_hh = orthogonal::<f64>(hidden, &mut rng) * gain;
    let noise = Normal::new(0.0, 1.0).expect("unit normal");
    let x = Array3::from_shape_simple_fn((steps, batch, input), || noise.sample(&mut rng));
    let (_, trace) = rnn.forward(x.view(), None);
    // Only the last state feeds the loss: dL/dh_T = R, zero elsewhere.
    let mut dh = Array3::zeros((steps, batch, hidden));
    dh.slice_mut(s![steps - 1, .., ..])
        .assign(&Array2::from_shape_simple_fn((batch, hidden), || {
            noise.sample(&mut rng)
        }));
    let dy = Array3::zeros((steps, batch, 1));
    // dL/dh_t is the initial-state gradient of the suffix that starts at h_t.
    let mut norms: Vec<f64> = (0..steps)
        .map(|t| {
            let suffix = RnnTrace {
                h: trace.h.slice(s![t.., .., ..]).to_owned(),
            };
            let range = s![t.., .., ..];
            let grads =
                rnn.backward(x.slice(range), &suffix, dh.slice(range), dy.slice(range));
            batch_mean_norm(&grads.h0)
        })
        .collect();
    norms.push(batch_mean_norm(
        &dh.index_axis(Axis(0), steps - 1).to_owned(),
    ));
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
    Ok(vec![path])
}
