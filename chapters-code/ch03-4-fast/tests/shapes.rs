//! The fast layers check shapes as strictly as the readable cells: every
//! wrong shape of an input, an initial state, a gradient or a trace panics
//! with a message that names the layer, the tensor and the shapes; nothing
//! is broadcast silently.

use std::panic::{AssertUnwindSafe, catch_unwind};

use fast_rnn::{FastGru, FastLstm, FastRnn};
use gru::{Gru, GruForm};
use lstm::Lstm;
use ndarray::{Array2, Array3};
use numeric::Init;
use rand::SeedableRng;
use rand::rngs::StdRng;
use vanilla_rnn::VanillaRnn;

/// (T, B, D, H) of every case: a right input is (3, 2, 4), a right state (2, 5).
const T: usize = 3;
const B: usize = 2;
const D: usize = 4;
const H: usize = 5;

fn x() -> Array3<f64> {
    Array3::zeros((T, B, D))
}
fn dh() -> Array3<f64> {
    Array3::zeros((T, B, H))
}

/// Run `case`, which must panic with a message containing every one of `words`.
fn panics_naming(case: &str, words: &[&str], f: impl FnOnce()) {
    let err = catch_unwind(AssertUnwindSafe(f)).expect_err(case);
    let message = err
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| err.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    for word in words {
        assert!(message.contains(word), "{case}: '{word}' not in: {message}");
    }
}

fn lstm() -> FastLstm<f64> {
    FastLstm::from_lstm(&Lstm::new(
        D,
        H,
        Init::PyTorch,
        &mut StdRng::seed_from_u64(1),
    ))
}
fn gru() -> FastGru<f64> {
    let g = Gru::new(
        D,
        H,
        GruForm::ResetAfter,
        Init::PyTorch,
        &mut StdRng::seed_from_u64(2),
    );
    FastGru::from_gru(&g)
}
fn rnn() -> FastRnn<f64> {
    FastRnn::from_rnn(&VanillaRnn::new(
        D,
        H,
        Init::PyTorch,
        &mut StdRng::seed_from_u64(3),
    ))
}

#[test]
fn a_wrong_input_size_panics_naming_the_shapes() {
    let wrong = Array3::<f64>::zeros((T, B, D + 1));
    panics_naming("FastLstm x", &["FastLstm", "(3, 2, 5)"], || {
        lstm().forward(wrong.view(), None, None);
    });
    panics_naming("FastGru x", &["FastGru", "(3, 2, 5)"], || {
        gru().forward(wrong.view(), None);
    });
    panics_naming("FastRnn x", &["FastRnn", "(3, 2, 5)"], || {
        rnn().forward(wrong.view(), None);
    });
}

#[test]
fn an_empty_sequence_panics() {
    let empty = Array3::<f64>::zeros((0, B, D));
    panics_naming("FastLstm T = 0", &["FastLstm", "at least one step"], || {
        lstm().forward(empty.view(), None, None);
    });
}

#[test]
fn a_wrong_initial_state_is_not_broadcast() {
    // (1, H) would broadcast over the batch with `assign`; it must be refused.
    let row = Array2::<f64>::zeros((1, H));
    panics_naming("FastLstm h0", &["FastLstm", "h0", "(1, 5)"], || {
        lstm().forward(x().view(), Some(row.view()), None);
    });
    panics_naming("FastLstm c0", &["FastLstm", "c0", "(1, 5)"], || {
        lstm().forward(x().view(), None, Some(row.view()));
    });
    panics_naming("FastGru h0", &["FastGru", "h0", "(1, 5)"], || {
        gru().forward(x().view(), Some(row.view()));
    });
    panics_naming("FastRnn h0", &["FastRnn", "h0", "(1, 5)"], || {
        rnn().forward(x().view(), Some(row.view()));
    });
}

#[test]
fn a_wrong_state_gradient_panics() {
    let wrong = Array3::<f64>::zeros((T, B, H + 1));
    let l = lstm();
    let trace = l.forward(x().view(), None, None);
    panics_naming("FastLstm dh", &["FastLstm", "dh", "(3, 2, 6)"], || {
        l.backward(x().view(), &trace, wrong.view(), None);
    });
    let row = Array2::<f64>::zeros((1, H));
    panics_naming(
        "FastLstm dc_last",
        &["FastLstm", "dc_last", "(1, 5)"],
        || {
            l.backward(x().view(), &trace, dh().view(), Some(row.view()));
        },
    );
    let g = gru();
    let trace = g.forward(x().view(), None);
    panics_naming("FastGru dh", &["FastGru", "dh", "(3, 2, 6)"], || {
        g.backward(x().view(), &trace, wrong.view());
    });
    let r = rnn();
    let trace = r.forward(x().view(), None);
    panics_naming("FastRnn dh", &["FastRnn", "dh", "(3, 2, 6)"], || {
        r.backward(x().view(), &trace, wrong.view());
    });
}

#[test]
fn a_trace_of_another_input_panics() {
    let longer = Array3::<f64>::zeros((T + 1, B, D));
    let l = lstm();
    let trace = l.forward(longer.view(), None, None);
    panics_naming("FastLstm trace", &["FastLstm", "trace"], || {
        l.backward(x().view(), &trace, dh().view(), None);
    });
    let g = gru();
    let trace = g.forward(longer.view(), None);
    panics_naming("FastGru trace", &["FastGru", "trace"], || {
        g.backward(x().view(), &trace, dh().view());
    });
    let r = rnn();
    let trace = r.forward(longer.view(), None);
    panics_naming("FastRnn trace", &["FastRnn", "trace"], || {
        r.backward(x().view(), &trace, dh().view());
    });
}
