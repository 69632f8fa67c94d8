//! The readable cells of chapter 3 against their fast versions, forward +
//! backward of one batch at the IMDB model's sizes (f32, B = 32, T = 50,
//! D = H = 100), every variant in the same run:
//! readable → packed, hoisted, fused (one thread) → batch split over two threads.

use criterion::{
    BenchmarkGroup, Criterion, criterion_group, criterion_main, measurement::WallTime,
};
use fast_rnn::parallel::{FastLayer, backward_split, forward_split};
use fast_rnn::{FastGru, FastLstm, FastRnn};
use gru::{Gru, GruForm};
use lstm::Lstm;
use ndarray::Array3;
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;
use vanilla_rnn::VanillaRnn;

const STEPS: usize = 50;
const BATCH: usize = 32;
const SIZE: usize = 100;

/// The fast layer on one thread, then split over two.
fn fast_variants<L: FastLayer<f32>>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    layer: &L,
    x: &Array3<f32>,
    dh: &Array3<f32>,
) {
    group.bench_function("fast (packed, hoisted, fused), one thread", |b| {
        b.iter(|| {
            let trace = layer.forward_from_zero(x.view());
            layer.backward_from_zero(x.view(), &trace, dh.view())
        })
    });
    group.bench_function("fast, batch split over two threads", |b| {
        b.iter(|| {
            let trace = forward_split(layer, x.view(), 2);
            backward_split(layer, x.view(), &trace, dh.view())
        })
    });
}

fn bench(c: &mut Criterion) {
    let mut rng = StdRng::seed_from_u64(7);
    let x: Array3<f32> = random((STEPS, BATCH, SIZE), 1.0, &mut rng);
    let dh: Array3<f32> = random((STEPS, BATCH, SIZE), 1.0, &mut rng);

    let lstm = Lstm::<f32>::new(SIZE, SIZE, Init::PyTorch, &mut rng);
    let mut group = c.benchmark_group("fast-path lstm forward+backward B=32 T=50 D=H=100");
    group.bench_function("readable (chapter 3)", |b| {
        b.iter(|| {
            let trace = lstm.forward(x.view(), None, None);
            lstm.backward(x.view(), &trace, dh.view(), None)
        })
    });
    fast_variants(&mut group, &FastLstm::from_lstm(&lstm), &x, &dh);
    group.finish();

    let gru = Gru::<f32>::new(SIZE, SIZE, GruForm::ResetAfter, Init::PyTorch, &mut rng);
    let mut group = c.benchmark_group("fast-path gru forward+backward B=32 T=50 D=H=100");
    group.bench_function("readable (chapter 3)", |b| {
        b.iter(|| {
            let trace = gru.forward(x.view(), None);
            gru.backward(x.view(), &trace, dh.view())
        })
    });
    fast_variants(&mut group, &FastGru::from_gru(&gru), &x, &dh);
    group.finish();

    let rnn = VanillaRnn::<f32>::new(SIZE, SIZE, Init::PyTorch, &mut rng);
    let mut group =
        c.benchmark_group("fast-path vanilla forward+backward B=32 T=50 D=H=100");
    group.bench_function("readable (chapter 3)", |b| {
        b.iter(|| {
            let trace = rnn.forward(x.view(), None);
            rnn.backward(x.view(), &trace, dh.view())
        })
    });
    fast_variants(&mut group, &FastRnn::from_rnn(&rnn), &x, &dh);
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
