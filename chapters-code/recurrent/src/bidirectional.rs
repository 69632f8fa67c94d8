//! A bidirectional layer: one recurrent layer reads the sequence from the
//! start, a second from the end, and the output at step t is both states
//! side by side,
//!
//! ```text
//! →h_t = cell_f(x_t, →h_{t−1}),   ←h_t = cell_b(x_t, ←h_{t+1}),   y_t = [→h_t ; ←h_t]
//! ```
//!
//! so y_t depends on the whole sequence. The backward layer is an ordinary
//! layer run over the reversed sequence, its states reversed back. Backward,
//! the gradient of y_t splits into its two halves; the backward layer's half
//! is reversed in time, run through its backward pass, and its gradient of
//! the input reversed back and added to the forward layer's.

use fast_rnn::fastmath::FastMath;
use ndarray::{Array3, ArrayView2, ArrayView3, Axis, concatenate, s};
use numeric::Scalar;

use crate::{Recurrent, RecurrentTrace};

/// Two layers of the same input width D: `fwd` reads x_1 … x_T, `bwd` reads x_T … x_1.
#[derive(Debug, Clone, PartialEq)]
pub struct Bidirectional<F> {
    pub fwd: Recurrent<F>,
    pub bwd: Recurrent<F>,
}

numeric::params! { Bidirectional {} prefixed { fwd, bwd } }

/// What the forward pass keeps: x reversed in time, and both layers' traces.
#[derive(Debug, Clone)]
pub struct BidirectionalTrace<F> {
    x_reversed: Array3<F>,
    fwd: RecurrentTrace<F>,
    bwd: RecurrentTrace<F>,
}

/// `a` (T, …) with its time axis reversed.
fn reversed<F: Scalar>(a: ArrayView3<F>) -> Array3<F> {
    a.slice(s![..;-1, .., ..]).to_owned()
}

/// Recurrent dropout masks (B, H) for the two directions, or none.
pub type DirectionMasks<'a, F> = Option<(ArrayView2<'a, F>, ArrayView2<'a, F>)>;

impl<F: FastMath> Bidirectional<F> {
    /// y_t = [→h_t ; ←h_t] for x (T, B, D): returns y (T, B, H_f + H_b) and the trace.
    pub fn forward(&self, x: ArrayView3<F>) -> (Array3<F>, BidirectionalTrace<F>) {
        self.forward_masked(x, None)
    }

    /// Given dL/dy_t (T, B, H_f + H_b): both layers' gradients and dL/dx (T, B, D).
    pub fn backward(
        &self,
        x: ArrayView3<F>,
        trace: &BidirectionalTrace<F>,
        dy: ArrayView3<F>,
    ) -> (Bidirectional<F>, Array3<F>) {
        self.backward_masked(x, trace, dy, None)
    }

    // ANCHOR: forward
    /// [`forward`](Self::forward), with recurrent dropout masks for the two
    /// layers if given. The two layers do not depend on each other, so they
    /// run on two threads.
    pub fn forward_masked(
        &self,
        x: ArrayView3<F>,
        m_h: DirectionMasks<'_, F>,
    ) -> (Array3<F>, BidirectionalTrace<F>) {
        let (m_f, m_b) = m_h.unzip();
        let x_reversed = reversed(x);
        let ((h_fwd, fwd), (h_bwd_reversed, bwd)) = std::thread::scope(|scope| {
            let fwd = scope.spawn(|| self.fwd.forward_masked(x, m_f));
            let bwd = self.bwd.forward_masked(x_reversed.view(), m_b);
            (
                fwd.join().expect("the forward layer's thread panicked"),
                bwd,
            )
        });
        let h_bwd = reversed(h_bwd_reversed.view());
        let y = concatenate(Axis(2), &[h_fwd.view(), h_bwd.view()])
            .expect("both layers' states are (T, B, H)");
        (
            y,
            BidirectionalTrace {
                x_reversed,
                fwd,
                bwd,
            },
        )
    }
    // ANCHOR_END: forward

    // ANCHOR: backward
    /// The backward pass of [`forward_masked`](Self::forward_masked), with the same masks.
    pub fn backward_masked(
        &self,
        x: ArrayView3<F>,
        trace: &BidirectionalTrace<F>,
        dy: ArrayView3<F>,
        m_h: DirectionMasks<'_, F>,
    ) -> (Bidirectional<F>, Array3<F>) {
        let h_f = self.fwd.hidden_size();
        assert_eq!(
            dy.dim().2,
            h_f + self.bwd.hidden_size(),
            "Bidirectional::backward: dy has {} features, the layers {} + {}",
            dy.dim().2,
            h_f,
            self.bwd.hidden_size()
        );
        let (m_f, m_b) = m_h.unzip();
        let dh_bwd_reversed = reversed(dy.slice(s![.., .., h_f..]));
        let ((g_fwd, dx_fwd), (g_bwd, dx_bwd_reversed)) = std::thread::scope(|scope| {
            let fwd = scope.spawn(|| {
                let dh_fwd = dy.slice(s![.., .., ..h_f]);
                self.fwd.backward_masked(x, &trace.fwd, dh_fwd, m_f)
            });
            let bwd = self.bwd.backward_masked(
                trace.x_reversed.view(),
                &trace.bwd,
                dh_bwd_reversed.view(),
                m_b,
            );
            (
                fwd.join().expect("the forward layer's thread panicked"),
                bwd,
            )
        });
        let dx = dx_fwd + reversed(dx_bwd_reversed.view());
        (
            Bidirectional {
                fwd: g_fwd,
                bwd: g_bwd,
            },
            dx,
        )
    }
    // ANCHOR_END: backward
}
