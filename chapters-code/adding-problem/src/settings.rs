//! The settings that every run of the book on the adding problem shares,
//! whatever its model: chapter 6's cells and chapter 5's minGRU are trained
//! with the same lengths, seeds, sizes and optimiser.

use layers::adam::AdamConfig;

use crate::train::{Optimiser, Schedule};

/// Lengths and seeds of a sweep, and the settings every run of it shares.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    pub lengths: Vec<usize>,
    pub seeds: Vec<u64>,
    pub hidden: usize,
    pub batch_size: usize,
    pub iterations: usize,
    pub eval_every: usize,
    pub test_size: usize,
    pub lr: f64,
    pub clip: f64,
}

impl Settings {
    /// The book's runs: T ∈ {10, 50, 100, 200}, three seeds from `seed`,
    /// 32 units, 8,000 updates of Adam on batches of 32, clipped at norm 1.
    pub fn book(seed: u64) -> Self {
        Settings {
            lengths: vec![10, 50, 100, 200],
            seeds: (seed..seed + 3).collect(),
            hidden: 32,
            batch_size: 32,
            iterations: 8000,
            eval_every: 200,
            test_size: 1000,
            lr: 3e-3,
            clip: 1.0,
        }
    }

    /// The CI form: the same code on short sequences, one seed.
    pub fn quick(seed: u64) -> Self {
        Settings {
            lengths: vec![10, 20],
            seeds: vec![seed],
            iterations: 150,
            eval_every: 50,
            test_size: 200,
            ..Settings::book(seed)
        }
    }

    /// The optimiser of every run: Adam at the rate `lr`.
    pub fn optimiser(&self) -> Optimiser {
        Optimiser::Adam(AdamConfig {
            lr: self.lr,
            ..AdamConfig::default()
        })
    }

    /// The training loop's settings for every (length, seed), in that order.
    pub fn schedules(&self) -> Vec<Schedule> {
        let mut all = Vec::new();
        for &length in &self.lengths {
            for &seed in &self.seeds {
                all.push(Schedule {
                    length,
                    batch_size: self.batch_size,
                    iterations: self.iterations,
                    eval_every: self.eval_every,
                    test_size: self.test_size,
                    optimiser: self.optimiser(),
                    clip: Some(self.clip),
                    seed,
                });
            }
        }
        all
    }
}
