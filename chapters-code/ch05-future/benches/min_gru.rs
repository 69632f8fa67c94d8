//! The minGRU's forward pass by the parallel scan (on every core and on
//! one), by the plain loop, and chapter 3's GRU forward, in f32, for
//! sequences of 64 to 4,096 steps (batch 32, input and hidden 64); and the
//! recurrence alone, over the same B·H = 2,048 lanes, by the three scans.

use criterion::{Criterion, criterion_group, criterion_main};
use future::MinGru;
use future::scan::{scan_chunked, scan_loop, scan_rounds};
use gru::{Gru, GruForm};
use ndarray::{Array1, Array2, Array3};
use numeric::Init;
use numeric::random::random;
use numeric::threads::default_threads;
use rand::SeedableRng;
use rand::rngs::StdRng;

fn bench(c: &mut Criterion) {
    let (batch, input, hidden) = (32, 64, 64);
    let threads = default_threads();
    let mut rng = StdRng::seed_from_u64(7);
    let min_gru = MinGru::<f32>::new(input, hidden, Init::PyTorch, &mut rng);
    let gru = Gru::<f32>::new(input, hidden, GruForm::ResetBefore, Init::PyTorch, &mut rng);
    for steps in [64, 256, 1024, 4096] {
        let x: Array3<f32> = random((steps, batch, input), 1.0, &mut rng);
        let mut group = c.benchmark_group(format!(
            "min_gru forward B={batch} T={steps} D={input} H={hidden}"
        ));
        // The GRU takes about a third of a second per run at T = 4096.
        group.sample_size(10);
        group.bench_function(format!("scan {threads} threads"), |b| {
            b.iter(|| min_gru.forward_scan(x.view(), None, threads))
        });
        group.bench_function("scan 1 thread", |b| {
            b.iter(|| min_gru.forward_scan(x.view(), None, 1))
        });
        group.bench_function("loop", |b| {
            b.iter(|| min_gru.forward_sequential(x.view(), None))
        });
        group.bench_function("gru loop", |b| b.iter(|| gru.forward(x.view(), None)));
        group.finish();
    }
}

fn bench_scans(c: &mut Criterion) {
    let lanes = 32 * 64;
    let threads = default_threads();
    let mut rng = StdRng::seed_from_u64(8);
    for steps in [64, 256, 1024, 4096] {
        // a in (0, 1) like 1 − z, b in (−1, 1).
        let a: Array2<f32> =
            random::<f32, _, _>((steps, lanes), 0.5, &mut rng).mapv(|v| v + 0.5);
        let b: Array2<f32> = random((steps, lanes), 1.0, &mut rng);
        let h0: Array1<f32> = random(lanes, 1.0, &mut rng);
        let mut group = c.benchmark_group(format!("min_gru scan N={lanes} T={steps}"));
        group.sample_size(10);
        group.bench_function("loop", |bench| {
            bench.iter(|| scan_loop(a.view(), b.view(), h0.view()))
        });
        group.bench_function(format!("chunked {threads} threads"), |bench| {
            bench.iter(|| scan_chunked(a.view(), b.view(), h0.view(), threads))
        });
        group.bench_function("rounds", |bench| {
            bench.iter(|| scan_rounds(a.view(), b.view(), h0.view()))
        });
        group.finish();
    }
}

criterion_group!(benches, bench, bench_scans);
criterion_main!(benches);
