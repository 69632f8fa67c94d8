//! The training loop of the adding problem, for any model: fresh batches
//! every iteration, Adam or plain SGD, optional clipping of the global
//! gradient norm, and a learning curve on a fixed test set.

use std::time::Instant;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use layers::adam::{Adam, AdamConfig, clip_global_norm};
use ndarray::{Array1, ArrayD, ArrayView1, ArrayView3};
use numeric::{ParamsMut, Scalar};
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::batch::{AddingBatch, adding_batch, baseline_mse};

/// How the parameters move.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Optimiser {
    Adam(AdamConfig),
    /// Plain gradient descent, θ ← θ − lr·g: what clipping was invented for.
    Sgd {
        lr: f64,
    },
}

/// The learning curve, one point per `eval_every` iterations.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CurvePoint {
    /// Iterations done.
    pub iteration: usize,
    /// Mean training loss over the iterations since the last point.
    pub train_loss: f64,
    /// The largest global gradient norm (before clipping) since the last point.
    pub max_grad_norm: f64,
    /// Mean squared error on the fixed test set.
    pub test_mse: f64,
}

/// What the training loop measured, whatever the model.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AddingOutcome {
    pub parameters: usize,
    pub curve: Vec<CurvePoint>,
    /// Test error at the end (infinite if the run diverged).
    pub final_test_mse: f64,
    /// The error of always answering 1 on the same test set (≈ 1/6).
    pub baseline_test_mse: f64,
    /// The loss became NaN or infinite, and training stopped there.
    pub diverged: bool,
    pub seconds: f64,
}

/// The settings of the training loop: everything of an [`AddingConfig`]
/// but the model it trains.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Schedule {
    /// T, the length of every sequence.
    pub length: usize,
    pub batch_size: usize,
    pub iterations: usize,
    pub eval_every: usize,
    pub test_size: usize,
    pub optimiser: Optimiser,
    pub clip: Option<f64>,
    /// Seeds the batches (chapter 6's `train_adding` seeds its model with it too).
    pub seed: u64,
}

/// The loss of a batch and the gradient of every parameter, by name.
pub struct Grads<F> {
    pub loss: F,
    pub named: Vec<(String, ArrayD<F>)>,
}

// ANCHOR: mse
/// Mean squared error of answers z against targets y, and its gradient in z.
pub fn mse<F: Scalar>(z: ArrayView1<F>, y: ArrayView1<F>) -> (F, Array1<F>) {
    assert_eq!(
        z.len(),
        y.len(),
        "{} answers but {} targets",
        z.len(),
        y.len()
    );
    let n = F::lit(z.len() as f64);
    let diff = &z - &y;
    let loss = diff.mapv(|d| d * d).sum() / n;
    (loss, diff.mapv(|d| F::lit(2.0) * d / n))
}
// ANCHOR_END: mse

/// What the training loop needs of a model: its answers, and the loss and
/// gradients of a batch.
pub trait AddingModel<F>: ParamsMut<F> {
    /// The answers z (B) to x (T, B, 2).
    fn answers(&self, x: ArrayView3<F>) -> Array1<F>;
    /// The mean squared error of the answers to x against y (B), and every gradient by name.
    fn loss_and_grads(&self, x: ArrayView3<F>, y: ArrayView1<F>) -> Grads<F>;
}

/// The test set of sequences of length `length`: the same for every cell and
/// seed, so that their errors compare.
pub fn test_set<F: Scalar>(length: usize, size: usize) -> AddingBatch<F> {
    let mut rng = StdRng::seed_from_u64(1_000_003 + length as u64);
    adding_batch(length, size, &mut rng)
}

/// Mean squared error of `model` on `data`, in chunks of 500 sequences.
pub fn test_mse<F: Scalar>(model: &impl AddingModel<F>, data: &AddingBatch<F>) -> f64 {
    let n = data.y.len();
    let mut total = 0.0;
    for start in (0..n).step_by(500) {
        let end = (start + 500).min(n);
        let x = data.x.slice(ndarray::s![.., start..end, ..]);
        let y = data.y.slice(ndarray::s![start..end]);
        let z = model.answers(x);
        total += mse(z.view(), y).0.to_f64_lossless() * (end - start) as f64;
    }
    total / n as f64
}

// ANCHOR: train
/// Train `model` as `schedule` says on fresh batches, reporting on `bar`.
pub fn train_adding_model<F: Scalar, M: AddingModel<F>>(
    schedule: &Schedule,
    mut model: M,
    bar: ProgressBar,
) -> (AddingOutcome, M) {
    let parameters = numeric::params::count(&model);
    let test = test_set::<F>(schedule.length, schedule.test_size);
    let mut data_rng =
        StdRng::seed_from_u64(schedule.seed.wrapping_mul(7919).wrapping_add(17));
    let mut adam = Adam::<F>::new(match schedule.optimiser {
        Optimiser::Adam(c) => c,
        Optimiser::Sgd { .. } => AdamConfig::default(),
    });
    let start = Instant::now();
    let mut curve = Vec::new();
    let (mut loss_sum, mut max_norm, mut diverged) = (0.0, 0.0f64, false);
    for iteration in 1..=schedule.iterations {
        let batch = adding_batch::<F>(schedule.length, schedule.batch_size, &mut data_rng);
        let mut grads = model.loss_and_grads(batch.x.view(), batch.y.view());
        let loss = grads.loss.to_f64_lossless();
        let limit = schedule.clip.map_or(F::infinity(), F::lit);
        let norm = clip_global_norm(&mut grads.named, limit).to_f64_lossless();
        if !loss.is_finite() || !norm.is_finite() {
            diverged = true;
            break;
        }
        step(&mut model, &mut adam, schedule.optimiser, &grads.named);
        loss_sum += loss;
        max_norm = max_norm.max(norm);
        if iteration % schedule.eval_every == 0 || iteration == schedule.iterations {
            let since = iteration - curve.last().map_or(0, |p: &CurvePoint| p.iteration);
            let point = CurvePoint {
                iteration,
                train_loss: loss_sum / since as f64,
                max_grad_norm: max_norm,
                test_mse: test_mse(&model, &test),
            };
            bar.set_message(format!("test MSE {:.4}", point.test_mse));
            if !point.test_mse.is_finite() {
                diverged = true;
            }
            curve.push(point);
            (loss_sum, max_norm) = (0.0, 0.0);
            if diverged {
                break;
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let final_test_mse = if diverged {
        f64::INFINITY
    } else {
        test_mse(&model, &test)
    };
    let outcome = AddingOutcome {
        parameters,
        curve,
        final_test_mse,
        baseline_test_mse: baseline_mse(&test.y),
        diverged,
        seconds: start.elapsed().as_secs_f64(),
    };
    (outcome, model)
}
// ANCHOR_END: train

/// One update of every parameter.
fn step<F: Scalar>(
    model: &mut impl ParamsMut<F>,
    adam: &mut Adam<F>,
    optimiser: Optimiser,
    grads: &[(String, ndarray::ArrayD<F>)],
) {
    match optimiser {
        Optimiser::Adam(_) => adam.update(model, grads),
        Optimiser::Sgd { lr } => model.visit_mut(&mut |name, mut p| {
            let (_, g) = grads
                .iter()
                .find(|(n, _)| n == name)
                .unwrap_or_else(|| panic!("SGD: no gradient for the parameter '{name}'"));
            p.scaled_add(-F::lit(lr), g);
        }),
    }
}

/// A bar of `iterations` steps named `label` on `progress`, or a hidden one.
pub fn bar(
    iterations: usize,
    label: &str,
    progress: Option<&MultiProgress>,
) -> ProgressBar {
    let Some(multi) = progress else {
        return ProgressBar::hidden();
    };
    let bar = multi.add(ProgressBar::new(iterations as u64));
    bar.set_style(
        ProgressStyle::with_template("{prefix:>22} {bar:30} {pos}/{len} {msg} ETA {eta}")
            .expect("valid template"),
    );
    bar.set_prefix(label.to_owned());
    bar
}
