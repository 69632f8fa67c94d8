//! Agreement with PyTorch (float64) to 1e-10 on every output and gradient.
//! The values come from `chapters-code/pytorch-reference/make_fixtures.py`.

use gradcheck::fixture::{Fixture, max_scaled_difference};
use vanilla_rnn::pytorch::PyTorchRnn;
use vanilla_rnn::VanillaRnn;

const AGREE: f64 = 1e-10;

fn load() -> (Fixture, VanillaRnn<f64>) {
    let f = Fixture::load("vanilla.json").unwrap();
    let packed = PyTorchRnn {
        weight_ih_l0: f.array2("pytorch.weight_ih_l0").unwrap(),
        weight_hh_l0: f.array2("pytorch.weight_hh_l0").unwrap(),
        bias_ih_l0: f.array1("pytorch.bias_ih_l0").unwrap(),
        bias_hh_l0: f.array1("pytorch.bias_hh_l0").unwrap(),
        linear_weight: f.array2("pytorch.linear_weight").unwrap(),
        linear_bias: f.array1("pytorch.linear_bias").unwrap(),
    };
    let rnn = VanillaRnn::from_pytorch(&packed).unwrap();
    (f, rnn)
}

#[test]
fn conversion_from_pytorch_gives_the_fixture_parameters() {
    let (f, rnn) = load();
    for (name, tensor) in rnn.tensors() {
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
    let (f, rnn) = load();
    let x = f.array3("inputs.x").unwrap();
    let h0 = f.array2("inputs.h0").unwrap();
    let (y, trace) = rnn.forward(x.view(), Some(h0.view()));
    let h_diff = max_scaled_difference(
        &trace.states().to_owned().into_dyn(),
        &f.tensor("outputs.h", 3).unwrap(),
    );
    let y_diff = max_scaled_difference(&y.into_dyn(), &f.tensor("outputs.y", 3).unwrap());
    assert!(
        h_diff < AGREE && y_diff < AGREE,
        "h {h_diff:e}, y {y_diff:e}"
    );
    let grads = rnn.backward(
        x.view(),
        &trace,
        f.array3("inputs.r").unwrap().view(),
        f.array3("inputs.s").unwrap().view(),
    );
    f.assert_agrees("vanilla", "grads", &grads.tensors(), AGREE);
}

#[test]
fn a_wrong_pytorch_shape_is_an_error_naming_the_tensor() {
    let (_, rnn) = load();
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
