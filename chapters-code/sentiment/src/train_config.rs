//! The settings of a training run, and their ranges.

use anyhow::{Result, ensure};
use layers::adam::AdamConfig;

/// The training settings (the article's: 5 epochs, batch 32, Adam with Keras's defaults).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrainConfig {
    pub epochs: usize,
    pub batch_size: usize,
    pub seed: u64,
    pub adam: AdamConfig,
    /// Clip the global gradient norm to this value (off by default, as in the article).
    pub clip: Option<f64>,
    /// Lazy (sparse) Adam for the embedding: update only the rows a batch
    /// used (off by default: Keras and PyTorch update every row).
    #[serde(default)]
    pub lazy_embedding: bool,
}

impl TrainConfig {
    /// Check every setting against its range: at least one epoch, batches of
    /// at least one review, a clipping norm that is a positive finite number
    /// (0 would stop learning, a negative one would climb the loss, NaN or
    /// infinity would poison the weights), and Adam's constants in theirs.
    pub fn validate(&self) -> Result<()> {
        ensure!(self.epochs >= 1, "epochs is 0: train at least one epoch");
        ensure!(
            self.batch_size >= 1,
            "batch_size is 0: a batch holds at least one review"
        );
        if let Some(clip) = self.clip {
            ensure!(
                clip.is_finite() && clip > 0.0,
                "clip is {clip}: the largest gradient norm must be a positive finite number"
            );
        }
        let AdamConfig {
            lr,
            beta1,
            beta2,
            epsilon,
        } = self.adam;
        ensure!(
            lr.is_finite() && lr > 0.0,
            "Adam's learning rate is {lr}: it must be a positive finite number"
        );
        for (name, beta) in [("beta1", beta1), ("beta2", beta2)] {
            ensure!(
                (0.0..1.0).contains(&beta),
                "Adam's {name} is {beta}: it must be at least 0 and less than 1"
            );
        }
        ensure!(
            epsilon.is_finite() && epsilon > 0.0,
            "Adam's epsilon is {epsilon}: it must be a positive finite number"
        );
        Ok(())
    }

    /// What makes training diverge, for the message that stops it.
    pub(crate) fn divergence_advice(&self) -> String {
        let clip = match self.clip {
            Some(clip) => format!("the clipping norm (--clip {clip}) too large"),
            None => "the gradients too large (clip them, e.g. --clip 1)".to_owned(),
        };
        format!(
            "the learning rate ({:e}) may be too high, or {clip}; nothing of this epoch was saved",
            self.adam.lr
        )
    }
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 5,
            batch_size: 32,
            seed: 42,
            adam: AdamConfig::default(),
            clip: None,
            lazy_embedding: false,
        }
    }
}
