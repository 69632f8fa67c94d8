//! One training step of the article's model (batch 32, maxlen 50,
//! Embedding 20000×100, hidden 100, Adam) for every cell, readable and
//! fast, in the same run: forward, backward and the optimiser's update.

use criterion::{Criterion, criterion_group, criterion_main};
use layers::adam::{Adam, AdamConfig};
use ndarray::{Array1, Array2};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use recurrent::CellKind;
use sentiment::model::{Batch, Classifier, Head, ModelShape};
use sentiment::train::train_step;

fn bench(c: &mut Criterion) {
    let (batch, steps, num_words) = (32, 50, 20_000);
    let mut rng = StdRng::seed_from_u64(3);
    let ids =
        Array2::from_shape_fn((batch, steps), |_| rng.random_range(1..num_words as u32));
    let labels = Array1::from_shape_fn(batch, |b| (b % 2) as f32);
    let last_real = vec![steps - 1; batch];
    for (name, readable, fast) in [
        ("lstm", CellKind::Lstm, CellKind::LstmFast),
        ("gru", CellKind::Gru, CellKind::GruFast),
        ("vanilla", CellKind::Rnn, CellKind::RnnFast),
    ] {
        let mut group = c.benchmark_group(format!(
            "training step {name} B=32 T=50 Embedding 20000x100 H=100"
        ));
        for (path, cell) in [("readable (chapter 3)", readable), ("fast (3.4)", fast)] {
            let shape = ModelShape {
                num_words,
                embedding_dim: 100,
                hidden: 100,
                cell,
                head: Head::LastReal,
            };
            let mut model = Classifier::<f32>::new(shape, &mut StdRng::seed_from_u64(1));
            let mut adam = Adam::new(AdamConfig::default());
            let mut embedding_grad = Array2::zeros(model.embedding.table.dim());
            group.bench_function(path, |b| {
                b.iter(|| {
                    let batch = Batch {
                        ids: ids.view(),
                        labels: labels.view(),
                        last_real: &last_real,
                    };
                    train_step(
                        &mut model,
                        &mut adam,
                        batch,
                        &mut embedding_grad,
                        None,
                        false,
                    )
                })
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
