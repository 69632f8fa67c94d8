//! Training the encoder–decoder with attention exactly as [`train`](crate::train)
//! trains the one without: the same task, batches, optimiser, clipping,
//! learning-rate schedule, held-out set and measurements.

use std::time::Instant;

use layers::adam::{Adam, AdamConfig, clip_global_norm};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::attention::AttentionSeq2Seq;
use crate::task::{as_matrix, target_of};
use crate::train::{
    CurvePoint, Example, Seq2SeqConfig, Seq2SeqRun, bar, by_length, cosine,
    decode_all_with, exact_match, test_set, text,
};

/// Decode every string greedily with attention, as [`decode_all`](crate::train::decode_all)
/// does without; the attention weights are dropped.
pub fn decode_all_attention(
    model: &AttentionSeq2Seq<f32>,
    strings: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    decode_all_with(strings, |batch, max_steps| model.greedy(batch, max_steps).0)
}

/// Train a new model with attention as `config` says (A = H scoring units),
/// with a progress bar if `progress`.
pub fn train_attention(
    config: &Seq2SeqConfig,
    progress: bool,
) -> (Seq2SeqRun, AttentionSeq2Seq<f32>) {
    let mut rng = StdRng::seed_from_u64(config.seed);
    let mut model = AttentionSeq2Seq::<f32>::new(config.hidden, config.hidden, &mut rng);
    let parameters = model.parameter_count();
    let test = test_set(&config.task, config.test_size);
    let mut adam = Adam::new(AdamConfig {
        lr: config.lr,
        ..AdamConfig::default()
    });
    let bar = bar(config, progress);
    let start = Instant::now();
    let (mut curve, mut loss_sum) = (Vec::new(), 0.0);
    for iteration in 1..=config.iterations {
        // One length per batch, so no padding is needed.
        let len = rng.random_range(config.task.min_len..=config.task.max_len);
        let strings: Vec<Vec<usize>> = (0..config.batch_size)
            .map(|_| config.task.draw(len, false, &mut rng))
            .collect();
        let targets: Vec<Vec<usize>> = strings.iter().map(|s| target_of(s)).collect();
        let mut grads = model.loss_and_grads(&as_matrix(&strings), &as_matrix(&targets));
        clip_global_norm(&mut grads.named, config.clip as f32);
        adam.config.lr = cosine(config.lr, iteration, config.iterations);
        adam.update(&mut model, &grads.named);
        loss_sum += f64::from(grads.loss);
        if iteration % config.eval_every == 0 || iteration == config.iterations {
            let since = iteration - curve.last().map_or(0, |p: &CurvePoint| p.iteration);
            let accuracy = exact_match(&test, &decode_all_attention(&model, &test));
            bar.set_message(format!("held-out exact match {accuracy:.3}"));
            curve.push(CurvePoint {
                iteration,
                train_loss: loss_sum / since as f64,
                exact_match: accuracy,
            });
            loss_sum = 0.0;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    let decoded = decode_all_attention(&model, &test);
    let run = Seq2SeqRun {
        config: *config,
        parameters,
        final_exact_match: exact_match(&test, &decoded),
        by_length: by_length(&config.task, &test, &decoded),
        examples: test
            .iter()
            .zip(&decoded)
            .take(12)
            .map(|(s, d)| Example {
                input: text(s),
                expected: text(&s.iter().rev().copied().collect::<Vec<_>>()),
                decoded: text(d),
            })
            .collect(),
        curve,
        seconds: start.elapsed().as_secs_f64(),
    };
    (run, model)
}
