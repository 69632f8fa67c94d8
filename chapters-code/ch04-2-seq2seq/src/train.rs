//! Training the encoder–decoder with teacher forcing, and measuring it by
//! greedy decoding on strings it never saw.

use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use layers::adam::{Adam, AdamConfig, clip_global_norm};
use ndarray::Array2;
use numeric::params::ParamsMut;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::model::{Seq2Seq, Seq2SeqGrads};
use crate::task::{Task, as_matrix, target_of};

/// The settings of one run.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Seq2SeqConfig {
    pub task: Task,
    pub hidden: usize,
    pub batch_size: usize,
    /// Parameter updates, each on a fresh batch of training strings.
    pub iterations: usize,
    /// Measure the held-out accuracy every this many updates.
    pub eval_every: usize,
    /// Held-out strings in the test set.
    pub test_size: usize,
    /// The learning rate at the start; it follows a cosine down to 0 at the
    /// last update, so that the last updates are small and the final model
    /// does not depend on where the noise of the last few batches left it.
    pub lr: f64,
    /// Clip the global gradient norm to this value.
    pub clip: f64,
    pub seed: u64,
}

/// One point of the learning curve.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CurvePoint {
    pub iteration: usize,
    /// Mean training cross-entropy per token since the last point.
    pub train_loss: f64,
    /// Share of held-out strings decoded exactly right.
    pub exact_match: f64,
}

/// One decoded example.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Example {
    pub input: String,
    pub expected: String,
    pub decoded: String,
}

/// Exact-match accuracy for one length.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LengthAccuracy {
    pub length: usize,
    pub strings: usize,
    pub exact_match: f64,
}

/// Everything a run measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Seq2SeqRun {
    pub config: Seq2SeqConfig,
    pub parameters: usize,
    pub curve: Vec<CurvePoint>,
    pub final_exact_match: f64,
    pub by_length: Vec<LengthAccuracy>,
    pub examples: Vec<Example>,
    pub seconds: f64,
}

/// The held-out test set: the same for every run with the same task and size.
pub fn test_set(task: &Task, size: usize) -> Vec<Vec<usize>> {
    task.draw_many(size, true, &mut StdRng::seed_from_u64(2_024_117))
}

pub(crate) fn text(digits: &[usize]) -> String {
    digits.iter().map(|d| char::from(b'0' + *d as u8)).collect()
}

/// Decode every string greedily (in batches of one length) and compare with
/// the reversal. Returns the decoded strings in the order of `strings`.
pub fn decode_all(model: &Seq2Seq<f32>, strings: &[Vec<usize>]) -> Vec<Vec<usize>> {
    decode_all_with(strings, |batch, max_steps| model.greedy(batch, max_steps))
}

/// [`decode_all`] with any greedy decoder: `greedy` takes a batch (T, B)
/// and a number of steps and returns the decoded strings.
pub(crate) fn decode_all_with(
    strings: &[Vec<usize>],
    greedy: impl Fn(&Array2<usize>, usize) -> Vec<Vec<usize>>,
) -> Vec<Vec<usize>> {
    let mut decoded = vec![Vec::new(); strings.len()];
    let longest = strings.iter().map(Vec::len).max().unwrap_or(0);
    for len in 1..=longest {
        let rows: Vec<usize> = (0..strings.len())
            .filter(|&k| strings[k].len() == len)
            .collect();
        for chunk in rows.chunks(256) {
            let batch: Vec<Vec<usize>> =
                chunk.iter().map(|&k| strings[k].clone()).collect();
            // A little room past the right length, so that a model that does
            // not stop is seen not to stop.
            let out = greedy(&as_matrix(&batch), len + 2);
            for (&k, answer) in chunk.iter().zip(out) {
                decoded[k] = answer;
            }
        }
    }
    decoded
}

/// Share of `strings` whose decoding is exactly their reversal.
pub fn exact_match(strings: &[Vec<usize>], decoded: &[Vec<usize>]) -> f64 {
    let right = strings
        .iter()
        .zip(decoded)
        .filter(|(s, d)| s.iter().rev().eq(d.iter()))
        .count();
    right as f64 / strings.len() as f64
}

// ANCHOR: train
/// Train a new model as `config` says, with a progress bar if `progress`.
pub fn train(config: &Seq2SeqConfig, progress: bool) -> (Seq2SeqRun, Seq2Seq<f32>) {
    let mut rng = StdRng::seed_from_u64(config.seed);
    let model = Seq2Seq::<f32>::new(config.hidden, &mut rng);
    train_model(config, model, rng, progress)
}

/// What the training loop needs of a model (the encoder–decoder here, the
/// one with attention below): the loss and gradients of a
/// batch under teacher forcing, and its greedy answers.
pub trait Reverser: ParamsMut<f32> {
    /// Loss and gradients for `source` (T_in, B) against `target` (T_out, B).
    fn batch_grads(
        &self,
        source: &Array2<usize>,
        target: &Array2<usize>,
    ) -> Seq2SeqGrads<f32>;
    /// The greedy answer to every string.
    fn answers(&self, strings: &[Vec<usize>]) -> Vec<Vec<usize>>;
}

/// Train `model` as `config` says, drawing the batches from `rng`.
pub fn train_model<M: Reverser>(
    config: &Seq2SeqConfig,
    model: M,
    rng: StdRng,
    progress: bool,
) -> (Seq2SeqRun, M) {
    train_model_with_bar(config, model, rng, bar(config, progress))
}

/// [`train_model`], reporting its progress on `bar` (which it finishes).
pub fn train_model_with_bar<M: Reverser>(
    config: &Seq2SeqConfig,
    mut model: M,
    mut rng: StdRng,
    bar: ProgressBar,
) -> (Seq2SeqRun, M) {
    let parameters = numeric::params::count(&model);
    let test = test_set(&config.task, config.test_size);
    let mut adam = Adam::new(AdamConfig {
        lr: config.lr,
        ..AdamConfig::default()
    });
    let start = Instant::now();
    let (mut curve, mut loss_sum) = (Vec::new(), 0.0);
    for iteration in 1..=config.iterations {
        // One length per batch, so no padding is needed.
        let len = rng.random_range(config.task.min_len..=config.task.max_len);
        let strings: Vec<Vec<usize>> = (0..config.batch_size)
            .map(|_| config.task.draw(len, false, &mut rng))
            .collect();
        let targets: Vec<Vec<usize>> = strings.iter().map(|s| target_of(s)).collect();
        let mut grads = model.batch_grads(&as_matrix(&strings), &as_matrix(&targets));
        clip_global_norm(&mut grads.named, config.clip as f32);
        adam.config.lr = cosine(config.lr, iteration, config.iterations);
        adam.update(&mut model, &grads.named);
        loss_sum += f64::from(grads.loss);
        if iteration % config.eval_every == 0 || iteration == config.iterations {
            let since = iteration - curve.last().map_or(0, |p: &CurvePoint| p.iteration);
            let accuracy = exact_match(&test, &model.answers(&test));
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
    let decoded = model.answers(&test);
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
// ANCHOR_END: train

/// lr · ½(1 + cos(π (t − 1) / n)): `lr` at the first of `n` updates, near 0 at the last.
pub fn cosine(lr: f64, t: usize, n: usize) -> f64 {
    lr * 0.5 * (1.0 + (std::f64::consts::PI * (t - 1) as f64 / n as f64).cos())
}

pub(crate) fn by_length(
    task: &Task,
    test: &[Vec<usize>],
    decoded: &[Vec<usize>],
) -> Vec<LengthAccuracy> {
    (task.min_len..=task.max_len)
        .map(|length| {
            let (strings, answers): (Vec<_>, Vec<_>) = test
                .iter()
                .zip(decoded)
                .filter(|(s, _)| s.len() == length)
                .map(|(s, d)| (s.clone(), d.clone()))
                .unzip();
            LengthAccuracy {
                length,
                strings: strings.len(),
                exact_match: if strings.is_empty() {
                    f64::NAN
                } else {
                    exact_match(&strings, &answers)
                },
            }
        })
        .collect()
}

pub(crate) fn bar(config: &Seq2SeqConfig, progress: bool) -> ProgressBar {
    if !progress {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(config.iterations as u64);
    bar.set_style(
        ProgressStyle::with_template("seq2seq {bar:30} {pos}/{len} {msg} ETA {eta}")
            .expect("valid template"),
    );
    bar
}

impl Reverser for Seq2Seq<f32> {
    fn batch_grads(
        &self,
        source: &Array2<usize>,
        target: &Array2<usize>,
    ) -> Seq2SeqGrads<f32> {
        self.loss_and_grads(source, target)
    }

    fn answers(&self, strings: &[Vec<usize>]) -> Vec<Vec<usize>> {
        decode_all(self, strings)
    }
}
