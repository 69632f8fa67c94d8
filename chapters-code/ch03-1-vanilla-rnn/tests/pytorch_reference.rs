//! Agreement with PyTorch (float64) to 1e-10 on every output and gradient.
//! The values come from `chapters-code/pytorch-reference/make_fixtures.py`.

use gradcheck::fixture::{Fixture, max_scaled_difference};
use layers::Dense;
use ndarray::{Array1, Array2, ArrayD, ArrayView3};
use vanilla_rnn::VanillaRnn;
use vanilla_rnn::pytorch::PyTorchRnn;
use vanilla_rnn::suite::outputs;

const AGREE: f64 = 1e-10;

/// The fixture, the layer (`nn.RNN`) and its output layer (`nn.Linear`).
fn load() -> (Fixture, VanillaRnn<f64>, Dense<f64>) {
    let f = Fixture::load("vanilla.json").unwrap();
    let packed = PyTorchRnn {
        weight_ih_l0: f.array2("pytorch.weight_ih_l0").unwrap(),
        weight_hh_l0: f.array2("pytorch.weight_hh_l0").unwrap(),
        bias_ih_l0: f.array1("pytorch.bias_ih_l0").unwrap(),
        bias_hh_l0: f.array1("pytorch.bias_hh_l0").unwrap(),
    };
    let rnn = VanillaRnn::from_pytorch(&packed).unwrap();
    let output = Dense {
        w: f.array2("pytorch.linear_weight").unwrap(),
        b: f.array1("pytorch.linear_bias").unwrap(),
    };
    (f, rnn, output)
}

/// The fixture names the output layer's tensors as the equations do.
fn output_named(w: &Array2<f64>, b: &Array1<f64>) -> Vec<(String, ArrayD<f64>)> {
    vec![
        ("w_hy".to_owned(), w.clone().into_dyn()),
        ("b_y".to_owned(), b.clone().into_dyn()),
    ]
}

#[test]
fn conversion_from_pytorch_gives_the_fixture_parameters() {
    let (f, rnn, output) = load();
    let mut named = numeric::params::to_named(&rnn);
    named.extend(output_named(&output.w, &output.b));
    for (name, tensor) in named {
        let expected = f.tensor(&format!("params.{name}"), tensor.ndim()).unwrap();
        assert!(
            max_scaled_difference(&tensor.to_owned(), &expected) < 1e-15,
            "{name}"
        );
    }
    // And back: the packed tensors describe the same layer.
    assert_eq!(VanillaRnn::from_pytorch(&rnn.to_pytorch()).unwrap(), rnn);
}

#[test]
fn outputs_and_gradients_agree_with_pytorch() {
    let (f, rnn, output) = load();
    let x = f.array3("inputs.x").unwrap();
    let h0 = f.array2("inputs.h0").unwrap();
    let trace = rnn.forward(x.view(), Some(h0.view()));
    let y = outputs(&output, trace.states());
    let h_diff = max_scaled_difference(
        &trace.states().to_owned().into_dyn(),
        &f.tensor("outputs.h", 3).unwrap(),
    );
    let y_diff = max_scaled_difference(&y.into_dyn(), &f.tensor("outputs.y", 3).unwrap());
    assert!(
        h_diff < AGREE && y_diff < AGREE,
        "h {h_diff:e}, y {y_diff:e}"
    );
    // L = Σ h ⊙ R + Σ y ⊙ S: the output layer's backward pass gives dW_hy,
    // db_y and the share of dL/dh_t that comes through y_t.
    let (r, s) = (f.array3("inputs.r").unwrap(), f.array3("inputs.s").unwrap());
    let (steps, batch, hidden) = r.dim();
    let rows =
        |a: ArrayView3<f64>| a.to_shape((steps * batch, a.dim().2)).unwrap().to_owned();
    let out = output.backward(rows(trace.states()).view(), rows(s.view()).view());
    let dh = &r + &out.h.to_shape((steps, batch, hidden)).unwrap();
    let grads = rnn.backward(x.view(), &trace, dh.view());
    let mut named = numeric::params::to_named(&grads);
    named.extend(output_named(&out.w, &out.b));
    f.assert_agrees("vanilla", "grads", &named, AGREE);
}

#[test]
fn a_wrong_pytorch_shape_is_an_error_naming_the_tensor() {
    let (_, rnn, _) = load();
    let mut packed = rnn.to_pytorch();
    packed.bias_hh_l0 = ndarray::Array1::zeros(3);
    let err = VanillaRnn::from_pytorch(&packed).unwrap_err();
    assert!(
        err.to_string().contains("bias_hh_l0") && err.to_string().contains("[3]"),
        "{err}"
    );
}

#[test]
fn a_missing_fixture_names_the_file() {
    let err = Fixture::load("no-such-fixture.json").unwrap_err();
    assert!(err.to_string().contains("no-such-fixture.json"), "{err}");
}
