//! The GRU (reset-after form, as PyTorch and Keras compute it) with its
//! three gates packed side by side, the same three steps as the LSTM:
//! packed gates, hoisted input projection and weight gradients, one fused
//! loop per row.
//!
//! Column blocks, in order: z (update), r (reset), n (candidate, the
//! article's h̃). As in chapter 3, h_t = (1 − z) ⊙ h_{t-1} + z ⊙ n.

use gru::{Gru, GruForm};
use ndarray::linalg::general_mat_mul;
use ndarray::{Array1, Array2, Array3, ArrayView2, ArrayView3, Axis, s};

use crate::fastmath::FastMath;
use crate::rows::check_trace;
use crate::{pack, rows};
use numeric::sequence::{check_input, check_state, check_step_gradient};

/// A packed reset-after GRU: `w_x` (D, 3H), `w_h` (H, 3H), `b` (3H) for the
/// input side, and `b_hn` (H), the bias inside the reset: a_n = x W_xn + b_n
/// + r ⊙ (h W_hn + b_hn).
#[derive(Debug, Clone, PartialEq)]
pub struct FastGru<F> {
    pub w_x: Array2<F>,
    pub w_h: Array2<F>,
    pub b: Array1<F>,
    pub b_hn: Array1<F>,
}

numeric::params! { FastGru { w_x, w_h, b, b_hn } }

/// The forward pass's record; rows are t·B + b.
#[derive(Debug, Clone)]
pub struct FastGruTrace<F> {
    /// (T·B, 3H): z, r, n after their activation functions.
    pub gates: Array2<F>,
    /// (T·B, H): h_{t-1} W_hn + b_hn, the part the reset gate scales.
    pub hn: Array2<F>,
    /// ((T + 1)·B, H): h_0 … h_T.
    pub h: Array2<F>,
    pub batch: usize,
}

/// Gradients in the packed layout, and of the inputs and the initial state.
#[derive(Debug, Clone, PartialEq)]
pub struct FastGruGrads<F> {
    /// The parameters' gradients, in the parameters' own (packed) layout.
    pub params: FastGru<F>,
    /// (T, B, D).
    pub x: Array3<F>,
    pub h0: Array2<F>,
}

numeric::params! { FastGruGrads { x, h0 } nested { params } }

impl<F: FastMath> FastGru<F> {
    /// Pack a readable GRU of the reset-after form.
    pub fn from_gru(g: &Gru<F>) -> Self {
        let b_hn = match (&g.b_hn, g.form()) {
            (Some(b_hn), GruForm::ResetAfter) => b_hn.clone(),
            _ => panic!(
                "FastGru: only the reset-after form is packed (the article's form is not)"
            ),
        };
        FastGru {
            w_x: pack::columns(&[&g.w_xz, &g.w_xr, &g.w_xn]),
            w_h: pack::columns(&[&g.w_hz, &g.w_hr, &g.w_hn]),
            b: pack::biases(&[&g.b_z, &g.b_r, &g.b_n]),
            b_hn,
        }
    }

    /// Unpack into chapter 3's layout (for gradients: the same names).
    pub fn to_gru(&self) -> Gru<F> {
        let h = self.hidden_size();
        Gru {
            w_xz: pack::block(&self.w_x, 0, h),
            w_hz: pack::block(&self.w_h, 0, h),
            b_z: pack::bias(&self.b, 0, h),
            w_xr: pack::block(&self.w_x, 1, h),
            w_hr: pack::block(&self.w_h, 1, h),
            b_r: pack::bias(&self.b, 1, h),
            w_xn: pack::block(&self.w_x, 2, h),
            w_hn: pack::block(&self.w_h, 2, h),
            b_n: pack::bias(&self.b, 2, h),
            b_hn: Some(self.b_hn.clone()),
        }
    }

    pub fn hidden_size(&self) -> usize {
        self.w_h.nrows()
    }

    pub fn input_size(&self) -> usize {
        self.w_x.nrows()
    }

    // ANCHOR: forward
    /// Run over x (T, B, D) from h_0 (zeros if `None`).
    pub fn forward(&self, x: ArrayView3<F>, h0: Option<ArrayView2<F>>) -> FastGruTrace<F> {
        let (steps, batch) = check_input("FastGru", &x, self.input_size());
        let hidden = self.hidden_size();
        let x2 = rows::as_rows("FastGru", x, self.input_size());
        // Hoisted: x_t W_x + b for every step at once.
        let mut gates = x2.dot(&self.w_x) + &self.b;
        let mut hn = Array2::zeros((steps * batch, hidden));
        let mut h = Array2::zeros(((steps + 1) * batch, hidden));
        if let Some(h0) = h0 {
            check_state("FastGru", "h0", &h0, batch, hidden);
            h.slice_mut(s![..batch, ..]).assign(&h0);
        }
        // h_{t-1} W_h for the three gates: one product per step, into a buffer made once.
        let mut rec = Array2::zeros((batch, 3 * hidden));
        for t in 0..steps {
            let rows = t * batch..(t + 1) * batch;
            let (h_prev, mut h_next) = h.multi_slice_mut((
                s![rows.clone(), ..],
                s![(t + 1) * batch..(t + 2) * batch, ..],
            ));
            general_mat_mul(F::one(), &h_prev, &self.w_h, F::zero(), &mut rec);
            let mut g_t = gates.slice_mut(s![rows.clone(), ..]);
            let mut hn_t = hn.slice_mut(s![rows, ..]);
            for b in 0..batch {
                gru_step(
                    g_t.row_mut(b).into_slice().expect("contiguous"),
                    rec.row(b).as_slice().expect("contiguous"),
                    self.b_hn.as_slice().expect("contiguous"),
                    h_prev.row(b).as_slice().expect("contiguous"),
                    hn_t.row_mut(b).into_slice().expect("contiguous"),
                    h_next.row_mut(b).into_slice().expect("contiguous"),
                );
            }
        }
        FastGruTrace {
            gates,
            hn,
            h,
            batch,
        }
    }
    // ANCHOR_END: forward

    // ANCHOR: backward
    /// Given dL/dh_t (T, B, H): every gradient, packed.
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &FastGruTrace<F>,
        dh: ArrayView3<F>,
    ) -> FastGruGrads<F> {
        let (steps, batch) = check_input("FastGru", &x, self.input_size());
        let hidden = self.hidden_size();
        check_trace("FastGru", trace.h.nrows(), trace.batch, steps, batch);
        check_step_gradient("FastGru", "dh", &dh, (steps, batch, hidden));
        // The gradients of the input side's and the recurrent side's
        // pre-activations; they differ only in the candidate's block.
        let mut d_x_side = Array2::zeros((steps * batch, 3 * hidden));
        let mut d_h_side = Array2::zeros((steps * batch, 3 * hidden));
        let mut dh_t = Array2::<F>::zeros((batch, hidden));
        let mut dh_next = Array2::<F>::zeros((batch, hidden));
        for t in (0..steps).rev() {
            let rows = t * batch..(t + 1) * batch;
            dh_t.assign(&dh.index_axis(Axis(0), t));
            dh_t += &dh_next;
            for b in 0..batch {
                let r = t * batch + b;
                gru_step_backward(
                    trace.gates.row(r).as_slice().expect("contiguous"),
                    trace.hn.row(r).as_slice().expect("contiguous"),
                    trace.h.row(r).as_slice().expect("contiguous"),
                    dh_t.row(b).as_slice().expect("contiguous"),
                    dh_next.row_mut(b).into_slice().expect("contiguous"),
                    d_x_side.row_mut(r).into_slice().expect("contiguous"),
                    d_h_side.row_mut(r).into_slice().expect("contiguous"),
                );
            }
            // dh_{t-1} = dh_t ⊙ (1 − z) (already in dh_next) + d_h_side W_hᵀ.
            general_mat_mul(
                F::one(),
                &d_h_side.slice(s![rows, ..]),
                &self.w_h.t(),
                F::one(),
                &mut dh_next,
            );
        }
        // Hoisted: the weight gradients and dL/dx, one product each.
        let h_prev = trace.h.slice(s![..steps * batch, ..]);
        let g = rows::hoisted_grads(x, h_prev, &d_x_side, &d_h_side, &self.w_x);
        FastGruGrads {
            params: FastGru {
                w_x: g.w_x,
                w_h: g.w_h,
                b: g.b,
                b_hn: d_h_side.slice(s![.., 2 * hidden..]).sum_axis(Axis(0)),
            },
            x: g.x,
            h0: dh_next,
        }
    }
    // ANCHOR_END: backward
}

// ANCHOR: fused
/// One sequence's step. `g` holds x_t W_x + b and receives z, r, n; `rec`
/// is h_{t-1} W_h. Writes h W_hn + b_hn into `hn` and h_t into `h`.
#[inline(never)]
fn gru_step<F: FastMath>(
    g: &mut [F],
    rec: &[F],
    b_hn: &[F],
    h_prev: &[F],
    hn: &mut [F],
    h: &mut [F],
) {
    let n = h.len();
    assert!(g.len() == 3 * n && rec.len() == 3 * n);
    assert!(b_hn.len() == n && h_prev.len() == n && hn.len() == n);
    let (z, rest) = g.split_at_mut(n);
    let (r, cand) = rest.split_at_mut(n);
    for k in 0..n {
        z[k] = (z[k] + rec[k]).sigmoid_fast();
        r[k] = (r[k] + rec[n + k]).sigmoid_fast();
        hn[k] = rec[2 * n + k] + b_hn[k];
        cand[k] = (cand[k] + r[k] * hn[k]).tanh_fast();
        h[k] = h_prev[k] + z[k] * (cand[k] - h_prev[k]);
    }
}

/// The derivative of one step for one sequence. From the total dh_t, write
/// the pre-activation gradients of both sides and set `dh_prev` to the part
/// of dh_{t-1} that does not pass through W_h: dh_t ⊙ (1 − z).
#[inline(never)]
fn gru_step_backward<F: FastMath>(
    g: &[F],
    hn: &[F],
    h_prev: &[F],
    dh: &[F],
    dh_prev: &mut [F],
    d_x_side: &mut [F],
    d_h_side: &mut [F],
) {
    let n = dh.len();
    assert!(g.len() == 3 * n && d_x_side.len() == 3 * n && d_h_side.len() == 3 * n);
    assert!(hn.len() == n && h_prev.len() == n && dh_prev.len() == n);
    let one = F::one();
    for k in 0..n {
        let (z, r, cand) = (g[k], g[n + k], g[2 * n + k]);
        let da_n = dh[k] * z * (one - cand * cand);
        let da_z = dh[k] * (cand - h_prev[k]) * z * (one - z);
        let da_r = da_n * hn[k] * r * (one - r);
        d_x_side[k] = da_z;
        d_x_side[n + k] = da_r;
        d_x_side[2 * n + k] = da_n;
        d_h_side[k] = da_z;
        d_h_side[n + k] = da_r;
        d_h_side[2 * n + k] = da_n * r;
        dh_prev[k] = dh[k] * (one - z);
    }
}
// ANCHOR_END: fused
