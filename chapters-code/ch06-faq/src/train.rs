//! Training a [`Regressor`] on the adding problem, in the shared loop of
//! the crate `adding-problem` ([`train_adding_model`]), which chapter 5
//! also trains its minGRU in.

pub use adding_problem::train::{
    AddingModel, AddingOutcome, CurvePoint, Optimiser, Schedule, bar, test_mse, test_set,
    train_adding_model,
};
use fast_rnn::fastmath::FastMath;
use indicatif::MultiProgress;
use ndarray::{Array1, ArrayView1, ArrayView3};
use rand::SeedableRng;
use rand::rngs::StdRng;
use recurrent::CellKind;

use crate::regressor::{Regressor, RegressorGrads};

/// One training run on the adding problem: the model, and the training
/// loop's settings (written beside the model's fields in the results files).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AddingConfig {
    pub cell: CellKind,
    pub hidden: usize,
    /// Start the vanilla layer from W_hh = gain · Q, Q a random orthogonal
    /// matrix (every singular value equal to the gain); `None` keeps the default.
    pub w_hh_gain: Option<f64>,
    /// T, the batches, the optimiser, clipping and the seed.
    #[serde(flatten)]
    pub schedule: Schedule,
}

/// What one run measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AddingRun {
    pub config: AddingConfig,
    #[serde(flatten)]
    pub outcome: AddingOutcome,
}

impl std::ops::Deref for AddingRun {
    type Target = AddingOutcome;
    fn deref(&self) -> &AddingOutcome {
        &self.outcome
    }
}

impl<F: FastMath> AddingModel<F> for Regressor<F> {
    fn answers(&self, x: ArrayView3<F>) -> Array1<F> {
        self.forward(x).z
    }

    fn loss_and_grads(&self, x: ArrayView3<F>, y: ArrayView1<F>) -> RegressorGrads<F> {
        Regressor::loss_and_grads(self, x, y)
    }
}

// ANCHOR: train
/// Train a new model as `config` says; with `progress`, a bar with the
/// latest test error is added to it.
pub fn train_adding<F: FastMath>(
    config: &AddingConfig,
    progress: Option<&MultiProgress>,
) -> (AddingRun, Regressor<F>) {
    let schedule = &config.schedule;
    let mut model = Regressor::<F>::new(
        config.cell,
        2,
        config.hidden,
        &mut StdRng::seed_from_u64(schedule.seed),
    );
    if let Some(gain) = config.w_hh_gain {
        model.set_recurrent_gain(gain, schedule.seed);
    }
    let label = format!(
        "{} T={} seed {}",
        config.cell, schedule.length, schedule.seed
    );
    let bar = bar(schedule.iterations, &label, progress);
    let (outcome, model) = train_adding_model(schedule, model, bar);
    let run = AddingRun {
        config: *config,
        outcome,
    };
    (run, model)
}

// ANCHOR_END: train
