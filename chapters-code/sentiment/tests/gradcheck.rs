//! Gradient checks of chapter 4's layers and of the whole model, end to end,
//! in f64 at tiny sizes: every head with every cell.

use gradcheck::check::{Checkable, check_gradients};
use gradcheck::suite::{EPS, TOLERANCE};
use layers::dense::Dense;
use layers::embedding::Embedding;
use layers::loss::bce_with_logits;
use ndarray::{Array1, Array2, Array3, array};
use numeric::Init;
use numeric::random::random;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use recurrent::CellKind;
use sentiment::model::{Batch, Classifier, EMBEDDING, Head, ModelShape};

/// L = BCE(h Wᵀ + b, y): the dense layer and the loss together.
struct DenseProblem {
    dense: Dense<f64>,
    h: Array2<f64>,
    y: Array1<f64>,
}

numeric::params! { DenseProblem as f64 { h } nested { dense } }

impl Checkable for DenseProblem {
    fn loss(&self) -> f64 {
        let z = self.dense.forward(self.h.view());
        bce_with_logits(z.column(0), self.y.view()).0
    }
}

#[test]
fn gradcheck_dense_and_binary_cross_entropy() {
    let mut rng = StdRng::seed_from_u64(1);
    let mut p = DenseProblem {
        dense: Dense::new(4, 1, Init::PyTorch, &mut rng),
        h: random((6, 4), 2.0, &mut rng),
        y: array![0.0, 1.0, 1.0, 0.0, 1.0, 0.0],
    };
    let z = p.dense.forward(p.h.view());
    let (_, dz) = bce_with_logits(z.column(0), p.y.view());
    let g = p
        .dense
        .backward(p.h.view(), dz.insert_axis(ndarray::Axis(1)).view());
    let analytic = vec![
        ("w".to_owned(), g.w.into_dyn()),
        ("b".to_owned(), g.b.into_dyn()),
        ("h".to_owned(), g.h.into_dyn()),
    ];
    let report = check_gradients(&mut p, &analytic, EPS);
    println!("dense + BCE:\n{report}");
    report.assert_below(TOLERANCE);
}

#[test]
fn bce_is_stable_for_large_logits() {
    let z = array![800.0f64, -800.0, 0.0];
    let y = array![1.0, 0.0, 1.0];
    let (loss, dz) = bce_with_logits(z.view(), y.view());
    approx_eq(loss, 2f64.ln() / 3.0);
    assert!(dz.iter().all(|g| g.is_finite()));
    let (loss, _) = bce_with_logits(array![800.0f64].view(), array![0.0].view());
    approx_eq(loss, 800.0);
}

fn approx_eq(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

/// L = Σ x ⊙ R for the embedded ids: the embedding alone.
struct EmbeddingProblem {
    embedding: Embedding<f64>,
    ids: Array2<u32>,
    r: Array3<f64>,
}

numeric::params! { EmbeddingProblem as f64 {} nested { embedding } }

impl Checkable for EmbeddingProblem {
    fn loss(&self) -> f64 {
        (&self.embedding.forward(self.ids.view()) * &self.r).sum()
    }
}

#[test]
fn gradcheck_embedding_touches_only_the_rows_used() {
    let mut rng = StdRng::seed_from_u64(2);
    let ids = array![[1u32, 4, 4, 0], [3, 1, 0, 0]];
    let mut p = EmbeddingProblem {
        embedding: Embedding::new(7, 3, &mut rng),
        ids,
        r: random((4, 2, 3), 1.0, &mut rng),
    };
    let grad = p.embedding.backward(p.ids.view(), p.r.view());
    let mut rows = grad.rows.clone();
    rows.sort();
    assert_eq!(
        rows,
        vec![0, 1, 3, 4],
        "only the ids used have a gradient row"
    );
    let dense = grad.to_dense(7);
    let report =
        check_gradients(&mut p, &vec![("table".to_owned(), dense.into_dyn())], EPS);
    println!("embedding:\n{report}");
    report.assert_below(TOLERANCE);
}

/// The whole model: L = mean BCE of a batch.
struct ModelProblem {
    model: Classifier<f64>,
    ids: Array2<u32>,
    labels: Array1<f64>,
    last: Vec<usize>,
}

numeric::params! { ModelProblem as f64 {} nested { model } }

impl Checkable for ModelProblem {
    fn loss(&self) -> f64 {
        let batch = Batch {
            ids: self.ids.view(),
            labels: self.labels.view(),
            last_real: &self.last,
        };
        self.model.loss_and_grads(batch).0
    }
}

fn check_model(cell: CellKind, head: Head) {
    let mut rng = StdRng::seed_from_u64(3);
    let shape = ModelShape {
        num_words: 9,
        embedding_dim: 3,
        hidden: 4,
        cell,
        head,
    };
    let mut model = Classifier::new(shape, &mut rng);
    // Larger weights than the defaults, so that every path carries a visible gradient.
    model.embedding.table.mapv_inplace(|v| v * 20.0);
    let ids = Array2::from_shape_fn((3, 6), |_| rng.random_range(0..9u32));
    let mut p = ModelProblem {
        model,
        ids,
        labels: array![1.0, 0.0, 1.0],
        last: vec![5, 2, 3],
    };
    let batch = Batch {
        ids: p.ids.view(),
        labels: p.labels.view(),
        last_real: &p.last,
    };
    let (_, grads, _) = p.model.loss_and_grads(batch);
    let embedding = grads.embedding.to_dense(9);
    let mut analytic = vec![(EMBEDDING.to_owned(), embedding.into_dyn())];
    analytic.extend(grads.named);
    let report = check_gradients(&mut p, &analytic, EPS);
    println!("model {cell:?} {head:?}:\n{report}");
    report.assert_below(TOLERANCE);
}

#[test]
fn gradcheck_model_per_step_lstm() {
    check_model(CellKind::Lstm, Head::PerStep);
}

#[test]
fn gradcheck_model_last_state_lstm() {
    check_model(CellKind::Lstm, Head::LastState);
}

#[test]
fn gradcheck_model_last_real_lstm() {
    check_model(CellKind::Lstm, Head::LastReal);
}

#[test]
fn gradcheck_model_last_real_gru() {
    check_model(CellKind::Gru, Head::LastReal);
}

#[test]
fn gradcheck_model_last_real_rnn() {
    check_model(CellKind::Rnn, Head::LastReal);
}

#[test]
fn gradcheck_model_per_step_gru_and_rnn() {
    check_model(CellKind::Gru, Head::PerStep);
    check_model(CellKind::Rnn, Head::LastState);
}

#[test]
fn gradcheck_model_last_real_lstm_fast() {
    check_model(CellKind::LstmFast, Head::LastReal);
}

#[test]
fn gradcheck_model_last_real_gru_and_rnn_fast() {
    check_model(CellKind::GruFast, Head::LastReal);
    check_model(CellKind::RnnFast, Head::LastReal);
}
