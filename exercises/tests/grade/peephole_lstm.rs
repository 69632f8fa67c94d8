//! Grades exercises/src/peephole_lstm.rs: the step's shapes; without
//! peepholes, the chapter's LSTM forward; a 1-unit cell against numbers
//! computed by hand from the equations; then the backward pass: shapes,
//! without peepholes the chapter's LSTM backward, accumulation, and finite
//! differences of every gradient (p_i, p_f, p_o included) with peepholes.

use exercises::peephole_lstm::{PeepholeLstm, PeepholeStep, step, step_backward};
use gradcheck::Checkable;
use lstm::{Lstm, LstmStep};
use ndarray::{Array1, Array2, array};
use numeric::Init;
use numeric::params::to_named;
use numeric::random::random;

use crate::check::{
    assert_adds_into, assert_close, assert_gradients, assert_shapes_of_params, rng,
};

/// A random step: the cell (D = 4, H = 5; random peepholes, or none),
/// x_t (3, 4), h_{t-1}, C_{t-1}, h̄_t and γ_t (3, 5).
struct Step {
    cell: PeepholeLstm,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    c_prev: Array2<f64>,
    dh_t: Array2<f64>,
    dc_t: Array2<f64>,
}

fn random_step(seed: u64, peepholes: bool) -> Step {
    let mut rng = rng(seed);
    let lstm = Lstm::new(4, 5, Init::PyTorch, &mut rng).with_forget_bias(1.0);
    let mut peephole = || -> Array1<f64> {
        let p = random(5, 0.8, &mut rng);
        if peepholes { p } else { Array1::zeros(5) }
    };
    let (p_i, p_f, p_o) = (peephole(), peephole(), peephole());
    Step {
        cell: PeepholeLstm {
            lstm,
            p_i,
            p_f,
            p_o,
        },
        x_t: random((3, 4), 1.0, &mut rng),
        h_prev: random((3, 5), 0.5, &mut rng),
        c_prev: random((3, 5), 1.0, &mut rng),
        dh_t: random((3, 5), 1.0, &mut rng),
        dc_t: random((3, 5), 1.0, &mut rng),
    }
}

/// The learner's step forward.
fn forward(s: &Step) -> PeepholeStep {
    step(&s.cell, s.x_t.view(), s.h_prev.view(), s.c_prev.view())
}

/// Runs the learner's `step_backward` on `forward`, adding into `grads`.
fn run(
    s: &Step,
    forward: &PeepholeStep,
    grads: &mut PeepholeLstm,
) -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    step_backward(
        &s.cell,
        s.x_t.view(),
        s.h_prev.view(),
        s.c_prev.view(),
        forward,
        s.dh_t.view(),
        s.dc_t.view(),
        grads,
    )
}

/// The learner's backward results after the learner's forward: gradients
/// (starting from zero), dx_t, dh_prev, dc_prev.
fn yours(s: &Step) -> (PeepholeLstm, Array2<f64>, Array2<f64>, Array2<f64>) {
    let mut grads = numeric::params::zeros_like(&s.cell);
    let (dx, dh, dc) = run(s, &forward(s), &mut grads);
    (grads, dx, dh, dc)
}

/// The values of a step, named for the messages.
fn values(s: &PeepholeStep) -> [(&'static str, &Array2<f64>); 6] {
    [
        ("i_t", &s.i),
        ("f_t", &s.f),
        ("C̃_t (c_tilde)", &s.c_tilde),
        ("C_t (c)", &s.c),
        ("o_t", &s.o),
        ("h_t", &s.h),
    ]
}

#[test]
fn check_1_the_step_has_the_right_shapes() {
    let s = random_step(1, true);
    for (name, value) in values(&forward(&s)) {
        assert_eq!(value.dim(), (3, 5), "{name} should be (B, H) = (3, 5)");
    }
}

#[test]
fn check_2_with_no_peepholes_the_step_is_the_lstm_step() {
    for seed in 2..4 {
        let s = random_step(seed, false);
        let lstm = s
            .cell
            .lstm
            .step(s.x_t.view(), s.h_prev.view(), s.c_prev.view());
        let expected = PeepholeStep {
            i: lstm.i,
            f: lstm.f,
            o: lstm.o,
            c_tilde: lstm.c_tilde,
            c: lstm.c,
            h: lstm.h,
        };
        for ((name, y), (_, e)) in values(&forward(&s)).into_iter().zip(values(&expected)) {
            assert_close(&format!("{name}, with p = 0,"), y, e, 1e-12);
        }
    }
}

/// One gate of a 1-unit cell with two inputs: (W_xg, W_hg, b_g).
type Gate = ([f64; 2], f64, f64);

fn sigma(a: f64) -> f64 {
    1.0 / (1.0 + (-a).exp())
}

#[test]
fn check_3_a_one_unit_cell_gives_the_numbers_of_the_equations() {
    let (gi, gf, go, gc): (Gate, Gate, Gate, Gate) = (
        ([0.5, -0.3], 0.8, 0.1),
        ([-0.4, 0.6], 0.2, 1.0),
        ([0.7, 0.2], -0.9, -0.2),
        ([0.3, -0.8], 0.5, 0.05),
    );
    let (p_i, p_f, p_o) = (0.4, -0.5, 0.9);
    let gate = |g: Gate| (array![[g.0[0], g.0[1]]], array![[g.1]], array![g.2]);
    let ((w_xi, w_hi, b_i), (w_xf, w_hf, b_f)) = (gate(gi), gate(gf));
    let ((w_xo, w_ho, b_o), (w_xc, w_hc, b_c)) = (gate(go), gate(gc));
    let lstm = Lstm {
        w_xi,
        w_hi,
        b_i,
        w_xf,
        w_hf,
        b_f,
        w_xo,
        w_ho,
        b_o,
        w_xc,
        w_hc,
        b_c,
    };
    let cell = PeepholeLstm {
        lstm,
        p_i: array![p_i],
        p_f: array![p_f],
        p_o: array![p_o],
    };
    // Two examples (rows): x_t, h_{t-1}, C_{t-1}.
    let examples = [([1.0, -2.0], 0.3, 0.7), ([0.5, 0.25], -0.6, -1.2)];
    let x_t = Array2::from_shape_fn((2, 2), |(b, d)| examples[b].0[d]);
    let h_prev = Array2::from_shape_fn((2, 1), |(b, _)| examples[b].1);
    let c_prev = Array2::from_shape_fn((2, 1), |(b, _)| examples[b].2);
    let got = step(&cell, x_t.view(), h_prev.view(), c_prev.view());

    // The equations, one number at a time.
    let a = |g: Gate, x: [f64; 2], h: f64| g.0[0] * x[0] + g.0[1] * x[1] + g.1 * h + g.2;
    let mut by_hand = PeepholeStep {
        i: Array2::zeros((2, 1)),
        f: Array2::zeros((2, 1)),
        o: Array2::zeros((2, 1)),
        c_tilde: Array2::zeros((2, 1)),
        c: Array2::zeros((2, 1)),
        h: Array2::zeros((2, 1)),
    };
    let mut o_from_old_c = Array2::zeros((2, 1));
    for (b, &(x, h, c)) in examples.iter().enumerate() {
        let i = sigma(a(gi, x, h) + p_i * c);
        let f = sigma(a(gf, x, h) + p_f * c);
        let c_tilde = a(gc, x, h).tanh();
        let c_new = f * c + i * c_tilde;
        let o = sigma(a(go, x, h) + p_o * c_new);
        by_hand.i[[b, 0]] = i;
        by_hand.f[[b, 0]] = f;
        by_hand.c_tilde[[b, 0]] = c_tilde;
        by_hand.c[[b, 0]] = c_new;
        by_hand.o[[b, 0]] = o;
        by_hand.h[[b, 0]] = o * c_new.tanh();
        o_from_old_c[[b, 0]] = sigma(a(go, x, h) + p_o * c);
    }
    let near = |x: &Array2<f64>, y: &Array2<f64>| {
        x.dim() == y.dim() && (x - y).iter().all(|v| v.abs() < 1e-9)
    };
    assert!(
        !near(&got.o, &o_from_old_c),
        "o_t reads the old cell state C_{{t-1}} through p_o; in this cell the output \
         gate looks at the new one: o_t = σ(a^o_t + p_o ⊙ C_t)"
    );
    for ((name, y), (_, e)) in values(&got).into_iter().zip(values(&by_hand)) {
        assert_close(&format!("{name} of the 1-unit cell"), y, e, 1e-12);
    }
}

#[test]
fn check_4_the_backward_results_have_the_right_shapes() {
    let s = random_step(4, true);
    let (grads, dx, dh, dc) = yours(&s);
    assert_eq!(dx.dim(), (3, 4), "dx_t should be (B, D) = (3, 4)");
    assert_eq!(dh.dim(), (3, 5), "dh_prev should be (B, H) = (3, 5)");
    assert_eq!(dc.dim(), (3, 5), "dc_prev should be (B, H) = (3, 5)");
    assert_shapes_of_params(&grads, &s.cell);
}

#[test]
fn check_5_with_no_peepholes_the_backward_is_the_lstm_backward() {
    for seed in 5..8 {
        let s = random_step(seed, false);
        let lstm = &s.cell.lstm;
        let forward: LstmStep<f64> =
            lstm.step(s.x_t.view(), s.h_prev.view(), s.c_prev.view());
        let mut expected = numeric::params::zeros_like(lstm);
        let (ex, eh, ec) = lstm.step_backward(
            s.x_t.view(),
            s.h_prev.view(),
            s.c_prev.view(),
            &forward,
            s.dh_t.view(),
            s.dc_t.view(),
            &mut expected,
        );
        // The chapter's forward values, so that only the backward pass is graded.
        let given = PeepholeStep {
            i: forward.i,
            f: forward.f,
            o: forward.o,
            c_tilde: forward.c_tilde,
            c: forward.c,
            h: forward.h,
        };
        let mut grads = numeric::params::zeros_like(&s.cell);
        let (dx, dh, dc) = run(&s, &given, &mut grads);
        assert_close("dx_t, with p = 0,", &dx, &ex, 1e-9);
        assert_close(
            "dh_prev (what goes back to h_{t-1}), with p = 0,",
            &dh,
            &eh,
            1e-9,
        );
        assert_close(
            "dc_prev (what goes back to C_{t-1}), with p = 0,",
            &dc,
            &ec,
            1e-9,
        );
        for ((name, y), (_, e)) in
            to_named(&grads.lstm).into_iter().zip(to_named(&expected))
        {
            assert_close(&format!("grads.lstm.{name}, with p = 0,"), &y, &e, 1e-9);
        }
    }
}

#[test]
fn check_6_adds_into_the_gradients_instead_of_overwriting() {
    let s = random_step(8, true);
    let (fresh, _, _, _) = yours(&s);
    let zeros = numeric::params::zeros_like(&s.cell);
    assert_adds_into(&zeros, &fresh, |grads| {
        run(&s, &forward(&s), grads);
    });
}

/// L = Σ (h_t ⊙ R) + Σ (C_t ⊙ S), through your `step` (which checks 2 and 3
/// have compared with the LSTM and with the equations).
struct OneStep {
    cell: PeepholeLstm,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    c_prev: Array2<f64>,
    r: Array2<f64>,
    s: Array2<f64>,
}

numeric::params! { OneStep as f64 { x_t, h_prev, c_prev } nested { cell } }

impl Checkable for OneStep {
    fn loss(&self) -> f64 {
        let step = step(
            &self.cell,
            self.x_t.view(),
            self.h_prev.view(),
            self.c_prev.view(),
        );
        (step.h * &self.r).sum() + (step.c * &self.s).sum()
    }
}

/// The learner's gradients under the names of [`OneStep`]'s tensors.
struct OneStepGrads {
    cell: PeepholeLstm,
    x_t: Array2<f64>,
    h_prev: Array2<f64>,
    c_prev: Array2<f64>,
}

numeric::params! { OneStepGrads as f64 { x_t, h_prev, c_prev } nested { cell } }

#[test]
fn check_7_agrees_with_finite_differences_with_peepholes() {
    let s = random_step(9, true);
    let (grads, dx, dh, dc) = yours(&s);
    let mut problem = OneStep {
        cell: s.cell,
        x_t: s.x_t,
        h_prev: s.h_prev,
        c_prev: s.c_prev,
        r: s.dh_t,
        s: s.dc_t,
    };
    let analytic = OneStepGrads {
        cell: grads,
        x_t: dx,
        h_prev: dh,
        c_prev: dc,
    };
    assert_gradients(&mut problem, &analytic);
}
