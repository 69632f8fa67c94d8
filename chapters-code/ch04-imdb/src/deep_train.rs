//! Training the final model ([`crate::deep`]): Adam with clipping, lazy
//! Adam for the embedding, fresh dropout masks for every batch, validation
//! after every epoch, early stopping when validation accuracy has not
//! improved for `patience` epochs, and one look at the test set with the
//! best epoch's weights.

use std::ops::Range;
use std::time::Instant;

use anyhow::{Result, bail, ensure};
use imdb_data::pad::Side;
use imdb_data::prepare::{Examples, Prepared};
use indicatif::{ProgressBar, ProgressStyle};
use layers::adam::{Adam, AdamConfig, clip_global_norm};
use ndarray::{Array1, Array2};
use numeric::params::Except;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use recurrent::dropout::{DropoutRates, Masks};

use crate::deep::{DeepClassifier, DeepShape, Pool, real_steps};

/// The settings of a run of the final model.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DeepConfig {
    pub embedding_dim: usize,
    pub hidden: usize,
    pub pool: Pool,
    pub dropout: DropoutRates,
    pub lr: f64,
    pub batch_size: usize,
    pub clip: f64,
    /// At most this many epochs…
    pub max_epochs: usize,
    /// …stopping after this many without a better validation accuracy.
    pub patience: usize,
    /// Seeds the weights, the batch order and the masks.
    pub seed: u64,
}

impl Default for DeepConfig {
    fn default() -> Self {
        DeepConfig {
            embedding_dim: 64,
            hidden: 64,
            pool: Pool::Mean,
            dropout: DropoutRates {
                words: 0.2,
                input: 0.2,
                recurrent: 0.2,
                output: 0.3,
            },
            lr: 2e-3,
            batch_size: 64,
            clip: 1.0,
            max_epochs: 8,
            patience: 2,
            seed: 1,
        }
    }
}

impl DeepConfig {
    /// Every setting in its range.
    pub fn validate(&self) -> Result<()> {
        for (name, p) in [
            ("word", self.dropout.words),
            ("input", self.dropout.input),
            ("recurrent", self.dropout.recurrent),
            ("output", self.dropout.output),
        ] {
            ensure!(
                (0.0..1.0).contains(&p),
                "the {name} dropout is {p}: a drop probability is at least 0 and below 1"
            );
        }
        ensure!(
            self.lr.is_finite() && self.lr > 0.0,
            "the learning rate is {}: it must be positive",
            self.lr
        );
        ensure!(
            self.clip.is_finite() && self.clip > 0.0,
            "the clipping norm is {}: it must be positive",
            self.clip
        );
        ensure!(
            self.max_epochs >= 1 && self.patience >= 1 && self.batch_size >= 1,
            "epochs, patience and batch size must be at least 1"
        );
        Ok(())
    }
}

/// One epoch of the final model.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DeepEpoch {
    pub epoch: usize,
    pub train_loss: f64,
    pub validation_accuracy: f64,
    /// Training only, validation excluded.
    pub seconds: f64,
    /// The process's peak resident memory so far, MiB.
    pub peak_memory_mib: f64,
}

/// A whole run: its curve, the epoch chosen on validation, the test accuracy.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct DeepRun {
    pub config: DeepConfig,
    pub parameters: usize,
    pub epochs: Vec<DeepEpoch>,
    pub chosen_epoch: usize,
    pub validation_accuracy: f64,
    pub test_accuracy: f64,
}

/// The ids, labels and real steps of `rows` of `data`.
fn gather(
    data: &Examples,
    rows: &[usize],
) -> (Array2<u32>, Array1<f32>, Vec<Range<usize>>) {
    let p = &data.padded;
    let steps = p.ids.ncols();
    let ids = p.ids.select(ndarray::Axis(0), rows);
    let labels = data.labels.select(ndarray::Axis(0), rows);
    let pre = p.padding == Side::Pre;
    let real = rows
        .iter()
        .map(|&r| real_steps(p.lengths[r], steps, pre))
        .collect();
    (ids, labels, real)
}

/// Accuracy of `model` on `data`, without dropout, in batches of 256.
pub fn accuracy(model: &DeepClassifier<f32>, data: &Examples) -> f64 {
    let mut right = 0usize;
    let all: Vec<usize> = (0..data.len()).collect();
    for rows in all.chunks(256) {
        let (ids, labels, real) = gather(data, rows);
        let p = model.predict(ids.view(), &real);
        right += p
            .iter()
            .zip(&labels)
            .filter(|(p, y)| (**p > 0.5) == (**y > 0.5))
            .count();
    }
    right as f64 / data.len() as f64
}

// ANCHOR: epoch
/// One epoch: a seeded order, fresh masks per batch, clipped Adam (lazy for
/// the embedding's rows). Returns the mean training loss.
fn train_epoch(
    model: &mut DeepClassifier<f32>,
    adam: &mut Adam<f32>,
    data: &Examples,
    config: &DeepConfig,
    rng: &mut StdRng,
    bar: &ProgressBar,
) -> Result<f64> {
    let mut order: Vec<usize> = (0..data.len()).collect();
    order.shuffle(rng);
    let (mut loss_sum, mut seen) = (0.0, 0usize);
    for rows in order.chunks(config.batch_size) {
        let (ids, labels, real) = gather(data, rows);
        let (e, h) = (config.embedding_dim, config.hidden);
        let masks = Masks::sample(config.dropout, ids.view(), e, h, rng);
        let (loss, mut g, _) =
            model.loss_and_grads(ids.view(), &real, labels.view(), &masks);
        if !loss.is_finite() {
            bail!(
                "training diverged: the loss is {loss} after {seen} reviews; lower the learning rate ({})",
                config.lr
            );
        }
        let mut all = vec![(
            "embedding.table".to_owned(),
            g.embedding.values.view_mut().into_dyn(),
        )];
        all.extend(g.named.iter_mut().map(|(n, t)| (n.clone(), t.view_mut())));
        clip_global_norm(&mut all, config.clip as f32);
        let mut rest = Except {
            inner: &mut *model,
            skip: &["embedding.table"],
        };
        adam.update(&mut rest, &g.named);
        let e = &g.embedding;
        adam.update_rows(
            "embedding.table",
            model.embedding.table.view_mut(),
            &e.rows,
            e.values.view(),
        );
        loss_sum += f64::from(loss) * rows.len() as f64;
        seen += rows.len();
        bar.inc(1);
        bar.set_message(format!("loss {:.4}", loss_sum / seen as f64));
    }
    Ok(loss_sum / seen as f64)
}
// ANCHOR_END: epoch

/// A bar of `batches` steps named `label`, or a hidden one.
fn epoch_bar(batches: usize, progress: bool, label: &str) -> ProgressBar {
    if !progress {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(batches as u64);
    bar.set_style(
        ProgressStyle::with_template("{prefix} {bar:30} {pos}/{len} {msg} ETA {eta}")
            .expect("valid template"),
    );
    bar.set_prefix(label.to_owned());
    bar
}

// ANCHOR: run
/// Train with early stopping on the validation part; score the best epoch's
/// model once on the test part.
pub fn train_deep(data: &Prepared, config: &DeepConfig, progress: bool) -> Result<DeepRun> {
    config.validate()?;
    let mut rng = StdRng::seed_from_u64(config.seed);
    let shape = DeepShape {
        num_words: data.vocab.num_words(),
        embedding_dim: config.embedding_dim,
        hidden: config.hidden,
        pool: config.pool,
    };
    let mut model = DeepClassifier::<f32>::new(shape, &mut rng);
    let mut adam = Adam::new(AdamConfig {
        lr: config.lr,
        ..AdamConfig::default()
    });
    let (mut epochs, mut best) = (Vec::new(), (f64::NEG_INFINITY, 0, model.clone()));
    for epoch in 1..=config.max_epochs {
        let batches = data.train.len().div_ceil(config.batch_size);
        let bar = epoch_bar(
            batches,
            progress,
            &format!("seed {} epoch {epoch}", config.seed),
        );
        let start = Instant::now();
        let train_loss =
            train_epoch(&mut model, &mut adam, &data.train, config, &mut rng, &bar)?;
        let seconds = start.elapsed().as_secs_f64();
        bar.finish_and_clear();
        let validation_accuracy = accuracy(&model, &data.validation);
        if progress {
            eprintln!(
                "seed {} epoch {epoch}: training loss {train_loss:.4}, validation accuracy {validation_accuracy:.4} ({seconds:.1} s)",
                config.seed
            );
        }
        epochs.push(DeepEpoch {
            epoch,
            train_loss,
            validation_accuracy,
            seconds,
            peak_memory_mib: sentiment::train::peak_memory_mib(),
        });
        if validation_accuracy > best.0 {
            best = (validation_accuracy, epoch, model.clone());
        } else if epoch - best.1 >= config.patience {
            break;
        }
    }
    let (validation_accuracy, chosen_epoch, chosen) = best;
    Ok(DeepRun {
        config: *config,
        parameters: chosen.parameter_count(),
        epochs,
        chosen_epoch,
        validation_accuracy,
        test_accuracy: accuracy(&chosen, &data.test),
    })
}
// ANCHOR_END: run
