//! Agreement with PyTorch (float64) to 1e-10 on every output and gradient:
//! the reset-after form against nn.GRU, the article's reset-before form
//! against its equations written out in PyTorch (nn.GRU has no such form).

use gradcheck::fixture::{Fixture, max_scaled_difference};
use gru::pytorch::{ConversionError, PyTorchGru};
use gru::{Gru, GruForm};

const AGREE: f64 = 1e-10;

fn params(f: &Fixture, form: GruForm) -> Gru<f64> {
    let a2 = |k: &str| f.array2(&format!("params.{k}")).unwrap();
    let a1 = |k: &str| f.array1(&format!("params.{k}")).unwrap();
    Gru {
        w_xz: a2("w_xz"),
        w_hz: a2("w_hz"),
        b_z: a1("b_z"),
        w_xr: a2("w_xr"),
        w_hr: a2("w_hr"),
        b_r: a1("b_r"),
        w_xn: a2("w_xn"),
        w_hn: a2("w_hn"),
        b_n: a1("b_n"),
        b_hn: (form == GruForm::ResetAfter).then(|| a1("b_hn")),
    }
}

fn check_against(f: &Fixture, gru: &Gru<f64>) {
    let x = f.array3("inputs.x").unwrap();
    let h0 = f.array2("inputs.h0").unwrap();
    let trace = gru.forward(x.view(), Some(h0.view()));
    let h_diff = max_scaled_difference(
        &trace.states().to_owned().into_dyn(),
        &f.tensor("outputs.h", 3).unwrap(),
    );
    assert!(h_diff < AGREE, "h differs by {h_diff:e}");
    let grads = gru.backward(x.view(), &trace, f.array3("inputs.r").unwrap().view());
    f.assert_agrees(&format!("gru {:?}", gru.form()), "grads", &grads, AGREE);
}

#[test]
fn reset_after_agrees_with_nn_gru() {
    let f = Fixture::load("gru_reset_after.json").unwrap();
    let packed = PyTorchGru {
        weight_ih_l0: f.array2("pytorch.weight_ih_l0").unwrap(),
        weight_hh_l0: f.array2("pytorch.weight_hh_l0").unwrap(),
        bias_ih_l0: f.array1("pytorch.bias_ih_l0").unwrap(),
        bias_hh_l0: f.array1("pytorch.bias_hh_l0").unwrap(),
    };
    let gru = Gru::from_pytorch(&packed).unwrap();
    // The conversion (with its negated z) gives the script's own conversion.
    assert_eq!(gru.form(), GruForm::ResetAfter);
    let expected = params(&f, GruForm::ResetAfter);
    for ((name, a), (_, b)) in numeric::params::to_named(&gru)
        .iter()
        .zip(numeric::params::to_named(&expected).iter())
    {
        assert!(
            max_scaled_difference(&a.to_owned(), &b.to_owned()) < 1e-15,
            "{name}"
        );
    }
    assert_eq!(Gru::from_pytorch(&gru.to_pytorch().unwrap()).unwrap(), gru);
    check_against(&f, &gru);
}

#[test]
fn reset_before_agrees_with_the_written_out_equations() {
    let f = Fixture::load("gru_reset_before.json").unwrap();
    let gru = params(&f, GruForm::ResetBefore);
    check_against(&f, &gru);
    assert_eq!(gru.to_pytorch().unwrap_err(), ConversionError::ResetBefore);
}

#[test]
fn the_two_forms_differ_from_a_non_zero_state() {
    let f = Fixture::load("gru_reset_after.json").unwrap();
    let after = params(&f, GruForm::ResetAfter);
    let mut before = after.clone();
    before.b_hn = None;
    let x = f.array3("inputs.x").unwrap();
    let h0 = f.array2("inputs.h0").unwrap();
    let a = after.forward(x.view(), Some(h0.view()));
    let b = before.forward(x.view(), Some(h0.view()));
    let diff = max_scaled_difference(&a.h.into_dyn(), &b.h.into_dyn());
    assert!(
        diff > 1e-3,
        "the forms should differ, max difference {diff:e}"
    );
}
