//! What chapter 5 says of its recorded benchmarks
//! (`book/results/ch05-benchmarks.json`) and of the minGRU's adding-problem
//! runs (`ch05-min-gru-adding.json`, beside chapter 6's `ch06-adding.json`),
//! checked against those files.

use std::path::PathBuf;

use faq_experiments::q2_adding::AddingResults;
use fileio::benchmarks::{Recording, load};
use future::adding::MinGruAddingResults;
use recurrent::CellKind;

fn results(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../book/results")
        .join(file)
}

fn median_ns(r: &Recording, name: &str) -> f64 {
    r.find(name)
        .unwrap_or_else(|| panic!("no benchmark '{name}' in ch05-benchmarks.json"))
        .median_ns
}

#[test]
fn recorded_min_gru_speed_says_what_chapter_5_says() {
    let r = load(&results("ch05-benchmarks.json")).unwrap_or_else(|e| panic!("{e}"));
    let threads = r.provenance.machine.cores;
    for t in [64, 256, 1024, 4096] {
        let forward =
            |f: &str| median_ns(&r, &format!("min_gru forward B=32 T={t} D=64 H=64/{f}"));
        let (gru, looped) = (forward("gru loop"), forward("loop"));
        let (one, many) = (
            forward("scan 1 thread"),
            forward(&format!("scan {threads} threads")),
        );
        // Several times faster than the GRU at every length, by the loop alone.
        assert!(
            gru / looped > 2.5,
            "T = {t}: GRU ÷ minGRU loop = {}",
            gru / looped
        );
        // The threaded scan beats the loop at every length, by less than a quarter.
        assert!(looped / many > 1.0 && looped / many < 1.25, "T = {t}");
        // On one thread the scan form is slower than the loop from T = 256 on.
        if t >= 256 {
            assert!(one > looped, "T = {t}");
        }
        // The scans alone: chunks lose to the loop until T = 4096, rounds always.
        let scan = |f: &str| median_ns(&r, &format!("min_gru scan N=2048 T={t}/{f}"));
        let chunked = scan(&format!("chunked {threads} threads"));
        assert_eq!(chunked < scan("loop"), t == 4096, "T = {t}");
        assert!(scan("rounds") > scan("loop"), "T = {t}");
    }
}

/// The median of three or more values.
fn median(mut v: Vec<f64>) -> f64 {
    assert!(v.len() >= 3, "a median of at least three seeds");
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[test]
fn recorded_min_gru_adding_says_what_chapter_5_says() {
    let m: MinGruAddingResults =
        fileio::load_json(&results("ch05-min-gru-adding.json"), "`future adding`")
            .unwrap_or_else(|e| panic!("{e}"));
    let c: AddingResults = fileio::load_json(&results("ch06-adding.json"), "`faq adding`")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!m.quick);
    assert_eq!(
        m.sweep.lengths, c.sweep.lengths,
        "the same lengths as chapter 6"
    );
    assert_eq!(m.sweep.seeds, c.sweep.seeds, "the same seeds as chapter 6");
    for &t in &m.sweep.lengths {
        let cell = |kind: CellKind| {
            median(
                c.runs
                    .iter()
                    .filter(|r| r.config.cell == kind && r.config.length == t)
                    .map(|r| r.final_test_mse)
                    .collect(),
            )
        };
        let runs: Vec<_> = m.runs.iter().filter(|r| r.schedule.length == t).collect();
        let ours = median(runs.iter().map(|r| r.outcome.final_test_mse).collect());
        let always_one = runs[0].outcome.baseline_test_mse;
        // The minGRU learns the task at every length ...
        assert!(ours < always_one / 100.0, "T = {t}: {ours}");
        // ... with larger errors than the GRU's and the LSTM's ...
        assert!(
            ours > cell(CellKind::Gru) && ours > cell(CellKind::Lstm),
            "T = {t}"
        );
        // ... while the vanilla RNN fails from T = 100 on.
        assert_eq!(cell(CellKind::Rnn) > always_one / 2.0, t >= 100, "T = {t}");
    }
}
