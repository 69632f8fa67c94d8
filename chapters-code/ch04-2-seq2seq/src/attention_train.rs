//! Training the encoder–decoder with attention in the loop that trains the
//! one without ([`train_model`]): the same task, batches, optimiser,
//! clipping, learning-rate schedule, held-out set and measurements.

use ndarray::Array2;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::attention::AttentionSeq2Seq;
use crate::model::Seq2SeqGrads;
use crate::train::{Reverser, Seq2SeqConfig, Seq2SeqRun, decode_all_with, train_model};

/// Decode every string greedily with attention, as [`decode_all`](crate::train::decode_all)
/// does without; the attention weights are dropped.
pub fn decode_all_attention(
    model: &AttentionSeq2Seq<f32>,
    strings: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    decode_all_with(strings, |batch, max_steps| model.greedy(batch, max_steps).0)
}

/// Train a new model with attention as `config` says (A = H scoring units),
/// with a progress bar if `progress`, in the loop of [`train_model`].
pub fn train_attention(
    config: &Seq2SeqConfig,
    progress: bool,
) -> (Seq2SeqRun, AttentionSeq2Seq<f32>) {
    let mut rng = StdRng::seed_from_u64(config.seed);
    let model = AttentionSeq2Seq::<f32>::new(config.hidden, config.hidden, &mut rng);
    train_model(config, model, rng, progress)
}

impl Reverser for AttentionSeq2Seq<f32> {
    fn batch_grads(
        &self,
        source: &Array2<usize>,
        target: &Array2<usize>,
    ) -> Seq2SeqGrads<f32> {
        self.loss_and_grads(source, target)
    }

    fn answers(&self, strings: &[Vec<usize>]) -> Vec<Vec<usize>> {
        decode_all_attention(self, strings)
    }
}
