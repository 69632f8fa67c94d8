//! What chapter 5 says of its recorded benchmarks
//! (`book/results/ch05-benchmarks.json`) and of the minGRU's adding-problem
//! runs (`ch05-min-gru-adding.json`, beside chapter 6's `ch06-adding.json`),
//! checked against those files.

use std::path::PathBuf;

use fileio::benchmarks::{Recording, load};
use future::adding::MinGruAddingResults;
use future::tables::{Chapter6Adding, min_gru_median_error};

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
        // About three to four times as fast as the GRU at every length, by the loop alone.
        let ratio = gru / looped;
        assert!(
            ratio > 2.5 && ratio < 4.5,
            "T = {t}: GRU ÷ minGRU loop = {ratio}"
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

#[test]
fn recorded_min_gru_adding_says_what_chapter_5_says() {
    let m: MinGruAddingResults =
        fileio::load_json(&results("ch05-min-gru-adding.json"), "`future adding`")
            .unwrap_or_else(|e| panic!("{e}"));
    let c = Chapter6Adding::load(&results("ch06-adding.json"))
        .unwrap_or_else(|e| panic!("{e:#}"));
    assert!(!m.quick);
    // The same lengths and seeds as chapter 6's runs, three seeds each.
    for &t in &m.settings.lengths {
        for cell in ["Rnn", "Lstm", "Gru"] {
            let mut seeds: Vec<u64> = c
                .runs
                .iter()
                .filter(|r| r.config.cell == cell && r.config.length == t)
                .map(|r| r.config.seed)
                .collect();
            seeds.sort_unstable();
            assert_eq!(seeds, m.settings.seeds, "{cell} at T = {t}");
        }
    }
    assert_eq!(m.settings.seeds.len(), 3);
    for &t in &m.settings.lengths {
        let median =
            |cell: &str| c.median_error(cell, t).unwrap_or_else(|e| panic!("{e:#}"));
        let (ours, always_one) =
            min_gru_median_error(&m, t).unwrap_or_else(|e| panic!("{e:#}"));
        // The minGRU learns the task at every length ...
        assert!(ours < always_one / 100.0, "T = {t}: {ours}");
        // ... with larger errors than the GRU's and the LSTM's ...
        assert!(ours > median("Gru") && ours > median("Lstm"), "T = {t}");
        // ... while the vanilla RNN fails from T = 100 on.
        assert_eq!(median("Rnn") > always_one / 2.0, t >= 100, "T = {t}");
    }
}
