//! What the three fast layers share: inputs with time and batch flattened
//! into rows, and the products hoisted after the backward loop.

use ndarray::{Array1, Array2, Array3, ArrayView2, ArrayView3, Axis, CowArray, Ix2, Ix3};

use crate::fastmath::FastMath;

/// x (T, B, D) as a (T·B, D) matrix whose row t·B + b is step t of
/// sequence b; panics, naming `layer`, when D is not `input`.
pub fn as_rows<'a, F: FastMath>(
    layer: &str,
    x: ArrayView3<'a, F>,
    input: usize,
) -> CowArray<'a, F, Ix2> {
    let (steps, batch, d) = x.dim();
    assert_eq!(
        d,
        input,
        "{layer}: x has shape {:?}, the layer's input size is {input}",
        x.dim()
    );
    let x: CowArray<'a, F, Ix3> = if x.is_standard_layout() {
        x.into()
    } else {
        x.as_standard_layout().into_owned().into()
    };
    x.into_shape_with_order((steps * batch, d))
        .expect("a standard-layout array reshapes")
}

/// Check that a trace holding `trace_rows` rows of states for `trace_batch`
/// sequences comes from the forward pass over these `steps` × `batch`.
pub fn check_trace(
    layer: &str,
    trace_rows: usize,
    trace_batch: usize,
    steps: usize,
    batch: usize,
) {
    assert!(
        trace_batch == batch && trace_rows == (steps + 1) * batch,
        "{layer}: the trace holds {trace_rows} state rows of {trace_batch} sequences, \
         but x has {steps} steps of {batch} (expected {} rows)",
        (steps + 1) * batch
    );
}

/// The gradients that are one product each, after the backward loop.
pub struct Hoisted<F> {
    /// Xᵀ · d_x (D, G·H).
    pub w_x: Array2<F>,
    /// H_prevᵀ · d_h (H, G·H).
    pub w_h: Array2<F>,
    /// Σ_rows d_x (G·H).
    pub b: Array1<F>,
    /// d_x · W_xᵀ, back in (T, B, D).
    pub x: Array3<F>,
}

// ANCHOR: hoisted
/// From the pre-activation gradients of every step — `d_x` for the input
/// side and `d_h` for the recurrent side, (T·B, G·H) each, the same matrix
/// except in the GRU — the weight, bias and input gradients, one product
/// each. `h_prev` holds h_0 … h_{T-1} as rows.
pub fn hoisted_grads<F: FastMath>(
    x: ArrayView3<F>,
    h_prev: ArrayView2<F>,
    d_x: &Array2<F>,
    d_h: &Array2<F>,
    w_x: &Array2<F>,
) -> Hoisted<F> {
    let x_rows = as_rows("hoisted_grads", x, w_x.nrows());
    Hoisted {
        w_x: x_rows.t().dot(d_x),
        w_h: h_prev.t().dot(d_h),
        b: d_x.sum_axis(Axis(0)),
        x: d_x
            .dot(&w_x.t())
            .into_shape_with_order(x.raw_dim())
            .expect("rows are steps × batch"),
    }
}
// ANCHOR_END: hoisted
