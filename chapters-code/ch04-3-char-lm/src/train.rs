//! Training the character model: the training text cut into parallel
//! streams, read chunk by chunk with the state carried across chunks
//! (truncated backpropagation through time), Adam, clipping, and the
//! held-out perplexity after every epoch.

use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use layers::adam::{Adam, AdamConfig, clip_global_norm};
use ndarray::Array2;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::corpus::Corpus;
use crate::model::CharLm;

/// The settings of one run.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CharLmConfig {
    pub hidden: usize,
    /// Parallel streams of text (the batch).
    pub streams: usize,
    /// Characters per chunk: how far back the gradient reaches.
    pub chunk: usize,
    pub epochs: usize,
    pub lr: f64,
    pub clip: f64,
    pub seed: u64,
    /// What the samples start from.
    pub prompt: String,
    pub sample_length: usize,
    pub temperatures: Vec<f64>,
}

/// What one epoch measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EpochPoint {
    pub epoch: usize,
    /// Mean training cross-entropy, nats per character.
    pub train_loss: f64,
    /// e^(mean held-out cross-entropy): the "number of equally likely
    /// characters" the model hesitates between.
    pub held_out_perplexity: f64,
    pub seconds: f64,
}

/// A sample written by the model of the best epoch.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sample {
    pub temperature: f64,
    pub text: String,
}

/// Everything a run measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CharLmRun {
    pub config: CharLmConfig,
    pub parameters: usize,
    pub vocab_size: usize,
    pub train_chars: usize,
    pub held_out_chars: usize,
    pub files: Vec<String>,
    pub corpus_sha256: String,
    pub unigram_perplexity: f64,
    pub epochs: Vec<EpochPoint>,
    /// The epoch with the lowest held-out perplexity, whose model wrote the samples.
    pub best_epoch: usize,
    pub best_perplexity: f64,
    pub samples: Vec<Sample>,
}

// ANCHOR: streams
/// Cut `ids` into `streams` equal contiguous pieces, one per row.
pub fn streams(ids: &[usize], streams: usize) -> Array2<usize> {
    let len = ids.len() / streams;
    assert!(
        len >= 2,
        "{} characters cannot make {streams} streams",
        ids.len()
    );
    Array2::from_shape_fn((streams, len), |(b, k)| ids[b * len + k])
}
// ANCHOR_END: streams

/// One pass over the training streams; returns the mean training loss.
fn epoch(
    model: &mut CharLm<f32>,
    adam: &mut Adam<f32>,
    data: &Array2<usize>,
    config: &CharLmConfig,
    bar: &ProgressBar,
) -> f64 {
    let (batch, len) = data.dim();
    let mut state = model.zero_state(batch);
    let (mut total, mut count) = (0.0, 0usize);
    let mut start = 0;
    while start + 1 < len {
        let end = (start + config.chunk).min(len - 1);
        // (T, B): time first, as the LSTM reads it.
        let inputs = data.slice(ndarray::s![.., start..end]).t().to_owned();
        let targets = data
            .slice(ndarray::s![.., start + 1..end + 1])
            .t()
            .to_owned();
        let mut grads = model.chunk_loss_and_grads(inputs.view(), targets.view(), &state);
        clip_global_norm(&mut grads.named, config.clip as f32);
        adam.update(model, &grads.named);
        total += f64::from(grads.loss) * (end - start) as f64;
        count += end - start;
        state = grads.end;
        start = end;
        bar.inc(1);
    }
    total / count as f64
}

// ANCHOR: train
/// Train a new model on `corpus`; keep the model of the epoch with the
/// lowest held-out perplexity, and let it write one sample per temperature.
pub fn train(
    corpus: &Corpus,
    config: &CharLmConfig,
    progress: bool,
) -> (CharLmRun, CharLm<f32>) {
    let mut rng = StdRng::seed_from_u64(config.seed);
    let mut model = CharLm::<f32>::new(corpus.vocab_size(), config.hidden, &mut rng);
    let parameters = model.parameter_count();
    let mut adam = Adam::new(AdamConfig {
        lr: config.lr,
        ..AdamConfig::default()
    });
    let data = streams(&corpus.train, config.streams);
    let chunks = (data.ncols() - 1).div_ceil(config.chunk);
    let bar = bar(config, chunks, progress);
    let mut points = Vec::new();
    let mut best: Option<(f64, usize, CharLm<f32>)> = None;
    for e in 1..=config.epochs {
        let start = Instant::now();
        let train_loss = epoch(&mut model, &mut adam, &data, config, &bar);
        let seconds = start.elapsed().as_secs_f64();
        let perplexity = model.mean_cross_entropy(&corpus.held_out, 256).exp();
        bar.set_message(format!("held-out perplexity {perplexity:.2}"));
        points.push(EpochPoint {
            epoch: e,
            train_loss,
            held_out_perplexity: perplexity,
            seconds,
        });
        if best.as_ref().is_none_or(|(p, _, _)| perplexity < *p) {
            best = Some((perplexity, e, model.clone()));
        }
    }
    bar.finish_and_clear();
    let (best_perplexity, best_epoch, best_model) = best.expect("at least one epoch");
    let prompt = corpus.encode(&config.prompt);
    let samples = config
        .temperatures
        .iter()
        .map(|&t| {
            let mut rng = StdRng::seed_from_u64(config.seed.wrapping_add(1000));
            let ids = best_model.sample(&prompt, config.sample_length, t as f32, &mut rng);
            Sample {
                temperature: t,
                text: format!("{}{}", config.prompt, corpus.decode(&ids)),
            }
        })
        .collect();
    let run = CharLmRun {
        config: config.clone(),
        parameters,
        vocab_size: corpus.vocab_size(),
        train_chars: corpus.train.len(),
        held_out_chars: corpus.held_out.len(),
        files: corpus.files.clone(),
        corpus_sha256: corpus.sha256.clone(),
        unigram_perplexity: corpus.unigram_perplexity(),
        epochs: points,
        best_epoch,
        best_perplexity,
        samples,
    };
    (run, best_model)
}
// ANCHOR_END: train

fn bar(config: &CharLmConfig, chunks: usize, progress: bool) -> ProgressBar {
    if !progress {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new((chunks * config.epochs) as u64);
    bar.set_style(
        ProgressStyle::with_template("char-lm {bar:30} {pos}/{len} chunks {msg} ETA {eta}")
            .expect("valid template"),
    );
    bar
}
