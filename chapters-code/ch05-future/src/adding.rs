//! The minGRU on the adding problem, in the training loop and with the
//! settings that chapter 6 trains its cells with (the shared crate
//! `adding-problem`), so that its errors sit beside the GRU's and the LSTM's.

use adding_problem::settings::Settings;
use adding_problem::train::{
    AddingModel, AddingOutcome, Grads, Schedule, bar, mse, train_adding_model,
};
use fast_rnn::fastmath::FastMath;
use indicatif::{MultiProgress, ProgressDrawTarget};
use layers::dense::Dense;
use ndarray::{Array1, Array3, ArrayView1, ArrayView3, Axis};
use numeric::Init;
use numeric::threads::map_in_parallel;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::MinGru;

/// minGRU layer → Dense(1) on h_T, as chapter 6's regressor but for the layer.
#[derive(Debug, Clone, PartialEq)]
pub struct MinGruRegressor<F> {
    /// Input 2 (value, marker), hidden H.
    pub min_gru: MinGru<F>,
    /// (1, H) and (1).
    pub dense: Dense<F>,
}

numeric::params! { MinGruRegressor {} prefixed { min_gru, dense } }

impl<F: FastMath> MinGruRegressor<F> {
    /// A model with `hidden` units, seeded by `rng` (PyTorch's initialisation).
    pub fn new(hidden: usize, rng: &mut impl rand::Rng) -> Self {
        MinGruRegressor {
            min_gru: MinGru::new(2, hidden, Init::PyTorch, rng),
            dense: Dense::new(hidden, 1, Init::PyTorch, rng),
        }
    }
}

impl<F: FastMath> AddingModel<F> for MinGruRegressor<F> {
    /// z = W h_T + b, the states by the scan on one thread.
    fn answers(&self, x: ArrayView3<F>) -> Array1<F> {
        let trace = self.min_gru.forward_scan(x, None, 1);
        self.dense.forward(trace.last()).column(0).to_owned()
    }

    /// The mean squared error and its gradients: the dense layer's, then
    /// dL/dh_T alone enters the minGRU's backward pass.
    fn loss_and_grads(&self, x: ArrayView3<F>, y: ArrayView1<F>) -> Grads<F> {
        let trace = self.min_gru.forward_scan(x, None, 1);
        let z = self.dense.forward(trace.last()).column(0).to_owned();
        let (loss, dz) = mse(z.view(), y);
        let dense = self
            .dense
            .backward(trace.last(), dz.insert_axis(Axis(1)).view());
        let (steps, batch, hidden) = trace.states().dim();
        let mut dh = Array3::zeros((steps, batch, hidden));
        dh.index_axis_mut(Axis(0), steps - 1).assign(&dense.h);
        let grads = MinGruRegressor {
            min_gru: self.min_gru.backward(x, &trace, dh.view()).params,
            dense: Dense {
                w: dense.w,
                b: dense.b,
            },
        };
        Grads {
            loss,
            named: numeric::params::to_named(&grads),
        }
    }
}

/// One minGRU run on the adding problem.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MinGruAddingRun {
    pub schedule: Schedule,
    pub hidden: usize,
    #[serde(flatten)]
    pub outcome: AddingOutcome,
}

/// A results file of `future adding`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MinGruAddingResults {
    pub provenance: fileio::Provenance,
    pub quick: bool,
    /// The lengths, seeds and settings these runs share with chapter 6's.
    pub settings: Settings,
    pub runs: Vec<MinGruAddingRun>,
}

/// Train a minGRU for every (length, seed) of `settings`, `threads` at a time.
pub fn run_all(
    settings: &Settings,
    threads: usize,
    progress: bool,
) -> Vec<MinGruAddingRun> {
    let multi = MultiProgress::new();
    if !progress {
        multi.set_draw_target(ProgressDrawTarget::hidden());
    }
    map_in_parallel(&settings.schedules(), threads, |schedule| {
        let model = MinGruRegressor::<f32>::new(
            settings.hidden,
            &mut StdRng::seed_from_u64(schedule.seed),
        );
        let label = format!("minGRU T={} seed {}", schedule.length, schedule.seed);
        let bar = bar(schedule.iterations, &label, Some(&multi));
        let (outcome, _) = train_adding_model(schedule, model, bar);
        MinGruAddingRun {
            schedule: *schedule,
            hidden: settings.hidden,
            outcome,
        }
    })
}
