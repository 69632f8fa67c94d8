//! Forward, and forward + backward, of the readable GRU (both forms) in f32:
//! the IMDB configuration (batch 32, T = 50, input 100, hidden 100) and batch 1.

use criterion::{Criterion, criterion_group, criterion_main};
use gru::{Gru, GruForm};
use ndarray::Array3;
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;

fn bench(c: &mut Criterion) {
    let (steps, input, hidden) = (50, 100, 100);
    for form in [GruForm::ResetBefore, GruForm::ResetAfter] {
        for batch in [32, 1] {
            let mut rng = StdRng::seed_from_u64(7);
            let gru = Gru::<f32>::new(input, hidden, form, Init::PyTorch, &mut rng);
            let x: Array3<f32> = random((steps, batch, input), 1.0, &mut rng);
            let dh: Array3<f32> = random((steps, batch, hidden), 1.0, &mut rng);
            let name = format!("{form:?} B={batch} T={steps} D={input} H={hidden}");
            c.bench_function(&format!("gru forward {name}"), |b| {
                b.iter(|| gru.forward(x.view(), None))
            });
            c.bench_function(&format!("gru forward+backward {name}"), |b| {
                b.iter(|| {
                    let trace = gru.forward(x.view(), None);
                    gru.backward(x.view(), &trace, dh.view())
                })
            });
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
