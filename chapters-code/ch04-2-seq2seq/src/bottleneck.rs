//! Where the fixed-size state breaks: the encoder–decoder with and without
//! attention, trained on the same batches of strings of 3 to 30 digits with
//! the same budget, at several numbers of hidden units; exact match by
//! length on held-out strings; and beam search against greedy decoding on
//! the models without attention.
//!
//! Without attention, everything the decoder will write must pass through
//! the encoder's last (h_T, C_T), 2H numbers; a string of n digits carries
//! n·log2(10) ≈ 3.3n bits. With attention the decoder reads all T encoder
//! states, so what it can consult grows with the string.

use indicatif::{MultiProgress, ProgressDrawTarget, ProgressStyle};
use numeric::threads::map_in_parallel;
use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::attention::AttentionSeq2Seq;
use crate::beam_eval::{BeamEvaluation, evaluate_beams};
use crate::model::Seq2Seq;
use crate::task::Task;
use crate::train::{Seq2SeqConfig, Seq2SeqRun, bar, test_set, train_model_with_bar};

/// The two decoders compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Decoder {
    /// Section 4.2's: starts from (h_T, C_T) and never sees the encoder again.
    Plain,
    /// Additive attention over every encoder state at every step.
    Attention,
}

impl std::fmt::Display for Decoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Decoder::Plain => "no attention",
            Decoder::Attention => "attention",
        })
    }
}

/// The grid of runs and the settings they share.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BottleneckConfig {
    /// Every run trains and is tested on strings of these lengths.
    pub task: Task,
    /// H, the units of each LSTM (and the attention's scoring units A = H).
    pub hiddens: Vec<usize>,
    pub batch_size: usize,
    pub iterations: usize,
    pub eval_every: usize,
    pub test_size: usize,
    pub lr: f64,
    pub clip: f64,
    /// Seeds the models; the batches come from `seed + 1`, the same for every run.
    pub seed: u64,
    /// Beam widths tried on each model without attention (1 is greedy).
    pub beam_widths: Vec<usize>,
    /// Length normalisations tried, log p / |y|^α.
    pub beam_alphas: Vec<f64>,
    /// Held-out strings of each length decoded by every beam.
    pub beam_strings_per_length: usize,
}

/// One trained model: which decoder, and what it measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BottleneckRun {
    pub decoder: Decoder,
    pub run: Seq2SeqRun,
    /// Beam search against greedy decoding (models without attention only).
    pub beams: Option<BeamEvaluation>,
}

/// A results file of `seq2seq bottleneck`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BottleneckResults {
    pub provenance: fileio::Provenance,
    pub quick: bool,
    pub config: BottleneckConfig,
    pub runs: Vec<BottleneckRun>,
}

impl BottleneckConfig {
    /// The book's grid: lengths 3–30, H ∈ {32, 64, 128}, 4,000 updates each.
    pub fn full(seed: u64) -> Self {
        BottleneckConfig {
            task: Task {
                min_len: 3,
                max_len: 30,
            },
            hiddens: vec![32, 64, 128],
            batch_size: 64,
            iterations: 4000,
            eval_every: 500,
            test_size: 2800,
            lr: 3e-3,
            clip: 1.0,
            seed,
            beam_widths: vec![1, 2, 4, 8, 16],
            beam_alphas: vec![0.0, 1.0],
            beam_strings_per_length: 20,
        }
    }

    /// The CI grid: the same code on short strings and small models.
    pub fn quick(seed: u64) -> Self {
        BottleneckConfig {
            task: Task {
                min_len: 2,
                max_len: 6,
            },
            hiddens: vec![16, 32],
            iterations: 300,
            eval_every: 100,
            test_size: 250,
            lr: 1e-2,
            beam_widths: vec![1, 2, 4],
            beam_strings_per_length: 5,
            ..BottleneckConfig::full(seed)
        }
    }

    /// The settings of one run with `hidden` units.
    pub fn run_config(&self, hidden: usize) -> Seq2SeqConfig {
        Seq2SeqConfig {
            task: self.task,
            hidden,
            batch_size: self.batch_size,
            iterations: self.iterations,
            eval_every: self.eval_every,
            test_size: self.test_size,
            lr: self.lr,
            clip: self.clip,
            seed: self.seed,
        }
    }

    /// Every (decoder, H): the largest H first, and attention (the slower)
    /// first within each H, so that two workers finish close together.
    pub fn jobs(&self) -> Vec<(Decoder, usize)> {
        self.hiddens
            .iter()
            .rev()
            .flat_map(|&h| [(Decoder::Attention, h), (Decoder::Plain, h)])
            .collect()
    }

    /// The strings every beam decodes: the first few held-out strings of each length.
    pub fn beam_strings(&self) -> Vec<Vec<usize>> {
        let test = test_set(&self.task, self.test_size);
        (self.task.min_len..=self.task.max_len)
            .flat_map(|len| {
                test.iter()
                    .filter(move |s| s.len() == len)
                    .take(self.beam_strings_per_length)
                    .cloned()
            })
            .collect()
    }
}

/// Train and measure one (decoder, H), reporting on a bar of `multi`.
pub fn run_one(
    config: &BottleneckConfig,
    decoder: Decoder,
    hidden: usize,
    multi: &MultiProgress,
) -> BottleneckRun {
    let run_config = config.run_config(hidden);
    let bar = multi.add(bar(&run_config, true));
    bar.set_style(
        ProgressStyle::with_template("{prefix:>22} {bar:30} {pos}/{len} {msg} ETA {eta}")
            .expect("valid template"),
    );
    bar.set_prefix(format!("{decoder}, H = {hidden}"));
    let mut init = StdRng::seed_from_u64(config.seed);
    let batches = StdRng::seed_from_u64(config.seed + 1);
    match decoder {
        Decoder::Plain => {
            let model = Seq2Seq::<f32>::new(hidden, &mut init);
            let (run, model) = train_model_with_bar(&run_config, model, batches, bar);
            let beams = evaluate_beams(
                &model,
                &config.beam_strings(),
                &config.beam_widths,
                &config.beam_alphas,
            );
            BottleneckRun {
                decoder,
                run,
                beams: Some(beams),
            }
        }
        Decoder::Attention => {
            let model = AttentionSeq2Seq::<f32>::new(hidden, hidden, &mut init);
            let (run, _) = train_model_with_bar(&run_config, model, batches, bar);
            BottleneckRun {
                decoder,
                run,
                beams: None,
            }
        }
    }
}

// ANCHOR: run_all
/// Every run of the grid, `threads` at a time, in the order of [`BottleneckConfig::jobs`].
/// Each run is seeded on its own, so the results do not depend on `threads`.
pub fn run_all(
    config: &BottleneckConfig,
    threads: usize,
    progress: bool,
) -> Vec<BottleneckRun> {
    let multi = MultiProgress::new();
    if !progress {
        multi.set_draw_target(ProgressDrawTarget::hidden());
    }
    map_in_parallel(&config.jobs(), threads, |&(decoder, hidden)| {
        run_one(config, decoder, hidden, &multi)
    })
}
// ANCHOR_END: run_all
