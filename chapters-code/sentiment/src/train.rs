//! Training: seeded shuffling, mini-batches, Adam, a progress bar, validation
//! after every epoch, metrics as JSON, atomic checkpoints with resume, and one
//! look at the test set with the epoch chosen on validation.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail, ensure};
use indicatif::{ProgressBar, ProgressStyle};
use ndarray::{Array1, Array2};
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;

use crate::checkpoint;
use crate::interrupt::Interrupted;
use crate::model::{Batch, Classifier, EMBEDDING};
use crate::run::{RunConfig, check_data};
use crate::scores::{evaluate_each, gather};
pub use crate::train_config::TrainConfig;
use crate::vocab_file::{self, VOCAB_STAMP};
use imdb_data::prepare::{Examples, Prepared};
use layers::adam::{Adam, clip_global_norm};
use numeric::params::Except;

/// What one epoch measured.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EpochRecord {
    pub epoch: usize,
    pub train_loss: f64,
    pub train_accuracy: f64,
    pub validation_loss: f64,
    pub validation_accuracy: f64,
    /// Wall time of the training part of the epoch (not the validation).
    pub seconds: f64,
    /// Peak resident memory of the process so far, MiB (Linux; 0 elsewhere).
    pub peak_memory_mib: f64,
}

/// A whole run: every epoch, and the test result of the epoch chosen on validation.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrainLog {
    pub epochs: Vec<EpochRecord>,
    pub chosen_epoch: usize,
    pub test_loss: f64,
    pub test_accuracy: f64,
    /// Which test reviews the chosen model gets right, as hexadecimal
    /// ([`crate::scores::to_hex`]): for comparing models review by review.
    #[serde(default)]
    pub test_correct: String,
}

/// Loss and accuracy of `model` on `examples`, in batches of 256
/// (see [`evaluate_each`] for which reviews it gets right).
pub fn evaluate(model: &Classifier<f32>, examples: &Examples) -> (f64, f64) {
    let e = evaluate_each(model, examples);
    (e.loss, e.accuracy)
}

/// Peak resident set size of this process in MiB, from /proc (0 where unavailable).
pub fn peak_memory_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

/// The checkpoint file of a run folder.
pub fn checkpoint_path(run_dir: &Path) -> PathBuf {
    run_dir.join("checkpoint.safetensors")
}

// ANCHOR: step
/// One training step on one batch: the loss and every gradient, optional
/// clipping, one Adam update. `embedding_grad` is a (num_words, dim) buffer
/// of zeros, lent by the caller so that it is allocated once; it is zero
/// again on return. Returns the loss and the predicted probabilities.
pub fn train_step(
    model: &mut Classifier<f32>,
    adam: &mut Adam<f32>,
    batch: Batch<'_, f32>,
    embedding_grad: &mut Array2<f32>,
    clip: Option<f64>,
    lazy_embedding: bool,
) -> (f32, Array1<f32>) {
    let (loss, mut grads, p) = model.loss_and_grads(batch);
    if let Some(max_norm) = clip {
        // The rows not used have zero gradient: the sparse rows give the global norm.
        let mut all = vec![(
            EMBEDDING.to_owned(),
            grads.embedding.values.view_mut().into_dyn(),
        )];
        all.extend(
            grads
                .named
                .iter_mut()
                .map(|(n, g)| (n.clone(), g.view_mut())),
        );
        clip_global_norm(&mut all, max_norm as f32);
    }
    if lazy_embedding {
        let mut rest = Except {
            inner: model,
            skip: &[EMBEDDING],
        };
        adam.update(&mut rest, &grads.named);
        let e = &grads.embedding;
        adam.update_rows(
            EMBEDDING,
            model.embedding.table.view_mut(),
            &e.rows,
            e.values.view(),
        );
        return (loss, p);
    }
    // The embedding's gradient is sparse; Adam (like PyTorch's and Keras's
    // default) updates every row, with zero gradient for the rows not used.
    for (k, row) in grads.embedding.rows.iter().enumerate() {
        embedding_grad
            .row_mut(*row as usize)
            .assign(&grads.embedding.values.row(k));
    }
    let mut all = vec![(EMBEDDING.to_owned(), embedding_grad.view().into_dyn())];
    all.extend(grads.named.iter().map(|(n, g)| (n.clone(), g.view())));
    adam.update(model, &all);
    // Clear only the rows this batch wrote (the rest are still zero).
    for row in &grads.embedding.rows {
        embedding_grad.row_mut(*row as usize).fill(0.0);
    }
    (loss, p)
}
// ANCHOR_END: step

// ANCHOR: epoch
/// One pass over the training examples in a seeded random order; it stops
/// at the first step whose loss is not a finite number (an error), and
/// before the next batch when a stop was asked for (Ctrl-C, see
/// [`interrupt`](crate::interrupt)): `Ok(None)`, the epoch unfinished.
fn train_epoch(
    model: &mut Classifier<f32>,
    adam: &mut Adam<f32>,
    data: &Examples,
    config: &TrainConfig,
    epoch: usize,
    progress: bool,
) -> Result<Option<(f64, f64)>> {
    let mut order: Vec<usize> = (0..data.len()).collect();
    order.shuffle(&mut StdRng::seed_from_u64(
        config.seed.wrapping_add(epoch as u64),
    ));
    let batches = order.len().div_ceil(config.batch_size);
    let bar = if progress {
        ProgressBar::new(batches as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("epoch {prefix} {bar:30} {pos}/{len} {msg} ETA {eta}")
            .expect("valid template"),
    );
    bar.set_prefix(format!("{epoch}/{}", config.epochs));
    let mut embedding_grad = Array2::<f32>::zeros(model.embedding.table.dim());
    let (mut loss_sum, mut correct, mut seen) = (0.0, 0usize, 0usize);
    for (step, rows) in order.chunks(config.batch_size).enumerate() {
        if crate::interrupt::requested() {
            bar.abandon();
            return Ok(None);
        }
        let (ids, labels, last) = gather(data, rows);
        let batch = Batch {
            ids: ids.view(),
            labels: labels.view(),
            last_real: &last,
        };
        let (loss, p) = train_step(
            model,
            adam,
            batch,
            &mut embedding_grad,
            config.clip,
            config.lazy_embedding,
        );
        if !loss.is_finite() {
            bar.abandon();
            bail!(
                "training diverged at epoch {epoch}, step {} of {batches}: the loss is {loss}; {}",
                step + 1,
                config.divergence_advice()
            );
        }
        correct += p
            .iter()
            .zip(labels.iter())
            .filter(|(p, y)| (**p > 0.5) == (**y > 0.5))
            .count();
        seen += rows.len();
        loss_sum += f64::from(loss) * rows.len() as f64;
        bar.inc(1);
        bar.set_message(format!(
            "loss {:.4} acc {:.4}",
            loss_sum / seen as f64,
            correct as f64 / seen as f64
        ));
    }
    bar.finish_and_clear();
    Ok(Some((loss_sum / seen as f64, correct as f64 / seen as f64)))
}
// ANCHOR_END: epoch

/// Train `model` on `data` as `config` says, continuing from the checkpoint
/// in `run_dir` if there is one and `resume` is set (and the checkpoint was
/// made with the same configuration, the number of epochs aside; without a
/// checkpoint a note says the run starts afresh). After every epoch the
/// checkpoint is written atomically (model, Adam, history, configuration);
/// at the end the model of the epoch with the best validation accuracy is
/// evaluated on the test set, once, and saved as `run_dir/model.safetensors`.
/// The settings and the data are checked first, as [`run`](crate::run::run)
/// does. A loss or a weight that is not a finite number stops training with
/// an error, before anything of that epoch is saved; so does a stop asked
/// for by Ctrl-C ([`interrupt`](crate::interrupt)), with the error
/// [`Interrupted`], at the next batch boundary: the checkpoint then holds
/// the last complete epoch, from which `resume` continues.
pub fn train(
    model: &mut Classifier<f32>,
    data: &Prepared,
    config: &RunConfig,
    run_dir: Option<&Path>,
    resume: bool,
    progress: bool,
) -> Result<TrainLog> {
    config.validate()?;
    check_data(config, data)?;
    ensure!(
        model.shape == config.shape(),
        "the model ({}) is not the one the configuration describes ({})",
        model.shape,
        config.shape()
    );
    let run = serde_json::to_string(config)?;
    let stamp = || HashMap::from([(checkpoint::RUN_CONFIG.to_owned(), run.clone())]);
    let train_config = &config.train;
    let mut adam = Adam::new(train_config.adam);
    let mut history: Vec<EpochRecord> = Vec::new();
    let mut best: Option<(f64, Classifier<f32>)> = None;
    if let (Some(dir), true) = (run_dir, resume)
        && let Some(restored) = crate::resume::restore(config, dir, model)?
    {
        (history, adam, best) = (restored.history, restored.adam, restored.best);
    }
    for epoch in history.len() + 1..=train_config.epochs {
        let start = Instant::now();
        let Some((train_loss, train_accuracy)) =
            train_epoch(model, &mut adam, &data.train, train_config, epoch, progress)?
        else {
            return Err(Interrupted {
                epoch,
                epochs: train_config.epochs,
                checkpoint: run_dir.map(checkpoint_path),
                kept: history.len(),
            }
            .into());
        };
        let seconds = start.elapsed().as_secs_f64();
        // A last step can leave non-finite weights behind a finite loss.
        if let Some((name, value)) = checkpoint::non_finite(model) {
            bail!(
                "training diverged at epoch {epoch}: after its last step the tensor '{name}' holds {value}; {}",
                train_config.divergence_advice()
            );
        }
        let (validation_loss, validation_accuracy) = evaluate(model, &data.validation);
        if !validation_loss.is_finite() {
            bail!(
                "training diverged at epoch {epoch}: the validation loss is {validation_loss}; {}",
                train_config.divergence_advice()
            );
        }
        let record = EpochRecord {
            epoch,
            train_loss,
            train_accuracy,
            validation_loss,
            validation_accuracy,
            seconds,
            peak_memory_mib: peak_memory_mib(),
        };
        eprintln!(
            "epoch {epoch}: loss {train_loss:.4} acc {train_accuracy:.4} | validation loss {validation_loss:.4} acc {validation_accuracy:.4} | {seconds:.1} s, peak {:.0} MiB",
            record.peak_memory_mib
        );
        history.push(record);
        let improved = best.as_ref().is_none_or(|(a, _)| validation_accuracy > *a);
        if improved {
            best = Some((validation_accuracy, model.clone()));
        }
        if let Some(dir) = run_dir {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let mut metadata = stamp();
            metadata.insert("history".to_owned(), serde_json::to_string(&history)?);
            if improved {
                checkpoint::save(&dir.join("best.safetensors"), model, None, stamp())?;
            }
            checkpoint::save(&checkpoint_path(dir), model, Some(&adam), metadata)?;
        }
    }
    let (_, chosen) = best.context("no epoch was trained (epochs = 0?)")?;
    let chosen_epoch = history
        .iter()
        .max_by(|a, b| {
            a.validation_accuracy
                .total_cmp(&b.validation_accuracy)
                .then(b.epoch.cmp(&a.epoch))
        })
        .map_or(0, |e| e.epoch);
    let test = evaluate_each(&chosen, &data.test);
    let (test_loss, test_accuracy) = (test.loss, test.accuracy);
    if let Some(dir) = run_dir {
        // The model records the vocabulary it was trained with, which is
        // written after it: a later load detects a vocabulary that is not it.
        let vocab = vocab_file::stamp(&data.vocab);
        let mut metadata = stamp();
        metadata.insert(VOCAB_STAMP.to_owned(), serde_json::to_string(&vocab)?);
        checkpoint::save(&dir.join("model.safetensors"), &chosen, None, metadata)?;
        vocab_file::save(dir, &data.vocab)?;
    }
    Ok(TrainLog {
        epochs: history,
        chosen_epoch,
        test_loss,
        test_accuracy,
        test_correct: crate::scores::to_hex(&test.correct),
    })
}
