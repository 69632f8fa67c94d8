//! Forward, and forward + backward, of the readable vanilla layer in f32:
//! the IMDB configuration (batch 32, T = 50, input 100, hidden 100) and batch 1.

use criterion::{Criterion, criterion_group, criterion_main};
use ndarray::Array3;
use numeric::Init;
use numeric::random::random;
use rand::SeedableRng;
use rand::rngs::StdRng;
use vanilla_rnn::VanillaRnn;

fn bench(c: &mut Criterion) {
    let (steps, input, hidden) = (50, 100, 100);
    for batch in [32, 1] {
        let mut rng = StdRng::seed_from_u64(7);
        let rnn = VanillaRnn::<f32>::new(input, hidden, Init::PyTorch, &mut rng);
        let x: Array3<f32> = random((steps, batch, input), 1.0, &mut rng);
        let dh: Array3<f32> = random((steps, batch, hidden), 1.0, &mut rng);
        c.bench_function(
            &format!("vanilla forward B={batch} T={steps} D={input} H={hidden}"),
            |b| b.iter(|| rnn.forward(x.view(), None)),
        );
        c.bench_function(
            &format!("vanilla forward+backward B={batch} T={steps} D={input} H={hidden}"),
            |b| {
                b.iter(|| {
                    let trace = rnn.forward(x.view(), None);
                    rnn.backward(x.view(), &trace, dh.view())
                })
            },
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
