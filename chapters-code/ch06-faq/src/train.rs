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

/// One training run on the adding problem.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AddingConfig {
    pub cell: CellKind,
    /// T, the length of every sequence.
    pub length: usize,
    pub hidden: usize,
    pub batch_size: usize,
    /// Parameter updates, each on a fresh batch.
    pub iterations: usize,
    /// Measure the test error every this many iterations.
    pub eval_every: usize,
    /// Sequences in the fixed test set.
    pub test_size: usize,
    pub optimiser: Optimiser,
    /// Clip the global gradient norm to this value.
    pub clip: Option<f64>,
    /// Start the vanilla layer from W_hh = gain · Q, Q a random orthogonal
    /// matrix (every singular value equal to the gain); `None` keeps the default.
    pub w_hh_gain: Option<f64>,
    pub seed: u64,
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

impl AddingConfig {
    /// The loop's settings of this run.
    pub fn schedule(&self) -> Schedule {
        Schedule {
            length: self.length,
            batch_size: self.batch_size,
            iterations: self.iterations,
            eval_every: self.eval_every,
            test_size: self.test_size,
            optimiser: self.optimiser,
            clip: self.clip,
            seed: self.seed,
        }
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
    let mut model = Regressor::<F>::new(
        config.cell,
        2,
        config.hidden,
        &mut StdRng::seed_from_u64(config.seed),
    );
    if let Some(gain) = config.w_hh_gain {
        model.set_recurrent_gain(gain, config.seed);
    }
    let label = format!("{} T={} seed {}", config.cell, config.length, config.seed);
    let bar = bar(config.iterations, &label, progress);
    let (outcome, model) = train_adding_model(&config.schedule(), model, bar);
    let run = AddingRun {
        config: *config,
        outcome,
    };
    (run, model)
}

// ANCHOR_END: train
