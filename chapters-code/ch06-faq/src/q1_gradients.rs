//! Q1, why gradients vanish: the gradient that reaches h_t from a loss at
//! the last step, for every cell, before and after training; the vanilla
//! layer's recurrent gain swept through 1; and clipping on an exploding run.

use indicatif::MultiProgress;
use layers::adam::AdamConfig;
use ndarray::Axis;
use recurrent::CellKind;

use crate::distance::gradient_by_distance;
use crate::record::Provenance;
use crate::regressor::{Regressor, mse};
use crate::train::{AddingConfig, AddingRun, Optimiser, Schedule, test_set, train_adding};

/// When a gradient profile was measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Stage {
    Initialisation,
    Trained,
}

/// ‖∂L/∂h_{T−d}‖ for d = 0 … T, for one model.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    pub cell: CellKind,
    pub stage: Stage,
    /// The model's test error when the profile was measured.
    pub test_mse: f64,
    pub by_distance: Vec<f64>,
}

/// The vanilla layer at initialisation with W_hh = gain · Q.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GainProfile {
    pub gain: f64,
    pub by_distance: Vec<f64>,
}

/// The sizes and settings of the experiment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GradientSettings {
    /// The training runs whose models are measured (one per cell).
    pub training: AddingConfig,
    /// Sequences over which each profile is averaged.
    pub profile_batch: usize,
    pub gains: Vec<f64>,
    /// The exploding run, trained without and with clipping.
    pub exploding: AddingConfig,
    pub clip: f64,
}

/// The recorded experiment.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct GradientResults {
    pub provenance: Provenance,
    pub settings: GradientSettings,
    pub profiles: Vec<Profile>,
    pub gains: Vec<GainProfile>,
    /// The exploding configuration without clipping, then with.
    pub clipping: Vec<AddingRun>,
}

impl GradientSettings {
    /// The book's settings: T = 100.
    pub fn full(seed: u64) -> Self {
        let training = AddingConfig {
            cell: CellKind::Lstm,
            hidden: 32,
            w_hh_gain: None,
            schedule: Schedule {
                length: 100,
                batch_size: 32,
                iterations: 4000,
                eval_every: 100,
                test_size: 1000,
                optimiser: Optimiser::Adam(AdamConfig {
                    lr: 3e-3,
                    ..AdamConfig::default()
                }),
                clip: Some(1.0),
                seed,
            },
        };
        let exploding = AddingConfig {
            cell: CellKind::Rnn,
            w_hh_gain: Some(1.5),
            schedule: Schedule {
                length: 50,
                iterations: 1000,
                eval_every: 10,
                optimiser: Optimiser::Sgd { lr: 0.05 },
                clip: None,
                ..training.schedule
            },
            ..training
        };
        GradientSettings {
            training,
            profile_batch: 64,
            gains: vanilla_rnn::figures::GAINS.to_vec(),
            exploding,
            clip: 1.0,
        }
    }

    /// The CI settings: the same code at T = 20, with few iterations.
    pub fn quick(seed: u64) -> Self {
        let mut s = GradientSettings::full(seed);
        s.training.schedule.length = 20;
        s.training.schedule.iterations = 100;
        s.training.schedule.eval_every = 50;
        s.training.schedule.test_size = 200;
        s.exploding.schedule.length = 20;
        s.exploding.schedule.iterations = 100;
        s.exploding.schedule.test_size = 200;
        s.profile_batch = 16;
        s
    }
}

// ANCHOR: profile
/// The profile of `model` on the first `batch` test sequences, with the
/// true gradient of the mean squared error at h_T.
pub fn profile(model: &Regressor<f64>, length: usize, batch: usize) -> Vec<f64> {
    let data = test_set::<f64>(length, batch);
    let f = model.forward(data.x.view());
    let (_, dz) = mse(f.z.view(), data.y.view());
    let last = f.states.index_axis(Axis(0), length - 1);
    let dh_last = model.dense.backward(last, dz.insert_axis(Axis(1)).view()).h;
    gradient_by_distance(&model.rnn, data.x.view(), dh_last.view())
}
// ANCHOR_END: profile

/// Run the whole experiment.
pub fn run(
    settings: &GradientSettings,
    progress: bool,
) -> (Vec<Profile>, Vec<GainProfile>, Vec<AddingRun>) {
    let multi = MultiProgress::new();
    if !progress {
        multi.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let length = settings.training.schedule.length;
    let mut profiles = Vec::new();
    for cell in [CellKind::Rnn, CellKind::Lstm, CellKind::Gru] {
        let config = AddingConfig {
            cell,
            ..settings.training
        };
        // The same seed builds the same initial model as the training run.
        let initial = Regressor::<f64>::new(
            cell,
            2,
            config.hidden,
            &mut <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(
                config.schedule.seed,
            ),
        );
        let test = test_set::<f64>(length, config.schedule.test_size);
        profiles.push(Profile {
            cell,
            stage: Stage::Initialisation,
            test_mse: crate::train::test_mse(&initial, &test),
            by_distance: profile(&initial, length, settings.profile_batch),
        });
        let (run, trained) = train_adding::<f64>(&config, Some(&multi));
        profiles.push(Profile {
            cell,
            stage: Stage::Trained,
            test_mse: run.final_test_mse,
            by_distance: profile(&trained, length, settings.profile_batch),
        });
    }
    let gains = settings
        .gains
        .iter()
        .map(|&gain| {
            let mut norms = vanilla_rnn::figures::gradient_norms(
                gain,
                length,
                settings.training.schedule.seed,
            );
            norms.reverse();
            GainProfile {
                gain,
                by_distance: norms,
            }
        })
        .collect();
    let clipped = AddingConfig {
        schedule: Schedule {
            clip: Some(settings.clip),
            ..settings.exploding.schedule
        },
        ..settings.exploding
    };
    let clipping = [settings.exploding, clipped]
        .iter()
        .map(|config| train_adding::<f32>(config, Some(&multi)).0)
        .collect();
    (profiles, gains, clipping)
}
