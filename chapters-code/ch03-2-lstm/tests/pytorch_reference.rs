//! Agreement with PyTorch's nn.LSTM (float64) to 1e-10 on every output and gradient.

use gradcheck::fixture::{Fixture, max_scaled_difference};
use lstm::Lstm;
use lstm::pytorch::PyTorchLstm;

const AGREE: f64 = 1e-10;

fn load() -> (Fixture, Lstm<f64>) {
    let f = Fixture::load("lstm.json").unwrap();
    let packed = PyTorchLstm {
        weight_ih_l0: f.array2("pytorch.weight_ih_l0").unwrap(),
        weight_hh_l0: f.array2("pytorch.weight_hh_l0").unwrap(),
        bias_ih_l0: f.array1("pytorch.bias_ih_l0").unwrap(),
        bias_hh_l0: f.array1("pytorch.bias_hh_l0").unwrap(),
    };
    let lstm = Lstm::from_pytorch(&packed).unwrap();
    (f, lstm)
}

#[test]
fn conversion_from_pytorch_gives_the_fixture_parameters() {
    let (f, lstm) = load();
    for (name, tensor) in numeric::params::to_named(&lstm) {
        let expected = f.tensor(&format!("params.{name}"), tensor.ndim()).unwrap();
        assert!(
            max_scaled_difference(&tensor.to_owned(), &expected) < 1e-15,
            "{name}"
        );
    }
    assert_eq!(Lstm::from_pytorch(&lstm.to_pytorch()).unwrap(), lstm);
}

#[test]
fn outputs_and_gradients_agree_with_pytorch() {
    let (f, lstm) = load();
    let x = f.array3("inputs.x").unwrap();
    let (h0, c0) = (
        f.array2("inputs.h0").unwrap(),
        f.array2("inputs.c0").unwrap(),
    );
    let trace = lstm.forward(x.view(), Some(h0.view()), Some(c0.view()));
    let h_diff = max_scaled_difference(
        &trace.states().to_owned().into_dyn(),
        &f.tensor("outputs.h", 3).unwrap(),
    );
    let c_diff = max_scaled_difference(
        &trace.last_c().to_owned().into_dyn(),
        &f.tensor("outputs.c_last", 2).unwrap(),
    );
    assert!(
        h_diff < AGREE && c_diff < AGREE,
        "h {h_diff:e}, c {c_diff:e}"
    );
    let r = f.array3("inputs.r").unwrap();
    let r_c = f.array2("inputs.r_c").unwrap();
    let grads = lstm.backward(x.view(), &trace, r.view(), Some(r_c.view()));
    f.assert_agrees("lstm", "grads", &grads, AGREE);
}

#[test]
fn a_packed_tensor_of_the_wrong_height_is_an_error() {
    let (_, lstm) = load();
    let mut packed = lstm.to_pytorch();
    packed.weight_ih_l0 = ndarray::Array2::zeros((7, 4));
    let err = Lstm::from_pytorch(&packed).unwrap_err();
    assert!(err.to_string().contains("weight_ih_l0"), "{err}");
}
