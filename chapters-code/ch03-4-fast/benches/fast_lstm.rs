//! The readable LSTM of chapter 3 against the fast one, forward + backward,
//! f32, batch 32, T = 50, input 100, hidden 100, in the same run.

use criterion::{Criterion, criterion_group, criterion_main};
use fast_rnn::FastLstm;
use lstm::Lstm;
use ndarray::Array3;
use rand::SeedableRng;
use rand::rngs::StdRng;
use vanilla_rnn::Init;
use vanilla_rnn::testing::random;

fn bench(c: &mut Criterion) {
    let (steps, batch, input, hidden) = (50, 32, 100, 100);
    let mut rng = StdRng::seed_from_u64(7);
    let lstm = Lstm::<f32>::new(input, hidden, Init::PyTorch, &mut rng);
    let fast = FastLstm::from_lstm(&lstm);
    let x: Array3<f32> = random((steps, batch, input), 1.0, &mut rng);
    let dh: Array3<f32> = random((steps, batch, hidden), 1.0, &mut rng);
    let mut group =
        c.benchmark_group("fast-path lstm forward+backward B=32 T=50 D=100 H=100");
    group.bench_function("readable (chapter 3)", |b| {
        b.iter(|| {
            let trace = lstm.forward(x.view(), None, None);
            lstm.backward(x.view(), &trace, dh.view(), None)
        })
    });
    group.bench_function("fast (packed, hoisted, fused)", |b| {
        b.iter(|| {
            let trace = fast.forward(x.view(), None, None);
            fast.backward(x.view(), &trace, dh.view(), None)
        })
    });
    group.bench_function("fast, batch split over both cores", |b| {
        b.iter(|| {
            let trace = fast.forward_split(x.view(), 2);
            fast.backward_split(x.view(), &trace, dh.view())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
