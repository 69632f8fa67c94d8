//! Q2 and Q3: the vanilla RNN, the LSTM and the GRU on the adding problem,
//! at several sequence lengths, several seeds each.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use adding_problem::settings::Settings;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use recurrent::CellKind;

use crate::record::Provenance;
use crate::train::{AddingConfig, AddingRun, Schedule, train_adding};

/// The grid of runs: the cells, and the lengths, seeds and settings of the
/// adding problem they share with chapter 5's minGRU.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AddingSweep {
    pub cells: Vec<CellKind>,
    /// Written beside `cells`, as the fields of one object.
    #[serde(flatten)]
    pub settings: Settings,
}

/// The recorded sweep.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AddingResults {
    pub provenance: Provenance,
    pub sweep: AddingSweep,
    pub runs: Vec<AddingRun>,
}

impl AddingSweep {
    /// The book's sweep: the shared settings of the adding problem
    /// ([`Settings::book`]: T ∈ {10, 50, 100, 200}, three seeds), three cells.
    pub fn full(seed: u64) -> Self {
        Self::with_cells(Settings::book(seed))
    }

    /// The CI sweep: the same code on short sequences, one seed.
    pub fn quick(seed: u64) -> Self {
        Self::with_cells(Settings::quick(seed))
    }

    /// The vanilla RNN, the LSTM and the GRU with the shared `settings`.
    fn with_cells(settings: Settings) -> Self {
        AddingSweep {
            cells: vec![CellKind::Rnn, CellKind::Lstm, CellKind::Gru],
            settings,
        }
    }

    /// One configuration per (length, cell, seed), in that order.
    pub fn configs(&self) -> Vec<AddingConfig> {
        let s = &self.settings;
        let mut configs = Vec::new();
        for &length in &s.lengths {
            for &cell in &self.cells {
                for &seed in &s.seeds {
                    configs.push(AddingConfig {
                        cell,
                        hidden: s.hidden,
                        w_hh_gain: None,
                        schedule: Schedule {
                            length,
                            batch_size: s.batch_size,
                            iterations: s.iterations,
                            eval_every: s.eval_every,
                            test_size: s.test_size,
                            optimiser: s.optimiser(),
                            clip: Some(s.clip),
                            seed,
                        },
                    });
                }
            }
        }
        configs
    }
}

// ANCHOR: parallel
/// Train every configuration, `threads` at a time (each run is seeded on
/// its own, so the results do not depend on the number of threads), and
/// return the runs in the order of `configs`.
pub fn run_all(configs: &[AddingConfig], threads: usize, progress: bool) -> Vec<AddingRun> {
    let multi = MultiProgress::new();
    if !progress {
        multi.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let overall = multi.add(ProgressBar::new(configs.len() as u64));
    overall.set_style(
        ProgressStyle::with_template("{prefix:>22} {bar:30} {pos}/{len} runs ETA {eta}")
            .expect("valid template"),
    );
    overall.set_prefix("all runs");
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<AddingRun>>> = Mutex::new(vec![None; configs.len()]);
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::SeqCst);
                    let Some(config) = configs.get(k) else { break };
                    let (run, _) = train_adding::<f32>(config, Some(&multi));
                    results.lock().expect("no worker panicked")[k] = Some(run);
                    overall.inc(1);
                }
            });
        }
    });
    overall.finish_and_clear();
    results
        .into_inner()
        .expect("no worker panicked")
        .into_iter()
        .map(|r| r.expect("every configuration ran"))
        .collect()
}
// ANCHOR_END: parallel

/// The number of worker threads: the cores this process may use.
pub fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
