//! The LSTM with its four gates packed side by side.
//!
//! Three changes to the readable cell, none to the mathematics:
//!
//! 1. **Packed gates.** The four input matrices are one (D, 4H) matrix and
//!    the four recurrent ones one (H, 4H) matrix, so a step does one matrix
//!    product for all gates instead of four (and eight in total become two).
//! 2. **Hoisted input projection.** x_t W_x does not depend on the previous
//!    state, so it is computed for all T steps at once, as one (T·B, D) ×
//!    (D, 4H) product, before the time loop; likewise the weight gradients
//!    are one product each after the backward loop.
//! 3. **Fused element-wise code.** The gate activations, the cell update and
//!    their derivatives are one loop over each row, writing into buffers
//!    allocated once: nothing is allocated inside the time loop.
//!
//! Column blocks of the packed matrices, in order: i, f, c̃ (PyTorch's g), o.

use crate::fastmath::FastMath;
use crate::rows;
use crate::rows::check_trace;
use lstm::Lstm;
use lstm::pytorch::PyTorchLstm;
use ndarray::linalg::general_mat_mul;
use ndarray::{Array1, Array2, Array3, ArrayView2, ArrayView3, Axis, CowArray, s};
use numeric::pytorch::{ShapeError, expect_shape};
use numeric::sequence::{check_input, check_state, check_step_gradient, initial_state};

/// An LSTM with packed weights: `w_x` (D, 4H), `w_h` (H, 4H), `b` (4H).
#[derive(Debug, Clone, PartialEq)]
pub struct FastLstm<F> {
    pub w_x: Array2<F>,
    pub w_h: Array2<F>,
    pub b: Array1<F>,
}

numeric::params! { FastLstm { w_x, w_h, b } }

/// What the forward pass keeps: the activated gates and every state, with
/// time and batch flattened into rows (row t·B + b is step t, sequence b).
#[derive(Debug, Clone)]
pub struct FastLstmTrace<F> {
    /// (T·B, 4H): i, f, c̃, o after their activation functions.
    pub gates: Array2<F>,
    /// ((T + 1)·B, H): C_0 … C_T.
    pub c: Array2<F>,
    /// ((T + 1)·B, H): h_0 … h_T.
    pub h: Array2<F>,
    pub batch: usize,
}

/// Gradients in the packed layout, and of the inputs and initial states.
#[derive(Debug, Clone, PartialEq)]
pub struct FastLstmGrads<F> {
    /// The parameters' gradients, in the parameters' own (packed) layout.
    pub params: FastLstm<F>,
    /// (T, B, D).
    pub x: Array3<F>,
    pub h0: Array2<F>,
    pub c0: Array2<F>,
}

numeric::params! { FastLstmGrads { x, h0, c0 } nested { params } }

impl<F: FastMath> FastLstmTrace<F> {
    /// h_1 … h_T as (T, B, H).
    pub fn states(&self) -> ArrayView3<'_, F> {
        let (rows, hidden) = self.h.dim();
        let steps = rows / self.batch - 1;
        self.h
            .slice(s![self.batch.., ..])
            .into_shape_with_order((steps, self.batch, hidden))
            .expect("the trace's rows are steps × batch")
    }

    /// The last hidden state h_T, (B, H).
    pub fn last_h(&self) -> ArrayView2<'_, F> {
        self.h.slice(s![self.h.nrows() - self.batch.., ..])
    }

    /// The last cell state C_T, (B, H).
    pub fn last_c(&self) -> ArrayView2<'_, F> {
        self.c.slice(s![self.c.nrows() - self.batch.., ..])
    }
}

impl<F: FastMath> FastLstm<F> {
    /// Pack a readable LSTM. PyTorch's layout packs the gates as this layer
    /// does (i, f, c̃, o), transposed.
    pub fn from_lstm(l: &Lstm<F>) -> Self {
        Self::from_pytorch(&l.to_pytorch()).expect("a readable LSTM's tensors fit together")
    }

    /// Unpack into the readable layout (for gradients: the same names as chapter 3).
    pub fn to_lstm(&self) -> Lstm<F> {
        Lstm::from_pytorch(&self.to_pytorch()).expect("a fast LSTM's tensors fit together")
    }

    /// The layer PyTorch's tensors describe (its two biases added).
    pub fn from_pytorch(p: &PyTorchLstm<F>) -> Result<Self, ShapeError> {
        let hidden = p.weight_hh_l0.ncols();
        let input = p.weight_ih_l0.ncols();
        expect_shape("weight_ih_l0", p.weight_ih_l0.shape(), &[4 * hidden, input])?;
        expect_shape(
            "weight_hh_l0",
            p.weight_hh_l0.shape(),
            &[4 * hidden, hidden],
        )?;
        expect_shape("bias_ih_l0", p.bias_ih_l0.shape(), &[4 * hidden])?;
        expect_shape("bias_hh_l0", p.bias_hh_l0.shape(), &[4 * hidden])?;
        Ok(FastLstm {
            w_x: p.weight_ih_l0.t().to_owned(),
            w_h: p.weight_hh_l0.t().to_owned(),
            b: &p.bias_ih_l0 + &p.bias_hh_l0,
        })
    }

    /// PyTorch's tensors for this layer (the whole bias in `bias_ih_l0`).
    pub fn to_pytorch(&self) -> PyTorchLstm<F> {
        PyTorchLstm {
            weight_ih_l0: self.w_x.t().to_owned(),
            weight_hh_l0: self.w_h.t().to_owned(),
            bias_ih_l0: self.b.clone(),
            bias_hh_l0: Array1::zeros(self.b.len()),
        }
    }

    pub fn hidden_size(&self) -> usize {
        self.w_h.nrows()
    }

    pub fn input_size(&self) -> usize {
        self.w_x.nrows()
    }

    /// Run over x (T, B, D) from h_0 and C_0 (zeros if `None`).
    pub fn forward(
        &self,
        x: ArrayView3<F>,
        h0: Option<ArrayView2<F>>,
        c0: Option<ArrayView2<F>>,
    ) -> FastLstmTrace<F> {
        self.forward_masked(x, h0, c0, None)
    }

    // ANCHOR: forward
    /// Run over x (T, B, D) from h_0 and C_0 (zeros if `None`). `m_h` (B, H),
    /// if given, is recurrent dropout: every step reads h_{t−1} ⊙ m_h in
    /// place of h_{t−1}, the same mask at every step (chapter 2, "Dropout").
    pub fn forward_masked(
        &self,
        x: ArrayView3<F>,
        h0: Option<ArrayView2<F>>,
        c0: Option<ArrayView2<F>>,
        m_h: Option<ArrayView2<F>>,
    ) -> FastLstmTrace<F> {
        let (steps, batch) = check_input("FastLstm", &x, self.input_size());
        let hidden = self.hidden_size();
        let x2 = rows::as_rows("FastLstm", x, self.input_size());
        // Hoisted: the input projection of every step, one product.
        let mut gates = x2.dot(&self.w_x) + &self.b;
        let mut c = Array2::zeros(((steps + 1) * batch, hidden));
        let mut h = Array2::zeros(((steps + 1) * batch, hidden));
        if let Some(h0) = h0 {
            check_state("FastLstm", "h0", &h0, batch, hidden);
            h.slice_mut(s![..batch, ..]).assign(&h0);
        }
        if let Some(c0) = c0 {
            check_state("FastLstm", "c0", &c0, batch, hidden);
            c.slice_mut(s![..batch, ..]).assign(&c0);
        }
        if let Some(m_h) = m_h {
            check_state("FastLstm", "m_h", &m_h, batch, hidden);
        }
        // Under recurrent dropout the product reads a masked copy of h_{t−1};
        // the stored states, the layer's output, stay unmasked.
        let mut h_read = Array2::zeros((batch, hidden));
        for t in 0..steps {
            let rows = t * batch..(t + 1) * batch;
            let mut g_t = gates.slice_mut(s![rows.clone(), ..]);
            let h_prev = h.slice(s![rows.clone(), ..]);
            // One product for all four gates.
            if let Some(m_h) = m_h {
                h_read.assign(&(&h_prev * &m_h));
                general_mat_mul(F::one(), &h_read, &self.w_h, F::one(), &mut g_t);
            } else {
                general_mat_mul(F::one(), &h_prev, &self.w_h, F::one(), &mut g_t);
            }
            let (c_prev, mut c_next) = c.multi_slice_mut((
                s![rows.clone(), ..],
                s![t * batch + batch..(t + 2) * batch, ..],
            ));
            let mut h_next = h.slice_mut(s![(t + 1) * batch..(t + 2) * batch, ..]);
            for b in 0..batch {
                let g = g_t
                    .row_mut(b)
                    .into_slice()
                    .expect("rows of a standard-layout matrix are contiguous");
                cell_step(
                    g,
                    c_prev.row(b).as_slice().expect("contiguous"),
                    c_next.row_mut(b).into_slice().expect("contiguous"),
                    h_next.row_mut(b).into_slice().expect("contiguous"),
                );
            }
        }
        FastLstmTrace { gates, c, h, batch }
    }
    // ANCHOR_END: forward

    /// Given dL/dh_t (T, B, H) and dL/dC_T: every gradient, packed.
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &FastLstmTrace<F>,
        dh: ArrayView3<F>,
        dc_last: Option<ArrayView2<F>>,
    ) -> FastLstmGrads<F> {
        self.backward_masked(x, trace, dh, dc_last, None)
    }

    // ANCHOR: backward
    /// Given dL/dh_t (T, B, H) and dL/dC_T: every gradient, packed. `m_h`
    /// must be the forward pass's recurrent dropout mask.
    pub fn backward_masked(
        &self,
        x: ArrayView3<F>,
        trace: &FastLstmTrace<F>,
        dh: ArrayView3<F>,
        dc_last: Option<ArrayView2<F>>,
        m_h: Option<ArrayView2<F>>,
    ) -> FastLstmGrads<F> {
        let (steps, batch) = check_input("FastLstm", &x, self.input_size());
        let hidden = self.hidden_size();
        check_trace("FastLstm", trace.h.nrows(), trace.batch, steps, batch);
        check_step_gradient("FastLstm", "dh", &dh, (steps, batch, hidden));
        let mut d_pre = Array2::zeros((steps * batch, 4 * hidden));
        let mut dh_next = Array2::<F>::zeros((batch, hidden));
        let mut dc_next = initial_state("FastLstm", "dc_last", dc_last, batch, hidden);
        let mut dh_t = Array2::<F>::zeros((batch, hidden));
        for t in (0..steps).rev() {
            let rows = t * batch..(t + 1) * batch;
            dh_t.assign(&dh.index_axis(Axis(0), t));
            dh_t += &dh_next;
            for b in 0..batch {
                let r = t * batch + b;
                cell_step_backward(
                    trace.gates.row(r).as_slice().expect("contiguous"),
                    trace.c.row(r).as_slice().expect("contiguous"),
                    trace.c.row(r + batch).as_slice().expect("contiguous"),
                    dh_t.row(b).as_slice().expect("contiguous"),
                    dc_next.row_mut(b).into_slice().expect("contiguous"),
                    d_pre.row_mut(r).into_slice().expect("contiguous"),
                );
            }
            // dh_{t-1} = (d_pre_t W_hᵀ) ⊙ m_h: one product for all four gates.
            general_mat_mul(
                F::one(),
                &d_pre.slice(s![rows, ..]),
                &self.w_h.t(),
                F::zero(),
                &mut dh_next,
            );
            if let Some(m_h) = m_h {
                dh_next *= &m_h;
            }
        }
        // Hoisted: every weight gradient is one product over all steps, with
        // the states the products read (masked, under recurrent dropout).
        let mut h_prev = CowArray::from(trace.h.slice(s![..steps * batch, ..]));
        if let Some(m_h) = m_h {
            let mut masked = h_prev.into_owned();
            for mut h_t in masked.exact_chunks_mut((batch, hidden)) {
                h_t *= &m_h;
            }
            h_prev = CowArray::from(masked);
        }
        let g = rows::hoisted_grads(x, h_prev.view(), &d_pre, &d_pre, &self.w_x);
        FastLstmGrads {
            params: FastLstm {
                w_x: g.w_x,
                w_h: g.w_h,
                b: g.b,
            },
            x: g.x,
            h0: dh_next,
            c0: dc_next,
        }
    }
    // ANCHOR_END: backward
}

// ANCHOR: fused
/// One sequence's step, in place: `g` holds the four pre-activations and
/// receives the activated gates; writes C_t and h_t.
#[inline(never)]
fn cell_step<F: FastMath>(g: &mut [F], c_prev: &[F], c: &mut [F], h: &mut [F]) {
    let n = c.len();
    // Equal lengths, stated once, let the compiler drop every bounds check
    // in the loop and turn it into SIMD code.
    assert!(g.len() == 4 * n && c_prev.len() == n && h.len() == n);
    let (i, rest) = g.split_at_mut(n);
    let (f, rest) = rest.split_at_mut(n);
    let (cand, o) = rest.split_at_mut(n);
    for k in 0..n {
        i[k] = i[k].sigmoid_fast();
        f[k] = f[k].sigmoid_fast();
        cand[k] = cand[k].tanh_fast();
        o[k] = o[k].sigmoid_fast();
        c[k] = f[k] * c_prev[k] + i[k] * cand[k];
        h[k] = o[k] * c[k].tanh_fast();
    }
}

/// The derivative of one step for one sequence: from dh_t (total) and the
/// dC arriving from step t + 1 (updated in place to dC_{t-1}'s share), write
/// the gradients of the four pre-activations.
fn cell_step_backward<F: FastMath>(
    g: &[F],
    c_prev: &[F],
    c: &[F],
    dh: &[F],
    dc_next: &mut [F],
    d_pre: &mut [F],
) {
    let n = c.len();
    assert!(g.len() == 4 * n && d_pre.len() == 4 * n);
    assert!(c_prev.len() == n && dh.len() == n && dc_next.len() == n);
    let one = F::one();
    for k in 0..n {
        let (i, f, cand, o) = (g[k], g[n + k], g[2 * n + k], g[3 * n + k]);
        let tanh_c = c[k].tanh_fast();
        let dc = dc_next[k] + dh[k] * o * (one - tanh_c * tanh_c);
        d_pre[k] = dc * cand * i * (one - i);
        d_pre[n + k] = dc * c_prev[k] * f * (one - f);
        d_pre[2 * n + k] = dc * i * (one - cand * cand);
        d_pre[3 * n + k] = dh[k] * tanh_c * o * (one - o);
        dc_next[k] = dc * f;
    }
}
// ANCHOR_END: fused
