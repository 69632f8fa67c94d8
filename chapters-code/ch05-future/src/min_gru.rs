//! The minGRU (Feng et al., 2024, "Were RNNs All We Needed?"): a GRU whose
//! gate and candidate read the input and not the previous state,
//!
//! ```text
//! z_t = σ(W_xz x_t + b_z)
//! h̃_t = W_xh x_t + b_h
//! h_t = (1 − z_t) ⊙ h_{t−1} + z_t ⊙ h̃_t
//! ```
//!
//! There is no reset gate, and no tanh on the candidate. The state update
//! is the linear recurrence h_t = a_t ⊙ h_{t−1} + b_t with a_t = 1 − z_t and
//! b_t = z_t ⊙ h̃_t, and a_t, b_t are known from x before any state is. So
//! training computes every z_t and h̃_t at once, as two matrix products over
//! all T·B rows, and the states by a parallel scan ([`crate::scan`]). The
//! paper's code runs its scan in log space, through cumulative sums; the
//! scans here combine pairs and never divide, so they need no logarithms.
//!
//! The backward pass has the same shape: the gradient reaching h_t obeys a
//! linear recurrence backwards in time (see [`MinGru::backward`]).

use std::thread;

use ndarray::{
    Array1, Array2, Array3, ArrayView2, ArrayView3, ArrayViewMut2, ArrayViewMut3, Axis,
    linalg::general_mat_mul, s,
};
use numeric::activation::{sigmoid, sigmoid_grad_from_output};
use numeric::sequence::{check_input, check_step_gradient, initial_state};
use numeric::threads::default_threads;
use numeric::{Init, Scalar};
use rand::Rng;

use crate::scan::{chunk_length, scan_chunked_into, scan_reverse};

// ANCHOR: struct
/// A minGRU layer, named as in the equations. With input D and hidden H:
///
/// * `w_xz`: (H, D) input-to-gate weights, `b_z`: (H) gate bias
/// * `w_xh`: (H, D) input-to-candidate weights, `b_h`: (H) candidate bias
///
/// There is no (H, H) matrix: nothing reads h_{t−1} but the update itself.
#[derive(Debug, Clone, PartialEq)]
pub struct MinGru<F> {
    pub w_xz: Array2<F>,
    pub b_z: Array1<F>,
    pub w_xh: Array2<F>,
    pub b_h: Array1<F>,
}
// ANCHOR_END: struct

numeric::params! { MinGru { w_xz, b_z, w_xh, b_h } }

/// Everything one step computes, each (B, H).
#[derive(Debug, Clone, PartialEq)]
pub struct MinGruStep<F> {
    pub z: Array2<F>,
    pub h_tilde: Array2<F>,
    pub h: Array2<F>,
}

/// What the forward pass keeps for the backward pass.
#[derive(Debug, Clone, PartialEq)]
pub struct MinGruTrace<F> {
    /// (T + 1, B, H): `h[0]` = h_0, `h[t]` = h_t.
    pub h: Array3<F>,
    /// (T, B, H): `z[t − 1]` = z_t.
    pub z: Array3<F>,
    /// (T, B, H): `h_tilde[t − 1]` = h̃_t.
    pub h_tilde: Array3<F>,
}

/// Gradients of a loss: for the parameters, a [`MinGru`] whose every field
/// holds the gradient of the field of the same name; and for x and h_0.
#[derive(Debug, Clone, PartialEq)]
pub struct MinGruGrads<F> {
    pub params: MinGru<F>,
    /// dL/dx, (T, B, D).
    pub x: Array3<F>,
    /// dL/dh_0, (B, H).
    pub h0: Array2<F>,
}

numeric::params! { MinGruGrads { x, h0 } nested { params } }

impl<F: Scalar> MinGruTrace<F> {
    /// A trace of T steps for B sequences of H units, zero but for h_0 (B, H).
    fn starting_from(steps: usize, h0: Array2<F>) -> Self {
        let (batch, hidden) = h0.dim();
        let mut h = Array3::zeros((steps + 1, batch, hidden));
        h.index_axis_mut(Axis(0), 0).assign(&h0);
        MinGruTrace {
            h,
            z: Array3::zeros((steps, batch, hidden)),
            h_tilde: Array3::zeros((steps, batch, hidden)),
        }
    }

    /// The hidden states h_1 … h_T, (T, B, H).
    pub fn states(&self) -> ArrayView3<'_, F> {
        self.h.slice(s![1.., .., ..])
    }

    /// The last hidden state h_T, (B, H).
    pub fn last(&self) -> ArrayView2<'_, F> {
        self.h.index_axis(Axis(0), self.h.len_of(Axis(0)) - 1)
    }
}

impl<F: Scalar> MinGru<F> {
    /// A layer with `input` features and `hidden` units, initialised by `init`
    /// (two gate blocks, for the Keras bound).
    pub fn new(input: usize, hidden: usize, init: Init, rng: &mut impl Rng) -> Self {
        let w_xz = init.input_weight(hidden, input, 2, rng);
        let b_z = init.bias(hidden, rng);
        let w_xh = init.input_weight(hidden, input, 2, rng);
        let b_h = init.bias(hidden, rng);
        MinGru {
            w_xz,
            b_z,
            w_xh,
            b_h,
        }
    }

    /// D, the number of input features.
    pub fn input_size(&self) -> usize {
        self.w_xz.ncols()
    }

    /// H, the number of hidden units.
    pub fn hidden_size(&self) -> usize {
        self.w_xz.nrows()
    }

    // ANCHOR: step
    /// One time step for a batch: x_t (B, D), h_prev = h_{t−1} (B, H).
    pub fn step(&self, x_t: ArrayView2<F>, h_prev: ArrayView2<F>) -> MinGruStep<F> {
        let z = (x_t.dot(&self.w_xz.t()) + &self.b_z).mapv_into(sigmoid);
        let h_tilde = x_t.dot(&self.w_xh.t()) + &self.b_h;
        // h_t = a_t ⊙ h_{t−1} + b_t with a_t = 1 − z_t, b_t = z_t ⊙ h̃_t.
        let a = z.mapv(|z| F::one() - z);
        let h = a * h_prev + &(&z * &h_tilde);
        MinGruStep { z, h_tilde, h }
    }
    // ANCHOR_END: step

    // ANCHOR: forward_sequential
    /// Run the layer over `x` (T, B, D) from h_0 (B, H; zeros if `None`),
    /// one step after the other.
    pub fn forward_sequential(
        &self,
        x: ArrayView3<F>,
        h0: Option<ArrayView2<F>>,
    ) -> MinGruTrace<F> {
        let (steps, batch) = check_input("MinGru", &x, self.input_size());
        let h0 = initial_state("MinGru", "h0", h0, batch, self.hidden_size());
        let mut trace = MinGruTrace::starting_from(steps, h0);
        for t in 0..steps {
            let step = self.step(x.index_axis(Axis(0), t), trace.h.index_axis(Axis(0), t));
            trace.z.index_axis_mut(Axis(0), t).assign(&step.z);
            trace
                .h_tilde
                .index_axis_mut(Axis(0), t)
                .assign(&step.h_tilde);
            trace.h.index_axis_mut(Axis(0), t + 1).assign(&step.h);
        }
        trace
    }
    // ANCHOR_END: forward_sequential

    // ANCHOR: forward_scan
    /// The same trace as [`forward_sequential`](Self::forward_sequential), up
    /// to rounding, computed on up to `threads` threads: first z and h̃ for
    /// every step (chunks of time in parallel), then the states by the
    /// chunked scan of a_t = 1 − z_t, b_t = z_t ⊙ h̃_t over (T, B·H).
    pub fn forward_scan(
        &self,
        x: ArrayView3<F>,
        h0: Option<ArrayView2<F>>,
        threads: usize,
    ) -> MinGruTrace<F> {
        let (steps, batch) = check_input("MinGru", &x, self.input_size());
        let hidden = self.hidden_size();
        let h0 = initial_state("MinGru", "h0", h0, batch, hidden);
        let mut trace = MinGruTrace::starting_from(steps, h0);
        self.gates_parallel(x, &mut trace, threads);
        let lanes = (steps, batch * hidden);
        let a = trace.z.mapv(|z| F::one() - z);
        let b = &trace.z * &trace.h_tilde;
        let (h0, states) = trace.h.view_mut().split_at(Axis(0), 1);
        let h0 = h0
            .into_shape_with_order(batch * hidden)
            .expect("h_0 is contiguous");
        scan_chunked_into(
            lanes_of(a.view(), lanes),
            lanes_of(b.view(), lanes),
            h0.view(),
            lanes_of_mut(states, lanes),
            threads,
        );
        trace
    }
    // ANCHOR_END: forward_scan

    /// Fill `trace.z` and `trace.h_tilde` for every step of `x`, each thread
    /// a chunk of time: the gates do not read h, so no chunk waits for another.
    fn gates_parallel(&self, x: ArrayView3<F>, trace: &mut MinGruTrace<F>, threads: usize) {
        let len = chunk_length(x.len_of(Axis(0)), threads);
        if len == x.len_of(Axis(0)) {
            return self.gates_into(x, trace.z.view_mut(), trace.h_tilde.view_mut());
        }
        let x_chunks = x.axis_chunks_iter(Axis(0), len);
        let z_chunks = trace.z.axis_chunks_iter_mut(Axis(0), len);
        let h_tilde_chunks = trace.h_tilde.axis_chunks_iter_mut(Axis(0), len);
        thread::scope(|scope| {
            for ((x, z), h_tilde) in x_chunks.zip(z_chunks).zip(h_tilde_chunks) {
                scope.spawn(move || self.gates_into(x, z, h_tilde));
            }
        });
    }

    /// z and h̃ for the steps of `x` (T', B, D), written into `z` and
    /// `h_tilde` (T', B, H): two products of all T'·B rows at once.
    fn gates_into(&self, x: ArrayView3<F>, z: ArrayViewMut3<F>, h_tilde: ArrayViewMut3<F>) {
        let (steps, batch, input) = x.dim();
        let rows = x.to_shape((steps * batch, input)).expect("(T'·B, D)");
        let mut z = rows_of_mut(z);
        affine_into(rows.view(), &self.w_xz, &self.b_z, z.view_mut());
        z.mapv_inplace(sigmoid);
        affine_into(rows.view(), &self.w_xh, &self.b_h, rows_of_mut(h_tilde));
    }

    // ANCHOR: backward
    /// Given dL/dh_t for every step (T, B, H), return the gradient of every
    /// parameter, of x and of h_0. The reverse scan runs on
    /// [`default_threads`] threads.
    ///
    /// h_{t+1} depends on h_t through a_{t+1} only, so the total gradient
    /// h̄_t = ∂L/∂h_t obeys h̄_t = dh_t + a_{t+1} ⊙ h̄_{t+1}, with h̄_{T+1} = 0:
    /// a linear recurrence backwards in time, computed by the reverse scan.
    /// Then, every step at once, from h_t = h_{t−1} + z_t ⊙ (h̃_t − h_{t−1}):
    /// z̄_t = h̄_t ⊙ (h̃_t − h_{t−1}), h̃̄_t = h̄_t ⊙ z_t, and
    /// ∂L/∂h_0 = a_1 ⊙ h̄_1.
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &MinGruTrace<F>,
        dh: ArrayView3<F>,
    ) -> MinGruGrads<F> {
        let (steps, batch) = check_input("MinGru", &x, self.input_size());
        let hidden = self.hidden_size();
        check_step_gradient("MinGru", "dh", &dh, (steps, batch, hidden));
        check_step_gradient("MinGru", "trace.z", &trace.z.view(), (steps, batch, hidden));
        let h_bar = self.state_gradients(trace, dh);
        let h_prev = trace.h.slice(s![..steps, .., ..]);
        let dz = &h_bar * &(&trace.h_tilde - &h_prev);
        let dh_tilde = &h_bar * &trace.z;
        // Through σ: ā_z = z̄ ⊙ z (1 − z). The candidate has no squashing.
        let da_z = dz * &trace.z.mapv(sigmoid_grad_from_output);
        let a_1 = trace.z.index_axis(Axis(0), 0).mapv(|z| F::one() - z);
        let h0 = a_1 * h_bar.index_axis(Axis(0), 0);
        let (params, x) = self.input_backward(x, da_z, dh_tilde);
        MinGruGrads { params, x, h0 }
    }
    // ANCHOR_END: backward

    /// h̄_1 … h̄_T (T, B, H) from dh (T, B, H): the reverse scan with
    /// coefficients a_{t+1} (and 0 after the last step).
    fn state_gradients(&self, trace: &MinGruTrace<F>, dh: ArrayView3<F>) -> Array3<F> {
        let (steps, batch, hidden) = trace.z.dim();
        let mut a_next = Array3::zeros((steps, batch, hidden));
        a_next
            .slice_mut(s![..steps - 1, .., ..])
            .assign(&trace.z.slice(s![1.., .., ..]).mapv(|z| F::one() - z));
        let lanes = (steps, batch * hidden);
        let dh = dh.to_shape(lanes).expect("(T, B·H)");
        let end = Array1::zeros(batch * hidden);
        scan_reverse(
            lanes_of(a_next.view(), lanes),
            dh.view(),
            end.view(),
            default_threads(),
        )
        .into_shape_with_order((steps, batch, hidden))
        .expect("(T, B, H)")
    }

    /// The gradients of both affine maps of x, with all T·B rows at once:
    /// dW = āᵀ x, db = Σ_rows ā, x̄ = ā_z W_xz + h̃̄ W_xh. `da_z`, `da_h` are (T, B, H).
    fn input_backward(
        &self,
        x: ArrayView3<F>,
        da_z: Array3<F>,
        da_h: Array3<F>,
    ) -> (MinGru<F>, Array3<F>) {
        let (steps, batch, input) = x.dim();
        let rows = x.to_shape((steps * batch, input)).expect("(T·B, D)");
        let flat = |a: Array3<F>| {
            let shape = (steps * batch, a.len_of(Axis(2)));
            a.into_shape_with_order(shape).expect("(T·B, H)")
        };
        let (da_z, da_h) = (flat(da_z), flat(da_h));
        let params = MinGru {
            w_xz: da_z.t().dot(&rows),
            b_z: da_z.sum_axis(Axis(0)),
            w_xh: da_h.t().dot(&rows),
            b_h: da_h.sum_axis(Axis(0)),
        };
        let dx = da_z.dot(&self.w_xz) + da_h.dot(&self.w_xh);
        let dx = dx
            .into_shape_with_order((steps, batch, input))
            .expect("(T, B, D)");
        (params, dx)
    }
}

/// out = x Wᵀ + b: x (R, D), w (H, D), b (H), out (R, H).
fn affine_into<F: Scalar>(
    x: ArrayView2<F>,
    w: &Array2<F>,
    b: &Array1<F>,
    mut out: ArrayViewMut2<F>,
) {
    out.assign(b);
    general_mat_mul(F::one(), &x, &w.t(), F::one(), &mut out);
}

/// A contiguous (T, B, H) array seen as `lanes` = (T, B·H).
fn lanes_of<F>(a: ArrayView3<'_, F>, lanes: (usize, usize)) -> ArrayView2<'_, F> {
    a.into_shape_with_order(lanes)
        .expect("a contiguous (T, B, H) array")
}

/// [`lanes_of`], mutably.
fn lanes_of_mut<F>(a: ArrayViewMut3<'_, F>, lanes: (usize, usize)) -> ArrayViewMut2<'_, F> {
    a.into_shape_with_order(lanes)
        .expect("a contiguous (T, B, H) array")
}

/// A contiguous (T', B, H) array seen as its T'·B rows (T'·B, H).
fn rows_of_mut<F>(a: ArrayViewMut3<'_, F>) -> ArrayViewMut2<'_, F> {
    let (steps, batch, hidden) = a.dim();
    a.into_shape_with_order((steps * batch, hidden))
        .expect("a contiguous (T', B, H) array")
}
