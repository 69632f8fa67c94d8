//! Grades exercises/src/bidirectional.rs: the output's shape, each half
//! against the chapter's GRU run forwards and backwards, the gradients'
//! shapes, then finite differences of every parameter and of x.

use exercises::bidirectional::Bidirectional;
use gradcheck::Checkable;
use gru::{Gru, GruForm};
use ndarray::{Array3, s};
use numeric::Init;
use numeric::params::to_named;
use numeric::random::random;

use crate::check::{assert_close, assert_gradients, rng};

/// A random layer (D = 3, H = 4, reset after), x (T = 5, B = 2, D = 3) and
/// ȳ (5, 2, 8).
struct Case {
    layer: Bidirectional,
    x: Array3<f64>,
    dy: Array3<f64>,
}

fn case(seed: u64) -> Case {
    let mut rng = rng(seed);
    let mut gru = || Gru::new(3, 4, GruForm::ResetAfter, Init::PyTorch, &mut rng);
    let (forward, backward) = (gru(), gru());
    Case {
        layer: Bidirectional { forward, backward },
        x: random((5, 2, 3), 1.0, &mut rng),
        dy: random((5, 2, 8), 1.0, &mut rng),
    }
}

/// Whether `a` and `b` have the same shape and the same numbers.
fn same(a: &Array3<f64>, b: &Array3<f64>) -> bool {
    a.dim() == b.dim() && (a - b).iter().all(|v| v.abs() < 1e-9)
}

#[test]
fn check_1_the_output_has_the_right_shape() {
    let c = case(1);
    let y = c.layer.forward(c.x.view());
    assert_eq!(
        y.dim(),
        (5, 2, 8),
        "y should be (T, B, 2H) = (5, 2, 8): both layers' states side by side"
    );
}

#[test]
fn check_2_the_first_half_is_the_forward_layer() {
    for seed in 2..4 {
        let c = case(seed);
        let y = c.layer.forward(c.x.view());
        let expected = c.layer.forward.forward(c.x.view(), None);
        assert_close(
            "the first H features of y (the forward layer's states h→_t)",
            &y.slice(s![.., .., ..4]),
            &expected.states(),
            1e-12,
        );
    }
}

#[test]
fn check_3_the_second_half_is_the_backward_layer_read_backwards() {
    for seed in 4..6 {
        let c = case(seed);
        let y = c.layer.forward(c.x.view());
        let yours = y.slice(s![.., .., 4..]).to_owned();
        let reversed = c.x.slice(s![..;-1, .., ..]);
        let run = c.layer.backward.forward(reversed, None);
        let expected = run.states().slice(s![..;-1, .., ..]).to_owned();
        assert!(
            !same(&yours, &run.states().to_owned()),
            "the last H features of y are the backward layer's states in the order it \
             computed them: position t holds its state after reading x[T-1], …, x[T-1-t]; \
             reverse them in time, so that position t holds its state after x[T-1], …, x[t]"
        );
        // The backward layer run over x in its own order, its states reversed or not.
        let unreversed = c
            .layer
            .backward
            .forward(c.x.view(), None)
            .states()
            .to_owned();
        let flipped = unreversed.slice(s![..;-1, .., ..]).to_owned();
        assert!(
            !same(&yours, &unreversed) && !same(&yours, &flipped),
            "the last H features of y are the backward layer run over x from x[0] to \
             x[T-1]; it should read the sequence reversed, from x[T-1] to x[0]"
        );
        assert_close(
            "the last H features of y (the backward layer's states h←_t)",
            &yours,
            &expected,
            1e-12,
        );
    }
}

#[test]
fn check_4_the_gradients_have_the_right_shapes() {
    let c = case(6);
    let (grads, dx) = c.layer.backward(c.x.view(), c.dy.view());
    assert_eq!(dx.dim(), (5, 2, 3), "dx should be (T, B, D) = (5, 2, 3)");
    let (yours, params) = (to_named(&grads), to_named(&c.layer));
    assert_eq!(
        yours.len(),
        params.len(),
        "the gradients should hold one tensor per parameter ({} of them)",
        params.len()
    );
    for ((name, g), (_, p)) in yours.into_iter().zip(params) {
        assert_eq!(
            g.shape(),
            p.shape(),
            "the gradient of {name} should keep the shape of the parameter"
        );
    }
}

/// L = Σ (y ⊙ R) with y your `forward(x)`, which checks 2 and 3 have
/// compared with the chapter's GRU: its gradient with respect to y is R.
struct Problem {
    layer: Bidirectional,
    x: Array3<f64>,
    r: Array3<f64>,
}

numeric::params! { Problem as f64 { x } nested { layer } }

impl Checkable for Problem {
    fn loss(&self) -> f64 {
        (self.layer.forward(self.x.view()) * &self.r).sum()
    }
}

/// The learner's gradients under the names of [`Problem`]'s tensors.
struct ProblemGrads {
    layer: Bidirectional,
    x: Array3<f64>,
}

numeric::params! { ProblemGrads as f64 { x } nested { layer } }

#[test]
fn check_5_agrees_with_finite_differences() {
    let c = case(7);
    let (grads, dx) = c.layer.backward(c.x.view(), c.dy.view());
    let mut problem = Problem {
        layer: c.layer,
        x: c.x,
        r: c.dy,
    };
    let analytic = ProblemGrads {
        layer: grads,
        x: dx,
    };
    assert_gradients(&mut problem, &analytic);
}
